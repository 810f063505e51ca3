//! The translations: `locales/en.json` and `locales/fi.json`, one message per key, become a
//! generated `Lang` with one method per message (rosetta). First they are checked against each
//! other, and the build fails on a key that one language has and the other lacks, on a
//! placeholder that differs, or on a plural without both of its forms: rosetta itself would
//! quietly fall back to English for a missing Finnish message.

use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::Path;

const LANGUAGES: [&str; 2] = ["en", "fi"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let catalogs: Vec<Map<String, Value>> = LANGUAGES.iter().map(|language| read(language)).collect();
    let problems = compare(&catalogs);
    if !problems.is_empty() {
        panic!(
            "\nThe translations in locales/ do not match:\n  {}\n",
            problems.join("\n  ")
        );
    }
    let mut config = rosetta_build::config().fallback("en");
    for language in LANGUAGES {
        config = config.source(language, format!("locales/{language}.json"));
    }
    if let Err(error) = config.generate() {
        panic!("\nlocales/: {error}\n");
    }
}

fn read(language: &str) -> Map<String, Value> {
    let path = Path::new("locales").join(format!("{language}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    match serde_json::from_str(&text) {
        Ok(Value::Object(messages)) => messages,
        Ok(_) => panic!("{}: expected one JSON object of messages", path.display()),
        Err(error) => panic!("{}: {error}", path.display()),
    }
}

/// Every key in every language, the same placeholders in each, both forms of each plural.
fn compare(catalogs: &[Map<String, Value>]) -> Vec<String> {
    let mut problems = Vec::new();
    let all: BTreeSet<&String> = catalogs.iter().flat_map(|catalog| catalog.keys()).collect();
    for key in all {
        let mut placeholders_seen: Option<BTreeSet<String>> = None;
        for (language, catalog) in LANGUAGES.iter().zip(catalogs) {
            let Some(message) = catalog.get(key) else {
                problems.push(format!("{key}: missing in locales/{language}.json"));
                continue;
            };
            let Some(text) = message.as_str() else {
                problems.push(format!("{key}: not a string in locales/{language}.json"));
                continue;
            };
            if text.trim().is_empty() {
                problems.push(format!("{key}: empty in locales/{language}.json"));
            }
            let found = placeholders(text);
            match &placeholders_seen {
                None => placeholders_seen = Some(found),
                Some(first) if *first != found => problems.push(format!(
                    "{key}: placeholders {found:?} in locales/{language}.json, {first:?} in locales/en.json"
                )),
                Some(_) => {}
            }
        }
        for (form, other) in [("_one", "_other"), ("_other", "_one")] {
            if let Some(stem) = key.strip_suffix(form) {
                if !catalogs[0].contains_key(&format!("{stem}{other}")) {
                    problems.push(format!("{key}: a plural needs {stem}{other} too"));
                }
            }
        }
    }
    problems
}

/// The `{name}`s in a message.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}
