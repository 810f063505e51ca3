//! Toasts: what just succeeded, in the provider's own words, for a few seconds. The queue is
//! here; `components::toast` draws it.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub text: String,
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

    pub fn dismiss(&self, id: u64) {
        self.items.update(|items| items.retain(|toast| toast.id != id));
    }

    /// The toasts shown now, tracked.
    pub fn shown(&self) -> Vec<Toast> {
        self.items.get()
    }
}

impl Default for Toasts {
    fn default() -> Toasts {
        Toasts::new()
    }
}
