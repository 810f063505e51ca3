//! `/forecast`: the year ahead. For each of the next 12 months, what auto-renewals will charge
//! and which domains expire without renewing, as hand-written SVG bars and the same figures in
//! a table; each month links to the domains table filtered to it.

use crate::clock::Clock;
use crate::logic::forecast::{forecast, Forecast, MonthForecast, YearMonth};
use crate::logic::format::plural;
use crate::logic::table::TableQuery;
use crate::pages::domains::states::{EmptyList, ListCutNotice, ListProblem};
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::collections::HashSet;
use std::time::Duration;

/// A list older than this is refreshed when the page opens (as the domains page does).
const STALE_AFTER: Duration = Duration::from_secs(30);
/// At most this many domains' details are read per visit to learn their registrar.
const REGISTRAR_READS: usize = 40;

/// The domains table filtered to the domains still to expire in `month`.
fn month_link(month: YearMonth) -> String {
    let query = TableQuery {
        expires: Some(month),
        page: 1,
        ..TableQuery::default()
    };
    format!("/domains{}", query.to_query_string())
}

/// The domains' names as people read them, in alphabetical order, for the table.
fn names(store: Store, ids: &[u64]) -> String {
    let mut names: Vec<String> = store.with_cache(|cache| {
        ids.iter()
            .filter_map(|id| cache.get(*id).map(|record| record.display_name.clone()))
            .collect()
    });
    names.sort();
    names.join(", ")
}

#[component]
pub fn ForecastPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let now = Memo::new(move |_| clock.minute());
    let year = Memo::new(move |_| store.with_cache(|cache| forecast(cache, now.get())));
    let total = Memo::new(move |_| store.with_cache(|cache| cache.len()));
    Effect::new(move |_| {
        if store.session.is_signed_in() {
            store.refresh_list_if_older_than(STALE_AFTER);
        }
    });
    read_unknown_registrars(store, year);
    let first_load = Memo::new(move |_| {
        total.get() == 0 && store.with_list(|list| list.loaded_at.is_none() && list.error.is_none())
    });
    let span = move || {
        year.with(|year| match (year.months.first(), year.months.last()) {
            (Some(first), Some(last)) => format!("{} to {}", first.month.label(), last.month.label()),
            _ => String::new(),
        })
    };

    view! {
        <section class="page forecast" class:page--loading=first_load>
            <header class="page__header">
                <div>
                    <h1>"The year ahead"</h1>
                    <p class="page__subtitle">{span}</p>
                </div>
            </header>
            <ListProblem />
            <ListCutNotice />
            {move || {
                if first_load.get() {
                    view! { <p class="forecast__loading muted" aria-busy="true">"Loading domains…"</p> }.into_any()
                } else if total.get() == 0 {
                    view! { <EmptyList /> }.into_any()
                } else {
                    view! {
                        <YearTotal year />
                        <div class="forecast__figures">
                            <ForecastChart year />
                            <ForecastTable year />
                        </div>
                        <Assumptions year />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The registrar is only in a domain's detail: read it for the domains in the year ahead that
/// lack it (a few at a time, at most [`REGISTRAR_READS`]), so that those held elsewhere leave
/// the charge.
fn read_unknown_registrars(store: Store, year: Memo<Forecast>) {
    let asked = StoredValue::new(HashSet::<u64>::new());
    Effect::new(move |_| {
        let wanted: Vec<u64> = year.with(|year| year.registrar_unknown.clone());
        let fresh: Vec<u64> = asked.with_value(|asked| {
            let room = REGISTRAR_READS.saturating_sub(asked.len());
            wanted.into_iter().filter(|id| !asked.contains(id)).take(room).collect()
        });
        if fresh.is_empty() {
            return;
        }
        asked.update_value(|asked| asked.extend(fresh.iter().copied()));
        spawn_local(async move {
            for id in fresh {
                // A failed read leaves the domain counted as at VPS.org, and the page says so.
                let _ = store.load_detail(id).await;
            }
        });
    });
}

/// The year's total in words: the one figure to take away.
#[component]
fn YearTotal(year: Memo<Forecast>) -> impl IntoView {
    let sentence = move || {
        year.with(|year| {
            format!(
                "Auto-renewals will charge {} over the next 12 months, for {}. {} will expire without auto-renew.",
                year.total,
                plural(year.renewals(), "renewal", "renewals"),
                plural(year.lapsing(), "domain", "domains"),
            )
        })
    };
    view! { <p class="forecast__total" data-testid="forecast-total">{sentence}</p> }
}

/// Chart geometry, in the SVG's own units: it scales to its box through the viewBox.
const CHART_WIDTH: i64 = 600;
const COLUMN: i64 = CHART_WIDTH / 12;
const BAR_WIDTH: i64 = 30;
const BAR_TOP: i64 = 24;
const BASELINE: i64 = 164;

/// One bar per month for the renewal cost, and a counted marker for the domains lapsing. For the
/// eye only (the table beside it is the accessible version); a bar opens its month.
#[component]
fn ForecastChart(year: Memo<Forecast>) -> impl IntoView {
    let navigate = use_navigate();
    let highest = Memo::new(move |_| year.with(Forecast::highest_cost));
    let columns = move || {
        let highest = highest.get().0.max(1);
        year.with(|year| {
            year.months
                .iter()
                .enumerate()
                .map(|(index, month)| {
                    let x = index as i64 * COLUMN + (COLUMN - BAR_WIDTH) / 2;
                    // At least a sliver, so a month with nothing still shows where its bar stands.
                    let height = (month.renewal_cost.0 * (BASELINE - BAR_TOP) / highest).max(2);
                    let lapsing = month.lapsing.len();
                    let target = month_link(month.month);
                    let navigate = navigate.clone();
                    let open = move |_| navigate(&target, NavigateOptions::default());
                    view! {
                        <g class="chart__month" on:click=open>
                            <rect class="chart__hit" x={index as i64 * COLUMN} y=0 width=COLUMN height=200 />
                            <rect class="chart__bar" x=x y={BASELINE - height} width=BAR_WIDTH height=height rx=3 />
                            <text class="chart__label" x={x + BAR_WIDTH / 2} y={BASELINE + 16}>{month.month.short_name()}</text>
                            {(lapsing > 0).then(|| view! {
                                <circle class="chart__lapsing" cx={x + BAR_WIDTH / 2} cy={BASELINE + 30} r=9 />
                                <text class="chart__lapsing-count" x={x + BAR_WIDTH / 2} y={BASELINE + 34}>{lapsing}</text>
                            })}
                        </g>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <figure class="forecast__chart">
            <svg viewBox=format!("0 0 {CHART_WIDTH} 200") aria-hidden="true" focusable="false">
                <line class="chart__axis" x1=0 y1=BASELINE x2=CHART_WIDTH y2=BASELINE />
                <text class="chart__scale" x=0 y={BAR_TOP - 8}>{move || format!("{} highest month", highest.get())}</text>
                {columns}
            </svg>
            <figcaption class="forecast__legend">
                <span class="legend legend--bar">"Renewal charge per month"</span>
                <span class="legend legend--lapsing">"Domains expiring without auto-renew"</span>
            </figcaption>
        </figure>
    }
}

/// The same figures as the chart, one row per month, each month a link to its domains.
#[component]
fn ForecastTable(year: Memo<Forecast>) -> impl IntoView {
    view! {
        <div class="table-wrap forecast__table-wrap">
            <table class="forecast-table">
                <caption>"Month by month"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Month"</th>
                        <th scope="col" class="num">"Renewals"</th>
                        <th scope="col" class="num">"Charge"</th>
                        <th scope="col">"Without auto-renew"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || year.with(|year| year.months.iter().cloned().map(|month| view! { <MonthRow month /> }).collect_view())}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn MonthRow(month: MonthForecast) -> impl IntoView {
    let store = expect_context::<Store>();
    let lapsing = names(store, &month.lapsing);
    let elsewhere =
        (!month.elsewhere.is_empty()).then(|| plural(month.elsewhere.len(), "held elsewhere", "held elsewhere"));
    let unpriced = (!month.unpriced.is_empty()).then(|| format!("+ {} without a price", month.unpriced.len()));
    view! {
        <tr data-month=month.month.to_string()>
            <th scope="row">
                <a href=month_link(month.month)>{month.month.label()}</a>
                {elsewhere.map(|text| view! { <span class="forecast__note">{text}</span> })}
            </th>
            <td class="num" data-testid="renewals">{month.renewals.len()}</td>
            <td class="num" data-testid="charge">
                {month.renewal_cost.to_string()}
                {unpriced.map(|text| view! { <span class="forecast__note">{text}</span> })}
            </td>
            <td data-testid="lapsing">
                <span class="forecast__count" class:forecast__count--alert=!month.lapsing.is_empty()>{month.lapsing.len()}</span>
                {(!lapsing.is_empty()).then(|| view! { <span class="forecast__names">{lapsing}</span> })}
            </td>
        </tr>
    }
}

/// What the figures assume, and what they leave out: stated, never guessed.
#[component]
fn Assumptions(year: Memo<Forecast>) -> impl IntoView {
    let left_out = move || {
        year.with(|year| {
            let mut notes = Vec::new();
            if year.unpriced > 0 {
                notes.push(format!(
                    "{} renew in a TLD the price table does not list: counted, not priced.",
                    plural(year.unpriced, "domain", "domains")
                ));
            }
            if !year.registrar_unknown.is_empty() {
                notes.push(format!(
                    "{} not read yet: counted as held at VPS.org.",
                    plural(
                        year.registrar_unknown.len(),
                        "domain's registrar",
                        "domains' registrars"
                    )
                ));
            }
            if year.past > 0 {
                notes.push(format!(
                    "{} already expired or past their expiry date: not in the year ahead.",
                    plural(year.past, "domain", "domains")
                ));
            }
            if year.undated > 0 {
                notes.push(format!(
                    "{} no expiry date yet (a registration still being processed): not counted.",
                    plural(year.undated, "domain has", "domains have")
                ));
            }
            notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()
        })
    };
    view! {
        <section class="forecast__assumptions" aria-labelledby="forecast-assumptions">
            <h2 id="forecast-assumptions">"How this is worked out"</h2>
            <ul>
                <li>"Each auto-renewal renews for one year, at its TLD's renewal price in the price table."</li>
                <li>"Dates are the provider's expiry dates, by calendar month in UTC, from this month on."</li>
                <li>"Domains held at another registrar, or transferring in, are charged there (or already paid): not here."</li>
                <li>"A month's link opens the domains table with every domain still to expire that month."</li>
                <li>"The API tells no balance: this says what will be charged, not whether the account can pay it."</li>
                {left_out}
            </ul>
        </section>
    }
}
