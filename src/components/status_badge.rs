//! A domain's status as a word and a colour (never colour alone).

use leptos::prelude::*;
use vps_contract::DomainStatus;

/// `● Active`, `◌ Pending`, `✕ Expired`, or the provider's own word for a status the app does
/// not know; `Held elsewhere` for a domain at another registrar.
#[component]
pub fn StatusBadge(
    #[prop(into)] status: Signal<DomainStatus>,
    #[prop(optional, into)] held_elsewhere: Signal<bool>,
) -> impl IntoView {
    let class_and_label = move || {
        if held_elsewhere.get() && status.with(|s| *s == DomainStatus::Active) {
            return ("badge badge--elsewhere", "⇄", "Held elsewhere".to_string());
        }
        status.with(|status| match status {
            DomainStatus::Active => ("badge badge--active", "●", "Active".to_string()),
            DomainStatus::Pending => ("badge badge--pending", "◌", "Pending".to_string()),
            DomainStatus::Expired => ("badge badge--expired", "✕", "Expired".to_string()),
            DomainStatus::Other(other) => ("badge", "?", other.clone()),
        })
    };
    view! {
        <span class=move || class_and_label().0>
            <span class="badge__icon" aria-hidden="true">
                {move || class_and_label().1}
            </span>
            {move || class_and_label().2}
        </span>
    }
}
