//! The messages: `locales/<language>/<area>.json`, one message per key, become a generated
//! `Lang` with one method per message (`OUT_DIR/messages.rs`, included by `src/i18n.rs`).
//!
//! First the catalogues are checked against each other, and the build fails on a key that one
//! language has and the other lacks (or files under another area), on a placeholder that
//! differs, on a plural without both of its forms, on an empty message.
//!
//! What is generated, per message:
//! - without values: `fn sign_out(&self) -> &'static str`, a `match` on the language;
//! - with values: `fn domains_updated(&self, ago: impl Display) -> String`, the values in
//!   alphabetical order, filled in by one shared `i18n::fill` (the templates are rewritten to
//!   positions, `{0}`, at build time), not a `format!` of its own in each language;
//! - a plural pair `<name>_one` / `<name>_other`: `fn domains(&self, count: i64, …) -> String`,
//!   the form chosen by the browser's `Intl.PluralRules` (`i18n::is_one`), `{count}` written by
//!   `intl::number` in the language's way.
//!
//! Each text stays inside its own method, so the release build's splitter moves it with the
//! code that uses it: a page's words travel in that page's chunk.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

const LANGUAGES: [(&str, &str); 2] = [("en", "En"), ("fi", "Fi")];

/// One language's catalogue: each key with its text and the area file it came from.
type Catalogue = BTreeMap<String, (String, String)>;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let catalogues: Vec<Catalogue> = LANGUAGES.iter().map(|(code, _)| read(code)).collect();
    let problems = compare(&catalogues);
    if !problems.is_empty() {
        panic!(
            "\nThe messages in locales/ do not match:\n  {}\n",
            problems.join("\n  ")
        );
    }
    let code = generate(&catalogues);
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("messages.rs");
    std::fs::write(&out, code).unwrap_or_else(|error| panic!("{}: {error}", out.display()));
}

fn read(language: &str) -> Catalogue {
    let dir = Path::new("locales").join(language);
    let mut areas: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
        .collect();
    areas.sort();
    let mut catalogue = Catalogue::new();
    for path in areas {
        let area = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let messages: Map<String, Value> = match serde_json::from_str(&text) {
            Ok(Value::Object(messages)) => messages,
            Ok(_) => panic!("{}: expected one JSON object of messages", path.display()),
            Err(error) => panic!("{}: {error}", path.display()),
        };
        for (key, value) in messages {
            let Some(text) = value.as_str() else {
                panic!("{}: {key} is not a string", path.display());
            };
            if let Some((_, other)) = catalogue.insert(key.clone(), (text.to_string(), area.clone())) {
                panic!("{}: {key} is in {other}.json too", path.display());
            }
        }
    }
    catalogue
}

/// Every key in every language, in the same area, with the same placeholders, both forms of
/// each plural, nothing empty.
fn compare(catalogues: &[Catalogue]) -> Vec<String> {
    let mut problems = Vec::new();
    let all: BTreeSet<&String> = catalogues.iter().flat_map(|catalogue| catalogue.keys()).collect();
    let (first_language, _) = LANGUAGES[0];
    for key in all {
        let Some((first_text, first_area)) = catalogues[0].get(key) else {
            problems.push(format!("{key}: missing in locales/{first_language}/"));
            continue;
        };
        for ((language, _), catalogue) in LANGUAGES.iter().zip(catalogues) {
            let Some((text, area)) = catalogue.get(key) else {
                problems.push(format!("{key}: missing in locales/{language}/{first_area}.json"));
                continue;
            };
            if area != first_area {
                problems.push(format!(
                    "{key}: in locales/{language}/{area}.json but locales/{first_language}/{first_area}.json"
                ));
            }
            if text.trim().is_empty() {
                problems.push(format!("{key}: empty in locales/{language}/{area}.json"));
            }
            let found = placeholders(text);
            let expected = placeholders(first_text);
            if found != expected {
                problems.push(format!(
                    "{key}: placeholders {found:?} in locales/{language}/, {expected:?} in locales/{first_language}/"
                ));
            }
        }
        for (form, other) in [("_one", "_other"), ("_other", "_one")] {
            if let Some(stem) = key.strip_suffix(form) {
                if !catalogues[0].contains_key(&format!("{stem}{other}")) {
                    problems.push(format!("{key}: a plural needs {stem}{other} too"));
                }
            }
        }
    }
    problems
}

/// The `{name}`s in a message, sorted: the order of the generated method's values.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// `text` with each `{name}` replaced by its position among `names`: `{0}`, `{1}`.
fn positional(text: &str, names: &[&str]) -> String {
    let mut text = text.to_string();
    for (index, name) in names.iter().enumerate() {
        text = text.replace(&format!("{{{name}}}"), &format!("{{{index}}}"));
    }
    text
}

/// The `match` on the language for one message: each language's text, as positions.
fn texts(catalogues: &[Catalogue], key: &str, names: &[&str]) -> String {
    let mut arms = String::new();
    for ((_, variant), catalogue) in LANGUAGES.iter().zip(catalogues) {
        let text = &catalogue[key].0;
        let _ = write!(arms, "Lang::{variant} => {:?}, ", positional(text, names));
    }
    format!("match self {{ {arms}}}")
}

fn doc(catalogues: &[Catalogue], key: &str) -> String {
    format!("    /// {:?}\n", catalogues[0][key].0)
}

fn generate(catalogues: &[Catalogue]) -> String {
    let mut code = String::from("// Generated by build.rs from locales/: do not edit.\n\n");
    code.push_str("/// A language of the app.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Lang {\n");
    for (_, variant) in LANGUAGES {
        let _ = writeln!(code, "    {variant},");
    }
    code.push_str("}\n\n#[allow(clippy::all)]\nimpl Lang {\n");
    for key in catalogues[0].keys() {
        if let Some(stem) = key.strip_suffix("_one") {
            let other = format!("{stem}_other");
            let names: BTreeSet<String> = placeholders(&catalogues[0][key].0)
                .into_iter()
                .chain(placeholders(&catalogues[0][&other].0))
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let values: Vec<String> = names
                .iter()
                .map(|name| {
                    if *name == "count" {
                        "&crate::intl::number(*self, count)".to_string()
                    } else {
                        format!("&{name}")
                    }
                })
                .collect();
            let params: String = names
                .iter()
                .filter(|name| **name != "count")
                .map(|name| format!(", {name}: impl ::std::fmt::Display"))
                .collect();
            code.push_str(&doc(catalogues, &other));
            let _ = writeln!(
                code,
                "    pub fn {stem}(&self, count: i64{params}) -> String {{\n        \
                 let template = if crate::i18n::is_one(*self, count) {{ {} }} else {{ {} }};\n        \
                 crate::i18n::fill(template, &[{}])\n    }}",
                texts(catalogues, key, &names),
                texts(catalogues, &other, &names),
                values.join(", ")
            );
            continue;
        }
        if key.ends_with("_other") {
            continue;
        }
        let names: BTreeSet<String> = placeholders(&catalogues[0][key].0);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        code.push_str(&doc(catalogues, key));
        if names.is_empty() {
            let _ = writeln!(
                code,
                "    pub fn {key}(&self) -> &'static str {{\n        {}\n    }}",
                texts(catalogues, key, &names)
            );
        } else {
            let params: String = names
                .iter()
                .map(|name| format!("{name}: impl ::std::fmt::Display"))
                .collect::<Vec<_>>()
                .join(", ");
            let values: String = names
                .iter()
                .map(|name| format!("&{name}"))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                code,
                "    pub fn {key}(&self, {params}) -> String {{\n        crate::i18n::fill({}, &[{values}])\n    }}",
                texts(catalogues, key, &names)
            );
        }
    }
    code.push_str("}\n");
    code
}
