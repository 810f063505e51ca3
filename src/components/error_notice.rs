//! A problem as an alert: what went wrong, what to do, and a Retry where one can help.

use crate::i18n::Lang;
use leptos::prelude::*;

/// Shows `message` as an alert while there is one; with `on_retry`, a Retry button beside it.
#[component]
pub fn ErrorNotice(
    /// The words, or `None` for nothing shown.
    #[prop(into)]
    message: Signal<Option<String>>,
    #[prop(optional)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = crate::state::language::use_i18n();
    move || {
        message.get().map(|text| {
            view! {
                <div class="notice notice--error" role="alert">
                    <span>{text}</span>
                    {on_retry.map(|retry| {
                        view! { <button type="button" class="button" on:click=move |_| retry.run(())>
                                {i18n.text(Lang::action_retry)}
                            </button> }
                    })}
                </div>
            }
        })
    }
}
