//! Bulk changes as data: the change chosen, its review (each domain that takes it with its
//! before → after, the ones left out with why, the consequences), and the batch that works
//! through the review's domains, a few requests at a time.

use crate::api::ApiError;
use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::{DomainCache, DomainRecord};
use crate::logic::format::group_digits;
use crate::logic::settings::{vps_preset, SettingValue};
use std::collections::HashMap;
use vps_contract::{normalize_nameservers, DomainSummary, Timestamp, UpdateRequest, MIN_NAMESERVERS};

/// At most this many requests of a batch are in flight at once.
pub const MAX_IN_FLIGHT: usize = 4;

/// One change for many domains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkChange {
    AutoRenew(bool),
    Privacy(bool),
    Lock(bool),
    /// Already normalised (2–4 host names).
    Nameservers(Vec<String>),
    Remove,
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
        }
    }

    /// The body of the `PUT`, or `None` for a removal (a `DELETE`).
    pub fn request(&self) -> Option<UpdateRequest> {
        let mut request = UpdateRequest::default();
        match self {
            BulkChange::AutoRenew(on) => request.auto_renew = Some(*on),
            BulkChange::Privacy(on) => request.privacy_protection = Some(*on),
            BulkChange::Lock(on) => request.locked = Some(*on),
            BulkChange::Nameservers(list) => request.nameservers = Some(list.clone()),
            BulkChange::Remove => return None,
        }
        Some(request)
    }

    /// The setting for `summary` now.
    fn state(&self, summary: &DomainSummary) -> SettingValue {
        match self {
            BulkChange::AutoRenew(_) => SettingValue::Switch(summary.auto_renew),
            BulkChange::Privacy(_) => SettingValue::Switch(summary.privacy_protection),
            BulkChange::Lock(_) => SettingValue::Lock(summary.locked),
            BulkChange::Nameservers(_) => SettingValue::Nameservers(summary.nameservers.clone()),
            BulkChange::Remove => SettingValue::InAccount(true),
        }
    }

    /// The setting once changed.
    fn target(&self) -> SettingValue {
        match self {
            BulkChange::AutoRenew(on) | BulkChange::Privacy(on) => SettingValue::Switch(*on),
            BulkChange::Lock(on) => SettingValue::Lock(*on),
            BulkChange::Nameservers(list) => SettingValue::Nameservers(list.clone()),
            BulkChange::Remove => SettingValue::InAccount(false),
        }
    }

    fn already_done(&self, summary: &DomainSummary) -> bool {
        match self {
            BulkChange::AutoRenew(on) => summary.auto_renew == *on,
            BulkChange::Privacy(on) => summary.privacy_protection == *on,
            BulkChange::Lock(on) => summary.locked == *on,
            BulkChange::Nameservers(list) => summary.nameservers == *list,
            BulkChange::Remove => false,
        }
    }
}

/// How a setting stands, before or after the change.
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
    Remove,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 8] = [
        ChangeKind::AutoRenewOn,
        ChangeKind::AutoRenewOff,
        ChangeKind::PrivacyOn,
        ChangeKind::PrivacyOff,
        ChangeKind::Lock,
        ChangeKind::Unlock,
        ChangeKind::Nameservers,
        ChangeKind::Remove,
    ];

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
            ChangeKind::Remove => BulkChange::Remove,
        }
    }
}

/// The bulk dialog's form: which change, and the nameserver rows as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeDraft {
    pub kind: ChangeKind,
    pub nameservers: Vec<String>,
}

impl Default for ChangeDraft {
    fn default() -> ChangeDraft {
        ChangeDraft {
            kind: ChangeKind::default(),
            nameservers: vps_preset(),
        }
    }
}

impl ChangeDraft {
    /// The change to review, or what is wrong with the nameservers (the single editor's rules).
    pub fn change(&self) -> Result<BulkChange, Vec<vps_contract::NameserverProblem>> {
        match self.kind {
            ChangeKind::Nameservers => normalize_nameservers(&self.nameservers)
                .map(BulkChange::Nameservers)
                .map_err(|problems| problems.0),
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
    sets.sort_by(|a, b| {
        b.used_by
            .cmp(&a.used_by)
            .then_with(|| a.nameservers.cmp(&b.nameservers))
    });
    sets.truncate(limit);
    sets
}

/// One domain the change applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRow {
    pub id: u64,
    pub name: String,
    pub before: SettingValue,
    pub after: SettingValue,
}

/// One selected domain the change leaves alone, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub id: u64,
    pub name: String,
    pub reason: LeftOutReason,
}

/// Why a selected domain takes no part in the change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LeftOutReason {
    /// Held at another registrar (named, when its detail says which): settings change there.
    Elsewhere(Option<String>),
    /// The setting is so already.
    Already(SettingValue),
}

impl LeftOutReason {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            LeftOutReason::Elsewhere(Some(registrar)) => lang.bulk_left_out_registered_at(registrar),
            LeftOutReason::Elsewhere(None) => lang.bulk_left_out_another_registrar().to_string(),
            LeftOutReason::Already(state) => match state {
                SettingValue::Switch(true) => lang.bulk_already_on().to_string(),
                SettingValue::Switch(false) => lang.bulk_already_off().to_string(),
                SettingValue::Lock(true) => lang.bulk_already_locked().to_string(),
                SettingValue::Lock(false) => lang.bulk_already_unlocked().to_string(),
                SettingValue::Nameservers(list) => lang.bulk_already_nameservers(list.join(", ")),
                // A removal is never done already; said plainly should it ever be.
                SettingValue::InAccount(_) => lang.bulk_already_state(state.text(lang)),
            },
        }
    }
}

/// What applying would do, shown before anything is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkReview {
    pub change: BulkChange,
    pub rows: Vec<ReviewRow>,
    pub left_out: Vec<LeftOut>,
    /// What the change means beyond the settings, each to be read before applying (besides
    /// `bulk_nothing_charged`, said of every change: the provider's `PUT` and `DELETE` take
    /// no payment).
    pub consequences: Vec<Consequence>,
}

/// What a change leads to, for the `count` domains it changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consequence {
    /// Auto-renew off: they expire unless renewed. The first to expire, and when.
    Lapse {
        count: usize,
        first: Option<(String, Timestamp)>,
    },
    /// Unlocked: open to a transfer away.
    Unlock { count: usize },
    /// New nameservers answer for their DNS.
    Nameservers { count: usize },
    /// Off the dashboard, registration untouched.
    Remove { count: usize },
}

impl Consequence {
    pub fn text(&self, lang: Lang) -> String {
        let number = |count: usize| intl::number(lang, count as i64);
        match self {
            Consequence::Lapse { count, first } => {
                let mut text = match count {
                    1 => lang.bulk_consequence_lapse_this().to_string(),
                    _ => lang.bulk_consequence_lapse_these(number(*count)),
                };
                if let Some((name, expiry)) = first {
                    text.push(' ');
                    text.push_str(&lang.bulk_consequence_lapse_first(intl::date(lang, *expiry), name));
                }
                text
            }
            Consequence::Unlock { count: 1 } => lang.bulk_consequence_unlock_this().to_string(),
            Consequence::Unlock { count } => lang.bulk_consequence_unlock_these(number(*count)),
            Consequence::Nameservers { count: 1 } => lang.bulk_consequence_nameservers_this().to_string(),
            Consequence::Nameservers { count } => lang.bulk_consequence_nameservers_these(number(*count)),
            Consequence::Remove { count: 1 } => lang.bulk_consequence_remove_this().to_string(),
            Consequence::Remove { count } => lang.bulk_consequence_remove_these(number(*count)),
        }
    }
}

/// Reviews `change` for the domains `selected` (in the order given). Domains at another
/// registrar cannot take a settings change, and those already so need none.
pub fn review(change: BulkChange, selected: &[u64], cache: &DomainCache) -> BulkReview {
    let mut rows = Vec::new();
    let mut left_out = Vec::new();
    for record in selected.iter().filter_map(|id| cache.get(*id)) {
        let summary = &record.summary;
        let reason = match (record.at_vps(), &change) {
            (Some(false), BulkChange::Remove) => None,
            (Some(false), _) => Some(LeftOutReason::Elsewhere(record.registrar.clone())),
            _ if change.already_done(summary) => Some(LeftOutReason::Already(change.state(summary))),
            _ => None,
        };
        match reason {
            Some(reason) => left_out.push(LeftOut {
                id: summary.id.get(),
                name: record.display_name.clone(),
                reason,
            }),
            None => rows.push(ReviewRow {
                id: summary.id.get(),
                name: record.display_name.clone(),
                before: change.state(summary),
                after: change.target(),
            }),
        }
    }
    let changing: Vec<&DomainRecord> = rows.iter().filter_map(|row| cache.get(row.id)).collect();
    let consequences = consequences(&change, &changing);
    BulkReview {
        change,
        rows,
        left_out,
        consequences,
    }
}

fn consequences(change: &BulkChange, changing: &[&DomainRecord]) -> Vec<Consequence> {
    let count = changing.len();
    let said = match change {
        BulkChange::AutoRenew(false) => {
            let first = changing
                .iter()
                .filter_map(|record| Some((record.summary.expiration_date?, record)))
                .min_by_key(|(expiry, _)| *expiry)
                .map(|(expiry, record)| (record.display_name.clone(), expiry));
            Consequence::Lapse { count, first }
        }
        BulkChange::Lock(false) => Consequence::Unlock { count },
        BulkChange::Nameservers(_) => Consequence::Nameservers { count },
        BulkChange::Remove => Consequence::Remove { count },
        _ => return Vec::new(),
    };
    vec![said]
}

/// What must be typed to remove `count` domains at once: `remove 12 domains`. The count as
/// typed on a keyboard: `1,000` in English, `1000` in Finnish (whose grouping is a no-break
/// space).
pub fn removal_phrase(lang: Lang, count: usize) -> String {
    let digits = match lang {
        Lang::En => group_digits(count),
        Lang::Fi => count.to_string(),
    };
    lang.bulk_removal_phrase(count as i64, digits)
}

/// Whether `typed` confirms removing `count` domains (case and outer spaces aside), in either
/// language: a switch halfway through typing does not undo it.
pub fn confirms_removal(typed: &str, count: usize) -> bool {
    let typed = typed.trim().to_lowercase();
    Lang::ALL
        .into_iter()
        .any(|lang| typed == removal_phrase(lang, count).to_lowercase())
}

/// Where one domain of a batch is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not sent yet (or to be sent again).
    Waiting,
    Sending,
    /// The provider's message; none for a removal (a `DELETE` answers with no message).
    Done(Option<String>),
    Failed(Failure),
}

/// Why one domain's request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The error as the API client tells it, in the API's words where it gave some.
    Api(ApiError),
    /// Gone from the cache before a retry: removed, or another account signed in.
    NoLongerHere,
}

impl Failure {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Api(error) => error.message(lang),
            Failure::NoLongerHere => lang.bulk_no_longer_here().to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchItem {
    pub id: u64,
    pub name: String,
    pub outcome: Outcome,
}

/// Why a batch sends nothing more for now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halt {
    Cancelled,
    /// A 401: the rest waits for a new sign-in.
    SignedOut,
    /// No answer (offline, or timed out): the rest waits for Retry.
    ConnectionLost,
}

/// Counts of a batch's domains, for the progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    pub sending: usize,
    pub waiting: usize,
}

impl Progress {
    /// Answered, either way.
    pub fn finished(&self) -> usize {
        self.done + self.failed
    }
}

/// A change being applied to the domains of a review, in its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    pub change: BulkChange,
    pub items: Vec<BatchItem>,
    pub halt: Option<Halt>,
}

impl Batch {
    pub fn new(review: &BulkReview) -> Batch {
        let items = review
            .rows
            .iter()
            .map(|row| BatchItem {
                id: row.id,
                name: row.name.clone(),
                outcome: Outcome::Waiting,
            })
            .collect();
        Batch {
            change: review.change.clone(),
            items,
            halt: None,
        }
    }

    /// The next domain to send, marked as sending; none while halted.
    pub fn take_next(&mut self) -> Option<u64> {
        if self.halt.is_some() {
            return None;
        }
        let item = self.items.iter_mut().find(|item| item.outcome == Outcome::Waiting)?;
        item.outcome = Outcome::Sending;
        Some(item.id)
    }

    pub fn record(&mut self, id: u64, outcome: Outcome) {
        if let Some(item) = self.items.iter_mut().find(|item| item.id == id) {
            item.outcome = outcome;
        }
    }

    /// Sends nothing more; what is in flight still records its answer.
    pub fn halt(&mut self, why: Halt) {
        // A lost session matters more than a lost connection or a Cancel: say that one.
        if self.halt != Some(Halt::SignedOut) {
            self.halt = Some(why);
        }
    }

    /// Ready to send again what failed and what was held, leaving out the domains that are no
    /// longer in `cache` under the same name (removed, or another account signed in).
    pub fn retry(&mut self, cache: &DomainCache) {
        self.halt = None;
        for item in &mut self.items {
            if matches!(item.outcome, Outcome::Failed(_) | Outcome::Waiting) {
                let same = cache
                    .get(item.id)
                    .is_some_and(|record| record.display_name == item.name);
                item.outcome = if same {
                    Outcome::Waiting
                } else {
                    Outcome::Failed(Failure::NoLongerHere)
                };
            }
        }
    }

    pub fn progress(&self) -> Progress {
        let mut progress = Progress {
            total: self.items.len(),
            ..Progress::default()
        };
        for item in &self.items {
            match item.outcome {
                Outcome::Waiting => progress.waiting += 1,
                Outcome::Sending => progress.sending += 1,
                Outcome::Done(_) => progress.done += 1,
                Outcome::Failed(_) => progress.failed += 1,
            }
        }
        progress
    }

    /// Nothing in flight and nothing more will be sent until someone says so.
    pub fn is_idle(&self) -> bool {
        let progress = self.progress();
        progress.sending == 0 && (progress.waiting == 0 || self.halt.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::cache::test_support::{detail_at, summary};
    use vps_contract::Timestamp;

    fn cache_of(summaries: Vec<DomainSummary>) -> DomainCache {
        let mut cache = DomainCache::default();
        cache.replace_all(summaries);
        cache
    }

    #[test]
    fn the_review_leaves_out_what_needs_no_change_and_says_why() {
        let mut on = summary(1, "on.com");
        on.auto_renew = true;
        let mut off = summary(2, "off.com");
        off.auto_renew = false;
        let cache = cache_of(vec![on, off]);
        let review = review(BulkChange::AutoRenew(false), &[1, 2, 99], &cache);
        assert_eq!(
            review.rows,
            vec![ReviewRow {
                id: 1,
                name: "on.com".to_string(),
                before: SettingValue::Switch(true),
                after: SettingValue::Switch(false),
            }]
        );
        assert_eq!(review.rows[0].before.text(Lang::En), "On");
        assert_eq!(review.rows[0].after.text(Lang::Fi), "Pois");
        assert_eq!(review.left_out.len(), 1, "an id not in the cache is nobody's domain");
        assert_eq!(review.left_out[0].reason.text(Lang::En), "Already Off.");
        assert_eq!(review.left_out[0].reason.text(Lang::Fi), "Jo pois päältä.");
        assert_eq!(review.consequences.len(), 1);
        assert!(review.consequences[0]
            .text(Lang::En)
            .starts_with("With auto-renew off, this domain will expire"));
        assert!(review.consequences[0]
            .text(Lang::Fi)
            .contains("tämä verkkotunnus vanhenee"));
    }

    #[test]
    fn a_domain_at_another_registrar_takes_no_settings_change_but_can_be_removed() {
        let mut cache = DomainCache::default();
        cache.merge_detail(detail_at(7, "elsewhere.net", "Example Registrar"));
        let lock = review(BulkChange::Lock(true), &[7], &cache);
        assert!(lock.rows.is_empty());
        assert_eq!(
            lock.left_out[0].reason.text(Lang::En),
            "Registered at Example Registrar: its settings can only be changed there."
        );
        assert_eq!(
            LeftOutReason::Elsewhere(None).text(Lang::En),
            "Registered at another registrar: its settings can only be changed there."
        );
        let remove = review(BulkChange::Remove, &[7], &cache);
        assert_eq!(remove.rows.len(), 1);
    }

    #[test]
    fn the_first_expiry_is_named_when_auto_renew_goes_off() {
        let mut late = summary(1, "late.com");
        late.expiration_date = Timestamp::parse("2028-01-01T00:00:00Z");
        let mut early = summary(2, "early.com");
        early.expiration_date = Timestamp::parse("2027-02-03T00:00:00Z");
        let cache = cache_of(vec![late, early]);
        let review = review(BulkChange::AutoRenew(false), &[1, 2], &cache);
        assert_eq!(
            review.consequences,
            vec![Consequence::Lapse {
                count: 2,
                first: Some((
                    "early.com".to_string(),
                    Timestamp::parse("2027-02-03T00:00:00Z").unwrap()
                )),
            }]
        );
        let text = review.consequences[0].text(Lang::En);
        assert!(
            text.starts_with("With auto-renew off, these 2 domains will expire"),
            "{text}"
        );
        assert!(text.contains(". The first, early.com, expires on"), "{text}");
        assert!(review.consequences[0].text(Lang::Fi).contains("nämä 2 verkkotunnusta"));
    }

    #[test]
    fn the_draft_checks_nameservers_as_the_single_editor_does() {
        let mut draft = ChangeDraft {
            kind: ChangeKind::Nameservers,
            nameservers: vec!["NS1.Example.net.".to_string(), "ns2.example.net".to_string()],
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
    fn removing_many_needs_the_count_typed() {
        assert_eq!(removal_phrase(Lang::En, 12), "remove 12 domains");
        assert_eq!(removal_phrase(Lang::En, 1200), "remove 1,200 domains");
        assert_eq!(removal_phrase(Lang::Fi, 1200), "poista 1200 verkkotunnusta");
        assert!(confirms_removal("  Remove 12 domains ", 12));
        assert!(!confirms_removal("remove 11 domains", 12));
        assert!(confirms_removal("remove 1 domain", 1));
        assert!(confirms_removal("Poista 1 verkkotunnus", 1));
        assert!(!confirms_removal("poista 1 verkkotunnusta", 1));
    }

    #[test]
    fn a_batch_sends_each_domain_once_and_holds_the_rest_when_halted() {
        let cache = cache_of(vec![summary(1, "a.com"), summary(2, "b.com"), summary(3, "c.com")]);
        let mut batch = Batch::new(&review(BulkChange::Lock(false), &[1, 2, 3], &cache));
        assert_eq!(batch.take_next(), Some(1));
        assert_eq!(batch.take_next(), Some(2));
        batch.record(1, Outcome::Done(Some("ok".to_string())));
        batch.halt(Halt::ConnectionLost);
        assert_eq!(batch.take_next(), None, "held: nothing new is sent");
        assert!(!batch.is_idle(), "b.com is still in flight");
        batch.record(2, Outcome::Failed(Failure::Api(ApiError::Timeout)));
        assert!(batch.is_idle());
        let progress = batch.progress();
        assert_eq!((progress.done, progress.failed, progress.waiting), (1, 1, 1));

        batch.retry(&cache);
        assert_eq!(batch.take_next(), Some(2), "the failed one goes again, in its place");
        assert_eq!(batch.take_next(), Some(3));
        assert_eq!(batch.take_next(), None);
    }

    #[test]
    fn a_sign_out_outranks_a_cancel_and_a_retry_skips_domains_no_longer_here() {
        let cache = cache_of(vec![summary(1, "a.com"), summary(2, "b.com")]);
        let mut batch = Batch::new(&review(BulkChange::Privacy(false), &[1, 2], &cache));
        batch.halt(Halt::SignedOut);
        batch.halt(Halt::Cancelled);
        assert_eq!(batch.halt, Some(Halt::SignedOut));
        let other_account = cache_of(vec![summary(1, "a.com"), summary(2, "someone-else.com")]);
        batch.retry(&other_account);
        assert_eq!(batch.take_next(), Some(1));
        assert_eq!(batch.take_next(), None);
        assert_eq!(batch.items[1].outcome, Outcome::Failed(Failure::NoLongerHere));
        assert_eq!(Failure::NoLongerHere.text(Lang::En), "No longer in this account.");
    }

    #[test]
    fn the_nameserver_presets_are_the_sets_in_use_most_used_first_without_vps_org() {
        let with = |id, name: &str, nameservers: &[&str]| {
            let mut domain = summary(id, name);
            domain.nameservers = nameservers.iter().map(|ns| ns.to_string()).collect();
            domain
        };
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
