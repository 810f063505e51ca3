//! The store: the cached domain state ([`DomainCache`], every domain the app has seen) in a
//! signal, and the one path every request to the API takes. Views read the cache at once and
//! it is refreshed in the background, so screens are instant and agree with each other.

mod polling;

use crate::api::{self, Connection, DomainListing, ListingCut};
use crate::error::{ApiError, OriginBarrier};
use crate::logic::cache::{DomainCache, Holder};
use crate::state::batched::{Batched, Wake};
use crate::state::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::time::Duration;
use vps_contract::{
    DomainId, ListQuery, RegisterRequest, RegisterResponse, TransferRequest, TransferResponse, UpdateRequest,
    UpdateResponse,
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

/// The latest detail read asked for one domain (counted): an older read that answers later is
/// dropped.
#[derive(Clone, Copy)]
struct LatestRead {
    id: DomainId,
    read: u64,
}

/// How many detail reads go at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readers {
    One,
    /// As many as a bulk change sends at once (`logic::bulk::MAX_IN_FLIGHT`).
    Four,
}

/// How far a round of detail reads has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reads {
    pub done: usize,
    pub total: usize,
}

/// The cache in a signal, and the requests that fill it. `Copy`: pass it anywhere.
#[derive(Clone, Copy)]
pub struct DomainStore {
    cache: Batched<DomainCache>,
    list: RwSignal<ListState>,
    session: Session,
    polling: StoredValue<bool>,
    detail_asked: StoredValue<Vec<LatestRead>>,
}

impl DomainStore {
    pub fn new(session: Session) -> DomainStore {
        DomainStore::holding(session, DomainCache::default())
    }

    /// A store that starts from domains already known (the browser tests set up pages so).
    pub fn holding(session: Session, cache: DomainCache) -> DomainStore {
        DomainStore {
            cache: Batched::new(cache),
            list: RwSignal::new(ListState::default()),
            session,
            polling: StoredValue::new(false),
            detail_asked: StoredValue::new(Vec::new()),
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

    /// Ends the session and forgets its domains (see `state::sign_out`, which also ends the
    /// selection and the batch).
    pub(super) fn sign_out(&self) {
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

    /// For a page that shows the whole list: while signed in (and again at each sign-in), the
    /// list is reloaded unless it arrived less than `max_age` ago.
    pub fn keep_list_fresh(&self, max_age: Duration) {
        let store = *self;
        Effect::new(move |_| {
            if store.session.is_signed_in() && !store.list_loaded_within(max_age) {
                store.refresh_list();
            }
        });
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

    /// Reads one domain's detail. Of two reads of the same domain, only the later one's answer
    /// is taken, whichever arrives last.
    pub async fn load_detail(&self, id: DomainId, wake: Wake) -> Result<(), ApiError> {
        let latest = move |reads: &[LatestRead]| reads.iter().find(|asked| asked.id == id).map(|asked| asked.read);
        let read = self.detail_asked.with_value(|reads| latest(reads).map_or(0, |n| n + 1));
        self.detail_asked.update_value(|reads| {
            reads.retain(|asked| asked.id != id);
            reads.push(LatestRead { id, read });
        });
        let result = self.call(|connection| async move { connection.domain(id).await }).await;
        if self.detail_asked.with_value(|reads| latest(reads) != Some(read)) {
            return Err(ApiError::Superseded);
        }
        match result {
            Ok(detail) => {
                self.cache.change(wake, |cache| cache.merge_detail(detail));
                Ok(())
            }
            Err(error @ ApiError::NotFound(_)) => {
                self.cache.change(wake, |cache| cache.remove(id));
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    /// Reads, in the order given, the detail of each of `ids` whose registrar is not known yet
    /// (the list does not say it), so that those held elsewhere can be told apart; `readers`
    /// at a time. A read that fails leaves its domain unknown. `on_read` hears how far they
    /// have come, at the start and as each answers (a `dyn` callback, so that every caller
    /// shares one copy of this future's code).
    pub async fn read_unknown_registrars(&self, ids: &[DomainId], readers: Readers, on_read: &dyn Fn(Reads)) {
        let mut unknown: Vec<DomainId> = self.cache.with_untracked(|cache| {
            ids.iter()
                .copied()
                .filter(|id| cache.get(*id).is_some_and(|record| record.holder() == Holder::Unknown))
                .collect()
        });
        let total = unknown.len();
        on_read(Reads { done: 0, total });
        // Taken from the end.
        unknown.reverse();
        let queue = RefCell::new(unknown);
        let done = Cell::new(0);
        let reader = || async {
            loop {
                // (Taken in a statement of its own: the borrow must end before the await.)
                let Some(id) = queue.borrow_mut().pop() else { break };
                let _ = self.load_detail(id, Wake::Soon).await;
                done.set(done.get() + 1);
                on_read(Reads {
                    done: done.get(),
                    total,
                });
            }
        };
        match readers {
            Readers::One => reader().await,
            // (join4 costs less wasm than join_all.)
            Readers::Four => {
                const _: () = assert!(crate::logic::bulk::MAX_IN_FLIGHT == 4);
                futures::future::join4(reader(), reader(), reader(), reader()).await;
            }
        }
    }

    pub async fn register(&self, request: &RegisterRequest, key: &str) -> Result<RegisterResponse, ApiError> {
        let registered = self
            .call(|connection| async move { connection.register(request, key).await })
            .await?;
        self.cache.update(|cache| cache.merge_registered(registered.clone()));
        Ok(registered)
    }

    pub async fn update(&self, id: DomainId, request: &UpdateRequest, wake: Wake) -> Result<UpdateResponse, ApiError> {
        match self
            .call(|connection| async move { connection.update(id, request).await })
            .await
        {
            Ok(updated) => {
                self.cache.change(wake, |cache| cache.merge_update(updated.clone()));
                Ok(updated)
            }
            // Removed meanwhile (elsewhere): it leaves the views too.
            Err(error @ ApiError::NotFound(_)) => {
                self.cache.change(wake, |cache| cache.remove(id));
                Err(error)
            }
            Err(error) => Err(error),
        }
    }

    pub async fn remove(&self, id: DomainId, wake: Wake) -> Result<(), ApiError> {
        match self.call(|connection| async move { connection.remove(id).await }).await {
            // Already gone is what was asked for.
            Ok(()) | Err(ApiError::NotFound(_)) => {
                self.cache.change(wake, |cache| cache.remove(id));
                Ok(())
            }
            Err(error) => Err(error),
        }
    }

    /// Asks for a transfer in. A refusal (400) also reads the domain again.
    pub async fn transfer(
        &self,
        id: DomainId,
        request: &TransferRequest,
        key: &str,
    ) -> Result<TransferResponse, ApiError> {
        let result = self
            .call(|connection| async move { connection.transfer(id, request, key).await })
            .await;
        match &result {
            Ok(transfer) => self.cache.update(|cache| cache.merge_transfer(transfer.clone())),
            // The server's verdict replaces the app's guess of what it would accept: the domain
            // is read again (in the background; the refusal is shown meanwhile).
            Err(ApiError::Invalid(_)) => {
                let store = *self;
                spawn_local(async move {
                    let _ = store.load_detail(id, Wake::Now).await;
                });
            }
            Err(_) => {}
        }
        result
    }
}
