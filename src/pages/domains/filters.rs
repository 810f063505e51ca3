//! What stands above the table: the risk counts and the status filters, each a link to the
//! view it filters to; and what the table says when a filter matches nothing.

use crate::i18n::Lang;
use crate::intl;
use crate::logic::table::{filter_label, Risk, TableQuery};
use crate::state::language::use_i18n;
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
                TableQuery {
                    risk: None,
                    page: 1,
                    ..url_query.get()
                }
                .href()
            } else {
                TableQuery {
                    risk: Some(risk),
                    status: None,
                    page: 1,
                    ..url_query.get()
                }
                .href()
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
                <span class="risk__count">{i18n.words(move |lang| intl::number(lang, count.get() as i64))}</span>
                <span class="risk__title">{i18n.words(move |lang| risk.title(lang))}</span>
                <span class="risk__explanation">{i18n.words(move |lang| risk.explanation(lang))}</span>
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
                href=move || TableQuery { status: filter, risk: None, page: 1, ..url_query.get() }.href()
                aria-current=move || active().then_some("true")
            >
                {i18n.words(move |lang| filter_label(filter, lang))}
                <span class="segmented__count">{i18n.words(move |lang| intl::number(lang, count() as i64))}</span>
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
        let cleared = TableQuery {
            expires: None,
            page: 1,
            ..url_query.get()
        }
        .href();
        Some(view! {
            <p class="filter-chip" data-testid="expires-filter">
                <span>
                    {i18n.words(move |lang| lang.domains_expires_chip(intl::month_year(lang, month.first_day())))}
                </span>
                <a class="filter-chip__clear" href=cleared>
                    {i18n.text(Lang::domains_chip_clear)}
                    <span class="visually-hidden">{i18n.text(Lang::domains_chip_clear_hidden)}</span>
                </a>
            </p>
        })
    }
}

#[component]
pub fn NoMatches(query: Memo<TableQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let description = i18n.words(move |lang| query.with(|query| query.no_matches(lang)));
    view! {
        <div class="empty-state">
            <h2>{description}</h2>
            <p>{i18n.text(Lang::domains_no_matches_hint)}</p>
            <a class="button" href="/domains">{i18n.text(Lang::domains_clear_filters)}</a>
        </div>
    }
}
