//! The app in English and Finnish. Every wording is a message in `locales/<language>/<area>.json`
//! (checked against each other by `build.rs`), reached as a method of the generated `Lang`:
//! `lang.sign_out()`, with its values `lang.domains_updated(ago)`, a plural by its count
//! `lang.domains(count)`. Views read the language through `I18n`, so a switch re-renders the
//! words and nothing else: the page, the forms' contents and the scroll stay.

use leptos::prelude::*;
use std::fmt::{Display, Write};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// Where the choice is kept: it is not a secret, and it should outlive the tab.
const STORAGE_KEY: &str = "vps-admin.language";

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

/// The chosen language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The stored choice, else the browser's languages; `<html lang>` follows from here on.
    pub fn start() -> I18n {
        let lang = RwSignal::new(stored().unwrap_or_else(from_browser));
        Effect::new(move || {
            let lang = lang.get();
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", lang.code());
            }
        });
        I18n { lang }
    }

    /// The language, tracked: what reads it re-renders on a switch.
    pub fn get(&self) -> Lang {
        self.lang.get()
    }

    pub fn get_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// A message without values, following the language: `{i18n.text(Lang::sign_out)}`. The
    /// closure is one type for every message, so the views share one copy of the code that
    /// renders it (a closure per message would each bring their own).
    pub fn text(self, message: fn(&Lang) -> &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || message(&self.lang.get())
    }

    /// Switches, and remembers the choice for the next visit.
    pub fn set(&self, lang: Lang) {
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
        self.lang.set(lang);
    }
}

/// The language in context; English where none is provided (a component mounted alone).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        lang: RwSignal::new(Lang::En),
    })
}

fn stored() -> Option<Lang> {
    let storage = window().local_storage().ok().flatten()?;
    Lang::from_code(&storage.get_item(STORAGE_KEY).ok().flatten()?)
}

fn from_browser() -> Lang {
    let languages: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|language| language.as_string())
        .collect();
    Lang::from_preferences(languages.iter().map(String::as_str))
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
