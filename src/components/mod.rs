//! Reusable pieces of the interface. Thin: they read the store or their props, and call
//! the logic in `crate::logic`.

pub mod dialog;
pub mod error_notice;
pub mod expiry;
pub mod export;
pub mod fields;
pub mod form_errors;
pub mod language_switch;
pub mod list_status;
pub mod nameserver_editor;
pub mod payment;
pub mod portfolio;
pub mod price_calculator;
pub mod sign_in;
pub mod status_badge;
pub mod toast;
