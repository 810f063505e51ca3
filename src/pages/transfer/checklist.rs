//! The transfer checklist: each requirement with its state, in words for screen readers too.

use crate::logic::transfer::{Check, CheckState};
use crate::state::language::use_i18n;
use leptos::prelude::*;

/// Each requirement with its state, in words for screen readers too.
#[component]
pub fn Checklist(checks: Memo<Vec<Check>>) -> impl IntoView {
    let i18n = use_i18n();
    let item = move |check: Check| {
        let Check {
            requirement,
            detail,
            state,
        } = check;
        view! {
            <li class=match state {
                CheckState::Passed => "check-item check-item--passed",
                CheckState::Failed => "check-item check-item--failed",
                CheckState::Waiting => "check-item check-item--waiting",
                CheckState::Stated => "check-item check-item--stated",
            }>
                <span class="check-item__icon" aria-hidden="true">
                    {match state {
                        CheckState::Passed => "✓",
                        CheckState::Failed => "✕",
                        CheckState::Waiting => "…",
                        CheckState::Stated => "i",
                    }}
                </span>
                <span>
                    <strong>{i18n.words(move |lang| requirement.title(lang))}</strong>
                    <span class="visually-hidden">
                        {i18n.words(move |lang| {
                            let said = match state {
                                CheckState::Passed => lang.transfer_state_passed(),
                                CheckState::Failed => lang.transfer_state_failed(),
                                CheckState::Waiting => lang.transfer_state_waiting(),
                                CheckState::Stated => lang.transfer_state_stated(),
                            };
                            format!("{said} ")
                        })}
                    </span>
                    <span class="check-item__detail">{i18n.words(move |lang| detail.text(lang))}</span>
                </span>
            </li>
        }
    };
    view! {
        <ul class="checklist">
            <For each=move || checks.get() key=Check::clone children=item />
        </ul>
    }
}
