//! The sign-in screen: the API base and the token. It lies over the page (in the app's
//! `.sign-in-layer`), so whatever was typed there is still there after signing in again. A
//! chunk of its own: a remembered session never needs it.

use crate::api::{page_origin, AddressProblem, ApiBase, Connection};
use crate::components::fields::{Checkbox, SecretInput};
use crate::components::language_switch::LanguageSwitch;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::state::language::use_i18n;
use crate::state::session::Session;
use crate::state::store::DomainStore;
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

/// Why a sign-in did not happen; worded when shown, so a language switch rewords it.
#[derive(Clone)]
enum Problem {
    Address(AddressProblem),
    NoToken,
    Refused(ApiError, ApiBase),
}

impl Problem {
    fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Address(problem) => problem.message(lang),
            Problem::NoToken => lang.sign_in_token_missing().to_string(),
            Problem::Refused(error, base) => sign_in_problem(lang, error, base),
        }
    }
}

/// The words for a failed sign-in, saying what to check.
fn sign_in_problem(lang: Lang, error: &ApiError, base: &ApiBase) -> String {
    match error {
        ApiError::Unauthorized(detail) if !detail.is_empty() => lang.sign_in_refused(detail),
        ApiError::Unauthorized(_) => lang.sign_in_refused(lang.api_unauthorized_fallback()),
        ApiError::NotFound(_) => lang.sign_in_not_found(base),
        ApiError::Network(_) => lang.sign_in_unreachable(base),
        ApiError::Malformed(_) => lang.sign_in_not_the_api(base),
        other => other.message(lang),
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
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    move || {
        session.ended_because.get().map(|reason| {
            let text = i18n.words(move |lang| {
                // “Invalid token.” and no second full stop after the quote.
                let said = if reason.ends_with(['.', '!', '?']) {
                    lang.sign_in_quoted(&reason)
                } else {
                    lang.sign_in_quoted_with_stop(&reason)
                };
                lang.sign_in_session_ended(said)
            });
            view! { <p class="notice notice--warning" role="alert">{text}</p> }
        })
    }
}

#[component]
pub fn SignIn() -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let origin = page_origin();
    let default_base = format!("{origin}/api/v1/");
    let base = RwSignal::new(session.last_base.get_untracked().unwrap_or(default_base.clone()));
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let signing_in = Action::new_local(move |connection: &Connection| {
        let connection = connection.clone();
        async move {
            let base = connection.base.clone();
            match store.sign_in(connection, remember.get_untracked()).await {
                Ok(()) => token.set(String::new()),
                Err(error) => problem.set(Some(Problem::Refused(error, base))),
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
            Err(address_problem) => return problem.set(Some(Problem::Address(address_problem))),
        };
        let token = token.get_untracked().trim().to_string();
        if token.is_empty() {
            return problem.set(Some(Problem::NoToken));
        }
        problem.set(None);
        signing_in.dispatch_local(Connection { base, token });
    };

    view! {
            <form
                class="card sign-in"
                role="dialog"
                aria-modal="true"
                aria-labelledby="sign-in-title"
                on:submit=submit
                novalidate
            >
                <div class="sign-in__top">
                    <div class="brand brand--large">
                        <span class="brand__mark" aria-hidden="true">"V"</span>
                        "VPS.org Domains"
                    </div>
                    <LanguageSwitch />
                </div>
                <h1 id="sign-in-title">
                    {i18n.words(move |lang| {
                        if session.ended_because.with(Option::is_some) {
                            lang.sign_in_again_title()
                        } else {
                            lang.sign_in_title()
                        }
                    })}
                </h1>
                <SessionEnded />
                <div class="field">
                    <label class="field__label" for="api-base">{i18n.text(Lang::sign_in_address_label)}</label>
                    <input
                        id="api-base"
                        class="input"
                        type="url"
                        autocomplete="url"
                        spellcheck="false"
                        bind:value=base
                    />
                    <span class="hint">{i18n.words(move |lang| lang.sign_in_address_default(&default_base))}</span>
                </div>
                <div class="field">
                    <label class="field__label" for="api-token">{i18n.text(Lang::sign_in_token_label)}</label>
                    <SecretInput id="api-token" value=token set_value=token node_ref=token_input />
                </div>
                <Checkbox
                    checked=remember
                    set_checked=remember
                    label=i18n.text(Lang::sign_in_remember)
                    hint=i18n.text(Lang::sign_in_remember_hint)
                />
                <p class="form-error" role="alert">
                    {i18n.words(move |lang| problem.with(|problem| problem.as_ref().map(|problem| problem.message(lang))))}
                </p>
                <button type="submit" class="button button--primary button--wide" disabled=move || busy.get()>
                    {i18n.words(move |lang| if busy.get() { lang.sign_in_busy() } else { lang.sign_in_submit() })}
                </button>
            </form>
    }
}
