//! The chosen language: stored, else the browser's; `<html lang>` and the document's title
//! follow it. Views read it through [`I18n`], so a switch re-renders the words and nothing
//! else: the page, the forms' contents and the scroll stay.

use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::SharedReactiveFunction;
use std::sync::{Arc, Mutex};

/// Where the choice is kept: it is not a secret, and it should outlive the tab.
const STORAGE_KEY: &str = "vps-admin.language";

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

    /// Words with values, following the language, for a view's text or an attribute:
    /// `{i18n.words(move |lang| lang.domains(count))}`. It is the shared form that `view!`
    /// gives a `{move || …}` under `erase_components` (.cargo/config.toml): one copy of the
    /// rendering code per kind of value, however many places show words.
    pub fn words<T: 'static>(self, say: impl Fn(Lang) -> T + Send + 'static) -> SharedReactiveFunction<T> {
        Arc::new(Mutex::new(move || say(self.lang.get())))
    }

    /// Words with values, following the language, as a signal (a prop, a dialog's title).
    pub fn signal<T: Send + Sync + 'static>(self, say: impl Fn(Lang) -> T + Send + Sync + 'static) -> Signal<T> {
        Signal::derive(move || say(self.lang.get()))
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

/// The document's title for a page: `Domains · VPS.org admin`, in the chosen language.
pub fn page_title(page: impl Fn(Lang) -> String + 'static) {
    let i18n = use_i18n();
    Effect::new(move || document().set_title(&i18n.get().app_title(page(i18n.get()))));
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
