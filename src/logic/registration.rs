//! The registration form as data: live validation of the name, the price quote, and the
//! request it becomes.

use crate::i18n::Lang;
use crate::logic::settings::{is_vps_preset, vps_preset};
use vps_contract::{
    normalize_nameservers, price_for_domain, Cents, DomainName, NameError, NameserverProblem, RegisterRequest,
    Timestamp, TldPrice, MAX_YEARS, MIN_YEARS,
};

/// What the person has typed and chosen. Kept as typed, so nothing is lost on an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterDraft {
    pub domain_name: String,
    pub years: i64,
    pub auto_renew: bool,
    pub privacy_protection: bool,
    /// VPS.org's pair unless the person chose custom nameservers.
    pub nameservers: Vec<String>,
}

impl Default for RegisterDraft {
    fn default() -> RegisterDraft {
        RegisterDraft {
            domain_name: String::new(),
            years: 1,
            auto_renew: true,
            privacy_protection: true,
            nameservers: vps_preset(),
        }
    }
}

/// What registering would cost and give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub name: DomainName,
    pub price: &'static TldPrice,
    pub years: i64,
    pub total: Cents,
    /// The expiry the registration gives, counted from `now`.
    pub expires: Timestamp,
}

/// The live verdict on the name field: `Ok(None)` while it is empty (nothing to say yet).
pub fn check_name(input: &str) -> Result<Option<DomainName>, NameError> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    DomainName::parse(input).map(Some)
}

pub fn quote(name: &DomainName, years: i64, now: Timestamp) -> Option<Quote> {
    let price = price_for_domain(name.as_str())?;
    let years = years.clamp(MIN_YEARS, MAX_YEARS);
    Some(Quote {
        name: name.clone(),
        price,
        years,
        total: price.registration_total(years),
        expires: now.plus_years(years),
    })
}

/// Problems that keep the form from being sent, by field (worded by `logic::name_messages`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftErrors {
    pub domain_name: Option<NameError>,
    pub nameservers: Vec<NameserverProblem>,
}

impl RegisterDraft {
    /// The request to send, or what to fix first.
    pub fn to_request(&self) -> Result<RegisterRequest, DraftErrors> {
        let mut errors = DraftErrors::default();
        let name = match check_name(&self.domain_name) {
            Ok(Some(name)) => Some(name),
            Ok(None) => {
                errors.domain_name = Some(NameError::Empty);
                None
            }
            Err(error) => {
                errors.domain_name = Some(error);
                None
            }
        };
        // VPS.org's pair is the provider's default: leave it out, as the provider's example in docs/api.md does.
        let nameservers = if !is_vps_preset(&self.nameservers) {
            match normalize_nameservers(&self.nameservers) {
                Ok(list) => Some(list),
                Err(problems) => {
                    errors.nameservers = problems.0;
                    None
                }
            }
        } else {
            None
        };
        match name {
            Some(name) if errors == DraftErrors::default() => Ok(RegisterRequest {
                domain_name: name.into_string(),
                years: self.years.clamp(MIN_YEARS, MAX_YEARS),
                auto_renew: self.auto_renew,
                privacy_protection: self.privacy_protection,
                nameservers,
            }),
            _ => Err(errors),
        }
    }
}

/// "Register {name} for 2 years." around the name, which the dialog shows in bold.
#[derive(Debug, PartialEq, Eq)]
pub struct Lead {
    pub before: String,
    pub after: String,
}

/// The lead of the registration's confirmation for `years`.
pub fn confirm_lead(lang: Lang, years: i64) -> Lead {
    const NAME: &str = "\u{1}";
    let sentence = lang.register_confirm_lead(years, NAME);
    match sentence.split_once(NAME) {
        Some((before, after)) => Lead {
            before: before.to_string(),
            after: after.to_string(),
        },
        None => Lead {
            before: sentence.clone(),
            after: String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::name_messages::{name_error, nameserver_problem};

    fn now() -> Timestamp {
        Timestamp::parse("2026-01-16T16:00:00Z").unwrap()
    }

    #[test]
    fn quotes_follow_the_table() {
        let name = DomainName::parse("mynewdomain.com").unwrap();
        let two_years = quote(&name, 2, now()).unwrap();
        assert_eq!(two_years.total, Cents(2598));
        assert_eq!(two_years.price.register, Cents(1299));
        assert_eq!(two_years.expires.to_rfc3339(), "2028-01-16T16:00:00Z");
        let io = quote(&DomainName::parse("x.io").unwrap(), 10, now()).unwrap();
        assert_eq!(io.total, Cents(39_990));
    }

    #[test]
    fn live_name_check() {
        assert_eq!(check_name("  "), Ok(None));
        assert_eq!(check_name("faß.com").unwrap().unwrap().as_str(), "xn--fa-hia.com");
        assert!(check_name("shop.example.com").is_err());
    }

    #[test]
    fn the_draft_becomes_a_request() {
        let draft = RegisterDraft {
            domain_name: "MyNewDomain.com".into(),
            years: 2,
            ..RegisterDraft::default()
        };
        let request = draft.to_request().unwrap();
        assert_eq!(request.domain_name, "mynewdomain.com");
        assert_eq!(
            (request.years, request.auto_renew, request.privacy_protection),
            (2, true, true)
        );
        assert_eq!(request.nameservers, None);

        let custom = RegisterDraft {
            nameservers: vec!["NS1.Example.net.".into(), "ns1.example.net".into()],
            ..draft.clone()
        };
        let errors = custom.to_request().unwrap_err();
        assert_eq!(
            errors.nameservers,
            vec![NameserverProblem::Duplicate {
                position: 2,
                host: "ns1.example.net".into()
            }]
        );
        assert_eq!(
            nameserver_problem(Lang::En, &errors.nameservers[0]),
            "Nameserver 2: ns1.example.net is already in the list."
        );
        assert_eq!(
            nameserver_problem(Lang::Fi, &errors.nameservers[0]),
            "Nimipalvelin 2: ns1.example.net on jo listalla."
        );
        assert_eq!(errors.domain_name, None);

        let empty = RegisterDraft::default().to_request().unwrap_err();
        assert_eq!(empty.domain_name, Some(NameError::Empty));
        assert_eq!(
            name_error(Lang::En, &NameError::Empty),
            "Enter a domain name, such as example.com."
        );
        assert_eq!(
            name_error(Lang::Fi, &NameError::Empty),
            "Kirjoita verkkotunnus, esimerkiksi example.com."
        );
    }

    #[test]
    fn the_lead_goes_around_the_name() {
        assert_eq!(
            confirm_lead(Lang::En, 1),
            Lead {
                before: "Register ".to_string(),
                after: " for 1 year.".to_string()
            }
        );
        assert_eq!(
            confirm_lead(Lang::En, 2),
            Lead {
                before: "Register ".to_string(),
                after: " for 2 years.".to_string()
            }
        );
        assert_eq!(
            confirm_lead(Lang::Fi, 2),
            Lead {
                before: "Rekisteröidään ".to_string(),
                after: " 2 vuodeksi.".to_string()
            }
        );
    }
}
