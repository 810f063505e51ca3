//! UTS #46's own conformance cases (a sample of the file the idna crate ships, see
//! `data/IdnaTestV2-sample.txt`) through the native name check: what UTS #46 refuses, with every
//! check on (CheckHyphens, CheckBidi, CheckJoiners, STD3 rules, DNS lengths), is refused; what it
//! accepts comes out as its non-transitional ASCII — unless IDNA2008 refuses it, and then for
//! one of IDNA2008's own reasons.
#![cfg(feature = "uts46")]

use vps_contract::name::idna2008_to_ascii;
use vps_contract::NameError;

const CASES: &str = include_str!("data/IdnaTestV2-sample.txt");

/// The file's escapes: `\uXXXX` and `\x{XXXX}`.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (hex, skip) = if let Some(braced) = tail.strip_prefix("\\x{") {
            let end = braced.find('}').expect("a closing brace");
            (&braced[..end], 4 + end)
        } else if tail.starts_with("\\u") && tail.len() >= 6 {
            (&tail[2..6], 6)
        } else {
            out.push('\\');
            rest = &tail[1..];
            continue;
        };
        let code = u32::from_str_radix(hex, 16).expect("hex digits");
        // Lone surrogates cannot be in a Rust string: U+FFFD stands in, as a decoder would.
        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        rest = &tail[skip..];
    }
    out.push_str(rest);
    out
}

struct Case {
    line: String,
    source: String,
    /// Non-transitional ASCII, when UTS #46 gives one without an error.
    ascii: Option<String>,
    status: String,
}

fn cases() -> Vec<Case> {
    CASES
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let data = line.split('#').next().unwrap_or_default();
            let fields: Vec<&str> = data.split(';').map(str::trim).collect();
            let source = unescape(fields[0]);
            let to_unicode = if fields[1].is_empty() {
                source.clone()
            } else {
                unescape(fields[1])
            };
            let unicode_status = fields[2];
            let ascii = if fields[3].is_empty() {
                to_unicode
            } else {
                unescape(fields[3])
            };
            let ascii_status = if fields[4].is_empty() {
                unicode_status
            } else {
                fields[4]
            };
            let ok = ascii_status.is_empty() || ascii_status == "[]";
            Case {
                line: line.to_string(),
                source,
                ascii: ok.then_some(ascii),
                status: ascii_status.to_string(),
            }
        })
        .collect()
}

#[test]
fn uts46_conformance_sample() {
    let (mut accepted, mut refused, mut idna2008_only, mut newer) = (0, 0, 0, 0);
    for case in cases() {
        // The check trims spaces and drops one final dot (a typed name's root): those cases
        // test other things.
        let typed = case.source.trim() != case.source || case.source.ends_with('.');
        if typed {
            continue;
        }
        let ours = idna2008_to_ascii(&case.source);
        match (&case.ascii, ours) {
            // The sample is Unicode 16's; the crate's data is newer, and a code point it has
            // since assigned (V7 there: unassigned) is fine now.
            (None, Ok(ascii)) if case.status == "[V7]" && all_assigned(&vps_contract::unicode_form(&ascii)) => {
                newer += 1
            }
            (None, Ok(ascii)) => panic!("UTS #46 refuses, we accept as {ascii}: {}", case.line),
            (None, Err(_)) => refused += 1,
            (Some(expected), Ok(ascii)) => {
                assert_eq!(&ascii, expected, "{}", case.line);
                accepted += 1;
            }
            (Some(_), Err(NameError::NotInIdna2008(_) | NameError::ContextRule(_))) => {
                if std::env::var_os("SHOW_IDNA2008").is_some() {
                    eprintln!("IDNA2008 only: {}", case.line);
                }
                idna2008_only += 1
            }
            (Some(expected), Err(error)) => panic!("UTS #46 gives {expected}, we refuse ({error:?}): {}", case.line),
        }
    }
    eprintln!(
        "UTS #46 sample: {accepted} accepted alike, {refused} refused alike, {idna2008_only} refused by IDNA2008 only, {newer} assigned since Unicode 16"
    );
    assert!(newer <= 10, "{newer} cases only a newer Unicode would explain");
    assert!(
        accepted >= 50 && refused >= 800 && idna2008_only >= 10,
        "{accepted} / {refused} / {idna2008_only}"
    );
}

fn all_assigned(text: &str) -> bool {
    use icu_properties::props::GeneralCategory;
    use icu_properties::CodePointMapData;
    text.chars()
        .all(|c| CodePointMapData::<GeneralCategory>::new().get(c) != GeneralCategory::Unassigned)
}

#[test]
fn what_a_registry_refuses_and_why() {
    let refused = |name: &str| idna2008_to_ascii(name).unwrap_err();
    assert_eq!(refused("xn--ls8h.com"), NameError::NotInIdna2008('💩'));
    assert_eq!(refused("💩.net"), NameError::NotInIdna2008('💩'));
    assert_eq!(refused("xn--n3h.com"), NameError::NotInIdna2008('☃'));
    assert_eq!(refused("xn--ab-3n4a.com"), NameError::ContextRule('・'));
    assert_eq!(refused("aא.net"), NameError::MixedDirection("aא".into()));
    assert_eq!(idna2008_to_ascii("אב.net").as_deref(), Ok("xn--4dbc.net"));
    assert_eq!(idna2008_to_ascii("bücher.com").as_deref(), Ok("xn--bcher-kva.com"));
    assert_eq!(
        idna2008_to_ascii("カ・カ.com").map(|ascii| ascii.starts_with("xn--")),
        Ok(true)
    );
    assert!(refused("xn--ls8h.com").to_string().contains("U+1F4A9"));
    assert!(refused("aא.net")
        .to_string()
        .contains("mixes right-to-left and left-to-right"));
}
