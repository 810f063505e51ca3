//! Properties that must hold for every input, not just the examples.

use proptest::prelude::*;
use vps_contract::{normalize_host_name, tld_price, Cents, DomainName, Timestamp, MAX_YEARS, MIN_YEARS, TLD_PRICES};

fn is_ldh_within_limits(ascii: &str) {
    assert!(ascii.len() <= 253, "{ascii}");
    for label in ascii.split('.') {
        assert!(!label.is_empty() && label.len() <= 63, "{ascii}");
        assert!(
            label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{ascii}"
        );
        assert!(!label.starts_with('-') && !label.ends_with('-'), "{ascii}");
    }
}

/// Names people plausibly type: letters in several scripts, digits, hyphens, dots, case, spaces.
fn typed_name() -> impl Strategy<Value = String> {
    let label = "[a-zA-Z0-9äöüßçéñø日本語ü-]{0,70}";
    let tld = prop::sample::select(vec!["com", "NET", "org", "io", "dev", "app", "co", "xyz", ""]);
    (prop::collection::vec(label, 1..4), tld, any::<bool>(), "[ \t]{0,2}").prop_map(
        |(labels, tld, trailing_dot, pad)| {
            let mut name = labels.join(".");
            if !tld.is_empty() {
                name.push('.');
                name.push_str(tld);
            }
            if trailing_dot {
                name.push('.');
            }
            format!("{pad}{name}{pad}")
        },
    )
}

proptest! {
    #[test]
    fn normalising_twice_changes_nothing(input in typed_name()) {
        if let Ok(name) = DomainName::parse(&input) {
            let again = DomainName::parse(name.as_str()).expect("a normalised name stays valid");
            prop_assert_eq!(&again, &name);
            // The Unicode form normalises back to the same ASCII name.
            prop_assert_eq!(DomainName::parse(&name.unicode()).ok(), Some(name));
        }
    }

    #[test]
    fn anything_accepted_is_ldh_and_within_limits(input in typed_name()) {
        if let Ok(name) = DomainName::parse(&input) {
            is_ldh_within_limits(name.as_str());
            prop_assert_eq!(name.as_str().split('.').count(), 2);
            prop_assert!(tld_price(name.tld()).is_some());
        }
    }

    #[test]
    fn arbitrary_text_never_panics_and_accepted_hosts_are_ldh(input in "\\PC{0,80}") {
        if let Ok(name) = DomainName::parse(&input) {
            is_ldh_within_limits(name.as_str());
        }
        if let Ok(host) = normalize_host_name(&input) {
            is_ldh_within_limits(&host);
            prop_assert_eq!(normalize_host_name(&host), Ok(host.clone()));
        }
    }

    #[test]
    fn total_is_years_times_price(index in 0usize..TLD_PRICES.len(), years in MIN_YEARS..=MAX_YEARS) {
        let row = &TLD_PRICES[index];
        let total = row.registration_total(years);
        prop_assert_eq!(total, Cents(row.register.0 * years));
        // And the wire form reads back as the same cents.
        let text = serde_json::to_string(&total).unwrap();
        prop_assert_eq!(serde_json::from_str::<Cents>(&text).unwrap(), total);
    }

    #[test]
    fn rfc3339_round_trips(seconds in -5_000_000_000i64..10_000_000_000) {
        let t = Timestamp(seconds);
        prop_assert_eq!(Timestamp::parse(&t.to_rfc3339()), Some(t));
    }

    #[test]
    fn adding_years_moves_the_calendar_year(seconds in 0i64..5_000_000_000, years in 1i64..=10) {
        let start = Timestamp(seconds);
        let later = start.plus_years(years);
        prop_assert_eq!(later.date().year, start.date().year + years);
        prop_assert_eq!(later.date().month, start.date().month);
        prop_assert!(start.whole_days_until(later) >= 365 * years - 1);
    }
}
