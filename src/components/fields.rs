//! Small form pieces used on several pages: a checkbox (or switch) with its one-line
//! explanation, a masked input with a show toggle, and the loading state of a page.

use leptos::html;
use leptos::prelude::*;

/// A labelled checkbox with a line saying what it means. `switch` draws it as an on/off switch.
#[component]
pub fn Checkbox(
    #[prop(into)] checked: Signal<bool>,
    /// Where a click writes the new state: a signal, or one field of a form's draft.
    #[prop(into)]
    set_checked: SignalSetter<bool>,
    /// Its words: a `&'static str`, or a closure that gives them in the current language.
    #[prop(into)]
    label: TextProp,
    #[prop(into)] hint: TextProp,
    #[prop(optional)] switch: bool,
) -> impl IntoView {
    let role = switch.then_some("switch");
    view! {
        <label class=if switch { "switch" } else { "check" }>
            <input
                type="checkbox"
                role=role
                prop:checked=checked
                on:change:target=move |event| set_checked.set(event.target().checked())
            />
            <span class:switch__label=switch>
                {move || label.get()}
                <span class="hint hint--block">{move || hint.get()}</span>
            </span>
        </label>
    }
}

/// A secret (a token, an auth code): masked, with a Show/Hide toggle, never spell-checked or
/// autocompleted.
#[component]
pub fn SecretInput(
    id: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] set_value: SignalSetter<String>,
    /// Extra classes for the input (`mono` for codes).
    #[prop(optional)]
    class: &'static str,
    /// Marks the input invalid for assistive technology.
    #[prop(optional, into)]
    invalid: Signal<bool>,
    /// The id of the element that describes a problem with it.
    #[prop(optional)]
    described_by: Option<&'static str>,
    #[prop(optional)] node_ref: NodeRef<html::Input>,
) -> impl IntoView {
    let i18n = crate::state::language::use_i18n();
    let reveal = RwSignal::new(false);
    view! {
        <div class="input-with-button">
            <input
                id=id
                class=format!("input {class}")
                type=move || if reveal.get() { "text" } else { "password" }
                autocomplete="off"
                spellcheck="false"
                autocapitalize="none"
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=described_by
                node_ref=node_ref
                prop:value=value
                on:input:target=move |event| set_value.set(event.target().value())
            />
            <button
                type="button"
                class="button button--quiet"
                aria-pressed=move || reveal.get().to_string()
                aria-controls=id
                on:click=move |_| reveal.update(|shown| *shown = !*shown)
            >
                {i18n.words(move |lang| if reveal.get() { lang.field_hide() } else { lang.field_show() })}
            </button>
        </div>
    }
}

/// A page waiting for its data. `text`: a `&'static str`, or a closure that gives it in the
/// current language.
#[component]
pub fn Loading(#[prop(into)] text: TextProp) -> impl IntoView {
    view! {
        <section class="page empty-state" aria-busy="true">
            <div class="spinner" aria-hidden="true"></div>
            <p>{move || text.get()}</p>
        </section>
    }
}
