//! The three ways a domain can be at risk, counted above the table and filtered by.

use crate::i18n::Lang;
use crate::logic::cache::DomainRecord;
use vps_contract::{DomainStatus, Timestamp};

/// Expiring "soon" means within this many days.
pub const SOON_DAYS: i64 = 30;

/// The three ways a domain can be at risk, each a link above the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Risk {
    /// Expires within 30 days and will not renew by itself.
    ExpiringSoon,
    Expired,
    /// Without the registrar lock, a domain can be transferred away.
    Unlocked,
}

impl Risk {
    pub const ALL: [Risk; 3] = [Risk::ExpiringSoon, Risk::Expired, Risk::Unlocked];

    pub fn as_str(self) -> &'static str {
        match self {
            Risk::ExpiringSoon => "expiring",
            Risk::Expired => "expired",
            Risk::Unlocked => "unlocked",
        }
    }

    pub fn parse(text: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|risk| risk.as_str() == text)
    }

    /// The risk card's title.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Risk::ExpiringSoon => lang.risk_expiring_title(),
            Risk::Expired => lang.risk_expired_title(),
            Risk::Unlocked => lang.risk_unlocked_title(),
        }
    }

    /// What the card counts, under its title.
    pub fn explanation(self, lang: Lang) -> String {
        match self {
            Risk::ExpiringSoon => lang.risk_expiring_explanation(SOON_DAYS),
            Risk::Expired => lang.risk_expired_explanation().to_string(),
            Risk::Unlocked => lang.risk_unlocked_explanation().to_string(),
        }
    }

    /// What the domains at this risk do, as in "No domains … ".
    pub fn predicate(self, lang: Lang) -> String {
        match self {
            Risk::ExpiringSoon => lang.risk_expiring_predicate(SOON_DAYS),
            Risk::Expired => lang.risk_expired_predicate().to_string(),
            Risk::Unlocked => lang.risk_unlocked_predicate().to_string(),
        }
    }

    pub fn applies(self, record: &DomainRecord, now: Timestamp) -> bool {
        let summary = &record.summary;
        match self {
            Risk::ExpiringSoon => {
                summary.status != DomainStatus::Expired
                    && !summary.auto_renew
                    && record
                        .days_left(now)
                        .is_some_and(|days| (0..=SOON_DAYS).contains(&days))
            }
            Risk::Expired => summary.status == DomainStatus::Expired,
            Risk::Unlocked => !summary.locked && summary.status != DomainStatus::Expired,
        }
    }
}
