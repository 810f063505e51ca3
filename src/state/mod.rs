//! Reactive state that outlives a view and is shared by pages.

pub mod routed_domain;
