//! The portfolio policy: which domains break which rule, and the one bulk change that fixes
//! each rule.

use super::{Policy, Portfolio};
use crate::logic::bulk::BulkChange;
use crate::logic::cache::{DomainCache, DomainRecord, Holder};
use vps_contract::{DomainId, DomainStatus};

/// One rule of the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Locked,
    AutoRenew,
    Privacy,
    Nameservers,
}

/// The domains that break one rule, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    pub rule: Rule,
    pub ids: Vec<DomainId>,
}

impl Rule {
    /// The bulk change that makes a domain meet the rule: for nameservers, the first set allowed.
    pub fn fix(self, policy: &Policy) -> Option<BulkChange> {
        match self {
            Rule::Locked => Some(BulkChange::Lock(true)),
            Rule::AutoRenew => Some(BulkChange::AutoRenew(true)),
            Rule::Privacy => Some(BulkChange::Privacy(true)),
            Rule::Nameservers => policy.nameserver_sets.first().cloned().map(BulkChange::Nameservers),
        }
    }
}

/// The rules each kept domain breaks, grouped by rule in [`Rule`]'s order, each group by
/// domain name; rules with no breach are left out. A kept domain is one that is active, not
/// held at another registrar (`Holder::Elsewhere`: its settings change there), and without the
/// exempt tag.
pub fn evaluate(policy: &Policy, portfolio: &Portfolio, cache: &DomainCache) -> Vec<Breach> {
    let rules = [
        (Rule::Locked, policy.locked),
        (Rule::AutoRenew, policy.auto_renew),
        (Rule::Privacy, policy.privacy),
        (Rule::Nameservers, !policy.nameserver_sets.is_empty()),
    ];
    let allowed: Vec<Vec<String>> = policy.nameserver_sets.iter().map(|set| host_set(set)).collect();
    let mut kept: Vec<&DomainRecord> = cache
        .records()
        .filter(|record| is_kept(record, policy, portfolio))
        .collect();
    kept.sort_by(|a, b| {
        a.display_name
            .cmp(&b.display_name)
            .then(a.summary.id.cmp(&b.summary.id))
    });
    rules
        .into_iter()
        .filter(|(_, enabled)| *enabled)
        .filter_map(|(rule, _)| {
            let ids: Vec<DomainId> = kept
                .iter()
                .filter(|record| breaks(rule, record, &allowed))
                .map(|record| record.summary.id)
                .collect();
            (!ids.is_empty()).then_some(Breach { rule, ids })
        })
        .collect()
}

/// Active, not held elsewhere (an unknown holder counts: most domains are read from the list
/// alone), and not exempt.
fn is_kept(record: &DomainRecord, policy: &Policy, portfolio: &Portfolio) -> bool {
    let exempt = !policy.exempt_tag.is_empty()
        && portfolio
            .note(&record.summary.domain_name)
            .is_some_and(|note| note.has_tag(&policy.exempt_tag));
    record.summary.status == DomainStatus::Active && record.holder() != Holder::Elsewhere && !exempt
}

fn breaks(rule: Rule, record: &DomainRecord, allowed: &[Vec<String>]) -> bool {
    let summary = &record.summary;
    match rule {
        Rule::Locked => !summary.locked,
        Rule::AutoRenew => !summary.auto_renew,
        Rule::Privacy => !summary.privacy_protection,
        Rule::Nameservers => !allowed.contains(&host_set(&summary.nameservers)),
    }
}

/// Nameservers as a set: ASCII lower case, without a trailing dot, sorted, each once. ASCII
/// only, so no Unicode case tables are pulled into the chunk (host names are ASCII anyway).
fn host_set(hosts: &[String]) -> Vec<String> {
    let mut set: Vec<String> = hosts
        .iter()
        .map(|host| host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase())
        .collect();
    set.sort();
    set.dedup();
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::portfolio::DomainNote;
    use vps_contract::test_support::{domain, DomainBuilder};

    fn cache_of(domains: Vec<DomainBuilder>) -> DomainCache {
        let mut cache = DomainCache::default();
        cache.replace_all(domains.into_iter().map(DomainBuilder::summary).collect());
        cache
    }

    fn strict() -> Policy {
        Policy {
            locked: true,
            auto_renew: true,
            privacy: true,
            nameserver_sets: vec![vec!["ns1.vps.org".into(), "ns2.vps.org".into()]],
            exempt_tag: String::new(),
        }
    }

    fn ids(breaches: &[Breach]) -> Vec<(Rule, Vec<u64>)> {
        breaches
            .iter()
            .map(|breach| (breach.rule, breach.ids.iter().map(|id| id.0).collect()))
            .collect()
    }

    #[test]
    fn each_rule_is_fixed_by_turning_its_setting_on() {
        let policy = Policy {
            nameserver_sets: vec![
                vec!["ns1.a.example".into(), "ns2.a.example".into()],
                vec!["ns1.b.example".into()],
            ],
            ..Policy::default()
        };
        assert_eq!(Rule::Locked.fix(&policy), Some(BulkChange::Lock(true)));
        assert_eq!(Rule::AutoRenew.fix(&policy), Some(BulkChange::AutoRenew(true)));
        assert_eq!(Rule::Privacy.fix(&policy), Some(BulkChange::Privacy(true)));
        assert_eq!(
            Rule::Nameservers.fix(&policy),
            Some(BulkChange::Nameservers(vec![
                "ns1.a.example".into(),
                "ns2.a.example".into()
            ]))
        );
        assert_eq!(Rule::Nameservers.fix(&Policy::default()), None);
    }

    #[test]
    fn every_breach_is_grouped_by_rule_then_by_name() {
        let cache = cache_of(vec![
            domain(1, "fine.com"),
            domain(2, "zeta.com").locked(false).privacy(false),
            // bücher.com: its ASCII form sorts after c.com, the name people read before it.
            domain(3, "xn--bcher-kva.com").locked(false).auto_renew(false),
            domain(4, "c.com")
                .locked(false)
                .nameservers(&["ns1.cloudflare.com", "ns2.cloudflare.com"]),
        ]);
        let breaches = evaluate(&strict(), &Portfolio::default(), &cache);
        assert_eq!(
            ids(&breaches),
            vec![
                (Rule::Locked, vec![3, 4, 2]),
                (Rule::AutoRenew, vec![3]),
                (Rule::Privacy, vec![2]),
                (Rule::Nameservers, vec![4]),
            ]
        );
    }

    #[test]
    fn one_name_under_two_ids_is_ordered_by_id() {
        // A domain removed and registered again can be listed under both ids for a while.
        let cache = cache_of(vec![
            domain(7, "same.com").locked(false),
            domain(3, "same.com").locked(false),
        ]);
        assert_eq!(
            ids(&evaluate(&strict(), &Portfolio::default(), &cache)),
            vec![(Rule::Locked, vec![3, 7])]
        );
    }

    #[test]
    fn rules_left_off_are_not_checked_and_rules_without_breach_are_left_out() {
        let cache = cache_of(vec![
            domain(1, "a.com")
                .locked(false)
                .auto_renew(false)
                .privacy(false)
                .nameservers(&["ns1.x.io"]),
            domain(2, "b.com").auto_renew(false),
        ]);
        assert!(evaluate(&Policy::default(), &Portfolio::default(), &cache).is_empty());
        let renew_only = Policy {
            auto_renew: true,
            ..Policy::default()
        };
        assert_eq!(
            ids(&evaluate(&renew_only, &Portfolio::default(), &cache)),
            vec![(Rule::AutoRenew, vec![1, 2])]
        );
        let all_met = cache_of(vec![domain(1, "a.com")]);
        assert!(evaluate(&strict(), &Portfolio::default(), &all_met).is_empty());
    }

    #[test]
    fn only_active_domains_held_here_or_not_known_to_be_held_elsewhere_are_kept() {
        let mut cache = cache_of(vec![
            domain(1, "expired.com").status(DomainStatus::Expired).locked(false),
            domain(2, "pending.com").status(DomainStatus::Pending).locked(false),
            domain(3, "unknown.com").locked(false),
        ]);
        cache.merge_detail(domain(4, "elsewhere.com").held_at("GoDaddy").locked(false).detail());
        cache.merge_detail(domain(5, "here.com").held_at("vps.org").locked(false).detail());
        let breaches = evaluate(&strict(), &Portfolio::default(), &cache);
        assert_eq!(ids(&breaches), vec![(Rule::Locked, vec![5, 3])]);
    }

    #[test]
    fn the_exempt_tag_spares_a_domain_every_rule() {
        let cache = cache_of(vec![
            domain(1, "Legacy.com").locked(false).auto_renew(false),
            domain(2, "other.com").locked(false),
        ]);
        let mut portfolio = Portfolio::default();
        portfolio.set_note(
            "legacy.com",
            DomainNote {
                tags: vec!["Keep-As-Is".into()],
                ..DomainNote::default()
            },
        );
        let policy = Policy {
            exempt_tag: "keep-as-is".into(),
            ..strict()
        };
        assert_eq!(
            ids(&evaluate(&policy, &portfolio, &cache)),
            vec![(Rule::Locked, vec![2])]
        );
        // Without an exempt tag, the tag spares nothing.
        assert_eq!(
            ids(&evaluate(&strict(), &portfolio, &cache)),
            vec![(Rule::Locked, vec![1, 2]), (Rule::AutoRenew, vec![1])]
        );
    }

    #[test]
    fn nameservers_meet_a_set_whatever_their_case_order_or_trailing_dot() {
        let policy = Policy {
            nameserver_sets: vec![
                vec!["ns1.vps.org".into(), "ns2.vps.org".into()],
                vec!["NS1.Cloudflare.com.".into(), "ns2.cloudflare.com".into()],
            ],
            ..Policy::default()
        };
        let cache = cache_of(vec![
            domain(1, "a.com").nameservers(&["ns2.vps.org.", "NS1.VPS.ORG"]),
            domain(2, "b.com").nameservers(&["ns2.cloudflare.com", "ns1.cloudflare.com"]),
            domain(3, "c.com").nameservers(&["ns1.vps.org"]),
            domain(4, "d.com").nameservers(&["ns1.vps.org", "ns2.cloudflare.com"]),
            domain(5, "e.com").nameservers(&["ns1.vps.org", "ns2.vps.org", "ns3.vps.org"]),
            domain(6, "f.com").nameservers(&[]),
        ]);
        assert_eq!(
            ids(&evaluate(&policy, &Portfolio::default(), &cache)),
            vec![(Rule::Nameservers, vec![3, 4, 5, 6])]
        );
    }
}
