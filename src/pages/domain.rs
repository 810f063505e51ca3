//! `/domains/:id`: every detail of one domain, and its settings editor. Only changed fields
//! are sent, after a before/after review; consequences are spelled out before they happen.

use crate::api::ApiError;
use crate::clock::Clock;
use crate::components::dialog::Dialog;
use crate::components::expiry::Expiry;
use crate::components::fields::{Checkbox, Loading};
use crate::components::nameserver_editor::NameserverEditor;
use crate::components::status_badge::StatusBadge;
use crate::components::toast::Toasts;
use crate::logic::settings::{plan_save, SavePlan, SettingsDraft};
use crate::store::{DomainRecord, Store};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use vps_contract::TransferStatus;

/// The domain named by the route's `:id`, as the store holds it, loaded (again) whenever the
/// id or the session changes.
pub struct RoutedDomain {
    pub id: Memo<Option<u64>>,
    pub record: Memo<Option<DomainRecord>>,
    /// Whether the store has it: the page re-renders on this only, its fields update in place.
    pub known: Memo<bool>,
    /// Why the last load failed.
    pub problem: RwSignal<Option<ApiError>>,
}

pub fn routed_domain(store: Store) -> RoutedDomain {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<u64>().ok())));
    let record = Memo::new(move |_| id.get().and_then(|id| store.cache.with(|cache| cache.get(id).cloned())));
    let known = Memo::new(move |_| record.with(Option::is_some));
    let problem = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        let (Some(id), true) = (id.get(), store.session.connection.with(Option::is_some)) else {
            return;
        };
        spawn_local(async move {
            problem.set(store.load_detail(id).await.err());
        });
    });
    RoutedDomain {
        id,
        record,
        known,
        problem,
    }
}

#[component]
pub fn DomainPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let RoutedDomain {
        id,
        record,
        known,
        problem,
    } = routed_domain(store);
    move || match (id.get(), known.get()) {
        (None, _) => view! { <Missing /> }.into_any(),
        (Some(id), true) => view! { <DomainView id record problem /> }.into_any(),
        (Some(id), false) => match problem.get() {
            Some(ApiError::NotFound(_)) => view! { <Missing /> }.into_any(),
            Some(error) => view! {
                <section class="page">
                    <div class="notice notice--error" role="alert">
                        <span>{format!("Couldn't load this domain. {}", error.message())}</span>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| spawn_local(async move { problem.set(store.load_detail(id).await.err()) })
                        >
                            "Retry"
                        </button>
                    </div>
                </section>
            }
            .into_any(),
            None => view! { <Loading text="Loading the domain…" /> }.into_any(),
        },
    }
}

#[component]
fn Missing() -> impl IntoView {
    view! {
        <section class="page empty-state">
            <h1>"Domain not found"</h1>
            <p>"It is not in this account: it may have been removed, or the address is wrong."</p>
            <a class="button button--primary" href="/domains">"Back to your domains"</a>
        </section>
    }
}

#[component]
fn DomainView(id: u64, record: Memo<Option<DomainRecord>>, problem: RwSignal<Option<ApiError>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let field =
        move |read: fn(&DomainRecord) -> String| move || record.with(|r| r.as_ref().map(read).unwrap_or_default());
    let held_elsewhere = Memo::new(move |_| record.with(|r| r.as_ref().and_then(DomainRecord::at_vps) == Some(false)));
    let badge = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
                .map(|r| (r.summary.status.clone(), r.at_vps() == Some(false)))
        })
    });
    let refresh = move |_| {
        spawn_local(async move { problem.set(store.load_detail(id).await.err()) });
    };

    view! {
        <section class="page">
            <nav class="breadcrumb" aria-label="Breadcrumb">
                <a href="/domains">"← Domains"</a>
            </nav>
            <header class="page__header">
                <div>
                    <h1 class="domain-title">
                        {field(|r| r.display_name.clone())}
                        {move || {
                            badge.get().map(|(status, elsewhere)| view! { <StatusBadge status held_elsewhere=elsewhere /> })
                        }}
                    </h1>
                    <p class="page__subtitle">
                        {move || record.with(|r| {
                            r.as_ref().filter(|r| r.display_name != r.summary.domain_name).map(|r| format!("Punycode: {}", r.summary.domain_name))
                        })}
                    </p>
                </div>
                <button type="button" class="button button--quiet" on:click=refresh>"↻ Refresh"</button>
            </header>
            {move || problem.get().filter(|e| !matches!(e, ApiError::NotFound(_))).map(|error| view! {
                <div class="notice notice--error" role="alert">
                    {format!("Couldn't refresh this domain. {} Showing what was loaded before.", error.message())}
                </div>
            })}
            {move || held_elsewhere.get().then(|| {
                let registrar = record.with(|r| r.as_ref().and_then(|r| r.registrar.clone()).unwrap_or_default());
                let pending = record.with(|r| r.as_ref().is_some_and(DomainRecord::transfer_pending));
                view! {
                    <div class="notice notice--info">
                        <span>
                            {format!("This domain is registered at {registrar}, so its settings are read-only here: they can only be changed at {registrar}. ")}
                            {if pending { "A transfer to VPS.org is under way." } else { "Transfer it to VPS.org to manage it here." }}
                        </span>
                        <a class="button button--primary" href=format!("/domains/{id}/transfer")>
                            {if pending { "View transfer" } else { "Transfer to VPS.org" }}
                        </a>
                    </div>
                }
            })}
            <div class="detail-grid">
                <Overview record now=Memo::new(move |_| clock.minute()) />
                {move || (!held_elsewhere.get()).then(|| view! { <SettingsEditor id /> })}
            </div>
            <RemoveDomain id record />
        </section>
    }
}

/// Every detail field, as a description list.
#[component]
fn Overview(record: Memo<Option<DomainRecord>>, now: Memo<vps_contract::Timestamp>) -> impl IntoView {
    move || {
        let record = record.get()?;
        let summary = &record.summary;
        let whois = record.whois.clone().unwrap_or_default();
        let unknown = || "Loading…".to_string();
        let on_off = |on: bool| if on { "On" } else { "Off" };
        let transfer = record.transfer.clone().map(|transfer| {
            let status = match &transfer.status {
                TransferStatus::Pending => "Pending".to_string(),
                TransferStatus::Completed => "Completed".to_string(),
                TransferStatus::Other(other) => other.clone(),
            };
            let eta = transfer
                .estimated_completion
                .filter(|_| transfer.status == TransferStatus::Pending)
                .map(|eta| format!(" · expected by {}", eta.to_human_date()))
                .unwrap_or_default();
            format!("{status}{eta}")
        });
        Some(view! {
            <section class="card overview" aria-labelledby="overview-title">
                <h2 id="overview-title">"Overview"</h2>
                <dl class="summary-list">
                    <div>
                        <dt>"Expires"</dt>
                        <dd><Expiry expiry=summary.expiration_date now=now.get() auto_renew=summary.auto_renew /></dd>
                    </div>
                    <div>
                        <dt>"Days to expiry"</dt>
                        <dd class="num">{record.days_left(now.get()).or(record.days_until_expiration).map(|d| d.to_string()).unwrap_or_else(unknown)}</dd>
                    </div>
                    <div>
                        <dt>"Registered"</dt>
                        <dd>{summary.registration_date.map(|d| d.to_human_date()).unwrap_or_default()}</dd>
                    </div>
                    <div><dt>"Registrar"</dt><dd>{record.registrar.clone().unwrap_or_else(unknown)}</dd></div>
                    <div><dt>"Auto-renew"</dt><dd>{on_off(summary.auto_renew)}</dd></div>
                    <div><dt>"Registrar lock"</dt><dd>{if summary.locked { "Locked" } else { "Unlocked" }}</dd></div>
                    <div><dt>"WHOIS privacy"</dt><dd>{on_off(summary.privacy_protection)}</dd></div>
                    <div>
                        <dt>"DNS"</dt>
                        <dd>
                            {if summary.dns_managed_by == "vps.org" { "Managed by VPS.org" } else { "External nameservers" }}
                            {record.dns_records_count.map(|n| format!(" · {n} records"))}
                        </dd>
                    </div>
                    <div><dt>"Nameservers"</dt><dd class="mono">{summary.nameservers.join(", ")}</dd></div>
                    {transfer.map(|text| view! { <div><dt>"Transfer"</dt><dd>{text}</dd></div> })}
                </dl>
                <h3>"WHOIS"</h3>
                <dl class="summary-list">
                    <div><dt>"Registrant"</dt><dd>{whois.registrant}</dd></div>
                    <div><dt>"Admin contact"</dt><dd>{whois.admin_contact}</dd></div>
                    <div><dt>"Tech contact"</dt><dd>{whois.tech_contact}</dd></div>
                    <div><dt>"Created"</dt><dd>{whois.created_date}</dd></div>
                    <div><dt>"Updated"</dt><dd>{whois.updated_date}</dd></div>
                </dl>
            </section>
        })
    }
}

/// Auto-renew, privacy, lock and nameservers. Edits survive background refreshes; the review
/// shows before/after and the consequences; the server's message is shown after saving.
#[component]
fn SettingsEditor(id: u64) -> impl IntoView {
    let store = expect_context::<Store>();
    let toasts = expect_context::<Toasts>();
    let server_state = Memo::new(move |_| store.cache.with(|cache| cache.get(id).map(|r| r.summary.clone())));
    let label = store
        .cache
        .with_untracked(|cache| cache.get(id).map(|r| r.display_name.clone()).unwrap_or_default());
    let start = server_state
        .get_untracked()
        .map(|summary| SettingsDraft::from_summary(&summary))
        .unwrap_or(SettingsDraft {
            auto_renew: true,
            privacy_protection: true,
            locked: true,
            nameservers: Vec::new(),
        });
    let baseline = RwSignal::new(start.clone());
    let auto_renew = RwSignal::new(start.auto_renew);
    let privacy = RwSignal::new(start.privacy_protection);
    let locked = RwSignal::new(start.locked);
    let nameservers = RwSignal::new(start.nameservers.clone());
    let draft = move || SettingsDraft {
        auto_renew: auto_renew.get(),
        privacy_protection: privacy.get(),
        locked: locked.get(),
        nameservers: nameservers.get(),
    };
    let touched = Memo::new(move |_| draft() != baseline.get());
    let reset_to = move |state: SettingsDraft| {
        auto_renew.set(state.auto_renew);
        privacy.set(state.privacy_protection);
        locked.set(state.locked);
        nameservers.set(state.nameservers.clone());
        baseline.set(state);
    };
    // The server's newer state replaces the form only while nothing has been edited.
    Effect::new(move |_| {
        if let Some(summary) = server_state.get() {
            let fresh = SettingsDraft::from_summary(&summary);
            if !touched.get_untracked() && fresh != baseline.get_untracked() {
                reset_to(fresh);
            }
        }
    });

    let plan = Memo::new({
        let label = label.clone();
        move |_| server_state.get().map(|summary| plan_save(&summary, &draft(), &label))
    });
    let has_changes = move || plan.with(|plan| matches!(plan, Some(Ok(plan)) if !plan.changes.is_empty()));
    let server_error = RwSignal::new(None::<ApiError>);
    let nameserver_errors = Signal::derive(move || {
        let mut errors: Vec<String> = server_error.with(|e| {
            e.as_ref()
                .and_then(|e| e.field_errors()?.get("nameservers").cloned())
                .unwrap_or_default()
        });
        if let Some(Err(problems)) = plan.get() {
            if server_error.with(Option::is_some)
                || nameservers.with(|rows| rows.iter().all(|row| !row.trim().is_empty()))
            {
                errors.extend(problems);
            }
        }
        errors
    });

    let review_open = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let reviewed = RwSignal::new(None::<SavePlan>);
    let review = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        server_error.set(None);
        match plan.get_untracked() {
            Some(Ok(plan)) if !plan.changes.is_empty() => {
                reviewed.set(Some(plan));
                review_open.set(true);
            }
            Some(Err(problems)) => server_error.set(Some(ApiError::Invalid(vps_contract::ErrorBody {
                detail: None,
                fields: [("nameservers".to_string(), problems)].into(),
            }))),
            _ => {}
        }
    };
    let save = move |_| {
        if saving.get_untracked() {
            return;
        }
        let Some(plan) = reviewed.get_untracked() else { return };
        saving.set(true);
        spawn_local(async move {
            let result = store.update(id, &plan.request).await;
            saving.set(false);
            review_open.set(false);
            match result {
                Ok(answer) => {
                    toasts.success(answer.message.clone());
                    if let Some(summary) = server_state.get_untracked() {
                        reset_to(SettingsDraft::from_summary(&summary));
                    }
                    // WHOIS dates and the DNS summary changed too: read them again.
                    let _ = store.load_detail(id).await;
                }
                // The sign-in layer says why; the edits wait under it.
                Err(ApiError::Unauthorized(_)) => {}
                Err(error) => server_error.set(Some(error)),
            }
        });
    };

    view! {
        <section class="card settings" aria-labelledby="settings-title">
            <h2 id="settings-title">"Settings"</h2>
            <form on:submit=review novalidate>
                <Checkbox switch=true checked=auto_renew label="Auto-renew" hint="Renews for a year before expiry, charged to your balance." />
                <Checkbox switch=true checked=privacy label="WHOIS privacy" hint="Hides your contacts in the public WHOIS." />
                <Checkbox switch=true checked=locked label="Registrar lock" hint="Blocks transfers to another registrar." />
                <NameserverEditor rows=nameservers errors=nameserver_errors id_prefix="settings" />
                <ul class="form-errors" aria-live="assertive">
                    {move || {
                        server_error
                            .with(|e| e.as_ref().map(|e| e.general_messages(&["nameservers"])).unwrap_or_default())
                            .into_iter()
                            .map(|message| view! { <li>{message}</li> })
                            .collect_view()
                    }}
                </ul>
                <div class="form-actions">
                    <button type="button" class="button" disabled=move || !touched.get() on:click=move |_| {
                        server_error.set(None);
                        reset_to(baseline.get_untracked());
                    }>
                        "Discard changes"
                    </button>
                    <button type="submit" class="button button--primary" disabled=move || !has_changes()>
                        "Review changes"
                    </button>
                </div>
            </form>
            <Dialog open=review_open title=Signal::derive(move || "Review changes".to_string()) busy=saving>
                {move || reviewed.get().map(|plan| view! {
                    <table class="diff">
                        <thead>
                            <tr><th scope="col">"Setting"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr>
                        </thead>
                        <tbody>
                            {plan.changes.iter().map(|change| view! {
                                <tr>
                                    <th scope="row">{change.label}</th>
                                    <td class="diff__before">{change.before.clone()}</td>
                                    <td class="diff__after">{change.after.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {plan.warnings.iter().map(|warning| view! { <p class="notice notice--warning">{warning.clone()}</p> }).collect_view()}
                    {plan.request.nameservers.is_some().then(|| view! {
                        <p class="hint">"Nameserver changes can take up to 24 hours to reach every resolver."</p>
                    })}
                })}
                <div class="dialog__actions">
                    <button type="button" class="button" disabled=move || saving.get() on:click=move |_| review_open.set(false)>"Keep editing"</button>
                    <button type="button" class="button button--primary" disabled=move || saving.get() on:click=save data-testid="confirm-save">
                        {move || if saving.get() { "Saving…" } else { "Save changes" }}
                    </button>
                </div>
            </Dialog>
        </section>
    }
}

/// Removing a domain from the account, which does not cancel its registration.
#[component]
fn RemoveDomain(id: u64, record: Memo<Option<DomainRecord>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let toasts = expect_context::<Toasts>();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let removing = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let names = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
                .map(|r| (r.display_name.clone(), r.summary.domain_name.clone()))
                .unwrap_or_default()
        })
    });
    let display = move || names.with(|(display, _)| display.clone());
    let matches = move || {
        names.with(|(display, ascii)| {
            typed.with(|typed| {
                !display.is_empty() && (typed.trim() == display || typed.trim().eq_ignore_ascii_case(ascii))
            })
        })
    };
    let fate = move || {
        record.with(|r| {
            let summary = &r.as_ref()?.summary;
            Some(match (summary.auto_renew, summary.expiration_date) {
                (true, Some(expiry)) => format!(
                    "It keeps renewing automatically (next on {}), charged to this account.",
                    expiry.to_human_date()
                ),
                (false, Some(expiry)) => format!(
                    "Auto-renew is off, so it expires on {} unless renewed.",
                    expiry.to_human_date()
                ),
                (_, None) => "It renews or expires as its settings say.".to_string(),
            })
        })
    };
    let remove = move |_| {
        if removing.get_untracked() || !matches() {
            return;
        }
        removing.set(true);
        let navigate = navigate.clone();
        let shown = display();
        spawn_local(async move {
            let result = store.remove(id).await;
            removing.set(false);
            match result {
                Ok(()) => {
                    open.set(false);
                    toasts.success(format!(
                        "{shown} was removed from this account. Its registration continues."
                    ));
                    navigate("/domains", Default::default());
                }
                // The sign-in layer must not sit under this modal.
                Err(failure @ ApiError::Unauthorized(_)) => {
                    open.set(false);
                    error.set(Some(failure));
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    };
    view! {
        <section class="card danger-zone" aria-labelledby="danger-title">
            <h2 id="danger-title">"Remove from account"</h2>
            <p>"Removes the domain from this dashboard. It does not cancel the registration."</p>
            <button type="button" class="button button--danger" on:click=move |_| {
                typed.set(String::new());
                error.set(None);
                open.set(true);
            }>
                "Remove from account…"
            </button>
            <Dialog open title=Signal::derive(move || format!("Remove {} from this account?", display())) busy=removing>
                <p>
                    <strong>"This does not cancel the registration."</strong>
                    {move || format!(" {} stays registered, and nobody else can register it. {}", display(), fate().unwrap_or_default())}
                </p>
                <p>"To end a registration, turn auto-renew off and let it expire instead."</p>
                <div class="field">
                    <label class="field__label" for="confirm-name">{move || format!("Type {} to confirm", display())}</label>
                    <input id="confirm-name" class="input" type="text" autocomplete="off" spellcheck="false" bind:value=typed />
                </div>
                <p class="notice notice--error" role="alert" hidden=move || error.with(Option::is_none)>
                    {move || error.get().map(|e| e.message())}
                </p>
                <div class="dialog__actions">
                    <button type="button" class="button" disabled=move || removing.get() on:click=move |_| open.set(false)>"Cancel"</button>
                    // Busy, not `disabled`: the focus stays here for a retry; `remove` ignores clicks meanwhile.
                    <button
                        type="button"
                        class="button button--danger"
                        disabled=move || !matches()
                        aria-disabled=move || removing.get().to_string()
                        aria-busy=move || removing.get().to_string()
                        on:click=remove
                    >
                        {move || if removing.get() { "Removing…" } else { "Remove from account" }}
                    </button>
                </div>
            </Dialog>
        </section>
    }
}
