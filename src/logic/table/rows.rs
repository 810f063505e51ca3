//! The table's rows as pure functions of the cache: its order, what the query lets through,
//! the counts above it, and the page shown.

use super::query::{Order, SortKey, TableQuery};
use super::risk::Risk;
use crate::logic::cache::{DomainCache, DomainRecord};
use crate::logic::forecast::expires_in;
use crate::logic::format::fold_case;
use crate::logic::portfolio::{DomainNote, Portfolio};
use vps_contract::{DomainId, DomainStatus, StatusFilter, Timestamp};

pub const PAGE_SIZE: usize = 50;

fn status_rank(status: &DomainStatus) -> u8 {
    match status {
        DomainStatus::Expired => 0,
        DomainStatus::Pending => 1,
        DomainStatus::Active => 2,
        DomainStatus::Other(_) => 3,
    }
}

/// Every id in the cache, in `order` (ties by name, then id, so the order is stable).
pub fn sorted_ids(cache: &DomainCache, order: Order) -> Vec<DomainId> {
    let Order { key, descending } = order;
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
    records.into_iter().map(|record| record.summary.id).collect()
}

/// The ids (in the given order) that pass the status filter, the risk, the month, the tag, the
/// owner and the search (which reads the name, and what `notes` keeps: tags, owner, note).
pub fn filter_ids(
    cache: &DomainCache,
    notes: &Portfolio,
    ordered: &[DomainId],
    query: &TableQuery,
    now: Timestamp,
) -> Vec<DomainId> {
    let needle = fold_case(query.search.trim());
    let empty = DomainNote::default();
    ordered
        .iter()
        .copied()
        .filter(|id| {
            cache.get(*id).is_some_and(|record| {
                let note = notes.note(&record.summary.domain_name).unwrap_or(&empty);
                query.status.is_none_or(|status| status.matches(&record.summary))
                    && query.risk.is_none_or(|risk| risk.applies(record, now))
                    && query.expires.is_none_or(|month| expires_in(record, month, now))
                    && query.tag.as_deref().is_none_or(|tag| note.has_tag(tag))
                    && query
                        .owner
                        .as_deref()
                        .is_none_or(|owner| note.owner.eq_ignore_ascii_case(owner))
                    && (needle.is_empty() || record.search_text.contains(&needle) || note_says(note, &needle))
            })
        })
        .collect()
}

/// Whether what is kept about a domain holds `needle` (already case-folded).
fn note_says(note: &DomainNote, needle: &str) -> bool {
    !note.is_empty()
        && [note.note.as_str(), note.owner.as_str()]
            .into_iter()
            .chain(note.tags.iter().map(String::as_str))
            .any(|text| fold_case(text).contains(needle))
}

/// Whether the rows for `next` can be found among the rows for `previous`: only the search
/// changed, and the new term contains the old one (typing on narrows the match).
pub fn narrows(previous: &TableQuery, next: &TableQuery) -> bool {
    previous.status == next.status
        && previous.risk == next.risk
        && previous.tag == next.tag
        && previous.owner == next.owner
        && previous.expires == next.expires
        && previous.order == next.order
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
    pub rows: Vec<DomainId>,
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
pub fn page_of(ids: &[DomainId], page: usize) -> TablePage {
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
    use crate::logic::forecast::YearMonth;
    use vps_contract::test_support::domain;

    fn cache() -> DomainCache {
        let row = |id, name, status, expires, auto_renew, locked| {
            domain(id, name)
                .status(status)
                .expires(expires)
                .auto_renew(auto_renew)
                .locked(locked)
                .summary()
        };
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            row(
                101,
                "example.com",
                DomainStatus::Active,
                "2028-11-27T00:00:00Z",
                true,
                true,
            ),
            row(
                102,
                "myapp.io",
                DomainStatus::Active,
                "2027-06-25T00:00:00Z",
                false,
                false,
            ),
            row(
                103,
                "mynewstartup.dev",
                DomainStatus::Pending,
                "2027-11-27T00:00:00Z",
                true,
                true,
            ),
            row(
                104,
                "old-project.net",
                DomainStatus::Expired,
                "2026-11-07T00:00:00Z",
                false,
                true,
            ),
            row(
                105,
                "side-hustle.co",
                DomainStatus::Active,
                "2026-12-09T00:00:00Z",
                false,
                true,
            ),
            row(
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

    /// The ids, as the functions under test give them.
    fn ids(ids: &[u64]) -> Vec<DomainId> {
        ids.iter().copied().map(DomainId).collect()
    }

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-27T12:00:00Z").unwrap()
    }

    #[test]
    fn filters_by_tag_and_owner_and_searches_what_is_kept() {
        let cache = cache();
        let order = sorted_ids(&cache, Order::default());
        let mut notes = Portfolio::default();
        notes.set_note(
            "Example.com",
            DomainNote {
                name: String::new(),
                tags: vec!["Client-A".into(), "keep".into()],
                owner: "Acme Ltd".into(),
                note: "Renew before the launch".into(),
            },
        );
        notes.tag("myapp.io", "client-a", true);
        let names = |query: TableQuery| -> Vec<String> {
            filter_ids(&cache, &notes, &order, &query, now())
                .into_iter()
                .filter_map(|id| cache.get(id).map(|record| record.summary.domain_name.clone()))
                .collect()
        };
        let tag = |tag: &str| TableQuery {
            tag: Some(tag.into()),
            ..TableQuery::default()
        };
        assert_eq!(
            names(tag("client-a")),
            ["example.com", "myapp.io"],
            "tags compare without case"
        );
        assert_eq!(names(tag("keep")), ["example.com"]);
        assert!(names(tag("nobody")).is_empty());
        let owner = TableQuery {
            owner: Some("acme ltd".into()),
            ..TableQuery::default()
        };
        assert_eq!(names(owner), ["example.com"]);
        let search = |term: &str| TableQuery {
            search: term.into(),
            ..TableQuery::default()
        };
        assert_eq!(names(search("before the")), ["example.com"], "the note");
        assert_eq!(names(search("ACME")), ["example.com"], "the owner");
        assert_eq!(names(search("client-a")), ["example.com", "myapp.io"], "a tag");
        // With the status filter too: an expired domain with the tag is left out.
        let both = TableQuery {
            status: Some(StatusFilter::Expired),
            ..tag("client-a")
        };
        assert!(names(both).is_empty());
    }

    #[test]
    fn filters_by_status_risk_and_search() {
        let cache = cache();
        let order = sorted_ids(&cache, Order::default());
        let with = |query: TableQuery| filter_ids(&cache, &Portfolio::default(), &order, &query, now());
        assert_eq!(
            with(TableQuery {
                status: Some(StatusFilter::Pending),
                ..Default::default()
            }),
            ids(&[103])
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
            ids(&[105])
        );
        assert_eq!(
            with(TableQuery {
                risk: Some(Risk::Expired),
                ..Default::default()
            }),
            ids(&[104])
        );
        assert_eq!(
            with(TableQuery {
                risk: Some(Risk::Unlocked),
                ..Default::default()
            }),
            ids(&[102])
        );
        assert_eq!(
            with(TableQuery {
                search: "CAFÉ".into(),
                ..Default::default()
            }),
            ids(&[109])
        );
        assert_eq!(
            with(TableQuery {
                search: "xn--caf".into(),
                ..Default::default()
            }),
            ids(&[109])
        );
        assert_eq!(
            with(TableQuery {
                search: " my".into(),
                ..Default::default()
            }),
            ids(&[102, 103])
        );
        assert_eq!(
            with(TableQuery {
                expires: YearMonth::parse("2027-06"),
                ..Default::default()
            }),
            ids(&[102])
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
    fn narrowing_refilters_the_previous_rows_only_when_that_is_exact() {
        let cache = cache();
        let order = sorted_ids(&cache, Order::default());
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
        let wide = filter_ids(&cache, &Portfolio::default(), &order, &typed("my"), now());
        assert_eq!(
            filter_ids(&cache, &Portfolio::default(), &wide, &typed("myap"), now()),
            filter_ids(&cache, &Portfolio::default(), &order, &typed("myap"), now())
        );
    }

    #[test]
    fn sorts_by_every_column_and_reverses() {
        let cache = cache();
        let names = |ids: Vec<DomainId>| -> Vec<String> {
            ids.iter()
                .map(|id| cache.get(*id).unwrap().display_name.clone())
                .collect()
        };
        assert_eq!(
            names(sorted_ids(&cache, Order::default())),
            vec![
                "café.app",
                "example.com",
                "myapp.io",
                "mynewstartup.dev",
                "old-project.net",
                "side-hustle.co"
            ]
        );
        assert_eq!(
            sorted_ids(
                &cache,
                Order {
                    key: SortKey::Name,
                    descending: true
                }
            )
            .first(),
            Some(&DomainId(105))
        );
        assert_eq!(
            sorted_ids(
                &cache,
                Order {
                    key: SortKey::Expiry,
                    descending: false
                }
            ),
            ids(&[104, 105, 102, 109, 103, 101])
        );
        assert_eq!(
            sorted_ids(
                &cache,
                Order {
                    key: SortKey::Expiry,
                    descending: true
                }
            )
            .first(),
            Some(&DomainId(101))
        );
        assert_eq!(
            sorted_ids(
                &cache,
                Order {
                    key: SortKey::Status,
                    descending: false
                }
            )[..2],
            ids(&[104, 103])
        );
        assert_eq!(
            sorted_ids(
                &cache,
                Order {
                    key: SortKey::Locked,
                    descending: false
                }
            )
            .first(),
            Some(&DomainId(102))
        );
        assert_eq!(
            sorted_ids(
                &cache,
                Order {
                    key: SortKey::AutoRenew,
                    descending: false
                }
            )[..3],
            ids(&[102, 104, 105])
        );
    }

    #[test]
    fn counts_and_pages() {
        let cache = cache();
        assert_eq!(
            risk_counts(&cache, now()),
            [(Risk::ExpiringSoon, 1), (Risk::Expired, 1), (Risk::Unlocked, 1)]
        );
        assert_eq!(status_counts(&cache)[0], (StatusFilter::Active, 4));
        let ids: Vec<DomainId> = (1..=120).map(DomainId).collect();
        let page = page_of(&ids, 3);
        assert_eq!(
            (page.number, page.pages, page.rows.len(), page.rows[0]),
            (3, 3, 20, DomainId(101))
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
