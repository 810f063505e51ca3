//! A bulk change as it applies: its progress, why it is held if it is, a result per domain,
//! and what can be done next.

use super::FIRST_ROWS;
use crate::i18n::Lang;
use crate::logic::bulk::{held_text, item_lines, progress_summary, retry_label};
use crate::logic::format::counted;
use crate::state::bulk::Bulk;
use crate::state::language::use_i18n;
use leptos::prelude::*;

/// The batch: its progress, why it is held if it is, a result per domain, and what can be
/// done next (Cancel while it runs; Retry the failed ones once it stops).
#[component]
pub fn BatchResults(close: Callback<()>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let i18n = use_i18n();
    let progress = Memo::new(move |_| bulk.progress().unwrap_or_default());
    let halt = Memo::new(move |_| bulk.with_batch(|batch| batch.and_then(|batch| batch.halt.clone())));
    let running = Memo::new(move |_| bulk.is_running());
    let summary = i18n.words(move |lang| progress_summary(lang, progress.get()));
    let held = move || halt.with(|halt| Some(held_text(i18n.get(), halt.as_ref()?, progress.get().waiting)));
    let retry_label = i18n.words(move |lang| retry_label(lang, progress.get()));
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
                    <button type="button" class="button" on:click=move |_| bulk.retry()>{retry_label.clone()}</button>
                </Show>
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>
                    {i18n.words(move |lang| if running.get() { lang.bulk_close_keeps_going() } else { lang.action_close() })}
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
                        let name = line.name.clone();
                        let line = line.clone();
                        view! {
                            <li class=state.class()>
                                <strong>{name}</strong>
                                <span class="batch__state">{i18n.words(move |lang| state.word(lang))}</span>
                                <span>{i18n.words(move |lang| line.text(lang))}</span>
                            </li>
                        }
                    })
                    .collect_view()
            })}
        </ul>
        {move || (count() > FIRST_ROWS && !show_all.get()).then(|| view! {
            <button type="button" class="button button--quiet" on:click=move |_| show_all.set(true)>
                {i18n.words(move |lang| lang.bulk_show_all(counted(lang, count())))}
            </button>
        })}
    }
}
