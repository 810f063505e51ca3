//! A domain's status as a word and a colour (never colour alone).

use crate::state::language::use_i18n;
use leptos::prelude::*;
use vps_contract::DomainStatus;

/// `● Active`, `◌ Pending`, `✕ Expired`, or the provider's own word for a status the app does
/// not know; `Held elsewhere` for a domain at another registrar. Static but for its word: a
/// view that shows a changing status re-renders it (a table row does anyway), which keeps each
/// badge down to one reactive text (the language's) — fifty rows are built on every keystroke
/// of a search.
#[component]
pub fn StatusBadge(status: DomainStatus, #[prop(optional)] held_elsewhere: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (class, icon) = match &status {
        DomainStatus::Active if held_elsewhere => ("badge badge--elsewhere", "⇄"),
        DomainStatus::Active => ("badge badge--active", "●"),
        DomainStatus::Pending => ("badge badge--pending", "◌"),
        DomainStatus::Expired => ("badge badge--expired", "✕"),
        DomainStatus::Other(_) => ("badge", "?"),
    };
    let label = i18n.words(move |lang| match &status {
        DomainStatus::Active if held_elsewhere => lang.status_held_elsewhere().to_string(),
        DomainStatus::Active => lang.status_active().to_string(),
        DomainStatus::Pending => lang.status_pending().to_string(),
        DomainStatus::Expired => lang.status_expired().to_string(),
        DomainStatus::Other(other) => other.clone(),
    });
    view! {
        <span class=class>
            <span class="badge__icon" aria-hidden="true">
                {icon}
            </span>
            {label}
        </span>
    }
}
