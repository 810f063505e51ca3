//! What changed: the watched fields of every domain as the last list load saw them (a
//! [`Snapshot`]), the difference between two of them, and the [`History`] those differences
//! and the app's own writes are kept in.

use crate::logic::cache::DomainCache;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
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
        Watched {
            status: summary.status.as_str().to_string(),
            expires: summary.expiration_date.map(|at| at.0),
            auto_renew: summary.auto_renew,
            locked: summary.locked,
            privacy: summary.privacy_protection,
            nameservers: summary.nameservers.clone(),
        }
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
        let domains = cache
            .records()
            .map(|record| {
                (
                    record.summary.domain_name.to_ascii_lowercase(),
                    Watched::of(&record.summary),
                )
            })
            .collect();
        Snapshot { at, domains }
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
        let risky = match self.kind {
            ChangeKind::Lock => self.after == "false",
            ChangeKind::Nameservers => true,
            _ => false,
        };
        risky && self.by == By::Elsewhere && self.failed.is_none()
    }
}

/// What changed between two list loads, at `at`, by someone else. `complete`: `after` is the
/// whole account (a listing that was cut says nothing of the domains it did not reach, so
/// none of them is said to have left). Ordered by domain, then kind.
pub fn diff(before: &Snapshot, after: &Snapshot, at: i64, complete: bool) -> Vec<Change> {
    let mut changes = Vec::new();
    for (domain, now) in &after.domains {
        match before.domains.get(domain) {
            Some(was) => changes.extend(field_changes(domain, was, now, at, By::Elsewhere)),
            None => changes.push(presence(domain, ChangeKind::Appeared, at, By::Elsewhere)),
        }
    }
    if complete {
        let left = before
            .domains
            .keys()
            .filter(|domain| !after.domains.contains_key(*domain));
        changes.extend(left.map(|domain| presence(domain, ChangeKind::Left, at, By::Elsewhere)));
    }
    // Left ones were told after the rest: sorted into place by domain, then kind.
    changes.sort_by(|a, b| a.domain.cmp(&b.domain).then(a.kind.cmp(&b.kind)));
    changes
}

/// What a write of this app did to one domain (`None`: not in the account, before a
/// registration or after a removal), at `at`.
pub fn own_changes(name: &str, before: Option<&Watched>, after: Option<&Watched>, at: i64) -> Vec<Change> {
    let domain = name.to_ascii_lowercase();
    match (before, after) {
        (Some(was), Some(now)) => field_changes(&domain, was, now, at, By::Here),
        (None, Some(_)) => vec![presence(&domain, ChangeKind::Appeared, at, By::Here)],
        (Some(_), None) => vec![presence(&domain, ChangeKind::Left, at, By::Here)],
        (None, None) => Vec::new(),
    }
}

/// A write of this app that failed: what it asked for, with the API's message.
pub fn failed_update(
    name: &str,
    before: Option<&Watched>,
    request: &UpdateRequest,
    at: i64,
    message: &str,
) -> Vec<Change> {
    // In kind order, as `diff` and `own_changes` tell theirs.
    let asked = [
        (ChangeKind::AutoRenew, request.auto_renew.map(|on| on.to_string())),
        (ChangeKind::Lock, request.locked.map(|on| on.to_string())),
        (ChangeKind::Privacy, request.privacy_protection.map(|on| on.to_string())),
        (
            ChangeKind::Nameservers,
            request.nameservers.as_ref().map(|hosts| hosts.join(", ")),
        ),
    ];
    let domain = name.to_ascii_lowercase();
    asked
        .into_iter()
        .filter_map(|(kind, after)| {
            Some(Change {
                at,
                domain: domain.clone(),
                kind,
                before: before.map(|was| stored(kind, was)).unwrap_or_default(),
                after: after?,
                by: By::Here,
                failed: Some(message.to_string()),
            })
        })
        .collect()
}

/// The watched fields, in [`ChangeKind`]'s order.
const FIELDS: [ChangeKind; 6] = [
    ChangeKind::Status,
    ChangeKind::Expiry,
    ChangeKind::AutoRenew,
    ChangeKind::Lock,
    ChangeKind::Privacy,
    ChangeKind::Nameservers,
];

/// One field's value in its stored form (empty for Appeared/Left, which have none).
fn stored(kind: ChangeKind, watched: &Watched) -> String {
    match kind {
        ChangeKind::Status => watched.status.clone(),
        ChangeKind::Expiry => watched.expires.map(|at| at.to_string()).unwrap_or_default(),
        ChangeKind::AutoRenew => watched.auto_renew.to_string(),
        ChangeKind::Lock => watched.locked.to_string(),
        ChangeKind::Privacy => watched.privacy.to_string(),
        ChangeKind::Nameservers => watched.nameservers.join(", "),
        ChangeKind::Appeared | ChangeKind::Left => String::new(),
    }
}

/// Whether one field differs, compared as values (not as their stored text).
fn differs(kind: ChangeKind, a: &Watched, b: &Watched) -> bool {
    match kind {
        ChangeKind::Status => a.status != b.status,
        ChangeKind::Expiry => a.expires != b.expires,
        ChangeKind::AutoRenew => a.auto_renew != b.auto_renew,
        ChangeKind::Lock => a.locked != b.locked,
        ChangeKind::Privacy => a.privacy != b.privacy,
        ChangeKind::Nameservers => a.nameservers != b.nameservers,
        ChangeKind::Appeared | ChangeKind::Left => false,
    }
}

fn field_changes(domain: &str, before: &Watched, after: &Watched, at: i64, by: By) -> Vec<Change> {
    FIELDS
        .into_iter()
        .filter(|kind| differs(*kind, before, after))
        .map(|kind| Change {
            at,
            domain: domain.to_string(),
            kind,
            before: stored(kind, before),
            after: stored(kind, after),
            by,
            failed: None,
        })
        .collect()
}

fn presence(domain: &str, kind: ChangeKind, at: i64, by: By) -> Change {
    Change {
        at,
        domain: domain.to_string(),
        kind,
        before: String::new(),
        after: String::new(),
        by,
        failed: None,
    }
}

/// Everything that makes two entries equal, borrowed, so entries can be looked up in a set.
type EntryKey<'a> = (i64, &'a str, ChangeKind, &'a str, &'a str, bool, Option<&'a str>);

fn entry_key(change: &Change) -> EntryKey<'_> {
    (
        change.at,
        &change.domain,
        change.kind,
        &change.before,
        &change.after,
        change.by == By::Here,
        change.failed.as_deref(),
    )
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
        self.entries.extend(changes);
        // Stable, and nearly sorted already: new entries are mostly the newest.
        self.entries.sort_by_key(|change| change.at);
        let excess = self.entries.len().saturating_sub(MAX_ENTRIES);
        self.entries.drain(..excess);
        self.dropped += excess as u64;
    }

    /// How many entries are newer than `seen_until`.
    pub fn unseen(&self, seen_until: i64) -> usize {
        // Counted, not bisected: a history read from storage need not be in order.
        self.entries.iter().filter(|change| change.at > seen_until).count()
    }

    /// Adds the entries of `other` not already here (same time, domain, kind, values, author).
    /// Returns how many were added.
    pub fn merge(&mut self, other: &History) -> usize {
        let present: HashSet<EntryKey> = self.entries.iter().map(entry_key).collect();
        let fresh: Vec<Change> = other
            .entries
            .iter()
            .filter(|change| !present.contains(&entry_key(change)))
            .cloned()
            .collect();
        // The fresh entries go before those here of the same time, and those the cap would
        // drop at once are not added at all: so merging again finds exactly what was left out
        // the first time, adds nothing, and drops nothing more.
        let mut all: Vec<(bool, Change)> = fresh.into_iter().map(|change| (true, change)).collect();
        all.extend(self.entries.drain(..).map(|change| (false, change)));
        all.sort_by_key(|(_, change)| change.at);
        let excess = all.len().saturating_sub(MAX_ENTRIES);
        let dropped_here = all[..excess].iter().filter(|(fresh, _)| !fresh).count();
        self.dropped += dropped_here as u64;
        let added = all[excess..].iter().filter(|(fresh, _)| *fresh).count();
        self.entries = all.into_iter().skip(excess).map(|(_, change)| change).collect();
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use vps_contract::test_support::domain;
    use vps_contract::{DomainStatus, Timestamp};

    fn cache_of(summaries: Vec<DomainSummary>) -> DomainCache {
        let mut cache = DomainCache::default();
        cache.replace_all(summaries);
        cache
    }

    fn watched() -> Watched {
        Watched::of(&domain(101, "example.com").summary())
    }

    fn change(at: i64, domain: &str, kind: ChangeKind) -> Change {
        presence(domain, kind, at, By::Elsewhere)
    }

    fn seconds(at: &str) -> i64 {
        Timestamp::parse(at).unwrap().0
    }

    #[test]
    fn the_watched_fields_are_read_from_the_summary() {
        let summary = domain(101, "example.com")
            .status(DomainStatus::Other("redemption".into()))
            .auto_renew(false)
            .privacy(false)
            .nameservers(&["ns1.cloudflare.com", "ns2.cloudflare.com"])
            .summary();
        assert_eq!(
            Watched::of(&summary),
            Watched {
                status: "redemption".into(),
                expires: Some(seconds("2027-01-01T00:00:00Z")),
                auto_renew: false,
                locked: true,
                privacy: false,
                nameservers: vec!["ns1.cloudflare.com".into(), "ns2.cloudflare.com".into()],
            }
        );
        let undated = domain(101, "example.com").expires("someday").summary();
        assert_eq!(Watched::of(&undated).expires, None);
    }

    #[test]
    fn a_snapshot_holds_every_domain_by_its_lower_case_name() {
        let cache = cache_of(vec![
            domain(101, "Example.COM").locked(false).summary(),
            domain(102, "myapp.io").summary(),
        ]);
        let snapshot = Snapshot::of(&cache, 5_000);
        assert_eq!(snapshot.at, 5_000);
        assert_eq!(
            snapshot.domains.keys().collect::<Vec<_>>(),
            vec!["example.com", "myapp.io"]
        );
        assert!(!snapshot.domains["example.com"].locked);
        assert_eq!(Snapshot::of(&DomainCache::default(), 1).domains.len(), 0);
    }

    #[test]
    fn every_changed_field_is_one_change_in_its_stored_form() {
        let before = Snapshot::of(&cache_of(vec![domain(101, "example.com").summary()]), 1_000);
        let after = Snapshot::of(
            &cache_of(vec![domain(101, "example.com")
                .status(DomainStatus::Expired)
                .expires("2028-01-01T00:00:00Z")
                .auto_renew(false)
                .locked(false)
                .privacy(false)
                .nameservers(&["ns1.cloudflare.com", "ns2.cloudflare.com"])
                .summary()]),
            2_000,
        );
        let told: Vec<(ChangeKind, String, String)> = diff(&before, &after, 3_000, true)
            .into_iter()
            .inspect(|change| {
                assert_eq!((change.at, change.domain.as_str()), (3_000, "example.com"));
                assert_eq!((change.by, change.failed.as_deref()), (By::Elsewhere, None));
            })
            .map(|change| (change.kind, change.before, change.after))
            .collect();
        let owned = |kind, before: &str, after: &str| (kind, before.to_string(), after.to_string());
        assert_eq!(
            told,
            vec![
                owned(ChangeKind::Status, "active", "expired"),
                owned(ChangeKind::Expiry, "1798761600", "1830297600"),
                owned(ChangeKind::AutoRenew, "true", "false"),
                owned(ChangeKind::Lock, "true", "false"),
                owned(ChangeKind::Privacy, "true", "false"),
                owned(
                    ChangeKind::Nameservers,
                    "ns1.vps.org, ns2.vps.org",
                    "ns1.cloudflare.com, ns2.cloudflare.com"
                ),
            ]
        );
    }

    #[test]
    fn an_expiry_that_is_no_longer_known_is_told_as_empty() {
        let before = Snapshot::of(&cache_of(vec![domain(101, "example.com").summary()]), 0);
        let after = Snapshot::of(&cache_of(vec![domain(101, "example.com").expires("?").summary()]), 0);
        let changes = diff(&before, &after, 1, true);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].before.as_str(), changes[0].after.as_str()),
            ("1798761600", "")
        );
    }

    #[test]
    fn domains_appear_always_and_leave_only_by_a_complete_listing() {
        let before = Snapshot::of(
            &cache_of(vec![domain(1, "a.com").summary(), domain(2, "c.com").summary()]),
            0,
        );
        let after = Snapshot::of(
            &cache_of(vec![
                domain(3, "b.com").summary(),
                domain(2, "c.com").locked(false).summary(),
            ]),
            0,
        );
        let told = |complete| -> Vec<(String, ChangeKind)> {
            diff(&before, &after, 9, complete)
                .into_iter()
                .map(|change| {
                    assert!(change.before.is_empty() || change.kind == ChangeKind::Lock);
                    (change.domain, change.kind)
                })
                .collect()
        };
        assert_eq!(
            told(true),
            vec![
                ("a.com".into(), ChangeKind::Left),
                ("b.com".into(), ChangeKind::Appeared),
                ("c.com".into(), ChangeKind::Lock),
            ]
        );
        assert_eq!(
            told(false),
            vec![
                ("b.com".into(), ChangeKind::Appeared),
                ("c.com".into(), ChangeKind::Lock)
            ]
        );
    }

    #[test]
    fn own_changes_are_by_here_and_tell_registrations_and_removals() {
        let was = watched();
        let mut now = watched();
        now.auto_renew = false;
        let changes = own_changes("Example.com", Some(&was), Some(&now), 7);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0],
            Change {
                at: 7,
                domain: "example.com".into(),
                kind: ChangeKind::AutoRenew,
                before: "true".into(),
                after: "false".into(),
                by: By::Here,
                failed: None,
            }
        );
        let kinds = |changes: Vec<Change>| changes.into_iter().map(|c| (c.kind, c.by)).collect::<Vec<_>>();
        assert_eq!(
            kinds(own_changes("a.com", None, Some(&now), 7)),
            vec![(ChangeKind::Appeared, By::Here)]
        );
        assert_eq!(
            kinds(own_changes("a.com", Some(&was), None, 7)),
            vec![(ChangeKind::Left, By::Here)]
        );
        assert!(own_changes("a.com", None, None, 7).is_empty());
        assert!(own_changes("a.com", Some(&was), Some(&was), 7).is_empty());
    }

    #[test]
    fn a_failed_update_tells_what_was_asked_for_each_field_it_sets() {
        let request = UpdateRequest {
            auto_renew: None,
            privacy_protection: Some(false),
            nameservers: Some(vec!["ns1.cloudflare.com".into(), "ns2.cloudflare.com".into()]),
            locked: Some(false),
        };
        let changes = failed_update("Example.com", Some(&watched()), &request, 42, "Domain is locked.");
        let told: Vec<(ChangeKind, &str, &str)> = changes
            .iter()
            .map(|c| (c.kind, c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            told,
            vec![
                (ChangeKind::Lock, "true", "false"),
                (ChangeKind::Privacy, "true", "false"),
                (
                    ChangeKind::Nameservers,
                    "ns1.vps.org, ns2.vps.org",
                    "ns1.cloudflare.com, ns2.cloudflare.com"
                ),
            ]
        );
        for change in &changes {
            assert_eq!(
                (change.at, change.domain.as_str(), change.by),
                (42, "example.com", By::Here)
            );
            assert_eq!(change.failed.as_deref(), Some("Domain is locked."));
            assert!(!change.is_warning(), "our own failure is no warning");
        }

        let unknown = failed_update(
            "a.com",
            None,
            &UpdateRequest {
                auto_renew: Some(true),
                ..Default::default()
            },
            1,
            "x",
        );
        assert_eq!(unknown.len(), 1);
        assert_eq!((unknown[0].before.as_str(), unknown[0].after.as_str()), ("", "true"));
        assert!(failed_update("a.com", None, &UpdateRequest::default(), 1, "x").is_empty());
    }

    #[test]
    fn warnings_are_an_unlock_or_new_nameservers_by_someone_else() {
        let with = |kind, after: &str, by, failed: Option<&str>| Change {
            after: after.into(),
            by,
            failed: failed.map(String::from),
            ..change(1, "a.com", kind)
        };
        assert!(with(ChangeKind::Lock, "false", By::Elsewhere, None).is_warning());
        assert!(with(ChangeKind::Nameservers, "ns1.evil.example", By::Elsewhere, None).is_warning());
        assert!(!with(ChangeKind::Lock, "true", By::Elsewhere, None).is_warning());
        assert!(!with(ChangeKind::Lock, "false", By::Here, None).is_warning());
        assert!(!with(ChangeKind::Nameservers, "ns1.a.example", By::Here, None).is_warning());
        assert!(!with(ChangeKind::Nameservers, "ns1.a.example", By::Elsewhere, Some("no")).is_warning());
        for kind in [
            ChangeKind::Appeared,
            ChangeKind::Left,
            ChangeKind::Status,
            ChangeKind::Privacy,
        ] {
            assert!(!with(kind, "false", By::Elsewhere, None).is_warning(), "{kind:?}");
        }
    }

    #[test]
    fn the_history_stays_in_time_order_keeping_the_order_of_equal_times() {
        let mut history = History::default();
        history.add(vec![
            change(5, "a.com", ChangeKind::Lock),
            change(9, "b.com", ChangeKind::Lock),
        ]);
        history.add(vec![
            change(5, "c.com", ChangeKind::Lock),
            change(1, "d.com", ChangeKind::Lock),
        ]);
        let order: Vec<&str> = history.entries.iter().map(|c| c.domain.as_str()).collect();
        assert_eq!(order, vec!["d.com", "a.com", "c.com", "b.com"]);
        assert_eq!(history.dropped, 0);
        assert_eq!(history.unseen(5), 1);
        assert_eq!(history.unseen(0), 4);
        assert_eq!(history.unseen(9), 0);
    }

    #[test]
    fn the_oldest_entries_go_beyond_the_cap_and_are_counted() {
        let mut history = History::default();
        history.add(
            (0..MAX_ENTRIES as i64)
                .map(|at| change(at + 10, "a.com", ChangeKind::Lock))
                .collect(),
        );
        assert_eq!((history.entries.len(), history.dropped), (MAX_ENTRIES, 0));
        history.add(vec![
            change(1, "old.com", ChangeKind::Lock),
            change(1_000_000, "new.com", ChangeKind::Lock),
        ]);
        assert_eq!((history.entries.len(), history.dropped), (MAX_ENTRIES, 2));
        assert_eq!(history.entries.first().map(|c| c.at), Some(11), "the oldest two went");
        assert_eq!(history.entries.last().map(|c| c.domain.as_str()), Some("new.com"));
    }

    #[test]
    fn merging_adds_only_what_is_missing() {
        let mut ours = History::default();
        ours.add(vec![
            change(1, "a.com", ChangeKind::Lock),
            change(3, "b.com", ChangeKind::Left),
        ]);
        let mut theirs = History::default();
        let failed = Change {
            failed: Some("refused".into()),
            ..change(1, "a.com", ChangeKind::Lock)
        };
        theirs.add(vec![
            change(1, "a.com", ChangeKind::Lock),
            failed.clone(),
            change(2, "c.com", ChangeKind::Appeared),
        ]);
        assert_eq!(
            ours.merge(&theirs),
            2,
            "the failed one differs only by its message, and counts"
        );
        let order: Vec<(i64, &str)> = ours.entries.iter().map(|c| (c.at, c.domain.as_str())).collect();
        assert_eq!(order, vec![(1, "a.com"), (1, "a.com"), (2, "c.com"), (3, "b.com")]);
        assert!(ours.entries.contains(&failed));
        let once = ours.clone();
        assert_eq!(ours.merge(&theirs), 0);
        assert_eq!(ours, once);
    }

    #[test]
    fn merging_into_a_full_history_adds_nothing_older_than_it_and_drops_nothing_for_it() {
        let mut ours = History::default();
        ours.add(
            (0..MAX_ENTRIES as i64)
                .map(|at| change(at + 100, "a.com", ChangeKind::Lock))
                .collect(),
        );
        let mut theirs = History::default();
        // Older than all, and one at the oldest time kept: neither would stay.
        theirs.add(vec![
            change(5, "old.com", ChangeKind::Lock),
            change(100, "tie.com", ChangeKind::Lock),
        ]);
        assert_eq!(ours.merge(&theirs), 0);
        assert_eq!((ours.entries.len(), ours.dropped), (MAX_ENTRIES, 0));
        assert_eq!(ours.entries[0].domain, "a.com");

        // A newer one pushes the oldest here out; merging again changes nothing more.
        theirs.add(vec![change(1_000_000, "new.com", ChangeKind::Lock)]);
        assert_eq!(ours.merge(&theirs), 1);
        assert_eq!((ours.entries.len(), ours.dropped), (MAX_ENTRIES, 1));
        let once = ours.clone();
        assert_eq!(ours.merge(&theirs), 0);
        assert_eq!(ours, once);
    }

    fn watched_strategy() -> impl Strategy<Value = Watched> {
        (
            prop::sample::select(vec!["active", "pending", "expired", "redemption"]),
            prop::option::of(1_700_000_000i64..1_700_000_004),
            any::<(bool, bool, bool)>(),
            prop::collection::vec(
                prop::sample::select(vec!["ns1.vps.org", "ns2.vps.org", "ns1.x.io"]),
                0..3,
            ),
        )
            .prop_map(|(status, expires, (auto_renew, locked, privacy), hosts)| Watched {
                status: status.into(),
                expires,
                auto_renew,
                locked,
                privacy,
                nameservers: hosts.into_iter().map(String::from).collect(),
            })
    }

    /// Snapshots over a few names, so that two of them share most domains.
    fn snapshot_strategy() -> impl Strategy<Value = Snapshot> {
        let name = prop::sample::select(vec!["a.com", "b.io", "c.net", "d.org", "e.dev"]);
        prop::collection::btree_map(name.prop_map(String::from), watched_strategy(), 0..5)
            .prop_map(|domains| Snapshot { at: 0, domains })
    }

    proptest! {
        #[test]
        fn nothing_changed_is_told_as_nothing(a in snapshot_strategy(), complete in any::<bool>()) {
            prop_assert!(diff(&a, &a, 1, complete).is_empty());
        }

        #[test]
        fn a_diff_explains_every_difference_once(
            a in snapshot_strategy(),
            b in snapshot_strategy(),
            complete in any::<bool>(),
        ) {
            let changes = diff(&a, &b, 77, complete);
            let keys: Vec<(&str, ChangeKind)> = changes.iter().map(|c| (c.domain.as_str(), c.kind)).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(&keys, &sorted, "ordered by domain, then kind, each once");

            let names: std::collections::BTreeSet<&String> = a.domains.keys().chain(b.domains.keys()).collect();
            for name in names {
                let told = |kind| changes.iter().filter(|c| &c.domain == name && c.kind == kind).count();
                match (a.domains.get(name), b.domains.get(name)) {
                    (Some(was), Some(now)) => {
                        prop_assert_eq!(told(ChangeKind::Appeared) + told(ChangeKind::Left), 0);
                        // Applying the changes to the old stored values gives the new ones.
                        for kind in FIELDS {
                            let found = changes.iter().find(|c| &c.domain == name && c.kind == kind);
                            let applied = found.map_or_else(|| stored(kind, was), |c| c.after.clone());
                            prop_assert_eq!(applied, stored(kind, now));
                            prop_assert_eq!(told(kind), usize::from(differs(kind, was, now)));
                            if let Some(found) = found {
                                prop_assert_eq!(&found.before, &stored(kind, was));
                            }
                        }
                    }
                    (None, Some(_)) => {
                        prop_assert_eq!(told(ChangeKind::Appeared), 1);
                        prop_assert_eq!(changes.iter().filter(|c| &c.domain == name).count(), 1);
                    }
                    (Some(_), None) => {
                        prop_assert_eq!(told(ChangeKind::Left), usize::from(complete));
                        prop_assert_eq!(changes.iter().filter(|c| &c.domain == name).count(), usize::from(complete));
                    }
                    (None, None) => prop_assert!(false, "{name} is in neither"),
                }
            }
            prop_assert!(changes.iter().all(|c| c.at == 77 && c.by == By::Elsewhere && c.failed.is_none()));
        }

        #[test]
        fn own_changes_between_two_states_are_the_diff_by_here(was in watched_strategy(), now in watched_strategy()) {
            let one = |w: &Watched| Snapshot { at: 0, domains: BTreeMap::from([("a.com".to_string(), w.clone())]) };
            let expected: Vec<Change> = diff(&one(&was), &one(&now), 3, true)
                .into_iter()
                .map(|c| Change { by: By::Here, ..c })
                .collect();
            prop_assert_eq!(own_changes("A.com", Some(&was), Some(&now), 3), expected);
        }
    }

    proptest! {
        // Each case adds up to ~16,000 entries, past the cap.
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn the_history_keeps_within_the_cap_in_time_order_and_counts_what_it_drops(
            batches in prop::collection::vec((0usize..4_000, -50i64..50, 1i64..3_000), 1..5),
        ) {
            let mut history = History::default();
            let mut total = 0u64;
            for (index, (len, base, spread)) in batches.into_iter().enumerate() {
                // Times spread over a window that overlaps the earlier batches'.
                let batch: Vec<Change> = (0..len as i64)
                    .map(|i| change(base + index as i64 * 500 + (i * 7_919) % spread, "a.com", ChangeKind::Lock))
                    .collect();
                total += batch.len() as u64;
                history.add(batch);
                prop_assert!(history.entries.len() <= MAX_ENTRIES);
                prop_assert!(history.entries.windows(2).all(|pair| pair[0].at <= pair[1].at));
                prop_assert_eq!(history.entries.len() as u64 + history.dropped, total);
                // In time order, the unseen ones are the tail after the last seen one.
                let seen_until = base + 100;
                let seen = history.entries.partition_point(|c| c.at <= seen_until);
                prop_assert_eq!(history.unseen(seen_until), history.entries.len() - seen);
            }
        }

        #[test]
        fn merging_at_the_cap_twice_is_merging_once(
            short_of_cap in 0usize..40,
            theirs in prop::collection::vec((0i64..60, any::<bool>(), 3_300i64..3_340, 0usize..4, any::<bool>()), 0..80),
        ) {
            const DOMAINS: [&str; 4] = ["a.com", "b.com", "c.com", "d.com"];
            // Three entries a time, so the oldest kept shares its time with others; theirs
            // repeat some of ours, and others tie with ours at the oldest and newest times.
            let mut ours = History::default();
            ours.add(
                (0..MAX_ENTRIES - short_of_cap)
                    .map(|i| change(i as i64 / 3, DOMAINS[i % 3], ChangeKind::Lock))
                    .collect(),
            );
            let theirs = History {
                entries: theirs
                    .into_iter()
                    .map(|(old, is_old, new, domain, lock)| {
                        let kind = if lock { ChangeKind::Lock } else { ChangeKind::Privacy };
                        change(if is_old { old } else { new }, DOMAINS[domain], kind)
                    })
                    .collect(),
                dropped: 0,
            };
            let before = ours.clone();
            let added = ours.merge(&theirs);
            prop_assert!(ours.entries.len() <= MAX_ENTRIES);
            prop_assert!(ours.entries.windows(2).all(|pair| pair[0].at <= pair[1].at));
            prop_assert_eq!(
                ours.entries.len() as u64 + ours.dropped - before.dropped,
                (before.entries.len() + added) as u64
            );
            let once = ours.clone();
            prop_assert_eq!(ours.merge(&theirs), 0);
            prop_assert_eq!(ours, once);
        }
    }
}
