//! The domain table's view state — filter, risk, search, sort, page — as it lives in the URL
//! query, and the pure functions that turn the cache into the rows to show.

use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::{DomainCache, DomainRecord};
use crate::logic::forecast::{expires_in, YearMonth};
use vps_contract::query::{decode_component, encode_component};
use vps_contract::{DomainStatus, StatusFilter, Timestamp};

/// Expiring "soon" means within this many days.
pub const SOON_DAYS: i64 = 30;
pub const PAGE_SIZE: usize = 50;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Status,
    Expiry,
    AutoRenew,
    Locked,
    Privacy,
    Dns,
}

impl SortKey {
    pub const ALL: [SortKey; 7] = [
        SortKey::Name,
        SortKey::Status,
        SortKey::Expiry,
        SortKey::AutoRenew,
        SortKey::Locked,
        SortKey::Privacy,
        SortKey::Dns,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Status => "status",
            SortKey::Expiry => "expiry",
            SortKey::AutoRenew => "auto_renew",
            SortKey::Locked => "lock",
            SortKey::Privacy => "privacy",
            SortKey::Dns => "dns",
        }
    }

    pub fn parse(text: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|key| key.as_str() == text)
    }

    /// The column's header.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SortKey::Name => lang.table_column_domain(),
            SortKey::Status => lang.table_column_status(),
            SortKey::Expiry => lang.table_column_expires(),
            SortKey::AutoRenew => lang.table_column_auto_renew(),
            SortKey::Locked => lang.table_column_lock(),
            SortKey::Privacy => lang.table_column_privacy(),
            SortKey::Dns => lang.table_column_dns(),
        }
    }
}

/// A status filter's name above the table (`None`: all of them).
pub fn filter_label(filter: Option<StatusFilter>, lang: Lang) -> &'static str {
    match filter {
        None => lang.table_filter_all(),
        Some(StatusFilter::Active) => lang.table_filter_active(),
        Some(StatusFilter::Pending) => lang.table_filter_pending(),
        Some(StatusFilter::Expired) => lang.table_filter_expired(),
        Some(StatusFilter::Locked) => lang.table_filter_locked(),
    }
}

/// What the domains passing a status filter are, as in "No domains … ".
fn filter_predicate(filter: StatusFilter, lang: Lang) -> &'static str {
    match filter {
        StatusFilter::Active => lang.table_active_predicate(),
        StatusFilter::Pending => lang.table_pending_predicate(),
        StatusFilter::Expired => lang.table_expired_predicate(),
        StatusFilter::Locked => lang.table_locked_predicate(),
    }
}

/// The three ways a domain can be at risk, each a link above the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Risk {
    /// Expires within 30 days and will not renew by itself.
    ExpiringSoon,
    Expired,
    /// Without the registrar lock, a domain can be transferred away.
    Unlocked,
}

impl Risk {
    pub const ALL: [Risk; 3] = [Risk::ExpiringSoon, Risk::Expired, Risk::Unlocked];

    pub fn as_str(self) -> &'static str {
        match self {
            Risk::ExpiringSoon => "expiring",
            Risk::Expired => "expired",
            Risk::Unlocked => "unlocked",
        }
    }

    pub fn parse(text: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|risk| risk.as_str() == text)
    }

    /// The risk card's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Risk::ExpiringSoon => lang.risk_expiring_title(),
            Risk::Expired => lang.risk_expired_title(),
            Risk::Unlocked => lang.risk_unlocked_title(),
        }
    }

    /// What the card counts, under its title.
    pub fn explanation(self, lang: Lang) -> String {
        match self {
            Risk::ExpiringSoon => lang.risk_expiring_explanation(SOON_DAYS),
            Risk::Expired => lang.risk_expired_explanation().to_string(),
            Risk::Unlocked => lang.risk_unlocked_explanation().to_string(),
        }
    }

    /// What the domains at this risk do, as in "No domains … ".
    pub fn predicate(self, lang: Lang) -> String {
        match self {
            Risk::ExpiringSoon => lang.risk_expiring_predicate(SOON_DAYS),
            Risk::Expired => lang.risk_expired_predicate().to_string(),
            Risk::Unlocked => lang.risk_unlocked_predicate().to_string(),
        }
    }

    pub fn applies(self, record: &DomainRecord, now: Timestamp) -> bool {
        let summary = &record.summary;
        match self {
            Risk::ExpiringSoon => {
                summary.status != DomainStatus::Expired
                    && !summary.auto_renew
                    && record
                        .days_left(now)
                        .is_some_and(|days| (0..=SOON_DAYS).contains(&days))
            }
            Risk::Expired => summary.status == DomainStatus::Expired,
            Risk::Unlocked => !summary.locked && summary.status != DomainStatus::Expired,
        }
    }
}

/// The table's state, one-to-one with the URL query
/// (`?status=&risk=&expires=&q=&sort=&dir=&page=`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableQuery {
    pub status: Option<StatusFilter>,
    pub risk: Option<Risk>,
    /// Only the domains still to expire in this month (a link from the year ahead).
    pub expires: Option<YearMonth>,
    pub search: String,
    pub sort: SortKey,
    pub descending: bool,
    /// From 1.
    pub page: usize,
}

impl TableQuery {
    /// Reads the query (unknown values fall back to the defaults, so an old bookmark still opens).
    pub fn from_query_string(query: &str) -> TableQuery {
        let mut table = TableQuery {
            page: 1,
            ..TableQuery::default()
        };
        for part in query.trim_start_matches('?').split('&') {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            let Some(value) = decode_component(value) else { continue };
            match key {
                "status" => table.status = StatusFilter::parse(&value),
                "risk" => table.risk = Risk::parse(&value),
                "expires" => table.expires = YearMonth::parse(&value),
                "q" => table.search = value,
                "sort" => table.sort = SortKey::parse(&value).unwrap_or_default(),
                "dir" => table.descending = value == "desc",
                "page" => table.page = value.parse().ok().filter(|page| *page >= 1).unwrap_or(1),
                _ => {}
            }
        }
        table
    }

    /// The query string with `?`, leaving out defaults so links stay short.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.as_str()));
        }
        if let Some(risk) = self.risk {
            parts.push(format!("risk={}", risk.as_str()));
        }
        if let Some(month) = self.expires {
            parts.push(format!("expires={month}"));
        }
        if !self.search.is_empty() {
            parts.push(format!("q={}", encode_component(&self.search)));
        }
        if self.sort != SortKey::Name {
            parts.push(format!("sort={}", self.sort.as_str()));
        }
        if self.descending {
            parts.push("dir=desc".to_string());
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The heading when nothing matches: "No domains match “my” and are active."
    pub fn no_matches(&self, lang: Lang) -> String {
        let mut conditions = Vec::new();
        let term = self.search.trim();
        if !term.is_empty() {
            conditions.push(lang.table_search_predicate(term));
        }
        if let Some(status) = self.status {
            conditions.push(filter_predicate(status, lang).to_string());
        }
        if let Some(risk) = self.risk {
            conditions.push(risk.predicate(lang));
        }
        if let Some(month) = self.expires {
            conditions.push(lang.table_month_predicate(intl::month_year(lang, month.first_day())));
        }
        // "A and B and C" / "A, B ja C": the last two joined by "and", any before by "more".
        let Some(last) = conditions.pop() else {
            return lang.table_no_matches_plain().to_string();
        };
        let joined = match conditions
            .into_iter()
            .reduce(|first, second| lang.table_conditions_more(first, second))
        {
            Some(before) => lang.table_conditions_and(before, last),
            None => last,
        };
        lang.table_no_matches(joined)
    }

    /// The same view sorted by `key`: a second click on the sorted column reverses it.
    pub fn sorted_by(&self, key: SortKey) -> TableQuery {
        let descending = self.sort == key && !self.descending;
        TableQuery {
            sort: key,
            descending,
            page: 1,
            ..self.clone()
        }
    }
}

fn status_rank(status: &DomainStatus) -> u8 {
    match status {
        DomainStatus::Expired => 0,
        DomainStatus::Pending => 1,
        DomainStatus::Active => 2,
        DomainStatus::Other(_) => 3,
    }
}

/// Lower-cases what a person typed into the search box. In the browser, by the browser (it has
/// the Unicode tables already; Rust's would add 7 KB to the download).
pub fn fold_case(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(text).to_lower_case());
    #[cfg(not(target_arch = "wasm32"))]
    return text.to_lowercase();
}

/// Every id in the cache, sorted by `key` (ties by name, then id, so the order is stable).
pub fn sorted_ids(cache: &DomainCache, key: SortKey, descending: bool) -> Vec<u64> {
    let mut records: Vec<&DomainRecord> = cache.records().collect();
    records.sort_by(|a, b| {
        let (x, y) = (&a.summary, &b.summary);
        let primary = match key {
            SortKey::Name => std::cmp::Ordering::Equal,
            SortKey::Status => status_rank(&x.status)
                .cmp(&status_rank(&y.status))
                .then_with(|| x.status.cmp(&y.status)),
            SortKey::Expiry => x.expiration_date.cmp(&y.expiration_date),
            SortKey::AutoRenew => x.auto_renew.cmp(&y.auto_renew),
            SortKey::Locked => x.locked.cmp(&y.locked),
            SortKey::Privacy => x.privacy_protection.cmp(&y.privacy_protection),
            SortKey::Dns => x.dns_managed_by.as_str().cmp(y.dns_managed_by.as_str()),
        };
        let primary = if descending { primary.reverse() } else { primary };
        let by_name = a.display_name.cmp(&b.display_name).then(x.id.cmp(&y.id));
        primary.then(if descending && key == SortKey::Name {
            by_name.reverse()
        } else {
            by_name
        })
    });
    records.into_iter().map(|record| record.summary.id.get()).collect()
}

/// The ids (in the given order) that pass the status filter, the risk, the month and the search.
pub fn filter_ids(cache: &DomainCache, ordered: &[u64], query: &TableQuery, now: Timestamp) -> Vec<u64> {
    let needle = fold_case(query.search.trim());
    ordered
        .iter()
        .copied()
        .filter(|id| {
            cache.get(*id).is_some_and(|record| {
                query.status.is_none_or(|status| status.matches(&record.summary))
                    && query.risk.is_none_or(|risk| risk.applies(record, now))
                    && query.expires.is_none_or(|month| expires_in(record, month, now))
                    && (needle.is_empty() || record.search_text.contains(&needle))
            })
        })
        .collect()
}

/// Whether the rows for `next` can be found among the rows for `previous`: only the search
/// changed, and the new term contains the old one (typing on narrows the match).
pub fn narrows(previous: &TableQuery, next: &TableQuery) -> bool {
    previous.status == next.status
        && previous.risk == next.risk
        && previous.expires == next.expires
        && previous.sort == next.sort
        && previous.descending == next.descending
        && fold_case(next.search.trim()).contains(&fold_case(previous.search.trim()))
}

/// How many domains carry each risk.
pub fn risk_counts(cache: &DomainCache, now: Timestamp) -> [(Risk, usize); 3] {
    Risk::ALL.map(|risk| (risk, cache.records().filter(|record| risk.applies(record, now)).count()))
}

/// How many domains each status filter would show.
pub fn status_counts(cache: &DomainCache) -> [(StatusFilter, usize); 4] {
    StatusFilter::ALL.map(|filter| {
        (
            filter,
            cache.records().filter(|record| filter.matches(&record.summary)).count(),
        )
    })
}

/// One page of the matching domains.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TablePage {
    /// From 1, clamped to the last page.
    pub number: usize,
    pub pages: usize,
    /// The ids on this page, in order.
    pub rows: Vec<u64>,
    /// How many domains match in all.
    pub matching: usize,
}

impl TablePage {
    /// The positions of this page's first and last rows among all matching, from 1.
    pub fn span(&self) -> (usize, usize) {
        let first = (self.number - 1) * PAGE_SIZE + 1;
        (first, (first + PAGE_SIZE - 1).min(self.matching))
    }
}

/// The page to show (clamped to the last one) of `ids`.
pub fn page_of(ids: &[u64], page: usize) -> TablePage {
    let pages = ids.len().div_ceil(PAGE_SIZE).max(1);
    let number = page.clamp(1, pages);
    let start = (number - 1) * PAGE_SIZE;
    let end = (start + PAGE_SIZE).min(ids.len());
    TablePage {
        number,
        pages,
        rows: ids[start..end].to_vec(),
        matching: ids.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vps_contract::{DnsManager, DomainSummary};

    fn domain(
        id: u64,
        name: &str,
        status: DomainStatus,
        expires: &str,
        auto_renew: bool,
        locked: bool,
    ) -> DomainSummary {
        DomainSummary {
            id: id.into(),
            domain_name: name.to_string(),
            status,
            registration_date: Timestamp::parse("2024-01-01T00:00:00Z"),
            expiration_date: Timestamp::parse(expires),
            auto_renew,
            locked,
            nameservers: vec![],
            privacy_protection: true,
            dns_managed_by: DnsManager::VpsOrg,
        }
    }

    fn cache() -> DomainCache {
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            domain(
                101,
                "example.com",
                DomainStatus::Active,
                "2028-11-27T00:00:00Z",
                true,
                true,
            ),
            domain(
                102,
                "myapp.io",
                DomainStatus::Active,
                "2027-06-25T00:00:00Z",
                false,
                false,
            ),
            domain(
                103,
                "mynewstartup.dev",
                DomainStatus::Pending,
                "2027-11-27T00:00:00Z",
                true,
                true,
            ),
            domain(
                104,
                "old-project.net",
                DomainStatus::Expired,
                "2026-11-07T00:00:00Z",
                false,
                true,
            ),
            domain(
                105,
                "side-hustle.co",
                DomainStatus::Active,
                "2026-12-09T00:00:00Z",
                false,
                true,
            ),
            domain(
                109,
                "xn--caf-dma.app",
                DomainStatus::Active,
                "2027-10-23T00:00:00Z",
                true,
                true,
            ),
        ]);
        cache
    }

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-27T12:00:00Z").unwrap()
    }

    #[test]
    fn the_query_round_trips_through_the_url() {
        let query = TableQuery {
            status: Some(StatusFilter::Locked),
            risk: Some(Risk::Unlocked),
            expires: YearMonth::parse("2027-03"),
            search: "café & co".into(),
            sort: SortKey::Expiry,
            descending: true,
            page: 3,
        };
        let text = query.to_query_string();
        assert!(text.contains("expires=2027-03"), "{text}");
        assert_eq!(TableQuery::from_query_string(&text), query);
        assert_eq!(
            TableQuery::from_query_string(""),
            TableQuery {
                page: 1,
                ..TableQuery::default()
            }
        );
        assert_eq!(
            TableQuery {
                page: 1,
                ..TableQuery::default()
            }
            .to_query_string(),
            ""
        );
        // Nonsense in an old bookmark falls back to the defaults.
        let odd = TableQuery::from_query_string("?status=weird&sort=colour&page=-4&q=%zz&expires=2027-13");
        assert_eq!(
            odd,
            TableQuery {
                page: 1,
                ..TableQuery::default()
            }
        );
    }

    #[test]
    fn filters_by_status_risk_and_search() {
        let cache = cache();
        let order = sorted_ids(&cache, SortKey::Name, false);
        let with = |query: TableQuery| filter_ids(&cache, &order, &query, now());
        assert_eq!(
            with(TableQuery {
                status: Some(StatusFilter::Pending),
                ..Default::default()
            }),
            vec![103]
        );
        assert_eq!(
            with(TableQuery {
                status: Some(StatusFilter::Locked),
                ..Default::default()
            })
            .len(),
            5
        );
        assert_eq!(
            with(TableQuery {
                risk: Some(Risk::ExpiringSoon),
                ..Default::default()
            }),
            vec![105]
        );
        assert_eq!(
            with(TableQuery {
                risk: Some(Risk::Expired),
                ..Default::default()
            }),
            vec![104]
        );
        assert_eq!(
            with(TableQuery {
                risk: Some(Risk::Unlocked),
                ..Default::default()
            }),
            vec![102]
        );
        assert_eq!(
            with(TableQuery {
                search: "CAFÉ".into(),
                ..Default::default()
            }),
            vec![109]
        );
        assert_eq!(
            with(TableQuery {
                search: "xn--caf".into(),
                ..Default::default()
            }),
            vec![109]
        );
        assert_eq!(
            with(TableQuery {
                search: " my".into(),
                ..Default::default()
            }),
            vec![102, 103]
        );
        assert_eq!(
            with(TableQuery {
                expires: YearMonth::parse("2027-06"),
                ..Default::default()
            }),
            vec![102]
        );
        // Expired, though its date is in the month.
        assert!(with(TableQuery {
            expires: YearMonth::parse("2026-11"),
            ..Default::default()
        })
        .is_empty());
        assert!(with(TableQuery {
            search: "nothing-like-this".into(),
            ..Default::default()
        })
        .is_empty());
    }

    #[test]
    fn says_what_matched_nothing() {
        let query = TableQuery {
            search: " my ".into(),
            status: Some(StatusFilter::Active),
            risk: Some(Risk::ExpiringSoon),
            ..Default::default()
        };
        assert_eq!(
            query.no_matches(Lang::En),
            "No domains match “my” and are active and expire within 30 days with auto-renew off."
        );
        assert_eq!(
            query.no_matches(Lang::Fi),
            "Ei verkkotunnuksia, jotka vastaavat hakua ”my”, jotka ovat aktiivisia ja jotka vanhenevat \
             30 päivän sisällä ilman automaattista uusintaa."
        );
        let month = TableQuery {
            expires: YearMonth::parse("2027-03"),
            ..Default::default()
        };
        assert_eq!(month.no_matches(Lang::En), "No domains expire in March 2027.");
        assert_eq!(TableQuery::default().no_matches(Lang::En), "No domains match.");
        assert_eq!(
            Risk::ExpiringSoon.explanation(Lang::En),
            "within 30 days, auto-renew off"
        );
        assert_eq!(Risk::Unlocked.title(Lang::Fi), "Lukitse\u{ad}mattomat");
        assert_eq!(SortKey::AutoRenew.label(Lang::En), "Auto-renew");
        assert_eq!(filter_label(None, Lang::Fi), "Kaikki");
    }

    #[test]
    fn narrowing_refilters_the_previous_rows_only_when_that_is_exact() {
        let cache = cache();
        let order = sorted_ids(&cache, SortKey::Name, false);
        let typed = |text: &str| TableQuery {
            search: text.into(),
            ..Default::default()
        };
        assert!(narrows(&typed("my"), &typed("mya")));
        assert!(narrows(&typed(""), &typed("x")));
        assert!(!narrows(&typed("mya"), &typed("my")), "a shorter term can match more");
        assert!(!narrows(
            &typed("my"),
            &TableQuery {
                status: Some(StatusFilter::Expired),
                ..typed("my")
            }
        ));
        assert!(!narrows(
            &typed("my"),
            &TableQuery {
                expires: YearMonth::parse("2027-06"),
                ..typed("my")
            }
        ));
        let wide = filter_ids(&cache, &order, &typed("my"), now());
        assert_eq!(
            filter_ids(&cache, &wide, &typed("myap"), now()),
            filter_ids(&cache, &order, &typed("myap"), now())
        );
    }

    #[test]
    fn sorts_by_every_column_and_reverses() {
        let cache = cache();
        let names = |ids: Vec<u64>| -> Vec<String> {
            ids.iter()
                .map(|id| cache.get(*id).unwrap().display_name.clone())
                .collect()
        };
        assert_eq!(
            names(sorted_ids(&cache, SortKey::Name, false)),
            vec![
                "café.app",
                "example.com",
                "myapp.io",
                "mynewstartup.dev",
                "old-project.net",
                "side-hustle.co"
            ]
        );
        assert_eq!(sorted_ids(&cache, SortKey::Name, true).first(), Some(&105));
        assert_eq!(
            sorted_ids(&cache, SortKey::Expiry, false),
            vec![104, 105, 102, 109, 103, 101]
        );
        assert_eq!(sorted_ids(&cache, SortKey::Expiry, true).first(), Some(&101));
        assert_eq!(sorted_ids(&cache, SortKey::Status, false)[..2], [104, 103]);
        assert_eq!(sorted_ids(&cache, SortKey::Locked, false).first(), Some(&102));
        assert_eq!(sorted_ids(&cache, SortKey::AutoRenew, false)[..3], [102, 104, 105]);
        let query = TableQuery::default().sorted_by(SortKey::Expiry);
        assert!(!query.descending);
        assert!(query.sorted_by(SortKey::Expiry).descending);
    }

    #[test]
    fn counts_and_pages() {
        let cache = cache();
        assert_eq!(
            risk_counts(&cache, now()),
            [(Risk::ExpiringSoon, 1), (Risk::Expired, 1), (Risk::Unlocked, 1)]
        );
        assert_eq!(status_counts(&cache)[0], (StatusFilter::Active, 4));
        let ids: Vec<u64> = (1..=120).collect();
        let page = page_of(&ids, 3);
        assert_eq!(
            (page.number, page.pages, page.rows.len(), page.rows[0]),
            (3, 3, 20, 101)
        );
        assert_eq!(page.span(), (101, 120));
        assert_eq!(page_of(&ids, 99).number, 3);
        assert_eq!(
            page_of(&[], 1),
            TablePage {
                number: 1,
                pages: 1,
                rows: vec![],
                matching: 0
            }
        );
    }
}
