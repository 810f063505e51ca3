//! An expiry date as people read it, with the days left and the exact time on hover;
//! amber within 30 days, red once passed.

use crate::logic::format::expiry_parts;
use crate::logic::table::SOON_DAYS;
use leptos::prelude::*;
use vps_contract::Timestamp;

#[component]
pub fn Expiry(expiry: Option<Timestamp>, now: Timestamp, #[prop(optional)] auto_renew: bool) -> impl IntoView {
    let Some(expiry) = expiry else {
        return view! { <span class="muted">"Unknown"</span> }.into_any();
    };
    let days = now.whole_days_until(expiry);
    let (date, relative) = expiry_parts(expiry, now);
    let urgency = if days < 0 {
        "expiry expiry--past"
    } else if days <= SOON_DAYS && !auto_renew {
        "expiry expiry--soon"
    } else {
        "expiry"
    };
    view! {
        <span class=urgency title=expiry.to_rfc3339()>
            <span class="expiry__date">{date}</span>
            <span class="expiry__days">{relative}</span>
        </span>
    }
    .into_any()
}
