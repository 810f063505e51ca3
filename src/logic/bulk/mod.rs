//! Bulk changes as data: the change chosen (`change`), its review (`review`), the batch that
//! works through the review's domains a few requests at a time (`batch`), and the batch's
//! results as the dialog words them (`lines`).

mod batch;
mod change;
mod lines;
mod review;

pub use batch::{Batch, Failure, Halt, Outcome, Progress, MAX_IN_FLIGHT};
pub use change::{nameserver_sets, BulkChange, ChangeDraft, ChangeKind, DraftProblem};
pub use lines::{held_text, item_lines, progress_summary, retry_label};
pub use review::{confirms_removal, removal_phrase, review, BulkReview};

#[cfg(test)]
mod test_cache {
    use crate::logic::cache::DomainCache;
    use vps_contract::{DomainId, DomainSummary};

    pub fn cache_of(summaries: Vec<DomainSummary>) -> DomainCache {
        let mut cache = DomainCache::default();
        cache.replace_all(summaries);
        cache
    }

    pub fn ids(ids: &[u64]) -> Vec<DomainId> {
        ids.iter().copied().map(DomainId).collect()
    }
}
