//! A form's last refusal by the API: what it says about each field (shown at the field) and
//! what no field shows (listed under the form).

use crate::error::ApiError;
use crate::i18n::Lang;
use leptos::prelude::*;

/// The API's last refusal of what a form sent. It belongs to what was sent, so the form
/// clears it when the fields it concerns change.
#[derive(Clone, Copy)]
pub struct Refusal(RwSignal<Option<ApiError>>);

impl Refusal {
    pub fn new() -> Refusal {
        Refusal(RwSignal::new(None))
    }

    pub fn set(&self, error: ApiError) {
        self.0.set(Some(error));
    }

    pub fn clear(&self) {
        if self.0.with_untracked(Option::is_some) {
            self.0.set(None);
        }
    }

    /// Its messages about `field`, one by one.
    pub fn about(&self, field: &str) -> Vec<String> {
        self.0.with(|error| {
            error
                .as_ref()
                .map(|e| e.about_field(field).to_vec())
                .unwrap_or_default()
        })
    }

    /// Its messages about `field` as one text, if it has any.
    pub fn about_joined(&self, field: &str) -> Option<String> {
        let messages = self.about(field);
        (!messages.is_empty()).then(|| messages.join(" "))
    }

    /// Whether it says anything about `field` (not tracked: for event handlers).
    pub fn concerns(&self, field: &str) -> bool {
        self.0
            .with_untracked(|error| error.as_ref().is_some_and(|e| !e.about_field(field).is_empty()))
    }

    /// The messages that none of `shown_fields` shows.
    pub fn general(&self, lang: Lang, shown_fields: &[&str]) -> Vec<String> {
        self.0.with(|error| {
            error
                .as_ref()
                .map(|e| e.general_messages(lang, shown_fields))
                .unwrap_or_default()
        })
    }
}

impl Default for Refusal {
    fn default() -> Refusal {
        Refusal::new()
    }
}
