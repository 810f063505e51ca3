//! `/domains/:id`: every detail of one domain, its settings editor, and its removal from the
//! account. Only changed fields are sent, after a before/after review; consequences are
//! spelled out before they happen.

mod remove;
mod settings;

use crate::api::ApiError;
use crate::clock::Clock;
use crate::components::error_notice::ErrorNotice;
use crate::components::expiry::Expiry;
use crate::components::fields::Loading;
use crate::components::status_badge::StatusBadge;
use crate::logic::cache::DomainRecord;
use crate::logic::format::{dns_phrase, lock_state, on_off};
use crate::store::{Store, Wake};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use remove::RemoveDomain;
use settings::SettingsEditor;
use vps_contract::{Timestamp, TransferStatus};

/// The domain named by the route's `:id`, as the store holds it, loaded (again) whenever the
/// id or the session changes.
#[derive(Clone, Copy)]
pub struct RoutedDomain {
    pub id: Memo<Option<u64>>,
    pub record: Memo<Option<DomainRecord>>,
    /// Whether the store has it: the page re-renders on this only, its fields update in place.
    pub known: Memo<bool>,
    /// Why the last load of this id failed (the store answers only the latest of several).
    pub problem: RwSignal<Option<ApiError>>,
    store: Store,
}

impl RoutedDomain {
    /// Reads the domain again; its record updates in place.
    pub fn reload(&self) {
        let Some(asked) = self.id.get_untracked() else { return };
        let RoutedDomain { id, problem, store, .. } = *self;
        spawn_local(async move {
            let result = store.load_detail(asked, Wake::Now).await;
            // Another domain's page is open now: this answer says nothing about it.
            if id.get_untracked() != Some(asked) {
                return;
            }
            match result {
                Ok(()) => problem.set(None),
                // A newer read of it, or another session, answers instead.
                Err(ApiError::Superseded) => {}
                Err(error) => problem.set(Some(error)),
            }
        });
    }
}

pub fn use_routed_domain() -> RoutedDomain {
    let store = expect_context::<Store>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| id.parse::<u64>().ok())));
    let record = Memo::new(move |_| id.get().and_then(|id| store.with_cache(|cache| cache.get(id).cloned())));
    let known = Memo::new(move |_| record.with(Option::is_some));
    let problem = RwSignal::new(None::<ApiError>);
    let routed = RoutedDomain {
        id,
        record,
        known,
        problem,
        store,
    };
    // A new domain, or a new session: what failed before was about another.
    Effect::new(move |previous: Option<Option<u64>>| {
        let shown = id.get();
        if previous.is_some_and(|previous| previous != shown) {
            problem.set(None);
        }
        if shown.is_some() && store.session.is_signed_in() {
            routed.reload();
        }
        shown
    });
    routed
}

#[component]
pub fn DomainPage() -> impl IntoView {
    let routed = use_routed_domain();
    move || match (routed.id.get(), routed.known.get()) {
        (None, _) => view! { <Missing /> }.into_any(),
        (Some(id), true) => view! { <DomainView id routed /> }.into_any(),
        (Some(_), false) => match routed.problem.get() {
            Some(ApiError::NotFound(_)) => view! { <Missing /> }.into_any(),
            Some(error) => view! {
                <section class="page">
                    <ErrorNotice
                        message=Signal::derive(move || Some(format!("Couldn't load this domain. {}", error.message())))
                        on_retry=Callback::new(move |()| routed.reload())
                    />
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
fn DomainView(id: u64, routed: RoutedDomain) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let record = routed.record;
    let field =
        move |read: fn(&DomainRecord) -> String| move || record.with(|r| r.as_ref().map(read).unwrap_or_default());
    let held_elsewhere = Memo::new(move |_| record.with(|r| r.as_ref().and_then(DomainRecord::at_vps) == Some(false)));
    let badge = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
                .map(|r| (r.summary.status.clone(), r.at_vps() == Some(false)))
        })
    });
    let refresh_problem = Signal::derive(move || {
        routed
            .problem
            .get()
            .filter(|e| !matches!(e, ApiError::NotFound(_)))
            .map(|error| {
                format!(
                    "Couldn't refresh this domain. {} Showing what was loaded before.",
                    error.message()
                )
            })
    });

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
                <button type="button" class="button button--quiet" on:click=move |_| routed.reload()>"↻ Refresh"</button>
            </header>
            <ErrorNotice message=refresh_problem />
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
fn Overview(record: Memo<Option<DomainRecord>>, now: Memo<Timestamp>) -> impl IntoView {
    move || {
        let record = record.get()?;
        let summary = &record.summary;
        let whois = record.whois.clone().unwrap_or_default();
        let unknown = || "Loading…".to_string();
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
                    <div><dt>"Registrar lock"</dt><dd>{lock_state(summary.locked)}</dd></div>
                    <div><dt>"WHOIS privacy"</dt><dd>{on_off(summary.privacy_protection)}</dd></div>
                    <div>
                        <dt>"DNS"</dt>
                        <dd>
                            {dns_phrase(&summary.dns_managed_by)}
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
