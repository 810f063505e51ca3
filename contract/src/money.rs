//! Money in integer cents. Dollars appear only at the edges: the wire (a JSON number with
//! at most two decimals) and the screen (`$1,299.00`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, Mul, Sub};

/// An amount of US dollars, held as a whole number of cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cents(pub i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    /// Reads a JSON number of dollars when it is a whole number of cents (`25.98`, `100`,
    /// `100.0`); `None` for more decimals, negatives are kept (the caller decides).
    pub fn from_dollars_exact(dollars: f64) -> Option<Cents> {
        if !dollars.is_finite() || dollars.abs() > 9.0e13 {
            return None;
        }
        let cents = (dollars * 100.0).round();
        // A two-decimal number is the double nearest to it; anything further away had more decimals.
        if (cents / 100.0 - dollars).abs() > f64::EPSILON * dollars.abs().max(1.0) * 4.0 {
            return None;
        }
        Some(Cents(cents as i64))
    }

    /// The nearest whole number of cents: how a tolerant reader takes a provider's number.
    pub fn from_dollars_rounded(dollars: f64) -> Cents {
        Cents((dollars * 100.0).round() as i64)
    }

    /// The JSON number of dollars. Exact: the nearest double to `n / 100` prints as that decimal.
    pub fn to_dollars(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn checked_mul(self, factor: i64) -> Option<Cents> {
        self.0.checked_mul(factor).map(Cents)
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0 + other.0)
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, other: Cents) -> Cents {
        Cents(self.0 - other.0)
    }
}

impl Mul<i64> for Cents {
    type Output = Cents;
    fn mul(self, factor: i64) -> Cents {
        Cents(self.0 * factor)
    }
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// `$1,299.00`; negative amounts as `-$5.00`.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}${}.{:02}", group_thousands(abs / 100), abs % 100)
    }
}

impl Serialize for Cents {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_dollars())
    }
}

impl Cents {
    /// Reads a decimal amount of dollars written as text (`12.99`, `$1,299.00`, `-5`), rounding
    /// past two decimals half away from zero. With integers only: no float parsing is linked in.
    pub fn parse_dollars(text: &str) -> Option<Cents> {
        let text = text.trim();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let text = text.trim_start_matches('$').replace(',', "");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) || whole.len() > 15 {
            return None;
        }
        let dollars: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
        let mut cents = [b'0'; 3];
        for (slot, digit) in cents.iter_mut().zip(fraction.bytes()) {
            *slot = digit;
        }
        let [tens, units, next] = cents.map(|b| i64::from(b - b'0'));
        let amount = dollars * 100 + tens * 10 + units + i64::from(next >= 5);
        Some(Cents(if negative { -amount } else { amount }))
    }
}

/// Tolerant: any JSON number (`100`, `100.0`, `100.00`) or a numeric string, rounded to cents.
impl<'de> Deserialize<'de> for Cents {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CentsVisitor;

        impl serde::de::Visitor<'_> for CentsVisitor {
            type Value = Cents;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("an amount of dollars")
            }

            fn visit_u64<E: serde::de::Error>(self, dollars: u64) -> Result<Cents, E> {
                i64::try_from(dollars)
                    .ok()
                    .and_then(|d| d.checked_mul(100))
                    .map(Cents)
                    .ok_or_else(|| E::custom("amount too large"))
            }

            fn visit_i64<E: serde::de::Error>(self, dollars: i64) -> Result<Cents, E> {
                dollars
                    .checked_mul(100)
                    .map(Cents)
                    .ok_or_else(|| E::custom("amount too large"))
            }

            fn visit_f64<E: serde::de::Error>(self, dollars: f64) -> Result<Cents, E> {
                Ok(Cents::from_dollars_rounded(dollars))
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Cents, E> {
                Cents::parse_dollars(text).ok_or_else(|| E::custom("not an amount"))
            }
        }

        deserializer.deserialize_any(CentsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dollars_with_grouping() {
        assert_eq!(Cents(2598).to_string(), "$25.98");
        assert_eq!(Cents(5).to_string(), "$0.05");
        assert_eq!(Cents(129_900).to_string(), "$1,299.00");
        assert_eq!(Cents(123_456_789).to_string(), "$1,234,567.89");
        assert_eq!(Cents(-500).to_string(), "-$5.00");
    }

    #[test]
    fn wire_form_is_exact() {
        assert_eq!(serde_json::to_string(&Cents(2598)).unwrap(), "25.98");
        assert_eq!(serde_json::to_string(&Cents(3999)).unwrap(), "39.99");
        assert_eq!(serde_json::to_string(&Cents(10_000)).unwrap(), "100.0");
        for cents in 0..20_000 {
            let text = serde_json::to_string(&Cents(cents)).unwrap();
            let back: Cents = serde_json::from_str(&text).unwrap();
            assert_eq!(back, Cents(cents), "{text}");
        }
    }

    #[test]
    fn reads_numbers_the_way_providers_write_them() {
        for (text, cents) in [
            ("100", 10_000),
            ("100.0", 10_000),
            ("100.00", 10_000),
            ("25.98", 2598),
            ("\"12.99\"", 1299),
        ] {
            assert_eq!(serde_json::from_str::<Cents>(text).unwrap(), Cents(cents), "{text}");
        }
        assert!(serde_json::from_str::<Cents>("\"lots\"").is_err());
        assert!(serde_json::from_str::<Cents>("true").is_err());
    }

    #[test]
    fn dollar_text_parses_with_integers() {
        for (text, cents) in [
            ("12.99", 1299),
            ("$1,299.00", 129_900),
            ("100", 10_000),
            (" 0.5 ", 50),
            (".07", 7),
            ("-5", -500),
            ("2.345", 235),
            ("2.344", 234),
        ] {
            assert_eq!(Cents::parse_dollars(text), Some(Cents(cents)), "{text}");
        }
        for bad in ["", ".", "1.2.3", "abc", "1e3", "--1", "9999999999999999"] {
            assert_eq!(Cents::parse_dollars(bad), None, "{bad}");
        }
    }

    #[test]
    fn exact_dollars_accept_two_decimals_only() {
        assert_eq!(Cents::from_dollars_exact(5.0), Some(Cents(500)));
        assert_eq!(Cents::from_dollars_exact(0.1), Some(Cents(10)));
        assert_eq!(Cents::from_dollars_exact(1234.56), Some(Cents(123_456)));
        assert_eq!(Cents::from_dollars_exact(5.001), None);
        assert_eq!(Cents::from_dollars_exact(f64::NAN), None);
        assert_eq!(Cents::from_dollars_exact(1e300), None);
    }
}
