//! Saved views: the table's filter, search, sort and tag under a name. Beside the filters, a
//! menu lists them (each a link, with Rename and Delete) above one form that saves the view
//! shown, or gives a new name to the view being renamed.

use super::backup::PortfolioBackup;
use crate::i18n::Lang;
use crate::logic::portfolio::text::problem_text;
use crate::logic::portfolio::{view_name, Portfolio, SavedView, TextProblem, MAX_VIEWS};
use crate::logic::table::TableQuery;
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use leptos::prelude::*;

/// Saves the view shown as `name`, or (`renaming`) gives that view the new name. A view
/// already named so gives way.
fn keep_view(notes: &mut Portfolio, name: String, query: String, renaming: Option<String>) -> Result<(), TextProblem> {
    let replaces = |view: &SavedView| view.name.eq_ignore_ascii_case(&name);
    match renaming {
        Some(old) => {
            notes.views.retain(|view| view.name == old || !replaces(view));
            if let Some(view) = notes.views.iter_mut().find(|view| view.name == old) {
                view.name = name;
            }
        }
        None if notes.views.len() >= MAX_VIEWS && !notes.views.iter().any(replaces) => {
            return Err(TextProblem::TooMany { max: MAX_VIEWS });
        }
        None => notes.save_view(SavedView { name, query }),
    }
    Ok(())
}

#[component]
pub fn SavedViews(url_query: Memo<TableQuery>) -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let current = Memo::new(move |_| {
        TableQuery {
            page: 1,
            ..url_query.get()
        }
        .to_query_string()
    });
    let views = Memo::new(move |_| memory.with(|notes| notes.views.clone()));
    let typed = RwSignal::new(String::new());
    let renaming = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<TextProblem>);
    let done = move || {
        typed.set(String::new());
        renaming.set(None);
        problem.set(None);
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let kept = view_name(&typed.get_untracked()).and_then(|name| {
            let mut result = Ok(());
            memory.update(|notes| result = keep_view(notes, name, current.get_untracked(), renaming.get_untracked()));
            result
        });
        match kept {
            Ok(()) => done(),
            Err(error) => problem.set(Some(error)),
        }
    };
    let row = move |view: SavedView| {
        let SavedView { name, query } = view;
        let shown = (current.get() == query).then_some("page");
        let (to_rename, to_delete) = (name.clone(), name.clone());
        view! {
            <li class="views__row">
                <a href=format!("/domains{query}") aria-current=shown>{name.clone()}</a>
                <button type="button" class="button button--quiet" on:click=move |_| {
                    typed.set(to_rename.clone());
                    renaming.set(Some(to_rename.clone()));
                }>
                    {i18n.text(Lang::views_rename)}<span class="visually-hidden">" "{name.clone()}</span>
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| {
                    memory.update(|notes| notes.views.retain(|view| view.name != to_delete));
                }>
                    {i18n.text(Lang::action_delete)}<span class="visually-hidden">" "{name}</span>
                </button>
            </li>
        }
    };
    let label = i18n.words(move |lang| match renaming.get() {
        Some(old) => lang.views_rename_label(old),
        None => lang.views_name_label().to_string(),
    });
    view! {
        <details class="views">
            <summary class="button button--quiet">{i18n.words(move |lang| lang.views_menu(views.with(Vec::len) as i64))}</summary>
            <div class="views__panel">
                <ul class="views__list">{move || views.get().into_iter().map(row).collect_view()}</ul>
                <form class="views__save" on:submit=save novalidate>
                    <label class="field__label" for="view-name">{label}</label>
                    <div class="input-with-button">
                        <input
                            id="view-name"
                            class="input"
                            autocomplete="off"
                            placeholder=i18n.text(Lang::views_name_placeholder)
                            aria-invalid=move || problem.get().is_some().then_some("true")
                            aria-describedby="view-name-problem"
                            prop:value=typed
                            on:input:target=move |event| typed.set(event.target().value())
                        />
                        <button type="submit" class="button">
                            {i18n.words(move |lang| if renaming.with(Option::is_some) { lang.views_rename() } else { lang.views_save() })}
                        </button>
                        <Show when=move || renaming.with(Option::is_some)>
                            <button type="button" class="button button--quiet" on:click=move |_| done()>{i18n.text(Lang::action_cancel)}</button>
                        </Show>
                    </div>
                    <p id="view-name-problem" class="field__error" role="alert">
                        {move || problem.get().map(|problem| i18n.words(move |lang| problem_text(lang, problem)))}
                    </p>
                </form>
                <PortfolioBackup />
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(names: &[(&str, &str)]) -> Portfolio {
        let mut notes = Portfolio::default();
        for (name, query) in names {
            notes.save_view(SavedView {
                name: name.to_string(),
                query: query.to_string(),
            });
        }
        notes
    }

    fn names(notes: &Portfolio) -> Vec<(String, String)> {
        notes
            .views
            .iter()
            .map(|view| (view.name.clone(), view.query.clone()))
            .collect()
    }

    #[test]
    fn a_view_is_saved_replaced_by_name_and_renamed() {
        let mut notes = saved(&[("Client A", "?tag=a")]);
        keep_view(&mut notes, "client a".into(), "?tag=a&status=active".into(), None).unwrap();
        assert_eq!(
            names(&notes),
            [("client a".into(), "?tag=a&status=active".into())],
            "same name, any case: replaced"
        );
        keep_view(&mut notes, "Expiring".into(), "?risk=expiring".into(), None).unwrap();
        // Renamed over another view's name: that one gives way; the query stays the renamed one's.
        keep_view(
            &mut notes,
            "EXPIRING".into(),
            "?ignored".into(),
            Some("client a".into()),
        )
        .unwrap();
        assert_eq!(names(&notes), [("EXPIRING".into(), "?tag=a&status=active".into())]);
    }

    #[test]
    fn no_more_views_than_the_limit_but_a_replacement_still_goes() {
        let mut notes = Portfolio::default();
        for n in 0..MAX_VIEWS {
            keep_view(&mut notes, format!("v{n}"), format!("?page={n}"), None).unwrap();
        }
        assert_eq!(
            keep_view(&mut notes, "one more".into(), "?q=x".into(), None),
            Err(TextProblem::TooMany { max: MAX_VIEWS })
        );
        assert_eq!(keep_view(&mut notes, "V0".into(), "?q=y".into(), None), Ok(()));
        assert_eq!(notes.views.len(), MAX_VIEWS);
    }
}
