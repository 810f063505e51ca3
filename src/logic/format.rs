//! Dates, spans and counts as people read them.

use crate::i18n::Lang;
use crate::intl;
use vps_contract::money::group_thousands;
use vps_contract::time::relative_days;
use vps_contract::{DnsManager, Timestamp};

/// `15 Jan 2028` and `in 730 days` for an expiry.
pub fn expiry_parts(expiry: Timestamp, now: Timestamp) -> (String, String) {
    (expiry.to_human_date(), relative_days(now.whole_days_until(expiry)))
}

/// "just now", "12 s ago", "3 min ago", "2 h ago" / "juuri nyt", "12 s sitten", "3 min
/// sitten", "2 h sitten".
pub fn ago(lang: Lang, elapsed_ms: f64) -> String {
    let seconds = (elapsed_ms / 1000.0).max(0.0) as i64;
    match seconds {
        0..=4 => lang.domains_ago_now().to_string(),
        5..=59 => lang.domains_ago_seconds(seconds),
        60..=3599 => lang.domains_ago_minutes(seconds / 60),
        _ => lang.domains_ago_hours(intl::number(lang, seconds / 3600)),
    }
}

/// `1 domain`, `3 domains`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", group_digits(count))
    }
}

/// `10,000`.
pub fn group_digits(n: usize) -> String {
    group_thousands(n as u64)
}

/// `1 year`, `5 years`.
pub fn years(count: i64) -> String {
    plural(usize::try_from(count).unwrap_or(0), "year", "years")
}

/// A setting's state: `On` or `Off`.
pub fn on_off(on: bool) -> &'static str {
    if on {
        "On"
    } else {
        "Off"
    }
}

/// Who answers for a domain's DNS, in a word (the table).
pub fn dns_word(manager: &DnsManager) -> &'static str {
    match manager {
        DnsManager::VpsOrg => "VPS.org",
        _ => "External",
    }
}

/// Who answers for a domain's DNS, in a phrase (the domain's overview).
pub fn dns_phrase(manager: &DnsManager) -> &'static str {
    match manager {
        DnsManager::VpsOrg => "Managed by VPS.org",
        _ => "External nameservers",
    }
}

/// The registrar lock's state: `Locked` or `Unlocked`.
pub fn lock_state(locked: bool) -> &'static str {
    if locked {
        "Locked"
    } else {
        "Unlocked"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_forms() {
        let now = Timestamp::parse("2026-01-15T10:00:00Z").unwrap();
        let expiry = Timestamp::parse("2028-01-15T10:30:00Z").unwrap();
        assert_eq!(
            expiry_parts(expiry, now),
            ("15 Jan 2028".to_string(), "in 730 days".to_string())
        );
        assert_eq!(ago(Lang::En, 1_000.0), "just now");
        assert_eq!(ago(Lang::En, 12_400.0), "12 s ago");
        assert_eq!(ago(Lang::En, 185_000.0), "3 min ago");
        assert_eq!(ago(Lang::En, 7_300_000.0), "2 h ago");
        assert_eq!(ago(Lang::Fi, -50.0), "juuri nyt");
        assert_eq!(ago(Lang::Fi, 185_000.0), "3 min sitten");
        assert_eq!(plural(1, "domain", "domains"), "1 domain");
        assert_eq!(plural(10_000, "domain", "domains"), "10,000 domains");
        assert_eq!((years(1).as_str(), years(5).as_str()), ("1 year", "5 years"));
        assert_eq!((on_off(true), lock_state(false)), ("On", "Unlocked"));
    }
}
