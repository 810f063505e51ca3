//! Many domains at once: the table's selection, and the batch that applies one change to the
//! selected domains through the store, at most four requests in flight. Both outlive the
//! table page (leave it and come back: the batch has gone on); a sign-out ends them.

use crate::api::sleep;
use crate::error::ApiError;
use crate::logic::bulk::{Batch, BulkChange, BulkReview, Failure, Halt, Outcome, Progress, MAX_IN_FLIGHT};
use crate::logic::table::{sorted_ids, Order};
use crate::state::batched::{Batched, Wake};
use crate::state::store::DomainStore;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::time::Duration;
use vps_contract::DomainId;

/// How long a busy API (429, 503) is left alone when it does not say (`Retry-After`), and
/// the most it is waited for when it does.
const BUSY_PAUSE: Duration = Duration::from_secs(5);
const MAX_BUSY_PAUSE: Duration = Duration::from_secs(120);

#[derive(Clone, Copy)]
pub struct Bulk {
    store: DomainStore,
    selection: RwSignal<HashSet<DomainId>>,
    /// Changed by every answer: its views hear of a burst of them once.
    batch: Batched<Option<Batch>>,
    /// Counts each start of the workers; a worker of an earlier start stops.
    run: StoredValue<u64>,
    /// Until then (ms since the epoch) nothing is sent: a busy API asked for a pause.
    paused_until: StoredValue<f64>,
}

impl Bulk {
    pub fn new(store: DomainStore) -> Bulk {
        // Both outlive a session that expires (a 401): signed in again, the person carries on
        // with the same selection and resumes the held batch, whose domains are checked then.
        // Ids are one space across accounts, so another account's list matches none of them.
        // Signing out forgets both.
        Bulk {
            store,
            selection: RwSignal::new(HashSet::new()),
            batch: Batched::new(None),
            run: StoredValue::new(0),
            paused_until: StoredValue::new(0.0),
        }
    }

    pub fn is_selected(&self, id: DomainId) -> bool {
        self.selection.with(|selection| selection.contains(&id))
    }

    pub fn set_selected(&self, id: DomainId, selected: bool) {
        self.selection.update(|selection| {
            if selected {
                selection.insert(id);
            } else {
                selection.remove(&id);
            }
        });
    }

    /// Selects (or deselects) all of `ids` in one change.
    pub fn set_all(&self, ids: &[DomainId], selected: bool) {
        self.selection.update(|selection| {
            if selected {
                selection.extend(ids.iter().copied());
            } else {
                for id in ids {
                    selection.remove(id);
                }
            }
        });
    }

    /// Anything selected, or a batch to show.
    pub fn is_in_use(&self) -> bool {
        self.selection.with(|selection| !selection.is_empty()) || self.batch.with(Option::is_some)
    }

    pub fn clear_selection(&self) {
        self.selection.update(HashSet::clear);
    }

    /// Reads the selected ids (some may have left the cache since), and tracks them.
    pub fn with_selection<R>(&self, read: impl FnOnce(&HashSet<DomainId>) -> R) -> R {
        self.selection.with(read)
    }

    /// The selected domains still in the account, in `order`; not tracked (for a click).
    pub fn selected_in(&self, order: Order) -> Vec<DomainId> {
        self.selection.with_untracked(|selection| {
            self.store.with_cache_untracked(|cache| {
                let mut ids = sorted_ids(cache, order);
                ids.retain(|id| selection.contains(id));
                ids
            })
        })
    }

    pub fn with_batch<R>(&self, read: impl FnOnce(Option<&Batch>) -> R) -> R {
        self.batch.with(|batch| read(batch.as_ref()))
    }

    pub fn progress(&self) -> Option<Progress> {
        self.batch.with(|batch| batch.as_ref().map(Batch::progress))
    }

    /// Whether requests are in flight or about to be sent: then no other batch may start.
    pub fn is_running(&self) -> bool {
        self.batch.with(running)
    }

    /// Applies `review`'s change to its domains.
    pub fn start(&self, review: &BulkReview) {
        if self.batch.with_untracked(running) {
            return;
        }
        self.batch.set(Some(Batch::new(review)));
        self.spawn_workers();
    }

    /// A change kept in this browser (a tag), already made by the caller: shown as a batch
    /// done at once, each domain's line saying so.
    pub fn finish_kept(&self, review: &BulkReview) {
        if self.batch.with_untracked(running) {
            return;
        }
        let mut batch = Batch::new(review);
        for row in &review.rows {
            batch.record(row.id, Outcome::Kept);
        }
        self.batch.set(Some(batch));
    }

    /// Sends nothing more; the requests in flight finish and record their answers.
    pub fn cancel(&self) {
        self.batch.update(|batch| {
            if let Some(batch) = batch {
                batch.halt(Halt::Cancelled);
            }
        });
    }

    /// Sends again what failed, and what a halt held back.
    pub fn retry(&self) {
        self.store.with_cache_untracked(|cache| {
            self.batch.update(|batch| {
                if let Some(batch) = batch.as_mut().filter(|batch| batch.is_idle()) {
                    batch.retry(cache);
                }
            })
        });
        self.spawn_workers();
    }

    /// Ends everything: a sign-out leaves nothing of the account behind.
    pub fn forget(&self) {
        self.run.update_value(|run| *run += 1);
        self.batch.set(None);
        self.selection.update(HashSet::clear);
    }

    fn spawn_workers(&self) {
        self.run.update_value(|run| *run += 1);
        let run = self.run.get_value();
        let waiting = self
            .batch
            .with_untracked(|batch| batch.as_ref().map_or(0, |b| b.progress().waiting));
        for _ in 0..waiting.min(MAX_IN_FLIGHT) {
            let bulk = *self;
            spawn_local(async move { bulk.work(run).await });
        }
    }

    /// One of the workers: takes the next domain, sends its request, records the answer,
    /// until nothing is left or the batch is halted.
    async fn work(self, run: u64) {
        loop {
            let wait = self.paused_until.get_value() - js_sys::Date::now();
            if wait > 0.0 {
                sleep(Duration::from_millis(wait as u64)).await;
            }
            if self.run.get_value() != run {
                return;
            }
            let next = self.batch.change_soon(|batch| {
                let batch = batch.as_mut()?;
                Some((batch.take_next()?, batch.change.clone()))
            });
            let Some(Some((id, change))) = next else { return };
            let answer = match (&change, change.request()) {
                // A `DELETE` answers with no message: the result line says it in words of its own.
                (BulkChange::Remove, _) => self.store.remove(id, Wake::Soon).await.map(|()| None),
                (_, Some(request)) => self
                    .store
                    .update(id, &request, Wake::Soon)
                    .await
                    .map(|answer| Some(answer.message)),
                // Kept in this browser, never sent (`finish_kept` did it).
                (_, None) => return,
            };
            let (outcome, halt) = match answer {
                Ok(message) => {
                    if change == BulkChange::Remove {
                        self.set_selected(id, false);
                    }
                    (Outcome::Done(message), None)
                }
                Err(ApiError::Busy { retry_after, .. }) => {
                    let pause = retry_after.map_or(BUSY_PAUSE, |s| Duration::from_secs(s.into()));
                    let until = js_sys::Date::now() + pause.min(MAX_BUSY_PAUSE).as_millis() as f64;
                    self.paused_until.update_value(|paused| *paused = paused.max(until));
                    (Outcome::Waiting, None)
                }
                // The session ended (a 401 here, or elsewhere while this was in flight).
                Err(ApiError::Unauthorized(_) | ApiError::Superseded) => (Outcome::Waiting, Some(Halt::SignedOut)),
                Err(ApiError::Network(_) | ApiError::Timeout) => (Outcome::Waiting, Some(Halt::ConnectionLost)),
                Err(error) => (Outcome::Failed(Failure::Api(error)), None),
            };
            self.batch.change_soon(|batch| {
                if let Some(batch) = batch {
                    batch.record(id, outcome);
                    if let Some(halt) = halt {
                        batch.halt(halt);
                    }
                }
            });
        }
    }
}

fn running(batch: &Option<Batch>) -> bool {
    batch.as_ref().is_some_and(|batch| !batch.is_idle())
}
