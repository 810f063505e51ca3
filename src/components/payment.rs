//! One paid request, from its confirmation to its answer: a registration or a transfer.
//!
//! The request is sent once per click however fast the clicks come, carries an
//! `Idempotency-Key` made when it was confirmed, and keeps that key for a retry when the answer
//! was lost (so the server replays instead of charging again). A refusal means nothing was
//! done: paying again is a new attempt with a new key.

use crate::api::{new_idempotency_key, ApiError};
use crate::i18n::{use_i18n, Lang};
use leptos::prelude::*;

pub struct Payment<R: Send + Sync + 'static> {
    /// The confirmation dialog.
    pub open: RwSignal<bool>,
    pub in_flight: RwSignal<bool>,
    /// The confirmed request and its key.
    pub prepared: RwSignal<Option<(R, String)>>,
    /// What went wrong, shown in the dialog next to the retry.
    pub error: RwSignal<Option<ApiError>>,
}

impl<R: Send + Sync + 'static> Clone for Payment<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for Payment<R> {}

impl<R: Clone + PartialEq + Send + Sync + 'static> Payment<R> {
    pub fn new() -> Payment<R> {
        Payment {
            open: RwSignal::new(false),
            in_flight: RwSignal::new(false),
            prepared: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// Opens the confirmation for `request`. The same request keeps its key.
    pub fn review(&self, request: R) {
        let key = match self.prepared.get_untracked() {
            Some((previous, key)) if previous == request => key,
            _ => new_idempotency_key(),
        };
        self.prepared.set(Some((request, key)));
        self.error.set(None);
        self.open.set(true);
    }

    /// The request to send now, or `None` while one is already on its way.
    pub fn begin(&self) -> Option<(R, String)> {
        if self.in_flight.get_untracked() {
            return None;
        }
        let prepared = self.prepared.get_untracked()?;
        self.in_flight.set(true);
        self.error.set(None);
        Some(prepared)
    }

    /// Takes the answer. Success closes the dialog; a 400 closes it too and comes back for the
    /// form to show at its fields; a 401 closes it for the sign-in layer; the rest stay in the
    /// dialog with a way to retry.
    pub fn settle<T>(&self, result: Result<T, ApiError>) -> Result<T, Option<ApiError>> {
        self.in_flight.set(false);
        let error = match result {
            Ok(value) => {
                self.prepared.set(None);
                self.open.set(false);
                return Ok(value);
            }
            Err(error) => error,
        };
        if !error.outcome_unknown() {
            self.prepared.update(|prepared| {
                if let Some((_, key)) = prepared {
                    *key = new_idempotency_key();
                }
            });
        }
        match error {
            ApiError::Invalid(_) => {
                self.open.set(false);
                Err(Some(error))
            }
            ApiError::Unauthorized(_) => {
                self.open.set(false);
                Err(None)
            }
            other => {
                self.error.set(Some(other));
                Err(None)
            }
        }
    }
}

impl<R: Clone + PartialEq + Send + Sync + 'static> Default for Payment<R> {
    fn default() -> Payment<R> {
        Payment::new()
    }
}

/// What a payment does, for the words of its button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayAction {
    Register,
    Transfer,
}

impl PayAction {
    /// "Pay $25.98 and register".
    fn pay(self, lang: Lang, amount: &str) -> String {
        match self {
            PayAction::Register => lang.payment_pay_register(amount),
            PayAction::Transfer => lang.payment_pay_transfer(amount),
        }
    }

    /// "Registering…": the button while the request runs.
    fn busy(self, lang: Lang) -> &'static str {
        match self {
            PayAction::Register => lang.payment_busy_register(),
            PayAction::Transfer => lang.payment_busy_transfer(),
        }
    }
}

/// The end of a payment dialog: what went wrong (if anything), Cancel, and the pay button,
/// which says the amount, "Retry" after a lost answer, and that it is working while it is.
#[component]
pub fn PaymentActions<R: Clone + PartialEq + Send + Sync + 'static>(
    payment: Payment<R>,
    /// The amount as shown: `$25.98`.
    #[prop(into)]
    amount: Signal<String>,
    /// Registering or transferring: the button reads "Pay $X and register", then "Registering…".
    action: PayAction,
    test_id: &'static str,
    on_confirm: impl Fn() + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let in_flight = payment.in_flight;
    let error = payment.error;
    view! {
        <p class="notice notice--error" role="alert" hidden=move || error.with(Option::is_none)>
            {move || {
                error
                    .get()
                    .map(|error| {
                        let lang = i18n.get();
                        if error.outcome_unknown() {
                            format!("{} {}", error.message(lang), lang.payment_retry_note())
                        } else {
                            error.message(lang)
                        }
                    })
            }}
        </p>
        <div class="dialog__actions">
            <button type="button" class="button" disabled=move || in_flight.get() on:click=move |_| payment.open.set(false)>
                {i18n.text(Lang::action_cancel)}
            </button>
            // Busy, not `disabled`: a disabled button drops the keyboard focus, and after a failure
            // the person would have to find it again. `Payment::begin` ignores clicks meanwhile.
            <button
                type="button"
                class="button button--primary"
                data-testid=test_id
                aria-disabled=move || in_flight.get().to_string()
                aria-busy=move || in_flight.get().to_string()
                on:click=move |_| on_confirm()
            >
                {move || {
                    let lang = i18n.get();
                    if in_flight.get() {
                        action.busy(lang).to_string()
                    } else if error.with(|e| e.as_ref().is_some_and(ApiError::is_retryable)) {
                        lang.payment_retry_pay(amount.get())
                    } else {
                        action.pay(lang, &amount.get())
                    }
                }}
            </button>
        </div>
    }
}
