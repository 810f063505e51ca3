//! The transfer checklist: the provider's transfer requirements (docs/api.md), each checked where the app can
//! check it and stated where it cannot. The server stays the judge.

use crate::i18n::Lang;
use crate::intl;
use crate::logic::cache::{DomainRecord, Holder};
use vps_contract::{price_for_domain, transfer_eligible_from, Cents, DomainId, Timestamp, TRANSFER_MIN_AGE_DAYS};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckState {
    Passed,
    Failed,
    /// Not done yet (the auth code is still to be typed), or not known yet.
    Waiting,
    /// Something the app cannot check; it is stated so the person can.
    Stated,
}

/// What a line of the checklist asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Requirement {
    NoTransferPending,
    AtAnotherRegistrar,
    Unlocked,
    MinimumAge,
    AuthCode,
    WhoisEmail,
    IncludesRenewal,
}

impl Requirement {
    pub fn title(self, lang: Lang) -> String {
        match self {
            Requirement::NoTransferPending => lang.transfer_check_no_pending().to_string(),
            Requirement::AtAnotherRegistrar => lang.transfer_check_at_another_registrar().to_string(),
            Requirement::Unlocked => lang.transfer_check_unlocked().to_string(),
            Requirement::MinimumAge => lang.transfer_check_min_age(TRANSFER_MIN_AGE_DAYS),
            Requirement::AuthCode => lang.transfer_check_auth_code().to_string(),
            Requirement::WhoisEmail => lang.transfer_check_whois_email().to_string(),
            Requirement::IncludesRenewal => lang.transfer_check_renewal().to_string(),
        }
    }
}

/// Why a line has its state. `registrar` is the current registrar's name, where known.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Detail {
    AlreadyPending,
    HeldAt {
        registrar: String,
    },
    AlreadyAtVps,
    CheckingWhereHeld,
    Locked {
        registrar: Option<String>,
    },
    LockOff,
    RegisteredOn {
        registered: Timestamp,
    },
    TooYoung {
        registered: Timestamp,
        eligible: Timestamp,
        in_days: i64,
    },
    RegistrationUnknown,
    CodeMissing {
        registrar: Option<String>,
    },
    CodeEntered {
        registrar: Option<String>,
    },
    WhoisEmail {
        registrar: Option<String>,
    },
    Fee {
        fee: Cents,
    },
    FeeUnknown,
}

impl Detail {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Detail::AlreadyPending => lang.transfer_detail_already_pending().to_string(),
            Detail::HeldAt { registrar } => lang.transfer_detail_held_at(registrar),
            Detail::AlreadyAtVps => lang.transfer_detail_already_at_vps().to_string(),
            Detail::CheckingWhereHeld => lang.transfer_detail_checking().to_string(),
            Detail::Locked {
                registrar: Some(registrar),
            } => lang.transfer_detail_locked(registrar),
            Detail::Locked { registrar: None } => lang.transfer_detail_locked_unnamed().to_string(),
            Detail::LockOff => lang.transfer_detail_lock_off().to_string(),
            Detail::RegisteredOn { registered } => lang.transfer_detail_registered(intl::date(lang, *registered)),
            Detail::TooYoung {
                registered,
                eligible,
                in_days,
            } => lang.transfer_detail_too_young(
                intl::date(lang, *registered),
                TRANSFER_MIN_AGE_DAYS,
                intl::date(lang, *eligible),
                intl::relative_days(lang, *in_days),
            ),
            Detail::RegistrationUnknown => lang.transfer_detail_registration_unknown().to_string(),
            Detail::CodeMissing {
                registrar: Some(registrar),
            } => lang.transfer_detail_code_missing(registrar),
            Detail::CodeMissing { registrar: None } => lang.transfer_detail_code_missing_unnamed().to_string(),
            Detail::CodeEntered {
                registrar: Some(registrar),
            } => lang.transfer_detail_code_entered(registrar),
            Detail::CodeEntered { registrar: None } => lang.transfer_detail_code_entered_unnamed().to_string(),
            Detail::WhoisEmail {
                registrar: Some(registrar),
            } => lang.transfer_detail_whois_email(registrar),
            Detail::WhoisEmail { registrar: None } => lang.transfer_detail_whois_email_unnamed().to_string(),
            Detail::Fee { fee } => lang.transfer_detail_fee(intl::money(lang, *fee)),
            Detail::FeeUnknown => lang.transfer_detail_fee_unknown().to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Check {
    pub requirement: Requirement,
    pub detail: Detail,
    pub state: CheckState,
}

/// The checklist for moving `record` to VPS.org with the typed `auth_code`.
pub fn eligibility(record: &DomainRecord, auth_code: &str, now: Timestamp) -> Vec<Check> {
    let summary = &record.summary;
    let registrar = record.registrar.clone();
    let mut checks = Vec::with_capacity(6);

    checks.push(match (record.holder(), record.transfer_pending()) {
        (_, true) => Check {
            requirement: Requirement::NoTransferPending,
            detail: Detail::AlreadyPending,
            state: CheckState::Failed,
        },
        (Holder::Elsewhere, false) => Check {
            requirement: Requirement::AtAnotherRegistrar,
            detail: Detail::HeldAt {
                registrar: registrar.clone().unwrap_or_default(),
            },
            state: CheckState::Passed,
        },
        (Holder::Vps, false) => Check {
            requirement: Requirement::AtAnotherRegistrar,
            detail: Detail::AlreadyAtVps,
            state: CheckState::Failed,
        },
        (Holder::Unknown, false) => Check {
            requirement: Requirement::AtAnotherRegistrar,
            detail: Detail::CheckingWhereHeld,
            state: CheckState::Waiting,
        },
    });

    checks.push(if summary.locked {
        Check {
            requirement: Requirement::Unlocked,
            detail: Detail::Locked {
                registrar: registrar.clone(),
            },
            state: CheckState::Failed,
        }
    } else {
        Check {
            requirement: Requirement::Unlocked,
            detail: Detail::LockOff,
            state: CheckState::Passed,
        }
    });

    checks.push(match summary.registration_date {
        Some(registered) => {
            let eligible = transfer_eligible_from(registered);
            if now >= eligible {
                Check {
                    requirement: Requirement::MinimumAge,
                    detail: Detail::RegisteredOn { registered },
                    state: CheckState::Passed,
                }
            } else {
                Check {
                    requirement: Requirement::MinimumAge,
                    detail: Detail::TooYoung {
                        registered,
                        eligible,
                        in_days: now.whole_days_until(eligible).max(1),
                    },
                    state: CheckState::Failed,
                }
            }
        }
        None => Check {
            requirement: Requirement::MinimumAge,
            detail: Detail::RegistrationUnknown,
            state: CheckState::Waiting,
        },
    });

    checks.push(if auth_code.trim().is_empty() {
        Check {
            requirement: Requirement::AuthCode,
            detail: Detail::CodeMissing {
                registrar: registrar.clone(),
            },
            state: CheckState::Waiting,
        }
    } else {
        Check {
            requirement: Requirement::AuthCode,
            detail: Detail::CodeEntered {
                registrar: registrar.clone(),
            },
            state: CheckState::Passed,
        }
    });

    checks.push(Check {
        requirement: Requirement::WhoisEmail,
        detail: Detail::WhoisEmail { registrar },
        state: CheckState::Stated,
    });

    let fee = price_for_domain(&summary.domain_name).map(|price| price.transfer);
    checks.push(Check {
        requirement: Requirement::IncludesRenewal,
        detail: match fee {
            Some(fee) => Detail::Fee { fee },
            None => Detail::FeeUnknown,
        },
        state: CheckState::Stated,
    });
    checks
}

/// The app sends the transfer only when nothing it can check has failed or is missing.
pub fn ready_to_submit(checks: &[Check]) -> bool {
    checks
        .iter()
        .all(|check| matches!(check.state, CheckState::Passed | CheckState::Stated))
}

/// The ticks of the next-steps checklist, kept per domain in the browser's storage (no secrets).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NextSteps {
    pub steps: Vec<String>,
    pub done: Vec<bool>,
    #[serde(default)]
    pub estimated_completion: Option<String>,
}

impl NextSteps {
    pub fn new(steps: Vec<String>, estimated_completion: Option<Timestamp>) -> NextSteps {
        let done = vec![false; steps.len()];
        NextSteps {
            steps,
            done,
            estimated_completion: estimated_completion.map(|t| t.to_rfc3339()),
        }
    }

    pub fn toggle(&mut self, index: usize) {
        if let Some(done) = self.done.get_mut(index) {
            *done = !*done;
        }
    }

    pub fn storage_key(domain_id: DomainId) -> String {
        format!("vps-admin.transfer-steps.{domain_id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::cache::DomainCache;
    use vps_contract::test_support::domain;
    use vps_contract::TransferStatus;

    fn record(registrar: &str, locked: bool, registered: &str, transfer: Option<TransferStatus>) -> DomainRecord {
        let legacy = domain(106, "legacy-shop.com")
            .held_at(registrar)
            .locked(locked)
            .registered(registered);
        let legacy = match transfer {
            Some(status) => legacy.transfer(status, "2026-11-20T12:00:00Z"),
            None => legacy,
        };
        let mut cache = DomainCache::default();
        cache.merge_detail(legacy.detail());
        cache.get(DomainId(106)).unwrap().clone()
    }

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-27T12:00:00Z").unwrap()
    }

    fn states(checks: &[Check]) -> Vec<CheckState> {
        checks.iter().map(|check| check.state).collect()
    }

    #[test]
    fn an_eligible_domain_passes_once_the_code_is_typed() {
        let legacy = record("GoDaddy", false, "2024-11-27T12:00:00Z", None);
        let without_code = eligibility(&legacy, "  ", now());
        assert_eq!(without_code[3].state, CheckState::Waiting);
        assert!(!ready_to_submit(&without_code));
        let with_code = eligibility(&legacy, "Xy9Kl2Mn#4pQ", now());
        use CheckState::*;
        assert_eq!(states(&with_code), vec![Passed, Passed, Passed, Passed, Stated, Stated]);
        assert!(ready_to_submit(&with_code));
        assert_eq!(with_code[0].detail.text(Lang::En), "Held at GoDaddy.");
        assert_eq!(with_code[0].detail.text(Lang::Fi), "Rekisteröity välittäjällä GoDaddy.");
        assert_eq!(with_code[2].requirement.title(Lang::En), "At least 60 days old");
        assert_eq!(with_code[2].requirement.title(Lang::Fi), "Vähintään 60 päivää vanha");
        assert_eq!(
            with_code[5].detail.text(Lang::En),
            "The transfer costs $12.99 and adds one year to the expiry date."
        );
    }

    #[test]
    fn each_failed_rule_says_why() {
        let locked = eligibility(&record("Namecheap", true, "2025-11-27T12:00:00Z", None), "code", now());
        assert_eq!(locked[1].state, CheckState::Failed);
        assert_eq!(
            locked[1].detail.text(Lang::En),
            "It is locked. Turn off the registrar lock at Namecheap, then refresh this page."
        );
        assert!(locked[1].detail.text(Lang::Fi).contains("välittäjällä Namecheap"));

        let young = eligibility(&record("Gandi", false, "2026-11-17T12:00:00Z", None), "code", now());
        assert_eq!(young[2].state, CheckState::Failed);
        assert_eq!(
            young[2].detail.text(Lang::En),
            "Registered 17 Nov 2026: registries refuse transfers for 60 days. It can move from 16 Jan 2027 (in 50 \
             days)."
        );
        assert!(!ready_to_submit(&young));

        let at_vps = eligibility(&record("VPS.org", true, "2023-01-01T00:00:00Z", None), "code", now());
        assert_eq!(at_vps[0].state, CheckState::Failed);

        let pending = eligibility(
            &record("GoDaddy", false, "2024-01-01T00:00:00Z", Some(TransferStatus::Pending)),
            "x",
            now(),
        );
        assert_eq!(pending[0].requirement.title(Lang::En), "No transfer already pending");
        assert_eq!(pending[0].requirement.title(Lang::Fi), "Ei keskeneräistä siirtoa");
        assert_eq!(pending[0].state, CheckState::Failed);
    }

    #[test]
    fn next_steps_tick_and_serialise() {
        let mut steps = NextSteps::new(vec!["a".into(), "b".into()], Timestamp::parse("2026-12-04T12:00:00Z"));
        steps.toggle(1);
        steps.toggle(7);
        assert_eq!(steps.done, vec![false, true]);
        let text = serde_json::to_string(&steps).unwrap();
        assert_eq!(serde_json::from_str::<NextSteps>(&text).unwrap(), steps);
    }
}
