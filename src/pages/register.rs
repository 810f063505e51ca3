//! `/register`: a new domain, with the price calculator beside the form and a confirmation
//! that states exactly what will be charged. One click registers once.

use crate::components::dialog::Dialog;
use crate::components::fields::Checkbox;
use crate::components::form_errors::FormErrors;
use crate::components::nameserver_editor::NameserverEditor;
use crate::components::payment::{PayAction, PaymentActions};
use crate::components::price_calculator::{IncludedFeatures, PriceTable, QuoteSummary};
use crate::i18n::Lang;
use crate::intl;
use crate::logic::format::on_off;
use crate::logic::name_messages::name_error;
use crate::logic::payment::Prepared;
use crate::logic::registration::{check_name, confirm_lead, quote, Quote, RegisterDraft};
use crate::router::use_location;
use crate::state::clock::Clock;
use crate::state::language::use_i18n;
use crate::state::payment::Payment;
use crate::state::refusal::Refusal;
use crate::state::store::DomainStore;
use crate::state::toasts::Toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use vps_contract::{field, unicode_form, DomainName, NameError, RegisterRequest, MAX_YEARS, MIN_YEARS};

/// Fields whose server errors this form shows in place.
const FORM_FIELDS: [&str; 5] = [
    field::DOMAIN_NAME,
    field::YEARS,
    field::AUTO_RENEW,
    field::PRIVACY_PROTECTION,
    field::NAMESERVERS,
];

#[component]
pub fn RegisterPage() -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let toasts = expect_context::<Toasts>();
    let clock = expect_context::<Clock>();
    let location = use_location();
    let i18n = use_i18n();
    crate::state::language::page_title(|lang| lang.register_page_title().to_string());

    let draft = RwSignal::new(RegisterDraft::default());
    let submitted = RwSignal::new(false);
    let refusal = Refusal::new();
    // A refusal belongs to what was sent: it goes once the name, the period or the
    // nameservers change.
    let edit = move |change: &dyn Fn(&mut RegisterDraft)| {
        refusal.clear();
        draft.update(|draft| change(draft));
    };
    let years = Signal::derive(move || draft.with(|d| d.years));
    let auto_renew = Signal::derive(move || draft.with(|d| d.auto_renew));
    let set_auto_renew = SignalSetter::map(move |on| draft.update(|d| d.auto_renew = on));
    let privacy = Signal::derive(move || draft.with(|d| d.privacy_protection));
    let set_privacy = SignalSetter::map(move |on| draft.update(|d| d.privacy_protection = on));
    let nameservers = Signal::derive(move || draft.with(|d| d.nameservers.clone()));
    let set_nameservers = SignalSetter::map(move |rows: Vec<String>| edit(&|draft| draft.nameservers = rows.clone()));

    let name_check = Memo::new(move |_| draft.with(|draft| check_name(&draft.domain_name)));
    let current_quote = Memo::new(move |_| {
        let checked = name_check.get().ok().flatten()?;
        quote(&checked, years.get(), clock.minute())
    });

    // The confirmation and the one request it sends.
    let payment = Payment::<RegisterRequest>::new();
    let review = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        match draft.with_untracked(RegisterDraft::to_request) {
            Ok(request) => payment.review(request),
            Err(_) => focus_first_problem(),
        }
    };
    let confirm = move || {
        let Some(Prepared { request, key }) = payment.begin() else {
            return;
        };
        spawn_local(async move {
            match payment.settle(store.register(&request, &key).await) {
                Ok(registered) => {
                    toasts.success(if registered.message.is_empty() {
                        i18n.get_untracked().register_started().to_string()
                    } else {
                        registered.message.clone()
                    });
                    let shown_name = unicode_form(&registered.domain.domain_name);
                    draft.update(|draft| draft.domain_name.clear());
                    submitted.set(false);
                    location.navigate(
                        &format!("/domains?q={}", vps_contract::query::encode_component(&shown_name)),
                        Default::default(),
                    );
                }
                // Field problems are fixed in the form, next to the field.
                Err(Some(refused)) => refusal.set(refused),
                Err(None) => {}
            }
        });
    };

    view! {
        <section class="page">
            <header class="page__header">
                <div>
                    <h1>{i18n.text(Lang::register_page_title)}</h1>
                    <p class="page__subtitle">{i18n.text(Lang::register_subtitle)}</p>
                </div>
            </header>
            <form class="register" on:submit=review novalidate>
                <div class="register__form card">
                    <NameField draft name_check submitted refusal edit />
                    <YearsField years refusal edit />
                    <fieldset class="options">
                        <legend>{i18n.text(Lang::register_options)}</legend>
                        <Checkbox
                            checked=auto_renew
                            set_checked=set_auto_renew
                            label=i18n.text(Lang::setting_auto_renew)
                            hint=i18n.text(Lang::register_auto_renew_hint)
                        />
                        <Checkbox
                            checked=privacy
                            set_checked=set_privacy
                            label=i18n.text(Lang::setting_whois_privacy)
                            hint=i18n.text(Lang::register_privacy_hint)
                        />
                    </fieldset>
                    <NameserverEditor
                        rows=nameservers
                        set_rows=set_nameservers
                        submitted
                        server_errors=Signal::derive(move || refusal.about(field::NAMESERVERS))
                        id_prefix="register"
                    />
                    <FormErrors refusal shown_fields=&FORM_FIELDS />
                </div>
                <CostSummary quote=current_quote />
            </form>
            <ConfirmRegistration payment quote=current_quote on_confirm=confirm />
        </section>
    }
}

/// The domain name, checked as it is typed, with the server's verdict once it has one.
#[component]
fn NameField(
    draft: RwSignal<RegisterDraft>,
    name_check: Memo<Result<Option<DomainName>, NameError>>,
    submitted: RwSignal<bool>,
    refusal: Refusal,
    edit: impl Fn(&dyn Fn(&mut RegisterDraft)) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = move || draft.with(|d| d.domain_name.clone());
    let message = move || {
        if let Some(refused) = refusal.about_joined(field::DOMAIN_NAME) {
            return Some(refused);
        }
        match name_check.get() {
            Err(error)
                if submitted.get()
                    || draft.with(|d| d.domain_name.trim().chars().count() > 2 || d.domain_name.contains('.')) =>
            {
                Some(name_error(i18n.get(), &error))
            }
            Ok(None) if submitted.get() => Some(i18n.get().name_error_empty().to_string()),
            _ => None,
        }
    };
    let punycode_note = move || {
        let checked = name_check.get().ok().flatten()?;
        checked
            .is_idn()
            .then(|| i18n.get().register_punycode_note(checked.as_str()))
    };
    view! {
        <div class="field">
            <label class="field__label" for="domain-name">{i18n.text(Lang::register_domain_name_label)}</label>
            <input
                id="domain-name"
                class="input input--large"
                type="text"
                placeholder="example.com"
                autocomplete="off"
                spellcheck="false"
                autocapitalize="none"
                aria-invalid=move || message().is_some().to_string()
                aria-describedby="domain-name-message domain-name-hint"
                prop:value=name
                on:input:target=move |event| {
                    let typed = event.target().value();
                    edit(&|draft| draft.domain_name = typed.clone());
                }
            />
            <p class="field__error" id="domain-name-message" aria-live="polite">{message}</p>
            <p class="hint" id="domain-name-hint">
                {i18n.words(move |lang| punycode_note().unwrap_or_else(|| lang.register_availability_hint().to_string()))}
            </p>
        </div>
    }
}

#[component]
fn YearsField(
    years: Signal<i64>,
    refusal: Refusal,
    edit: impl Fn(&dyn Fn(&mut RegisterDraft)) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || refusal.about_joined(field::YEARS);
    view! {
        <div class="field">
            <label class="field__label" for="years">{i18n.text(Lang::register_period_label)}</label>
            <select
                id="years"
                class="input"
                on:change:target=move |event| {
                    if let Ok(value) = event.target().value().parse::<i64>() {
                        edit(&|draft| draft.years = value.clamp(MIN_YEARS, MAX_YEARS));
                    }
                }
            >
                {(MIN_YEARS..=MAX_YEARS)
                    .map(|n| {
                        view! {
                            <option value=n.to_string() selected=move || years.get() == n>
                                {i18n.words(move |lang| lang.years(n))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field__error">{message}</p>
        </div>
    }
}

/// The quote beside the form, the button that reviews it, and the price table.
#[component]
fn CostSummary(quote: Memo<Option<Quote>>) -> impl IntoView {
    let i18n = use_i18n();
    let selected_tld = Signal::derive(move || quote.with(|q| q.as_ref().map(|q| q.price.tld.to_string())));
    view! {
        <aside class="register__summary">
            <div class="card">
                <h2>{i18n.text(Lang::register_cost)}</h2>
                <QuoteSummary quote />
                <button type="submit" class="button button--primary button--wide">
                    {i18n.words(move |lang| match quote.get() {
                        Some(quote) => lang.register_review_and_pay(intl::money(lang, quote.total)),
                        None => lang.register_review().to_string(),
                    })}
                </button>
            </div>
            <div class="card">
                <PriceTable selected_tld />
            </div>
            <div class="card">
                <IncludedFeatures />
            </div>
        </aside>
    }
}

/// What will be charged and what it gives, and the button that pays.
#[component]
fn ConfirmRegistration(
    payment: Payment<RegisterRequest>,
    quote: Memo<Option<Quote>>,
    on_confirm: impl Fn() + Send + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.signal(move |lang| lang.register_confirm_title().to_string());
    view! {
        <Dialog
            open=Signal::derive(move || payment.is_open())
            on_close=move || payment.close()
            title
            busy=Signal::derive(move || payment.is_sending())
        >
            {move || {
                let request = payment.request()?;
                let quote = quote.get()?;
                let display = unicode_form(&request.domain_name);
                let idn = (display != request.domain_name).then(|| format!(" ({})", request.domain_name));
                let lead = move |lang: Lang| confirm_lead(lang, request.years);
                let (total, expires, renew) = (quote.total, quote.expires, quote.price.renew);
                let (auto_renew, privacy) = (request.auto_renew, request.privacy_protection);
                Some(view! {
                    <p class="dialog__lead">
                        {i18n.words(move |lang| lead(lang).before)} <strong>{display}</strong> {idn} {i18n.words(move |lang| lead(lang).after)}
                    </p>
                    <dl class="summary-list">
                        <div>
                            <dt>{i18n.text(Lang::payment_charged_now)}</dt>
                            <dd class="num strong">{i18n.words(move |lang| intl::money(lang, total))}</dd>
                        </div>
                        <div>
                            <dt>{i18n.text(Lang::price_expires)}</dt>
                            <dd>{i18n.words(move |lang| intl::date(lang, expires))}</dd>
                        </div>
                        <div>
                            <dt>{i18n.text(Lang::setting_auto_renew)}</dt>
                            <dd>
                                {i18n.words(move |lang| {
                                    if auto_renew {
                                        lang.register_auto_renew_on(intl::money(lang, renew))
                                    } else {
                                        lang.state_off().to_string()
                                    }
                                })}
                            </dd>
                        </div>
                        <div>
                            <dt>{i18n.text(Lang::setting_whois_privacy)}</dt>
                            <dd>{i18n.words(move |lang| on_off(lang, privacy))}</dd>
                        </div>
                        <div>
                            <dt>{i18n.text(Lang::setting_nameservers)}</dt>
                            <dd>{request.nameservers.clone().map(|list| list.join(", ")).unwrap_or_else(|| "VPS.org (ns1.vps.org, ns2.vps.org)".to_string())}</dd>
                        </div>
                    </dl>
                })
            }}
            <PaymentActions
                payment
                amount=i18n.signal(move |lang| quote.get().map(|q| intl::money(lang, q.total)).unwrap_or_default())
                action=PayAction::Register
                test_id="confirm-register"
                on_confirm
            />
        </Dialog>
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
