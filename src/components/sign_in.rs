//! The sign-in screen: the API base and the token. It lies over the page, so whatever was
//! typed there is still there after signing in again.

use crate::api::{page_origin, ApiError, Connection};
use crate::components::fields::{Checkbox, SecretInput};
use crate::logic::address::ApiBase;
use crate::store::Store;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The focused element of the page behind the layer, if any (not the body, not the layer).
fn focused_on_page() -> Option<web_sys::HtmlElement> {
    let element = document().active_element()?;
    let on_layer = element.closest(".sign-in-layer").ok().flatten().is_some();
    let is_body = element.tag_name().eq_ignore_ascii_case("body");
    if on_layer || is_body {
        return None;
    }
    element.dyn_into::<web_sys::HtmlElement>().ok()
}

/// The words for a failed sign-in, saying what to check.
fn sign_in_problem(error: &ApiError, base: &ApiBase) -> String {
    match error {
        ApiError::Unauthorized(detail) => format!("The API refused this token ({detail}). Check it and try again."),
        ApiError::NotFound(_) => format!("Nothing answers at {base}domains/. Check the API address."),
        ApiError::Network(_) => {
            format!("Could not reach {base}. Check the address, and that the API (or the sandbox) is running.")
        }
        ApiError::Malformed(_) => format!("{base} answered, but not like the Domains API. Check the address."),
        other => other.message(),
    }
}

/// `autofocus` only acts on page load: when the layer appears over a page (a sign-out or an
/// ended session), the focus must still move into it, not stay on the inert page behind. A
/// frame later, so that a dialog the ended session closes has handed its focus back first.
fn move_focus_in(token_input: NodeRef<html::Input>) {
    Effect::new(move |_| {
        if let Some(input) = token_input.get() {
            request_animation_frame(move || {
                let _ = input.focus();
            });
        }
    });
}

/// After signing in, the focus goes back where it was on the page when that can still take
/// it (not inside a dialog that has closed meanwhile), else to the start of the content.
fn hand_focus_back_after() {
    let focus_before = StoredValue::new_local(focused_on_page());
    // Cleanups run before the component's stored values are dropped.
    on_cleanup(move || {
        let before = focus_before.try_update_value(Option::take).flatten();
        // A frame later, once the page behind is no longer inert.
        request_animation_frame(move || {
            if let Some(element) = &before {
                let _ = element.focus();
            }
            let landed = match (&before, document().active_element()) {
                (Some(element), Some(active)) => active.is_same_node(Some(element)),
                _ => false,
            };
            if !landed {
                if let Some(main) = document()
                    .get_element_by_id("main")
                    .and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = main.focus();
                }
            }
        });
    });
}

/// Why the last session ended, in the API's words, and that nothing typed is lost.
#[component]
fn SessionEnded() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        store.session.ended_because.get().map(|reason| {
            // “Invalid token.” and no second full stop after the quote.
            let said = if reason.ends_with(['.', '!', '?']) {
                format!("“{reason}”")
            } else {
                format!("“{reason}”.")
            };
            view! {
                <p class="notice notice--warning" role="alert">
                    {format!("Your session ended: the API said {said} Sign in to carry on where you were; nothing you typed is lost.")}
                </p>
            }
        })
    }
}

#[component]
pub fn SignIn() -> impl IntoView {
    let store = expect_context::<Store>();
    let session = store.session;
    let origin = page_origin();
    let default_base = format!("{origin}/api/v1/");
    let base = RwSignal::new(session.last_base.get_untracked().unwrap_or(default_base.clone()));
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let signing_in = Action::new_local(move |connection: &Connection| {
        let connection = connection.clone();
        async move {
            let base = connection.base.clone();
            match store.sign_in(connection, remember.get_untracked()).await {
                Ok(()) => token.set(String::new()),
                Err(error) => problem.set(Some(sign_in_problem(&error, &base))),
            }
        }
    });
    let busy = signing_in.pending();
    let token_input = NodeRef::<html::Input>::new();
    move_focus_in(token_input);
    hand_focus_back_after();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let base = match ApiBase::parse(&base.get_untracked(), &page_origin()) {
            Ok(base) => base,
            Err(address_problem) => return problem.set(Some(address_problem.message())),
        };
        let token = token.get_untracked().trim().to_string();
        if token.is_empty() {
            return problem.set(Some("Enter your API token.".to_string()));
        }
        problem.set(None);
        signing_in.dispatch_local(Connection { base, token });
    };

    view! {
        <div class="sign-in-layer">
            <form
                class="card sign-in"
                role="dialog"
                aria-modal="true"
                aria-labelledby="sign-in-title"
                on:submit=submit
                novalidate
            >
                <div class="brand brand--large">
                    <span class="brand__mark" aria-hidden="true">"V"</span>
                    "VPS.org Domains"
                </div>
                <h1 id="sign-in-title">
                    {move || if session.ended_because.with(Option::is_some) { "Sign in again" } else { "Sign in" }}
                </h1>
                <SessionEnded />
                <div class="field">
                    <label class="field__label" for="api-base">"API address"</label>
                    <input
                        id="api-base"
                        class="input"
                        type="url"
                        autocomplete="url"
                        spellcheck="false"
                        bind:value=base
                    />
                    <span class="hint">{format!("Default: {default_base} (this site's own API)")}</span>
                </div>
                <div class="field">
                    <label class="field__label" for="api-token">"API token"</label>
                    <SecretInput id="api-token" value=token set_value=token node_ref=token_input />
                </div>
                <Checkbox
                    checked=remember
                    set_checked=remember
                    label="Remember on this device until this tab closes"
                    hint="The token is then kept in this tab's session storage, where any script on this site could read it. Leave this off on shared computers."
                />
                <p class="form-error" role="alert">{move || problem.get()}</p>
                <button type="submit" class="button button--primary button--wide" disabled=move || busy.get()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </div>
    }
}
