//! A bulk change being applied: each domain's outcome, why the batch is held, its progress.
//! The runner (`state::bulk`) sends the requests; this is what it records.

use super::change::BulkChange;
use super::review::BulkReview;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::logic::cache::DomainCache;
use vps_contract::DomainId;

/// At most this many requests of a batch are in flight at once.
pub const MAX_IN_FLIGHT: usize = 4;

/// Where one domain of a batch is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not sent yet (or to be sent again).
    Waiting,
    Sending,
    /// The provider's message; none for a removal (a `DELETE` answers with no message).
    Done(Option<String>),
    /// A tag, kept in this browser (no request).
    Kept,
    Failed(Failure),
}

/// Why one domain's request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The error as the API client tells it, in the API's words where it gave some.
    Api(ApiError),
    /// Gone from the cache before a retry: removed, or another account signed in.
    NoLongerHere,
}

impl Failure {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Failure::Api(error) => error.message(lang),
            Failure::NoLongerHere => lang.bulk_no_longer_here().to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchItem {
    pub id: DomainId,
    pub name: String,
    pub outcome: Outcome,
}

/// Why a batch sends nothing more for now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halt {
    Cancelled,
    /// A 401: the rest waits for a new sign-in.
    SignedOut,
    /// No answer (offline, or timed out): the rest waits for Retry.
    ConnectionLost,
}

/// Counts of a batch's domains, for the progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    pub sending: usize,
    pub waiting: usize,
}

impl Progress {
    /// Answered, either way.
    pub fn finished(&self) -> usize {
        self.done + self.failed
    }
}

/// A change being applied to the domains of a review, in its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    pub change: BulkChange,
    pub items: Vec<BatchItem>,
    pub halt: Option<Halt>,
}

impl Batch {
    pub fn new(review: &BulkReview) -> Batch {
        let items = review
            .rows
            .iter()
            .map(|row| BatchItem {
                id: row.id,
                name: row.name.clone(),
                outcome: Outcome::Waiting,
            })
            .collect();
        Batch {
            change: review.change.clone(),
            items,
            halt: None,
        }
    }

    /// The next domain to send, marked as sending; none while halted.
    pub fn take_next(&mut self) -> Option<DomainId> {
        if self.halt.is_some() {
            return None;
        }
        let item = self.items.iter_mut().find(|item| item.outcome == Outcome::Waiting)?;
        item.outcome = Outcome::Sending;
        Some(item.id)
    }

    pub fn record(&mut self, id: DomainId, outcome: Outcome) {
        if let Some(item) = self.items.iter_mut().find(|item| item.id == id) {
            item.outcome = outcome;
        }
    }

    /// Sends nothing more; what is in flight still records its answer.
    pub fn halt(&mut self, why: Halt) {
        // A lost session matters more than a lost connection or a Cancel: say that one.
        if self.halt != Some(Halt::SignedOut) {
            self.halt = Some(why);
        }
    }

    /// Ready to send again what failed and what was held, leaving out the domains that are no
    /// longer in `cache` under the same name (removed, or another account signed in).
    pub fn retry(&mut self, cache: &DomainCache) {
        self.halt = None;
        for item in &mut self.items {
            if matches!(item.outcome, Outcome::Failed(_) | Outcome::Waiting) {
                let same = cache
                    .get(item.id)
                    .is_some_and(|record| record.display_name == item.name);
                item.outcome = if same {
                    Outcome::Waiting
                } else {
                    Outcome::Failed(Failure::NoLongerHere)
                };
            }
        }
    }

    pub fn progress(&self) -> Progress {
        let mut progress = Progress {
            total: self.items.len(),
            ..Progress::default()
        };
        for item in &self.items {
            match item.outcome {
                Outcome::Waiting => progress.waiting += 1,
                Outcome::Sending => progress.sending += 1,
                Outcome::Done(_) | Outcome::Kept => progress.done += 1,
                Outcome::Failed(_) => progress.failed += 1,
            }
        }
        progress
    }

    /// Nothing in flight and nothing more will be sent until someone says so.
    pub fn is_idle(&self) -> bool {
        let progress = self.progress();
        progress.sending == 0 && (progress.waiting == 0 || self.halt.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::bulk::review::review;
    use crate::logic::bulk::test_cache::{cache_of, ids};
    use vps_contract::test_support::domain;

    #[test]
    fn a_batch_sends_each_domain_once_and_holds_the_rest_when_halted() {
        let cache = cache_of(vec![
            domain(1, "a.com").summary(),
            domain(2, "b.com").summary(),
            domain(3, "c.com").summary(),
        ]);
        let mut batch = Batch::new(&review(
            BulkChange::Lock(false),
            &ids(&[1, 2, 3]),
            &cache,
            &crate::logic::portfolio::Portfolio::default(),
        ));
        assert_eq!(batch.take_next(), Some(DomainId(1)));
        assert_eq!(batch.take_next(), Some(DomainId(2)));
        batch.record(DomainId(1), Outcome::Done(Some("ok".to_string())));
        batch.halt(Halt::ConnectionLost);
        assert_eq!(batch.take_next(), None, "held: nothing new is sent");
        assert!(!batch.is_idle(), "b.com is still in flight");
        batch.record(DomainId(2), Outcome::Failed(Failure::Api(ApiError::Timeout)));
        assert!(batch.is_idle());
        let progress = batch.progress();
        assert_eq!((progress.done, progress.failed, progress.waiting), (1, 1, 1));

        batch.retry(&cache);
        assert_eq!(
            batch.take_next(),
            Some(DomainId(2)),
            "the failed one goes again, in its place"
        );
        assert_eq!(batch.take_next(), Some(DomainId(3)));
        assert_eq!(batch.take_next(), None);
    }

    #[test]
    fn a_sign_out_outranks_a_cancel_and_a_retry_skips_domains_no_longer_here() {
        let cache = cache_of(vec![domain(1, "a.com").summary(), domain(2, "b.com").summary()]);
        let mut batch = Batch::new(&review(
            BulkChange::Privacy(false),
            &ids(&[1, 2]),
            &cache,
            &crate::logic::portfolio::Portfolio::default(),
        ));
        batch.halt(Halt::SignedOut);
        batch.halt(Halt::Cancelled);
        assert_eq!(batch.halt, Some(Halt::SignedOut));
        let other_account = cache_of(vec![
            domain(1, "a.com").summary(),
            domain(2, "someone-else.com").summary(),
        ]);
        batch.retry(&other_account);
        assert_eq!(batch.take_next(), Some(DomainId(1)));
        assert_eq!(batch.take_next(), None);
        assert_eq!(batch.items[1].outcome, Outcome::Failed(Failure::NoLongerHere));
        assert_eq!(Failure::NoLongerHere.text(Lang::En), "No longer in this account.");
    }
}
