//! The settings editor as data: the draft, what changed (only that is sent), the before/after
//! list shown before saving, and the consequences that need confirming.

use crate::i18n::Lang;
use crate::logic::format::{lock_state, on_off};
use crate::logic::name_messages::nameserver_problem;
use vps_contract::{
    normalize_host_name, normalize_nameservers, DomainSummary, NameserverProblem, Timestamp, UpdateRequest,
    VPS_NAMESERVERS,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsDraft {
    pub auto_renew: bool,
    pub privacy_protection: bool,
    pub locked: bool,
    /// As typed, one entry per row of the editor.
    pub nameservers: Vec<String>,
}

/// Before anything is known of a domain: the safe settings, and no nameservers.
impl Default for SettingsDraft {
    fn default() -> SettingsDraft {
        SettingsDraft {
            auto_renew: true,
            privacy_protection: true,
            locked: true,
            nameservers: Vec::new(),
        }
    }
}

impl SettingsDraft {
    pub fn from_summary(summary: &DomainSummary) -> SettingsDraft {
        SettingsDraft {
            auto_renew: summary.auto_renew,
            privacy_protection: summary.privacy_protection,
            locked: summary.locked,
            nameservers: summary.nameservers.clone(),
        }
    }
}

/// A setting the editor changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    AutoRenew,
    WhoisPrivacy,
    RegistrarLock,
    Nameservers,
}

impl Setting {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Setting::AutoRenew => lang.setting_auto_renew(),
            Setting::WhoisPrivacy => lang.setting_whois_privacy(),
            Setting::RegistrarLock => lang.setting_registrar_lock(),
            Setting::Nameservers => lang.setting_nameservers(),
        }
    }
}

/// A setting's value, before or after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingValue {
    /// On or off.
    Switch(bool),
    /// Locked or unlocked.
    Lock(bool),
    Nameservers(Vec<String>),
    /// In the account (before a removal), or removed from it (after): a bulk removal's review.
    InAccount(bool),
    /// Carries the tag or not: a bulk tag change's review.
    Tagged(bool),
}

impl SettingValue {
    /// `On`, `Locked`, `ns1.example.net, ns2.example.net`, `Removed`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SettingValue::Switch(on) => on_off(lang, *on).to_string(),
            SettingValue::Lock(locked) => lock_state(lang, *locked).to_string(),
            SettingValue::Nameservers(hosts) => hosts.join(", "),
            SettingValue::InAccount(true) => lang.bulk_state_in_account().to_string(),
            SettingValue::InAccount(false) => lang.bulk_state_removed().to_string(),
            SettingValue::Tagged(true) => lang.bulk_state_tagged().to_string(),
            SettingValue::Tagged(false) => lang.bulk_state_untagged().to_string(),
        }
    }
}

/// One changed setting, as the confirmation shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub setting: Setting,
    pub before: SettingValue,
    pub after: SettingValue,
}

/// A consequence to accept before saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Auto-renew turned off: the domain expires (on its expiry date, where known).
    AutoRenewOff { domain: String, expiry: Option<Timestamp> },
    /// The registrar lock turned off: anyone with the auth code can move the domain.
    Unlocking { domain: String },
}

impl Warning {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Warning::AutoRenewOff {
                domain,
                expiry: Some(expiry),
            } => lang.settings_warning_auto_renew_off(crate::intl::date(lang, *expiry), domain),
            Warning::AutoRenewOff { domain, expiry: None } => lang.settings_warning_auto_renew_off_undated(domain),
            Warning::Unlocking { domain } => lang.settings_warning_unlocking(domain),
        }
    }
}

/// What saving would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavePlan {
    pub request: UpdateRequest,
    pub changes: Vec<Change>,
    /// Consequences to accept before saving (unlocking, turning auto-renew off).
    pub warnings: Vec<Warning>,
}

/// Compares the draft with the domain as the server last said: only what differs is sent.
pub fn plan_save(
    current: &DomainSummary,
    draft: &SettingsDraft,
    domain_label: &str,
) -> Result<SavePlan, Vec<NameserverProblem>> {
    let nameservers = normalize_nameservers(&draft.nameservers).map_err(|problems| problems.0)?;
    let mut request = UpdateRequest::default();
    let mut changes = Vec::new();
    let mut warnings = Vec::new();
    if draft.auto_renew != current.auto_renew {
        request.auto_renew = Some(draft.auto_renew);
        changes.push(Change {
            setting: Setting::AutoRenew,
            before: SettingValue::Switch(current.auto_renew),
            after: SettingValue::Switch(draft.auto_renew),
        });
        if !draft.auto_renew {
            warnings.push(Warning::AutoRenewOff {
                domain: domain_label.to_string(),
                expiry: current.expiration_date,
            });
        }
    }
    if draft.privacy_protection != current.privacy_protection {
        request.privacy_protection = Some(draft.privacy_protection);
        changes.push(Change {
            setting: Setting::WhoisPrivacy,
            before: SettingValue::Switch(current.privacy_protection),
            after: SettingValue::Switch(draft.privacy_protection),
        });
    }
    if draft.locked != current.locked {
        request.locked = Some(draft.locked);
        changes.push(Change {
            setting: Setting::RegistrarLock,
            before: SettingValue::Lock(current.locked),
            after: SettingValue::Lock(draft.locked),
        });
        if !draft.locked {
            warnings.push(Warning::Unlocking {
                domain: domain_label.to_string(),
            });
        }
    }
    if nameservers != current.nameservers {
        changes.push(Change {
            setting: Setting::Nameservers,
            before: SettingValue::Nameservers(current.nameservers.clone()),
            after: SettingValue::Nameservers(nameservers.clone()),
        });
        request.nameservers = Some(nameservers);
    }
    Ok(SavePlan {
        request,
        changes,
        warnings,
    })
}

/// How one nameserver row reads once normalised (lower case, no trailing dot, punycode), for
/// the hint under the field; `None` when it is already in that form or cannot be read.
pub fn normalized_hint(entry: &str) -> Option<String> {
    let normalized = normalize_host_name(entry).ok()?;
    (normalized != entry).then_some(normalized)
}

/// Problems visible while typing: each filled row that is not a host name, and repeats.
/// Empty rows are left alone until the form is submitted.
fn live_problems(rows: &[String]) -> Vec<NameserverProblem> {
    let mut seen: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        if row.trim().is_empty() {
            continue;
        }
        let position = index + 1;
        match normalize_host_name(row) {
            Ok(host) if seen.contains(&host) => problems.push(NameserverProblem::Duplicate { position, host }),
            Ok(host) => seen.push(host),
            Err(error) => problems.push(NameserverProblem::Invalid { position, error }),
        }
    }
    problems
}

/// What the nameserver editor says, once each, in `lang`: the live problems; the whole list's
/// (empty rows too) once the form was submitted or every row is filled; and the server's, as it
/// words them (one that only repeats a problem found here, in the contract's English, is left out).
pub fn nameserver_problems(lang: Lang, rows: &[String], submitted: bool, from_server: &[String]) -> Vec<String> {
    let mut found = live_problems(rows);
    if submitted || rows.iter().all(|row| !row.trim().is_empty()) {
        for problem in normalize_nameservers(rows)
            .err()
            .map(|problems| problems.0)
            .unwrap_or_default()
        {
            if !found.contains(&problem) {
                found.push(problem);
            }
        }
    }
    let mut all: Vec<String> = found.iter().map(|problem| nameserver_problem(lang, problem)).collect();
    for message in from_server {
        let repeats = found.iter().any(|problem| problem.to_string() == *message);
        if !repeats && !all.contains(message) {
            all.push(message.clone());
        }
    }
    all
}

/// The two presets of the nameserver editor.
pub fn vps_preset() -> Vec<String> {
    VPS_NAMESERVERS.iter().map(|ns| ns.to_string()).collect()
}

pub fn is_vps_preset(nameservers: &[String]) -> bool {
    normalize_nameservers(nameservers).is_ok_and(|list| list == vps_preset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vps_contract::test_support::domain;

    #[test]
    fn live_problems_skip_empty_rows_and_catch_repeats() {
        let rows = vec![
            "ns1.example.net".to_string(),
            String::new(),
            "NS1.example.net.".to_string(),
        ];
        assert_eq!(
            live_problems(&rows),
            vec![NameserverProblem::Duplicate {
                position: 3,
                host: "ns1.example.net".into()
            }]
        );
        assert_eq!(live_problems(&["192.0.2.1".to_string()]).len(), 1);
        assert!(live_problems(&[String::new(), String::new()]).is_empty());
    }

    #[test]
    fn nameserver_problems_say_each_thing_once() {
        let one_row = vec!["ns1.example.net".to_string(), String::new()];
        assert!(
            nameserver_problems(Lang::En, &one_row, false, &[]).is_empty(),
            "an empty row waits for a submit"
        );
        let submitted = nameserver_problems(Lang::En, &one_row, true, &[]);
        assert_eq!(
            submitted,
            vec!["Nameserver 2: enter a host name such as ns1.example.com."],
            "a submit says what the empty row lacks"
        );
        let from_server = vec![
            submitted[0].clone(),
            "The registry refused ns1.example.net.".to_string(),
        ];
        let shown = nameserver_problems(Lang::En, &one_row, true, &from_server);
        assert_eq!(
            shown.len(),
            submitted.len() + 1,
            "the server's copy of a problem is not said twice: {shown:?}"
        );
        assert_eq!(
            nameserver_problems(Lang::Fi, &one_row, true, &from_server),
            vec![
                "Nimipalvelin 2: anna palvelinnimi, esimerkiksi ns1.example.com.",
                "The registry refused ns1.example.net.",
            ],
            "nor in Finnish, where the server's copy is in English"
        );
    }

    fn example() -> DomainSummary {
        domain(101, "example.com").expires("2028-01-15T10:30:00Z").summary()
    }

    #[test]
    fn nothing_changed_sends_nothing() {
        let current = example();
        let plan = plan_save(&current, &SettingsDraft::from_summary(&current), "example.com").unwrap();
        assert!(plan.request.is_empty());
        assert!(plan.changes.is_empty());
        // Typing the same servers differently is no change either.
        let draft = SettingsDraft {
            nameservers: vec!["NS1.VPS.ORG.".into(), " ns2.vps.org".into()],
            ..SettingsDraft::from_summary(&current)
        };
        assert!(plan_save(&current, &draft, "example.com").unwrap().request.is_empty());
    }

    #[test]
    fn only_changed_fields_are_sent_with_a_diff_and_warnings() {
        let current = example();
        let draft = SettingsDraft {
            auto_renew: false,
            locked: false,
            nameservers: vec!["ns1.cloudflare.com".into(), "NS2.cloudflare.com.".into()],
            ..SettingsDraft::from_summary(&current)
        };
        let plan = plan_save(&current, &draft, "example.com").unwrap();
        assert_eq!(
            serde_json::to_value(&plan.request).unwrap(),
            serde_json::json!({"auto_renew": false, "locked": false, "nameservers": ["ns1.cloudflare.com", "ns2.cloudflare.com"]})
        );
        assert_eq!(plan.changes.len(), 3);
        assert_eq!(plan.changes[0].setting.label(Lang::En), "Auto-renew");
        assert_eq!(plan.changes[0].before.text(Lang::En), "On");
        assert_eq!(plan.changes[0].after.text(Lang::Fi), "Pois");
        assert_eq!(plan.changes[1].after.text(Lang::En), "Unlocked");
        assert_eq!(plan.changes[2].setting.label(Lang::Fi), "Nimipalvelimet");
        assert_eq!(plan.changes[2].before.text(Lang::En), "ns1.vps.org, ns2.vps.org");
        assert_eq!(
            plan.changes[2].after.text(Lang::Fi),
            "ns1.cloudflare.com, ns2.cloudflare.com"
        );
        assert_eq!(plan.warnings.len(), 2);
        assert_eq!(
            plan.warnings[0].text(Lang::En),
            "With auto-renew off, example.com will expire on 15 Jan 2028 unless you renew it; after that it stops \
             resolving and can be lost."
        );
        assert!(plan.warnings[1].text(Lang::En).contains("transfer example.com"));
        assert!(plan.warnings[1].text(Lang::Fi).contains("verkkotunnuksen example.com"));
        let undated = Warning::AutoRenewOff {
            domain: "example.com".into(),
            expiry: None,
        };
        assert!(undated.text(Lang::En).contains("will expire at its expiry date"));
    }

    #[test]
    fn bad_nameservers_block_the_save() {
        let current = example();
        let draft = SettingsDraft {
            nameservers: vec!["ns1.vps.org".into()],
            ..SettingsDraft::from_summary(&current)
        };
        assert!(plan_save(&current, &draft, "example.com").is_err());
    }

    #[test]
    fn hints_and_presets() {
        assert_eq!(normalized_hint("NS1.Example.com."), Some("ns1.example.com".into()));
        assert_eq!(normalized_hint("ns1.example.com"), None);
        assert_eq!(normalized_hint("not a host"), None);
        assert!(is_vps_preset(&["ns1.vps.org".into(), "ns2.vps.org.".into()]));
        assert!(!is_vps_preset(&[
            "ns1.cloudflare.com".into(),
            "ns2.cloudflare.com".into()
        ]));
    }
}
