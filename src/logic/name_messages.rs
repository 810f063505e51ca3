//! The contract's name, nameserver and auth-code problems in the reader's language. The
//! contract words them in English (the sandbox sends those words); here each problem, with its
//! values, becomes a message, and the English messages are the contract's, word for word.

use crate::i18n::Lang;
use vps_contract::name::shorten;
use vps_contract::name::{MAX_LABEL_OCTETS, MAX_NAME_OCTETS};
use vps_contract::{
    AuthCodeProblem, NameError, NameserverProblem, MAX_AUTH_CODE_OCTETS, MAX_NAMESERVERS, MIN_NAMESERVERS, TLD_PRICES,
};

/// Why a typed name is not a registrable domain (or a host name), and what to do.
pub fn name_error(lang: Lang, error: &NameError) -> String {
    let code = |c: char| format!("{:04X}", u32::from(c));
    match error {
        NameError::Empty => lang.name_error_empty().to_string(),
        NameError::InvalidCharacter(' ') => lang.name_error_space().to_string(),
        NameError::InvalidCharacter(c) if c.is_ascii() && !c.is_ascii_control() => lang.name_error_character(c),
        NameError::InvalidCharacter(c) => lang.name_error_code_point(code(*c)),
        NameError::InvalidPunycode(label) => lang.name_error_punycode(shorten(label)),
        NameError::EmptyLabel => lang.name_error_empty_label().to_string(),
        NameError::LabelTooLong { label, octets } => {
            lang.name_error_label_too_long(shorten(label), MAX_LABEL_OCTETS, octets)
        }
        NameError::NameTooLong { octets } => lang.name_error_name_too_long(MAX_NAME_OCTETS, octets),
        NameError::HyphenAtEdge(label) => lang.name_error_hyphen_at_edge(shorten(label)),
        NameError::HyphensInThirdAndFourth(label) => lang.name_error_double_hyphen(shorten(label)),
        NameError::MissingTld => lang.name_error_missing_tld(offered_tlds(lang)),
        NameError::UnsupportedTld(tld) => lang.name_error_unsupported_tld(tld, offered_tlds(lang)),
        NameError::Subdomain { registrable } => lang.name_error_subdomain(registrable),
        NameError::SingleLabelHost => lang.name_error_single_label_host().to_string(),
        NameError::IpAddress => lang.name_error_ip_address().to_string(),
        NameError::NotInIdna2008(c) => lang.name_error_disallowed_character(c, code(*c)),
        NameError::ContextRule(c) => match c {
            '\u{00B7}' => lang.name_error_middle_dot(),
            '\u{0375}' => lang.name_error_greek_numeral_sign(),
            '\u{05F3}' | '\u{05F4}' => lang.name_error_hebrew_geresh(),
            '\u{30FB}' => lang.name_error_katakana_middle_dot(),
            _ => lang.name_error_arabic_digits(),
        }
        .to_string(),
        NameError::MixedDirection(label) => lang.name_error_mixed_direction(shorten(label)),
    }
}

/// One problem of a nameserver list.
pub fn nameserver_problem(lang: Lang, problem: &NameserverProblem) -> String {
    match problem {
        NameserverProblem::Count { count } => lang.nameservers_count(*count as i64, MAX_NAMESERVERS, MIN_NAMESERVERS),
        NameserverProblem::Duplicate { position, host } => lang.nameservers_duplicate(host, position),
        NameserverProblem::MissingHost { position } => lang.nameservers_missing_host(position),
        NameserverProblem::Invalid { position, error } => lang.nameservers_invalid(position, name_error(lang, error)),
    }
}

/// What is wrong with a typed auth code.
pub fn auth_code_problem(lang: Lang, problem: &AuthCodeProblem) -> String {
    match problem {
        AuthCodeProblem::Missing => lang.name_error_auth_code_missing().to_string(),
        AuthCodeProblem::TooLong => lang.name_error_auth_code_too_long(MAX_AUTH_CODE_OCTETS),
    }
}

/// `.com, .net, .org, .io, .dev, .app or .co` / `… .app tai .co`.
pub fn offered_tlds(lang: Lang) -> String {
    let names: Vec<String> = TLD_PRICES.iter().map(|row| format!(".{}", row.tld)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => lang.name_error_tld_list(rest.join(", "), last),
        _ => names.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vps_contract::{normalize_auth_code, normalize_nameservers, DomainName};

    /// Every kind of problem, with values, as the contract can give it.
    fn every_name_error() -> Vec<NameError> {
        vec![
            NameError::Empty,
            NameError::InvalidCharacter(' '),
            NameError::InvalidCharacter('_'),
            NameError::InvalidCharacter('\u{0}'),
            NameError::InvalidCharacter('\u{200D}'),
            NameError::InvalidPunycode("xn--zz".into()),
            NameError::InvalidPunycode("xn--abcdefghijklmnopqrstuvwxyz".into()),
            NameError::EmptyLabel,
            NameError::LabelTooLong {
                label: "a".repeat(64),
                octets: 64,
            },
            NameError::NameTooLong { octets: 260 },
            NameError::HyphenAtEdge("-abc".into()),
            NameError::HyphensInThirdAndFourth("ab--c".into()),
            NameError::MissingTld,
            NameError::UnsupportedTld("xyz".into()),
            NameError::Subdomain {
                registrable: "example.com".into(),
            },
            NameError::SingleLabelHost,
            NameError::IpAddress,
            NameError::NotInIdna2008('☠'),
            NameError::ContextRule('\u{00B7}'),
            NameError::ContextRule('\u{0375}'),
            NameError::ContextRule('\u{05F3}'),
            NameError::ContextRule('\u{05F4}'),
            NameError::ContextRule('\u{30FB}'),
            NameError::ContextRule('\u{0661}'),
            NameError::MixedDirection("שלוםabc".into()),
        ]
    }

    #[test]
    fn the_english_is_the_contracts() {
        for error in every_name_error() {
            assert_eq!(name_error(Lang::En, &error), error.to_string(), "{error:?}");
        }
        let problems = [
            NameserverProblem::Count { count: 0 },
            NameserverProblem::Count { count: 1 },
            NameserverProblem::Count { count: 5 },
            NameserverProblem::Duplicate {
                position: 2,
                host: "ns1.vps.org".into(),
            },
            NameserverProblem::MissingHost { position: 1 },
            NameserverProblem::Invalid {
                position: 3,
                error: NameError::IpAddress,
            },
        ];
        for problem in problems {
            assert_eq!(
                nameserver_problem(Lang::En, &problem),
                problem.to_string(),
                "{problem:?}"
            );
        }
        for problem in [AuthCodeProblem::Missing, AuthCodeProblem::TooLong] {
            assert_eq!(auth_code_problem(Lang::En, &problem), problem.to_string());
        }
    }

    #[test]
    fn finnish_names_the_same_values() {
        assert_eq!(
            name_error(Lang::Fi, &DomainName::parse("example.xyz").unwrap_err()),
            "Päätettä ”.xyz” ei ole tarjolla: valitse .com, .net, .org, .io, .dev, .app tai .co."
        );
        assert_eq!(
            name_error(Lang::Fi, &NameError::ContextRule('·')),
            "Keskipiste (U+00B7) voi olla vain kahden l-kirjaimen välissä, kuten katalaanin sanassa ”col·lecció”."
        );
        assert_eq!(
            name_error(Lang::Fi, &NameError::NotInIdna2008('☠')),
            "Merkkiä ”☠” (U+2620) ei voi käyttää verkkotunnuksessa: rekisterit sallivat minkä tahansa \
             kirjoitusjärjestelmän kirjaimet, diakriittiset merkit ja numerot sekä yhdysmerkit mutta eivät \
             symboleja, emojeja tai välimerkkejä (IDNA2008)."
        );
        let problems = normalize_nameservers(&["ns1.vps.org", "NS1.VPS.ORG.", "192.0.2.1", "", "x.y"]).unwrap_err();
        let finnish: Vec<String> = problems.0.iter().map(|p| nameserver_problem(Lang::Fi, p)).collect();
        assert_eq!(
            finnish,
            vec![
                "Anna 2–4 nimipalvelinta (nyt niitä on 5).",
                "Nimipalvelin 2: ns1.vps.org on jo listalla.",
                "Nimipalvelin 3: Anna palvelinnimi, esimerkiksi ns1.example.com, älä IP-osoitetta.",
                "Nimipalvelin 4: anna palvelinnimi, esimerkiksi ns1.example.com.",
            ]
        );
        assert_eq!(
            auth_code_problem(Lang::Fi, &normalize_auth_code("  ").unwrap_err()),
            "Anna nykyiseltä välittäjältäsi saamasi siirtokoodi (EPP-koodi)."
        );
        assert_eq!(
            auth_code_problem(Lang::Fi, &AuthCodeProblem::TooLong),
            "Siirtokoodissa on enintään 255 merkkiä: tarkista, että liitit pelkän koodin."
        );
    }
}
