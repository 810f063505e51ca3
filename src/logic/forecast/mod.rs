//! The year ahead: for each of the next 12 calendar months (UTC, from the current one), what
//! auto-renewals will charge at the price table's renewal price (one year each) and which
//! domains will expire without renewing. Only the provider's own dates and prices are used.

pub mod markup;

use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::{DomainCache, DomainRecord, Holder};
use std::fmt;
use vps_contract::time::CivilDate;
use vps_contract::{price_for_domain, Cents, DomainId, DomainStatus, Timestamp};

/// How many months the forecast covers, the current one included.
pub const MONTHS_AHEAD: usize = 12;

/// A calendar month in UTC, written `2027-03` in URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i64,
    /// 1 to 12.
    month: u32,
}

impl YearMonth {
    pub fn new(year: i64, month: u32) -> Option<YearMonth> {
        ((1..=12).contains(&month) && (0..=9999).contains(&year)).then_some(YearMonth { year, month })
    }

    /// The month that `instant` falls in.
    pub fn of(instant: Timestamp) -> YearMonth {
        let date = instant.date();
        YearMonth {
            year: date.year,
            month: date.month,
        }
    }

    /// Reads `YYYY-MM` exactly (what [`fmt::Display`] writes).
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (year, month) = text.split_once('-')?;
        let digits = |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return None;
        }
        YearMonth::new(year.parse().ok()?, month.parse().ok()?)
    }

    /// `March 2027` / `maaliskuu 2027`.
    pub fn label(self, lang: Lang) -> String {
        intl::month_year(lang, self.first_day())
    }

    /// `Mar` / `maalis`, for the chart's axis.
    pub fn short_label(self, lang: Lang) -> String {
        intl::month_short(lang, self.first_day())
    }

    /// `M` / `M`, for the chart's axis on a phone.
    pub fn narrow_label(self, lang: Lang) -> String {
        intl::month_narrow(lang, self.first_day())
    }

    /// Midnight UTC on the 1st.
    pub fn first_day(self) -> Timestamp {
        Timestamp::from_civil(
            CivilDate {
                year: self.year,
                month: self.month,
                day: 1,
            },
            0,
            0,
            0,
        )
    }

    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth {
                year: self.year + 1,
                month: 1,
            }
        } else {
            YearMonth {
                month: self.month + 1,
                ..self
            }
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Whether `record` is still to expire (at or after `now`) within `month`. Expired domains
/// are not: they have lapsed already. This is what `?expires=` filters the table by, so a
/// month's link shows exactly the domains its forecast row counts.
pub fn expires_in(record: &DomainRecord, month: YearMonth, now: Timestamp) -> bool {
    record.summary.status != DomainStatus::Expired
        && record
            .summary
            .expiration_date
            .is_some_and(|expiry| expiry >= now && YearMonth::of(expiry) == month)
}

/// One month of the forecast. Every id is in exactly one of `renewals`, `lapsing`, `elsewhere`:
/// together they are what the month's link to the table shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthForecast {
    pub month: YearMonth,
    /// Auto-renew on, held at VPS.org (or not known to be elsewhere): each renews one year.
    pub renewals: Vec<DomainId>,
    /// What `renewals` will charge: each priced one at its TLD's renewal price.
    pub renewal_cost: Cents,
    /// Renewals whose TLD the price table lacks: counted, never priced.
    pub unpriced: Vec<DomainId>,
    /// Auto-renew off: these expire.
    pub lapsing: Vec<DomainId>,
    /// Held at another registrar or on their way here by transfer: VPS.org charges nothing.
    pub elsewhere: Vec<DomainId>,
}

impl MonthForecast {
    fn new(month: YearMonth) -> MonthForecast {
        MonthForecast {
            month,
            renewals: Vec::new(),
            renewal_cost: Cents::ZERO,
            unpriced: Vec::new(),
            lapsing: Vec::new(),
            elsewhere: Vec::new(),
        }
    }
}

/// The 12 months, the year's total, and what the forecast leaves out and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forecast {
    pub months: Vec<MonthForecast>,
    pub total: Cents,
    /// Renewals in the year whose TLD has no price in the table.
    pub unpriced: usize,
    /// Expired, or past their expiry date: nothing is left to renew in the year ahead.
    pub past: usize,
    /// No expiry date yet (a registration still being processed, say).
    pub undated: usize,
    /// In the year ahead, and the registrar not yet read from their detail: counted as at VPS.org.
    pub registrar_unknown: Vec<DomainId>,
}

impl Forecast {
    pub fn renewals(&self) -> usize {
        self.months.iter().map(|month| month.renewals.len()).sum()
    }

    pub fn lapsing(&self) -> usize {
        self.months.iter().map(|month| month.lapsing.len()).sum()
    }

    /// The month with the highest renewal cost, for the chart's scale.
    pub fn highest_cost(&self) -> Cents {
        self.months
            .iter()
            .map(|month| month.renewal_cost)
            .max()
            .unwrap_or(Cents::ZERO)
    }
}

/// Held elsewhere as far as VPS.org's bill goes: at another registrar, or transferring in
/// (the transfer fee, already paid, adds the year).
fn charged_elsewhere(record: &DomainRecord) -> bool {
    record.held_elsewhere() || record.transfer_pending()
}

/// The forecast from the month of `now`, over every domain in the cache.
pub fn forecast(cache: &DomainCache, now: Timestamp) -> Forecast {
    let first = YearMonth::of(now);
    let mut months = Vec::with_capacity(MONTHS_AHEAD);
    let mut month = first;
    for _ in 0..MONTHS_AHEAD {
        months.push(MonthForecast::new(month));
        month = month.next();
    }
    let window_end = month.first_day();
    let mut forecast = Forecast {
        months,
        total: Cents::ZERO,
        unpriced: 0,
        past: 0,
        undated: 0,
        registrar_unknown: Vec::new(),
    };
    for record in cache.records() {
        let summary = &record.summary;
        let Some(expiry) = summary.expiration_date else {
            forecast.undated += 1;
            continue;
        };
        if summary.status == DomainStatus::Expired || expiry < now {
            forecast.past += 1;
            continue;
        }
        if expiry >= window_end {
            continue; // beyond the year ahead
        }
        let Some(slot) = forecast
            .months
            .iter_mut()
            .find(|slot| expires_in(record, slot.month, now))
        else {
            continue;
        };
        let id = summary.id;
        if charged_elsewhere(record) {
            slot.elsewhere.push(id);
            continue;
        }
        if record.holder() == Holder::Unknown {
            forecast.registrar_unknown.push(id);
        }
        if !summary.auto_renew {
            slot.lapsing.push(id);
            continue;
        }
        slot.renewals.push(id);
        match price_for_domain(&summary.domain_name.to_ascii_lowercase()) {
            Some(price) => slot.renewal_cost = slot.renewal_cost + price.renew,
            None => {
                slot.unpriced.push(id);
                forecast.unpriced += 1;
            }
        }
    }
    forecast.total = forecast
        .months
        .iter()
        .fold(Cents::ZERO, |sum, month| sum + month.renewal_cost);
    forecast
}

#[cfg(test)]
mod tests {
    use super::*;
    use vps_contract::{test_support, DomainDetail, DomainSummary, TransferResponse, TransferStatus};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn domain(id: u64, name: &str, status: DomainStatus, expires: Option<&str>, auto_renew: bool) -> DomainSummary {
        let mut summary = test_support::domain(id, name)
            .status(status)
            .auto_renew(auto_renew)
            .summary();
        summary.expiration_date = expires.map(at);
        summary
    }

    fn held_at(cache: &mut DomainCache, summary: DomainSummary, registrar: &str) {
        let detail = test_support::domain(summary.id.get(), &summary.domain_name)
            .held_at(registrar)
            .detail();
        cache.merge_detail(DomainDetail { summary, ..detail });
    }

    fn ids(ids: &[u64]) -> Vec<DomainId> {
        ids.iter().copied().map(DomainId).collect()
    }

    const NOW: &str = "2026-11-20T12:00:00Z";

    fn month(text: &str) -> YearMonth {
        YearMonth::parse(text).unwrap()
    }

    #[test]
    fn a_year_month_reads_writes_and_steps_over_the_year() {
        let march = month("2027-03");
        assert_eq!(march.to_string(), "2027-03");
        // Natively the English names stand in for `Intl`'s, whatever the language.
        assert_eq!(march.label(Lang::En), "March 2027");
        assert_eq!(march.label(Lang::En), "March 2027");
        assert_eq!(month("2026-12").label(Lang::Fi), "December 2026");
        assert_eq!(march.short_label(Lang::En), "Mar");
        assert_eq!(march.first_day(), at("2027-03-01T00:00:00Z"));
        assert_eq!(month("2026-12").next(), month("2027-01"));
        assert_eq!(YearMonth::of(at("2027-01-31T23:59:59Z")), month("2027-01"));
        assert_eq!(YearMonth::of(at("2027-02-01T00:00:00Z")), month("2027-02"));
        for nonsense in [
            "2027-13",
            "2027-00",
            "2027-3",
            "27-03",
            "2027-03-01",
            "2027/03",
            "",
            "abcd-ef",
            "+202-03",
        ] {
            assert_eq!(YearMonth::parse(nonsense), None, "{nonsense:?}");
        }
    }

    #[test]
    fn twelve_months_from_the_current_one_with_costs_at_the_renewal_price() {
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            // Later this month, and the last day of the 12th month: both in.
            domain(1, "a.com", DomainStatus::Active, Some("2026-11-28T00:00:00Z"), true),
            domain(2, "b.io", DomainStatus::Active, Some("2027-10-31T23:00:00Z"), true),
            domain(3, "c.com", DomainStatus::Active, Some("2026-11-29T00:00:00Z"), true),
            // The 13th month: out.
            domain(4, "d.com", DomainStatus::Active, Some("2027-11-01T00:00:00Z"), true),
            domain(5, "e.net", DomainStatus::Active, Some("2027-02-10T00:00:00Z"), false),
        ]);
        let forecast = forecast(&cache, at(NOW));
        assert_eq!(forecast.months.len(), MONTHS_AHEAD);
        assert_eq!(forecast.months[0].month, month("2026-11"));
        assert_eq!(forecast.months[11].month, month("2027-10"));
        assert_eq!(forecast.months[0].renewals, ids(&[1, 3]));
        assert_eq!(forecast.months[0].renewal_cost, Cents(2 * 1299));
        assert_eq!(forecast.months[11].renewal_cost, Cents(3999));
        assert_eq!(forecast.months[3].lapsing, ids(&[5]));
        assert_eq!(forecast.months[3].renewal_cost, Cents::ZERO);
        assert_eq!(forecast.total, Cents(2 * 1299 + 3999));
        assert_eq!(forecast.highest_cost(), Cents(3999));
        assert_eq!((forecast.renewals(), forecast.lapsing()), (3, 1));
        assert_eq!(forecast.registrar_unknown, ids(&[1, 2, 3, 5]));
    }

    #[test]
    fn what_has_lapsed_or_has_no_date_is_left_out_and_counted() {
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            // Earlier this month: already past, not a future charge.
            domain(1, "gone.com", DomainStatus::Active, Some("2026-11-03T00:00:00Z"), true),
            domain(
                2,
                "lapsed.net",
                DomainStatus::Expired,
                Some("2026-11-25T00:00:00Z"),
                false,
            ),
            domain(3, "new.dev", DomainStatus::Pending, None, true),
            // Pending with a date: it renews like any other when that comes.
            domain(4, "soon.dev", DomainStatus::Pending, Some("2027-01-05T00:00:00Z"), true),
        ]);
        let forecast = forecast(&cache, at(NOW));
        assert_eq!((forecast.past, forecast.undated), (2, 1));
        assert_eq!(forecast.months[2].renewals, ids(&[4]));
        assert_eq!(forecast.total, Cents(1499));
        assert!(forecast.months[0].renewals.is_empty() && forecast.months[0].lapsing.is_empty());
    }

    #[test]
    fn domains_held_or_arriving_elsewhere_are_not_charged() {
        let mut cache = DomainCache::default();
        held_at(
            &mut cache,
            domain(
                1,
                "legacy.com",
                DomainStatus::Active,
                Some("2027-01-05T00:00:00Z"),
                true,
            ),
            "GoDaddy",
        );
        held_at(
            &mut cache,
            domain(2, "ours.com", DomainStatus::Active, Some("2027-01-06T00:00:00Z"), true),
            "VPS.org",
        );
        held_at(
            &mut cache,
            domain(
                3,
                "moving.net",
                DomainStatus::Active,
                Some("2027-01-07T00:00:00Z"),
                false,
            ),
            "Namecheap",
        );
        cache.merge_transfer(TransferResponse {
            id: 3.into(),
            domain_name: "moving.net".into(),
            transfer_status: Some(TransferStatus::Pending),
            transfer_initiated_at: None,
            estimated_completion: None,
            message: String::new(),
            next_steps: vec![],
        });
        let january = &forecast(&cache, at(NOW)).months[2];
        assert_eq!(january.elsewhere, ids(&[1, 3]));
        assert_eq!(january.renewals, ids(&[2]));
        assert_eq!(january.renewal_cost, Cents(1299));
        assert!(forecast(&cache, at(NOW)).registrar_unknown.is_empty());
    }

    #[test]
    fn a_tld_without_a_price_is_counted_never_priced() {
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            domain(
                1,
                "odd.example",
                DomainStatus::Active,
                Some("2027-01-05T00:00:00Z"),
                true,
            ),
            domain(2, "EVEN.COM", DomainStatus::Active, Some("2027-01-06T00:00:00Z"), true),
        ]);
        let forecast = forecast(&cache, at(NOW));
        assert_eq!(forecast.unpriced, 1);
        assert_eq!(forecast.months[2].unpriced, ids(&[1]));
        assert_eq!(forecast.months[2].renewals, ids(&[1, 2]));
        assert_eq!(forecast.total, Cents(1299));
    }

    #[test]
    fn expiring_in_a_month_means_still_ahead_and_not_expired() {
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            domain(1, "a.com", DomainStatus::Active, Some("2026-11-20T12:00:00Z"), true),
            domain(2, "b.com", DomainStatus::Active, Some("2026-11-20T11:59:00Z"), true),
            domain(3, "c.com", DomainStatus::Expired, Some("2026-11-30T00:00:00Z"), false),
        ]);
        let november = month("2026-11");
        let expiring = |id| expires_in(cache.get(DomainId(id)).unwrap(), november, at(NOW));
        assert!(expiring(1), "at this very minute is still ahead");
        assert!(!expiring(2));
        assert!(!expiring(3));
        assert!(!expires_in(cache.get(DomainId(1)).unwrap(), month("2026-12"), at(NOW)));
    }
}
