//! The store: the cached domain state ([`DomainCache`], every domain the app has seen) in a
//! signal, and the one path every request to the API takes. Views read the cache at once and
//! it is refreshed in the background, so screens are instant and agree with each other.

use crate::api::{self, ApiError, Connection, DomainListing, OriginBarrier};
use crate::logic::address::ListingCut;
use crate::logic::cache::DomainCache;
use crate::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::future::Future;
use std::time::Duration;
use vps_contract::{
    DomainStatus, ListQuery, RegisterRequest, RegisterResponse, StatusFilter, TransferRequest, TransferResponse,
    UpdateRequest, UpdateResponse,
};

/// The state of the background list load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListState {
    pub loading: bool,
    pub error: Option<ApiError>,
    /// When the whole list last arrived (ms since the epoch, the browser's clock).
    pub loaded_at: Option<f64>,
    /// The last listing stopped before its end: why, and how many domains it brought.
    pub cut: Option<CutListing>,
}

/// A listing whose page links could not be followed to the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CutListing {
    pub cut: ListingCut,
    pub received: usize,
}

impl CutListing {
    pub fn message(self, lang: crate::i18n::Lang) -> String {
        self.cut.message(lang, self.received)
    }
}

/// What a cut listing means for the domains already known.
#[derive(Clone, Copy)]
enum Listed {
    /// Keep those it did not reach: they may well be further on.
    AsFarAsItWent,
    /// It is all that is known of this account (a sign-in).
    Everything,
}

/// First poll after a change is seen soon; then less often, up to the cap.
const POLL_FIRST: Duration = Duration::from_secs(3);
const POLL_MAX: Duration = Duration::from_secs(30);

/// The next wait when nothing changed: doubled, up to the cap.
pub fn next_poll_delay(previous: Duration) -> Duration {
    (previous * 2).min(POLL_MAX)
}

/// When the views hear that an answer changed the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// At once: one change that a person is waiting to see.
    Now,
    /// Within [`BURST_WAKE`], together with whatever else arrives meanwhile: one answer of many
    /// (a bulk change, a round of detail reads). Each wake reruns every view over the whole
    /// cache (order, filter, counts), which at 10,000 domains is too much to do per answer.
    Soon,
}

/// How long the views may lag a burst of answers: a few updates a second stay smooth.
pub const BURST_WAKE: Duration = Duration::from_millis(100);

/// Changes `signal` without telling its readers, and tells them once within [`BURST_WAKE`] of
/// the first such change (`scheduled` holds whether that is on its way).
pub fn change_soon<T: Send + Sync + 'static, U>(
    signal: RwSignal<T>,
    scheduled: StoredValue<bool>,
    change: impl FnOnce(&mut T) -> U,
) -> Option<U> {
    let changed = signal.try_update_untracked(change)?;
    if scheduled.try_update_value(|scheduled| !std::mem::replace(scheduled, true)) == Some(true) {
        set_timeout(
            move || {
                let _ = scheduled.try_update_value(|scheduled| *scheduled = false);
                let _ = signal.try_update(|_| ());
            },
            BURST_WAKE,
        );
    }
    Some(changed)
}

/// The cache in a signal, and the requests that fill it. `Copy`: pass it anywhere.
#[derive(Clone, Copy)]
pub struct Store {
    cache: RwSignal<DomainCache>,
    list: RwSignal<ListState>,
    pub session: Session,
    polling: StoredValue<bool>,
    /// Each domain's latest detail read (its id, and a count of reads): an older read that
    /// answers later is dropped.
    detail_asked: StoredValue<Vec<(u64, u64)>>,
    /// Whether the views are to hear of changes made with [`Wake::Soon`].
    wake_scheduled: StoredValue<bool>,
}

impl Store {
    pub fn new(session: Session) -> Store {
        Store::holding(session, DomainCache::default())
    }

    /// A store that starts from domains already known (the browser tests set up pages so).
    pub fn holding(session: Session, cache: DomainCache) -> Store {
        Store {
            cache: RwSignal::new(cache),
            list: RwSignal::new(ListState::default()),
            session,
            polling: StoredValue::new(false),
            detail_asked: StoredValue::new(Vec::new()),
            wake_scheduled: StoredValue::new(false),
        }
    }

    /// Reads every domain known, and tracks it (views and memos rerun when it changes).
    pub fn with_cache<R>(&self, read: impl FnOnce(&DomainCache) -> R) -> R {
        self.cache.with(read)
    }

    pub fn with_cache_untracked<R>(&self, read: impl FnOnce(&DomainCache) -> R) -> R {
        self.cache.with_untracked(read)
    }

    /// Reads the background list load's state, and tracks it.
    pub fn with_list<R>(&self, read: impl FnOnce(&ListState) -> R) -> R {
        self.list.with(read)
    }

    fn change_cache(&self, wake: Wake, change: impl FnOnce(&mut DomainCache)) {
        match wake {
            Wake::Now => self.cache.update(change),
            Wake::Soon => {
                change_soon(self.cache, self.wake_scheduled, change);
            }
        }
    }

    /// Every request to the API goes through here. It is sent with the session's connection;
    /// its answer counts only while that session lasts: one arriving after a sign-out or a
    /// change of account belongs to nobody (so it neither merges into the next account's
    /// cache nor, as a 401, signs the next session out). A 401 for the session itself ends it:
    /// the sign-in screen appears over the page, which keeps whatever was typed.
    async fn call<T, F>(&self, request: impl FnOnce(Connection) -> F) -> Result<T, ApiError>
    where
        F: Future<Output = Result<T, ApiError>>,
    {
        let session = self.session.generation();
        let connection = self
            .session
            .connection
            .get_untracked()
            .ok_or_else(|| ApiError::Unauthorized("not signed in".to_string()))?;
        let result = request(connection).await;
        if self.session.generation() != session {
            return Err(ApiError::Superseded);
        }
        if let Err(ApiError::Unauthorized(reason)) = &result {
            self.session.expire(reason);
        }
        result
    }

    /// Signs out, leaving nothing of the account in memory for whoever signs in next.
    pub fn sign_out(&self) {
        self.session.sign_out();
        self.cache.update(DomainCache::clear);
        self.list.set(ListState::default());
    }

    /// Reloads the whole list in the background (the cache keeps showing meanwhile).
    pub fn refresh_list(&self) {
        let store = *self;
        spawn_local(async move { store.reload_list().await });
    }

    /// Reloads the whole list; one load at a time.
    pub async fn reload_list(&self) {
        if self.list.get_untracked().loading || !self.session.is_signed_in_untracked() {
            return;
        }
        self.list.update(|state| state.loading = true);
        match self
            .call(|connection| async move { connection.list_domains(&ListQuery::default()).await })
            .await
        {
            Ok(listing) => self.take_listing(listing, Listed::AsFarAsItWent),
            Err(ApiError::Superseded) => self.list.update(|state| state.loading = false),
            Err(error) => self.list.update(|state| {
                state.loading = false;
                state.error = Some(error);
            }),
        }
    }

    /// Signs in with `connection` once its first list has arrived: the table is then full at
    /// once. An API on another origin is probed first, so that a page that cannot call it says
    /// why in words (its CSP, or the API's CORS) before the token is ever sent.
    pub async fn sign_in(&self, connection: Connection, remember: bool) -> Result<(), ApiError> {
        let other_origin = connection.base.origin() != api::page_origin();
        if other_origin {
            api::probe_other_origin(&connection.base).await?;
        }
        let listing = connection
            .list_domains(&ListQuery::default())
            .await
            .map_err(|error| match error {
                // It answered the probe, so what failed is the browser's CORS check.
                ApiError::Network(_) if other_origin => ApiError::OtherOrigin {
                    origin: connection.base.origin().to_string(),
                    refused_by: OriginBarrier::Cors,
                },
                other => other,
            })?;
        self.session.sign_in(connection, remember);
        // Perhaps another account than the one whose domains the page still holds: even a cut
        // listing replaces them.
        self.take_listing(listing, Listed::Everything);
        Ok(())
    }

    /// A whole listing is the truth about which domains the account holds; a cut one only
    /// adds, unless told that it is all there is to know.
    fn take_listing(&self, listing: DomainListing, listed: Listed) {
        let DomainListing { domains, cut } = listing;
        let received = domains.len();
        self.cache.maybe_update(|cache| match (cut, listed) {
            (None, _) | (Some(_), Listed::Everything) => cache.replace_all(domains),
            (Some(_), Listed::AsFarAsItWent) => cache.merge_summaries(domains),
        });
        self.list.set(ListState {
            loading: false,
            error: None,
            loaded_at: Some(js_sys::Date::now()),
            cut: cut.map(|cut| CutListing { cut, received }),
        });
    }

    /// Whether the whole list arrived less than `max_age` ago.
    pub fn list_loaded_within(&self, max_age: Duration) -> bool {
        self.list
            .with_untracked(|list| list.loaded_at)
            .is_some_and(|at| js_sys::Date::now() - at < max_age.as_millis() as f64)
    }

    /// Reloads the list unless it arrived less than `max_age` ago.
    pub fn refresh_list_if_older_than(&self, max_age: Duration) {
        if !self.list_loaded_within(max_age) {
            self.refresh_list();
        }
    }

    /// Asks the API's own search, and merges what it finds (the table filters locally at once).
    pub async fn search(&self, term: String) -> Result<(), ApiError> {
        let query = ListQuery {
            search: Some(term),
            ..ListQuery::default()
        };
        let found = self
            .call(|connection| async move { connection.list_domains(&query).await })
            .await?;
        self.cache.maybe_update(|cache| cache.merge_summaries(found.domains));
        Ok(())
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
        let ids: HashSet<u64> = still_pending.iter().map(|domain| domain.id.get()).collect();
        let were_pending: Vec<u64> = self.cache.with_untracked(|cache| {
            cache
                .records()
                .filter(|record| record.summary.status == DomainStatus::Pending)
                .map(|record| record.summary.id.get())
                .collect()
        });
        self.cache.maybe_update(|cache| cache.merge_summaries(still_pending));
        for id in were_pending.into_iter().filter(|id| !ids.contains(id)) {
            crate::chunks::read_detail(*self, id).await;
        }
        Ok(())
    }

    /// Reads one domain's detail. Of two reads of the same domain, only the later one's answer
    /// is taken, whichever arrives last.
    pub async fn load_detail(&self, id: u64, wake: Wake) -> Result<(), ApiError> {
        let latest = move |reads: &[(u64, u64)]| reads.iter().find(|(read, _)| *read == id).map(|(_, n)| *n);
        let asked = self.detail_asked.with_value(|reads| latest(reads).map_or(0, |n| n + 1));
        self.detail_asked.update_value(|reads| {
            reads.retain(|(read, _)| *read != id);
            reads.push((id, asked));
        });
        let result = self.call(|connection| async move { connection.domain(id).await }).await;
        if self.detail_asked.with_value(|reads| latest(reads) != Some(asked)) {
            return Err(ApiError::Superseded);
        }
        match result {
            Ok(detail) => {
                self.change_cache(wake, |cache| cache.merge_detail(detail));
                Ok(())
            }
            Err(error @ ApiError::NotFound(_)) => {
                self.change_cache(wake, |cache| cache.remove(id));
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    pub async fn register(&self, request: &RegisterRequest, key: &str) -> Result<RegisterResponse, ApiError> {
        let registered = self
            .call(|connection| async move { connection.register(request, key).await })
            .await?;
        self.cache.update(|cache| cache.merge_registered(registered.clone()));
        Ok(registered)
    }

    pub async fn update(&self, id: u64, request: &UpdateRequest, wake: Wake) -> Result<UpdateResponse, ApiError> {
        match self
            .call(|connection| async move { connection.update(id, request).await })
            .await
        {
            Ok(updated) => {
                self.change_cache(wake, |cache| cache.merge_update(updated.clone()));
                Ok(updated)
            }
            // Removed meanwhile (elsewhere): it leaves the views too.
            Err(error @ ApiError::NotFound(_)) => {
                self.change_cache(wake, |cache| cache.remove(id));
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    pub async fn remove(&self, id: u64, wake: Wake) -> Result<(), ApiError> {
        match self.call(|connection| async move { connection.remove(id).await }).await {
            // Already gone is what was asked for.
            Ok(()) | Err(ApiError::NotFound(_)) => {
                self.change_cache(wake, |cache| cache.remove(id));
                Ok(())
            }
            Err(error) => Err(error),
        }
    }

    pub async fn transfer(&self, id: u64, request: &TransferRequest, key: &str) -> Result<TransferResponse, ApiError> {
        let transfer = self
            .call(|connection| async move { connection.transfer(id, request, key).await })
            .await?;
        self.cache.update(|cache| cache.merge_transfer(transfer.clone()));
        Ok(transfer)
    }

    /// While registrations or transfers are pending (whatever page is open), polls with
    /// backoff, so that their rows change by themselves when the server's state does. The one
    /// place polling starts; call it once, from the app.
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
