//! On a domain's page: its tags, owner and note (kept in this browser), and its history.

use super::changes::{Admits, ChangeList};
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
            (Ok(tags), Ok(owner), Ok(note)) => Ok(DomainNote { tags, owner, note }),
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
    let i18n = use_i18n();
    let name = Memo::new(move |_| {
        store.with_cache(|cache| {
            cache
                .get(id)
                .map(|record| record.summary.domain_name.to_ascii_lowercase())
        })
    });
    move || {
        let name = name.get()?;
        Some(view! {
            <section class="card" aria-labelledby="kept-title">
                <h2 id="kept-title">{i18n.text(Lang::kept_title)}</h2>
                <p class="hint">{i18n.text(Lang::kept_hint)}</p>
                <NoteEditor name=name.clone() />
            </section>
            <section class="card" aria-labelledby="history-title">
                <h2 id="history-title">{i18n.text(Lang::kept_history_title)}</h2>
                <ChangeList admits=Admits::domain(name) seen_before=i64::MAX />
            </section>
        })
    }
}

#[component]
fn NoteEditor(name: String) -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let name = StoredValue::new(name);
    let kept = move || memory.with(|notes| notes.note(&name.get_value()).cloned().unwrap_or_default());
    let draft = RwSignal::new(NoteDraft::of(&kept()));
    let problems = RwSignal::new(NoteProblems::default());
    let saved = RwSignal::new(false);
    // Kept elsewhere meanwhile (another tab, a bulk tag): an untouched form follows it.
    let last_kept = StoredValue::new(kept());
    Effect::new(move |_| {
        let now = kept();
        if draft.with_untracked(|draft| *draft == NoteDraft::of(&last_kept.get_value())) {
            draft.set(NoteDraft::of(&now));
        }
        last_kept.set_value(now);
    });
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
    let problem = move |field: fn(&NoteProblems) -> Option<TextProblem>| {
        move || {
            problems
                .with(field)
                .map(|problem| i18n.words(move |lang| problem_text(lang, problem)))
        }
    };
    let invalid =
        move |field: fn(&NoteProblems) -> Option<TextProblem>| move || problems.with(field).is_some().then_some("true");
    view! {
        <form class="kept-form" on:submit=submit novalidate>
            <div class="field">
                <label class="field__label" for="kept-tags">{i18n.text(Lang::kept_tags_label)}</label>
                <input id="kept-tags" class="input" autocomplete="off" aria-describedby="kept-tags-hint kept-tags-problem"
                    aria-invalid=invalid(|p| p.tags)
                    prop:value=move || draft.with(|draft| draft.tags.clone())
                    on:input:target=move |event| { saved.set(false); draft.update(|draft| draft.tags = event.target().value()) } />
                <p id="kept-tags-hint" class="hint">{i18n.text(Lang::kept_tags_hint)}</p>
                <p id="kept-tags-problem" class="field__error" role="alert">{problem(|p| p.tags)}</p>
            </div>
            <div class="field">
                <label class="field__label" for="kept-owner">{i18n.text(Lang::kept_owner_label)}</label>
                <input id="kept-owner" class="input" autocomplete="off" aria-describedby="kept-owner-problem"
                    aria-invalid=invalid(|p| p.owner)
                    prop:value=move || draft.with(|draft| draft.owner.clone())
                    on:input:target=move |event| { saved.set(false); draft.update(|draft| draft.owner = event.target().value()) } />
                <p id="kept-owner-problem" class="field__error" role="alert">{problem(|p| p.owner)}</p>
            </div>
            <div class="field">
                <label class="field__label" for="kept-note">{i18n.text(Lang::kept_note_label)}</label>
                <textarea id="kept-note" class="input" rows="3" aria-describedby="kept-note-problem"
                    aria-invalid=invalid(|p| p.note)
                    prop:value=move || draft.with(|draft| draft.note.clone())
                    on:input:target=move |event| { saved.set(false); draft.update(|draft| draft.note = event.target().value()) }></textarea>
                <p id="kept-note-problem" class="field__error" role="alert">{problem(|p| p.note)}</p>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button--primary">{i18n.text(Lang::kept_save)}</button>
                <span class="muted" role="status">{move || saved.get().then(|| i18n.text(Lang::kept_saved))}</span>
            </div>
            <StorageNotice />
        </form>
    }
}
