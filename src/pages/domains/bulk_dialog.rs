//! The bulk change dialog: choose a change, review it (each domain's before → after, the ones
//! left out and why, what it leads to), then watch it apply with a result per domain. Closed
//! while applying, the batch goes on; the selection bar shows its progress.

use crate::bulk::{Bulk, Reads};
use crate::components::dialog::Dialog;
use crate::components::nameserver_editor::NameserverEditor;
use crate::logic::bulk::{
    confirms_removal, nameserver_sets, removal_phrase, review, Batch, BulkChange, BulkReview, ChangeDraft, ChangeKind,
    Halt, Outcome, NOTHING_CHARGED,
};
use crate::logic::format::{group_digits, plural};
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
    let step = RwSignal::new(if show_batch { Step::Applying } else { Step::Choose });
    let draft = RwSignal::new(ChangeDraft::default());
    let title = Signal::derive(move || match step.get() {
        Step::Choose => "Change the selected domains".to_string(),
        Step::Review(review) => format!("Review: {}", review.change.title()),
        Step::Applying => bulk
            .with_batch(|batch| batch.map(|batch| batch.change.title()))
            .unwrap_or_default(),
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
                <legend>"Change"</legend>
                {ChangeKind::ALL.map(|choice| view! {
                    <label class="check">
                        <input
                            type="radio"
                            name="bulk-change"
                            prop:checked=move || kind() == choice
                            on:change=move |_| draft.update(|draft| draft.kind = choice)
                        />
                        <span>{choice.change().title()}</span>
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
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                <button type="submit" class="button button--primary" disabled=move || prepare.pending().get()>
                    {move || match (prepare.pending().get(), reads.get()) {
                        (false, _) => "Review".to_string(),
                        (true, Reads { total: 0, .. }) => "Checking…".to_string(),
                        (true, Reads { done, total }) => {
                            format!("Checking registrars: {} of {}", group_digits(done), group_digits(total))
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
    let sets = store.with_cache_untracked(|cache| nameserver_sets(cache, NAMESERVER_SETS));
    (!sets.is_empty()).then(|| {
        view! {
            <div class="ns-sets" role="group" aria-label="Nameservers used in this account">
                <span class="hint">"Used in this account:"</span>
                {sets
                    .into_iter()
                    .map(|set| {
                        let label = format!("{} ({})", set.nameservers.join(", "), plural(set.used_by, "domain", "domains"));
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
    let count = review.rows.len();
    let removing = review.change == BulkChange::Remove;
    let typed = RwSignal::new(String::new());
    let ready = move || count > 0 && (!removing || typed.with(|typed| confirms_removal(typed, count)));
    let show_all = RwSignal::new(false);
    let rows = StoredValue::new(review.rows.clone());
    let left_out = review.left_out.clone();
    let setting = review.change.setting();
    let apply_label = if removing {
        format!("Remove {}", plural(count, "domain", "domains"))
    } else {
        format!("Apply to {}", plural(count, "domain", "domains"))
    };
    view! {
        <p>{match count {
            0 => "None of the selected domains needs this change.".to_string(),
            _ => format!("{} will change.", plural(count, "domain", "domains")),
        }}</p>
        {(count > 0).then(|| view! {
            <div class="bulk-review__list" role="region" aria-label="Domains that will change" tabindex="0">
                <table class="diff">
                    <thead><tr><th scope="col">"Domain"</th><th scope="col">{format!("{setting}: before")}</th><th scope="col">"After"</th></tr></thead>
                    <tbody>
                        {move || rows.with_value(|rows| {
                            let shown = if show_all.get() { rows.len() } else { FIRST_ROWS };
                            rows.iter().take(shown).map(|row| view! {
                                <tr><th scope="row">{row.name.clone()}</th><td class="diff__before">{row.before.clone()}</td><td class="diff__after">{row.after.clone()}</td></tr>
                            }).collect_view()
                        })}
                    </tbody>
                </table>
                {move || (count > FIRST_ROWS && !show_all.get()).then(|| view! {
                    <button type="button" class="button button--quiet" on:click=move |_| show_all.set(true)>
                        {format!("Show all {}", group_digits(count))}
                    </button>
                })}
            </div>
        })}
        {(!left_out.is_empty()).then(|| view! {
            <details class="bulk-review__left-out" open=left_out.len() <= OPEN_LEFT_OUT>
                <summary>{format!("Left out: {}", plural(left_out.len(), "domain", "domains"))}</summary>
                <ul>{left_out.iter().map(|out| view! { <li><strong>{out.name.clone()}</strong>" — "{out.reason.clone()}</li> }).collect_view()}</ul>
            </details>
        })}
        {review.consequences.iter().map(|said| view! { <p class="notice notice--warning">{said.clone()}</p> }).collect_view()}
        <p class="notice notice--info">{NOTHING_CHARGED}</p>
        {(removing && count > 0).then(|| view! {
            <div class="field">
                <label class="field__label" for="bulk-confirm">"Type "<strong>{removal_phrase(count)}</strong>" to confirm"</label>
                <input id="bulk-confirm" class="input" type="text" autocomplete="off" spellcheck="false"
                    prop:value=move || typed.get() on:input:target=move |event| typed.set(event.target().value()) />
            </div>
        })}
        <div class="dialog__actions">
            <button type="button" class="button" on:click=move |_| on_back.run(())>"Back"</button>
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
    let progress = Memo::new(move |_| bulk.progress().unwrap_or_default());
    let halt = Memo::new(move |_| bulk.with_batch(|batch| batch.and_then(|batch| batch.halt.clone())));
    let running = Memo::new(move |_| bulk.is_running());
    let summary = move || {
        let p = progress.get();
        let mut text = format!("{} of {} done", group_digits(p.done), group_digits(p.total));
        if p.failed > 0 {
            text.push_str(&format!(", {} failed", group_digits(p.failed)));
        }
        if p.waiting + p.sending > 0 {
            text.push_str(&format!(", {} to go", group_digits(p.waiting + p.sending)));
        }
        text
    };
    let held = move || {
        let waiting = plural(progress.get().waiting, "domain", "domains");
        halt.get().map(|halt| match halt {
            Halt::Cancelled => format!("Cancelled: {waiting} not sent."),
            Halt::SignedOut => format!("Your session ended: {waiting} waiting. Sign in again, then resume."),
            Halt::ConnectionLost => format!("The connection was lost: {waiting} waiting. Retry once it is back."),
        })
    };
    let retry_label = move || match progress.get() {
        p if p.waiting > 0 => format!("Resume ({} waiting)", group_digits(p.waiting + p.failed)),
        _ => "Retry the failed ones".to_string(),
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
                    <button type="button" class="button" disabled=move || halt.get().is_some() on:click=move |_| bulk.cancel()>"Cancel"</button>
                </Show>
                <Show when=can_retry>
                    <button type="button" class="button" on:click=move |_| bulk.retry()>{retry_label}</button>
                </Show>
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>
                    {move || if running.get() { "Close (keeps going)" } else { "Close" }}
                </button>
            </div>
        </div>
    }
}

/// A line per domain, the failures first with the API's words; a long batch shows its first
/// lines, the rest on request.
#[component]
fn BatchItems() -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let show_all = RwSignal::new(false);
    let lines = Memo::new(move |_| bulk.with_batch(|batch| batch.map(item_lines).unwrap_or_default()));
    let count = move || lines.with(Vec::len);
    view! {
        <ul class="batch__items" aria-label="Result per domain" tabindex="0">
            {move || lines.with(|lines| {
                let shown = if show_all.get() { lines.len() } else { FIRST_ROWS };
                lines
                    .iter()
                    .take(shown)
                    .map(|line| view! {
                        <li class=line.state.class()>
                            <strong>{line.name.clone()}</strong>
                            <span class="batch__state">{line.state.word()}</span>
                            <span>{line.text.clone()}</span>
                        </li>
                    })
                    .collect_view()
            })}
        </ul>
        {move || (count() > FIRST_ROWS && !show_all.get()).then(|| view! {
            <button type="button" class="button button--quiet" on:click=move |_| show_all.set(true)>
                {format!("Show all {}", group_digits(count()))}
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
    fn word(self) -> &'static str {
        match self {
            LineState::Failed => "Failed",
            LineState::Waiting => "Waiting",
            LineState::Sending => "Sending…",
            LineState::Done => "Done",
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
    /// The API's message (or why it failed).
    text: String,
}

/// The failed ones first, then the ones still to answer, then the done ones.
fn item_lines(batch: &Batch) -> Vec<ItemLine> {
    let mut lines: Vec<ItemLine> = batch
        .items
        .iter()
        .map(|item| {
            let (state, text) = match &item.outcome {
                Outcome::Waiting => (LineState::Waiting, String::new()),
                Outcome::Sending => (LineState::Sending, String::new()),
                Outcome::Done(message) => (LineState::Done, message.clone()),
                Outcome::Failed(reason) => (LineState::Failed, reason.clone()),
            };
            ItemLine {
                name: item.name.clone(),
                state,
                text,
            }
        })
        .collect();
    lines.sort_by_key(|line| line.state as u8);
    lines
}
