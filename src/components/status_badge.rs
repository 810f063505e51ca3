//! A domain's status as a word and a colour (never colour alone).

use leptos::prelude::*;
use vps_contract::DomainStatus;

/// `● Active`, `◌ Pending`, `✕ Expired`, or the provider's own word for a status the app does
/// not know; `Held elsewhere` for a domain at another registrar. Static: a view that shows a
/// changing status re-renders it (a table row does anyway), which keeps each badge free of
/// reactive effects — fifty rows are built on every keystroke of a search.
#[component]
pub fn StatusBadge(status: DomainStatus, #[prop(optional)] held_elsewhere: bool) -> impl IntoView {
    let (class, icon, label) = match &status {
        DomainStatus::Active if held_elsewhere => ("badge badge--elsewhere", "⇄", "Held elsewhere".to_string()),
        DomainStatus::Active => ("badge badge--active", "●", "Active".to_string()),
        DomainStatus::Pending => ("badge badge--pending", "◌", "Pending".to_string()),
        DomainStatus::Expired => ("badge badge--expired", "✕", "Expired".to_string()),
        DomainStatus::Other(other) => ("badge", "?", other.clone()),
    };
    view! {
        <span class=class>
            <span class="badge__icon" aria-hidden="true">
                {icon}
            </span>
            {label}
        </span>
    }
}
