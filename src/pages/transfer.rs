//! `/domains/:id/transfer`: moving a domain held elsewhere to VPS.org. The checklist comes
//! first (the server stays the judge), then the fee and a confirmation, then the provider's
//! next steps as a checklist whose ticks survive a reload.

mod checklist;
mod confirm;
mod progress;

use crate::components::fields::{Checkbox, Loading, SecretInput};
use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::DomainRecord;
use crate::logic::name_messages::auth_code_problem;
use crate::logic::payment::Prepared;
use crate::logic::transfer::{eligibility, ready_to_submit, NextSteps};
use crate::state::clock::Clock;
use crate::state::language::use_i18n;
use crate::state::payment::Payment;
use crate::state::refusal::Refusal;
use crate::state::routed_domain::use_routed_domain;
use crate::state::store::DomainStore;
use crate::state::toasts::Toasts;
use crate::state::transfer_steps::TransferSteps;
use checklist::Checklist;
use confirm::ConfirmTransfer;
use leptos::prelude::*;
use leptos::task::spawn_local;
use progress::TransferProgress;
use vps_contract::{
    field, normalize_auth_code, price_for_domain, AuthCodeProblem, DomainId, TransferRequest, TransferStatus,
};

#[component]
pub fn TransferPage(id: DomainId) -> impl IntoView {
    let routed = use_routed_domain(id);
    let record = routed.record;
    let i18n = use_i18n();
    crate::state::language::page_title(|lang| lang.transfer_page_title().to_string());
    move || match routed.known.get() {
        true => view! { <TransferView id record /> }.into_any(),
        false => match routed.problem.get() {
            Some(error) => view! {
                <section class="page empty-state">
                    <h1>{i18n.text(Lang::transfer_unavailable)}</h1>
                    <p>{i18n.words(move |lang| error.message(lang))}</p>
                    <a class="button" href="/domains">{i18n.text(Lang::domain_back_to_domains)}</a>
                </section>
            }
            .into_any(),
            None => view! { <Loading text=i18n.text(Lang::domain_loading) /> }.into_any(),
        },
    }
}

#[component]
fn TransferView(id: DomainId, record: Memo<Option<DomainRecord>>) -> impl IntoView {
    let steps = TransferSteps::load(id);
    let i18n = use_i18n();
    let name = move || record.with(|r| r.as_ref().map(|r| r.display_name.clone()).unwrap_or_default());
    let state =
        Memo::new(move |_| record.with(|r| r.as_ref().and_then(|r| r.transfer.as_ref().map(|t| t.status.clone()))));
    view! {
        <section class="page">
            <nav class="breadcrumb" aria-label=i18n.text(Lang::domain_breadcrumb)>
                <a href=format!("/domains/{id}")>{move || format!("← {}", name())}</a>
            </nav>
            <header class="page__header">
                <div>
                    <h1>{i18n.words(move |lang| lang.transfer_heading(name()))}</h1>
                    <p class="page__subtitle">
                        {i18n.words(move |lang| record.with(|r| r.as_ref().and_then(|r| r.registrar.as_ref()).map(|registrar| lang.transfer_currently_at(registrar))))}
                    </p>
                </div>
            </header>
            {move || match (state.get(), steps.with(|steps| steps.is_some())) {
                (Some(TransferStatus::Pending), _) | (_, true) => view! { <TransferProgress id record steps /> }.into_any(),
                _ => view! { <TransferForm id record steps /> }.into_any(),
            }}
        </section>
    }
}

/// The checklist, the auth code, the fee, and the confirmation.
#[component]
fn TransferForm(id: DomainId, record: Memo<Option<DomainRecord>>, steps: TransferSteps) -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let toasts = expect_context::<Toasts>();
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    let auth_code = RwSignal::new(String::new());
    let auto_renew = RwSignal::new(true);
    // What is wrong with the code as typed (found here), and what the server refused.
    let code_problem = RwSignal::new(None::<AuthCodeProblem>);
    let refusal = Refusal::new();
    let checks = Memo::new(move |_| {
        let now = clock.minute();
        record.with(|r| {
            r.as_ref()
                .map(|r| auth_code.with(|code| eligibility(r, code, now)))
                .unwrap_or_default()
        })
    });
    let fee = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
                .and_then(|r| price_for_domain(&r.summary.domain_name))
                .map(|p| p.transfer)
        })
    });
    let payment = Payment::<TransferRequest>::new();
    let review = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let code = match normalize_auth_code(&auth_code.get_untracked()) {
            Ok(code) => code.to_string(),
            Err(problem) => return code_problem.set(Some(problem)),
        };
        if !checks.with(|checks| ready_to_submit(checks)) {
            return;
        }
        refusal.clear();
        payment.review(TransferRequest {
            auth_code: code,
            auto_renew: auto_renew.get_untracked(),
        });
    };
    let confirm = move || {
        let Some(Prepared { request, key }) = payment.begin() else {
            return;
        };
        spawn_local(async move {
            match payment.settle(store.transfer(id, &request, &key).await) {
                Ok(answer) => {
                    auth_code.set(String::new());
                    toasts.success(answer.message.clone());
                    steps.start(NextSteps::new(answer.next_steps.clone(), answer.estimated_completion));
                }
                // (The store reads the domain again: the server's verdict replaces the guess.)
                Err(Some(refused)) => refusal.set(refused),
                Err(None) => {}
            }
        });
    };
    let provider_says =
        move || Some(refusal.general(i18n.get(), &[field::AUTH_CODE])).filter(|messages| !messages.is_empty());

    view! {
        <div class="transfer">
            <section class="card" aria-labelledby="checklist-title">
                <h2 id="checklist-title">{i18n.text(Lang::transfer_before_you_pay)}</h2>
                <Checklist checks />
                {move || provider_says().map(|messages| view! {
                    <div class="notice notice--error" role="alert">
                        <strong>{i18n.text(Lang::transfer_vps_org_says)}</strong>
                        " "
                        {messages.join(" ")}
                    </div>
                })}
            </section>
            <form class="card" on:submit=review novalidate>
                <h2>{i18n.text(Lang::transfer_details)}</h2>
                <AuthCodeField auth_code code_problem refusal />
                <Checkbox
                    checked=auto_renew
                    set_checked=auto_renew
                    label=i18n.text(Lang::transfer_auto_renew)
                    hint=i18n.text(Lang::transfer_auto_renew_hint)
                />
                <p class="fee">
                    {i18n.text(Lang::transfer_fee_label)}
                    " "
                    <strong class="num">{i18n.words(move |lang| fee.get().map(|f| intl::money(lang, f)).unwrap_or_else(|| "—".to_string()))}</strong>
                    " "
                    {i18n.text(Lang::transfer_fee_includes)}
                </p>
                <button type="submit" class="button button--primary" disabled=move || !checks.with(|c| ready_to_submit(c))>
                    {i18n.words(move |lang| match fee.get() {
                        Some(fee) => lang.transfer_review_with_fee(intl::money(lang, fee)),
                        None => lang.transfer_review().to_string(),
                    })}
                </button>
            </form>
            <ConfirmTransfer record payment fee on_confirm=confirm />
        </div>
    }
}

/// The auth code, masked, with what is wrong with it: found here, or said by the API. Both
/// belong to the code as it was, so they go once it changes.
#[component]
fn AuthCodeField(
    auth_code: RwSignal<String>,
    code_problem: RwSignal<Option<AuthCodeProblem>>,
    refusal: Refusal,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = i18n.signal(move |lang| {
        code_problem
            .get()
            .map(|problem| auth_code_problem(lang, &problem))
            .or_else(|| refusal.about_joined(field::AUTH_CODE))
    });
    let type_code = move |code: String| {
        code_problem.set(None);
        if refusal.concerns(field::AUTH_CODE) {
            refusal.clear();
        }
        auth_code.set(code);
    };
    view! {
        <div class="field">
            <label class="field__label" for="auth-code">{i18n.text(Lang::transfer_auth_code_label)}</label>
            <SecretInput
                id="auth-code"
                value=auth_code
                set_value=SignalSetter::map(type_code)
                class="mono"
                invalid=Signal::derive(move || message.with(Option::is_some))
                described_by="auth-code-message"
            />
            <p class="field__error" id="auth-code-message">{message}</p>
            <p class="hint">{i18n.text(Lang::transfer_auth_code_hint)}</p>
        </div>
    }
}
