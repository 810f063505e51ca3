//! What stands around the table: the risk counts, the status filters, and the states the list
//! can be in besides full (a failed or cut load, no domains, no matches).

use super::link;
use crate::clock::Clock;
use crate::components::error_notice::ErrorNotice;
use crate::logic::format::{ago, group_digits};
use crate::logic::table::{Risk, TableQuery};
use crate::store::Store;
use leptos::prelude::*;
use vps_contract::StatusFilter;

/// The three risk counts, each a link to the domains it counts.
#[component]
pub fn RiskSummary(risks: Memo<[(Risk, usize); 3]>, url_query: Memo<TableQuery>) -> impl IntoView {
    let card = move |risk: Risk| {
        let count =
            Memo::new(move |_| risks.with(|counts| counts.iter().find(|(r, _)| *r == risk).map_or(0, |(_, n)| *n)));
        let active = Memo::new(move |_| url_query.with(|query| query.risk == Some(risk)));
        let alert = Memo::new(move |_| count.get() > 0);
        let href = move || {
            if active.get() {
                link(&TableQuery {
                    risk: None,
                    page: 1,
                    ..url_query.get()
                })
            } else {
                link(&TableQuery {
                    risk: Some(risk),
                    status: None,
                    page: 1,
                    ..url_query.get()
                })
            }
        };
        view! {
            <a
                class="risk"
                class:risk--alert=alert
                class:risk--active=active
                href=href
                aria-current=move || active.get().then_some("true")
                data-risk=risk.as_str()
            >
                <span class="risk__count">{move || group_digits(count.get())}</span>
                <span class="risk__title">{risk.title()}</span>
                <span class="risk__explanation">{risk.explanation()}</span>
            </a>
        }
    };
    view! {
        <nav class="risks" aria-label="Domains at risk">
            {card(Risk::ExpiringSoon)}
            {card(Risk::Expired)}
            {card(Risk::Unlocked)}
        </nav>
    }
}

#[component]
pub fn StatusFilters(statuses: Memo<[(StatusFilter, usize); 4]>, url_query: Memo<TableQuery>) -> impl IntoView {
    let option = move |filter: Option<StatusFilter>, label: &'static str| {
        let active = move || url_query.with(|query| query.status == filter && query.risk.is_none());
        let count = move || match filter {
            Some(filter) => statuses.with(|counts| counts.iter().find(|(f, _)| *f == filter).map_or(0, |(_, n)| *n)),
            None => statuses.with(|counts| {
                counts
                    .iter()
                    .filter(|(f, _)| *f != StatusFilter::Locked)
                    .map(|(_, n)| n)
                    .sum()
            }),
        };
        view! {
            <a
                class="segmented__link"
                href=move || link(&TableQuery { status: filter, risk: None, page: 1, ..url_query.get() })
                aria-current=move || active().then_some("true")
            >
                {label}
                <span class="segmented__count">{move || group_digits(count())}</span>
            </a>
        }
    };
    view! {
        <nav class="segmented" aria-label="Filter by status">
            {option(None, "All")}
            {option(Some(StatusFilter::Active), "Active")}
            {option(Some(StatusFilter::Pending), "Pending")}
            {option(Some(StatusFilter::Expired), "Expired")}
            {option(Some(StatusFilter::Locked), "Locked")}
        </nav>
        <ExpiresChip url_query />
    }
}

/// The month a link from the year ahead filters to, with a link that drops it.
#[component]
fn ExpiresChip(url_query: Memo<TableQuery>) -> impl IntoView {
    move || {
        let month = url_query.with(|query| query.expires)?;
        let cleared = link(&TableQuery {
            expires: None,
            page: 1,
            ..url_query.get()
        });
        Some(view! {
            <p class="filter-chip" data-testid="expires-filter">
                <span>{format!("Expiring in {}", month.label())}</span>
                <a class="filter-chip__clear" href=cleared>"Clear"<span class="visually-hidden">" the month"</span></a>
            </p>
        })
    }
}

/// What went wrong with the last load, with a retry. Over cached data it says how old that is.
#[component]
pub fn ListProblem() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let message = Signal::derive(move || {
        store.with_list(|list| {
            let error = list.error.as_ref().filter(|_| !list.loading)?;
            let stale = list
                .loaded_at
                .map(|at| format!(" Showing the list as it was {}.", ago(clock.millis() - at)))
                .unwrap_or_default();
            Some(format!("Couldn't load the domains. {}{stale}", error.message()))
        })
    });
    view! { <ErrorNotice message on_retry=Callback::new(move |()| store.refresh_list()) /> }
}

/// The API's page links could not be followed to the end: say so beside what did arrive.
#[component]
pub fn ListCutNotice() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        let cut = store.with_list(|list| list.cut)?;
        Some(view! {
            <div class="notice notice--warning" role="status" data-testid="list-cut">
                <span>{cut.message()}</span>
                <button type="button" class="button" on:click=move |_| store.refresh_list()>"Retry"</button>
            </div>
        })
    }
}

#[component]
pub fn EmptyList() -> impl IntoView {
    let store = expect_context::<Store>();
    // After a failed first load the problem above says it all.
    move || {
        store.with_list(|list| list.error.is_none()).then(|| {
            view! {
                <div class="empty-state">
                    <h2>"No domains yet"</h2>
                    <p>"Domains you register or transfer to this account will be listed here."</p>
                    <a class="button button--primary" href="/register">"Register your first domain"</a>
                </div>
            }
        })
    }
}

#[component]
pub fn NoMatches(query: Memo<TableQuery>) -> impl IntoView {
    let description = move || {
        query.with(|query| {
            let mut parts = Vec::new();
            if !query.search.trim().is_empty() {
                parts.push(format!("match “{}”", query.search.trim()));
            }
            if let Some(status) = query.status {
                parts.push(format!("are {}", status.as_str()));
            }
            if let Some(risk) = query.risk {
                parts.push(risk.predicate());
            }
            if let Some(month) = query.expires {
                parts.push(format!("expire in {}", month.label()));
            }
            format!("No domains {}.", parts.join(" and "))
        })
    };
    view! {
        <div class="empty-state">
            <h2>{description}</h2>
            <p>"Try another search, or clear the filters to see every domain."</p>
            <a class="button" href="/domains">"Clear filters"</a>
        </div>
    }
}
