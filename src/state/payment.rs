//! A paid request's state ([`PaymentState`]) in a signal, with fresh idempotency keys from the
//! browser: what the registration and transfer pages and their confirmations share.

use crate::api::new_idempotency_key;
use crate::error::ApiError;
use crate::logic::payment::{PaymentState, Prepared};
use leptos::prelude::*;

pub struct Payment<R: Send + Sync + 'static>(RwSignal<PaymentState<R>>);

impl<R: Send + Sync + 'static> Clone for Payment<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for Payment<R> {}

impl<R: Clone + PartialEq + Send + Sync + 'static> Payment<R> {
    pub fn new() -> Payment<R> {
        Payment(RwSignal::new(PaymentState::default()))
    }

    /// Opens the confirmation for `request`. The same request keeps its key.
    pub fn review(&self, request: R) {
        self.0.update(|state| state.review(request, new_idempotency_key));
    }

    /// The request to send now, or `None` while one is already on its way.
    pub fn begin(&self) -> Option<Prepared<R>> {
        let mut begun = None;
        self.0.maybe_update(|state| {
            begun = state.begin();
            begun.is_some()
        });
        begun
    }

    /// Takes the answer (see [`PaymentState::settle`]).
    pub fn settle<T>(&self, result: Result<T, ApiError>) -> Result<T, Option<ApiError>> {
        let mut settled = Err(None);
        self.0
            .update(|state| settled = state.settle(result, new_idempotency_key));
        settled
    }

    pub fn close(&self) {
        self.0.update(PaymentState::close);
    }

    /// Whether the confirmation is open; tracked.
    pub fn is_open(&self) -> bool {
        self.0.with(PaymentState::is_open)
    }

    /// Whether the request is on its way; tracked.
    pub fn is_sending(&self) -> bool {
        self.0.with(PaymentState::is_sending)
    }

    /// Reads what went wrong last, while the confirmation shows it; tracked.
    pub fn with_error<U>(&self, read: impl FnOnce(Option<&ApiError>) -> U) -> U {
        self.0.with(|state| read(state.error()))
    }

    /// The request confirmed last; tracked.
    pub fn request(&self) -> Option<R> {
        self.0
            .with(|state| state.prepared().map(|prepared| prepared.request.clone()))
    }
}

impl<R: Clone + PartialEq + Send + Sync + 'static> Default for Payment<R> {
    fn default() -> Payment<R> {
        Payment::new()
    }
}
