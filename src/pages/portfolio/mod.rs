//! What the portfolio keeps, drawn: beside the table's filters (tag, owner, saved views), a
//! domain's tags, owner and note with its history, `/changes` and `/portfolio`. All of it is
//! in the `portfolio` chunk, fetched after the first rows are painted.

mod backup;
mod changes;
mod domain;
mod filters;
mod policy;
mod views;

pub use changes::ChangesPage;
pub use domain::DomainMemory;
pub use filters::PortfolioFilters;
pub use policy::PortfolioPage;

use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use leptos::prelude::*;

/// Said while the browser's storage refuses what is kept (full, or blocked): what was not
/// saved, and what to do.
#[component]
fn StorageNotice() -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    move || {
        let problem = memory.problem.get()?;
        Some(view! {
            <p class="notice notice--error" role="alert">{i18n.words(move |lang| problem.text(lang))}</p>
        })
    }
}

/// Now, in ms since the epoch (the browser's clock).
fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
