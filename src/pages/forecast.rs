//! `/forecast`: the year ahead. For each of the next 12 months, what auto-renewals will charge
//! and which domains expire without renewing, as hand-written SVG bars and the same figures in
//! a table; each month links to the domains table filtered to it.

use crate::components::list_status::{EmptyList, ListCutNotice, ListProblem};
use crate::i18n::Lang;
use crate::intl::money;
use crate::logic::forecast::markup::{chart_markup, month_link, rows_markup, CHART_HEIGHT, CHART_WIDTH};
use crate::logic::forecast::{forecast, Forecast, YearMonth};
use crate::router::use_location;
use crate::state::clock::Clock;
use crate::state::language::use_i18n;
use crate::state::store::{DomainStore, Readers};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::time::Duration;
use vps_contract::DomainId;
use wasm_bindgen::JsCast;

/// A list older than this is refreshed when the page opens (as the domains page does).
const STALE_AFTER: Duration = Duration::from_secs(30);
/// At most this many domains' details are read per visit to learn their registrar.
const REGISTRAR_READS: usize = 40;

#[component]
pub fn ForecastPage() -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    crate::state::language::page_title(|lang| lang.forecast_page_title().to_string());
    let now = Memo::new(move |_| clock.minute());
    let year = Memo::new(move |_| store.with_cache(|cache| forecast(cache, now.get())));
    let total = Memo::new(move |_| store.with_cache(|cache| cache.len()));
    store.keep_list_fresh(STALE_AFTER);
    read_unknown_registrars(store, year);
    let first_load = Memo::new(move |_| {
        total.get() == 0 && store.with_list(|list| list.loaded_at.is_none() && list.error.is_none())
    });
    let span = i18n.words(move |lang| {
        year.with(|year| match (year.months.first(), year.months.last()) {
            (Some(first), Some(last)) => lang.forecast_span(first.month.label(lang), last.month.label(lang)),
            _ => String::new(),
        })
    });

    view! {
        <section class="page forecast" class:page--loading=first_load>
            <header class="page__header">
                <div>
                    <h1>{i18n.text(Lang::forecast_heading)}</h1>
                    <p class="page__subtitle">{span}</p>
                </div>
            </header>
            <ListProblem />
            <ListCutNotice />
            {move || {
                if first_load.get() {
                    view! { <p class="forecast__loading muted" aria-busy="true">{i18n.text(Lang::domains_loading)}</p> }.into_any()
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
fn read_unknown_registrars(store: DomainStore, year: Memo<Forecast>) {
    let asked = StoredValue::new(HashSet::<DomainId>::new());
    Effect::new(move |_| {
        let wanted: Vec<DomainId> = year.with(|year| year.registrar_unknown.clone());
        let fresh: Vec<DomainId> = asked.with_value(|asked| {
            let room = REGISTRAR_READS.saturating_sub(asked.len());
            wanted.into_iter().filter(|id| !asked.contains(id)).take(room).collect()
        });
        if fresh.is_empty() {
            return;
        }
        asked.update_value(|asked| asked.extend(fresh.iter().copied()));
        // A failed read leaves the domain counted as at VPS.org, and the page says so.
        spawn_local(async move { store.read_unknown_registrars(&fresh, Readers::One, &|_| ()).await });
    });
}

/// The year's total in words: the one figure to take away.
#[component]
fn YearTotal(year: Memo<Forecast>) -> impl IntoView {
    let i18n = use_i18n();
    let sentence = i18n.words(move |lang| {
        year.with(|year| {
            let (renewals, lapsing) = (year.renewals(), year.lapsing());
            let charge = lang.forecast_total(renewals as i64, money(lang, year.total));
            let lapse = lang.forecast_lapsing(lapsing as i64);
            format!("{charge} {lapse}")
        })
    });
    view! { <p class="forecast__total" data-testid="forecast-total">{sentence}</p> }
}

/// One bar per month for the renewal cost, and a counted marker for the domains lapsing. For the
/// eye only (the table beside it is the accessible version); a click on a month opens it.
#[component]
fn ForecastChart(year: Memo<Forecast>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let open = move |event: leptos::ev::MouseEvent| {
        let month = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("[data-month]").ok().flatten())
            .and_then(|column| column.get_attribute("data-month"))
            .and_then(|text| YearMonth::parse(&text));
        if let Some(month) = month {
            location.navigate(&month_link(month), Default::default());
        }
    };
    view! {
        <figure class="forecast__chart">
            <svg
                viewBox=format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}")
                aria-hidden="true"
                focusable="false"
                on:click=open
                inner_html=i18n.words(move |lang| year.with(|year| chart_markup(lang, year)))
            ></svg>
            <figcaption class="forecast__legend">
                <span class="legend legend--bar">{i18n.text(Lang::forecast_legend_charge)}</span>
                <span class="legend legend--lapsing">{i18n.text(Lang::forecast_legend_lapsing)}</span>
            </figcaption>
        </figure>
    }
}

/// The same figures as the chart, one row per month, each month a link to its domains.
#[component]
fn ForecastTable(year: Memo<Forecast>) -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let i18n = use_i18n();
    view! {
        <div class="table-wrap forecast__table-wrap">
            <table class="forecast-table">
                <caption>{i18n.text(Lang::forecast_table_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.text(Lang::forecast_column_month)}</th>
                        <th scope="col" class="num">{i18n.text(Lang::forecast_column_renewals)}</th>
                        <th scope="col" class="num">{i18n.text(Lang::forecast_column_charge)}</th>
                        <th scope="col">{i18n.text(Lang::forecast_column_lapsing)}</th>
                    </tr>
                </thead>
                <tbody inner_html=i18n.words(move |lang| {
                    year.with(|year| store.with_cache(|cache| rows_markup(cache, lang, year)))
                })></tbody>
            </table>
        </div>
    }
}

/// What the figures assume, and what they leave out: stated, never guessed.
#[component]
fn Assumptions(year: Memo<Forecast>) -> impl IntoView {
    let i18n = use_i18n();
    let left_out = i18n.words(move |lang| {
        year.with(|year| {
            let mut notes = Vec::new();
            if year.unpriced > 0 {
                notes.push(lang.forecast_note_unpriced(year.unpriced as i64));
            }
            let unknown = year.registrar_unknown.len();
            if unknown > 0 {
                notes.push(lang.forecast_note_registrar_unknown(unknown as i64));
            }
            if year.past > 0 {
                notes.push(lang.forecast_note_past(year.past as i64));
            }
            if year.undated > 0 {
                notes.push(lang.forecast_note_undated(year.undated as i64));
            }
            notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()
        })
    });
    view! {
        <section class="forecast__assumptions" aria-labelledby="forecast-assumptions">
            <h2 id="forecast-assumptions">{i18n.text(Lang::forecast_assumptions_heading)}</h2>
            <ul>
                <li>{i18n.text(Lang::forecast_assumption_one_year)}</li>
                <li>{i18n.text(Lang::forecast_assumption_dates)}</li>
                <li>{i18n.text(Lang::forecast_assumption_elsewhere)}</li>
                <li>{i18n.text(Lang::forecast_assumption_links)}</li>
                <li>{i18n.text(Lang::forecast_assumption_balance)}</li>
                {left_out}
            </ul>
        </section>
    }
}
