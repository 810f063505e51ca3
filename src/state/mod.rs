//! Everything reactive that outlives a view: the store (the cached domains and the one path
//! every request takes), the session, the chosen language, the clock, toasts, the bulk runner,
//! the request state machines of forms (a payment, a refusal), the domain a page is about, and a
//! transfer's next steps.
//! Pages and components call these; the rules they apply are `logic`, the requests `api`.

pub mod batched;
pub mod bulk;
pub mod clock;
pub mod language;
pub mod payment;
pub mod portfolio;
pub mod refusal;
pub mod routed_domain;
pub mod session;
pub mod store;
pub mod toasts;
pub mod transfer_steps;

use bulk::Bulk;
use store::DomainStore;

/// Signs out: the session ends, and nothing of the account stays in memory for whoever signs
/// in next (its domains, the list's state, the selection, the batch). An expired session (a
/// 401) is not this: it keeps the selection and the held batch for the same person's return.
pub fn sign_out(store: DomainStore, bulk: Bulk) {
    bulk.forget();
    store.sign_out();
}
