//! The app in English and Finnish. Every wording is a message in `locales/<language>/<area>.json`
//! (checked against each other by `build.rs`), reached as a method of the generated `Lang`:
//! `lang.sign_out()`, with its values `lang.domains_updated(ago)`, a plural by its count
//! `lang.domains(count)`. Plain data, no signals: the chosen language is `state::language`.

use std::fmt::{Display, Write};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fi];

    /// The `<html lang>` and stored value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fi => "fi",
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fi => "Suomi",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The first visit's language from the browser's list: Finnish for any `fi*`, else English.
    pub fn from_preferences<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        let finnish = preferred
            .into_iter()
            .next()
            .is_some_and(|tag| tag.get(..2).is_some_and(|prefix| prefix.eq_ignore_ascii_case("fi")));
        if finnish {
            Lang::Fi
        } else {
            Lang::En
        }
    }
}

/// Whether `count` takes the singular form of a plural message (the generated plural methods
/// ask): the browser's `Intl.PluralRules` for the language.
pub fn is_one(lang: Lang, count: i64) -> bool {
    crate::intl::is_one(lang, count)
}

/// A message's template with its values in place: `{0}` is `values[0]`. One function for every
/// message (build.rs writes the templates with positions), so no message brings a `format!` of
/// its own. Anything else in braces is kept as written.
pub fn fill(template: &str, values: &[&dyn Display]) -> String {
    let mut filled = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((values.get(after[..close].parse::<usize>().ok()?)?, close)));
        match value {
            Some((value, close)) => {
                let _ = write!(filled, "{value}");
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_preferred_language_decides() {
        assert_eq!(Lang::from_preferences(["fi-FI", "en-US"]), Lang::Fi);
        assert_eq!(Lang::from_preferences(["FI"]), Lang::Fi);
        assert_eq!(Lang::from_preferences(["en-US", "fi"]), Lang::En);
        assert_eq!(Lang::from_preferences(["sv-FI"]), Lang::En);
        assert_eq!(Lang::from_preferences(["f"]), Lang::En);
        assert_eq!(Lang::from_preferences([]), Lang::En);
        assert_eq!(Lang::from_code("fi"), Some(Lang::Fi));
        assert_eq!(Lang::from_code("sv"), None);
    }

    #[test]
    fn plurals_choose_their_form_by_count() {
        assert_eq!(
            (Lang::En.years(1), Lang::En.years(5)),
            ("1 year".into(), "5 years".into())
        );
        assert_eq!(
            (Lang::Fi.years(1), Lang::Fi.years(5)),
            ("1 vuosi".into(), "5 vuotta".into())
        );
        assert_eq!(Lang::Fi.domains(0), "0 verkkotunnusta");
        assert_eq!(Lang::En.domains(1), "1 domain");
        // The count is written as numbers are: thousands grouped.
        assert_eq!(Lang::En.domains(10_000), "10,000 domains");
    }

    #[test]
    fn values_fill_their_places_and_nothing_else() {
        assert_eq!(fill("{1} of {0}", &[&3, &"ten"]), "ten of 3");
        assert_eq!(fill("{0}{0}", &[&"a"]), "aa");
        assert_eq!(fill("{2} {x} {", &[&1]), "{2} {x} {");
        assert_eq!(fill("no values", &[]), "no values");
        assert_eq!(fill("päivää {0} €", &[&"5"]), "päivää 5 €");
    }

    #[test]
    fn each_language_orders_the_values_its_own_way() {
        // The values go by name in the catalogues, by position in the code: a language may
        // put them in another order.
        for lang in Lang::ALL {
            let text = lang.domains_batch_progress(3, "Lock", 10);
            assert!(
                text.contains('3') && text.contains("Lock") && text.contains("10"),
                "{text}"
            );
        }
    }
}
