//! The app in English and Finnish. Every wording is a message in `locales/en.json` and
//! `locales/fi.json` (checked against each other by `build.rs`), reached as a method of the
//! generated `Lang`: `lang.sign_out()`, or with its values, `lang.domains_selected(count)`.
//! Views read the language through `I18n`, so a switch re-renders the words and nothing else:
//! the page, the forms' contents and the scroll stay.

use leptos::prelude::*;

rosetta_i18n::include_translations!();

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

/// English and Finnish count alike: "one" is exactly 1 (CLDR: `i = 1 and v = 0`), everything
/// else is "other". `plural!(lang, days, n)` picks `lang.days_one(n)` or `lang.days_other(n)`.
pub fn is_one(count: impl Into<i64>) -> bool {
    count.into() == 1
}

/// A message with a singular and a plural form, keyed `<name>_one` and `<name>_other`.
#[macro_export]
macro_rules! plural {
    ($lang:expr, $name:ident, $count:expr $(, $arg:expr)* $(,)?) => {
        ::paste::paste! {
            if $crate::i18n::is_one($count as i64) {
                $lang.[<$name _one>]($($arg),*)
            } else {
                $lang.[<$name _other>]($($arg),*)
            }
        }
    };
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
    fn one_is_the_only_singular() {
        assert!(is_one(1));
        assert!(!is_one(0) && !is_one(2) && !is_one(21) && !is_one(-1));
        let years = |lang: Lang, n: i64| crate::plural!(lang, years, n, n);
        assert_eq!(
            (years(Lang::En, 1), years(Lang::En, 5)),
            ("1 year".into(), "5 years".into())
        );
        assert_eq!(
            (years(Lang::Fi, 1), years(Lang::Fi, 5)),
            ("1 vuosi".into(), "5 vuotta".into())
        );
        assert_eq!(crate::plural!(Lang::Fi, domains, 0, 0), "0 verkkotunnusta");
    }
}
