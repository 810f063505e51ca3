//! The domain table as plain Rust: its view state as it lives in the URL query (`query`), the
//! risks it counts (`risk`), and the rows it shows (`rows`).

mod query;
mod risk;
mod rows;

pub use query::{filter_label, Order, SortKey, TableQuery};
pub use risk::{Risk, SOON_DAYS};
pub use rows::{filter_ids, narrows, page_of, risk_counts, sorted_ids, status_counts, TablePage};
