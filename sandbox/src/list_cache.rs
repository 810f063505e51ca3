//! Each account's whole list, kept between requests until the next write: the domains (which
//! filters and pages are cut from) and the serialised body of the unfiltered, unpaginated list
//! (what the admin app asks for), plus that body gzipped the first time a client accepts gzip.
//! At 10,000 domains, reading and serialising the list costs ~35 ms of CPU and the body is
//! 2.8 MB (0.3 MB gzipped); answering from here costs a reference count.
//!
//! An entry belongs to a data version (the pool's count of committed writes, bumped on the
//! blocking thread right after each commit, so before any answer that depends on it is sent).
//! A reader takes the version first and then reads, so what it reads is at least that new; a
//! version that has moved on is never served.

use crate::domains::AccountId;
use axum::body::Bytes;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;
use vps_contract::DomainSummary;

/// One account's list as of a data version.
#[derive(Clone)]
pub struct CachedList {
    pub version: u64,
    pub domains: Arc<Vec<DomainSummary>>,
    /// `{"count": N, "results": [...]}` of every domain, as sent.
    pub body: Bytes,
    gzipped: Arc<OnceCell<Bytes>>,
}

impl CachedList {
    pub fn new(version: u64, domains: Vec<DomainSummary>, body: Bytes) -> CachedList {
        CachedList {
            version,
            domains: Arc::new(domains),
            body,
            gzipped: Arc::new(OnceCell::new()),
        }
    }

    /// The body gzipped: compressed once (off the async threads), by whichever request asks first.
    pub async fn gzipped_body(&self) -> Bytes {
        let body = self.body.clone();
        self.gzipped
            .get_or_init(|| async move {
                tokio::task::spawn_blocking(move || gzip(&body))
                    .await
                    .unwrap_or_else(|_| Bytes::new())
            })
            .await
            .clone()
    }
}

fn gzip(bytes: &[u8]) -> Bytes {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 8), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    Bytes::from(encoder.finish().unwrap_or_default())
}

/// Whether an `Accept-Encoding` value accepts gzip (RFC 9110: `gzip` or `*`, with a q above 0,
/// and not refused by name).
pub fn accepts_gzip(accept_encoding: &str) -> bool {
    let mut gzip = None;
    let mut any = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|param| {
                param
                    .trim()
                    .strip_prefix("q=")
                    .or_else(|| param.trim().strip_prefix("Q="))
            })
            .find_map(|value| value.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match coding.as_str() {
            "gzip" | "x-gzip" => gzip = Some(q > 0.0),
            "*" => any = Some(q > 0.0),
            _ => {}
        }
    }
    gzip.or(any).unwrap_or(false)
}

#[derive(Default)]
pub struct ListCache {
    entries: Mutex<HashMap<i64, CachedList>>,
}

impl ListCache {
    /// The account's list as of `version`, if it is kept.
    pub fn get(&self, account: AccountId, version: u64) -> Option<CachedList> {
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries
            .get(&account.0)
            .filter(|entry| entry.version == version)
            .cloned()
    }

    /// Keeps `list` unless a newer version is already kept.
    pub fn put(&self, account: AccountId, list: CachedList) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match entries.get(&account.0) {
            Some(kept) if kept.version > list.version => {}
            _ => {
                entries.insert(account.0, list);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(version: u64) -> CachedList {
        CachedList::new(version, Vec::new(), Bytes::from(format!("v{version}")))
    }

    #[test]
    fn accept_encoding() {
        assert!(accepts_gzip("gzip, deflate, br, zstd"));
        assert!(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts_gzip("*"));
        assert!(!accepts_gzip(""));
        assert!(!accepts_gzip("identity"));
        assert!(!accepts_gzip("br"));
        assert!(!accepts_gzip("gzip;q=0"));
        assert!(!accepts_gzip("*, gzip;q=0"));
        assert!(accepts_gzip("deflate, *;q=0.1"));
    }

    #[tokio::test]
    async fn the_gzipped_body_unzips_to_the_body() {
        use std::io::Read;
        let body = Bytes::from("{\"count\": 0, \"results\": []}".repeat(100));
        let cached = CachedList::new(1, Vec::new(), body.clone());
        let zipped = cached.gzipped_body().await;
        assert!(zipped.len() < body.len() / 10);
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped[..])
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, body);
        assert_eq!(
            cached.clone().gzipped_body().await,
            zipped,
            "compressed once, shared by clones"
        );
    }

    #[test]
    fn only_the_current_version_is_served_and_newer_wins() {
        let cache = ListCache::default();
        let account = AccountId(1);
        assert!(cache.get(account, 0).is_none());
        cache.put(account, list(3));
        assert_eq!(cache.get(account, 3).map(|l| l.body), Some(Bytes::from("v3")));
        assert!(
            cache.get(account, 4).is_none(),
            "a newer version is never answered from an older entry"
        );
        cache.put(account, list(2));
        assert_eq!(
            cache.get(account, 3).map(|l| l.version),
            Some(3),
            "an older read never replaces a newer"
        );
        assert!(cache.get(AccountId(2), 3).is_none(), "accounts are apart");
    }
}
