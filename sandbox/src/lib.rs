//! The sandbox: the VPS.org Domains API served natively (axum + SQLite), with its own
//! `/sandbox/` controls for tests and demos, and optionally the built admin app.
//!
//! The controls (see `controls.rs`): `/sandbox/account` (the balance), `/sandbox/clock`,
//! `/sandbox/reset`, and `POST /sandbox/generate` with `{"count": N}` (Bearer; 1 ≤ N ≤ 50,000),
//! which adds N generated domains to the token's account in one transaction — realistic names
//! over all seven TLDs and a few IDNs, every status, some held at other registrars, expiries
//! spread over five years with some within 30 days — never colliding with a registered or
//! reserved name, and answers `200 {"created": N}`. The benchmark (`bench/`) seeds 100 and
//! 10,000 domains with it.
//!
//! [`serve()`] runs the process; [`app`] is the whole `Router` with its layers, which tests call
//! in process (`tower::ServiceExt::oneshot`) on an [`AppState`] they open themselves.

pub mod config;
mod controls;
mod db;
mod domains;
mod error;
mod generate;
mod http;
mod idempotency;
mod list_cache;
mod seed;
mod serve;
mod state;
mod static_site;
mod strict_json;

pub use http::app;
pub use serve::serve;
pub use state::{AppState, SharedState};

/// The OpenAPI document of the six provider endpoints, served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");
