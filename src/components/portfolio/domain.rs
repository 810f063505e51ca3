//! On a domain's page: its tags, owner and note (kept in this browser).

use super::StorageNotice;
use crate::i18n::Lang;
use crate::logic::portfolio::text::problem_text;
use crate::logic::portfolio::{clean_text, parse_tags, DomainNote, TextProblem, MAX_NOTE_CHARS, MAX_OWNER_CHARS};
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use crate::state::store::DomainStore;
use leptos::prelude::*;
use vps_contract::DomainId;

/// The editor's draft, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct NoteDraft {
    tags: String,
    owner: String,
    note: String,
}

/// What is wrong with each field of a draft.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct NoteProblems {
    tags: Option<TextProblem>,
    owner: Option<TextProblem>,
    note: Option<TextProblem>,
}

impl NoteDraft {
    fn of(note: &DomainNote) -> NoteDraft {
        NoteDraft {
            tags: note.tags.join(", "),
            owner: note.owner.clone(),
            note: note.note.clone(),
        }
    }

    /// The note to keep, or what is wrong with each field.
    fn note(&self) -> Result<DomainNote, NoteProblems> {
        let tags = parse_tags(&self.tags);
        let owner = clean_text(&self.owner, MAX_OWNER_CHARS);
        let note = clean_text(&self.note, MAX_NOTE_CHARS);
        match (tags, owner, note) {
            (Ok(tags), Ok(owner), Ok(note)) => Ok(DomainNote {
                tags,
                owner,
                note,
                ..DomainNote::default()
            }),
            (tags, owner, note) => Err(NoteProblems {
                tags: tags.err(),
                owner: owner.err(),
                note: note.err(),
            }),
        }
    }
}

#[component]
pub fn DomainMemory(id: DomainId) -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    // The form starts from what is kept, so it waits for the keeper to have read it.
    let loaded = Memo::new(move |_| memory.is_loaded());
    let name = Memo::new(move |_| {
        store.with_cache(|cache| {
            cache
                .get(id)
                .map(|record| record.summary.domain_name.to_ascii_lowercase())
        })
    });
    move || {
        let name = name.get().filter(|_| loaded.get())?;
        Some(view! {
            <section class="card" aria-labelledby="kept-title">
                <h2 id="kept-title">{i18n.text(Lang::kept_title)}</h2>
                <p class="hint">{i18n.text(Lang::kept_hint)}</p>
                <NoteEditor name />
            </section>
        })
    }
}

#[component]
fn NoteEditor(name: String) -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let name = StoredValue::new(name);
    // What is kept when the page opens (the form then holds what is typed).
    let kept = memory.with_untracked(|notes| notes.note(&name.get_value()).cloned().unwrap_or_default());
    let draft = RwSignal::new(NoteDraft::of(&kept));
    let problems = RwSignal::new(NoteProblems::default());
    let saved = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match draft.with_untracked(NoteDraft::note) {
            Ok(note) => {
                memory.update(|notes| notes.set_note(&name.get_value(), note.clone()));
                draft.set(NoteDraft::of(&note));
                problems.set(NoteProblems::default());
                saved.set(true);
            }
            Err(found) => {
                problems.set(found);
                saved.set(false);
            }
        }
    };
    let form = NoteForm { draft, problems, saved };
    view! {
        <form class="kept-form" on:submit=submit novalidate>
            <KeptField form id="kept-tags" label=Lang::kept_tags_label hint=Some(Lang::kept_tags_hint) text=|d| &d.tags set=|d, v| d.tags = v problem=|p| p.tags />
            <KeptField form id="kept-owner" label=Lang::kept_owner_label hint=None text=|d| &d.owner set=|d, v| d.owner = v problem=|p| p.owner />
            <KeptField form id="kept-note" label=Lang::kept_note_label hint=None text=|d| &d.note set=|d, v| d.note = v problem=|p| p.note multiline=true />
            <div class="form-actions">
                <button type="submit" class="button button--primary">{i18n.text(Lang::kept_save)}</button>
                // Saved only once storage has it too (a full one says so below).
                <span class="muted" role="status">
                    {move || (saved.get() && memory.problem.with(Option::is_none)).then(|| i18n.text(Lang::kept_saved))}
                </span>
            </div>
            <StorageNotice />
        </form>
    }
}

/// The form's state, shared by its fields.
#[derive(Clone, Copy)]
struct NoteForm {
    draft: RwSignal<NoteDraft>,
    problems: RwSignal<NoteProblems>,
    saved: RwSignal<bool>,
}

/// One field of the form (the note a text area), with its hint and what is wrong with it.
#[component]
fn KeptField(
    form: NoteForm,
    id: &'static str,
    label: fn(&Lang) -> &'static str,
    hint: Option<fn(&Lang) -> &'static str>,
    text: fn(&NoteDraft) -> &String,
    set: fn(&mut NoteDraft, String),
    problem: fn(&NoteProblems) -> Option<TextProblem>,
    /// A text area, not a line.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let NoteForm { draft, problems, saved } = form;
    let problem_id = format!("{id}-problem");
    let described = match hint {
        Some(_) => format!("{id}-hint {problem_id}"),
        None => problem_id.clone(),
    };
    let value = move || draft.with(|draft| text(draft).clone());
    let typed = move |value: String| {
        saved.set(false);
        draft.update(|draft| set(draft, value));
    };
    let invalid = move || problems.with(problem).is_some().then_some("true");
    let control = if multiline {
        view! { <textarea id=id class="input" rows="3" aria-describedby=described aria-invalid=invalid prop:value=value on:input:target=move |event| typed(event.target().value())></textarea> }.into_any()
    } else {
        view! { <input id=id class="input" autocomplete="off" aria-describedby=described aria-invalid=invalid prop:value=value on:input:target=move |event| typed(event.target().value()) /> }.into_any()
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>{i18n.text(label)}</label>
            {control}
            {hint.map(|hint| view! { <p id=format!("{id}-hint") class="hint">{i18n.text(hint)}</p> })}
            <p id=problem_id class="field__error" role="alert">
                {move || problems.with(problem).map(|problem| i18n.words(move |lang| problem_text(lang, problem)))}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::portfolio::MAX_TAG_CHARS;

    #[test]
    fn the_draft_is_kept_tidied_or_each_field_says_what_is_wrong() {
        let draft = NoteDraft {
            tags: " client-a ,keep,, Client-A ".into(),
            owner: "  Acme Ltd ".into(),
            note: "  renew early\n".into(),
        };
        let note = draft.note().unwrap();
        assert_eq!(note.tags, ["client-a", "keep"]);
        assert_eq!((note.owner.as_str(), note.note.as_str()), ("Acme Ltd", "renew early"));
        assert_eq!(NoteDraft::of(&note).tags, "client-a, keep", "shown again as typed");

        let wrong = NoteDraft {
            tags: "x".repeat(MAX_TAG_CHARS + 1),
            owner: "o".repeat(MAX_OWNER_CHARS + 1),
            note: "fine".into(),
        };
        assert_eq!(
            wrong.note(),
            Err(NoteProblems {
                tags: Some(TextProblem::TooLong { max: MAX_TAG_CHARS }),
                owner: Some(TextProblem::TooLong { max: MAX_OWNER_CHARS }),
                note: None,
            })
        );
    }
}
