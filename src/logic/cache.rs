//! The cached domain state as plain Rust: every domain the app has seen, keyed by id, and the
//! rules for merging each kind of answer into it (list, detail, register, update, transfer,
//! delete). The store holds one in a signal; everything here is tested natively.

use std::collections::{BTreeMap, HashSet};
use vps_contract::{
    dns_managed_by, unicode_form, DomainDetail, DomainId, DomainStatus, DomainSummary, RegisterResponse, Timestamp,
    TransferResponse, TransferStatus, UpdateResponse, WhoisInfo,
};

/// A transfer into VPS.org, as far as the app knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct TransferInfo {
    pub status: TransferStatus,
    pub initiated_at: Option<Timestamp>,
    pub estimated_completion: Option<Timestamp>,
}

/// Everything known about one domain. The list fields are always there; the detail fields
/// only once the detail has been read.
#[derive(Clone, Debug, PartialEq)]
pub struct DomainRecord {
    pub summary: DomainSummary,
    /// The Unicode form people read (`café.app` for `xn--caf-dma.app`).
    pub display_name: String,
    /// Lower-cased ASCII and Unicode forms, for search.
    pub search_text: String,
    pub registrar: Option<String>,
    pub days_until_expiration: Option<i64>,
    pub whois: Option<WhoisInfo>,
    pub dns_records_count: Option<u64>,
    pub transfer: Option<TransferInfo>,
    /// The detail has been read and nothing has changed it since.
    pub detail_fresh: bool,
}

impl DomainRecord {
    fn new(summary: DomainSummary) -> DomainRecord {
        // ASCII lower-casing is enough: the Unicode form decodes from punycode, which UTS #46
        // only ever makes from lower-case text.
        let ascii = summary.domain_name.to_ascii_lowercase();
        let display_name = unicode_form(&ascii);
        let search_text = format!("{ascii}\n{display_name}");
        DomainRecord {
            summary,
            display_name,
            search_text,
            registrar: None,
            days_until_expiration: None,
            whois: None,
            dns_records_count: None,
            transfer: None,
            detail_fresh: false,
        }
    }

    /// Replaces the list fields, keeping what only the detail says.
    /// Returns whether anything changed.
    fn set_summary(&mut self, summary: DomainSummary) -> bool {
        if summary == self.summary {
            return false;
        }
        if summary.domain_name != self.summary.domain_name {
            let renamed = DomainRecord::new(summary.clone());
            self.display_name = renamed.display_name;
            self.search_text = renamed.search_text;
        }
        self.detail_fresh = false;
        self.summary = summary;
        true
    }

    /// Who holds the registration: known once the detail (which names the registrar) is read.
    pub fn holder(&self) -> Holder {
        match self.registrar.as_deref() {
            None => Holder::Unknown,
            Some(registrar) if registrar.eq_ignore_ascii_case("vps.org") => Holder::Vps,
            Some(_) => Holder::Elsewhere,
        }
    }

    /// Registered at another registrar: its settings change there, not here.
    pub fn held_elsewhere(&self) -> bool {
        self.holder() == Holder::Elsewhere
    }

    pub fn transfer_pending(&self) -> bool {
        self.transfer
            .as_ref()
            .is_some_and(|transfer| transfer.status == TransferStatus::Pending)
    }

    /// Whole days until expiry by the browser's clock (the detail's own figure ages).
    pub fn days_left(&self, now: Timestamp) -> Option<i64> {
        self.summary.expiration_date.map(|expiry| now.whole_days_until(expiry))
    }
}

/// Where a domain is registered, as far as the app knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// At VPS.org: its settings change here.
    Vps,
    /// At another registrar (the detail names it).
    Elsewhere,
    /// Not known until the detail is read: the list does not say.
    Unknown,
}

/// What the server will change by itself: how many registrations are pending, and which
/// domains have a transfer pending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changing {
    pub registrations: usize,
    pub transfers: Vec<DomainId>,
}

impl Changing {
    pub fn is_nothing(&self) -> bool {
        self.registrations == 0 && self.transfers.is_empty()
    }
}

/// Every domain the app has seen, by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DomainCache {
    records: BTreeMap<DomainId, DomainRecord>,
    /// Bumped by every change, so derived views can tell cheaply whether to recompute.
    pub version: u64,
}

impl DomainCache {
    pub fn get(&self, id: DomainId) -> Option<&DomainRecord> {
        self.records.get(&id)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn records(&self) -> impl Iterator<Item = &DomainRecord> {
        self.records.values()
    }

    fn touch(&mut self) {
        self.version += 1;
    }

    /// One list item: new ones are added, known ones get the list fields and keep the rest.
    /// Returns whether anything changed (the store then tells the views; otherwise it stays quiet).
    pub fn merge_summary(&mut self, summary: DomainSummary) -> bool {
        let changed = match self.records.get_mut(&summary.id) {
            Some(record) => record.set_summary(summary),
            None => {
                self.records.insert(summary.id, DomainRecord::new(summary));
                true
            }
        };
        if changed {
            self.touch();
        }
        changed
    }

    /// The whole, unfiltered list: it is the truth about which domains the account holds, so
    /// domains missing from it are dropped. Returns whether anything changed.
    pub fn replace_all(&mut self, summaries: Vec<DomainSummary>) -> bool {
        let ids: HashSet<DomainId> = summaries.iter().map(|s| s.id).collect();
        let before = self.records.len();
        self.records.retain(|id, _| ids.contains(id));
        let mut changed = self.records.len() != before;
        for summary in summaries {
            changed |= self.merge_summary(summary);
        }
        if changed {
            self.touch();
        }
        changed
    }

    /// A filtered list (a search or a status): it adds and updates, but removes nothing.
    pub fn merge_summaries(&mut self, summaries: Vec<DomainSummary>) -> bool {
        summaries
            .into_iter()
            .fold(false, |changed, summary| self.merge_summary(summary) | changed)
    }

    pub fn merge_detail(&mut self, detail: DomainDetail) {
        let id = detail.summary.id;
        self.merge_summary(detail.summary);
        if let Some(record) = self.records.get_mut(&id) {
            // Fields the detail omits keep what was known.
            record.registrar = detail.registrar.or(record.registrar.take());
            record.days_until_expiration = detail.days_until_expiration.or(record.days_until_expiration);
            record.whois = detail.whois_info.or(record.whois.take());
            record.dns_records_count = detail.dns_records_count.or(record.dns_records_count);
            if let Some(status) = detail.transfer_status {
                let previous = record.transfer.take();
                record.transfer = Some(TransferInfo {
                    status,
                    initiated_at: detail
                        .transfer_initiated_at
                        .or(previous.as_ref().and_then(|t| t.initiated_at)),
                    estimated_completion: detail
                        .estimated_completion
                        .or(previous.and_then(|t| t.estimated_completion)),
                });
            }
            record.detail_fresh = true;
        }
        self.touch();
    }

    /// A settings answer has fewer fields than a domain: merge what it has, never lose the rest.
    pub fn merge_update(&mut self, update: UpdateResponse) {
        let Some(record) = self.records.get_mut(&update.id) else {
            return;
        };
        let mut summary = record.summary.clone();
        if let Some(name) = update.domain_name {
            summary.domain_name = name;
        }
        if let Some(status) = update.status {
            summary.status = status;
        }
        if let Some(value) = update.auto_renew {
            summary.auto_renew = value;
        }
        if let Some(value) = update.privacy_protection {
            summary.privacy_protection = value;
        }
        if let Some(value) = update.locked {
            summary.locked = value;
        }
        if let Some(nameservers) = update.nameservers {
            // `dns_managed_by` follows the nameservers (docs/api.md), so it moves with them.
            summary.dns_managed_by = dns_managed_by(&nameservers);
            summary.nameservers = nameservers;
        }
        record.set_summary(summary);
        // WHOIS contacts and dates changed on the server too: the detail must be read again.
        record.detail_fresh = false;
        self.touch();
    }

    pub fn merge_registered(&mut self, registered: RegisterResponse) {
        self.merge_summary(registered.domain);
    }

    pub fn merge_transfer(&mut self, transfer: TransferResponse) {
        let Some(record) = self.records.get_mut(&transfer.id) else {
            return;
        };
        record.transfer = Some(TransferInfo {
            status: transfer.transfer_status.unwrap_or(TransferStatus::Pending),
            initiated_at: transfer.transfer_initiated_at,
            estimated_completion: transfer.estimated_completion,
        });
        record.detail_fresh = false;
        self.touch();
    }

    pub fn remove(&mut self, id: DomainId) {
        if self.records.remove(&id).is_some() {
            self.touch();
        }
    }

    pub fn clear(&mut self) {
        self.records.clear();
        self.touch();
    }

    /// Domains whose state is about to change by itself: pending registrations and transfers.
    pub fn changing(&self) -> Changing {
        Changing {
            registrations: self
                .records
                .values()
                .filter(|r| r.summary.status == DomainStatus::Pending)
                .count(),
            transfers: self
                .records
                .values()
                .filter(|r| r.transfer_pending())
                .map(|r| r.summary.id)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vps_contract::test_support::domain;
    use vps_contract::{Cents, DnsManager};

    #[test]
    fn the_holder_is_known_from_the_detail() {
        let mut cache = DomainCache::default();
        cache.merge_summary(domain(101, "example.com").summary());
        assert_eq!(cache.get(DomainId(101)).unwrap().holder(), Holder::Unknown);
        cache.merge_detail(domain(101, "example.com").held_at("vps.org").detail());
        assert_eq!(cache.get(DomainId(101)).unwrap().holder(), Holder::Vps);
        cache.merge_detail(domain(101, "example.com").held_at("GoDaddy").detail());
        assert!(cache.get(DomainId(101)).unwrap().held_elsewhere());
    }

    #[test]
    fn a_list_item_keeps_what_only_the_detail_knows() {
        let mut cache = DomainCache::default();
        cache.merge_detail(domain(101, "example.com").dns_records(12).detail());
        let mut newer = domain(101, "example.com").summary();
        newer.auto_renew = false;
        cache.merge_summary(newer);
        let record = cache.get(DomainId(101)).unwrap();
        assert!(!record.summary.auto_renew);
        assert_eq!(record.dns_records_count, Some(12));
        assert_eq!(record.registrar.as_deref(), Some("VPS.org"));
        assert!(!record.detail_fresh, "a changed summary makes the detail stale");
    }

    #[test]
    fn an_update_answer_merges_and_never_replaces_with_less() {
        let mut cache = DomainCache::default();
        cache.merge_detail(domain(101, "example.com").dns_records(12).detail());
        cache.merge_update(UpdateResponse {
            id: 101.into(),
            domain_name: None,
            status: None,
            auto_renew: Some(false),
            nameservers: Some(vec!["ns1.cloudflare.com".into(), "ns2.cloudflare.com".into()]),
            privacy_protection: None,
            locked: None,
            message: "Domain settings updated successfully.".into(),
        });
        let record = cache.get(DomainId(101)).unwrap();
        assert!(!record.summary.auto_renew);
        assert!(record.summary.locked, "absent fields keep their values");
        assert!(record.summary.privacy_protection);
        assert_eq!(record.summary.dns_managed_by, DnsManager::External);
        assert_eq!(
            record.summary.registration_date,
            Timestamp::parse("2024-01-01T00:00:00Z")
        );
        assert_eq!(record.dns_records_count, Some(12));
        assert!(!record.detail_fresh);
    }

    #[test]
    fn the_full_list_drops_domains_it_no_longer_has_but_a_search_does_not() {
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            domain(101, "example.com").summary(),
            domain(102, "myapp.io").summary(),
        ]);
        cache.merge_summaries(vec![domain(102, "myapp.io").summary()]);
        assert_eq!(cache.len(), 2);
        cache.replace_all(vec![domain(102, "myapp.io").summary()]);
        assert!(cache.get(DomainId(101)).is_none());
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn register_transfer_and_remove() {
        let mut cache = DomainCache::default();
        let mut pending = domain(111, "xn--fa-hia.com").summary();
        pending.status = DomainStatus::Pending;
        cache.merge_registered(RegisterResponse {
            domain: pending,
            total_cost: Some(Cents(2598)),
            message: String::new(),
        });
        assert_eq!(cache.get(DomainId(111)).unwrap().display_name, "faß.com");
        assert_eq!(
            cache.changing(),
            Changing {
                registrations: 1,
                transfers: vec![]
            }
        );

        cache.merge_detail(domain(106, "legacy-shop.com").held_at("GoDaddy").detail());
        assert_eq!(cache.get(DomainId(106)).unwrap().holder(), Holder::Elsewhere);
        cache.merge_transfer(TransferResponse {
            id: 106.into(),
            domain_name: "legacy-shop.com".into(),
            transfer_status: Some(TransferStatus::Pending),
            transfer_initiated_at: Timestamp::parse("2026-01-16T16:30:00Z"),
            estimated_completion: Timestamp::parse("2026-01-23T16:30:00Z"),
            message: String::new(),
            next_steps: vec![],
        });
        assert!(cache.get(DomainId(106)).unwrap().transfer_pending());
        assert_eq!(cache.changing().transfers, vec![DomainId(106)]);

        let version = cache.version;
        cache.remove(DomainId(111));
        assert!(cache.get(DomainId(111)).is_none());
        assert!(cache.version > version);
    }

    #[test]
    fn an_answer_that_changes_nothing_changes_no_version() {
        let mut cache = DomainCache::default();
        let list = vec![domain(101, "example.com").summary(), domain(102, "myapp.io").summary()];
        assert!(cache.replace_all(list.clone()));
        let version = cache.version;
        assert!(!cache.replace_all(list.clone()), "the same list again is no change");
        assert!(!cache.merge_summaries(vec![domain(102, "myapp.io").summary()]));
        assert_eq!(cache.version, version);
        let mut renewed = domain(101, "example.com").summary();
        renewed.auto_renew = false;
        assert!(cache.merge_summary(renewed));
        assert!(cache.version > version);
        assert!(
            cache.replace_all(vec![domain(101, "example.com").summary()]),
            "a domain gone is a change"
        );
    }

    #[test]
    fn search_text_covers_both_forms() {
        let mut cache = DomainCache::default();
        cache.merge_summary(domain(109, "xn--caf-dma.app").summary());
        let record = cache.get(DomainId(109)).unwrap();
        assert!(record.search_text.contains("café"));
        assert!(record.search_text.contains("xn--caf-dma"));
    }
}
