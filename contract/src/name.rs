//! Domain names, nameserver host names and auth codes: normalised and checked exactly as the
//! contract states, with errors that say what to change.

use crate::pricing::{offered_tlds_sentence, tld_price};
use crate::wire::DnsManager;
#[cfg(feature = "uts46")]
use idna::AsciiDenyList;
use std::fmt;

pub const MAX_NAME_OCTETS: usize = 253;
pub const MAX_LABEL_OCTETS: usize = 63;
pub const MIN_NAMESERVERS: usize = 2;
pub const MAX_NAMESERVERS: usize = 4;
pub const VPS_NAMESERVERS: [&str; 2] = ["ns1.vps.org", "ns2.vps.org"];

/// Why a typed name is not a registrable domain (or a valid host name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameError {
    Empty,
    /// A character IDNA cannot map (`☠` is fine to map; `<` or a control character is not).
    InvalidCharacter(char),
    /// A label that starts `xn--` but is not valid punycode for an IDNA2008 label.
    InvalidPunycode(String),
    /// Two dots in a row, or a dot at the start.
    EmptyLabel,
    LabelTooLong {
        label: String,
        octets: usize,
    },
    NameTooLong {
        octets: usize,
    },
    HyphenAtEdge(String),
    /// `--` in the third and fourth positions outside an `xn--` label.
    HyphensInThirdAndFourth(String),
    MissingTld,
    UnsupportedTld(String),
    /// More than one label under the TLD: `shop.example.com`.
    Subdomain {
        registrable: String,
    },
    /// A host name needs at least two labels: `ns1.example.com`, not `localhost`.
    SingleLabelHost,
    /// Host names, not addresses: `192.0.2.1` is refused.
    IpAddress,
    /// A character UTS #46 lets through but IDNA2008 disallows: a symbol, emoji or punctuation.
    NotInIdna2008(char),
    /// A character IDNA2008 allows only in a context the label does not give it (RFC 5892's CONTEXTO).
    ContextRule(char),
    /// A label that fails the bidi rule (RFC 5893): right-to-left mixed with left-to-right.
    MixedDirection(String),
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => write!(f, "Enter a domain name, such as example.com."),
            NameError::InvalidCharacter(' ') => write!(f, "Remove the space: domain names cannot contain spaces."),
            NameError::InvalidCharacter(c) if c.is_ascii() && !c.is_ascii_control() => write!(
                f,
                "“{c}” cannot be used in a domain name: use letters, digits and hyphens."
            ),
            NameError::InvalidCharacter(c) => write!(
                f,
                "The character U+{:04X} cannot be used in a domain name: use letters, digits and hyphens.",
                u32::from(*c)
            ),
            NameError::InvalidPunycode(label) => write!(
                f,
                "“{}” is not valid punycode: type the name in its Unicode form instead.",
                shorten(label)
            ),
            NameError::EmptyLabel => write!(f, "Remove the extra dot: parts of a name cannot be empty."),
            NameError::LabelTooLong { label, octets } => write!(
                f,
                "“{}” is {octets} characters long: each part can have at most {MAX_LABEL_OCTETS}.",
                shorten(label)
            ),
            NameError::NameTooLong { octets } => write!(
                f,
                "The name is {octets} characters long: at most {MAX_NAME_OCTETS} are allowed."
            ),
            NameError::HyphenAtEdge(label) => write!(
                f,
                "“{}” starts or ends with a hyphen: a hyphen can only be inside a name.",
                shorten(label)
            ),
            NameError::HyphensInThirdAndFourth(label) => write!(
                f,
                "“{}” has “--” in the third and fourth places, which is reserved for punycode (xn--).",
                shorten(label)
            ),
            NameError::MissingTld => write!(
                f,
                "Add a TLD to the name, such as example.com ({} are offered).",
                offered_tlds_sentence()
            ),
            NameError::UnsupportedTld(tld) => write!(f, "“.{tld}” is not offered: choose {}.", offered_tlds_sentence()),
            NameError::Subdomain { registrable } => write!(
                f,
                "Register the name directly under its TLD ({registrable}); subdomains are made in DNS, not registered."
            ),
            NameError::SingleLabelHost => write!(f, "Use a full host name such as ns1.example.com."),
            NameError::IpAddress => write!(f, "Use a host name such as ns1.example.com, not an IP address."),
            NameError::NotInIdna2008(c) => write!(
                f,
                "“{c}” (U+{:04X}) cannot be used in a domain name: registries allow letters, marks and digits of any script, and hyphens, but no symbols, emoji or punctuation (IDNA2008).",
                u32::from(*c)
            ),
            NameError::ContextRule(c) => f.write_str(match c {
                '\u{00B7}' => "The middle dot (U+00B7) can only stand between two l’s, as in Catalan “col·lecció”.",
                '\u{0375}' => "The Greek numeral sign (U+0375) can only stand before a Greek letter.",
                '\u{05F3}' | '\u{05F4}' => "The Hebrew geresh and gershayim (U+05F3, U+05F4) can only follow a Hebrew letter.",
                '\u{30FB}' => "The katakana middle dot “・” (U+30FB) can only be used in a name with kana or kanji.",
                _ => "Arabic-Indic digits (U+0660–U+0669) and extended Arabic-Indic digits (U+06F0–U+06F9) cannot be mixed in one part of a name.",
            }),
            NameError::MixedDirection(label) => write!(
                f,
                "“{}” mixes right-to-left and left-to-right: a part of a name written right to left starts with a right-to-left letter, ends with one or a digit, and has no left-to-right letters.",
                shorten(label)
            ),
        }
    }
}

impl std::error::Error for NameError {}

/// A label as a message quotes it: whole when short, else its first 24 characters and "…".
pub fn shorten(label: &str) -> String {
    const SHOWN: usize = 24;
    if label.chars().count() <= SHOWN {
        label.to_string()
    } else {
        format!("{}…", label.chars().take(SHOWN).collect::<String>())
    }
}

/// UTS #46 processing (non-transitional) of a name: mapping, normalisation, punycode.
/// `None` when it fails.
///
/// Natively (the `uts46` feature, on by default) this is the `idna` crate with ICU4X data. The
/// wasm app leaves that feature out and installs the browser's own UTS #46 (its URL parser) with
/// [`set_uts46`], which spares it ~45 KB of compressed tables; without either, only ASCII passes.
#[cfg(feature = "uts46")]
fn uts46_to_ascii(name: &str) -> Option<String> {
    idna::domain_to_ascii_cow(name.as_bytes(), AsciiDenyList::EMPTY)
        .ok()
        .map(|ascii| ascii.into_owned())
}

#[cfg(not(feature = "uts46"))]
static UTS46: std::sync::OnceLock<fn(&str) -> Option<String>> = std::sync::OnceLock::new();

/// Installs the UTS #46 implementation used when the `uts46` feature is off (once; later calls
/// are ignored).
#[cfg(not(feature = "uts46"))]
pub fn set_uts46(to_ascii: fn(&str) -> Option<String>) {
    let _ = UTS46.set(to_ascii);
}

#[cfg(not(feature = "uts46"))]
fn uts46_to_ascii(name: &str) -> Option<String> {
    match UTS46.get() {
        Some(to_ascii) => to_ascii(name),
        None => name.is_ascii().then(|| name.to_ascii_lowercase()),
    }
}

/// IDNA2008's rules, where the `uts46` feature (and its Unicode property data) is left out: the
/// wasm app supplies them from the browser's regular expressions, so that it refuses what the
/// sandbox refuses, in the same words.
#[cfg(not(feature = "uts46"))]
#[derive(Clone, Copy)]
pub struct Idna2008 {
    /// One label's Unicode form: a disallowed character, or a context rule that fails.
    pub check_label: fn(&str) -> Result<(), NameError>,
    /// Whether a label holds a right-to-left letter (where a bidi failure lies).
    pub has_right_to_left: fn(&str) -> bool,
}

#[cfg(not(feature = "uts46"))]
static IDNA2008: std::sync::OnceLock<Idna2008> = std::sync::OnceLock::new();

/// Installs IDNA2008's rules used when the `uts46` feature is off (once; later calls are
/// ignored). Without them, only UTS #46 applies.
#[cfg(not(feature = "uts46"))]
pub fn set_idna2008(rules: Idna2008) {
    let _ = IDNA2008.set(rules);
}

#[cfg(feature = "uts46")]
fn idna2008_check_label(label: &str) -> Result<(), NameError> {
    crate::idna2008::check_label(label)
}

#[cfg(not(feature = "uts46"))]
fn idna2008_check_label(label: &str) -> Result<(), NameError> {
    IDNA2008.get().map_or(Ok(()), |rules| (rules.check_label)(label))
}

#[cfg(feature = "uts46")]
fn has_right_to_left(label: &str) -> bool {
    crate::idna2008::has_right_to_left(label)
}

#[cfg(not(feature = "uts46"))]
fn has_right_to_left(label: &str) -> bool {
    IDNA2008.get().is_some_and(|rules| (rules.has_right_to_left)(label))
}

/// Trim, lower-case, drop one trailing dot, and convert to ASCII by UTS #46 (non-transitional).
fn to_ascii(input: &str) -> Result<String, NameError> {
    let trimmed = input.trim();
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    if trimmed.is_empty() {
        return Err(NameError::Empty);
    }
    if let Some(space) = trimmed.chars().find(|c| c.is_whitespace()) {
        return Err(NameError::InvalidCharacter(space));
    }
    let ascii = uts46_to_ascii(trimmed).ok_or_else(|| diagnose_uts46_failure(trimmed))?;
    // UTS #46 passes what a registry refuses (emoji, symbols): IDNA2008 decides.
    for label in ascii.split('.') {
        if let Some(unicode) = decode_label(label) {
            idna2008_check_label(&unicode)?;
        }
    }
    Ok(ascii)
}

/// A name converted as a registry converts it — UTS #46 (non-transitional) then IDNA2008's
/// classes, CheckHyphens, CheckBidi and CheckJoiners — into LDH labels, without the rules of
/// registrable names (TLD, one label under it): the conformance test's entry point.
#[cfg(feature = "uts46")]
pub fn idna2008_to_ascii(input: &str) -> Result<String, NameError> {
    let ascii = to_ascii(input)?;
    check_labels(&ascii)?;
    Ok(ascii)
}

/// UTS #46 says only "failed": find the label or character to blame, so the message can name it.
fn diagnose_uts46_failure(name: &str) -> NameError {
    for label in name.split('.') {
        if label.to_ascii_lowercase().starts_with("xn--") && uts46_to_ascii(label).is_none() {
            return NameError::InvalidPunycode(label.to_string());
        }
    }
    let mut buffer = [0u8; 4];
    for c in name.chars() {
        if uts46_to_ascii(c.encode_utf8(&mut buffer)).is_none() {
            return NameError::InvalidCharacter(c);
        }
    }
    // Every character maps alone but not together: a bidi rule (name the label that breaks it)…
    if let Some(label) = name.split('.').find(|label| has_right_to_left(label)) {
        return NameError::MixedDirection(label.to_string());
    }
    // …or a joiner rule: blame the first non-ASCII character.
    NameError::InvalidCharacter(name.chars().find(|c| !c.is_ascii()).unwrap_or('?'))
}

/// The Unicode form of one `xn--` label, if its punycode decodes.
fn decode_label(label: &str) -> Option<String> {
    idna::punycode::decode_to_string(label.strip_prefix("xn--")?)
}

/// Letters, digits and hyphens; 1–63 octets; no hyphen at either end; `--` in places 3–4
/// only in an `xn--` label (whose punycode IDNA already checked).
fn check_label(label: &str) -> Result<(), NameError> {
    if label.is_empty() {
        return Err(NameError::EmptyLabel);
    }
    if let Some(bad) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
        return Err(NameError::InvalidCharacter(bad));
    }
    if label.len() > MAX_LABEL_OCTETS {
        return Err(NameError::LabelTooLong {
            label: label.to_string(),
            octets: label.len(),
        });
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(NameError::HyphenAtEdge(label.to_string()));
    }
    if label.get(2..4) == Some("--") {
        if !label.starts_with("xn--") {
            return Err(NameError::HyphensInThirdAndFourth(label.to_string()));
        }
        // Valid only if it decodes to Unicode that UTS #46 maps back to exactly this label.
        let decoded = decode_label(label).filter(|unicode| !unicode.is_ascii());
        if decoded.and_then(|unicode| uts46_to_ascii(&unicode)).as_deref() != Some(label) {
            return Err(NameError::InvalidPunycode(label.to_string()));
        }
    }
    Ok(())
}

fn check_labels(ascii: &str) -> Result<Vec<&str>, NameError> {
    let labels: Vec<&str> = ascii.split('.').collect();
    for label in &labels {
        check_label(label)?;
    }
    if ascii.len() > MAX_NAME_OCTETS {
        return Err(NameError::NameTooLong { octets: ascii.len() });
    }
    Ok(labels)
}

/// A registrable domain name: exactly one label under an offered TLD, in ASCII (punycode).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DomainName(String);

impl DomainName {
    /// Normalises and validates what a person typed (or a client sent).
    pub fn parse(input: &str) -> Result<DomainName, NameError> {
        let ascii = to_ascii(input)?;
        let labels = check_labels(&ascii)?;
        let tld = labels.last().copied().unwrap_or_default();
        if labels.len() < 2 {
            return Err(NameError::MissingTld);
        }
        if tld_price(tld).is_none() {
            return Err(NameError::UnsupportedTld(tld.to_string()));
        }
        if labels.len() > 2 {
            let registrable = labels[labels.len() - 2..].join(".");
            return Err(NameError::Subdomain {
                registrable: unicode_form(&registrable),
            });
        }
        Ok(DomainName(ascii))
    }

    /// The ASCII form the API speaks (`xn--fa-hia.com`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The TLD without its dot.
    pub fn tld(&self) -> &str {
        self.0.rsplit('.').next().unwrap_or_default()
    }

    /// The form people read (`faß.com`).
    pub fn unicode(&self) -> String {
        unicode_form(&self.0)
    }

    pub fn is_idn(&self) -> bool {
        self.0.split('.').any(|label| label.starts_with("xn--"))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Unicode form of an ASCII name for display; the input unchanged when it does not decode.
pub fn unicode_form(ascii: &str) -> String {
    if !ascii.contains("xn--") {
        return ascii.to_string();
    }
    let labels: Option<Vec<String>> = ascii
        .split('.')
        .map(|label| {
            if label.starts_with("xn--") {
                decode_label(label)
            } else {
                Some(label.to_string())
            }
        })
        .collect();
    labels
        .map(|labels| labels.join("."))
        .unwrap_or_else(|| ascii.to_string())
}

/// A nameserver host name: at least two LDH labels, any TLD, not an IP address.
pub fn normalize_host_name(input: &str) -> Result<String, NameError> {
    let ascii = to_ascii(input)?;
    if ascii.parse::<std::net::Ipv4Addr>().is_ok() || ascii.contains(':') {
        return Err(NameError::IpAddress);
    }
    let labels = check_labels(&ascii)?;
    if labels.len() < 2 {
        return Err(NameError::SingleLabelHost);
    }
    // An all-digit last label is how an address looks (`10.0.0.1`); no real TLD is numeric.
    if labels.last().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
        return Err(NameError::IpAddress);
    }
    Ok(ascii)
}

/// One problem with a list of nameservers; `position` counts rows from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameserverProblem {
    /// Fewer than [`MIN_NAMESERVERS`] or more than [`MAX_NAMESERVERS`] entries.
    Count { count: usize },
    /// The same host as an earlier row, once normalised.
    Duplicate { position: usize, host: String },
    /// An empty row.
    MissingHost { position: usize },
    /// A row that is not a host name.
    Invalid { position: usize, error: NameError },
}

impl fmt::Display for NameserverProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameserverProblem::Count { count } => write!(
                f,
                "Give between {MIN_NAMESERVERS} and {MAX_NAMESERVERS} nameservers (there {}).",
                match count {
                    1 => "is 1".to_string(),
                    n => format!("are {n}"),
                }
            ),
            NameserverProblem::Duplicate { position, host } => {
                write!(f, "Nameserver {position}: {host} is already in the list.")
            }
            NameserverProblem::MissingHost { position } => {
                write!(f, "Nameserver {position}: enter a host name such as ns1.example.com.")
            }
            NameserverProblem::Invalid { position, error } => write!(f, "Nameserver {position}: {error}"),
        }
    }
}

/// What is wrong with a list of nameservers: every problem, in list order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameserverErrors(pub Vec<NameserverProblem>);

impl fmt::Display for NameserverErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&messages.join(" "))
    }
}

/// Normalises a nameserver list: 2–4 valid host names, no duplicates, order kept.
pub fn normalize_nameservers<S: AsRef<str>>(entries: &[S]) -> Result<Vec<String>, NameserverErrors> {
    let mut problems = Vec::new();
    if entries.len() < MIN_NAMESERVERS || entries.len() > MAX_NAMESERVERS {
        problems.push(NameserverProblem::Count { count: entries.len() });
    }
    let mut normalized: Vec<String> = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let position = index + 1;
        match normalize_host_name(entry.as_ref()) {
            Ok(host) if normalized.contains(&host) => problems.push(NameserverProblem::Duplicate { position, host }),
            Ok(host) => normalized.push(host),
            Err(NameError::Empty) => problems.push(NameserverProblem::MissingHost { position }),
            Err(error) => problems.push(NameserverProblem::Invalid { position, error }),
        }
    }
    if problems.is_empty() {
        Ok(normalized)
    } else {
        Err(NameserverErrors(problems))
    }
}

/// VPS.org when every nameserver is a host under vps.org, else external.
pub fn dns_managed_by<S: AsRef<str>>(nameservers: &[S]) -> DnsManager {
    let under_vps = |host: &str| host == "vps.org" || host.ends_with(".vps.org");
    if !nameservers.is_empty() && nameservers.iter().all(|ns| under_vps(ns.as_ref())) {
        DnsManager::VpsOrg
    } else {
        DnsManager::External
    }
}

/// The longest auth code accepted, in octets.
pub const MAX_AUTH_CODE_OCTETS: usize = 255;

/// Why an auth code cannot be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthCodeProblem {
    /// Nothing but white space.
    Missing,
    /// More than [`MAX_AUTH_CODE_OCTETS`]: more than the code was pasted.
    TooLong,
}

impl fmt::Display for AuthCodeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthCodeProblem::Missing => f.write_str("Enter the auth (EPP) code from your current registrar."),
            AuthCodeProblem::TooLong => write!(
                f,
                "An auth code is at most {MAX_AUTH_CODE_OCTETS} characters: check that you pasted only the code."
            ),
        }
    }
}

impl std::error::Error for AuthCodeProblem {}

/// Auth codes are trimmed; empty after trimming is an error the person can fix.
pub fn normalize_auth_code(input: &str) -> Result<&str, AuthCodeProblem> {
    let code = input.trim();
    if code.is_empty() {
        Err(AuthCodeProblem::Missing)
    } else if code.len() > MAX_AUTH_CODE_OCTETS {
        Err(AuthCodeProblem::TooLong)
    } else {
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(input: &str) -> Result<String, NameError> {
        DomainName::parse(input).map(DomainName::into_string)
    }

    #[test]
    fn normalises_case_space_and_one_trailing_dot() {
        assert_eq!(parsed("  ExAmple.COM. "), Ok("example.com".into()));
        assert_eq!(parsed("mynewdomain.com"), Ok("mynewdomain.com".into()));
        assert_eq!(parsed("example.com.."), Err(NameError::EmptyLabel));
    }

    #[test]
    fn converts_unicode_to_punycode_non_transitionally() {
        assert_eq!(parsed("faß.com"), Ok("xn--fa-hia.com".into()));
        assert_eq!(parsed("FASS.com"), Ok("fass.com".into()));
        assert_eq!(parsed("bücher.io"), Ok("xn--bcher-kva.io".into()));
        assert_eq!(parsed("xn--bcher-kva.io"), Ok("xn--bcher-kva.io".into()));
        let name = DomainName::parse("münchen.dev").unwrap();
        assert!(name.is_idn());
        assert_eq!(name.unicode(), "münchen.dev");
        // Full-width letters and the ideographic full stop map to their plain forms.
        assert_eq!(parsed("ｅｘａｍｐｌｅ。com"), Ok("example.com".into()));
    }

    #[test]
    fn one_label_under_an_offered_tld() {
        assert_eq!(parsed("example"), Err(NameError::MissingTld));
        assert_eq!(parsed("example.xyz"), Err(NameError::UnsupportedTld("xyz".into())));
        assert_eq!(
            parsed("shop.example.com"),
            Err(NameError::Subdomain {
                registrable: "example.com".into()
            })
        );
        for tld in ["com", "net", "org", "io", "dev", "app", "co"] {
            assert!(parsed(&format!("name.{tld}")).is_ok(), "{tld}");
        }
    }

    #[test]
    fn letters_digits_hyphens_only() {
        assert_eq!(parsed("my_site.com"), Err(NameError::InvalidCharacter('_')));
        assert_eq!(parsed("my site.com"), Err(NameError::InvalidCharacter(' ')));
        assert_eq!(parsed("-abc.com"), Err(NameError::HyphenAtEdge("-abc".into())));
        assert_eq!(parsed("abc-.com"), Err(NameError::HyphenAtEdge("abc-".into())));
        assert_eq!(
            parsed("ab--c.com"),
            Err(NameError::HyphensInThirdAndFourth("ab--c".into()))
        );
        assert_eq!(parsed("a-b-c.com"), Ok("a-b-c.com".into()));
        assert_eq!(parsed("123.com"), Ok("123.com".into()));
        assert!(matches!(parsed("xn--zz.com"), Err(NameError::InvalidPunycode(_))));
        assert!(parsed("xn--.com").is_err());
        assert!(parsed("exa<mple.com").is_err());
        assert!(parsed("exam\u{0}ple.com").is_err());
    }

    #[test]
    fn length_limits() {
        let label63 = "a".repeat(63);
        assert!(parsed(&format!("{label63}.com")).is_ok());
        assert_eq!(
            parsed(&format!("{}.com", "a".repeat(64))),
            Err(NameError::LabelTooLong {
                label: "a".repeat(64),
                octets: 64
            })
        );
        assert_eq!(parsed(""), Err(NameError::Empty));
        assert_eq!(parsed("   "), Err(NameError::Empty));
        assert_eq!(parsed("."), Err(NameError::Empty));
    }

    #[test]
    fn messages_say_what_to_do() {
        assert_eq!(
            NameError::UnsupportedTld("xyz".into()).to_string(),
            "“.xyz” is not offered: choose .com, .net, .org, .io, .dev, .app or .co."
        );
        assert!(NameError::Subdomain {
            registrable: "example.com".into()
        }
        .to_string()
        .contains("example.com"));
        assert!(NameError::InvalidCharacter('_')
            .to_string()
            .contains("letters, digits and hyphens"));
    }

    #[test]
    fn nameserver_lists() {
        assert_eq!(
            normalize_nameservers(&["NS1.Cloudflare.com.", " ns2.cloudflare.com"]),
            Ok(vec!["ns1.cloudflare.com".to_string(), "ns2.cloudflare.com".to_string()])
        );
        let one = normalize_nameservers(&["ns1.vps.org"]).unwrap_err();
        assert_eq!(one.0, vec![NameserverProblem::Count { count: 1 }]);
        assert_eq!(one.to_string(), "Give between 2 and 4 nameservers (there is 1).");
        let five: Vec<String> = (1..=5).map(|n| format!("ns{n}.example.com")).collect();
        assert_eq!(
            normalize_nameservers(&five).unwrap_err().to_string(),
            "Give between 2 and 4 nameservers (there are 5)."
        );
        let duplicate = normalize_nameservers(&["ns1.vps.org", "NS1.VPS.ORG."]).unwrap_err();
        assert_eq!(
            duplicate.0,
            vec![NameserverProblem::Duplicate {
                position: 2,
                host: "ns1.vps.org".into()
            }]
        );
        assert_eq!(
            duplicate.to_string(),
            "Nameserver 2: ns1.vps.org is already in the list."
        );
        assert_eq!(
            normalize_nameservers(&["192.0.2.1", "ns2.vps.org"])
                .unwrap_err()
                .to_string(),
            "Nameserver 1: Use a host name such as ns1.example.com, not an IP address."
        );
        assert!(normalize_nameservers(&["2001:db8::1", "ns2.vps.org"]).is_err());
        assert!(normalize_nameservers(&["localhost", "ns2.vps.org"]).is_err());
        assert_eq!(
            normalize_nameservers(&["", "ns2.vps.org"]).unwrap_err().to_string(),
            "Nameserver 1: enter a host name such as ns1.example.com."
        );
        // Any TLD is fine for a nameserver.
        assert!(normalize_nameservers(&["a.ns.example.xyz", "b.ns.example.museum"]).is_ok());
    }

    #[test]
    fn dns_management_follows_the_nameservers() {
        assert_eq!(dns_managed_by(&VPS_NAMESERVERS), DnsManager::VpsOrg);
        assert_eq!(
            dns_managed_by(&["ns1.vps.org", "ns1.cloudflare.com"]),
            DnsManager::External
        );
        assert_eq!(dns_managed_by(&["ns1.notvps.org", "ns2.vps.org"]), DnsManager::External);
    }

    #[test]
    fn auth_codes_are_trimmed() {
        assert_eq!(normalize_auth_code("  Xy9Kl2Mn#4pQ\n"), Ok("Xy9Kl2Mn#4pQ"));
        assert_eq!(normalize_auth_code(" \t "), Err(AuthCodeProblem::Missing));
        assert_eq!(
            AuthCodeProblem::Missing.to_string(),
            "Enter the auth (EPP) code from your current registrar."
        );
        assert_eq!(normalize_auth_code(&"x".repeat(256)), Err(AuthCodeProblem::TooLong));
        assert_eq!(
            AuthCodeProblem::TooLong.to_string(),
            "An auth code is at most 255 characters: check that you pasted only the code."
        );
    }
}
