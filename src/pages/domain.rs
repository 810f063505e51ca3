//! `/domains/:id`: every detail of one domain, its settings editor, and its removal from the
//! account. Only changed fields are sent, after a before/after review; consequences are
//! spelled out before they happen.

mod remove;
mod settings;

use crate::components::error_notice::ErrorNotice;
use crate::components::expiry::Expiry;
use crate::components::fields::Loading;
use crate::components::portfolio::DomainMemory;
use crate::components::status_badge::StatusBadge;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::DomainRecord;
use crate::logic::format::{lock_state, on_off};
use crate::state::clock::Clock;
use crate::state::language::use_i18n;
use crate::state::routed_domain::{use_routed_domain, RoutedDomain};
use leptos::prelude::*;
use remove::RemoveDomain;
use settings::SettingsEditor;
use vps_contract::{DnsManager, DomainId, Timestamp, TransferStatus};

#[component]
pub fn DomainPage(id: DomainId) -> impl IntoView {
    let routed = use_routed_domain(id);
    let i18n = use_i18n();
    crate::state::language::page_title(move |lang| {
        routed
            .record
            .with(|r| r.as_ref().map(|r| r.display_name.clone()))
            .unwrap_or_else(|| lang.domain_page_title().to_string())
    });
    move || match routed.known.get() {
        true => view! { <DomainView id routed /> }.into_any(),
        false => match routed.problem.get() {
            Some(ApiError::NotFound(_)) => view! { <Missing /> }.into_any(),
            Some(error) => view! {
                <section class="page">
                    <ErrorNotice
                        message=i18n.signal(move |lang| Some(lang.domain_load_failed(error.message(lang))))
                        on_retry=Callback::new(move |()| routed.reload())
                    />
                </section>
            }
            .into_any(),
            None => view! { <Loading text=i18n.text(Lang::domain_loading) /> }.into_any(),
        },
    }
}

#[component]
fn Missing() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page empty-state">
            <h1>{i18n.text(Lang::domain_not_found_title)}</h1>
            <p>{i18n.text(Lang::domain_not_found_text)}</p>
            <a class="button button--primary" href="/domains">{i18n.text(Lang::domain_back_to_domains)}</a>
        </section>
    }
}

#[component]
fn DomainView(id: DomainId, routed: RoutedDomain) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    let record = routed.record;
    let field =
        move |read: fn(&DomainRecord) -> String| move || record.with(|r| r.as_ref().map(read).unwrap_or_default());
    let held_elsewhere = Memo::new(move |_| record.with(|r| r.as_ref().is_some_and(DomainRecord::held_elsewhere)));
    let status = Memo::new(move |_| record.with(|r| r.as_ref().map(|r| r.summary.status.clone())));
    let refresh_problem = i18n.signal(move |lang| {
        routed
            .problem
            .get()
            .filter(|e| !matches!(e, ApiError::NotFound(_)))
            .map(|error| lang.domain_refresh_failed(error.message(lang)))
    });

    view! {
        <section class="page">
            <nav class="breadcrumb" aria-label=i18n.text(Lang::domain_breadcrumb)>
                <a href="/domains">{i18n.text(Lang::domain_breadcrumb_domains)}</a>
            </nav>
            <header class="page__header">
                <div>
                    <h1 class="domain-title">
                        {field(|r| r.display_name.clone())}
                        {move || {
                            let elsewhere = held_elsewhere.get();
                            status.get().map(|status| view! { <StatusBadge status held_elsewhere=elsewhere /> })
                        }}
                    </h1>
                    <p class="page__subtitle">
                        {i18n.words(move |lang| record.with(|r| {
                            r.as_ref().filter(|r| r.display_name != r.summary.domain_name).map(|r| lang.domain_punycode(&r.summary.domain_name))
                        }))}
                    </p>
                </div>
                <button type="button" class="button button--quiet" on:click=move |_| routed.reload()>
                    {i18n.text(Lang::action_refresh)}
                </button>
            </header>
            <ErrorNotice message=refresh_problem />
            {move || held_elsewhere.get().then(|| {
                let registrar = record.with(|r| r.as_ref().and_then(|r| r.registrar.clone()).unwrap_or_default());
                let pending = record.with(|r| r.as_ref().is_some_and(DomainRecord::transfer_pending));
                view! {
                    <div class="notice notice--info">
                        <span>
                            {i18n.words(move |lang| {
                                if pending {
                                    lang.domain_held_elsewhere_pending(&registrar)
                                } else {
                                    lang.domain_held_elsewhere(&registrar)
                                }
                            })}
                        </span>
                        <a class="button button--primary" href=format!("/domains/{id}/transfer")>
                            {i18n.words(move |lang| if pending { lang.domain_view_transfer() } else { lang.domain_transfer_to_vps() })}
                        </a>
                    </div>
                }
            })}
            <div class="detail-grid">
                <Overview record now=Memo::new(move |_| clock.minute()) />
                {move || (!held_elsewhere.get()).then(|| view! { <SettingsEditor id /> })}
            </div>
            <DomainMemory id />
            <RemoveDomain id record />
        </section>
    }
}

/// Every detail field, as a description list.
#[component]
fn Overview(record: Memo<Option<DomainRecord>>, now: Memo<Timestamp>) -> impl IntoView {
    let i18n = use_i18n();
    let state = move |on: bool| i18n.words(move |lang| on_off(lang, on));
    move || {
        let record = record.get()?;
        let summary = &record.summary;
        let whois = record.whois.clone().unwrap_or_default();
        let days_left = record.days_left(now.get()).or(record.days_until_expiration);
        let registered = summary.registration_date;
        let registrar = record.registrar.clone();
        let locked = summary.locked;
        let vps_dns = summary.dns_managed_by == DnsManager::VpsOrg;
        let records_count = record.dns_records_count;
        let transfer = record.transfer.clone().map(|transfer| {
            i18n.words(move |lang| match (&transfer.status, transfer.estimated_completion) {
                (TransferStatus::Pending, Some(eta)) => lang.domain_transfer_pending_by(intl::date(lang, eta)),
                (TransferStatus::Pending, None) => lang.status_pending().to_string(),
                (TransferStatus::Completed, _) => lang.domain_transfer_completed().to_string(),
                (TransferStatus::Other(other), _) => other.clone(),
            })
        });
        Some(view! {
            <section class="card overview" aria-labelledby="overview-title">
                <h2 id="overview-title">{i18n.text(Lang::domain_overview)}</h2>
                <dl class="summary-list">
                    <div>
                        <dt>{i18n.text(Lang::domain_expires)}</dt>
                        <dd><Expiry expiry=summary.expiration_date now=now.get() auto_renew=summary.auto_renew /></dd>
                    </div>
                    <div>
                        <dt>{i18n.text(Lang::domain_days_to_expiry)}</dt>
                        <dd class="num">
                            {i18n.words(move |lang| days_left.map(|d| intl::number(lang, d)).unwrap_or_else(|| lang.domain_loading_value().to_string()))}
                        </dd>
                    </div>
                    <div>
                        <dt>{i18n.text(Lang::domain_registered)}</dt>
                        <dd>{i18n.words(move |lang| registered.map(|d| intl::date(lang, d)).unwrap_or_default())}</dd>
                    </div>
                    <div>
                        <dt>{i18n.text(Lang::domain_registrar)}</dt>
                        <dd>{i18n.words(move |lang| registrar.clone().unwrap_or_else(|| lang.domain_loading_value().to_string()))}</dd>
                    </div>
                    <div><dt>{i18n.text(Lang::setting_auto_renew)}</dt><dd>{state(summary.auto_renew)}</dd></div>
                    <div>
                        <dt>{i18n.text(Lang::setting_registrar_lock)}</dt>
                        <dd>{i18n.words(move |lang| lock_state(lang, locked))}</dd>
                    </div>
                    <div><dt>{i18n.text(Lang::setting_whois_privacy)}</dt><dd>{state(summary.privacy_protection)}</dd></div>
                    <div>
                        <dt>{i18n.text(Lang::domain_dns)}</dt>
                        <dd>
                            {i18n.words(move |lang| if vps_dns { lang.dns_managed_by_vps_org() } else { lang.dns_external_nameservers() })}
                            {records_count.map(|n| i18n.words(move |lang| format!(" · {}", lang.domain_dns_records(n as i64))))}
                        </dd>
                    </div>
                    <div><dt>{i18n.text(Lang::setting_nameservers)}</dt><dd class="mono">{summary.nameservers.join(", ")}</dd></div>
                    {transfer.map(|status| view! { <div><dt>{i18n.text(Lang::domain_transfer)}</dt><dd>{status}</dd></div> })}
                </dl>
                <h3>{i18n.text(Lang::domain_whois)}</h3>
                <dl class="summary-list">
                    <div><dt>{i18n.text(Lang::domain_registrant)}</dt><dd>{whois.registrant}</dd></div>
                    <div><dt>{i18n.text(Lang::domain_admin_contact)}</dt><dd>{whois.admin_contact}</dd></div>
                    <div><dt>{i18n.text(Lang::domain_tech_contact)}</dt><dd>{whois.tech_contact}</dd></div>
                    <div><dt>{i18n.text(Lang::domain_created)}</dt><dd>{whois.created_date}</dd></div>
                    <div><dt>{i18n.text(Lang::domain_updated)}</dt><dd>{whois.updated_date}</dd></div>
                </dl>
            </section>
        })
    }
}
