//! The bulk change dialog: choose a change, review it (`review`), then watch it apply with a
//! result per domain (`results`). Closed while applying, the batch goes on; the selection bar
//! shows its progress.

mod results;
mod review;

use crate::components::dialog::Dialog;
use crate::components::nameserver_editor::NameserverEditor;
use crate::i18n::Lang;
use crate::logic::bulk::{nameserver_sets, review, BulkChange, BulkReview, ChangeDraft, ChangeKind, DraftProblem};
use crate::logic::format::counted;
use crate::logic::table::Order;
use crate::state::bulk::Bulk;
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use crate::state::store::{DomainStore, Readers, Reads};
use leptos::prelude::*;
use results::BatchResults;
use review::ReviewBulk;

/// Rows shown at first in a long list; the rest on request.
const FIRST_ROWS: usize = 100;
/// A list of left-out domains this short is shown open.
const OPEN_LEFT_OUT: usize = 10;
/// Nameserver sets offered from the account's own domains.
const NAMESERVER_SETS: usize = 3;

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Choose,
    Review(BulkReview),
    Applying,
}

/// `show_batch`: open on the running (or finished) batch rather than on a new change.
#[component]
pub fn BulkDialog(open: RwSignal<bool>, show_batch: bool) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let i18n = use_i18n();
    let step = RwSignal::new(if show_batch { Step::Applying } else { Step::Choose });
    let draft = RwSignal::new(ChangeDraft::default());
    let title = i18n.signal(move |lang| {
        step.with(|step| match step {
            Step::Choose => lang.bulk_choose_title().to_string(),
            Step::Review(review) => lang.bulk_review_title(review.change.title(lang)),
            Step::Applying => bulk
                .with_batch(|batch| batch.map(|batch| batch.change.title(lang)))
                .unwrap_or_default()
                .to_string(),
        })
    });
    let close = Callback::new(move |()| open.set(false));
    view! {
        <Dialog open on_close=close title>
            {move || match step.get() {
                Step::Choose => {
                    view! { <ChooseChange draft on_review=Callback::new(move |review| step.set(Step::Review(review))) close /> }
                        .into_any()
                }
                Step::Review(review) => {
                    let on_apply = Callback::new(move |review: BulkReview| {
                        match &review.change {
                            BulkChange::Tag { tag, add } => {
                                keep_tag(&review, tag, *add);
                                bulk.finish_kept(&review);
                            }
                            _ => bulk.start(&review),
                        }
                        step.set(Step::Applying);
                    });
                    view! { <ReviewBulk review on_back=Callback::new(move |()| step.set(Step::Choose)) on_apply /> }.into_any()
                }
                // Closed, the dialog stays in the page: its result lines (a thousand of them,
                // at every answer) are only made while it is open.
                Step::Applying => view! {
                    <Show when=move || open.get()>
                        <BatchResults close />
                    </Show>
                }
                .into_any(),
            }}
        </Dialog>
    }
}

/// Adds `tag` to (or removes it from) the domains the review changes: kept in this browser.
fn keep_tag(review: &BulkReview, tag: &str, add: bool) {
    let store = expect_context::<DomainStore>();
    let memory = expect_context::<PortfolioMemory>();
    let names: Vec<String> = store.with_cache_untracked(|cache| {
        review
            .rows
            .iter()
            .filter_map(|row| cache.get(row.id).map(|record| record.summary.domain_name.clone()))
            .collect()
    });
    memory.update(|notes| {
        for name in &names {
            notes.tag(name, tag, add);
        }
    });
}

/// Which change, and for nameservers which ones (the single editor's rules and hints).
#[component]
fn ChooseChange(draft: RwSignal<ChangeDraft>, on_review: Callback<BulkReview>, close: Callback<()>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let store = expect_context::<DomainStore>();
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let submitted = RwSignal::new(false);
    let kind = move || draft.with(|draft| draft.kind);
    let reads = RwSignal::new(Reads::default());
    // Before the review, the registrar of each domain not yet opened: the list does not say.
    let prepare = Action::new_local(move |change: &BulkChange| {
        let change = change.clone();
        let ids = bulk.selected_in(Order::default());
        async move {
            // A removal and a tag take any domain, wherever it is registered.
            if !matches!(change, BulkChange::Remove | BulkChange::Tag { .. }) {
                store
                    .read_unknown_registrars(&ids, Readers::Four, &|read| reads.set(read))
                    .await;
            }
            let reviewed =
                memory.with_untracked(|notes| store.with_cache_untracked(|cache| review(change, &ids, cache, notes)));
            on_review.run(reviewed);
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        if let Ok(change) = draft.with_untracked(ChangeDraft::change) {
            prepare.dispatch(change);
        }
    };
    view! {
        <form class="bulk-choose" on:submit=submit novalidate>
            <fieldset class="choices">
                <legend>{i18n.text(Lang::bulk_change_legend)}</legend>
                // A tag is kept by the portfolio's keeper: offered once it has read what is kept.
                {ChangeKind::ALL.into_iter().filter(|choice| memory.is_loaded() || !choice.is_tag()).map(|choice| view! {
                    <label class="check">
                        <input
                            type="radio"
                            name="bulk-change"
                            prop:checked=move || kind() == choice
                            on:change=move |_| draft.update(|draft| draft.kind = choice)
                        />
                        <span>{i18n.words(move |lang| choice.change().title(lang))}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <Show when=move || kind() == ChangeKind::Nameservers>
                <NameserverEditor
                    rows=Signal::derive(move || draft.with(|draft| draft.nameservers.clone()))
                    set_rows=SignalSetter::map(move |rows| draft.update(|draft| draft.nameservers = rows))
                    submitted
                    server_errors=Signal::derive(Vec::new)
                    id_prefix="bulk"
                />
                <NameserverSets draft />
            </Show>
            <Show when=move || kind().is_tag()>
                <TagField draft submitted />
            </Show>
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| close.run(())>
                    {i18n.text(Lang::action_cancel)}
                </button>
                <button type="submit" class="button button--primary" disabled=move || prepare.pending().get()>
                    {i18n.words(move |lang| match (prepare.pending().get(), reads.get()) {
                        (false, _) => lang.bulk_review_button().to_string(),
                        (true, Reads { total: 0, .. }) => lang.bulk_checking().to_string(),
                        (true, Reads { done, total }) => {
                            lang.bulk_checking_registrars(counted(lang, done), counted(lang, total))
                        }
                    })}
                </button>
            </div>
        </form>
    }
}

/// The nameserver sets the account already uses, each a button that fills the rows.
#[component]
fn NameserverSets(draft: RwSignal<ChangeDraft>) -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let i18n = use_i18n();
    let sets = store.with_cache_untracked(|cache| nameserver_sets(cache, NAMESERVER_SETS));
    (!sets.is_empty()).then(|| {
        view! {
            <div class="ns-sets" role="group" aria-label=i18n.text(Lang::bulk_ns_sets_label)>
                <span class="hint">{i18n.text(Lang::bulk_ns_sets_hint)}</span>
                {sets
                    .into_iter()
                    .map(|set| {
                        let joined = set.nameservers.join(", ");
                        let used_by = set.used_by;
                        let label = i18n.words(move |lang| lang.bulk_ns_set(used_by as i64, &joined));
                        let nameservers = set.nameservers;
                        view! {
                            <button
                                type="button"
                                class="button button--quiet"
                                on:click=move |_| draft.update(|draft| draft.nameservers = nameservers.clone())
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        }
    })
}

/// The tag to add or remove, with what is wrong with it once submitted.
#[component]
fn TagField(draft: RwSignal<ChangeDraft>, submitted: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let problem = move || match draft.with(ChangeDraft::change) {
        Err(DraftProblem::Tag(problem)) if submitted.get() => Some(problem),
        _ => None,
    };
    view! {
        <div class="field">
            <label class="field__label" for="bulk-tag">{i18n.text(Lang::portfolio_tag_label)}</label>
            <input
                id="bulk-tag"
                class="input"
                autocomplete="off"
                aria-invalid=move || problem().is_some().then_some("true")
                aria-describedby="bulk-tag-problem"
                prop:value=move || draft.with(|draft| draft.tag.clone())
                on:input:target=move |event| draft.update(|draft| draft.tag = event.target().value())
            />
            <p id="bulk-tag-problem" class="field__error" role="alert">
                {move || problem().map(|problem| i18n.words(move |lang| crate::logic::portfolio::text::problem_text(lang, problem)))}
            </p>
        </div>
    }
}
