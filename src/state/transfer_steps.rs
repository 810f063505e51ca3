//! A transfer's next steps, as the provider listed them, with the person's ticks: kept per
//! domain in the browser's localStorage (no secrets), so that they survive a reload.

use crate::logic::transfer::NextSteps;
use leptos::prelude::*;
use vps_contract::DomainId;

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// One domain's next steps, once its transfer was asked for (here, in this browser).
#[derive(Clone, Copy)]
pub struct TransferSteps {
    id: DomainId,
    steps: RwSignal<Option<NextSteps>>,
}

impl TransferSteps {
    /// The steps kept for `id`, if any.
    pub fn load(id: DomainId) -> TransferSteps {
        let kept = local_storage()
            .and_then(|storage| storage.get_item(&NextSteps::storage_key(id)).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok());
        TransferSteps {
            id,
            steps: RwSignal::new(kept),
        }
    }

    /// Reads the steps, and tracks them.
    pub fn with<R>(&self, read: impl FnOnce(Option<&NextSteps>) -> R) -> R {
        self.steps.with(|steps| read(steps.as_ref()))
    }

    pub fn get(&self) -> Option<NextSteps> {
        self.steps.get()
    }

    /// The steps a transfer's answer listed, none ticked yet.
    pub fn start(&self, steps: NextSteps) {
        self.save(&steps);
        self.steps.set(Some(steps));
    }

    /// Ticks (or unticks) step `index`.
    pub fn toggle(&self, index: usize) {
        self.steps.update(|steps| {
            if let Some(steps) = steps {
                steps.toggle(index);
                self.save(steps);
            }
        });
    }

    fn save(&self, steps: &NextSteps) {
        if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(steps)) {
            let _ = storage.set_item(&NextSteps::storage_key(self.id), &text);
        }
    }
}
