//! `/register`: a new domain, with the price calculator beside the form and a confirmation
//! that states exactly what will be charged. One click registers once.

use crate::api::{new_idempotency_key, ApiError};
use crate::clock::Clock;
use crate::components::dialog::Dialog;
use crate::components::nameserver_editor::NameserverEditor;
use crate::components::price_calculator::{IncludedFeatures, PriceTable, QuoteSummary};
use crate::components::toast::Toasts;
use crate::logic::registration::{check_name, quote, RegisterDraft};
use crate::logic::settings::{is_vps_preset, vps_preset};
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use vps_contract::{unicode_form, RegisterRequest, MAX_YEARS, MIN_YEARS};

/// Fields whose server errors this form shows in place.
const FORM_FIELDS: [&str; 5] = [
    "domain_name",
    "years",
    "auto_renew",
    "privacy_protection",
    "nameservers",
];

#[component]
pub fn RegisterPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let toasts = expect_context::<Toasts>();
    let clock = expect_context::<Clock>();
    let navigate = use_navigate();

    let name = RwSignal::new(String::new());
    let years = RwSignal::new(1i64);
    let auto_renew = RwSignal::new(true);
    let privacy = RwSignal::new(true);
    let nameservers = RwSignal::new(vps_preset());
    let draft = move || RegisterDraft {
        domain_name: name.get(),
        years: years.get(),
        auto_renew: auto_renew.get(),
        privacy_protection: privacy.get(),
        nameservers: nameservers.get(),
    };

    let submitted = RwSignal::new(false);
    let server_error = RwSignal::new(None::<ApiError>);
    let name_check = Memo::new(move |_| name.with(|name| check_name(name)));
    let current_quote = Memo::new(move |_| {
        let checked = name_check.get().ok().flatten()?;
        quote(&checked, years.get(), clock.minute())
    });
    let selected_tld = Signal::derive(move || current_quote.with(|q| q.as_ref().map(|q| q.price.tld.to_string())));

    // A server's field error belongs to what was sent: it goes once the field changes.
    Effect::new(move |_| {
        name.track();
        nameservers.track();
        years.track();
        server_error.set(None);
    });

    let field_error = move |field: &str| {
        server_error.with(|error| error.as_ref().and_then(|e| e.field_errors()?.get(field).cloned()))
    };
    let name_message = move || {
        if let Some(messages) = field_error("domain_name") {
            return Some(messages.join(" "));
        }
        match name_check.get() {
            Err(error) if submitted.get() || name.with(|n| n.trim().chars().count() > 2 || n.contains('.')) => {
                Some(error.to_string())
            }
            Ok(None) if submitted.get() => Some("Enter a domain name, such as example.com.".to_string()),
            _ => None,
        }
    };
    let punycode_note = move || {
        let checked = name_check.get().ok().flatten()?;
        checked
            .is_idn()
            .then(|| format!("Registered as {} (its punycode form).", checked.as_str()))
    };
    let nameserver_errors = Signal::derive(move || {
        let mut errors = field_error("nameservers").unwrap_or_default();
        if submitted.get() && !nameservers.with(|rows| is_vps_preset(rows)) {
            if let Err(problems) = draft().to_request() {
                errors.extend(problems.nameservers);
            }
        }
        errors
    });

    // The confirmation and the one request it sends.
    let confirm_open = RwSignal::new(false);
    let in_flight = RwSignal::new(false);
    let prepared = RwSignal::new(None::<(RegisterRequest, String)>);
    let dialog_error = RwSignal::new(None::<ApiError>);

    let review = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        let Ok(request) = draft().to_request() else {
            focus_first_problem();
            return;
        };
        // The same request keeps its key, so a retry after a lost answer is never charged twice.
        let key = match prepared.get_untracked() {
            Some((previous, key)) if previous == request => key,
            _ => new_idempotency_key(),
        };
        prepared.set(Some((request, key)));
        dialog_error.set(None);
        confirm_open.set(true);
    };

    let navigate_after = navigate.clone();
    let confirm = move |_| {
        if in_flight.get_untracked() {
            return;
        }
        let Some((request, key)) = prepared.get_untracked() else {
            return;
        };
        in_flight.set(true);
        dialog_error.set(None);
        let navigate = navigate_after.clone();
        spawn_local(async move {
            let result = store.register(&request, &key).await;
            in_flight.set(false);
            match result {
                Ok(registered) => {
                    prepared.set(None);
                    confirm_open.set(false);
                    toasts.success(if registered.message.is_empty() {
                        "Registration started.".to_string()
                    } else {
                        registered.message.clone()
                    });
                    let shown_name = unicode_form(&registered.domain.domain_name);
                    name.set(String::new());
                    submitted.set(false);
                    navigate(
                        &format!("/domains?q={}", vps_contract::query::encode_component(&shown_name)),
                        Default::default(),
                    );
                }
                Err(error) => {
                    if !error.outcome_unknown() {
                        // Refused, so nothing was done: paying again from the open dialog (say,
                        // after a top-up) is a new attempt with a new key, not a dead button.
                        prepared.update(|prepared| {
                            if let Some((_, key)) = prepared {
                                *key = new_idempotency_key();
                            }
                        });
                    }
                    match &error {
                        // Field problems are fixed in the form, next to the field.
                        ApiError::Invalid(_) => {
                            confirm_open.set(false);
                            server_error.set(Some(error));
                        }
                        // The sign-in layer says why; once signed in again, the form is as it was.
                        ApiError::Unauthorized(_) => confirm_open.set(false),
                        _ => dialog_error.set(Some(error)),
                    }
                }
            }
        });
    };

    let general_errors = move || {
        server_error.with(|error| {
            error
                .as_ref()
                .map(|e| e.general_messages(&FORM_FIELDS))
                .unwrap_or_default()
        })
    };

    view! {
        <section class="page">
            <header class="page__header">
                <div>
                    <h1>"Register a domain"</h1>
                    <p class="page__subtitle">"Prices are per year; you see the total before you pay."</p>
                </div>
            </header>
            <form class="register" on:submit=review novalidate>
                <div class="register__form card">
                    <div class="field">
                        <label class="field__label" for="domain-name">"Domain name"</label>
                        <input
                            id="domain-name"
                            class="input input--large"
                            type="text"
                            placeholder="example.com"
                            autocomplete="off"
                            spellcheck="false"
                            autocapitalize="none"
                            aria-invalid=move || name_message().is_some().to_string()
                            aria-describedby="domain-name-message domain-name-hint"
                            bind:value=name
                        />
                        <p class="field__error" id="domain-name-message" aria-live="polite">{name_message}</p>
                        <p class="hint" id="domain-name-hint">
                            {move || punycode_note().unwrap_or_else(|| "Availability is confirmed when you register; if the name is taken, nothing is charged.".to_string())}
                        </p>
                    </div>
                    <div class="field">
                        <label class="field__label" for="years">"Registration period"</label>
                        <select
                            id="years"
                            class="input"
                            on:change:target=move |event| {
                                if let Ok(value) = event.target().value().parse::<i64>() {
                                    years.set(value.clamp(MIN_YEARS, MAX_YEARS));
                                }
                            }
                        >
                            {(MIN_YEARS..=MAX_YEARS)
                                .map(|n| {
                                    view! {
                                        <option value=n.to_string() selected=move || years.get() == n>
                                            {if n == 1 { "1 year".to_string() } else { format!("{n} years") }}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <p class="field__error">{move || field_error("years").map(|m| m.join(" "))}</p>
                    </div>
                    <fieldset class="options">
                        <legend>"Options"</legend>
                        <label class="check">
                            <input type="checkbox" bind:checked=auto_renew />
                            <span>
                                "Auto-renew"
                                <span class="hint hint--block">
                                    "Renews each year before it expires, charged to your balance, so it is never lost by accident."
                                </span>
                            </span>
                        </label>
                        <label class="check">
                            <input type="checkbox" bind:checked=privacy />
                            <span>
                                "WHOIS privacy"
                                <span class="hint hint--block">
                                    "Shows “Privacy Protected” instead of your name and contacts in the public WHOIS. Free."
                                </span>
                            </span>
                        </label>
                    </fieldset>
                    <NameserverEditor rows=nameservers errors=nameserver_errors id_prefix="register" />
                    <ul class="form-errors" aria-live="assertive">
                        {move || general_errors().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
                    </ul>
                </div>
                <aside class="register__summary">
                    <div class="card">
                        <h2>"Cost"</h2>
                        <QuoteSummary quote=current_quote />
                        <button type="submit" class="button button--primary button--wide">
                            {move || match current_quote.get() {
                                Some(quote) => format!("Review and pay {}", quote.total),
                                None => "Review registration".to_string(),
                            }}
                        </button>
                    </div>
                    <div class="card">
                        <PriceTable selected_tld />
                    </div>
                    <div class="card">
                        <IncludedFeatures />
                    </div>
                </aside>
            </form>

            <Dialog open=confirm_open title=Signal::derive(move || "Confirm registration".to_string()) busy=in_flight>
                {move || {
                    let (request, _) = prepared.get()?;
                    let quote = current_quote.get()?;
                    let display = unicode_form(&request.domain_name);
                    let idn = (display != request.domain_name).then(|| format!(" ({})", request.domain_name));
                    let period = if request.years == 1 { "1 year".to_string() } else { format!("{} years", request.years) };
                    Some(view! {
                        <p class="dialog__lead">
                            "Register " <strong>{display}</strong> {idn} " for " {period} "."
                        </p>
                        <dl class="summary-list">
                            <div><dt>"Charged now"</dt><dd class="num strong">{quote.total.to_string()}</dd></div>
                            <div><dt>"Expires"</dt><dd>{quote.expires.to_human_date()}</dd></div>
                            <div>
                                <dt>"Auto-renew"</dt>
                                <dd>{if request.auto_renew { format!("On: renews at {} / year", quote.price.renew) } else { "Off".to_string() }}</dd>
                            </div>
                            <div><dt>"WHOIS privacy"</dt><dd>{if request.privacy_protection { "On" } else { "Off" }}</dd></div>
                            <div>
                                <dt>"Nameservers"</dt>
                                <dd>{request.nameservers.clone().map(|list| list.join(", ")).unwrap_or_else(|| "VPS.org (ns1.vps.org, ns2.vps.org)".to_string())}</dd>
                            </div>
                        </dl>
                    })
                }}
                <p class="notice notice--error" role="alert" hidden=move || dialog_error.with(Option::is_none)>
                    {move || dialog_error.get().map(|error| {
                        let retry = if error.outcome_unknown() { " Retrying sends the same request: you are never charged twice." } else { "" };
                        format!("{}{retry}", error.message())
                    })}
                </p>
                <div class="dialog__actions">
                    <button type="button" class="button" disabled=move || in_flight.get() on:click=move |_| confirm_open.set(false)>
                        "Cancel"
                    </button>
                    <button
                        type="button"
                        class="button button--primary"
                        data-testid="confirm-register"
                        // Not `disabled` while busy: that would drop the keyboard focus, and
                        // after a failure the person must find the button again. `confirm`
                        // ignores clicks meanwhile.
                        aria-disabled=move || in_flight.get().to_string()
                        aria-busy=move || in_flight.get().to_string()
                        on:click=confirm
                    >
                        {move || {
                            let amount = current_quote.get().map(|q| q.total.to_string()).unwrap_or_default();
                            if in_flight.get() {
                                "Registering…".to_string()
                            } else if dialog_error.with(|e| e.as_ref().is_some_and(ApiError::is_retryable)) {
                                format!("Retry: pay {amount}")
                            } else {
                                format!("Pay {amount} and register")
                            }
                        }}
                    </button>
                </div>
            </Dialog>
        </section>
    }
}

/// Moves focus to the first field that says something is wrong.
fn focus_first_problem() {
    use wasm_bindgen::JsCast;
    let first = document()
        .query_selector("[aria-invalid='true'], .nameservers input")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = first {
        let _ = element.focus();
    }
}
