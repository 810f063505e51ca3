//! The whole list's load as a page shows it: what went wrong (with a retry), a listing cut
//! short, and an account with no domains. The domains table and the year ahead both show them.

use crate::components::error_notice::ErrorNotice;
use crate::i18n::Lang;
use crate::logic::format::ago;
use crate::state::clock::Clock;
use crate::state::language::use_i18n;
use crate::state::store::DomainStore;
use leptos::prelude::*;

/// What went wrong with the last load, with a retry. Over cached data it says how old that is.
#[component]
pub fn ListProblem() -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    let message = i18n.signal(move |lang| {
        store.with_list(|list| {
            let error = list.error.as_ref().filter(|_| !list.loading)?;
            Some(match list.loaded_at {
                Some(at) => lang.domains_load_failed_stale(ago(lang, clock.millis() - at), error.message(lang)),
                None => lang.domains_load_failed(error.message(lang)),
            })
        })
    });
    view! { <ErrorNotice message on_retry=Callback::new(move |()| store.refresh_list()) /> }
}

/// The API's page links could not be followed to the end: say so beside what did arrive.
#[component]
pub fn ListCutNotice() -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let i18n = use_i18n();
    move || {
        let cut = store.with_list(|list| list.cut)?;
        Some(view! {
            <div class="notice notice--warning" role="status" data-testid="list-cut">
                <span>{i18n.words(move |lang| cut.message(lang))}</span>
                <button type="button" class="button" on:click=move |_| store.refresh_list()>{i18n.text(Lang::action_retry)}</button>
            </div>
        })
    }
}

#[component]
pub fn EmptyList() -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let i18n = use_i18n();
    // After a failed first load the problem above says it all.
    move || {
        store.with_list(|list| list.error.is_none()).then(|| {
            view! {
                <div class="empty-state">
                    <h2>{i18n.text(Lang::domains_empty_heading)}</h2>
                    <p>{i18n.text(Lang::domains_empty_text)}</p>
                    <a class="button button--primary" href="/register">{i18n.text(Lang::domains_empty_register)}</a>
                </div>
            }
        })
    }
}
