//! The app's rules and view models as plain Rust: no signals, no DOM, no requests (`api`), so
//! `cargo test` runs them natively.

pub mod bulk;
pub mod cache;
pub mod export;
pub mod forecast;
pub mod format;
pub mod name_messages;
pub mod payment;
pub mod portfolio;
pub mod registration;
pub mod route;
pub mod settings;
pub mod table;
pub mod transfer;
