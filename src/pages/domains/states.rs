//! What stands around the table: the risk counts, the status filters, and the states the list
//! can be in besides full (a failed or cut load, no domains, no matches).

use super::link;
use crate::clock::Clock;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::{use_i18n, Lang};
use crate::intl;
use crate::logic::format::ago;
use crate::logic::table::{filter_label, Risk, TableQuery};
use crate::store::Store;
use leptos::prelude::*;
use vps_contract::StatusFilter;

/// The three risk counts, each a link to the domains it counts.
#[component]
pub fn RiskSummary(risks: Memo<[(Risk, usize); 3]>, url_query: Memo<TableQuery>) -> impl IntoView {
    let i18n = use_i18n();
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
                <span class="risk__count">{move || intl::number(i18n.get(), count.get() as i64)}</span>
                <span class="risk__title">{move || risk.title(i18n.get())}</span>
                <span class="risk__explanation">{move || risk.explanation(i18n.get())}</span>
            </a>
        }
    };
    view! {
        <nav class="risks" aria-label=i18n.text(Lang::risk_summary_label)>
            {card(Risk::ExpiringSoon)}
            {card(Risk::Expired)}
            {card(Risk::Unlocked)}
        </nav>
    }
}

#[component]
pub fn StatusFilters(statuses: Memo<[(StatusFilter, usize); 4]>, url_query: Memo<TableQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let option = move |filter: Option<StatusFilter>| {
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
                {move || filter_label(filter, i18n.get())}
                <span class="segmented__count">{move || intl::number(i18n.get(), count() as i64)}</span>
            </a>
        }
    };
    view! {
        <nav class="segmented" aria-label=i18n.text(Lang::table_filter_label)>
            {option(None)}
            {StatusFilter::ALL.map(|filter| option(Some(filter))).collect_view()}
        </nav>
        <ExpiresChip url_query />
    }
}

/// The month a link from the year ahead filters to, with a link that drops it.
#[component]
fn ExpiresChip(url_query: Memo<TableQuery>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let month = url_query.with(|query| query.expires)?;
        let cleared = link(&TableQuery {
            expires: None,
            page: 1,
            ..url_query.get()
        });
        Some(view! {
            <p class="filter-chip" data-testid="expires-filter">
                <span>
                    {move || {
                        let lang = i18n.get();
                        lang.domains_expires_chip(intl::month_year(lang, month.first_day()))
                    }}
                </span>
                <a class="filter-chip__clear" href=cleared>
                    {i18n.text(Lang::domains_chip_clear)}
                    <span class="visually-hidden">{i18n.text(Lang::domains_chip_clear_hidden)}</span>
                </a>
            </p>
        })
    }
}

/// What went wrong with the last load, with a retry. Over cached data it says how old that is.
#[component]
pub fn ListProblem() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    let message = Signal::derive(move || {
        let lang = i18n.get();
        store.with_list(|list| {
            let error = list.error.as_ref().filter(|_| !list.loading)?;
            Some(match list.loaded_at {
                Some(at) => lang.domains_load_failed_stale(ago(lang, clock.millis() - at), error.message(lang)),
                None => lang.domains_load_failed(error.message(lang)),
            })
        })
    });
    view! { <ErrorNotice message on_retry=Callback::new(move |()| store.refresh_list()) /> }
}

/// The API's page links could not be followed to the end: say so beside what did arrive.
#[component]
pub fn ListCutNotice() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = use_i18n();
    move || {
        let cut = store.with_list(|list| list.cut)?;
        Some(view! {
            <div class="notice notice--warning" role="status" data-testid="list-cut">
                <span>{move || cut.message(i18n.get())}</span>
                <button type="button" class="button" on:click=move |_| store.refresh_list()>{i18n.text(Lang::action_retry)}</button>
            </div>
        })
    }
}

#[component]
pub fn EmptyList() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = use_i18n();
    // After a failed first load the problem above says it all.
    move || {
        store.with_list(|list| list.error.is_none()).then(|| {
            view! {
                <div class="empty-state">
                    <h2>{i18n.text(Lang::domains_empty_heading)}</h2>
                    <p>{i18n.text(Lang::domains_empty_text)}</p>
                    <a class="button button--primary" href="/register">{i18n.text(Lang::domains_empty_register)}</a>
                </div>
            }
        })
    }
}

#[component]
pub fn NoMatches(query: Memo<TableQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let description = move || query.with(|query| query.no_matches(i18n.get()));
    view! {
        <div class="empty-state">
            <h2>{description}</h2>
            <p>{i18n.text(Lang::domains_no_matches_hint)}</p>
            <a class="button" href="/domains">{i18n.text(Lang::domains_clear_filters)}</a>
        </div>
    }
}
