//! The portfolio's memory in a signal: what is kept per account (tags, owners, notes, saved
//! views). The first screen only reads it (chips, the tag and owner filters, the search); the
//! `keeper`, in the pages chunk fetched after the first rows are painted, reads it from the
//! browser's storage and writes every change back.

pub mod keeper;

use crate::logic::portfolio::text::StorageProblem;
use crate::logic::portfolio::Portfolio;
use crate::logic::table::TableQuery;
use leptos::prelude::*;

/// Draws the filters beside the table (tag, owner, saved views): the `pages` chunk's.
pub type FiltersView = fn(Memo<TableQuery>) -> AnyView;

#[derive(Clone, Copy)]
pub struct PortfolioMemory {
    /// `None` until the keeper has read this account's storage.
    kept: RwSignal<Option<Portfolio>>,
    /// The last write to storage that failed, until one succeeds.
    pub problem: RwSignal<Option<StorageProblem>>,
    /// Counts the changes of `kept`, so that a filter knows whether its last answer still holds.
    version: StoredValue<u64>,
    filters: RwSignal<Option<FiltersView>>,
}

impl PortfolioMemory {
    pub fn new() -> PortfolioMemory {
        PortfolioMemory {
            kept: RwSignal::new(None),
            problem: RwSignal::new(None),
            version: StoredValue::new(0),
            filters: RwSignal::new(None),
        }
    }

    /// The filters beside the table, once the keeper's chunk has brought them; tracked.
    pub fn filters(&self, url_query: Memo<TableQuery>) -> Option<AnyView> {
        Some(self.filters.get()?(url_query))
    }

    pub fn set_filters(&self, view: FiltersView) {
        self.filters.set(Some(view));
    }

    /// Changes whenever what is kept does; tracked.
    pub fn version(&self) -> u64 {
        self.kept.track();
        self.version.get_value()
    }

    pub fn is_loaded(&self) -> bool {
        self.kept.with(Option::is_some)
    }

    /// Reads what is kept (an empty portfolio until it has been read), and tracks it.
    pub fn with<R>(&self, read: impl FnOnce(&Portfolio) -> R) -> R {
        self.kept.with(|kept| read(kept.as_ref().unwrap_or(&Portfolio::EMPTY)))
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&Portfolio) -> R) -> R {
        self.kept
            .with_untracked(|kept| read(kept.as_ref().unwrap_or(&Portfolio::EMPTY)))
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

    /// Replaces what is kept (the keeper, reading storage; `None` at a sign-out).
    fn replace(&self, kept: Option<Portfolio>) {
        self.version.update_value(|version| *version += 1);
        self.kept.set(kept);
    }
}

impl Default for PortfolioMemory {
    fn default() -> PortfolioMemory {
        PortfolioMemory::new()
    }
}
