use crate::i18n::Lang;
use crate::state::language::use_i18n;
use leptos::prelude::*;

/// Any path the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    crate::state::language::page_title(|lang| lang.domains_not_found_title().to_string());
    view! {
        <section class="page empty-state">
            <h1>{i18n.text(Lang::domains_not_found_title)}</h1>
            <p>{i18n.text(Lang::domains_not_found_text)}</p>
            <a class="button button--primary" href="/domains">{i18n.text(Lang::domains_not_found_link)}</a>
        </section>
    }
}
