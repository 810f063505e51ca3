//! Keeps the portfolio's memory in the browser's localStorage, per account. Reached only
//! through its door in `chunks` (the pages chunk), after the first rows are painted.
//!
//! One key per account, named by the API address and a digest of the token (never the token),
//! with the schema's version in it. A `storage` event brings another tab's writes into this
//! one, so two tabs agree. A write the quota refuses changes nothing already kept, and says so.

use super::PortfolioMemory;
use crate::logic::portfolio::text::StorageProblem;
use crate::logic::portfolio::{account_key, Portfolio};
use crate::state::session::Session;
use leptos::prelude::*;

/// The key of an account's memory: the `v1` is the schema's version.
fn key(account: &str) -> String {
    format!("vps-admin.portfolio.v1:{account}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What is kept for `account`: empty when nothing is (or it cannot be read: a damaged value
/// starts afresh rather than stopping the app).
fn read(account: &str) -> Portfolio {
    let mut portfolio: Portfolio = storage()
        .and_then(|storage| storage.get_item(&key(account)).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    portfolio.tidy();
    portfolio
}

/// Writes what is kept, unless storage holds it already.
fn write(account: &str, portfolio: &Portfolio) -> Result<(), StorageProblem> {
    let storage = storage().ok_or(StorageProblem::Unavailable)?;
    let text = serde_json::to_string(portfolio).map_err(|_| StorageProblem::Unavailable)?;
    let key = key(account);
    if storage.get_item(&key).ok().flatten().as_deref() == Some(text.as_str()) {
        return Ok(());
    }
    storage.set_item(&key, &text).map_err(|error| {
        let name = js_sys::Reflect::get(&error, &"name".into())
            .ok()
            .and_then(|name| name.as_string());
        match name.as_deref() {
            Some("QuotaExceededError") => StorageProblem::Full,
            _ => StorageProblem::Unavailable,
        }
    })
}

/// The account signed in, as storage (and an export) names it.
pub fn account(session: Session) -> Option<String> {
    session.connection.with(|connection| {
        connection
            .as_ref()
            .map(|connection| account_key(&connection.base.to_string(), &connection.token))
    })
}

/// Reads the account's memory into `memory`, and from then on keeps it.
pub fn start(memory: PortfolioMemory, session: Session) {
    let current = StoredValue::new(None::<String>);

    // A sign-in (or another account): its memory replaces what the tab held.
    Effect::new(move |_| {
        let account = account(session);
        let kept = account.as_deref().map(read);
        current.set_value(account);
        memory.replace(kept);
    });

    // Edits: saved as they are made.
    Effect::new(move |_| {
        memory.kept.with(|kept| {
            if let (Some(portfolio), Some(account)) = (kept, current.get_value()) {
                memory.problem.set(write(&account, portfolio).err());
            }
        })
    });

    // Another tab wrote: read it here too.
    let listener = window_event_listener(leptos::ev::storage, move |event| {
        let Some(account) = current.get_value() else { return };
        if event.key().is_none_or(|changed| changed == key(&account)) {
            let portfolio = read(&account);
            if memory.kept.with_untracked(|kept| kept.as_ref() != Some(&portfolio)) {
                memory.replace(Some(portfolio));
            }
        }
    });
    on_cleanup(move || listener.remove());
}
