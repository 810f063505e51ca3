//! The domain a page is about (`/domains/:id` and its transfer page), read from the store and
//! loaded from the API when the page opens.

use crate::error::ApiError;
use crate::logic::cache::DomainRecord;
use crate::state::batched::Wake;
use crate::state::session::Session;
use crate::state::store::DomainStore;
use leptos::prelude::*;
use leptos::task::spawn_local;
use vps_contract::DomainId;

/// The domain a page shows, as the store holds it, loaded when the page opens and again when
/// the session changes.
#[derive(Clone, Copy)]
pub struct RoutedDomain {
    pub id: DomainId,
    pub record: Memo<Option<DomainRecord>>,
    /// Whether the store has it: the page re-renders on this only, its fields update in place.
    pub known: Memo<bool>,
    /// Why the last load of this id failed (the store answers only the latest of several).
    pub problem: RwSignal<Option<ApiError>>,
    store: DomainStore,
}

impl RoutedDomain {
    /// Reads the domain again; its record updates in place.
    pub fn reload(&self) {
        let RoutedDomain { id, problem, store, .. } = *self;
        spawn_local(async move {
            let result = store.load_detail(id, Wake::Now).await;
            match result {
                Ok(()) => {
                    let _ = problem.try_set(None);
                }
                // A newer read of it, or another session, answers instead.
                Err(ApiError::Superseded) => {}
                // (The page may have gone meanwhile: then nobody reads it.)
                Err(error) => {
                    let _ = problem.try_set(Some(error));
                }
            }
        });
    }
}

pub fn use_routed_domain(id: DomainId) -> RoutedDomain {
    let store = expect_context::<DomainStore>();
    let session = expect_context::<Session>();
    let record = Memo::new(move |_| store.with_cache(|cache| cache.get(id).cloned()));
    let known = Memo::new(move |_| record.with(Option::is_some));
    let problem = RwSignal::new(None::<ApiError>);
    let routed = RoutedDomain {
        id,
        record,
        known,
        problem,
        store,
    };
    // A new session: what failed before was about another.
    Effect::new(move |_| {
        problem.set(None);
        if session.is_signed_in() {
            routed.reload();
        }
    });
    routed
}
