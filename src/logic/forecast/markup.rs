//! The year ahead as markup: the chart's SVG and the table's rows, written as strings (far
//! smaller in the download than views of some fifty typed elements each), and the link from a
//! month to its domains.

use super::{Forecast, YearMonth};
use crate::i18n::Lang;
use crate::intl::money;
use crate::logic::cache::DomainCache;
use crate::logic::format::counted;
use crate::logic::table::TableQuery;
use vps_contract::DomainId;

/// The domains table filtered to the domains still to expire in `month`.
pub fn month_link(month: YearMonth) -> String {
    let query = TableQuery {
        expires: Some(month),
        page: 1,
        ..TableQuery::default()
    };
    format!("/domains{}", query.to_query_string())
}

/// The domains' names as people read them, in alphabetical order, for the table.
fn names(cache: &DomainCache, ids: &[DomainId]) -> String {
    let mut names: Vec<String> = ids
        .iter()
        .filter_map(|id| cache.get(*id).map(|record| record.display_name.clone()))
        .collect();
    names.sort_unstable();
    names.join(", ")
}

/// Chart geometry, in the SVG's own units: it scales to its box through the viewBox.
pub const CHART_WIDTH: i64 = 600;
pub const CHART_HEIGHT: i64 = 190;
const COLUMN: i64 = CHART_WIDTH / 12;
const BAR_WIDTH: i64 = 30;
const BAR_TOP: i64 = 48;
const BASELINE: i64 = 164;

/// The chart's SVG, written by hand as one string (far smaller in the download than a view of
/// some fifty typed elements). Only numbers, month names, amounts and our own words go in:
/// nothing to escape.
pub fn chart_markup(lang: Lang, year: &Forecast) -> String {
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

/// Text for HTML: the API's names are never trusted to be markup-free.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The table's rows as HTML, one per month (a string: a view per cell cost some 8 KB of the
/// download). The month links are plain links, which the router takes like any other.
pub fn rows_markup(cache: &DomainCache, lang: Lang, year: &Forecast) -> String {
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
        let lapsing = names(cache, &month.lapsing);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::forecast::forecast;
    use vps_contract::test_support::domain;
    use vps_contract::Timestamp;

    fn year() -> (DomainCache, Forecast) {
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            domain(1, "a&b.com")
                .expires("2027-01-05T00:00:00Z")
                .auto_renew(false)
                .summary(),
            domain(2, "ours.com").expires("2027-01-06T00:00:00Z").summary(),
        ]);
        let now = Timestamp::parse("2026-11-20T12:00:00Z").unwrap();
        let year = forecast(&cache, now);
        (cache, year)
    }

    #[test]
    fn each_month_links_to_its_domains() {
        let month = YearMonth::parse("2027-01").unwrap();
        assert_eq!(month_link(month), "/domains?expires=2027-01");
    }

    #[test]
    fn a_row_per_month_with_its_counts_and_the_names_escaped() {
        let (cache, year) = year();
        let rows = rows_markup(&cache, Lang::En, &year);
        assert_eq!(rows.matches("<tr data-month=").count(), 12);
        assert!(rows.contains(r#"<a href="/domains?expires=2027-01">"#), "{rows}");
        assert!(rows.contains("a&amp;b.com") && !rows.contains("a&b.com"), "{rows}");
        assert!(rows.contains("$12.99"), "ours.com renews in January: {rows}");
    }

    #[test]
    fn the_chart_has_a_bar_per_month_and_marks_the_lapsing() {
        let (_, year) = year();
        let svg = chart_markup(Lang::En, &year);
        assert_eq!(svg.matches(r#"class="chart__bar""#).count(), 12);
        assert_eq!(svg.matches(r#"class="chart__lapsing""#).count(), 1);
        assert!(svg.contains(r#"data-month="2027-01""#));
    }
}
