//! An expiry date as people read it, with the days left and the exact time on hover;
//! amber within 30 days, red once passed.

use crate::i18n::Lang;
use crate::intl;
use crate::logic::table::SOON_DAYS;
use crate::state::language::use_i18n;
use leptos::prelude::*;
use vps_contract::Timestamp;

#[component]
pub fn Expiry(expiry: Option<Timestamp>, now: Timestamp, #[prop(optional)] auto_renew: bool) -> impl IntoView {
    let i18n = use_i18n();
    let Some(expiry) = expiry else {
        return view! { <span class="muted">{i18n.text(Lang::expiry_unknown)}</span> }.into_any();
    };
    let days = now.whole_days_until(expiry);
    let urgency = if days < 0 {
        "expiry expiry--past"
    } else if days <= SOON_DAYS && !auto_renew {
        "expiry expiry--soon"
    } else {
        "expiry"
    };
    view! {
        <span class=urgency title=expiry.to_rfc3339()>
            <span class="expiry__date">{i18n.words(move |lang| intl::date(lang, expiry))}</span>
            <span class="expiry__days">{i18n.words(move |lang| intl::relative_days(lang, days))}</span>
        </span>
    }
    .into_any()
}
