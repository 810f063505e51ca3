//! One module per route.

pub mod domain;
pub mod domains;
pub mod forecast;
pub mod not_found;
pub mod register;
pub mod transfer;
