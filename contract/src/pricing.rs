//! The provider's price list: seven TLDs, per-year prices in cents, and what each domain includes.

use crate::money::Cents;

/// One offered top-level domain and its per-year prices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TldPrice {
    /// Without the dot: `com`.
    pub tld: &'static str,
    pub register: Cents,
    pub renew: Cents,
    pub transfer: Cents,
}

const fn price(tld: &'static str, cents: i64) -> TldPrice {
    TldPrice {
        tld,
        register: Cents(cents),
        renew: Cents(cents),
        transfer: Cents(cents),
    }
}

/// The seven TLDs the provider offers, in its own order.
pub const TLD_PRICES: [TldPrice; 7] = [
    price("com", 1299),
    price("net", 1499),
    price("org", 1399),
    price("io", 3999),
    price("dev", 1499),
    price("app", 1499),
    price("co", 2499),
];

pub const MIN_YEARS: i64 = 1;
pub const MAX_YEARS: i64 = 10;

/// What every domain includes, as the provider lists it.
pub const INCLUDED_FEATURES: [&str; 8] = [
    "Free WHOIS privacy protection",
    "Free DNS management",
    "Free email forwarding",
    "Free domain forwarding",
    "Free domain lock",
    "24/7 support",
    "Easy domain management",
    "Auto-renew option",
];

/// The price row for a TLD given without its dot (`"io"`), if it is offered.
pub fn tld_price(tld: &str) -> Option<&'static TldPrice> {
    TLD_PRICES.iter().find(|row| row.tld == tld)
}

/// The price row for a normalised domain name, from its last label.
pub fn price_for_domain(ascii_name: &str) -> Option<&'static TldPrice> {
    ascii_name.rsplit('.').next().and_then(tld_price)
}

/// `.com, .net, .org, .io, .dev, .app or .co`, for messages.
pub fn offered_tlds_sentence() -> String {
    let names: Vec<String> = TLD_PRICES.iter().map(|row| format!(".{}", row.tld)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

impl TldPrice {
    /// The cost of registering for `years` years: years × the register price.
    pub fn registration_total(&self, years: i64) -> Cents {
        self.register * years
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_price_table_matches_the_providers_document() {
        let expected = [
            ("com", 1299),
            ("net", 1499),
            ("org", 1399),
            ("io", 3999),
            ("dev", 1499),
            ("app", 1499),
            ("co", 2499),
        ];
        for (tld, cents) in expected {
            let row = tld_price(tld).unwrap();
            assert_eq!(
                (row.register, row.renew, row.transfer),
                (Cents(cents), Cents(cents), Cents(cents))
            );
        }
        assert_eq!(tld_price("xyz"), None);
        assert_eq!(tld_price(".com"), None);
    }

    #[test]
    fn totals_follow_the_table_not_the_documents_typo() {
        // The provider's example (docs/api.md) says 24.98 for two years of .com; its own table gives 25.98.
        assert_eq!(tld_price("com").unwrap().registration_total(2), Cents(2598));
        assert_eq!(tld_price("io").unwrap().registration_total(10), Cents(39_990));
        assert_eq!(price_for_domain("myapp.io").unwrap().tld, "io");
        assert_eq!(price_for_domain("example.co").unwrap().register, Cents(2499));
    }

    #[test]
    fn the_sentence_names_every_tld() {
        assert_eq!(offered_tlds_sentence(), ".com, .net, .org, .io, .dev, .app or .co");
    }
}
