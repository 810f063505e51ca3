//! What is kept, as one JSON file: exported for safekeeping or another browser, and imported
//! only after it has been checked and what it would change has been shown.

use super::{clean_tag, clean_text, view_name, DomainNote, Portfolio, TextProblem};
use super::{MAX_NOTE_CHARS, MAX_OWNER_CHARS, MAX_TAGS, MAX_VIEWS};
use serde::{Deserialize, Serialize};

/// What the file says it is.
pub const KIND: &str = "vps-admin-portfolio";
/// The file's schema; a file of another one is refused, not guessed at.
pub const SCHEMA: u64 = 1;
/// Larger files are refused before they are read (storage holds about 5 MB in all).
pub const MAX_IMPORT_BYTES: usize = 5_000_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub kind: String,
    pub schema: u64,
    /// The account it was exported from (`account_key`: the API address and a digest of the
    /// token), so that it goes back into that account only.
    pub account: String,
    pub portfolio: Portfolio,
}

/// What a file says it is, read before the rest, so that another file or another schema is
/// named as such rather than by whichever field is missing first.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    schema: Option<u64>,
}

/// Why a file was refused; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    TooBig,
    NotJson,
    NotABackup,
    OtherSchema(u64),
    OtherAccount,
    /// A note or view (named) breaks a rule the forms enforce: a hand-edited file.
    Broken {
        name: String,
        problem: TextProblem,
    },
    TooManyViews,
}

/// What an import will do, shown before it does it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    pub notes_added: usize,
    pub notes_replaced: usize,
    pub views_added: usize,
    pub views_replaced: usize,
}

impl ImportPreview {
    pub fn changes_nothing(&self) -> bool {
        *self == ImportPreview::default()
    }
}

/// The file for `account`.
pub fn export(account: &str, portfolio: &Portfolio) -> String {
    let backup = Backup {
        kind: KIND.to_string(),
        schema: SCHEMA,
        account: account.to_string(),
        portfolio: portfolio.clone(),
    };
    // Cannot fail: derived impls of strings and lists only.
    serde_json::to_string_pretty(&backup).unwrap_or_default()
}

/// Reads a file for `account` (`None`: any account, when the person has said the file is theirs,
/// from before a new API key): refused when too big, not JSON, not an export, of another schema
/// or account, or holding what the forms would refuse.
pub fn read(text: &str, account: Option<&str>) -> Result<Backup, Refusal> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(Refusal::TooBig);
    }
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|_| Refusal::NotJson)?;
    let header: Header = serde_json::from_str(text).map_err(|_| Refusal::NotABackup)?;
    if header.kind.as_deref() != Some(KIND) {
        return Err(Refusal::NotABackup);
    }
    match header.schema {
        Some(SCHEMA) => {}
        Some(other) => return Err(Refusal::OtherSchema(other)),
        None => return Err(Refusal::NotABackup),
    }
    let mut backup: Backup = serde_json::from_str(text).map_err(|_| Refusal::NotABackup)?;
    if account.is_some_and(|account| backup.account != account) {
        return Err(Refusal::OtherAccount);
    }
    check(&backup.portfolio)?;
    backup.portfolio.tidy();
    Ok(backup)
}

/// The rules the domain page and the views menu enforce, for what a file brings.
fn check(portfolio: &Portfolio) -> Result<(), Refusal> {
    let broken = |name: &str, problem| Refusal::Broken {
        name: name.to_string(),
        problem,
    };
    for note in &portfolio.notes {
        if note.name.trim().is_empty() {
            return Err(broken(&note.name, TextProblem::Empty));
        }
        if note.tags.len() > MAX_TAGS {
            return Err(broken(&note.name, TextProblem::TooMany { max: MAX_TAGS }));
        }
        let texts = note.tags.iter().map(|tag| clean_tag(tag).map(drop));
        let texts = texts
            .chain([clean_text(&note.owner, MAX_OWNER_CHARS).map(drop)])
            .chain([clean_text(&note.note, MAX_NOTE_CHARS).map(drop)]);
        for result in texts {
            result.map_err(|problem| broken(&note.name, problem))?;
        }
    }
    if portfolio.views.len() > MAX_VIEWS {
        return Err(Refusal::TooManyViews);
    }
    for view in &portfolio.views {
        view_name(&view.name).map_err(|problem| broken(&view.name, problem))?;
    }
    Ok(())
}

/// What importing `backup` over what is kept would add and replace.
pub fn preview(portfolio: &Portfolio, backup: &Backup) -> ImportPreview {
    let mut preview = ImportPreview::default();
    for note in kept_notes(backup) {
        match portfolio.note(&note.name) {
            Some(own) if own == note => {}
            Some(_) => preview.notes_replaced += 1,
            None => preview.notes_added += 1,
        }
    }
    for view in &backup.portfolio.views {
        match portfolio
            .views
            .iter()
            .find(|own| own.name.eq_ignore_ascii_case(&view.name))
        {
            Some(own) if own == view => {}
            Some(_) => preview.views_replaced += 1,
            None => preview.views_added += 1,
        }
    }
    preview
}

/// Imports `backup`: its notes and views replace those of the same domain or name; what it
/// does not mention stays.
pub fn import(portfolio: &mut Portfolio, backup: &Backup) {
    for note in kept_notes(backup) {
        portfolio.set_note(&note.name, note.clone());
    }
    for view in &backup.portfolio.views {
        portfolio.save_view(view.clone());
    }
}

/// The file's notes that say something: an empty one (only an edited file has them) would make
/// `set_note` forget the note kept here, which no import does.
fn kept_notes(backup: &Backup) -> impl Iterator<Item = &DomainNote> {
    backup.portfolio.notes.iter().filter(|note| !note.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::portfolio::{account_key, SavedView};

    fn account() -> String {
        account_key("https://api.vps.org/api/v1/", "token-1")
    }

    fn note(name: &str, tags: &[&str], owner: &str) -> DomainNote {
        DomainNote {
            name: name.into(),
            tags: tags.iter().map(|tag| tag.to_string()).collect(),
            owner: owner.into(),
            note: String::new(),
        }
    }

    fn view(name: &str, query: &str) -> SavedView {
        SavedView {
            name: name.into(),
            query: query.into(),
        }
    }

    fn kept() -> Portfolio {
        let mut portfolio = Portfolio::default();
        portfolio.set_note("example.com", note("", &["client-a"], "Ann"));
        portfolio.set_note("myapp.io", note("", &["internal"], ""));
        portfolio.save_view(view("Client A", "?tag=client-a"));
        portfolio
    }

    #[test]
    fn an_export_reads_back_whole_into_its_own_account_only() {
        let file = export(&account(), &kept());
        let backup = read(&file, Some(&account())).unwrap();
        assert_eq!(backup.portfolio, kept());
        assert_eq!(
            read(&file, Some(&account_key("https://api.vps.org/api/v1/", "token-2"))),
            Err(Refusal::OtherAccount)
        );
        assert_eq!(read(&file, None), Ok(backup.clone()), "said to be theirs: read");
        let mut empty = Portfolio::default();
        assert_eq!(
            preview(&empty, &backup),
            ImportPreview {
                notes_added: 2,
                views_added: 1,
                ..ImportPreview::default()
            }
        );
        import(&mut empty, &backup);
        assert_eq!(empty, kept());
        assert!(
            preview(&empty, &backup).changes_nothing(),
            "a second import changes nothing"
        );
    }

    #[test]
    fn what_a_file_does_not_mention_stays_and_the_same_domain_or_view_is_replaced() {
        let mut other = Portfolio::default();
        other.set_note("EXAMPLE.com", note("", &["client-b"], ""));
        other.set_note("new.org", note("", &["fresh"], ""));
        other.save_view(view("client a", "?tag=client-b"));
        let backup = read(&export(&account(), &other), Some(&account())).unwrap();
        let mut portfolio = kept();
        assert_eq!(
            preview(&portfolio, &backup),
            ImportPreview {
                notes_added: 1,
                notes_replaced: 1,
                views_added: 0,
                views_replaced: 1,
            }
        );
        import(&mut portfolio, &backup);
        assert_eq!(
            portfolio.note("example.com").map(|note| note.tags.clone()),
            Some(vec!["client-b".into()])
        );
        assert!(portfolio.note("myapp.io").is_some(), "not in the file: kept");
        assert!(portfolio.note("new.org").is_some());
        assert_eq!(portfolio.views, vec![view("client a", "?tag=client-b")]);
    }

    #[test]
    fn a_bad_file_is_refused_for_what_it_is() {
        let account = account();
        assert_eq!(read("{not json", Some(&account)), Err(Refusal::NotJson));
        assert_eq!(read("[1, 2]", Some(&account)), Err(Refusal::NotABackup));
        assert_eq!(
            read(r#"{"kind": "something-else", "schema": 1}"#, Some(&account)),
            Err(Refusal::NotABackup)
        );
        let later = format!(r#"{{"kind": "{KIND}", "schema": 2, "account": "{account}", "portfolio": {{}}}}"#);
        assert_eq!(read(&later, Some(&account)), Err(Refusal::OtherSchema(2)));
        let no_portfolio = format!(r#"{{"kind": "{KIND}", "schema": 1, "account": "{account}"}}"#);
        assert_eq!(read(&no_portfolio, Some(&account)), Err(Refusal::NotABackup));
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert_eq!(read(&big, Some(&account)), Err(Refusal::TooBig));
    }

    #[test]
    fn a_hand_edited_file_that_breaks_a_rule_is_refused_by_name() {
        let account = account();
        let refused = |portfolio: Portfolio| read(&export(&account, &portfolio), Some(&account));
        let mut commas = Portfolio::default();
        commas.notes.push(note("a.com", &["one, two"], ""));
        assert_eq!(
            refused(commas),
            Err(Refusal::Broken {
                name: "a.com".into(),
                problem: TextProblem::Comma
            })
        );
        let mut many = Portfolio::default();
        let thirteen: Vec<String> = (0..=MAX_TAGS).map(|n| format!("t{n}")).collect();
        many.notes.push(note(
            "b.com",
            &thirteen.iter().map(String::as_str).collect::<Vec<_>>(),
            "",
        ));
        assert!(matches!(
            refused(many),
            Err(Refusal::Broken {
                problem: TextProblem::TooMany { .. },
                ..
            })
        ));
        let mut unnamed = Portfolio::default();
        unnamed.views.push(view("  ", "?q=x"));
        assert!(matches!(
            refused(unnamed),
            Err(Refusal::Broken {
                problem: TextProblem::Empty,
                ..
            })
        ));
    }
}
