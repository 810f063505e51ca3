//! `/domains/:id/transfer`: moving a domain held elsewhere to VPS.org. The checklist comes
//! first (the server stays the judge), then the fee and a confirmation, then the provider's
//! next steps as a checklist whose ticks survive a reload.

use crate::clock::Clock;
use crate::components::dialog::Dialog;
use crate::components::fields::{Checkbox, Loading, SecretInput};
use crate::components::form_errors::Refusal;
use crate::components::payment::{Payment, PaymentActions};
use crate::components::toast::Toasts;
use crate::i18n::{use_i18n, Lang};
use crate::intl;
use crate::logic::cache::DomainRecord;
use crate::logic::format::on_off;
use crate::logic::transfer::{eligibility, ready_to_submit, Check, CheckState, NextSteps};
use crate::state::routed_domain::use_routed_domain;
use crate::store::{Store, Wake};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vps_contract::{normalize_auth_code, price_for_domain, Cents, Timestamp, TransferRequest, TransferStatus};

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load_steps(id: u64) -> Option<NextSteps> {
    let text = local_storage()?.get_item(&NextSteps::storage_key(id)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

fn save_steps(id: u64, steps: &NextSteps) {
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(steps)) {
        let _ = storage.set_item(&NextSteps::storage_key(id), &text);
    }
}

#[component]
pub fn TransferPage(id: u64) -> impl IntoView {
    let routed = use_routed_domain(id);
    let record = routed.record;
    let i18n = use_i18n();
    crate::app::page_title(|lang| lang.transfer_page_title().to_string());
    move || match routed.known.get() {
        true => view! { <TransferView id record /> }.into_any(),
        false => match routed.problem.get() {
            Some(error) => view! {
                <section class="page empty-state">
                    <h1>{i18n.text(Lang::transfer_unavailable)}</h1>
                    <p>{move || error.message(i18n.get())}</p>
                    <a class="button" href="/domains">{i18n.text(Lang::domain_back_to_domains)}</a>
                </section>
            }
            .into_any(),
            None => view! { <Loading text=i18n.text(Lang::domain_loading) /> }.into_any(),
        },
    }
}

#[component]
fn TransferView(id: u64, record: Memo<Option<DomainRecord>>) -> impl IntoView {
    let steps = RwSignal::new(load_steps(id));
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
                    <h1>{move || i18n.get().transfer_heading(name())}</h1>
                    <p class="page__subtitle">
                        {move || record.with(|r| r.as_ref().and_then(|r| r.registrar.as_ref()).map(|registrar| i18n.get().transfer_currently_at(registrar)))}
                    </p>
                </div>
            </header>
            {move || match (state.get(), steps.with(Option::is_some)) {
                (Some(TransferStatus::Pending), _) | (_, true) => view! { <TransferProgress id record steps /> }.into_any(),
                _ => view! { <TransferForm id record steps /> }.into_any(),
            }}
        </section>
    }
}

/// The checklist, the auth code, the fee, and the confirmation.
#[component]
fn TransferForm(id: u64, record: Memo<Option<DomainRecord>>, steps: RwSignal<Option<NextSteps>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let toasts = expect_context::<Toasts>();
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    let auth_code = RwSignal::new(String::new());
    let auto_renew = RwSignal::new(true);
    // What is wrong with the code as typed (found here), and what the server refused.
    let code_problem = RwSignal::new(None::<vps_contract::AuthCodeProblem>);
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
        let Some((request, key)) = payment.begin() else {
            return;
        };
        spawn_local(async move {
            match payment.settle(store.transfer(id, &request, &key).await) {
                Ok(answer) => {
                    auth_code.set(String::new());
                    toasts.success(answer.message.clone());
                    let next = NextSteps::new(answer.next_steps.clone(), answer.estimated_completion);
                    save_steps(id, &next);
                    steps.set(Some(next));
                }
                Err(Some(refused)) => {
                    refusal.set(refused);
                    // The server's verdict replaces the app's guess: read the domain again.
                    let _ = store.load_detail(id, Wake::Now).await;
                }
                Err(None) => {}
            }
        });
    };
    let provider_says =
        move || Some(refusal.general(i18n.get(), &["auth_code"])).filter(|messages| !messages.is_empty());

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
                    <strong class="num">{move || fee.get().map(|f| intl::money(i18n.get(), f)).unwrap_or_else(|| "—".to_string())}</strong>
                    " "
                    {i18n.text(Lang::transfer_fee_includes)}
                </p>
                <button type="submit" class="button button--primary" disabled=move || !checks.with(|c| ready_to_submit(c))>
                    {move || {
                        let lang = i18n.get();
                        match fee.get() {
                            Some(fee) => lang.transfer_review_with_fee(intl::money(lang, fee)),
                            None => lang.transfer_review().to_string(),
                        }
                    }}
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
    code_problem: RwSignal<Option<vps_contract::AuthCodeProblem>>,
    refusal: Refusal,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let message = Signal::derive(move || {
        code_problem
            .get()
            .map(|problem| crate::logic::name_messages::auth_code_problem(i18n.get(), &problem))
            .or_else(|| refusal.about_joined("auth_code"))
    });
    let type_code = move |code: String| {
        code_problem.set(None);
        if refusal.concerns("auth_code") {
            refusal.clear();
        }
        auth_code.set(code);
    };
    let i18n = use_i18n();
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

/// Each requirement with its state, in words for screen readers too.
#[component]
fn Checklist(checks: Memo<Vec<Check>>) -> impl IntoView {
    let i18n = use_i18n();
    let item = move |check: Check| {
        let Check {
            requirement,
            detail,
            state,
        } = check;
        view! {
            <li class=match state {
                CheckState::Passed => "check-item check-item--passed",
                CheckState::Failed => "check-item check-item--failed",
                CheckState::Waiting => "check-item check-item--waiting",
                CheckState::Stated => "check-item check-item--stated",
            }>
                <span class="check-item__icon" aria-hidden="true">
                    {match state {
                        CheckState::Passed => "✓",
                        CheckState::Failed => "✕",
                        CheckState::Waiting => "…",
                        CheckState::Stated => "i",
                    }}
                </span>
                <span>
                    <strong>{move || requirement.title(i18n.get())}</strong>
                    <span class="visually-hidden">
                        {move || {
                            let lang = i18n.get();
                            let said = match state {
                                CheckState::Passed => lang.transfer_state_passed(),
                                CheckState::Failed => lang.transfer_state_failed(),
                                CheckState::Waiting => lang.transfer_state_waiting(),
                                CheckState::Stated => lang.transfer_state_stated(),
                            };
                            format!("{said} ")
                        }}
                    </span>
                    <span class="check-item__detail">{move || detail.text(i18n.get())}</span>
                </span>
            </li>
        }
    };
    view! {
        <ul class="checklist">
            <For each=move || checks.get() key=Check::clone children=item />
        </ul>
    }
}

/// The fee, what it adds, and the button that pays.
#[component]
fn ConfirmTransfer(
    record: Memo<Option<DomainRecord>>,
    payment: Payment<TransferRequest>,
    fee: Memo<Option<Cents>>,
    on_confirm: impl Fn() + Send + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog
            open=payment.open
            title=Signal::derive(move || i18n.get().transfer_confirm_title().to_string())
            busy=payment.in_flight
        >
            {move || {
                let record = record.get()?;
                let (request, _) = payment.prepared.get()?;
                let new_expiry = record.summary.expiration_date.map(|e| e.plus_years(1));
                let auto_renew = request.auto_renew;
                Some(view! {
                    <p class="dialog__lead">
                        {move || match &record.registrar {
                            Some(registrar) => i18n.get().transfer_confirm_lead(&record.display_name, registrar),
                            None => i18n.get().transfer_confirm_lead_unnamed(&record.display_name),
                        }}
                    </p>
                    <dl class="summary-list">
                        <div>
                            <dt>{i18n.text(Lang::payment_charged_now)}</dt>
                            <dd class="num strong">{move || fee.get().map(|f| intl::money(i18n.get(), f)).unwrap_or_default()}</dd>
                        </div>
                        <div>
                            <dt>{i18n.text(Lang::transfer_adds)}</dt>
                            <dd>
                                {move || {
                                    let lang = i18n.get();
                                    match new_expiry {
                                        Some(date) => lang.transfer_adds_year_until(intl::date(lang, date)),
                                        None => lang.transfer_adds_year().to_string(),
                                    }
                                }}
                            </dd>
                        </div>
                        <div>
                            <dt>{i18n.text(Lang::transfer_auto_renew_after)}</dt>
                            <dd>{move || on_off(i18n.get(), auto_renew)}</dd>
                        </div>
                    </dl>
                    <p class="hint">{i18n.text(Lang::transfer_approval_hint)}</p>
                })
            }}
            <PaymentActions
                payment
                amount=Signal::derive(move || fee.get().map(|f| intl::money(i18n.get(), f)).unwrap_or_default())
                action=crate::components::payment::PayAction::Transfer
                test_id="confirm-transfer"
                on_confirm
            />
        </Dialog>
    }
}

/// After the request: the provider's next steps to tick, the expected date, and the status,
/// polled until the transfer completes.
#[component]
fn TransferProgress(id: u64, record: Memo<Option<DomainRecord>>, steps: RwSignal<Option<NextSteps>>) -> impl IntoView {
    let status = Memo::new(move |_| record.with(|r| r.as_ref().and_then(|r| r.transfer.clone())));
    let estimated = move || {
        status.get().and_then(|t| t.estimated_completion).or_else(|| {
            steps.with(|s| {
                s.as_ref()
                    .and_then(|s| s.estimated_completion.as_deref().and_then(Timestamp::parse))
            })
        })
    };
    let completed = move || status.with(|t| t.as_ref().is_some_and(|t| t.status == TransferStatus::Completed));
    let i18n = use_i18n();
    view! {
        <div class="transfer">
            <section class="card" aria-labelledby="progress-title">
                <h2 id="progress-title">{i18n.text(Lang::transfer_status)}</h2>
                {move || if completed() {
                    view! {
                        <p class="notice notice--success">{i18n.text(Lang::transfer_complete)}</p>
                        <a class="button button--primary" href=format!("/domains/{id}")>{i18n.text(Lang::transfer_open_settings)}</a>
                    }.into_any()
                } else {
                    view! {
                        <p class="progress-line">
                            <span class="badge badge--pending">
                                <span class="badge__icon" aria-hidden="true">"◌"</span>
                                {i18n.text(Lang::status_pending)}
                            </span>
                            {move || estimated().map(|date| {
                                let lang = i18n.get();
                                format!(" {}", lang.transfer_expected_by(intl::date(lang, date)))
                            })}
                        </p>
                        <p class="hint">{i18n.text(Lang::transfer_checks_itself)}</p>
                    }.into_any()
                }}
            </section>
            <section class="card" aria-labelledby="steps-title">
                <h2 id="steps-title">{i18n.text(Lang::transfer_next_steps)}</h2>
                {move || match steps.get() {
                    None => view! { <p class="muted">{i18n.text(Lang::transfer_steps_elsewhere)}</p> }.into_any(),
                    Some(current) => view! {
                        // The provider's own words, in English: said so where the page is not.
                        {move || (i18n.get() != Lang::En).then(|| view! {
                            <p class="hint">{i18n.text(Lang::providers_words)}</p>
                        })}
                        <ol class="steps">
                            {current.steps.iter().enumerate().map(|(index, step)| {
                                let done = current.done.get(index).copied().unwrap_or(false);
                                let input_id = format!("step-{index}");
                                view! {
                                    <li class="steps__item" class:steps__item--done=done>
                                        <input
                                            id=input_id.clone()
                                            type="checkbox"
                                            prop:checked=done
                                            on:change=move |_| steps.update(|steps| {
                                                if let Some(steps) = steps {
                                                    steps.toggle(index);
                                                    save_steps(id, steps);
                                                }
                                            })
                                        />
                                        <label for=input_id>{step.clone()}</label>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}
