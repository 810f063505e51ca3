//! The portfolio's memory, as plain Rust: what the person keeps about each domain (tags, a
//! note, an owner) and the saved views of the table. The browser keeps it per account
//! (`state::portfolio`, and its keeper in the pages chunk); here are its types and rules,
//! tested natively.

pub mod backup;
pub mod text;

use serde::{Deserialize, Serialize};

/// The most tags one domain carries, and the longest tag, owner and note.
pub const MAX_TAGS: usize = 12;
pub const MAX_TAG_CHARS: usize = 32;
pub const MAX_OWNER_CHARS: usize = 80;
pub const MAX_NOTE_CHARS: usize = 2_000;
pub const MAX_VIEWS: usize = 50;
pub const MAX_VIEW_NAME_CHARS: usize = 60;

/// What the person keeps about one domain.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainNote {
    /// The domain's ASCII name, lower case (set by [`Portfolio::set_note`]).
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl DomainNote {
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.owner.is_empty() && self.note.is_empty()
    }

    /// Whether it carries `tag` (tags compare without regard to ASCII case).
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|own| same_tag(own, tag))
    }
}

/// A named table view: its query string (`?status=active&tag=client-a`), page left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    pub query: String,
}

/// Everything kept for one account: small, read at start, written on each edit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portfolio {
    /// By name. (A sorted list, not a map: a `BTreeMap` of them cost the wasm 9 KB.)
    #[serde(default)]
    pub notes: Vec<DomainNote>,
    #[serde(default)]
    pub views: Vec<SavedView>,
}

impl Portfolio {
    /// Nothing kept (what the views read before the keeper has read storage).
    pub const EMPTY: Portfolio = Portfolio {
        notes: Vec::new(),
        views: Vec::new(),
    };

    /// Where `name` is, or would go, in `notes`.
    fn find(&self, name: &str) -> Result<usize, usize> {
        let key = name.to_ascii_lowercase();
        self.notes.binary_search_by(|note| note.name.as_str().cmp(&key))
    }

    pub fn note(&self, name: &str) -> Option<&DomainNote> {
        self.find(name).ok().map(|index| &self.notes[index])
    }

    /// Sets (or, when empty, forgets) what is kept about `name`.
    pub fn set_note(&mut self, name: &str, mut note: DomainNote) {
        note.name = name.to_ascii_lowercase();
        match (self.find(name), note.is_empty()) {
            (Ok(index), true) => {
                self.notes.remove(index);
            }
            (Ok(index), false) => self.notes[index] = note,
            (Err(_), true) => {}
            (Err(index), false) => self.notes.insert(index, note),
        }
    }

    /// Puts the notes in the form and order `note` looks them up in: names lower case, sorted,
    /// one note per name (a file edited by hand, an old tab).
    pub fn tidy(&mut self) {
        for note in &mut self.notes {
            note.name.make_ascii_lowercase();
        }
        // Stable, so of two notes for one domain the first stays; by a `String` key, as
        // `distinct` sorts, so the two share one sort in the wasm.
        self.notes.sort_by_cached_key(|note| note.name.clone());
        self.notes.dedup_by(|a, b| a.name == b.name);
    }

    /// Adds `tag` to (`add`) or removes it from `name`. Returns whether anything changed.
    pub fn tag(&mut self, name: &str, tag: &str, add: bool) -> bool {
        let mut note = self.note(name).cloned().unwrap_or_default();
        let had = note.has_tag(tag);
        if had == add || (add && note.tags.len() >= MAX_TAGS) {
            return false;
        }
        if add {
            note.tags.push(tag.to_string());
        } else {
            note.tags.retain(|own| !same_tag(own, tag));
        }
        self.set_note(name, note);
        true
    }

    /// Every tag in use, each once (in the form first met), by name.
    pub fn all_tags(&self) -> Vec<String> {
        distinct(self.notes.iter().flat_map(|note| note.tags.iter()))
    }

    /// Every owner named, each once, by name.
    pub fn all_owners(&self) -> Vec<String> {
        distinct(
            self.notes
                .iter()
                .map(|note| &note.owner)
                .filter(|owner| !owner.is_empty()),
        )
    }

    /// Saves the view under `name`, replacing one of the same name.
    pub fn save_view(&mut self, view: SavedView) {
        match self
            .views
            .iter_mut()
            .find(|own| own.name.eq_ignore_ascii_case(&view.name))
        {
            Some(own) => *own = view,
            None => self.views.push(view),
        }
    }
}

fn distinct<'a>(items: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut seen: Vec<&String> = items.collect();
    // By name without regard to case; of the same tag in two cases, the first met stays.
    seen.sort_by_cached_key(|item| item.to_ascii_lowercase());
    seen.dedup_by(|later, first| same_tag(later, first));
    seen.into_iter().cloned().collect()
}

pub fn same_tag(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Why a typed tag, owner, note or view name cannot be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    Empty,
    /// More characters than `max`.
    TooLong {
        max: usize,
    },
    /// More of them (tags, views) than `max`.
    TooMany {
        max: usize,
    },
    /// A tag holds a comma (commas separate tags where they are typed).
    Comma,
}

/// A tag as typed, tidied: trimmed, inner spaces made one. Refused when empty, too long, or
/// holding a comma.
pub fn clean_tag(typed: &str) -> Result<String, TextProblem> {
    let tag = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if tag.is_empty() {
        Err(TextProblem::Empty)
    } else if tag.contains(',') {
        Err(TextProblem::Comma)
    } else if tag.chars().count() > MAX_TAG_CHARS {
        Err(TextProblem::TooLong { max: MAX_TAG_CHARS })
    } else {
        Ok(tag)
    }
}

/// Tags typed as one line, comma-separated: each cleaned, empty parts skipped, repeats dropped.
pub fn parse_tags(typed: &str) -> Result<Vec<String>, TextProblem> {
    let mut tags: Vec<String> = Vec::new();
    for part in typed.split(',') {
        match clean_tag(part) {
            Ok(tag) if !tags.iter().any(|own| same_tag(own, &tag)) => tags.push(tag),
            Ok(_) | Err(TextProblem::Empty) => {}
            Err(problem) => return Err(problem),
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(TextProblem::TooMany { max: MAX_TAGS });
    }
    Ok(tags)
}

/// A short free text (owner, view name): trimmed, at most `max` characters.
pub fn clean_text(typed: &str, max: usize) -> Result<String, TextProblem> {
    let text = typed.trim();
    if text.chars().count() > max {
        Err(TextProblem::TooLong { max })
    } else {
        Ok(text.to_string())
    }
}

/// A view's name as typed: trimmed, not empty, not too long.
pub fn view_name(typed: &str) -> Result<String, TextProblem> {
    let name = clean_text(typed, MAX_VIEW_NAME_CHARS)?;
    if name.is_empty() {
        return Err(TextProblem::Empty);
    }
    Ok(name)
}

/// The account's key in storage: the API address and a one-way digest of the token (64-bit
/// FNV-1a, hex). The token itself is never kept; the digest only tells accounts apart.
pub fn account_key(api_base: &str, token: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in token.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{api_base}#{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(names: &[&str]) -> DomainNote {
        DomainNote {
            tags: names.iter().map(|name| name.to_string()).collect(),
            ..DomainNote::default()
        }
    }

    /// `note` as kept for `name`.
    fn kept(name: &str, note: DomainNote) -> DomainNote {
        DomainNote {
            name: name.into(),
            ..note
        }
    }

    #[test]
    fn a_typed_tag_is_tidied_or_refused() {
        assert_eq!(clean_tag("  client   a\t"), Ok("client a".to_string()));
        assert_eq!(
            clean_tag("Client-A"),
            Ok("Client-A".to_string()),
            "case is kept as typed"
        );
        assert_eq!(clean_tag(""), Err(TextProblem::Empty));
        assert_eq!(clean_tag(" \t\n"), Err(TextProblem::Empty));
        assert_eq!(clean_tag("a,b"), Err(TextProblem::Comma));
        let longest = "x".repeat(MAX_TAG_CHARS);
        assert_eq!(clean_tag(&longest), Ok(longest.clone()));
        assert_eq!(
            clean_tag(&format!("{longest}x")),
            Err(TextProblem::TooLong { max: MAX_TAG_CHARS })
        );
        // Characters, not bytes: 32 two-byte letters fit.
        let accented = "é".repeat(MAX_TAG_CHARS);
        assert_eq!(clean_tag(&accented), Ok(accented.clone()));
        // Spaces made one before the length is measured.
        let spaced = format!("a{}b", " ".repeat(MAX_TAG_CHARS));
        assert_eq!(clean_tag(&spaced), Ok("a b".to_string()));
    }

    #[test]
    fn a_line_of_tags_is_split_cleaned_and_each_kept_once() {
        assert_eq!(
            parse_tags(" client-a, ,internal,, Client-A ,  legacy  site "),
            Ok(vec![
                "client-a".to_string(),
                "internal".to_string(),
                "legacy site".to_string()
            ])
        );
        assert_eq!(parse_tags(""), Ok(vec![]));
        assert_eq!(parse_tags(" , ,"), Ok(vec![]));
        assert_eq!(
            parse_tags(&format!("ok, {}", "y".repeat(MAX_TAG_CHARS + 1))),
            Err(TextProblem::TooLong { max: MAX_TAG_CHARS })
        );
        let most: Vec<String> = (0..MAX_TAGS).map(|n| format!("t{n}")).collect();
        assert_eq!(parse_tags(&most.join(",")), Ok(most.clone()));
        // Repeats do not count towards the limit; one more distinct tag does.
        assert_eq!(parse_tags(&format!("{},T0", most.join(","))), Ok(most.clone()));
        assert_eq!(
            parse_tags(&format!("{},one-more", most.join(","))),
            Err(TextProblem::TooMany { max: MAX_TAGS })
        );
    }

    #[test]
    fn short_texts_are_trimmed_and_measured_in_characters() {
        assert_eq!(clean_text("  Ann  ", MAX_OWNER_CHARS), Ok("Ann".to_string()));
        assert_eq!(clean_text("   ", MAX_OWNER_CHARS), Ok(String::new()));
        assert_eq!(clean_text("ääää", 4), Ok("ääää".to_string()));
        assert_eq!(clean_text("äääää", 4), Err(TextProblem::TooLong { max: 4 }));
        assert_eq!(view_name("  "), Err(TextProblem::Empty));
        assert_eq!(view_name(" Client A "), Ok("Client A".to_string()));
        assert_eq!(
            view_name(&"x".repeat(MAX_VIEW_NAME_CHARS + 1)),
            Err(TextProblem::TooLong {
                max: MAX_VIEW_NAME_CHARS
            })
        );
    }

    #[test]
    fn tags_are_added_and_removed_without_regard_to_case() {
        let mut portfolio = Portfolio::default();
        assert!(portfolio.tag("Example.com", "Client-A", true));
        assert_eq!(
            portfolio.note("example.com"),
            Some(&kept("example.com", tags(&["Client-A"])))
        );
        assert!(!portfolio.tag("example.com", "client-a", true), "already there");
        assert!(portfolio.tag("EXAMPLE.COM", "internal", true));
        assert_eq!(
            portfolio.note("example.com"),
            Some(&kept("example.com", tags(&["Client-A", "internal"])))
        );
        assert!(!portfolio.tag("example.com", "missing", false), "nothing to remove");
        assert!(portfolio.tag("example.com", "CLIENT-A", false));
        assert_eq!(
            portfolio.note("example.com"),
            Some(&kept("example.com", tags(&["internal"])))
        );
        assert!(portfolio.tag("example.com", "internal", false));
        assert_eq!(
            portfolio.note("example.com"),
            None,
            "a note with nothing in it is forgotten"
        );
        assert!(portfolio.notes.is_empty());
    }

    #[test]
    fn a_domain_carries_at_most_the_tag_limit() {
        let mut portfolio = Portfolio::default();
        for n in 0..MAX_TAGS {
            assert!(portfolio.tag("a.com", &format!("t{n}"), true));
        }
        assert!(!portfolio.tag("a.com", "one-more", true));
        assert_eq!(portfolio.note("a.com").map(|note| note.tags.len()), Some(MAX_TAGS));
        assert!(!portfolio.note("a.com").unwrap().has_tag("one-more"));
        // Removing still works at the limit.
        assert!(portfolio.tag("a.com", "T0", false));
    }

    #[test]
    fn an_empty_note_is_forgotten_and_others_kept_under_the_lower_case_name() {
        let mut portfolio = Portfolio::default();
        let owned = DomainNote {
            owner: "Ann".into(),
            ..DomainNote::default()
        };
        portfolio.set_note("MyApp.io", owned.clone());
        portfolio.set_note("a.com", tags(&["x"]));
        portfolio.set_note("z.com", tags(&["y"]));
        portfolio.set_note("z.com", DomainNote::default());
        let names = |portfolio: &Portfolio| portfolio.notes.iter().map(|note| note.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&portfolio),
            ["a.com", "myapp.io"],
            "kept in order, by the lower-case name"
        );
        assert_eq!(portfolio.note("MYAPP.IO"), Some(&kept("myapp.io", owned)));
        portfolio.set_note("myapp.io", DomainNote::default());
        assert_eq!(names(&portfolio), ["a.com"]);
        // A file's notes out of order (edited by hand) are put back in order, once each.
        portfolio.notes.insert(0, kept("q.com", tags(&["q"])));
        portfolio.notes.push(kept("a.com", tags(&["again"])));
        portfolio.notes.push(kept("B.com", tags(&["b"])));
        portfolio.tidy();
        assert_eq!(names(&portfolio), ["a.com", "b.com", "q.com"]);
        assert!(portfolio.note("q.com").is_some());
        assert!(portfolio.note("B.COM").is_some(), "a name in capitals is found");
    }

    #[test]
    fn every_tag_and_owner_in_use_is_listed_once_in_the_form_first_met() {
        let mut portfolio = Portfolio::default();
        portfolio.set_note("a.com", tags(&["Client-A", "zeta"]));
        portfolio.set_note("b.com", tags(&["client-a", "Beta"]));
        portfolio.set_note(
            "c.com",
            DomainNote {
                owner: "Bob".into(),
                ..tags(&["ZETA"])
            },
        );
        portfolio.set_note(
            "d.com",
            DomainNote {
                owner: "bob".into(),
                note: "no tags".into(),
                ..DomainNote::default()
            },
        );
        assert_eq!(portfolio.all_tags(), vec!["Beta", "Client-A", "zeta"]);
        assert_eq!(portfolio.all_owners(), vec!["Bob"]);
        assert!(Portfolio::default().all_tags().is_empty());
    }

    #[test]
    fn a_view_saved_under_a_known_name_replaces_it() {
        let mut portfolio = Portfolio::default();
        let view = |name: &str, query: &str| SavedView {
            name: name.into(),
            query: query.into(),
        };
        portfolio.save_view(view("Expiring", "?sort=expiry"));
        portfolio.save_view(view("Clients", "?tag=client-a"));
        portfolio.save_view(view("EXPIRING", "?sort=expiry&status=active"));
        assert_eq!(
            portfolio.views,
            vec![
                view("EXPIRING", "?sort=expiry&status=active"),
                view("Clients", "?tag=client-a")
            ]
        );
    }

    #[test]
    fn the_account_key_tells_accounts_apart_without_holding_the_token() {
        let token = "sk_live_5f3a9c";
        let key = account_key("https://api.vps.org", token);
        assert!(!key.contains(token));
        assert!(key.starts_with("https://api.vps.org#"));
        let digest = key.rsplit('#').next().unwrap();
        assert_eq!(digest.len(), 16);
        assert!(digest.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(key, account_key("https://api.vps.org", token), "stable");
        assert_ne!(key, account_key("https://api.vps.org", "sk_live_5f3a9d"));
        assert_ne!(key, account_key("http://localhost:8080", token));
        // FNV-1a of nothing is its offset basis.
        assert_eq!(account_key("a", ""), "a#cbf29ce484222325");
    }

    // proptest is a native dev-dependency: these run with `cargo test`, not in the browser.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// An edit of the portfolio: a note set (possibly empty) or a tag added or removed.
        #[derive(Clone, Debug)]
        enum Edit {
            Note {
                name: String,
                tags: Vec<String>,
                owner: String,
            },
            Tag {
                name: String,
                tag: String,
                add: bool,
            },
        }

        fn name() -> impl Strategy<Value = String> {
            "[a-cA-C]{1,2}\\.(com|io)"
        }

        fn tag() -> impl Strategy<Value = String> {
            "[a-cA-C]{1,3}"
        }

        fn edit() -> impl Strategy<Value = Edit> {
            prop_oneof![
                (name(), prop::collection::vec(tag(), 0..3), "[a-z]{0,2}").prop_map(|(name, tags, owner)| Edit::Note {
                    name,
                    tags,
                    owner
                }),
                (name(), tag(), any::<bool>()).prop_map(|(name, tag, add)| Edit::Tag { name, tag, add }),
            ]
        }

        fn apply(portfolio: &mut Portfolio, edit: &Edit) {
            match edit {
                Edit::Note { name, tags, owner } => portfolio.set_note(
                    name,
                    DomainNote {
                        tags: tags.clone(),
                        owner: owner.clone(),
                        ..DomainNote::default()
                    },
                ),
                Edit::Tag { name, tag, add } => {
                    portfolio.tag(name, tag, *add);
                }
            }
        }

        proptest! {
            /// Whatever the edits, the notes stay in name order, one per domain, none empty,
            /// each found again by its name in any case.
            #[test]
            fn notes_stay_sorted_unique_and_found(edits in prop::collection::vec(edit(), 0..40)) {
                let mut portfolio = Portfolio::default();
                for edit in &edits {
                    apply(&mut portfolio, edit);
                }
                let names: Vec<&str> = portfolio.notes.iter().map(|note| note.name.as_str()).collect();
                let mut sorted = names.clone();
                sorted.sort();
                sorted.dedup();
                prop_assert_eq!(&names, &sorted);
                for note in &portfolio.notes {
                    prop_assert!(!note.is_empty());
                    prop_assert_eq!(note.name.clone(), note.name.to_ascii_lowercase());
                    prop_assert_eq!(portfolio.note(&note.name.to_ascii_uppercase()), Some(note));
                }
            }

            /// A tag added to a domain that lacked it, then removed, leaves the portfolio as it was.
            #[test]
            fn a_tag_added_then_removed_changes_nothing(
                edits in prop::collection::vec(edit(), 0..20),
                name in name(),
                tag in "[d-f]{1,3}",
            ) {
                let mut portfolio = Portfolio::default();
                for edit in &edits {
                    apply(&mut portfolio, edit);
                }
                let before = portfolio.clone();
                let added = portfolio.tag(&name, &tag, true);
                prop_assert_eq!(added, before.note(&name).map_or(0, |note| note.tags.len()) < MAX_TAGS);
                portfolio.tag(&name, &tag.to_ascii_uppercase(), false);
                prop_assert_eq!(portfolio, before);
            }

            /// Tags typed in a line, cleaned, and typed again as they were joined, read the same.
            #[test]
            fn parsed_tags_read_back_the_same(typed in "[a-z ,\\t]{0,40}") {
                if let Ok(tags) = parse_tags(&typed) {
                    prop_assert_eq!(parse_tags(&tags.join(", ")), Ok(tags));
                }
            }
        }
    }
}
