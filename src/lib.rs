//! The VPS.org domains admin: a Leptos (client-side rendered) app over the provider's API.
//!
//! Data flows one way: pages ask `state` (the store), which calls `api` and merges every
//! answer into the cached domain state; views read it. The rules live in `logic` (and the
//! shared `vps-contract` crate) as plain Rust; `error`, `i18n` and `intl` are plain helpers
//! that every layer may use.

mod api;
mod app;
mod chunks;
mod components;
mod error;
mod i18n;
mod idn;
mod intl;
mod logic;
mod pages;
mod router;
mod state;

pub use app::App;

// What the browser tests (tests/browser.rs) set up, mount and drive.
pub use api::{ApiBase, Connection};
pub use app::{provide_app_context, Pages};
pub use i18n::Lang;
pub use idn::install as install_idn;
pub use logic::cache::DomainCache;
pub use logic::route::Route;
pub use router::use_location;
pub use state::batched::Wake;
pub use state::language::I18n;
pub use state::session::Session;
pub use state::store::DomainStore;
