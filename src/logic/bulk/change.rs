//! The change chosen for many domains: what it sets, its request, the dialog's choices and
//! draft, and the nameserver sets the account already uses (offered as presets).

use crate::i18n::Lang;
use crate::logic::cache::DomainCache;
use crate::logic::portfolio::{clean_tag, Portfolio, TextProblem, MAX_TAGS};
use crate::logic::settings::{vps_preset, SettingValue};
use std::collections::HashMap;
use vps_contract::{normalize_nameservers, DomainSummary, UpdateRequest, MIN_NAMESERVERS};

/// One change for many domains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkChange {
    AutoRenew(bool),
    Privacy(bool),
    Lock(bool),
    /// Already normalised (2–4 host names).
    Nameservers(Vec<String>),
    Remove,
    /// A tag added or removed: kept in the browser, no request.
    Tag {
        tag: String,
        add: bool,
    },
}

impl BulkChange {
    /// The change in a few words: the dialog's title, the progress line.
    pub fn title(&self, lang: Lang) -> &'static str {
        match self {
            BulkChange::AutoRenew(true) => lang.bulk_change_auto_renew_on(),
            BulkChange::AutoRenew(false) => lang.bulk_change_auto_renew_off(),
            BulkChange::Privacy(true) => lang.bulk_change_privacy_on(),
            BulkChange::Privacy(false) => lang.bulk_change_privacy_off(),
            BulkChange::Lock(true) => lang.bulk_change_lock(),
            BulkChange::Lock(false) => lang.bulk_change_unlock(),
            BulkChange::Nameservers(_) => lang.bulk_change_nameservers(),
            BulkChange::Remove => lang.bulk_change_remove(),
            BulkChange::Tag { add: true, .. } => lang.bulk_change_add_tag(),
            BulkChange::Tag { add: false, .. } => lang.bulk_change_remove_tag(),
        }
    }

    /// The setting it changes, as the review's column says it.
    pub fn setting(&self, lang: Lang) -> &'static str {
        match self {
            BulkChange::AutoRenew(_) => lang.setting_auto_renew(),
            BulkChange::Privacy(_) => lang.setting_whois_privacy(),
            BulkChange::Lock(_) => lang.setting_registrar_lock(),
            BulkChange::Nameservers(_) => lang.setting_nameservers(),
            BulkChange::Remove => lang.bulk_setting_in_account(),
            BulkChange::Tag { .. } => lang.bulk_setting_tag(),
        }
    }

    /// The body of the `PUT`, or `None` for a removal (a `DELETE`) or a tag (no request).
    pub fn request(&self) -> Option<UpdateRequest> {
        let mut request = UpdateRequest::default();
        match self {
            BulkChange::AutoRenew(on) => request.auto_renew = Some(*on),
            BulkChange::Privacy(on) => request.privacy_protection = Some(*on),
            BulkChange::Lock(on) => request.locked = Some(*on),
            BulkChange::Nameservers(list) => request.nameservers = Some(list.clone()),
            BulkChange::Remove | BulkChange::Tag { .. } => return None,
        }
        Some(request)
    }

    /// The setting for `summary` now (`notes`: what the portfolio keeps, for a tag).
    pub(super) fn state(&self, summary: &DomainSummary, notes: &Portfolio) -> SettingValue {
        match self {
            BulkChange::Tag { tag, .. } => SettingValue::Tagged(has_tag(notes, summary, tag)),
            BulkChange::AutoRenew(_) => SettingValue::Switch(summary.auto_renew),
            BulkChange::Privacy(_) => SettingValue::Switch(summary.privacy_protection),
            BulkChange::Lock(_) => SettingValue::Lock(summary.locked),
            BulkChange::Nameservers(_) => SettingValue::Nameservers(summary.nameservers.clone()),
            BulkChange::Remove => SettingValue::InAccount(true),
        }
    }

    /// The setting once changed.
    pub(super) fn target(&self) -> SettingValue {
        match self {
            BulkChange::AutoRenew(on) | BulkChange::Privacy(on) => SettingValue::Switch(*on),
            BulkChange::Lock(on) => SettingValue::Lock(*on),
            BulkChange::Nameservers(list) => SettingValue::Nameservers(list.clone()),
            BulkChange::Remove => SettingValue::InAccount(false),
            BulkChange::Tag { add, .. } => SettingValue::Tagged(*add),
        }
    }

    pub(super) fn already_done(&self, summary: &DomainSummary, notes: &Portfolio) -> bool {
        match self {
            BulkChange::Tag { tag, add } => has_tag(notes, summary, tag) == *add,
            BulkChange::AutoRenew(on) => summary.auto_renew == *on,
            BulkChange::Privacy(on) => summary.privacy_protection == *on,
            BulkChange::Lock(on) => summary.locked == *on,
            BulkChange::Nameservers(list) => summary.nameservers == *list,
            BulkChange::Remove => false,
        }
    }

    /// Whether `summary` can take no more tags: an added tag would not be kept.
    pub(super) fn tags_full(&self, summary: &DomainSummary, notes: &Portfolio) -> bool {
        matches!(self, BulkChange::Tag { add: true, .. })
            && notes
                .note(&summary.domain_name)
                .is_some_and(|note| note.tags.len() >= MAX_TAGS)
    }
}

fn has_tag(notes: &Portfolio, summary: &DomainSummary, tag: &str) -> bool {
    notes.note(&summary.domain_name).is_some_and(|note| note.has_tag(tag))
}

/// The changes the bulk dialog offers, in its order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChangeKind {
    AutoRenewOn,
    #[default]
    AutoRenewOff,
    PrivacyOn,
    PrivacyOff,
    Lock,
    Unlock,
    Nameservers,
    AddTag,
    RemoveTag,
    Remove,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 10] = [
        ChangeKind::AutoRenewOn,
        ChangeKind::AutoRenewOff,
        ChangeKind::PrivacyOn,
        ChangeKind::PrivacyOff,
        ChangeKind::Lock,
        ChangeKind::Unlock,
        ChangeKind::Nameservers,
        ChangeKind::AddTag,
        ChangeKind::RemoveTag,
        ChangeKind::Remove,
    ];

    /// A tag added or removed (kept in this browser, not sent).
    pub fn is_tag(self) -> bool {
        matches!(self, ChangeKind::AddTag | ChangeKind::RemoveTag)
    }

    /// The change without its details (the nameservers), for its label.
    pub fn change(self) -> BulkChange {
        match self {
            ChangeKind::AutoRenewOn => BulkChange::AutoRenew(true),
            ChangeKind::AutoRenewOff => BulkChange::AutoRenew(false),
            ChangeKind::PrivacyOn => BulkChange::Privacy(true),
            ChangeKind::PrivacyOff => BulkChange::Privacy(false),
            ChangeKind::Lock => BulkChange::Lock(true),
            ChangeKind::Unlock => BulkChange::Lock(false),
            ChangeKind::Nameservers => BulkChange::Nameservers(Vec::new()),
            ChangeKind::AddTag => BulkChange::Tag {
                tag: String::new(),
                add: true,
            },
            ChangeKind::RemoveTag => BulkChange::Tag {
                tag: String::new(),
                add: false,
            },
            ChangeKind::Remove => BulkChange::Remove,
        }
    }
}

/// The bulk dialog's form: which change, and the nameserver rows or the tag as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeDraft {
    pub kind: ChangeKind,
    pub nameservers: Vec<String>,
    pub tag: String,
}

/// What is wrong with the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftProblem {
    Nameservers(Vec<vps_contract::NameserverProblem>),
    Tag(TextProblem),
}

impl Default for ChangeDraft {
    fn default() -> ChangeDraft {
        ChangeDraft {
            kind: ChangeKind::default(),
            nameservers: vps_preset(),
            tag: String::new(),
        }
    }
}

impl ChangeDraft {
    /// The change to review, or what is wrong with the nameservers (the single editor's rules)
    /// or the tag.
    pub fn change(&self) -> Result<BulkChange, DraftProblem> {
        match self.kind {
            ChangeKind::Nameservers => normalize_nameservers(&self.nameservers)
                .map(BulkChange::Nameservers)
                .map_err(|problems| DraftProblem::Nameservers(problems.0)),
            ChangeKind::AddTag | ChangeKind::RemoveTag => clean_tag(&self.tag)
                .map(|tag| BulkChange::Tag {
                    tag,
                    add: self.kind == ChangeKind::AddTag,
                })
                .map_err(DraftProblem::Tag),
            kind => Ok(kind.change()),
        }
    }
}

/// A set of nameservers already used in the account, offered as a preset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameserverSet {
    pub nameservers: Vec<String>,
    /// How many domains use it.
    pub used_by: usize,
}

/// The presets offered besides VPS.org's pair: the sets the account's domains use, the most
/// used first (then by name), at most `limit`.
pub fn nameserver_sets(cache: &DomainCache, limit: usize) -> Vec<NameserverSet> {
    let vps = vps_preset();
    let mut counts: HashMap<&[String], usize> = HashMap::new();
    for record in cache.records() {
        let nameservers = record.summary.nameservers.as_slice();
        if nameservers.len() >= MIN_NAMESERVERS && nameservers != vps.as_slice() {
            *counts.entry(nameservers).or_default() += 1;
        }
    }
    let mut sets: Vec<NameserverSet> = counts
        .into_iter()
        .map(|(nameservers, used_by)| NameserverSet {
            nameservers: nameservers.to_vec(),
            used_by,
        })
        .collect();
    // Each set is counted once, so no two compare equal: the unstable sort is exact.
    sets.sort_unstable_by(|a, b| {
        b.used_by
            .cmp(&a.used_by)
            .then_with(|| a.nameservers.cmp(&b.nameservers))
    });
    sets.truncate(limit);
    sets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::bulk::test_cache::cache_of;
    use vps_contract::test_support::domain;

    #[test]
    fn the_draft_checks_nameservers_as_the_single_editor_does() {
        let mut draft = ChangeDraft {
            kind: ChangeKind::Nameservers,
            nameservers: vec!["NS1.Example.net.".to_string(), "ns2.example.net".to_string()],
            tag: String::new(),
        };
        assert_eq!(
            draft.change(),
            Ok(BulkChange::Nameservers(vec![
                "ns1.example.net".to_string(),
                "ns2.example.net".to_string()
            ]))
        );
        draft.nameservers.pop();
        assert!(draft.change().is_err(), "one nameserver is too few");
        draft.kind = ChangeKind::Unlock;
        assert_eq!(draft.change(), Ok(BulkChange::Lock(false)));
        assert_eq!(ChangeKind::Unlock.change().title(Lang::En), "Unlock");
        assert_eq!(ChangeKind::AutoRenewOff.change().title(Lang::En), "Turn auto-renew off");
        assert_eq!(ChangeKind::Remove.change().setting(Lang::En), "In this account");
    }

    #[test]
    fn the_nameserver_presets_are_the_sets_in_use_most_used_first_without_vps_org() {
        let with = |id, name: &str, nameservers: &[&str]| domain(id, name).nameservers(nameservers).summary();
        let cloudflare = ["ns1.cloudflare.com", "ns2.cloudflare.com"];
        let cache = cache_of(vec![
            with(1, "a.com", &["ns1.vps.org", "ns2.vps.org"]),
            with(2, "b.com", &["a.dns.example", "b.dns.example"]),
            with(3, "c.com", &cloudflare),
            with(4, "d.com", &cloudflare),
            with(5, "e.com", &["only.one.example"]),
        ]);
        let sets = nameserver_sets(&cache, 5);
        assert_eq!(sets.len(), 2, "{sets:?}");
        assert_eq!(sets[0].nameservers, cloudflare.map(String::from).to_vec());
        assert_eq!(sets[0].used_by, 2);
        assert_eq!(sets[1].nameservers[0], "a.dns.example");
        assert_eq!(nameserver_sets(&cache, 1).len(), 1);
    }
}
