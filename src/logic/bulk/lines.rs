//! A batch as the dialog words it: a line per domain (the failures first), the summary above
//! them, why the batch is held, and what its retry button says.

use super::batch::{Batch, Halt, Outcome, Progress};
use crate::i18n::Lang;
use crate::logic::format::counted;

/// A result line's state, in the order the lines are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineState {
    Failed,
    Waiting,
    Sending,
    Done,
}

impl LineState {
    fn of(outcome: &Outcome) -> LineState {
        match outcome {
            Outcome::Waiting => LineState::Waiting,
            Outcome::Sending => LineState::Sending,
            Outcome::Done(_) | Outcome::Kept => LineState::Done,
            Outcome::Failed(_) => LineState::Failed,
        }
    }

    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            LineState::Failed => lang.bulk_line_failed(),
            LineState::Waiting => lang.bulk_line_waiting(),
            LineState::Sending => lang.bulk_line_sending(),
            LineState::Done => lang.bulk_line_done(),
        }
    }

    /// The line's CSS classes.
    pub fn class(self) -> &'static str {
        match self {
            LineState::Failed => "batch__item batch__item--failed",
            LineState::Done => "batch__item batch__item--done",
            LineState::Waiting | LineState::Sending => "batch__item",
        }
    }
}

/// One domain's line of the batch's results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemLine {
    pub name: String,
    pub state: LineState,
    pub outcome: Outcome,
}

impl ItemLine {
    /// The API's message, why it failed, or nothing yet.
    pub fn text(&self, lang: Lang) -> String {
        match &self.outcome {
            Outcome::Waiting | Outcome::Sending => String::new(),
            Outcome::Done(Some(message)) => message.clone(),
            Outcome::Done(None) => lang.bulk_removed_from_account().to_string(),
            Outcome::Kept => lang.bulk_tag_kept().to_string(),
            Outcome::Failed(failure) => failure.text(lang),
        }
    }
}

/// The failed ones first, then the ones still to answer, then the done ones, each in the
/// batch's order (a pass per state: no sort to link in).
pub fn item_lines(batch: &Batch) -> Vec<ItemLine> {
    let states = [
        LineState::Failed,
        LineState::Waiting,
        LineState::Sending,
        LineState::Done,
    ];
    states
        .into_iter()
        .flat_map(|state| {
            batch
                .items
                .iter()
                .filter(move |item| LineState::of(&item.outcome) == state)
                .map(move |item| ItemLine {
                    name: item.name.clone(),
                    state,
                    outcome: item.outcome.clone(),
                })
        })
        .collect()
}

/// The line above the results: how many are done, failed and still to go, of how many.
pub fn progress_summary(lang: Lang, progress: Progress) -> String {
    let (done, total) = (counted(lang, progress.done), counted(lang, progress.total));
    let to_go = progress.waiting + progress.sending;
    match (progress.failed > 0, to_go > 0) {
        (false, false) => lang.bulk_progress(done, total),
        (true, false) => lang.bulk_progress_failed(done, counted(lang, progress.failed), total),
        (false, true) => lang.bulk_progress_to_go(done, counted(lang, to_go), total),
        (true, true) => {
            lang.bulk_progress_failed_to_go(done, counted(lang, progress.failed), counted(lang, to_go), total)
        }
    }
}

/// Why the batch sends nothing more, with how many wait.
pub fn held_text(lang: Lang, halt: &Halt, waiting: usize) -> String {
    let waiting = waiting as i64;
    match halt {
        Halt::Cancelled => lang.bulk_held_cancelled(waiting),
        Halt::SignedOut => lang.bulk_held_signed_out(waiting),
        Halt::ConnectionLost => lang.bulk_held_connection_lost(waiting),
    }
}

/// The retry button: resuming what waits (and the failed), or retrying the failed.
pub fn retry_label(lang: Lang, progress: Progress) -> String {
    if progress.waiting > 0 {
        lang.bulk_resume(counted(lang, progress.waiting + progress.failed))
    } else {
        lang.bulk_retry_failed().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use crate::logic::bulk::batch::Failure;
    use crate::logic::bulk::review::review;
    use crate::logic::bulk::test_cache::{cache_of, ids};
    use crate::logic::bulk::BulkChange;
    use vps_contract::test_support::domain;
    use vps_contract::DomainId;

    #[test]
    fn the_failed_lines_come_first_then_those_to_answer_then_the_done() {
        let cache = cache_of(vec![
            domain(1, "a.com").summary(),
            domain(2, "b.com").summary(),
            domain(3, "c.com").summary(),
        ]);
        let mut batch = Batch::new(&review(
            BulkChange::Lock(false),
            &ids(&[1, 2, 3]),
            &cache,
            &crate::logic::portfolio::Portfolio::default(),
        ));
        batch.take_next();
        batch.take_next();
        batch.record(DomainId(1), Outcome::Done(Some("Locked off.".into())));
        batch.record(DomainId(2), Outcome::Failed(Failure::Api(ApiError::Timeout)));
        let lines = item_lines(&batch);
        let order: Vec<(&str, LineState)> = lines.iter().map(|line| (line.name.as_str(), line.state)).collect();
        assert_eq!(
            order,
            vec![
                ("b.com", LineState::Failed),
                ("c.com", LineState::Waiting),
                ("a.com", LineState::Done)
            ]
        );
        assert_eq!(lines[2].text(Lang::En), "Locked off.");
        assert_eq!(lines[1].text(Lang::En), "");
        assert_eq!(lines[0].text(Lang::En), ApiError::Timeout.message(Lang::En));
        assert_eq!(lines[0].state.class(), "batch__item batch__item--failed");
        assert_eq!(LineState::Done.word(Lang::En), Lang::En.bulk_line_done());
        let removed = ItemLine {
            name: "a.com".into(),
            state: LineState::Done,
            outcome: Outcome::Done(None),
        };
        assert_eq!(removed.text(Lang::Fi), Lang::Fi.bulk_removed_from_account());
    }

    #[test]
    fn the_summary_the_hold_and_the_retry_say_the_counts() {
        let progress = Progress {
            total: 1200,
            done: 1000,
            failed: 2,
            sending: 3,
            waiting: 195,
        };
        assert_eq!(
            progress_summary(Lang::En, progress),
            Lang::En.bulk_progress_failed_to_go("1,000", "2", "198", "1,200")
        );
        let finished = Progress {
            total: 2,
            done: 2,
            ..Progress::default()
        };
        assert_eq!(progress_summary(Lang::En, finished), Lang::En.bulk_progress("2", "2"));
        assert_eq!(
            held_text(Lang::En, &Halt::SignedOut, 195),
            Lang::En.bulk_held_signed_out(195)
        );
        assert_eq!(retry_label(Lang::En, progress), Lang::En.bulk_resume("197"));
        assert_eq!(
            retry_label(Lang::En, Progress { failed: 2, ..finished }),
            Lang::En.bulk_retry_failed()
        );
    }
}
