//! `/changes`: what changed since the last visit and before, here and elsewhere, filtered by
//! domain and kind (in the URL). Opening it marks everything seen.

use super::{now_ms, StorageNotice};
use crate::i18n::Lang;
use crate::logic::portfolio::history::{By, Change, ChangeKind, MAX_ENTRIES};
use crate::router::{use_location, Navigate};
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use crate::state::store::DomainStore;
use leptos::prelude::*;
use vps_contract::query::{decode_component, encode_component};

/// Entries drawn at first; the rest on request.
const FIRST_ENTRIES: usize = 200;

/// The page's filters, one-to-one with `?domain=&kind=`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ChangesQuery {
    domain: String,
    kind: Option<ChangeKind>,
}

impl ChangesQuery {
    fn parse(query: &str) -> ChangesQuery {
        let mut parsed = ChangesQuery::default();
        for part in query.trim_start_matches('?').split('&') {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let Some(value) = decode_component(value) else { continue };
            match key {
                "domain" => parsed.domain = value,
                "kind" => parsed.kind = ChangeKind::parse(&value),
                _ => {}
            }
        }
        parsed
    }

    fn href(&self) -> String {
        let mut parts = Vec::new();
        if !self.domain.is_empty() {
            parts.push(format!("domain={}", encode_component(&self.domain)));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("kind={}", kind.as_str()));
        }
        match parts.is_empty() {
            true => "/changes".to_string(),
            false => format!("/changes?{}", parts.join("&")),
        }
    }

    fn admits(&self, change: &Change) -> bool {
        let domain = self.domain.trim().to_ascii_lowercase();
        (domain.is_empty() || change.domain.contains(&domain)) && self.kind.is_none_or(|kind| change.kind == kind)
    }
}

#[component]
pub fn ChangesPage() -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let location = use_location();
    let i18n = use_i18n();
    crate::state::language::page_title(|lang| lang.changes_title().to_string());
    let query = Memo::new(move |_| ChangesQuery::parse(&location.search()));
    // What was new when the page opened stays marked as new while it is open.
    let seen_before = memory.with_untracked(|notes| notes.seen_until);
    Effect::new(move |_| {
        let newest = memory.with_history(|history| history.entries.last().map(|change| change.at));
        if newest.is_some_and(|at| memory.with_untracked(|notes| notes.seen_until < at)) {
            memory.update(|notes| notes.seen_until = now_ms().max(newest.unwrap_or_default()));
        }
    });
    let set = move |change: &dyn Fn(&mut ChangesQuery)| {
        let mut next = query.get_untracked();
        change(&mut next);
        let how = Navigate {
            replace: true,
            scroll: false,
        };
        location.navigate(&next.href(), how);
    };
    let dropped = move || memory.with_history(|history| history.dropped);
    view! {
        <section class="page">
            <header class="page__header">
                <div>
                    <h1>{i18n.text(Lang::changes_title)}</h1>
                    <p class="page__subtitle">{i18n.text(Lang::changes_subtitle)}</p>
                </div>
            </header>
            <StorageNotice />
            <div class="toolbar">
                <div class="field field--inline">
                    <label class="field__label" for="changes-domain">{i18n.text(Lang::changes_filter_domain)}</label>
                    <input
                        id="changes-domain"
                        class="input"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || query.with(|query| query.domain.clone())
                        on:input:target=move |event| {
                            let typed = event.target().value();
                            set(&|query| query.domain = typed.clone());
                        }
                    />
                </div>
                <div class="field field--inline">
                    <label class="field__label" for="changes-kind">{i18n.text(Lang::changes_filter_kind)}</label>
                    <select
                        id="changes-kind"
                        class="input"
                        on:change:target=move |event| {
                            let kind = ChangeKind::parse(&event.target().value());
                            set(&|query| query.kind = kind);
                        }
                    >
                        <option value="" selected=move || query.with(|query| query.kind.is_none())>{i18n.text(Lang::changes_every_kind)}</option>
                        {ChangeKind::ALL.map(|kind| view! {
                            <option value=kind.as_str() selected=move || query.with(|query| query.kind == Some(kind))>
                                {i18n.words(move |lang| kind.label(lang))}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <ChangeList admits=Signal::derive(move || query.get()).into() seen_before />
            <p class="muted">
                {i18n.words(move |lang| lang.changes_cap(crate::intl::number(lang, MAX_ENTRIES as i64)))}
                {move || (dropped() > 0).then(|| i18n.words(move |lang| lang.changes_dropped(dropped() as i64)))}
            </p>
        </section>
    }
}

/// Which entries a list shows.
#[derive(Clone)]
pub struct Admits(Signal<ChangesQuery>);

impl From<Signal<ChangesQuery>> for Admits {
    fn from(query: Signal<ChangesQuery>) -> Admits {
        Admits(query)
    }
}

impl Admits {
    /// The entries of one domain (its page's history).
    pub fn domain(name: String) -> Admits {
        Admits(Signal::derive(move || ChangesQuery {
            domain: name.clone(),
            kind: None,
        }))
    }
}

/// The entries, newest first: when, the domain, what, who; warnings marked; a write of this
/// app that failed says why.
#[component]
pub fn ChangeList(admits: Admits, seen_before: i64) -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let store = expect_context::<DomainStore>();
    let i18n = use_i18n();
    let limit = RwSignal::new(FIRST_ENTRIES);
    let Admits(query) = admits;
    let shown = Memo::new(move |_| {
        query.with(|query| {
            memory.with_history(|history| {
                history
                    .entries
                    .iter()
                    .rev()
                    .filter(|change| query.admits(change))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let link = move |name: &str| {
        store.with_cache_untracked(|cache| {
            cache
                .records()
                .find(|record| record.summary.domain_name.eq_ignore_ascii_case(name))
                .map(|record| (format!("/domains/{}", record.summary.id), record.display_name.clone()))
        })
    };
    let entry = move |change: Change| {
        let warning = change.is_warning();
        let new = change.at > seen_before;
        let when = i18n.words(move |lang| crate::intl::date_time(lang, change.at));
        let name = match link(&change.domain) {
            Some((href, display)) => view! { <a href=href>{display}</a> }.into_any(),
            None => view! { <span>{change.domain.clone()}</span> }.into_any(),
        };
        let by = change.by;
        let failed = change.failed.clone();
        let summary = change.clone();
        view! {
            <li class="change" class:change--warning=warning class:change--new=new>
                <span class="change__when">{when}</span>
                <span class="change__domain">{name}</span>
                <span class="change__what">
                    {warning.then(|| view! { <strong class="change__warning">{i18n.text(Lang::changes_warning)}" "</strong> })}
                    {i18n.words(move |lang| summary.summary(lang))}
                </span>
                <span class="chip" class:chip--owner=by == By::Here>{i18n.words(move |lang| by.label(lang))}</span>
                {failed.map(|message| view! { <span class="change__failed">{i18n.words(move |lang| lang.changes_failed(&message))}</span> })}
                {new.then(|| view! { <span class="badge">{i18n.text(Lang::changes_new)}</span> })}
            </li>
        }
    };
    view! {
        <Show when=move || !shown.with(Vec::is_empty) fallback=move || view! { <p class="empty-state muted">{i18n.text(Lang::changes_none)}</p> }>
            <ol class="changes">
                {move || shown.with(|shown| shown.iter().take(limit.get()).cloned().map(entry).collect_view())}
            </ol>
            <Show when=move || { shown.with(Vec::len) > limit.get() }>
                <button type="button" class="button" on:click=move |_| limit.update(|limit| *limit += FIRST_ENTRIES)>
                    {i18n.words(move |lang| lang.changes_more(shown.with(Vec::len).saturating_sub(limit.get()) as i64))}
                </button>
            </Show>
        </Show>
    }
}
