//! The portfolio's words for what went wrong: with a typed text, or with the browser's
//! storage. Each said here once.

use super::TextProblem;
use crate::i18n::Lang;
use crate::intl;

/// Why the browser's storage did not take a change (nothing already kept was lost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// The quota is used up.
    Full,
    /// No storage at all (blocked, or a private window that refuses it).
    Unavailable,
}

impl StorageProblem {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            StorageProblem::Full => lang.portfolio_storage_full(),
            StorageProblem::Unavailable => lang.portfolio_storage_unavailable(),
        }
    }
}

pub fn problem_text(lang: Lang, problem: TextProblem) -> String {
    match problem {
        TextProblem::Empty => lang.portfolio_problem_empty().to_string(),
        TextProblem::Comma => lang.portfolio_problem_comma().to_string(),
        TextProblem::TooLong { max } => lang.portfolio_problem_too_long(intl::number(lang, max as i64)),
        TextProblem::TooMany { max } => lang.portfolio_problem_too_many(intl::number(lang, max as i64)),
    }
}
