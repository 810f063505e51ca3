//! The VPS.org domains admin: a Leptos (client-side rendered) app over the provider's API.
//!
//! Data flows one way: pages ask [`store`], which calls [`api`] and merges every answer into
//! the cached domain state; components read the store. The rules live in [`logic`] (and the
//! shared `vps-contract` crate) as plain Rust.

pub mod api;
pub mod app;
pub mod clock;
pub mod components;
pub mod idn;
pub mod logic;
pub mod pages;
pub mod session;
pub mod store;

pub use app::App;
