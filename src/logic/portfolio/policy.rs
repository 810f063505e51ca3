//! The portfolio policy: which domains break which rule, and the one bulk change that fixes
//! each rule.

use super::{Policy, Portfolio};
use crate::logic::bulk::BulkChange;
use crate::logic::cache::{DomainCache, Holder};
use vps_contract::DomainId;

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
        todo!()
    }
}

/// The rules each kept domain breaks, grouped by rule in [`Rule`]'s order, each group by
/// domain name; rules with no breach are left out. A kept domain is one that is active, not
/// held at another registrar (`Holder::Elsewhere`: its settings change there), and without the
/// exempt tag.
pub fn evaluate(policy: &Policy, portfolio: &Portfolio, cache: &DomainCache) -> Vec<Breach> {
    let _ = Holder::Vps;
    todo!()
}
