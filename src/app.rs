//! The router and the page frame: top bar, routes, the sign-in layer, toasts.

use crate::bulk::Bulk;
use crate::chunks::{self, Lazy};
use crate::clock::Clock;
use crate::components::language_switch::LanguageSwitch;
use crate::components::sign_in::SignIn;
use crate::components::toast::{ToastRegion, Toasts};
use crate::i18n::{use_i18n, I18n, Lang};
use crate::pages::{domains::DomainsPage, not_found::NotFound};
use crate::session::Session;
use crate::store::Store;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    crate::idn::install();
    let i18n = I18n::start();
    provide_context(i18n);
    let session = Session::restore();
    let store = Store::new(session);
    provide_context(store);
    provide_context(Bulk::new(store));
    provide_context(session);
    provide_context(Toasts::new());
    provide_context(Clock::start());

    // A remembered session starts by loading the list (whose first page index.html may
    // already have asked for).
    if session.connection.get_untracked().is_some() {
        store.refresh_list();
    } else {
        crate::api::forget_prefetched_list();
    }
    store.watch_pending();
    chunks::preload_on_intent();

    let signed_out = move || !session.is_signed_in();
    view! {
        <Router>
            <a class="skip-link" href="#main">{i18n.text(Lang::skip_to_content)}</a>
            <div class="app" inert=signed_out aria-hidden=move || signed_out().then_some("true")>
                <TopBar />
                <main id="main" class="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| view! { <Redirect path="/domains" /> } />
                        <Route path=path!("/domains") view=DomainsPage />
                        <Route path=path!("/domains/:id") view=|| view! { <Lazy load=chunks::domain_page /> } />
                        <Route path=path!("/domains/:id/transfer") view=|| view! { <Lazy load=chunks::transfer_page /> } />
                        <Route path=path!("/register") view=|| view! { <Lazy load=chunks::register_page /> } />
                        <Route path=path!("/forecast") view=|| view! { <Lazy load=chunks::forecast_page /> } />
                    </Routes>
                </main>
            </div>
            <Show when=signed_out>
                <SignIn />
            </Show>
            <ToastRegion />
        </Router>
    }
}

#[component]
fn TopBar() -> impl IntoView {
    let store = expect_context::<Store>();
    let session = store.session;
    let location = use_location();
    let current = move |prefix: &'static str| {
        let path = location.pathname.get();
        let active = if prefix == "/domains" {
            path == "/domains" || path.starts_with("/domains/")
        } else {
            path == prefix
        };
        active.then_some("page")
    };
    let host = move || {
        session
            .connection
            .with(|connection| connection.as_ref().map(|c| c.base.label()))
    };
    let i18n = use_i18n();
    let bulk = expect_context::<Bulk>();
    let sign_out = move |_| {
        bulk.forget();
        store.sign_out();
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/domains">
                <span class="brand__mark" aria-hidden="true">"V"</span>
                <span class="brand__name">"VPS.org Domains"</span>
            </a>
            <nav class="topbar__nav" aria-label=i18n.text(Lang::nav_label)>
                <a href="/domains" aria-current=move || current("/domains")>{i18n.text(Lang::nav_domains)}</a>
                <a href="/register" aria-current=move || current("/register")>{i18n.text(Lang::nav_register)}</a>
                <a href="/forecast" aria-current=move || current("/forecast")>{i18n.text(Lang::nav_forecast)}</a>
            </nav>
            <div class="topbar__account">
                <span class="topbar__host" title=i18n.text(Lang::api_address)>{host}</span>
                <LanguageSwitch />
                <button type="button" class="button button--quiet" on:click=sign_out>{i18n.text(Lang::sign_out)}</button>
            </div>
        </header>
    }
}

/// The document's title for a page: `Domains · VPS.org admin`, in the chosen language.
pub fn page_title(page: impl Fn(Lang) -> String + 'static) {
    let i18n = use_i18n();
    Effect::new(move || document().set_title(&i18n.get().app_title(page(i18n.get()))));
}
