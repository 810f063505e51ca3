//! The page frame: top bar, the page for the address, the sign-in layer, toasts.

use crate::chunks::{self, Lazy};
use crate::components::language_switch::LanguageSwitch;
use crate::components::toast::ToastRegion;
use crate::i18n::Lang;
use crate::logic::cache::DomainCache;
use crate::logic::portfolio::text::StorageProblem;
use crate::logic::route::{Route, Section};
use crate::pages::{domains::DomainsPage, not_found::NotFound};
use crate::router::{use_location, Location};
use crate::state::bulk::Bulk;
use crate::state::clock::Clock;
use crate::state::language::{use_i18n, I18n};
use crate::state::portfolio::PortfolioMemory;
use crate::state::session::Session;
use crate::state::store::DomainStore;
use crate::state::toasts::Toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    let AppContext { i18n, store } = provide_app_context(session, DomainCache::default());

    // A remembered session starts by loading the list (whose first page index.html may
    // already have asked for).
    if session.connection.get_untracked().is_some() {
        store.refresh_list();
    } else {
        crate::api::forget_prefetched_list();
    }
    store.watch_pending();
    start_portfolio_after_first_rows(store, expect_context::<PortfolioMemory>(), session);

    let signed_out = move || !session.is_signed_in();
    view! {
        <a class="skip-link" href="#main">{i18n.text(Lang::skip_to_content)}</a>
        <div class="app" inert=signed_out aria-hidden=move || signed_out().then_some("true")>
            <TopBar session />
            <main id="main" class="main" tabindex="-1">
                <Pages />
            </main>
        </div>
        <Show when=signed_out>
            <div class="sign-in-layer">
                <Lazy load=chunks::sign_in />
            </div>
        </Show>
        <ToastRegion />
    }
}

/// What [`provide_app_context`] hands back to its caller.
pub struct AppContext {
    /// The language, for the caller to switch.
    pub i18n: I18n,
    pub store: DomainStore,
}

/// Everything the pages read from context: the language, the session, the store (holding
/// `cache` to start with), the selection and its batch, toasts, the clock, the address; and
/// chunks fetched ahead of a click. The app and the browser tests set up pages alike.
pub fn provide_app_context(session: Session, cache: DomainCache) -> AppContext {
    crate::idn::install();
    let i18n = I18n::start();
    let memory = PortfolioMemory::new();
    let store = DomainStore::holding(session, cache);
    provide_context(i18n);
    provide_context(memory);
    provide_context(store);
    provide_context(session);
    provide_context(Bulk::new(store));
    provide_context(Toasts::new());
    provide_context(Clock::start());
    provide_context(Location::start());
    chunks::preload_on_intent();
    AppContext { i18n, store }
}

/// The page the address names. Only a change of page draws anew: a new query (a filter, a
/// search) is read by the page itself, in place.
#[component]
pub fn Pages() -> impl IntoView {
    let location = use_location();
    move || match location.route() {
        Route::Domains => view! { <DomainsPage /> }.into_any(),
        Route::Domain(id) => view! { <Lazy load=move || chunks::domain_page(id) /> }.into_any(),
        Route::Transfer(id) => view! { <Lazy load=move || chunks::transfer_page(id) /> }.into_any(),
        Route::Register => view! { <Lazy load=chunks::register_page /> }.into_any(),
        Route::Forecast => view! { <Lazy load=chunks::forecast_page /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
    }
}

/// Fetches the portfolio's keeper once the first list has arrived and its rows are painted
/// (a quarter second on: it is not the first screen's). A chunk that cannot be fetched is said
/// (`StorageProblem::Unavailable`, so a tag filter stops waiting) and tried again at the next list.
fn start_portfolio_after_first_rows(store: DomainStore, memory: PortfolioMemory, session: Session) {
    let owner = Owner::current().unwrap_or_default();
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        if started.get_value() || store.with_list(|list| list.loaded_at.is_none()) {
            return;
        }
        started.set_value(true);
        let owner = owner.clone();
        set_timeout(
            move || {
                spawn_local(async move {
                    match chunks::start_portfolio(owner, memory, session).await {
                        Ok(filters) => memory.set_filters(filters),
                        Err(_) => {
                            memory.problem.set(Some(StorageProblem::Unavailable));
                            started.set_value(false);
                        }
                    }
                })
            },
            Duration::from_millis(250),
        );
    });
}

/// `session`: the app's (also in context; passed here so the first screen needs no lookup).
#[component]
fn TopBar(session: Session) -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let location = use_location();
    let section = move || location.route().section();
    let current = move |this: Section| (section() == Some(this)).then_some("page");
    let host = move || {
        session
            .connection
            .with(|connection| connection.as_ref().map(|c| c.base.label()))
    };
    let i18n = use_i18n();
    let bulk = expect_context::<Bulk>();
    let sign_out = move |_| crate::state::sign_out(store, bulk);
    view! {
        <header class="topbar">
            <a class="brand" href="/domains">
                <span class="brand__mark" aria-hidden="true">"V"</span>
                <span class="brand__name">"VPS.org Domains"</span>
            </a>
            <nav class="topbar__nav" aria-label=i18n.text(Lang::nav_label)>
                <a href="/domains" aria-current=move || current(Section::Domains)>{i18n.text(Lang::nav_domains)}</a>
                <a href="/register" aria-current=move || current(Section::Register)>{i18n.text(Lang::nav_register)}</a>
                <a href="/forecast" aria-current=move || current(Section::Forecast)>{i18n.text(Lang::nav_forecast)}</a>
            </nav>
            <div class="topbar__account">
                <span class="topbar__host" title=i18n.text(Lang::api_address)>{host}</span>
                <LanguageSwitch />
                <button type="button" class="button button--quiet" data-chunk="sign-in" on:click=sign_out>{i18n.text(Lang::sign_out)}</button>
            </div>
        </header>
    }
}
