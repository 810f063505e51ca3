//! Beside the table's filters: a tag and an owner to filter by (in the URL, like the others),
//! and the saved views.

use super::views::SavedViews;
use super::StorageNotice;
use crate::i18n::Lang;
use crate::logic::portfolio::{same_tag, Portfolio};
use crate::logic::table::TableQuery;
use crate::router::{use_location, Navigate};
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use leptos::prelude::*;

/// The filters, for the table's page (`state::portfolio::FiltersView`).
pub fn filters_view(url_query: Memo<TableQuery>) -> AnyView {
    view! { <PortfolioFilters url_query /> }.into_any()
}

#[component]
fn PortfolioFilters(url_query: Memo<TableQuery>) -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let location = use_location();
    let go = move |query: TableQuery| {
        let how = Navigate {
            replace: false,
            scroll: false,
        };
        location.navigate(&query.href(), how);
    };
    let tags = Memo::new(move |_| memory.with(Portfolio::all_tags));
    let owners = Memo::new(move |_| memory.with(Portfolio::all_owners));
    view! {
        <div class="portfolio-filters">
            <KeptFilter
                id="filter-tag"
                label=Lang::portfolio_filter_tag
                any=Lang::portfolio_filter_any_tag
                choices=tags
                chosen=Signal::derive(move || url_query.with(|query| query.tag.clone()))
                choose=Callback::new(move |tag| go(TableQuery { tag, page: 1, ..url_query.get_untracked() }))
            />
            <KeptFilter
                id="filter-owner"
                label=Lang::portfolio_filter_owner
                any=Lang::portfolio_filter_any_owner
                choices=owners
                chosen=Signal::derive(move || url_query.with(|query| query.owner.clone()))
                choose=Callback::new(move |owner| go(TableQuery { owner, page: 1, ..url_query.get_untracked() }))
            />
            <SavedViews url_query />
        </div>
        <StorageNotice />
    }
}

/// A select of what is kept (tags, or owners): shown once there is something to choose, or a
/// choice in the URL.
#[component]
fn KeptFilter(
    id: &'static str,
    label: fn(&Lang) -> &'static str,
    any: fn(&Lang) -> &'static str,
    choices: Memo<Vec<String>>,
    chosen: Signal<Option<String>>,
    choose: Callback<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move || !choices.with(Vec::is_empty) || chosen.with(Option::is_some);
    // A choice in the URL that nothing carries (any longer) stays listed, so the select says it.
    let listed = move || {
        let mut listed = choices.get();
        if let Some(chosen) = chosen.get() {
            if !listed.iter().any(|choice| same_tag(choice, &chosen)) {
                listed.push(chosen);
            }
        }
        listed
    };
    let is_chosen = move |choice: &str| chosen.with(|chosen| chosen.as_deref().is_some_and(|c| same_tag(c, choice)));
    view! {
        <Show when=shown>
            <div class="field field--inline">
                <label class="field__label" for=id>{i18n.text(label)}</label>
                <select
                    id=id
                    class="input"
                    on:change:target=move |event| {
                        let value = event.target().value();
                        choose.run((!value.is_empty()).then_some(value));
                    }
                >
                    <option value="" selected=move || chosen.with(Option::is_none)>{i18n.text(any)}</option>
                    {move || {
                        listed()
                            .into_iter()
                            .map(|choice| {
                                let selected = is_chosen(&choice);
                                let value = choice.clone();
                                view! { <option value=value selected=selected>{choice}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        </Show>
    }
}
