//! While registrations or transfers are pending, the store polls for their end with backoff,
//! so that their rows change by themselves when the server's state does.

use super::DomainStore;
use crate::error::ApiError;
use crate::logic::cache::DomainCache;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::time::Duration;
use vps_contract::{DomainId, DomainStatus, ListQuery, StatusFilter};

/// First poll after a change is seen soon; then less often, up to the cap.
const POLL_FIRST: Duration = Duration::from_secs(3);
const POLL_MAX: Duration = Duration::from_secs(30);

/// The next wait when nothing changed: doubled, up to the cap.
fn next_poll_delay(previous: Duration) -> Duration {
    (previous * 2).min(POLL_MAX)
}

impl DomainStore {
    /// While registrations or transfers are pending (whatever page is open), polls with
    /// backoff. The one place polling starts; call it once, from the app.
    pub fn watch_pending(&self) {
        let store = *self;
        let something_pending = Memo::new(move |_| !store.cache.with(|cache| cache.changing().is_nothing()));
        Effect::new(move |_| {
            if something_pending.get() && store.session.is_signed_in() && !store.polling.get_value() {
                store.polling.set_value(true);
                store.schedule_poll(POLL_FIRST);
            }
        });
    }

    fn schedule_poll(&self, delay: Duration) {
        let store = *self;
        set_timeout(
            move || {
                spawn_local(async move {
                    let before = store.cache.with_untracked(DomainCache::changing);
                    if before.is_nothing() || !store.session.is_signed_in_untracked() {
                        store.polling.set_value(false);
                        return;
                    }
                    if before.registrations > 0 {
                        let _ = store.poll_pending().await;
                    }
                    for &id in &before.transfers {
                        crate::chunks::read_detail(store, id).await;
                    }
                    let changed = store.cache.with_untracked(DomainCache::changing) != before;
                    store.schedule_poll(if changed { POLL_FIRST } else { next_poll_delay(delay) });
                });
            },
            delay,
        );
    }

    /// Reads only the pending registrations (not the whole list). One that is no longer in
    /// that answer has changed: its detail says how.
    async fn poll_pending(&self) -> Result<(), ApiError> {
        let query = ListQuery {
            status: Some(StatusFilter::Pending),
            ..ListQuery::default()
        };
        let still_pending = self
            .call(|connection| async move { connection.list_domains(&query).await })
            .await?
            .domains;
        let ids: HashSet<DomainId> = still_pending.iter().map(|domain| domain.id).collect();
        let were_pending: Vec<DomainId> = self.cache.with_untracked(|cache| {
            cache
                .records()
                .filter(|record| record.summary.status == DomainStatus::Pending)
                .map(|record| record.summary.id)
                .collect()
        });
        self.cache.maybe_update(|cache| cache.merge_summaries(still_pending));
        for id in were_pending.into_iter().filter(|id| !ids.contains(id)) {
            crate::chunks::read_detail(*self, id).await;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_backs_off_to_a_cap() {
        assert_eq!(next_poll_delay(Duration::from_secs(3)), Duration::from_secs(6));
        assert_eq!(next_poll_delay(Duration::from_secs(20)), POLL_MAX);
    }
}
