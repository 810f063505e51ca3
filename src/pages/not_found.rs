use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Any path the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    crate::app::page_title(|lang| lang.domains_not_found_title().to_string());
    view! {
        <section class="page empty-state">
            <h1>{move || i18n.get().domains_not_found_title()}</h1>
            <p>{move || i18n.get().domains_not_found_text()}</p>
            <a class="button button--primary" href="/domains">{move || i18n.get().domains_not_found_link()}</a>
        </section>
    }
}
