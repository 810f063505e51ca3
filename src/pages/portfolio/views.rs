//! Saved views: the table's filter, search, sort and tag under a name. Beside the filters, a
//! menu lists them (each a link) and saves the view shown; the portfolio page renames and
//! deletes them.

use crate::i18n::Lang;
use crate::logic::portfolio::text::problem_text;
use crate::logic::portfolio::{clean_text, SavedView, TextProblem, MAX_VIEWS, MAX_VIEW_NAME_CHARS};
use crate::logic::table::TableQuery;
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use leptos::prelude::*;

/// A view's name as typed: trimmed, not empty, not too long.
fn view_name(typed: &str) -> Result<String, TextProblem> {
    let name = clean_text(typed, MAX_VIEW_NAME_CHARS)?;
    if name.is_empty() {
        return Err(TextProblem::Empty);
    }
    Ok(name)
}

/// The saved views as links, and a form that saves the view shown.
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
    let problem = RwSignal::new(None::<TextProblem>);
    let full = move || {
        views.with(|views| views.len() >= MAX_VIEWS)
            && !views.with(|views| views.iter().any(|v| v.name.eq_ignore_ascii_case(typed.get().trim())))
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if full() {
            problem.set(Some(TextProblem::TooLong { max: MAX_VIEWS }));
            return;
        }
        match view_name(&typed.get_untracked()) {
            Ok(name) => {
                let query = current.get_untracked();
                memory.update(|notes| notes.save_view(SavedView { name, query }));
                typed.set(String::new());
                problem.set(None);
            }
            Err(error) => problem.set(Some(error)),
        }
    };
    let label = i18n.words(move |lang| lang.views_menu(views.with(Vec::len) as i64));
    view! {
        <details class="views">
            <summary class="button button--quiet">{label}</summary>
            <div class="views__panel">
                <ul class="views__list">
                    <For each=move || views.get() key=|view| (view.name.clone(), view.query.clone()) let(view)>
                        <li>
                            <a
                                href=format!("/domains{}", view.query)
                                aria-current={
                                    let query = view.query.clone();
                                    move || (current.get() == query).then_some("page")
                                }
                            >
                                {view.name.clone()}
                            </a>
                        </li>
                    </For>
                </ul>
                <form class="views__save" on:submit=save novalidate>
                    <label class="field__label" for="view-name">{i18n.text(Lang::views_name_label)}</label>
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
                        <button type="submit" class="button">{i18n.text(Lang::views_save)}</button>
                    </div>
                    <p id="view-name-problem" class="field__error" role="alert">
                        {move || problem.get().map(|problem| i18n.words(move |lang| problem_text(lang, problem)))}
                    </p>
                </form>
            </div>
        </details>
    }
}

/// Every saved view, to rename or delete.
#[component]
pub fn ViewsManager() -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let views = Memo::new(move |_| memory.with(|notes| notes.views.clone()));
    view! {
        <section class="card" aria-labelledby="views-title">
            <h2 id="views-title">{i18n.text(Lang::views_title)}</h2>
            <Show when=move || views.with(Vec::is_empty)>
                <p class="muted">{i18n.text(Lang::views_none)}</p>
            </Show>
            <ul class="views__manage">
                <For each=move || views.get() key=|view| view.name.clone() let(view)>
                    <ViewRow view />
                </For>
            </ul>
        </section>
    }
}

#[component]
fn ViewRow(view: SavedView) -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let name = StoredValue::new(view.name.clone());
    let typed = RwSignal::new(view.name.clone());
    let problem = RwSignal::new(None::<TextProblem>);
    let input_id = format!(
        "view-{}",
        view.name.bytes().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let rename = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let old = name.get_value();
        match view_name(&typed.get_untracked()) {
            Ok(new) if new != old => memory.update(|notes| {
                // A name already used by another view is replaced by this one.
                notes
                    .views
                    .retain(|other| other.name == old || !other.name.eq_ignore_ascii_case(&new));
                if let Some(own) = notes.views.iter_mut().find(|own| own.name == old) {
                    own.name = new;
                }
            }),
            Ok(_) => {}
            Err(error) => problem.set(Some(error)),
        }
    };
    let delete = move |_| {
        let old = name.get_value();
        memory.update(|notes| notes.views.retain(|own| own.name != old));
    };
    view! {
        <li class="views__row">
            <form class="input-with-button" on:submit=rename novalidate>
                <label class="visually-hidden" for=input_id.clone()>{i18n.words(move |lang| lang.views_rename_label(name.get_value()))}</label>
                <input id=input_id class="input" prop:value=typed on:input:target=move |event| typed.set(event.target().value()) />
                <button type="submit" class="button">{i18n.text(Lang::views_rename)}</button>
                <a class="button button--quiet" href=format!("/domains{}", view.query)>{i18n.text(Lang::views_open)}</a>
                <button type="button" class="button button--quiet" on:click=delete>{i18n.text(Lang::action_delete)}</button>
            </form>
            <p class="field__error" role="alert">
                {move || problem.get().map(|problem| i18n.words(move |lang| problem_text(lang, problem)))}
            </p>
        </li>
    }
}
