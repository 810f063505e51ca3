//! English or Finnish, from the top bar and the sign-in screen. Each language is named in
//! itself, so the person who needs the switch can read it.

use crate::i18n::Lang;
use crate::state::language::use_i18n;
use leptos::prelude::*;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |event: leptos::ev::Event| {
        if let Some(lang) = Lang::from_code(&event_target_value(&event)) {
            i18n.set(lang);
        }
    };
    view! {
        <select
            class="input language-switch"
            aria-label=i18n.text(Lang::language_label)
            prop:value=i18n.words(move |lang| lang.code())
            on:change=choose
        >
            {Lang::ALL
                .map(|lang| {
                    view! {
                        <option value=lang.code() lang=lang.code()>
                            {lang.native_name()}
                        </option>
                    }
                })}
        </select>
    }
}
