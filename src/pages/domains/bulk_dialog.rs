//! The bulk change dialog: choose a change, review it (each domain's before → after, the ones
//! left out and why, what it leads to), then watch it apply with a result per domain. Closed
//! while applying, the batch goes on; the selection bar shows its progress.

use crate::bulk::{Bulk, Reads};
use crate::components::dialog::Dialog;
use crate::components::nameserver_editor::NameserverEditor;
use crate::i18n::{use_i18n, Lang};
use crate::intl::number;
use crate::logic::bulk::{
    confirms_removal, nameserver_sets, removal_phrase, review, Batch, BulkChange, BulkReview, ChangeDraft, ChangeKind,
    Halt, Outcome,
};
use crate::logic::table::{sorted_ids, SortKey};
use crate::store::Store;
use leptos::prelude::*;

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
    let title = Signal::derive(move || {
        let lang = i18n.get();
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
        <Dialog open title>
            {move || match step.get() {
                Step::Choose => {
                    view! { <ChooseChange draft on_review=Callback::new(move |review| step.set(Step::Review(review))) close /> }
                        .into_any()
                }
                Step::Review(review) => {
                    let on_apply = Callback::new(move |review: BulkReview| {
                        bulk.start(&review);
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

/// Which change, and for nameservers which ones (the single editor's rules and hints).
#[component]
fn ChooseChange(draft: RwSignal<ChangeDraft>, on_review: Callback<BulkReview>, close: Callback<()>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let store = expect_context::<Store>();
    let i18n = use_i18n();
    let submitted = RwSignal::new(false);
    let kind = move || draft.with(|draft| draft.kind);
    let reads = RwSignal::new(Reads::default());
    // Before the review, the registrar of each domain not yet opened: the list does not say.
    let prepare = Action::new_local(move |change: &BulkChange| {
        let change = change.clone();
        let ids = bulk.selection_untracked(|selection| {
            store.with_cache_untracked(|cache| {
                let mut ids = sorted_ids(cache, SortKey::Name, false);
                ids.retain(|id| selection.contains(id));
                ids
            })
        });
        async move {
            if change != BulkChange::Remove {
                bulk.learn_registrars(&ids, reads).await;
            }
            on_review.run(store.with_cache_untracked(|cache| review(change, &ids, cache)));
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
                {ChangeKind::ALL.map(|choice| view! {
                    <label class="check">
                        <input
                            type="radio"
                            name="bulk-change"
                            prop:checked=move || kind() == choice
                            on:change=move |_| draft.update(|draft| draft.kind = choice)
                        />
                        <span>{move || choice.change().title(i18n.get())}</span>
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
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| close.run(())>
                    {i18n.text(Lang::action_cancel)}
                </button>
                <button type="submit" class="button button--primary" disabled=move || prepare.pending().get()>
                    {move || {
                        let lang = i18n.get();
                        match (prepare.pending().get(), reads.get()) {
                            (false, _) => lang.bulk_review_button().to_string(),
                            (true, Reads { total: 0, .. }) => lang.bulk_checking().to_string(),
                            (true, Reads { done, total }) => {
                                lang.bulk_checking_registrars(counted(lang, done), counted(lang, total))
                            }
                        }
                    }}
                </button>
            </div>
        </form>
    }
}

/// The nameserver sets the account already uses, each a button that fills the rows.
#[component]
fn NameserverSets(draft: RwSignal<ChangeDraft>) -> impl IntoView {
    let store = expect_context::<Store>();
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
                        let label = move || {
                            let lang = i18n.get();
                            lang.bulk_ns_set(used_by as i64, &joined)
                        };
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

/// Each domain's before → after, the ones left out, the consequences, then Apply. A removal
/// needs its count typed.
#[component]
fn ReviewBulk(review: BulkReview, on_back: Callback<()>, on_apply: Callback<BulkReview>) -> impl IntoView {
    let i18n = use_i18n();
    let count = review.rows.len();
    let removing = review.change == BulkChange::Remove;
    let typed = RwSignal::new(String::new());
    let ready = move || count > 0 && (!removing || typed.with(|typed| confirms_removal(typed, count)));
    let show_all = RwSignal::new(false);
    let rows = StoredValue::new(review.rows.clone());
    let left_out = review.left_out.clone();
    let left_out_count = left_out.len();
    let change = review.change.clone();
    let apply_label = move || {
        let lang = i18n.get();
        if removing {
            lang.bulk_remove_domains(count as i64)
        } else {
            lang.bulk_apply_to(count as i64)
        }
    };
    let intro = move || {
        let lang = i18n.get();
        match count {
            0 => lang.bulk_none_needs_change().to_string(),
            _ => lang.bulk_will_change(count as i64),
        }
    };
    view! {
        <p>{intro}</p>
        {(count > 0).then(|| view! {
            <div class="bulk-review__list" role="region" aria-label=i18n.text(Lang::bulk_review_list_label) tabindex="0">
                <table class="diff">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(Lang::bulk_column_domain)}</th>
                            <th scope="col">{move || { let lang = i18n.get(); lang.bulk_column_before(change.setting(lang)) }}</th>
                            <th scope="col">{i18n.text(Lang::bulk_column_after)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows.with_value(|rows| {
                            let shown = if show_all.get() { rows.len() } else { FIRST_ROWS };
                            rows.iter().take(shown).map(|row| {
                                let (before, after) = (row.before.clone(), row.after.clone());
                                view! {
                                    <tr>
                                        <th scope="row">{row.name.clone()}</th>
                                        <td class="diff__before">{move || before.text(i18n.get())}</td>
                                        <td class="diff__after">{move || after.text(i18n.get())}</td>
                                    </tr>
                                }
                            }).collect_view()
                        })}
                    </tbody>
                </table>
                {move || (count > FIRST_ROWS && !show_all.get()).then(|| view! {
                    <button type="button" class="button button--quiet" on:click=move |_| show_all.set(true)>
                        {move || { let lang = i18n.get(); lang.bulk_show_all(counted(lang, count)) }}
                    </button>
                })}
            </div>
        })}
        {(!left_out.is_empty()).then(|| view! {
            <details class="bulk-review__left-out" open=left_out_count <= OPEN_LEFT_OUT>
                <summary>{move || {
                    let lang = i18n.get();
                    lang.bulk_left_out(left_out_count as i64)
                }}</summary>
                <ul>{left_out.into_iter().map(|out| {
                    let reason = out.reason;
                    view! { <li><strong>{out.name}</strong>" — "{move || reason.text(i18n.get())}</li> }
                }).collect_view()}</ul>
            </details>
        })}
        {review.consequences.iter().map(|said| {
            let said = said.clone();
            view! { <p class="notice notice--warning">{move || said.text(i18n.get())}</p> }
        }).collect_view()}
        <p class="notice notice--info">{i18n.text(Lang::bulk_nothing_charged)}</p>
        {(removing && count > 0).then(|| view! {
            <div class="field">
                <label class="field__label" for="bulk-confirm">
                    {i18n.text(Lang::bulk_confirm_before)}" "
                    <strong>{move || removal_phrase(i18n.get(), count)}</strong>" "
                    {i18n.text(Lang::bulk_confirm_after)}
                </label>
                <input id="bulk-confirm" class="input" type="text" autocomplete="off" spellcheck="false"
                    prop:value=move || typed.get() on:input:target=move |event| typed.set(event.target().value()) />
            </div>
        })}
        <div class="dialog__actions">
            <button type="button" class="button" on:click=move |_| on_back.run(())>{i18n.text(Lang::action_back)}</button>
            <button
                type="button"
                class=if removing { "button button--danger" } else { "button button--primary" }
                disabled=move || !ready()
                on:click=move |_| on_apply.run(review.clone())
            >
                {apply_label}
            </button>
        </div>
    }
}

/// The batch: its progress, why it is held if it is, a result per domain, and what can be
/// done next (Cancel while it runs; Retry the failed ones once it stops).
#[component]
fn BatchResults(close: Callback<()>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let i18n = use_i18n();
    let progress = Memo::new(move |_| bulk.progress().unwrap_or_default());
    let halt = Memo::new(move |_| bulk.with_batch(|batch| batch.and_then(|batch| batch.halt.clone())));
    let running = Memo::new(move |_| bulk.is_running());
    let summary = move || {
        let lang = i18n.get();
        let p = progress.get();
        let (done, total) = (counted(lang, p.done), counted(lang, p.total));
        let to_go = p.waiting + p.sending;
        match (p.failed > 0, to_go > 0) {
            (false, false) => lang.bulk_progress(done, total),
            (true, false) => lang.bulk_progress_failed(done, counted(lang, p.failed), total),
            (false, true) => lang.bulk_progress_to_go(done, counted(lang, to_go), total),
            (true, true) => lang.bulk_progress_failed_to_go(done, counted(lang, p.failed), counted(lang, to_go), total),
        }
    };
    let held = move || {
        let lang = i18n.get();
        let waiting = progress.get().waiting;
        halt.get().map(|halt| match halt {
            Halt::Cancelled => lang.bulk_held_cancelled(waiting as i64),
            Halt::SignedOut => lang.bulk_held_signed_out(waiting as i64),
            Halt::ConnectionLost => lang.bulk_held_connection_lost(waiting as i64),
        })
    };
    let retry_label = move || {
        let lang = i18n.get();
        match progress.get() {
            p if p.waiting > 0 => lang.bulk_resume(counted(lang, p.waiting + p.failed)),
            _ => lang.bulk_retry_failed().to_string(),
        }
    };
    let can_retry = move || !running.get() && progress.with(|p| p.failed + p.waiting > 0);
    view! {
        <div class="batch">
            <progress class="batch__bar" max=move || progress.get().total value=move || progress.get().finished()></progress>
            <p class="batch__summary" role="status" aria-live="polite">{summary}</p>
            {move || held().map(|text| view! { <p class="notice notice--warning">{text}</p> })}
            <BatchItems />
            <div class="dialog__actions">
                <Show when=move || running.get()>
                    <button type="button" class="button" disabled=move || halt.get().is_some() on:click=move |_| bulk.cancel()>
                        {i18n.text(Lang::action_cancel)}
                    </button>
                </Show>
                <Show when=can_retry>
                    <button type="button" class="button" on:click=move |_| bulk.retry()>{retry_label}</button>
                </Show>
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>
                    {move || {
                        let lang = i18n.get();
                        if running.get() { lang.bulk_close_keeps_going() } else { lang.action_close() }
                    }}
                </button>
            </div>
        </div>
    }
}

/// A count in the reader's language: `1,000` / `1 000`.
fn counted(lang: Lang, n: usize) -> String {
    number(lang, n as i64)
}

/// A line per domain, the failures first with the API's words; a long batch shows its first
/// lines, the rest on request.
#[component]
fn BatchItems() -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let i18n = use_i18n();
    let show_all = RwSignal::new(false);
    let lines = Memo::new(move |_| bulk.with_batch(|batch| batch.map(item_lines).unwrap_or_default()));
    let count = move || lines.with(Vec::len);
    view! {
        <ul class="batch__items" aria-label=i18n.text(Lang::bulk_results_label) tabindex="0">
            {move || lines.with(|lines| {
                let shown = if show_all.get() { lines.len() } else { FIRST_ROWS };
                lines
                    .iter()
                    .take(shown)
                    .map(|line| {
                        let state = line.state;
                        let outcome = line.outcome.clone();
                        view! {
                            <li class=state.class()>
                                <strong>{line.name.clone()}</strong>
                                <span class="batch__state">{move || state.word(i18n.get())}</span>
                                <span>{move || line_text(i18n.get(), &outcome)}</span>
                            </li>
                        }
                    })
                    .collect_view()
            })}
        </ul>
        {move || (count() > FIRST_ROWS && !show_all.get()).then(|| view! {
            <button type="button" class="button button--quiet" on:click=move |_| show_all.set(true)>
                {move || { let lang = i18n.get(); lang.bulk_show_all(counted(lang, count())) }}
            </button>
        })}
    }
}

/// A result line's state, in the order the lines are listed.
#[derive(Clone, Copy, PartialEq)]
enum LineState {
    Failed,
    Waiting,
    Sending,
    Done,
}

impl LineState {
    fn of(outcome: &Outcome) -> LineState {
        match outcome {
            Outcome::Waiting => LineState::Waiting,
            Outcome::Sending => LineState::Sending,
            Outcome::Done(_) => LineState::Done,
            Outcome::Failed(_) => LineState::Failed,
        }
    }

    fn word(self, lang: Lang) -> &'static str {
        match self {
            LineState::Failed => lang.bulk_line_failed(),
            LineState::Waiting => lang.bulk_line_waiting(),
            LineState::Sending => lang.bulk_line_sending(),
            LineState::Done => lang.bulk_line_done(),
        }
    }

    fn class(self) -> &'static str {
        match self {
            LineState::Failed => "batch__item batch__item--failed",
            LineState::Done => "batch__item batch__item--done",
            LineState::Waiting | LineState::Sending => "batch__item",
        }
    }
}

#[derive(Clone, PartialEq)]
struct ItemLine {
    name: String,
    state: LineState,
    outcome: Outcome,
}

/// The API's message, why it failed, or nothing yet.
fn line_text(lang: Lang, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Waiting | Outcome::Sending => String::new(),
        Outcome::Done(Some(message)) => message.clone(),
        Outcome::Done(None) => lang.bulk_removed_from_account().to_string(),
        Outcome::Failed(failure) => failure.text(lang),
    }
}

/// The failed ones first, then the ones still to answer, then the done ones.
fn item_lines(batch: &Batch) -> Vec<ItemLine> {
    let mut lines: Vec<ItemLine> = batch
        .items
        .iter()
        .map(|item| ItemLine {
            name: item.name.clone(),
            state: LineState::of(&item.outcome),
            outcome: item.outcome.clone(),
        })
        .collect();
    lines.sort_by_key(|line| line.state as u8);
    lines
}
