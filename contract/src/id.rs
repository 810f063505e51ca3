//! A domain's id: one space across all accounts, increasing, a JSON integer on the wire.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A domain's id. Its text form (a path segment, a route parameter) is plain decimal digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DomainId(pub u64);

impl DomainId {
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for DomainId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Text that is not an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAnId;

impl fmt::Display for NotAnId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a domain id is plain decimal digits")
    }
}

impl std::error::Error for NotAnId {}

/// Only ASCII digits: `u64`'s own parser also takes a leading `+`, which names no domain.
impl FromStr for DomainId {
    type Err = NotAnId;

    fn from_str(text: &str) -> Result<DomainId, NotAnId> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NotAnId);
        }
        text.parse().map(DomainId).map_err(|_| NotAnId)
    }
}

impl From<u64> for DomainId {
    fn from(id: u64) -> DomainId {
        DomainId(id)
    }
}

impl From<DomainId> for u64 {
    fn from(id: DomainId) -> u64 {
        id.0
    }
}

/// A store's signed integer key (SQLite's rowid): negative is no id.
impl TryFrom<i64> for DomainId {
    type Error = NotAnId;

    fn try_from(key: i64) -> Result<DomainId, NotAnId> {
        u64::try_from(key).map(DomainId).map_err(|_| NotAnId)
    }
}

/// As a store's signed integer key: above `i64::MAX` no stored domain has it.
impl TryFrom<DomainId> for i64 {
    type Error = NotAnId;

    fn try_from(id: DomainId) -> Result<i64, NotAnId> {
        i64::try_from(id.0).map_err(|_| NotAnId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_json_forms() {
        assert_eq!("101".parse(), Ok(DomainId(101)));
        assert_eq!("0101".parse(), Ok(DomainId(101)));
        for text in ["", "+101", "-1", "10 1", "abc", "1e3", "18446744073709551616"] {
            assert_eq!(text.parse::<DomainId>(), Err(NotAnId), "{text:?}");
        }
        assert_eq!(DomainId(101).to_string(), "101");
        assert_eq!(serde_json::to_string(&DomainId(101)).ok().as_deref(), Some("101"));
        assert_eq!(serde_json::from_str::<DomainId>("101").ok(), Some(DomainId(101)));
        assert!(serde_json::from_str::<DomainId>("\"101\"").is_err());
    }

    #[test]
    fn checked_as_a_signed_key() {
        assert_eq!(i64::try_from(DomainId(101)), Ok(101));
        assert_eq!(i64::try_from(DomainId(u64::MAX)), Err(NotAnId));
        assert_eq!(DomainId::try_from(101_i64), Ok(DomainId(101)));
        assert_eq!(DomainId::try_from(-1_i64), Err(NotAnId));
    }
}
