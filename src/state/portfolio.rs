//! The portfolio's memory in signals: what is kept per account (tags, notes, owners, saved
//! views, the policy) and the history of changes. The first screen only reads it (chips, the
//! tag and owner filters, the badge); the `keeper`, in the `portfolio` chunk fetched after the
//! first rows are painted, reads and writes the browser's storage and records what changed.

pub mod keeper;

use crate::logic::portfolio::history::{History, Watched};
use crate::logic::portfolio::text::StorageProblem;
use crate::logic::portfolio::Portfolio;
use leptos::prelude::*;
use vps_contract::{DomainSummary, UpdateRequest};

/// A write of this app, for the history: told by the store as it answers.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnWrite {
    /// ms since the epoch.
    pub at: i64,
    pub name: String,
    pub before: Option<Watched>,
    pub outcome: WriteOutcome,
}

#[derive(Clone, Debug, PartialEq)]
pub enum WriteOutcome {
    /// The domain as it is now (`None`: removed).
    Done(Option<Watched>),
    /// A settings change refused or lost: what was asked, and why.
    Failed { request: UpdateRequest, message: String },
}

#[derive(Clone, Copy)]
pub struct PortfolioMemory {
    /// `None` until the keeper has read this account's storage.
    kept: RwSignal<Option<Portfolio>>,
    history: RwSignal<History>,
    /// Writes not yet in the history: the keeper takes them.
    own_writes: RwSignal<Vec<OwnWrite>>,
    /// The last write to storage that failed, until one succeeds.
    pub problem: RwSignal<Option<StorageProblem>>,
    /// Counts the changes of `kept`, so that a filter knows whether its last answer still holds.
    version: StoredValue<u64>,
}

impl PortfolioMemory {
    pub fn new() -> PortfolioMemory {
        PortfolioMemory {
            kept: RwSignal::new(None),
            history: RwSignal::new(History::default()),
            own_writes: RwSignal::new(Vec::new()),
            problem: RwSignal::new(None),
            version: StoredValue::new(0),
        }
    }

    /// Changes whenever what is kept does; tracked.
    pub fn version(&self) -> u64 {
        self.kept.track();
        self.version.get_value()
    }

    /// Replaces what is kept (the keeper, reading storage).
    fn replace(&self, kept: Option<Portfolio>) {
        self.version.update_value(|version| *version += 1);
        self.kept.set(kept);
    }

    pub fn is_loaded(&self) -> bool {
        self.kept.with(Option::is_some)
    }

    /// Reads what is kept (an empty portfolio until it has been read), and tracks it.
    pub fn with<R>(&self, read: impl FnOnce(&Portfolio) -> R) -> R {
        self.kept.with(|kept| match kept {
            Some(portfolio) => read(portfolio),
            None => read(&Portfolio::default()),
        })
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&Portfolio) -> R) -> R {
        self.kept.with_untracked(|kept| match kept {
            Some(portfolio) => read(portfolio),
            None => read(&Portfolio::default()),
        })
    }

    /// Changes what is kept (the keeper saves it); nothing before it has been read.
    pub fn update(&self, change: impl FnOnce(&mut Portfolio)) {
        self.version.update_value(|version| *version += 1);
        self.kept.update(|kept| {
            if let Some(portfolio) = kept {
                change(portfolio);
            }
        });
    }

    pub fn with_history<R>(&self, read: impl FnOnce(&History) -> R) -> R {
        self.history.with(read)
    }

    /// How many changes are newer than the last look at the history.
    pub fn unseen(&self) -> usize {
        let seen_until = self.kept.with(|kept| kept.as_ref().map(|p| p.seen_until));
        seen_until.map_or(0, |seen| self.history.with(|history| history.unseen(seen)))
    }

    /// Tells the history of a write of this app.
    pub fn record(&self, write: OwnWrite) {
        self.own_writes.update(|writes| writes.push(write));
    }

    /// Forgets the account's memory in this tab (a sign-out; storage keeps it).
    pub fn forget(&self) {
        self.replace(None);
        self.history.set(History::default());
        self.own_writes.update(Vec::clear);
    }
}

impl Default for PortfolioMemory {
    fn default() -> PortfolioMemory {
        PortfolioMemory::new()
    }
}

/// The watched fields of `summary`, for the history.
pub fn watched(summary: Option<&DomainSummary>) -> Option<Watched> {
    summary.map(Watched::of)
}
