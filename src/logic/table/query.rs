//! The domain table's view state — filter, risk, month, search, order, page — one-to-one
//! with the URL query, so that a view is a link; and its words (column headers, filter names,
//! what matched nothing).

use super::risk::Risk;
use crate::i18n::Lang;
use crate::intl;
use crate::logic::forecast::YearMonth;
use vps_contract::query::{decode_component, encode_component};
use vps_contract::StatusFilter;

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

/// The table's order: a column, either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Order {
    pub key: SortKey,
    pub descending: bool,
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

/// The table's state, one-to-one with the URL query
/// (`?status=&risk=&expires=&tag=&owner=&q=&sort=&dir=&page=`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableQuery {
    pub status: Option<StatusFilter>,
    pub risk: Option<Risk>,
    /// Only the domains still to expire in this month (a link from the year ahead).
    pub expires: Option<YearMonth>,
    /// Only the domains with this tag, or this owner (what the portfolio keeps).
    pub tag: Option<String>,
    pub owner: Option<String>,
    pub search: String,
    pub order: Order,
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
                "tag" => table.tag = Some(value).filter(|tag| !tag.is_empty()),
                "owner" => table.owner = Some(value).filter(|owner| !owner.is_empty()),
                "q" => table.search = value,
                "sort" => table.order.key = SortKey::parse(&value).unwrap_or_default(),
                "dir" => table.order.descending = value == "desc",
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
        if let Some(tag) = &self.tag {
            parts.push(format!("tag={}", encode_component(tag)));
        }
        if let Some(owner) = &self.owner {
            parts.push(format!("owner={}", encode_component(owner)));
        }
        if !self.search.is_empty() {
            parts.push(format!("q={}", encode_component(&self.search)));
        }
        if self.order.key != SortKey::Name {
            parts.push(format!("sort={}", self.order.key.as_str()));
        }
        if self.order.descending {
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

    /// The table's address for this view.
    pub fn href(&self) -> String {
        format!("/domains{}", self.to_query_string())
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
        if let Some(tag) = &self.tag {
            conditions.push(lang.table_tag_predicate(tag));
        }
        if let Some(owner) = &self.owner {
            conditions.push(lang.table_owner_predicate(owner));
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
        let descending = self.order.key == key && !self.order.descending;
        TableQuery {
            order: Order { key, descending },
            page: 1,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_round_trips_through_the_url() {
        let query = TableQuery {
            status: Some(StatusFilter::Locked),
            risk: Some(Risk::Unlocked),
            expires: YearMonth::parse("2027-03"),
            tag: Some("client a&b".into()),
            owner: Some("Bee Oy".into()),
            search: "café & co".into(),
            order: Order {
                key: SortKey::Expiry,
                descending: true,
            },
            page: 3,
        };
        let text = query.to_query_string();
        assert!(text.contains("expires=2027-03"), "{text}");
        assert!(text.contains("tag=client%20a%26b&owner=Bee%20Oy"), "{text}");
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
        let odd = TableQuery::from_query_string("?status=weird&sort=colour&page=-4&q=%zz&expires=2027-13&tag=&owner=");
        assert_eq!(
            odd,
            TableQuery {
                page: 1,
                ..TableQuery::default()
            }
        );
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
        let by_expiry = TableQuery::default().sorted_by(SortKey::Expiry);
        assert!(!by_expiry.order.descending);
        assert!(by_expiry.sorted_by(SortKey::Expiry).order.descending);
        assert_eq!(filter_label(None, Lang::Fi), "Kaikki");
    }
}
