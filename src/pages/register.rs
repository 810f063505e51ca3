//! `/register`: a new domain, with the price calculator beside the form and a confirmation
//! that states exactly what will be charged. One click registers once.

use crate::api::ApiError;
use crate::clock::Clock;
use crate::components::dialog::Dialog;
use crate::components::fields::Checkbox;
use crate::components::nameserver_editor::NameserverEditor;
use crate::components::payment::{Payment, PaymentActions};
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
    let payment = Payment::<RegisterRequest>::new();
    let review = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        match draft().to_request() {
            Ok(request) => payment.review(request),
            Err(_) => focus_first_problem(),
        }
    };
    let confirm = move || {
        let Some((request, key)) = payment.begin() else {
            return;
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match payment.settle(store.register(&request, &key).await) {
                Ok(registered) => {
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
                // Field problems are fixed in the form, next to the field.
                Err(field_errors) => {
                    if field_errors.is_some() {
                        server_error.set(field_errors);
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
                        <Checkbox
                            checked=auto_renew
                            label="Auto-renew"
                            hint="Renews each year before it expires, charged to your balance, so it is never lost by accident."
                        />
                        <Checkbox
                            checked=privacy
                            label="WHOIS privacy"
                            hint="Shows “Privacy Protected” instead of your name and contacts in the public WHOIS. Free."
                        />
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

            <Dialog open=payment.open title=Signal::derive(move || "Confirm registration".to_string()) busy=payment.in_flight>
                {move || {
                    let (request, _) = payment.prepared.get()?;
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
                <PaymentActions
                    payment
                    amount=Signal::derive(move || current_quote.get().map(|q| q.total.to_string()).unwrap_or_default())
                    action="register"
                    busy_label="Registering…"
                    test_id="confirm-register"
                    on_confirm=confirm
                />
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
