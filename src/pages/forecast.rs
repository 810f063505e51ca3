//! `/forecast`: the year ahead. For each of the next 12 months, what auto-renewals will charge
//! and which domains expire without renewing, as hand-written SVG bars and the same figures in
//! a table; each month links to the domains table filtered to it.

use crate::components::list_status::{EmptyList, ListCutNotice, ListProblem};
use crate::i18n::Lang;
use crate::intl::money;
use crate::logic::forecast::{forecast, Forecast, YearMonth};
use crate::logic::format::counted;
use crate::logic::table::TableQuery;
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
fn names(store: DomainStore, ids: &[DomainId]) -> String {
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

/// Chart geometry, in the SVG's own units: it scales to its box through the viewBox.
const CHART_WIDTH: i64 = 600;
const CHART_HEIGHT: i64 = 190;
const COLUMN: i64 = CHART_WIDTH / 12;
const BAR_WIDTH: i64 = 30;
const BAR_TOP: i64 = 48;
const BASELINE: i64 = 164;

/// The chart's SVG, written by hand as one string (far smaller in the download than a view of
/// some fifty typed elements). Only numbers, month names, amounts and our own words go in:
/// nothing to escape.
fn chart_markup(lang: Lang, year: &Forecast) -> String {
    let highest = year.highest_cost();
    let mut svg = format!(
        r#"<line class="chart__axis" x1="0" y1="{BASELINE}" x2="{CHART_WIDTH}" y2="{BASELINE}"/><text class="chart__scale" x="0" y="16">{}</text>"#,
        lang.forecast_chart_highest(money(lang, highest)),
    );
    for (index, month) in year.months.iter().enumerate() {
        let left = index as i64 * COLUMN;
        let x = left + (COLUMN - BAR_WIDTH) / 2;
        let middle = x + BAR_WIDTH / 2;
        // At least a sliver, so a month with nothing still shows where its bar stands.
        let height = (month.renewal_cost.0 * (BASELINE - BAR_TOP) / highest.0.max(1)).max(2);
        let top = BASELINE - height;
        svg.push_str(&format!(
            r#"<g class="chart__month" data-month="{}"><rect class="chart__hit" x="{left}" y="0" width="{COLUMN}" height="{CHART_HEIGHT}"/><rect class="chart__bar" x="{x}" y="{top}" width="{BAR_WIDTH}" height="{height}" rx="3"/><text class="chart__label chart__label--short" x="{middle}" y="{label_y}">{}</text><text class="chart__label chart__label--narrow" x="{middle}" y="{label_y}">{}</text>"#,
            month.month,
            month.month.short_label(lang),
            month.month.narrow_label(lang),
            label_y = BASELINE + 18,
        ));
        let lapsing = month.lapsing.len();
        if lapsing > 0 {
            // Above its bar: the lapsing domains of the month, counted.
            svg.push_str(&format!(
                r#"<circle class="chart__lapsing" cx="{middle}" cy="{}" r="11"/><text class="chart__lapsing-count" x="{middle}" y="{}">{lapsing}</text>"#,
                top - 16,
                top - 12,
            ));
        }
        svg.push_str("</g>");
    }
    svg
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
                <tbody inner_html=i18n.words(move |lang| year.with(|year| rows_markup(store, lang, year)))></tbody>
            </table>
        </div>
    }
}

/// Text for HTML: the API's names are never trusted to be markup-free.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The table's rows as HTML, one per month (a string: a view per cell cost some 8 KB of the
/// download). The month links are plain links, which the router takes like any other.
fn rows_markup(store: DomainStore, lang: Lang, year: &Forecast) -> String {
    // A muted line under a cell's figure, only when there is something to count.
    let note = |count: usize, text: String| {
        if count == 0 {
            String::new()
        } else {
            format!(r#"<span class="forecast__note">{text}</span>"#)
        }
    };
    let mut html = String::new();
    for month in &year.months {
        let (held, unpriced) = (month.elsewhere.len(), month.unpriced.len());
        let elsewhere = note(held, lang.forecast_held_elsewhere(held as i64));
        let unpriced = note(unpriced, lang.forecast_without_price(counted(lang, unpriced)));
        let lapsing = names(store, &month.lapsing);
        let (alert, names) = if lapsing.is_empty() {
            ("", String::new())
        } else {
            (
                " forecast__count--alert",
                format!(r#"<span class="forecast__names">{}</span>"#, escaped(&lapsing)),
            )
        };
        html.push_str(&format!(
            r#"<tr data-month="{id}"><th scope="row"><a href="{href}">{label}</a>{elsewhere}</th><td class="num" data-testid="renewals">{renewals}</td><td class="num" data-testid="charge">{cost}{unpriced}</td><td data-testid="lapsing"><span class="forecast__count{alert}">{count}</span>{names}</td></tr>"#,
            id = month.month,
            href = month_link(month.month),
            label = month.month.label(lang),
            renewals = counted(lang, month.renewals.len()),
            cost = money(lang, month.renewal_cost),
            count = counted(lang, month.lapsing.len()),
        ));
    }
    html
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
