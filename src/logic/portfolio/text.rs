//! The portfolio's words for what went wrong: with a typed text, or with the browser's
//! storage. Each said here once.

use super::backup::{Refusal, MAX_IMPORT_BYTES, SCHEMA};
use super::{TextProblem, MAX_VIEWS};
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

impl Refusal {
    /// Why the file was not imported, and that nothing changed.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Refusal::TooBig => lang.backup_refused_too_big(intl::number(lang, (MAX_IMPORT_BYTES / 1_000_000) as i64)),
            Refusal::NotJson => lang.backup_refused_not_json().to_string(),
            Refusal::NotABackup => lang.backup_refused_not_backup().to_string(),
            Refusal::OtherSchema(schema) => lang.backup_refused_schema(schema.to_string(), SCHEMA.to_string()),
            Refusal::OtherAccount => lang.backup_refused_account().to_string(),
            Refusal::Broken { name, problem } => lang.backup_refused_broken(name, problem_text(lang, *problem)),
            Refusal::TooManyViews => lang.backup_refused_views(intl::number(lang, MAX_VIEWS as i64)),
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
