//! Under a form: what the API's last refusal says that no field of the form shows, so that no
//! message is lost.

use crate::state::language::use_i18n;
use crate::state::refusal::Refusal;
use leptos::prelude::*;

/// The refusal's messages that no field of the form shows.
#[component]
pub fn FormErrors(refusal: Refusal, shown_fields: &'static [&'static str]) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="form-errors" aria-live="assertive">
            {move || refusal.general(i18n.get(), shown_fields).into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
        </ul>
    }
}
