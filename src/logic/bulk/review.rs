//! A bulk change's review, shown before anything is sent: each domain that takes it with its
//! before → after, the ones left out with why, and what the change leads to.

use super::change::BulkChange;
use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::{DomainCache, DomainRecord};
use crate::logic::format::{fold_case, group_digits};
use crate::logic::portfolio::{Portfolio, MAX_TAGS};
use crate::logic::settings::SettingValue;
use vps_contract::{DomainId, Timestamp};

/// One domain the change applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRow {
    pub id: DomainId,
    pub name: String,
    pub before: SettingValue,
    pub after: SettingValue,
}

/// One selected domain the change leaves alone, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    pub id: DomainId,
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
    /// A tag to add, and the domain has the most tags it keeps.
    TagsFull,
}

impl LeftOutReason {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            LeftOutReason::Elsewhere(Some(registrar)) => lang.bulk_left_out_registered_at(registrar),
            LeftOutReason::Elsewhere(None) => lang.bulk_left_out_another_registrar().to_string(),
            LeftOutReason::TagsFull => lang.bulk_left_out_tags_full(intl::number(lang, MAX_TAGS as i64)),
            LeftOutReason::Already(state) => match state {
                SettingValue::Switch(true) => lang.bulk_already_on().to_string(),
                SettingValue::Switch(false) => lang.bulk_already_off().to_string(),
                SettingValue::Lock(true) => lang.bulk_already_locked().to_string(),
                SettingValue::Lock(false) => lang.bulk_already_unlocked().to_string(),
                SettingValue::Nameservers(list) => lang.bulk_already_nameservers(list.join(", ")),
                // A removal is never done already; said plainly should it ever be.
                SettingValue::InAccount(_) | SettingValue::Tagged(_) => lang.bulk_already_state(state.text(lang)),
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
/// registrar cannot take a settings change, and those already so need none. A tag is the
/// portfolio's (`notes`), so it goes on any domain.
pub fn review(change: BulkChange, selected: &[DomainId], cache: &DomainCache, notes: &Portfolio) -> BulkReview {
    let mut rows = Vec::new();
    let mut left_out = Vec::new();
    for record in selected.iter().filter_map(|id| cache.get(*id)) {
        let summary = &record.summary;
        // A tag is kept here, whoever holds the registration.
        let elsewhere = record.held_elsewhere() && !matches!(change, BulkChange::Tag { .. });
        let reason = match (elsewhere, &change) {
            (true, BulkChange::Remove) => None,
            (true, _) => Some(LeftOutReason::Elsewhere(record.registrar.clone())),
            _ if change.already_done(summary, notes) => Some(LeftOutReason::Already(change.state(summary, notes))),
            _ if change.tags_full(summary, notes) => Some(LeftOutReason::TagsFull),
            _ => None,
        };
        match reason {
            Some(reason) => left_out.push(LeftOut {
                id: summary.id,
                name: record.display_name.clone(),
                reason,
            }),
            None => rows.push(ReviewRow {
                id: summary.id,
                name: record.display_name.clone(),
                before: change.state(summary, notes),
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
    let typed = fold_case(typed.trim());
    Lang::ALL
        .into_iter()
        .any(|lang| typed == fold_case(&removal_phrase(lang, count)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::bulk::test_cache::{cache_of, ids};
    use vps_contract::test_support::domain;

    #[test]
    fn a_tag_goes_on_any_domain_that_lacks_it_wherever_it_is_registered() {
        let held = || domain(3, "held.net").locked(true);
        let mut cache = cache_of(vec![
            domain(1, "a.com").summary(),
            domain(2, "b.com").summary(),
            held().summary(),
        ]);
        cache.merge_detail(held().held_at("GoDaddy").detail());
        let mut notes = Portfolio::default();
        notes.tag("b.com", "Client", true);
        let add = BulkChange::Tag {
            tag: "client".into(),
            add: true,
        };
        let reviewed = review(add, &ids(&[1, 2, 3]), &cache, &notes);
        let changed: Vec<&str> = reviewed.rows.iter().map(|row| row.name.as_str()).collect();
        assert_eq!(
            changed,
            ["a.com", "held.net"],
            "held elsewhere is no reason to leave a tag out"
        );
        assert_eq!(reviewed.rows[0].before, SettingValue::Tagged(false));
        assert_eq!(reviewed.rows[0].after, SettingValue::Tagged(true));
        assert_eq!(reviewed.left_out.len(), 1);
        assert_eq!(reviewed.left_out[0].reason.text(Lang::En), "Already Tagged.");
        assert!(reviewed.consequences.is_empty());
        assert_eq!(reviewed.change.request(), None, "a tag is never sent");
        let remove = BulkChange::Tag {
            tag: "CLIENT".into(),
            add: false,
        };
        let reviewed = review(remove, &ids(&[1, 2]), &cache, &notes);
        assert_eq!(reviewed.rows.len(), 1);
        assert_eq!(reviewed.rows[0].name, "b.com");
    }

    #[test]
    fn a_domain_with_the_most_tags_is_left_out_of_an_added_tag_and_told_why() {
        let cache = cache_of(vec![domain(1, "full.com").summary(), domain(2, "b.com").summary()]);
        let mut notes = Portfolio::default();
        for number in 0..MAX_TAGS {
            assert!(notes.tag("full.com", &format!("t{number}"), true));
        }
        let add = |tag: &str| BulkChange::Tag {
            tag: tag.into(),
            add: true,
        };
        let reviewed = review(add("new"), &ids(&[1, 2]), &cache, &notes);
        assert_eq!(reviewed.rows.len(), 1);
        assert_eq!(reviewed.rows[0].name, "b.com");
        assert_eq!(reviewed.left_out[0].reason, LeftOutReason::TagsFull);
        assert!(reviewed.left_out[0].reason.text(Lang::En).contains("12 tags"));
        let reviewed = review(add("T3"), &ids(&[1]), &cache, &notes);
        assert!(
            matches!(reviewed.left_out[0].reason, LeftOutReason::Already(_)),
            "a tag it has is said to be there already"
        );
        let remove = BulkChange::Tag {
            tag: "t0".into(),
            add: false,
        };
        assert_eq!(
            review(remove, &ids(&[1]), &cache, &notes).rows.len(),
            1,
            "a full domain can lose a tag"
        );
    }

    #[test]
    fn the_review_leaves_out_what_needs_no_change_and_says_why() {
        let mut on = domain(1, "on.com").summary();
        on.auto_renew = true;
        let mut off = domain(2, "off.com").summary();
        off.auto_renew = false;
        let cache = cache_of(vec![on, off]);
        let review = review(
            BulkChange::AutoRenew(false),
            &ids(&[1, 2, 99]),
            &cache,
            &Portfolio::default(),
        );
        assert_eq!(
            review.rows,
            vec![ReviewRow {
                id: DomainId(1),
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
        cache.merge_detail(domain(7, "elsewhere.net").held_at("Example Registrar").detail());
        let lock = review(BulkChange::Lock(true), &ids(&[7]), &cache, &Portfolio::default());
        assert!(lock.rows.is_empty());
        assert_eq!(
            lock.left_out[0].reason.text(Lang::En),
            "Registered at Example Registrar: its settings can only be changed there."
        );
        assert_eq!(
            LeftOutReason::Elsewhere(None).text(Lang::En),
            "Registered at another registrar: its settings can only be changed there."
        );
        let remove = review(BulkChange::Remove, &ids(&[7]), &cache, &Portfolio::default());
        assert_eq!(remove.rows.len(), 1);
    }

    #[test]
    fn the_first_expiry_is_named_when_auto_renew_goes_off() {
        let mut late = domain(1, "late.com").summary();
        late.expiration_date = Timestamp::parse("2028-01-01T00:00:00Z");
        let mut early = domain(2, "early.com").summary();
        early.expiration_date = Timestamp::parse("2027-02-03T00:00:00Z");
        let cache = cache_of(vec![late, early]);
        let review = review(
            BulkChange::AutoRenew(false),
            &ids(&[1, 2]),
            &cache,
            &Portfolio::default(),
        );
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
}
