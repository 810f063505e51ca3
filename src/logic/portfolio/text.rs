//! The portfolio's words: what changed and how, the policy's rules, and what went wrong with
//! a typed text, an import or the browser's storage. Each said here once.

use super::backup::Refusal;
use super::history::{By, Change, ChangeKind};
use super::policy::Rule;
use super::TextProblem;
use crate::i18n::Lang;
use crate::intl;
use crate::logic::format::{lock_state, on_off};
use vps_contract::{DomainStatus, Timestamp};

/// Why the browser's storage did not take a change (nothing already kept was lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// The quota is used up.
    Full,
    /// No storage at all (blocked, or a private window that refuses it).
    Unavailable,
}

impl StorageProblem {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            StorageProblem::Full => lang.portfolio_storage_full(),
            StorageProblem::Unavailable => lang.portfolio_storage_unavailable(),
        }
    }
}

pub fn problem_text(lang: Lang, problem: TextProblem) -> String {
    match problem {
        TextProblem::Empty => lang.portfolio_problem_empty().to_string(),
        TextProblem::Comma => lang.portfolio_problem_comma().to_string(),
        TextProblem::TooLong { max } => lang.portfolio_problem_too_long(intl::number(lang, max as i64)),
    }
}

impl ChangeKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ChangeKind::Appeared => lang.changes_kind_appeared(),
            ChangeKind::Left => lang.changes_kind_left(),
            ChangeKind::Status => lang.changes_kind_status(),
            ChangeKind::Expiry => lang.changes_kind_expiry(),
            ChangeKind::AutoRenew => lang.setting_auto_renew(),
            ChangeKind::Lock => lang.setting_registrar_lock(),
            ChangeKind::Privacy => lang.setting_whois_privacy(),
            ChangeKind::Nameservers => lang.setting_nameservers(),
        }
    }

    /// Its name in a URL (`?kind=lock`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Appeared => "appeared",
            ChangeKind::Left => "left",
            ChangeKind::Status => "status",
            ChangeKind::Expiry => "expiry",
            ChangeKind::AutoRenew => "auto_renew",
            ChangeKind::Lock => "lock",
            ChangeKind::Privacy => "privacy",
            ChangeKind::Nameservers => "nameservers",
        }
    }

    pub fn parse(text: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

impl By {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            By::Here => lang.changes_by_here(),
            By::Elsewhere => lang.changes_by_elsewhere(),
        }
    }
}

/// One stored value as people read it.
fn value(lang: Lang, kind: ChangeKind, stored: &str) -> String {
    let flag = |stored: &str| stored == "true";
    match kind {
        ChangeKind::AutoRenew | ChangeKind::Privacy => on_off(lang, flag(stored)).to_string(),
        ChangeKind::Lock => lock_state(lang, flag(stored)).to_string(),
        ChangeKind::Expiry => match stored.parse::<i64>() {
            Ok(seconds) => intl::date(lang, Timestamp(seconds)),
            Err(_) => lang.changes_no_expiry().to_string(),
        },
        ChangeKind::Status => match DomainStatus::parse(stored) {
            DomainStatus::Active => lang.status_active().to_string(),
            DomainStatus::Pending => lang.status_pending().to_string(),
            DomainStatus::Expired => lang.status_expired().to_string(),
            DomainStatus::Other(word) => word,
        },
        ChangeKind::Nameservers if stored.is_empty() => lang.changes_no_nameservers().to_string(),
        _ => stored.to_string(),
    }
}

impl Change {
    /// `Locked → Unlocked`, or the kind alone when it has no values (a domain that appeared).
    pub fn summary(&self, lang: Lang) -> String {
        match self.kind {
            ChangeKind::Appeared | ChangeKind::Left => self.kind.label(lang).to_string(),
            kind => lang.changes_from_to(
                value(lang, kind, &self.after),
                value(lang, kind, &self.before),
                kind.label(lang),
            ),
        }
    }
}

impl Rule {
    /// What the rule asks, as its group's title says it.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Rule::Locked => lang.policy_rule_locked(),
            Rule::AutoRenew => lang.policy_rule_auto_renew(),
            Rule::Privacy => lang.policy_rule_privacy(),
            Rule::Nameservers => lang.policy_rule_nameservers(),
        }
    }
}

impl Refusal {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Refusal::TooBig { bytes } => lang.backup_refused_too_big(intl::number(lang, (*bytes / 1024) as i64)),
            Refusal::NotJson => lang.backup_refused_not_json().to_string(),
            Refusal::NotABackup(detail) => lang.backup_refused_not_backup(detail),
            Refusal::OtherSchema(schema) => lang.backup_refused_schema(schema),
            Refusal::OtherAccount => lang.backup_refused_account().to_string(),
        }
    }
}
