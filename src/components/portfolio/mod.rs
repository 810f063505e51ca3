//! What the portfolio keeps, drawn: beside the table's filters, a tag and an owner to filter
//! by and the saved views; on a domain's page, its tags, owner and note. In the `pages` chunk
//! (the filters through the keeper's door, `chunks::start_portfolio`).

mod backup;
mod domain;
mod filters;
mod views;

pub use domain::DomainMemory;
pub use filters::filters_view;

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
