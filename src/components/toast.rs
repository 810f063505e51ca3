//! Toasts: what just succeeded, in the provider's own words. They stack at the corner, are
//! announced to screen readers, and leave by themselves.

use crate::i18n::Lang;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
struct Toast {
    id: u64,
    text: String,
}

/// The toast queue, shared through context.
#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

const SHOWN_FOR: Duration = Duration::from_secs(7);

impl Toasts {
    pub fn new() -> Toasts {
        Toasts {
            items: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    /// Says what just succeeded, for a few seconds.
    pub fn success(&self, text: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|items| items.push(Toast { id, text: text.into() }));
        let toasts = *self;
        set_timeout(move || toasts.dismiss(id), SHOWN_FOR);
    }

    fn dismiss(&self, id: u64) {
        self.items.update(|items| items.retain(|toast| toast.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Toasts {
        Toasts::new()
    }
}

/// The corner where toasts appear.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let i18n = crate::i18n::use_i18n();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.items.get() key=|toast| toast.id let(toast)>
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
