//! The nameserver editor: VPS.org's pair or 2–4 custom host names, checked and normalised as
//! they are typed (lower case, no trailing dot, punycode, no duplicates).

use crate::i18n::Lang;
use crate::logic::settings::{is_vps_preset, nameserver_problems, normalized_hint, vps_preset};
use crate::state::language::use_i18n;
use leptos::prelude::*;
use vps_contract::{normalize_host_name, MAX_NAMESERVERS, MIN_NAMESERVERS};

/// The rows, read from and written back to wherever the form keeps them.
#[derive(Clone, Copy)]
struct Rows {
    rows: Signal<Vec<String>>,
    set_rows: SignalSetter<Vec<String>>,
}

impl Rows {
    fn edit(&self, change: impl FnOnce(&mut Vec<String>)) {
        let mut rows = self.rows.get_untracked();
        change(&mut rows);
        self.set_rows.set(rows);
    }
}

#[component]
pub fn NameserverEditor(
    /// The rows as typed; the editor keeps 2–4 of them.
    #[prop(into)]
    rows: Signal<Vec<String>>,
    #[prop(into)] set_rows: SignalSetter<Vec<String>>,
    /// Whether the form has been submitted: then every problem shows, empty rows included.
    #[prop(into)]
    submitted: Signal<bool>,
    /// The server's messages about the nameservers it was sent.
    #[prop(into)]
    server_errors: Signal<Vec<String>>,
    /// A prefix for element ids, unique on the page.
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Rows { rows, set_rows };
    let custom_rows = StoredValue::new(vec![String::new(); MIN_NAMESERVERS]);
    let uses_vps = Memo::new(move |_| rows.rows.with(|rows| is_vps_preset(rows)));
    let choose_vps = move |_| {
        if !uses_vps.get_untracked() {
            custom_rows.set_value(rows.rows.get_untracked());
        }
        rows.set_rows.set(vps_preset());
    };
    let choose_custom = move |_| {
        if uses_vps.get_untracked() {
            rows.set_rows.set(custom_rows.get_value());
        }
    };
    let problems = move || {
        server_errors.with(|from_server| {
            rows.rows
                .with(|rows| nameserver_problems(i18n.get(), rows, submitted.get(), from_server))
        })
    };
    let group_name = format!("{id_prefix}-ns-mode");
    let prefix = StoredValue::new(id_prefix);
    view! {
        <fieldset class="nameservers">
            <legend>{i18n.text(Lang::setting_nameservers)}</legend>
            <div class="segmented" role="radiogroup" aria-label=i18n.text(Lang::nameservers_preset_label)>
                <label class="segmented__option">
                    <input type="radio" name=group_name.clone() prop:checked=move || uses_vps.get() on:change=choose_vps />
                    {i18n.text(Lang::nameservers_vps)}
                </label>
                <label class="segmented__option">
                    <input type="radio" name=group_name prop:checked=move || !uses_vps.get() on:change=choose_custom />
                    {i18n.text(Lang::nameservers_custom)}
                </label>
            </div>
            <Show
                when=move || !uses_vps.get()
                fallback=move || {
                    view! { <p class="hint">{i18n.text(Lang::nameservers_vps_hint)}</p> }
                }
            >
                <ol class="nameservers__rows">
                    <For each=move || 0..rows.rows.with(Vec::len) key=|index| *index let(index)>
                        <NameserverRow rows index id=format!("{}-ns-{index}", prefix.get_value()) />
                    </For>
                </ol>
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=move || { rows.rows.with(Vec::len) >= MAX_NAMESERVERS }
                    on:click=move |_| rows.edit(|rows| rows.push(String::new()))
                >
                    {i18n.text(Lang::nameservers_add)}
                </button>
                <span class="hint">" "{i18n.text(Lang::nameservers_count_hint)}</span>
            </Show>
            <ul class="field-errors" aria-live="polite">
                <For each=problems key=|problem| problem.clone() let(problem)>
                    <li>{problem}</li>
                </For>
            </ul>
        </fieldset>
    }
}

#[component]
fn NameserverRow(rows: Rows, index: usize, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let value = move || rows.rows.with(|rows| rows.get(index).cloned().unwrap_or_default());
    let hint = i18n.words(move |lang| normalized_hint(&value()).map(|normal| lang.nameservers_saved_as(normal)));
    view! {
        <li class="nameservers__row">
            <label class="field__label" for=id.clone()>
                {i18n.words(move |lang| lang.nameservers_row_label(index + 1))}
            </label>
            <div class="nameservers__input">
                <input
                    id=id
                    class="input"
                    type="text"
                    inputmode="url"
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="none"
                    placeholder=format!("ns{}.example.net", index + 1)
                    prop:value=value
                    on:input:target=move |event| {
                        let text = event.target().value();
                        rows.edit(|rows| {
                            if let Some(row) = rows.get_mut(index) {
                                *row = text;
                            }
                        });
                    }
                    on:blur=move |_| {
                        if let Ok(normal) = normalize_host_name(&value()) {
                            rows.edit(|rows| {
                                if let Some(row) = rows.get_mut(index) {
                                    *row = normal;
                                }
                            });
                        }
                    }
                />
                <button
                    type="button"
                    class="icon-button"
                    aria-label=i18n.words(move |lang| lang.nameservers_remove(index + 1))
                    disabled=move || { rows.rows.with(Vec::len) <= MIN_NAMESERVERS }
                    on:click=move |_| {
                        rows.edit(|rows| {
                            if rows.len() > MIN_NAMESERVERS && index < rows.len() {
                                rows.remove(index);
                            }
                        })
                    }
                >
                    "×"
                </button>
            </div>
            <span class="hint">{hint}</span>
        </li>
    }
}
