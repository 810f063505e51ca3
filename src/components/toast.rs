//! The corner where toasts stack: announced to screen readers, each with a dismiss button.

use crate::i18n::Lang;
use crate::state::language::use_i18n;
use crate::state::toasts::Toasts;
use leptos::prelude::*;

/// The corner where toasts appear.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let i18n = use_i18n();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.shown() key=|toast| toast.id let(toast)>
                <div class="toast toast--success">
                    <span class="toast__text">{toast.text.clone()}</span>
                    <button
                        type="button"
                        class="icon-button"
                        aria-label=i18n.text(Lang::toast_dismiss)
                        on:click=move |_| toasts.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
