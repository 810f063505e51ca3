//! What changed: the watched fields of every domain as the last list load saw them (a
//! [`Snapshot`]), the difference between two of them, and the [`History`] those differences
//! and the app's own writes are kept in.

use crate::logic::cache::DomainCache;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use vps_contract::{DomainSummary, UpdateRequest};

/// The most history entries kept; the oldest go first.
pub const MAX_ENTRIES: usize = 10_000;

/// The fields of one domain whose changes are told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watched {
    /// The wire form (`active`, `pending`, …).
    pub status: String,
    /// Seconds since the epoch.
    #[serde(default)]
    pub expires: Option<i64>,
    pub auto_renew: bool,
    pub locked: bool,
    pub privacy: bool,
    pub nameservers: Vec<String>,
}

impl Watched {
    pub fn of(summary: &DomainSummary) -> Watched {
        todo!()
    }
}

/// Every domain's watched fields at one list load, keyed by ASCII name, lower case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// When (ms since the epoch).
    pub at: i64,
    pub domains: BTreeMap<String, Watched>,
}

impl Snapshot {
    pub fn of(cache: &DomainCache, at: i64) -> Snapshot {
        todo!()
    }
}

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The domain is new to the account.
    Appeared,
    /// It is no longer in the account.
    Left,
    Status,
    Expiry,
    AutoRenew,
    Lock,
    Privacy,
    Nameservers,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::Appeared,
        ChangeKind::Left,
        ChangeKind::Status,
        ChangeKind::Expiry,
        ChangeKind::AutoRenew,
        ChangeKind::Lock,
        ChangeKind::Privacy,
        ChangeKind::Nameservers,
    ];
}

/// Who made a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// This app, as it happened.
    Here,
    /// Found by a list load: another tab of another device, the provider, another tool.
    Elsewhere,
}

/// One entry of the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// When (ms since the epoch): found by a list load, or written here.
    pub at: i64,
    /// The ASCII name, lower case.
    pub domain: String,
    pub kind: ChangeKind,
    /// The values in their stored form: `true`/`false`, the nameservers joined by `, `, the
    /// expiry's seconds, the status's wire form; empty for Appeared/Left.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub before: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub after: String,
    pub by: By,
    /// A write of this app that failed: the API's message. The values are then what was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
}

impl Change {
    /// Worth a warning: the lock turned off, or the nameservers changed, by someone else.
    pub fn is_warning(&self) -> bool {
        todo!()
    }
}

/// What changed between two list loads, at `at`, by someone else. `complete`: `after` is the
/// whole account (a listing that was cut says nothing of the domains it did not reach, so
/// none of them is said to have left). Ordered by domain, then kind.
pub fn diff(before: &Snapshot, after: &Snapshot, at: i64, complete: bool) -> Vec<Change> {
    todo!()
}

/// What a write of this app did to one domain (`None`: not in the account, before a
/// registration or after a removal), at `at`.
pub fn own_changes(name: &str, before: Option<&Watched>, after: Option<&Watched>, at: i64) -> Vec<Change> {
    todo!()
}

/// A write of this app that failed: what it asked for, with the API's message.
pub fn failed_update(name: &str, before: Option<&Watched>, request: &UpdateRequest, at: i64, message: &str) -> Vec<Change> {
    todo!()
}

/// The history, newest last, at most [`MAX_ENTRIES`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub entries: Vec<Change>,
    /// How many of the oldest entries have been dropped to keep within the cap.
    #[serde(default)]
    pub dropped: u64,
}

impl History {
    /// Adds `changes` (kept in time order), dropping the oldest beyond the cap.
    pub fn add(&mut self, changes: Vec<Change>) {
        todo!()
    }

    /// How many entries are newer than `seen_until`.
    pub fn unseen(&self, seen_until: i64) -> usize {
        todo!()
    }

    /// Adds the entries of `other` not already here (same time, domain, kind, values, author).
    /// Returns how many were added.
    pub fn merge(&mut self, other: &History) -> usize {
        todo!()
    }
}
