//! The end of a payment's confirmation: what went wrong, Cancel, and the button that pays
//! (the state it shows is `state::payment`).

use crate::error::ApiError;
use crate::i18n::Lang;
use crate::state::language::use_i18n;
use crate::state::payment::Payment;
use leptos::prelude::*;

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
    view! {
        <p class="notice notice--error" role="alert" hidden=move || payment.with_error(|error| error.is_none())>
            {i18n.words(move |lang| {
                payment.with_error(|error| {
                    error.map(|error| {
                        if error.outcome_unknown() {
                            format!("{} {}", error.message(lang), lang.payment_retry_note())
                        } else {
                            error.message(lang)
                        }
                    })
                })
            })}
        </p>
        <div class="dialog__actions">
            <button type="button" class="button" disabled=move || payment.is_sending() on:click=move |_| payment.close()>
                {i18n.text(Lang::action_cancel)}
            </button>
            // Busy, not `disabled`: a disabled button drops the keyboard focus, and after a failure
            // the person would have to find it again. `Payment::begin` ignores clicks meanwhile.
            <button
                type="button"
                class="button button--primary"
                data-testid=test_id
                aria-disabled=move || payment.is_sending().to_string()
                aria-busy=move || payment.is_sending().to_string()
                on:click=move |_| on_confirm()
            >
                {i18n.words(move |lang| {
                    if payment.is_sending() {
                        action.busy(lang).to_string()
                    } else if payment.with_error(|error| error.is_some_and(ApiError::is_retryable)) {
                        lang.payment_retry_pay(amount.get())
                    } else {
                        action.pay(lang, &amount.get())
                    }
                })}
            </button>
        </div>
    }
}
