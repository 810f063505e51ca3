//! One paid request, from its confirmation to its answer, as data: a registration or a
//! transfer.
//!
//! The request is sent once per click however fast the clicks come, carries an
//! `Idempotency-Key` made when it was confirmed, and keeps that key for a retry when the answer
//! was lost (so the server replays instead of charging again). A refusal means nothing was
//! done: paying again is a new attempt with a new key.

use crate::error::ApiError;

/// A confirmed request and the key it is sent with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared<R> {
    pub request: R,
    pub key: String,
}

/// Where a payment is: one state, so that the dialog, the button and the error always agree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaymentState<R> {
    /// No confirmation open. The last request confirmed keeps its key: the same request
    /// confirmed again is the same attempt (its answer may have been lost).
    Closed { last: Option<Prepared<R>> },
    /// The confirmation is open, with what went wrong last (shown beside the retry).
    Confirming {
        prepared: Prepared<R>,
        error: Option<ApiError>,
    },
    /// Sent, and waiting for the answer; `shown` while the confirmation is open (an ended
    /// session closes it meanwhile).
    Sending { prepared: Prepared<R>, shown: bool },
}

impl<R> Default for PaymentState<R> {
    fn default() -> PaymentState<R> {
        PaymentState::Closed { last: None }
    }
}

impl<R: Clone + PartialEq> PaymentState<R> {
    /// The request confirmed last, whatever the state.
    pub fn prepared(&self) -> Option<&Prepared<R>> {
        match self {
            PaymentState::Closed { last } => last.as_ref(),
            PaymentState::Confirming { prepared, .. } | PaymentState::Sending { prepared, .. } => Some(prepared),
        }
    }

    /// Whether the confirmation is open.
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            PaymentState::Confirming { .. } | PaymentState::Sending { shown: true, .. }
        )
    }

    pub fn is_sending(&self) -> bool {
        matches!(self, PaymentState::Sending { .. })
    }

    /// What went wrong last, while the confirmation shows it.
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            PaymentState::Confirming { error, .. } => error.as_ref(),
            _ => None,
        }
    }

    /// Opens the confirmation for `request`. The same request keeps its key.
    pub fn review(&mut self, request: R, new_key: impl FnOnce() -> String) {
        let key = match self.prepared() {
            Some(previous) if previous.request == request => previous.key.clone(),
            _ => new_key(),
        };
        let prepared = Prepared { request, key };
        *self = match self {
            // The answer to what is on its way still comes here.
            PaymentState::Sending { .. } => PaymentState::Sending { prepared, shown: true },
            _ => PaymentState::Confirming { prepared, error: None },
        };
    }

    /// The request to send now, or `None` while one is already on its way.
    pub fn begin(&mut self) -> Option<Prepared<R>> {
        let PaymentState::Confirming { prepared, .. } = self else {
            return None;
        };
        let prepared = prepared.clone();
        *self = PaymentState::Sending {
            prepared: prepared.clone(),
            shown: true,
        };
        Some(prepared)
    }

    /// The confirmation closes (Cancel, Escape, an ended session); an answer on its way still
    /// settles it.
    pub fn close(&mut self) {
        match self {
            PaymentState::Confirming { prepared, .. } => {
                *self = PaymentState::Closed {
                    last: Some(prepared.clone()),
                }
            }
            PaymentState::Sending { shown, .. } => *shown = false,
            PaymentState::Closed { .. } => {}
        }
    }

    /// Takes the answer. Success closes the confirmation; a 400 closes it too and comes back
    /// for the form to show at its fields; a 401 closes it for the sign-in layer; the rest stay
    /// in it with a way to retry.
    pub fn settle<T>(
        &mut self,
        result: Result<T, ApiError>,
        new_key: impl FnOnce() -> String,
    ) -> Result<T, Option<ApiError>> {
        let (prepared, shown) = match std::mem::take(self) {
            PaymentState::Sending { prepared, shown } => (Some(prepared), shown),
            PaymentState::Confirming { prepared, .. } => (Some(prepared), true),
            PaymentState::Closed { last } => (last, false),
        };
        let error = match result {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let Some(mut prepared) = prepared else {
            return Err(None);
        };
        if !error.outcome_unknown() {
            prepared.key = new_key();
        }
        let (next, answer) = match error {
            ApiError::Invalid(_) => (None, Err(Some(error))),
            ApiError::Unauthorized(_) => (None, Err(None)),
            other if shown => (Some(other), Err(None)),
            _ => (None, Err(None)),
        };
        *self = match next {
            Some(error) => PaymentState::Confirming {
                prepared,
                error: Some(error),
            },
            None => PaymentState::Closed { last: Some(prepared) },
        };
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> impl FnMut() -> String {
        let mut made = 0;
        move || {
            made += 1;
            format!("key-{made}")
        }
    }

    #[test]
    fn one_confirmation_sends_once_and_a_success_closes_it() {
        let mut key = keys();
        let mut payment = PaymentState::default();
        payment.review("a.com", &mut key);
        assert!(payment.is_open());
        let sent = payment.begin();
        assert_eq!(sent.map(|p| p.key), Some("key-1".to_string()));
        assert_eq!(payment.begin(), None, "a second click sends nothing");
        assert!(payment.is_sending() && payment.is_open());
        assert_eq!(payment.settle(Ok(7), &mut key), Ok(7));
        assert_eq!(payment, PaymentState::Closed { last: None });
    }

    #[test]
    fn a_lost_answer_keeps_the_key_and_a_refusal_makes_a_new_one() {
        let mut key = keys();
        let mut payment = PaymentState::default();
        payment.review("a.com", &mut key);
        payment.begin();
        assert_eq!(payment.settle::<()>(Err(ApiError::Timeout), &mut key), Err(None));
        assert_eq!(payment.error(), Some(&ApiError::Timeout), "shown beside the retry");
        assert_eq!(
            payment.begin().map(|p| p.key),
            Some("key-1".to_string()),
            "the retry replays"
        );

        let refused = ApiError::PaymentRequired("Insufficient balance.".into());
        assert_eq!(payment.settle::<()>(Err(refused.clone()), &mut key), Err(None));
        assert_eq!(payment.error(), Some(&refused));
        assert_eq!(payment.prepared().map(|p| p.key.as_str()), Some("key-2"));
    }

    #[test]
    fn the_same_request_reviewed_again_keeps_its_key_another_gets_a_new_one() {
        let mut key = keys();
        let mut payment = PaymentState::default();
        payment.review("a.com", &mut key);
        payment.close();
        assert!(!payment.is_open());
        payment.review("a.com", &mut key);
        assert_eq!(payment.prepared().map(|p| p.key.as_str()), Some("key-1"));
        payment.review("b.com", &mut key);
        assert_eq!(payment.prepared().map(|p| p.key.as_str()), Some("key-2"));
    }

    #[test]
    fn field_errors_and_an_ended_session_close_the_confirmation() {
        let mut key = keys();
        let mut payment = PaymentState::default();
        payment.review("a.com", &mut key);
        payment.begin();
        let invalid = ApiError::Invalid(Default::default());
        assert_eq!(payment.settle::<()>(Err(invalid.clone()), &mut key), Err(Some(invalid)));
        assert!(!payment.is_open());

        payment.review("a.com", &mut key);
        payment.begin();
        // The session ends while the request is on its way: the confirmation closes at once.
        payment.close();
        assert!(payment.is_sending() && !payment.is_open());
        assert_eq!(payment.settle::<()>(Err(ApiError::Superseded), &mut key), Err(None));
        assert!(!payment.is_open() && !payment.is_sending());
        assert_eq!(payment.error(), None);
    }
}
