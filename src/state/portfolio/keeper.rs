//! Keeps the portfolio's memory in the browser's localStorage, per account, and records what
//! changed. Reached only through the `portfolio` chunk, after the first rows are painted.
//!
//! Three keys per account (the API address and a digest of the token, never the token):
//! `portfolio` (notes, views, policy: small, written on each edit), `history` and `snapshot`
//! (the watched fields at the last list load). Each write reads the key again first, so two
//! tabs add to one history instead of overwriting each other; a `storage` event brings the
//! other tab's writes into this one. A write the quota refuses changes nothing already kept.

use super::{PortfolioMemory, WriteOutcome};
use crate::logic::portfolio::history::{diff, failed_update, own_changes, History, Snapshot};
use crate::logic::portfolio::text::StorageProblem;
use crate::logic::portfolio::{account_key, backup, Portfolio};
use crate::state::session::Session;
use crate::state::store::DomainStore;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The parts kept, each under its own key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Portfolio,
    History,
    Snapshot,
}

impl Part {
    fn key(self, account: &str) -> String {
        let part = match self {
            Part::Portfolio => "portfolio",
            Part::History => "history",
            Part::Snapshot => "snapshot",
        };
        format!("vps-admin.{part}.v1:{account}")
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored value of `part`, or the default when there is none (or it cannot be read: a
/// damaged key starts afresh rather than stopping the app).
fn read<T: DeserializeOwned + Default>(account: &str, part: Part) -> T {
    storage()
        .and_then(|storage| storage.get_item(&part.key(account)).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn write<T: Serialize>(account: &str, part: Part, value: &T) -> Result<(), StorageProblem> {
    let storage = storage().ok_or(StorageProblem::Unavailable)?;
    let text = serde_json::to_string(value).map_err(|_| StorageProblem::Unavailable)?;
    let key = part.key(account);
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

/// The account signed in, as storage names it.
fn account(session: Session) -> Option<String> {
    session.connection.with(|connection| {
        connection
            .as_ref()
            .map(|connection| account_key(&connection.base.to_string(), &connection.token))
    })
}

/// Reads the account's memory into `memory`, and from then on keeps it.
pub fn start(memory: PortfolioMemory, store: DomainStore, session: Session) {
    let current = StoredValue::new(None::<String>);
    let saved = move |result: Result<(), StorageProblem>| memory.problem.set(result.err());

    // A sign-in (or another account): its memory replaces what the tab held.
    Effect::new(move |_| {
        let account = account(session);
        current.set_value(account.clone());
        match account {
            Some(account) => {
                memory.history.set(read(&account, Part::History));
                memory.replace(Some(read(&account, Part::Portfolio)));
            }
            None => memory.forget(),
        }
    });

    // Each list load: what changed since the last one kept for this account.
    let diffed_load = StoredValue::new(None::<f64>);
    Effect::new(move |_| {
        let Some((loaded_at, complete)) = store.with_list(|list| Some((list.loaded_at?, list.cut.is_none()))) else {
            return;
        };
        let Some(account) = current.get_value() else { return };
        if diffed_load.get_value() == Some(loaded_at) {
            return;
        }
        diffed_load.set_value(Some(loaded_at));
        let now = loaded_at as i64;
        let seen = store.with_cache_untracked(|cache| Snapshot::of(cache, now));
        let kept: Option<Snapshot> = storage()
            .and_then(|storage| storage.get_item(&Part::Snapshot.key(&account)).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok());
        // The first visit only sets the baseline.
        let changes = kept.map(|kept| diff(&kept, &seen, now, complete)).unwrap_or_default();
        if !changes.is_empty() {
            saved(add_to_history(memory, &account, changes));
        }
        saved(write(&account, Part::Snapshot, &seen));
    });

    // This app's own writes, as they happen.
    Effect::new(move |_| {
        if memory.own_writes.with(Vec::is_empty) {
            return;
        }
        let Some(account) = current.get_value() else { return };
        let writes = memory.own_writes.try_update(std::mem::take).unwrap_or_default();
        let mut snapshot: Snapshot = read(&account, Part::Snapshot);
        let mut changes = Vec::new();
        for write in writes {
            let key = write.name.to_ascii_lowercase();
            match write.outcome {
                WriteOutcome::Done(after) => {
                    changes.extend(own_changes(&key, write.before.as_ref(), after.as_ref(), write.at));
                    // The next list load must not tell it again as someone else's.
                    match after {
                        Some(after) => snapshot.domains.insert(key, after),
                        None => snapshot.domains.remove(&key),
                    };
                }
                WriteOutcome::Failed { request, message } => {
                    changes.extend(failed_update(&key, write.before.as_ref(), &request, write.at, &message));
                }
            }
        }
        saved(add_to_history(memory, &account, changes));
        if snapshot.at != 0 {
            saved(write(&account, Part::Snapshot, &snapshot));
        }
    });

    // Edits: saved as they are made.
    Effect::new(move |_| {
        memory.kept.with(|kept| {
            if let (Some(portfolio), Some(account)) = (kept, current.get_value()) {
                saved(write(&account, Part::Portfolio, portfolio));
            }
        })
    });

    // Another tab wrote: read it here too.
    let listener = window_event_listener(leptos::ev::storage, move |event| {
        let Some(account) = current.get_value() else { return };
        let key = event.key();
        let is = |part: Part| key.as_deref().is_none_or(|key| key == part.key(&account));
        if is(Part::Portfolio) {
            let portfolio: Portfolio = read(&account, Part::Portfolio);
            if memory.kept.with_untracked(|kept| kept.as_ref() != Some(&portfolio)) {
                memory.replace(Some(portfolio));
            }
        }
        if is(Part::History) {
            memory.history.set(read(&account, Part::History));
        }
    });
    on_cleanup(move || listener.remove());
}

/// Adds `changes` to the stored history (read again first: another tab may have added some).
fn add_to_history(
    memory: PortfolioMemory,
    account: &str,
    changes: Vec<crate::logic::portfolio::history::Change>,
) -> Result<(), StorageProblem> {
    let mut history: History = read(account, Part::History);
    history.add(changes);
    let result = write(account, Part::History, &history);
    // Shown even when not kept: the notice says it was not saved.
    memory.history.set(history);
    result
}

/// The whole memory of the account signed in, as one file (see `logic::portfolio::backup`).
pub fn export_file(memory: PortfolioMemory, session: Session) -> Option<String> {
    let account = account(session)?;
    let history = memory.history.with_untracked(Clone::clone);
    memory.kept.with_untracked(|kept| {
        let portfolio = kept.as_ref()?;
        Some(backup::export(
            &account,
            js_sys::Date::now() as i64,
            portfolio,
            &history,
        ))
    })
}

/// Reads an import for the account signed in.
pub fn read_import(text: &str, session: Session) -> Result<backup::Backup, backup::Refusal> {
    let account = account(session).unwrap_or_default();
    backup::read(text, &account)
}

/// Imports `file`: the history first (the larger), so that a full storage stops it before
/// anything else changed.
pub fn import(memory: PortfolioMemory, session: Session, file: &backup::Backup) -> Result<(), StorageProblem> {
    let account = account(session).ok_or(StorageProblem::Unavailable)?;
    let mut portfolio = memory.kept.with_untracked(|kept| kept.clone()).unwrap_or_default();
    let mut history: History = read(&account, Part::History);
    backup::import(&mut portfolio, &mut history, file);
    write(&account, Part::History, &history)?;
    write(&account, Part::Portfolio, &portfolio)?;
    memory.history.set(history);
    memory.replace(Some(portfolio));
    memory.problem.set(None);
    Ok(())
}
