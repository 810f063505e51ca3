//! The transfer checklist: the provider's transfer requirements (docs/api.md), each checked where the app can
//! check it and stated where it cannot. The server stays the judge.

use crate::logic::cache::DomainRecord;
use vps_contract::time::relative_days;
use vps_contract::{price_for_domain, transfer_eligible_from, Timestamp, TRANSFER_MIN_AGE_DAYS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckState {
    Passed,
    Failed,
    /// Not done yet (the auth code is still to be typed), or not known yet.
    Waiting,
    /// Something the app cannot check; it is stated so the person can.
    Stated,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub title: String,
    pub detail: String,
    pub state: CheckState,
}

fn min_age_title() -> String {
    format!("At least {TRANSFER_MIN_AGE_DAYS} days old")
}

/// The checklist for moving `record` to VPS.org with the typed `auth_code`.
pub fn eligibility(record: &DomainRecord, auth_code: &str, now: Timestamp) -> Vec<Check> {
    let summary = &record.summary;
    let registrar = record
        .registrar
        .clone()
        .unwrap_or_else(|| "the current registrar".to_string());
    let mut checks = Vec::with_capacity(6);

    checks.push(match (record.at_vps(), record.transfer_pending()) {
        (_, true) => Check {
            title: "No transfer already pending".into(),
            detail: "A transfer of this domain is already under way.".to_string(),
            state: CheckState::Failed,
        },
        (Some(false), false) => Check {
            title: "Registered at another registrar".into(),
            detail: format!("Held at {registrar}."),
            state: CheckState::Passed,
        },
        (Some(true), false) => Check {
            title: "Registered at another registrar".into(),
            detail: "It is already at VPS.org: there is nothing to transfer.".to_string(),
            state: CheckState::Failed,
        },
        (None, false) => Check {
            title: "Registered at another registrar".into(),
            detail: "Checking where it is held…".to_string(),
            state: CheckState::Waiting,
        },
    });

    checks.push(if summary.locked {
        Check {
            title: "Unlocked at the current registrar".into(),
            detail: format!("It is locked. Turn off the registrar lock at {registrar}, then refresh this page."),
            state: CheckState::Failed,
        }
    } else {
        Check {
            title: "Unlocked at the current registrar".into(),
            detail: "The registrar lock is off.".to_string(),
            state: CheckState::Passed,
        }
    });

    checks.push(match summary.registration_date {
        Some(registered) => {
            let eligible = transfer_eligible_from(registered);
            if now >= eligible {
                Check {
                    title: min_age_title(),
                    detail: format!("Registered {}.", registered.to_human_date()),
                    state: CheckState::Passed,
                }
            } else {
                Check {
                    title: min_age_title(),
                    detail: format!(
                        "Registered {}: registries refuse transfers for {TRANSFER_MIN_AGE_DAYS} days. It can move from {} ({}).",
                        registered.to_human_date(),
                        eligible.to_human_date(),
                        relative_days(now.whole_days_until(eligible).max(1))
                    ),
                    state: CheckState::Failed,
                }
            }
        }
        None => Check {
            title: min_age_title(),
            detail: "The registration date is not known; the API will check.".to_string(),
            state: CheckState::Waiting,
        },
    });

    checks.push(if auth_code.trim().is_empty() {
        Check {
            title: "A valid auth (EPP) code".into(),
            detail: format!("Get it from {registrar} and enter it below."),
            state: CheckState::Waiting,
        }
    } else {
        Check {
            title: "A valid auth (EPP) code".into(),
            detail: format!("Entered. {registrar} confirms it when you submit."),
            state: CheckState::Passed,
        }
    });

    checks.push(Check {
        title: "WHOIS e-mail reachable".into(),
        detail: format!(
            "{registrar} e-mails the domain's WHOIS contact to approve the transfer: make sure that mailbox works."
        ),
        state: CheckState::Stated,
    });

    let fee = price_for_domain(&summary.domain_name).map(|price| price.transfer);
    checks.push(Check {
        title: "Includes a one-year renewal".into(),
        detail: match fee {
            Some(fee) => format!("The transfer costs {fee} and adds one year to the expiry date."),
            None => "The transfer fee includes one year's renewal.".to_string(),
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

    pub fn storage_key(domain_id: u64) -> String {
        format!("vps-admin.transfer-steps.{domain_id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::cache::DomainCache;
    use vps_contract::{DnsManager, DomainDetail, DomainStatus, DomainSummary, TransferStatus, WhoisInfo};

    fn record(registrar: &str, locked: bool, registered: &str, transfer: Option<TransferStatus>) -> DomainRecord {
        let mut cache = DomainCache::default();
        cache.merge_detail(DomainDetail {
            summary: DomainSummary {
                id: 106,
                domain_name: "legacy-shop.com".into(),
                status: DomainStatus::Active,
                registration_date: Timestamp::parse(registered),
                expiration_date: Timestamp::parse("2027-03-27T00:00:00Z"),
                auto_renew: false,
                locked,
                nameservers: vec![],
                privacy_protection: false,
                dns_managed_by: DnsManager::External,
            },
            registrar: Some(registrar.into()),
            days_until_expiration: Some(120),
            whois_info: Some(WhoisInfo::default()),
            dns_records_count: Some(0),
            transfer_status: transfer,
            transfer_initiated_at: None,
            estimated_completion: None,
        });
        cache.get(106).unwrap().clone()
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
        assert!(with_code[5].detail.contains("$12.99"));
    }

    #[test]
    fn each_failed_rule_says_why() {
        let locked = eligibility(&record("Namecheap", true, "2025-11-27T12:00:00Z", None), "code", now());
        assert_eq!(locked[1].state, CheckState::Failed);
        assert!(locked[1].detail.contains("Namecheap"));

        let young = eligibility(&record("Gandi", false, "2026-11-17T12:00:00Z", None), "code", now());
        assert_eq!(young[2].state, CheckState::Failed);
        assert!(young[2].detail.contains("16 Jan 2027"), "{}", young[2].detail);
        assert!(!ready_to_submit(&young));

        let at_vps = eligibility(&record("VPS.org", true, "2023-01-01T00:00:00Z", None), "code", now());
        assert_eq!(at_vps[0].state, CheckState::Failed);

        let pending = eligibility(
            &record("GoDaddy", false, "2024-01-01T00:00:00Z", Some(TransferStatus::Pending)),
            "x",
            now(),
        );
        assert_eq!(pending[0].title, "No transfer already pending");
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
