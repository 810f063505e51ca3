//! The app's rules as plain Rust: no signals, no DOM, tested natively with `cargo test`.

pub mod address;
pub mod bulk;
pub mod cache;
pub mod export;
pub mod forecast;
pub mod format;
pub mod name_messages;
pub mod registration;
pub mod route;
pub mod settings;
pub mod table;
pub mod transfer;
