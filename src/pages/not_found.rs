use leptos::prelude::*;

/// Any path the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page empty-state">
            <h1>"Page not found"</h1>
            <p>"This address does not match any page of the domains admin."</p>
            <a class="button button--primary" href="/domains">"Go to your domains"</a>
        </section>
    }
}
