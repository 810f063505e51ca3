//! The portfolio as one JSON file: export, and an import that is checked and previewed
//! before it changes anything.

use super::history::History;
use super::{DomainNote, Policy, Portfolio};
use serde::{Deserialize, Serialize};

/// The file's schema; a file of another one is refused.
pub const SCHEMA: u32 = 1;
/// Larger files are refused before they are read.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// What the file says it is.
pub const KIND: &str = "vps-admin-portfolio";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub kind: String,
    pub schema: u32,
    /// The account's key (`account_key`: the API address and a digest of the token).
    pub account: String,
    /// When (ms since the epoch).
    pub exported_at: i64,
    pub portfolio: Portfolio,
    pub history: History,
}

/// What a file says it is, read before the rest.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    schema: Option<u64>,
}

/// Why an import was refused; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    TooBig {
        bytes: usize,
    },
    NotJson,
    /// JSON, but not this app's export (or damaged: the serde message).
    NotABackup(String),
    OtherSchema(u32),
    OtherAccount,
}

/// What an import will do, shown before it does it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    pub notes_added: usize,
    pub notes_replaced: usize,
    pub views_added: usize,
    pub views_replaced: usize,
    pub policy_replaced: bool,
    pub history_added: usize,
}

/// The file for `account`.
pub fn export(account: &str, exported_at: i64, portfolio: &Portfolio, history: &History) -> String {
    let backup = Backup {
        kind: KIND.to_string(),
        schema: SCHEMA,
        account: account.to_string(),
        exported_at,
        portfolio: portfolio.clone(),
        history: history.clone(),
    };
    // Cannot fail: derived impls only, and every map is keyed by strings.
    serde_json::to_string(&backup).unwrap_or_default()
}

/// Reads a file for `account`: refused when too big, not JSON, not an export, of another
/// schema or of another account.
pub fn read(text: &str, account: &str) -> Result<Backup, Refusal> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(Refusal::TooBig { bytes: text.len() });
    }
    // Read three times, each for its own answer: JSON at all, then the kind and schema (so
    // another file, or a later schema, is named as such rather than by whatever field serde
    // happens to miss first), then the whole file. (No `serde_json::Value`: its reader is large.)
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|_| Refusal::NotJson)?;
    let header: Header = serde_json::from_str(text).map_err(|error| Refusal::NotABackup(error.to_string()))?;
    match header.kind.as_deref() {
        Some(KIND) => {}
        Some(_) => return Err(Refusal::NotABackup("another kind of file".to_string())),
        None => return Err(Refusal::NotABackup("no kind".to_string())),
    }
    match header.schema {
        Some(schema) if schema == u64::from(SCHEMA) => {}
        Some(schema) => return Err(Refusal::OtherSchema(u32::try_from(schema).unwrap_or(u32::MAX))),
        None => return Err(Refusal::NotABackup("no schema".to_string())),
    }
    let backup: Backup = serde_json::from_str(text).map_err(|error| Refusal::NotABackup(error.to_string()))?;
    if backup.account != account {
        return Err(Refusal::OtherAccount);
    }
    Ok(backup)
}

/// What importing `backup` over what is kept would add and replace.
pub fn preview(portfolio: &Portfolio, history: &History, backup: &Backup) -> ImportPreview {
    let mut preview = ImportPreview::default();
    for (name, note) in kept_notes(backup) {
        match portfolio.note(name) {
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
    let policy = &backup.portfolio.policy;
    preview.policy_replaced = *policy != Policy::default() && *policy != portfolio.policy;
    // Merged on a copy, so the count is what the import adds, the history's cap included.
    preview.history_added = history.clone().merge(&backup.history);
    preview
}

/// Imports `backup`: its notes and views replace those of the same domain or name, its policy
/// replaces the policy (when not the default), its history is merged.
pub fn import(portfolio: &mut Portfolio, history: &mut History, backup: &Backup) {
    for (name, note) in kept_notes(backup) {
        portfolio.set_note(name, note.clone());
    }
    for view in &backup.portfolio.views {
        portfolio.save_view(view.clone());
    }
    if backup.portfolio.policy != Policy::default() {
        portfolio.policy = backup.portfolio.policy.clone();
    }
    history.merge(&backup.history);
    portfolio.seen_until = portfolio.seen_until.max(backup.portfolio.seen_until);
}

/// The backup's notes that say something: an empty one (only an edited file has them) would
/// make `set_note` forget the note kept here, which no import should do.
fn kept_notes(backup: &Backup) -> impl Iterator<Item = (&String, &DomainNote)> {
    backup.portfolio.notes.iter().filter(|(_, note)| !note.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::portfolio::history::{By, Change, ChangeKind};
    use crate::logic::portfolio::{account_key, SavedView};
    use proptest::prelude::*;
    use serde_json::Value;

    fn account() -> String {
        account_key("https://api.vps.org", "token-1")
    }

    fn note(tags: &[&str], owner: &str) -> DomainNote {
        DomainNote {
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

    fn change(at: i64, domain: &str) -> Change {
        Change {
            at,
            domain: domain.into(),
            kind: ChangeKind::Lock,
            before: "true".into(),
            after: "false".into(),
            by: By::Elsewhere,
            failed: None,
        }
    }

    fn history(changes: Vec<Change>) -> History {
        let mut history = History::default();
        history.add(changes);
        history
    }

    fn sample() -> (Portfolio, History) {
        let mut portfolio = Portfolio::default();
        portfolio.set_note("example.com", note(&["client-a"], "Ann"));
        portfolio.set_note("myapp.io", note(&["internal"], ""));
        portfolio.save_view(view("Expiring", "?status=active&sort=expiry"));
        portfolio.policy = Policy {
            locked: true,
            ..Policy::default()
        };
        portfolio.seen_until = 1_000;
        (
            portfolio,
            history(vec![change(500, "example.com"), change(1_500, "myapp.io")]),
        )
    }

    fn backup_of(portfolio: &Portfolio, history: &History) -> Backup {
        read(&export(&account(), 9_000, portfolio, history), &account()).unwrap()
    }

    #[test]
    fn an_export_reads_back_as_itself() {
        let (portfolio, history) = sample();
        let text = export(&account(), 9_000, &portfolio, &history);
        assert!(!text.contains("token-1"), "the token is never written");
        let backup = read(&text, &account()).unwrap();
        assert_eq!(
            backup,
            Backup {
                kind: KIND.into(),
                schema: SCHEMA,
                account: account(),
                exported_at: 9_000,
                portfolio,
                history,
            }
        );
    }

    #[test]
    fn files_that_are_not_an_export_for_this_account_are_refused() {
        let good: Value = serde_json::from_str(&export(&account(), 1, &sample().0, &sample().1)).unwrap();
        let with = |field: &str, value: Value| {
            let mut file = good.clone();
            file[field] = value;
            file.to_string()
        };
        let refusal = |text: &str| read(text, &account()).unwrap_err();
        assert_eq!(refusal(""), Refusal::NotJson);
        assert_eq!(refusal("{\"kind\": "), Refusal::NotJson);
        assert_eq!(refusal("domain,status\nexample.com,active"), Refusal::NotJson);
        assert_eq!(refusal("[1, 2]"), Refusal::NotABackup("no kind".into()));
        assert_eq!(refusal("{}"), Refusal::NotABackup("no kind".into()));
        assert_eq!(
            refusal(&with("kind", "other-app".into())),
            Refusal::NotABackup("another kind of file".into())
        );
        assert_eq!(refusal(&with("schema", 2.into())), Refusal::OtherSchema(2));
        assert_eq!(
            refusal(&with("schema", Value::from(1u64 << 40))),
            Refusal::OtherSchema(u32::MAX)
        );
        assert_eq!(
            refusal(&with("schema", "1".into())),
            Refusal::NotABackup("no schema".into())
        );
        assert!(
            matches!(refusal(&with("portfolio", 5.into())), Refusal::NotABackup(why) if why.contains("invalid type"))
        );
        assert!(matches!(refusal(&with("history", Value::Null)), Refusal::NotABackup(_)));
        assert_eq!(
            refusal(&with("account", "https://other#0".into())),
            Refusal::OtherAccount
        );
        let other_token = account_key("https://api.vps.org", "token-2");
        assert_eq!(read(&good.to_string(), &other_token), Err(Refusal::OtherAccount));
    }

    #[test]
    fn a_file_too_big_is_refused_before_it_is_read() {
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert_eq!(
            read(&big, &account()),
            Err(Refusal::TooBig {
                bytes: MAX_IMPORT_BYTES + 1
            })
        );
        let just_fits = " ".repeat(MAX_IMPORT_BYTES);
        assert_eq!(read(&just_fits, &account()), Err(Refusal::NotJson));
    }

    #[test]
    fn the_preview_counts_what_is_new_and_what_differs() {
        let (kept, kept_history) = sample();
        let mut theirs = kept.clone();
        theirs.set_note("Example.com", note(&["client-b"], "Ann")); // replaced
        theirs.set_note("new.dev", note(&[], "Bob")); // added
        theirs.notes.insert("empty.org".into(), DomainNote::default()); // says nothing
        theirs.save_view(view("expiring", "?sort=expiry")); // replaced (by case-insensitive name)
        theirs.save_view(view("Clients", "?tag=client-a")); // added
        let their_history = history(vec![change(500, "example.com"), change(2_000, "new.dev")]);
        let backup = Backup {
            portfolio: theirs.clone(),
            history: their_history.clone(),
            ..backup_of(&kept, &kept_history)
        };
        assert_eq!(
            preview(&kept, &kept_history, &backup),
            ImportPreview {
                notes_added: 1,
                notes_replaced: 1,
                views_added: 1,
                views_replaced: 1,
                policy_replaced: false,
                history_added: 1,
            }
        );
        let strict = Policy {
            privacy: true,
            ..kept.policy.clone()
        };
        let with_policy = |policy: Policy| Backup {
            portfolio: Portfolio {
                policy,
                ..theirs.clone()
            },
            ..backup.clone()
        };
        assert!(preview(&kept, &kept_history, &with_policy(strict)).policy_replaced);
        assert!(!preview(&kept, &kept_history, &with_policy(Policy::default())).policy_replaced);
        let same = backup_of(&kept, &kept_history);
        assert_eq!(preview(&kept, &kept_history, &same), ImportPreview::default());
    }

    #[test]
    fn an_import_replaces_by_domain_and_name_and_keeps_the_rest() {
        let (mut kept, mut kept_history) = sample();
        kept.save_view(view("Mine", "?owner=me"));
        let mut theirs = Portfolio::default();
        theirs.set_note("example.com", note(&["client-b"], ""));
        theirs.set_note("new.dev", note(&[], "Bob"));
        theirs.notes.insert("myapp.io".into(), DomainNote::default());
        theirs.save_view(view("EXPIRING", "?sort=expiry"));
        theirs.save_view(view("Clients", "?tag=client-a"));
        theirs.seen_until = 400;
        let backup = Backup {
            portfolio: theirs,
            history: history(vec![change(2_000, "new.dev")]),
            ..backup_of(&kept, &kept_history)
        };
        import(&mut kept, &mut kept_history, &backup);

        assert_eq!(kept.note("example.com"), Some(&note(&["client-b"], "")));
        assert_eq!(kept.note("new.dev"), Some(&note(&[], "Bob")));
        assert_eq!(
            kept.note("myapp.io"),
            Some(&note(&["internal"], "")),
            "an empty note erases nothing"
        );
        assert_eq!(
            kept.views,
            vec![
                view("EXPIRING", "?sort=expiry"),
                view("Mine", "?owner=me"),
                view("Clients", "?tag=client-a")
            ]
        );
        assert!(kept.policy.locked, "a default policy in the file keeps the one here");
        assert_eq!(kept.seen_until, 1_000, "what was seen here stays seen");
        let domains: Vec<&str> = kept_history.entries.iter().map(|c| c.domain.as_str()).collect();
        assert_eq!(domains, vec!["example.com", "myapp.io", "new.dev"]);

        let newer = Backup {
            portfolio: Portfolio {
                policy: Policy::default(),
                seen_until: 5_000,
                ..Portfolio::default()
            },
            ..backup.clone()
        };
        let policy = Policy {
            exempt_tag: "legacy".into(),
            ..Policy::default()
        };
        let with_policy = Backup {
            portfolio: Portfolio {
                policy: policy.clone(),
                ..newer.portfolio.clone()
            },
            ..newer
        };
        import(&mut kept, &mut kept_history, &with_policy);
        assert_eq!((kept.policy.clone(), kept.seen_until), (policy, 5_000));
    }

    fn note_strategy() -> impl Strategy<Value = DomainNote> {
        (
            prop::collection::vec(prop::sample::select(vec!["a", "B", "client-a", "Client-A"]), 0..3),
            prop::sample::select(vec!["", "Ann", "Bob"]),
            "[a-z \"\\\\é]{0,6}",
        )
            .prop_map(|(tags, owner, note)| DomainNote {
                tags: tags.into_iter().map(String::from).collect(),
                owner: owner.into(),
                note,
            })
    }

    fn portfolio_strategy() -> impl Strategy<Value = Portfolio> {
        let name = prop::sample::select(vec!["a.com", "b.io", "c.net", "d.org"]);
        let view_name = prop::sample::select(vec!["Mine", "mine", "Clients", "Expiring"]);
        let query = prop::sample::select(vec!["", "?tag=a", "?status=active"]);
        (
            prop::collection::btree_map(name.prop_map(String::from), note_strategy(), 0..4),
            prop::collection::vec((view_name, query), 0..4),
            (any::<(bool, bool, bool)>(), prop::sample::select(vec!["", "legacy"])),
            prop::option::of(Just(vec!["ns1.vps.org".to_string(), "ns2.vps.org".to_string()])),
            0i64..2_000,
        )
            .prop_map(
                |(notes, views, ((locked, auto_renew, privacy), exempt_tag), set, seen_until)| {
                    let mut portfolio = Portfolio {
                        policy: Policy {
                            locked,
                            auto_renew,
                            privacy,
                            nameserver_sets: set.into_iter().collect(),
                            exempt_tag: exempt_tag.into(),
                        },
                        seen_until,
                        ..Portfolio::default()
                    };
                    for (name, note) in notes {
                        portfolio.set_note(&name, note);
                    }
                    for (name, query) in views {
                        portfolio.save_view(view(name, query));
                    }
                    portfolio
                },
            )
    }

    fn history_strategy() -> impl Strategy<Value = History> {
        let entry = (
            0i64..20,
            prop::sample::select(vec!["a.com", "b.io"]),
            prop::sample::select(ChangeKind::ALL.to_vec()),
            any::<bool>(),
            prop::option::of(Just("refused".to_string())),
        )
            .prop_map(|(at, domain, kind, here, failed)| Change {
                kind,
                by: if here { By::Here } else { By::Elsewhere },
                failed,
                ..change(at, domain)
            });
        prop::collection::vec(entry, 0..12).prop_map(history)
    }

    proptest! {
        #[test]
        fn any_export_reads_back_as_itself(
            portfolio in portfolio_strategy(),
            history in history_strategy(),
            at in any::<i64>(),
        ) {
            let text = export(&account(), at, &portfolio, &history);
            let backup = read(&text, &account()).unwrap();
            prop_assert_eq!(backup.exported_at, at);
            prop_assert_eq!(backup.portfolio, portfolio);
            prop_assert_eq!(backup.history, history);
        }

        #[test]
        fn arbitrary_text_is_refused_without_panicking(text in "\\PC{0,200}") {
            prop_assert!(read(&text, &account()).is_err());
        }

        #[test]
        fn a_damaged_export_is_refused_or_read_without_panicking(
            portfolio in portfolio_strategy(),
            history in history_strategy(),
            cut in any::<prop::sample::Index>(),
            insert in "[\\[\\]{}\",:0-9a-z]{0,3}",
        ) {
            let text = export(&account(), 1, &portfolio, &history);
            // Cut at a character boundary: `read` takes text, not bytes.
            let at = (0..=cut.index(text.len())).rev().find(|at| text.is_char_boundary(*at)).unwrap_or(0);
            // Cut, or spliced with a few JSON-ish characters.
            let damaged = format!("{}{}{}", &text[..at], insert, if insert.is_empty() { "" } else { &text[at..] });
            if let Ok(backup) = read(&damaged, &account()) {
                prop_assert_eq!(backup.kind, KIND);
                prop_assert_eq!(backup.schema, SCHEMA);
                prop_assert_eq!(backup.account, account());
            }
        }

        #[test]
        fn importing_twice_is_importing_once(
            (kept, kept_history) in (portfolio_strategy(), history_strategy()),
            (theirs, their_history) in (portfolio_strategy(), history_strategy()),
        ) {
            let backup = backup_of(&theirs, &their_history);
            let announced = preview(&kept, &kept_history, &backup);
            let (mut once, mut once_history) = (kept.clone(), kept_history.clone());
            import(&mut once, &mut once_history, &backup);
            prop_assert_eq!(once_history.entries.len() - kept_history.entries.len(), announced.history_added);
            prop_assert_eq!(
                once.notes.len() - kept.notes.len(),
                announced.notes_added,
                "every added note is a new domain"
            );
            let (mut twice, mut twice_history) = (once.clone(), once_history.clone());
            import(&mut twice, &mut twice_history, &backup);
            prop_assert_eq!(&twice, &once);
            prop_assert_eq!(&twice_history, &once_history);
            // And once imported, nothing is left to announce.
            let after = preview(&once, &once_history, &backup);
            prop_assert_eq!(after, ImportPreview::default());
        }
    }
}
