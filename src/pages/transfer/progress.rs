//! After a transfer was asked for: its status, polled until it completes, and the provider's
//! next steps to tick.

use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::DomainRecord;
use crate::state::language::use_i18n;
use crate::state::transfer_steps::TransferSteps;
use leptos::prelude::*;
use vps_contract::{DomainId, Timestamp, TransferStatus};

/// After the request: the provider's next steps to tick, the expected date, and the status,
/// polled until the transfer completes.
#[component]
pub fn TransferProgress(id: DomainId, record: Memo<Option<DomainRecord>>, steps: TransferSteps) -> impl IntoView {
    let status = Memo::new(move |_| record.with(|r| r.as_ref().and_then(|r| r.transfer.clone())));
    let estimated = move || {
        status
            .get()
            .and_then(|t| t.estimated_completion)
            .or_else(|| steps.with(|s| s.and_then(|s| s.estimated_completion.as_deref().and_then(Timestamp::parse))))
    };
    let completed = move || status.with(|t| t.as_ref().is_some_and(|t| t.status == TransferStatus::Completed));
    let i18n = use_i18n();
    view! {
        <div class="transfer">
            <section class="card" aria-labelledby="progress-title">
                <h2 id="progress-title">{i18n.text(Lang::transfer_status)}</h2>
                {move || if completed() {
                    view! {
                        <p class="notice notice--success">{i18n.text(Lang::transfer_complete)}</p>
                        <a class="button button--primary" href=format!("/domains/{id}")>{i18n.text(Lang::transfer_open_settings)}</a>
                    }.into_any()
                } else {
                    view! {
                        <p class="progress-line">
                            <span class="badge badge--pending">
                                <span class="badge__icon" aria-hidden="true">"◌"</span>
                                {i18n.text(Lang::status_pending)}
                            </span>
                            {i18n.words(move |lang| {
                                estimated().map(|date| format!(" {}", lang.transfer_expected_by(intl::date(lang, date))))
                            })}
                        </p>
                        <p class="hint">{i18n.text(Lang::transfer_checks_itself)}</p>
                    }.into_any()
                }}
            </section>
            <section class="card" aria-labelledby="steps-title">
                <h2 id="steps-title">{i18n.text(Lang::transfer_next_steps)}</h2>
                {move || match steps.get() {
                    None => view! { <p class="muted">{i18n.text(Lang::transfer_steps_elsewhere)}</p> }.into_any(),
                    Some(current) => view! {
                        // The provider's own words, in English: said so where the page is not.
                        {move || (i18n.get() != Lang::En).then(|| view! {
                            <p class="hint">{i18n.text(Lang::providers_words)}</p>
                        })}
                        <ol class="steps">
                            {current.steps.iter().enumerate().map(|(index, step)| {
                                let done = current.done.get(index).copied().unwrap_or(false);
                                let input_id = format!("step-{index}");
                                view! {
                                    <li class="steps__item" class:steps__item--done=done>
                                        <input
                                            id=input_id.clone()
                                            type="checkbox"
                                            prop:checked=done
                                            on:change=move |_| steps.toggle(index)
                                        />
                                        <label for=input_id>{step.clone()}</label>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}
