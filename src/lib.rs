//! The VPS.org domains admin: a Leptos (client-side rendered) app over the provider's API.
//!
//! Data flows one way: pages ask the store, which calls the API client and merges every
//! answer into the cached domain state; components read the store. The rules live in
//! `logic` (and the shared `vps-contract` crate) as plain Rust.

mod api;
mod app;
mod bulk;
mod chunks;
mod clock;
mod components;
mod i18n;
mod idn;
mod intl;
mod logic;
mod pages;
mod router;
mod session;
mod state;
mod store;

pub use app::App;

// What the browser tests (tests/browser.rs) set up, mount and drive.
pub use api::Connection;
pub use app::{provide_app_context, Pages};
pub use i18n::{I18n, Lang};
pub use idn::install as install_idn;
pub use logic::address::ApiBase;
pub use logic::cache::DomainCache;
pub use logic::route::Route;
pub use router::use_location;
pub use session::Session;
pub use store::{Store, Wake};
