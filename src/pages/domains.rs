//! `/domains`: every domain, with its risks counted above the table. Filter, search, sort and
//! page live in the URL, so a view is a link and the back button works.

mod bulk_dialog;
mod filters;
mod selection;
mod table;

pub(crate) use bulk_dialog::BulkDialog;
pub(crate) use selection::SelectionBar;

use crate::chunks::{self, Lazy};
use crate::components::export::ExportButtons;
use crate::components::list_status::{EmptyList, ListCutNotice, ListProblem};
use crate::i18n::Lang;
use crate::logic::format::ago;
use crate::logic::table::{filter_ids, narrows, page_of, risk_counts, sorted_ids, status_counts, TableQuery};
use crate::router::{use_location, Location, Navigate};
use crate::state::bulk::Bulk;
use crate::state::clock::Clock;
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use crate::state::store::DomainStore;
use filters::{NoMatches, RiskSummary, StatusFilters};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use table::{DomainTable, Pager, TableSkeleton};
use vps_contract::{DomainId, Timestamp};

/// A list older than this is refreshed when the page opens.
const STALE_AFTER: Duration = Duration::from_secs(30);
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);
/// A list this recent already holds whatever the API's search would find.
const SEARCH_TRUSTS_LIST_FOR: Duration = Duration::from_secs(60);

#[component]
pub fn DomainsPage() -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let memory = expect_context::<PortfolioMemory>();
    let bulk = expect_context::<Bulk>();
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    crate::state::language::page_title(|lang| lang.domains_page_title().to_string());
    let location = use_location();
    let url_query = Memo::new(move |_| TableQuery::from_query_string(&location.search()));
    let search = use_search(store, location, url_query);
    let query = Memo::new(move |_| TableQuery {
        search: search.term.get(),
        ..url_query.get()
    });
    let now = Memo::new(move |_| clock.minute());
    let matching = use_matching(store, memory, query, now);
    let page = Memo::new(move |_| {
        let requested = query.with(|query| query.page);
        matching.with(|ids| page_of(ids, requested))
    });
    let risks = Memo::new(move |_| store.with_cache(|cache| risk_counts(cache, now.get())));
    let statuses = Memo::new(move |_| store.with_cache(status_counts));
    let total = Memo::new(move |_| store.with_cache(|cache| cache.len()));

    store.keep_list_fresh(STALE_AFTER);

    // Before the first list arrives, the page stands as it will be (risks, toolbar, table
    // header) with placeholders: what arrives then fills it in place, nothing moves.
    let first_load = Memo::new(move |_| {
        total.get() == 0 && store.with_list(|list| list.loaded_at.is_none() && list.error.is_none())
    });
    let framed = Memo::new(move |_| total.get() > 0 || first_load.get());
    // Which of the states shows; the table stays mounted while only its rows change.
    let shown = Memo::new(move |_| {
        // A tag or owner filter waits for the portfolio's memory (read just after the first
        // rows), unless it cannot be read.
        let waiting_for_memory = url_query.with(|query| query.tag.is_some() || query.owner.is_some())
            && !memory.is_loaded()
            && memory.problem.with(Option::is_none);
        if first_load.get() || (waiting_for_memory && total.get() > 0) {
            Shown::Loading
        } else if total.get() == 0 {
            Shown::Nothing
        } else if page.with(|page| page.matching) == 0 {
            Shown::NoMatches
        } else {
            Shown::Table
        }
    });
    // Said while the first list is on its way (index.html's shell says it too).
    let subtitle = i18n.words(move |lang| match (first_load.get(), total.get()) {
        (true, _) => lang.domains_loading().to_string(),
        (false, 0) => String::new(),
        (false, count) => lang.domains(count as i64),
    });

    view! {
        <section class="page" class:page--loading=first_load>
            <header class="page__header">
                <div>
                    <h1>{i18n.text(Lang::domains_page_title)}</h1>
                    <p class="page__subtitle">{subtitle}</p>
                </div>
                <a class="button button--primary" href="/register">{i18n.text(Lang::domains_register)}</a>
            </header>

            // An empty account has no risks to count and nothing to filter.
            <Show when=move || framed.get()>
                <RiskSummary risks url_query />
            </Show>

            <div class="toolbar">
                <Show when=move || framed.get()>
                    <SearchBox search />
                    <StatusFilters statuses url_query />
                </Show>
                {move || framed.get().then(|| memory.filters(url_query))}
                <RefreshLine />
            </div>

            <ListProblem />
            <ListCutNotice />

            {move || match shown.get() {
                Shown::Loading => view! { <TableSkeleton url_query /> }.into_any(),
                Shown::Nothing => view! { <EmptyList /> }.into_any(),
                Shown::NoMatches => view! { <NoMatches query /> }.into_any(),
                Shown::Table => {
                    view! {
                        <DomainTable rows=Signal::derive(move || page.with(|page| page.rows.clone())) url_query now />
                        <div class="table-footer">
                            <Pager page url_query />
                            <ExportButtons ids=Callback::new(move |()| matching.get_untracked()) disabled=false label=|lang: Lang| lang.domains_export_view() />
                        </div>
                    }
                        .into_any()
                }
            }}
            // Fetched with the other pages, when first needed (the keeper has usually brought
            // them by then): most visits select nothing.
            <Show when=move || framed.get() && bulk.is_in_use()>
                <Lazy load=move || chunks::selection_bar(matching, query) />
            </Show>
        </section>
    }
}

/// The search box's term. It filters at once; the URL (and the API's own search) follow
/// after a pause; a URL changed by navigation (a link, the back button) sets it.
#[derive(Clone, Copy)]
struct Search {
    term: RwSignal<String>,
    follow: StoredValue<Box<dyn FnMut(String)>, LocalStorage>,
}

impl Search {
    fn typed(&self, term: String) {
        self.term.set(term.clone());
        self.follow.update_value(|follow| follow(term));
    }
}

fn use_search(store: DomainStore, location: Location, url_query: Memo<TableQuery>) -> Search {
    let term = RwSignal::new(url_query.get_untracked().search);
    let written = StoredValue::new(term.get_untracked());
    Effect::new(move |_| {
        let from_url = url_query.with(|query| query.search.clone());
        if from_url != written.get_value() {
            written.set_value(from_url.clone());
            term.set(from_url);
        }
    });
    let follow = leptos::prelude::debounce(SEARCH_DEBOUNCE, move |term: String| {
        written.set_value(term.clone());
        let query = TableQuery {
            search: term.clone(),
            page: 1,
            ..url_query.get_untracked()
        };
        let quietly = Navigate {
            replace: true,
            scroll: false,
        };
        location.navigate(&query.href(), quietly);
        // The API's own search finds what the cached list lacks; a fresh list lacks nothing.
        if !term.trim().is_empty() && !store.list_loaded_within(SEARCH_TRUSTS_LIST_FOR) {
            spawn_local(async move {
                let _ = store.search(term).await;
            });
        }
    });
    Search {
        term,
        follow: StoredValue::new_local(Box::new(follow)),
    }
}

/// What the last filtering of the rows was done with.
struct LastFilter {
    query: TableQuery,
    /// The cache's and the portfolio's versions then.
    version: u64,
    notes_version: u64,
    now: Timestamp,
}

/// The ids that the query matches, in the table's order. Typing on only narrows the match:
/// then the rows already found are filtered, not all of them again.
fn use_matching(
    store: DomainStore,
    memory: PortfolioMemory,
    query: Memo<TableQuery>,
    now: Memo<Timestamp>,
) -> Memo<Vec<DomainId>> {
    let order = Memo::new(move |_| query.with(|query| query.order));
    let ordered = Memo::new(move |_| store.with_cache(|cache| sorted_ids(cache, order.get())));
    let last_filter = StoredValue::new(None::<LastFilter>);
    Memo::new(move |previous: Option<&Vec<DomainId>>| {
        let now = now.get();
        let notes_version = memory.version();
        query.with(|query| {
            store.with_cache(|cache| {
                memory.with(|notes| {
                    let narrowing = last_filter.with_value(|last| {
                        last.as_ref().is_some_and(|last| {
                            last.version == cache.version
                                && last.notes_version == notes_version
                                && last.now == now
                                && narrows(&last.query, query)
                        })
                    });
                    let rows = match previous {
                        Some(previous) if narrowing => filter_ids(cache, notes, previous, query, now),
                        _ => ordered.with(|order| filter_ids(cache, notes, order, query, now)),
                    };
                    last_filter.set_value(Some(LastFilter {
                        query: query.clone(),
                        version: cache.version,
                        notes_version,
                        now,
                    }));
                    rows
                })
            })
        })
    })
}

#[component]
fn SearchBox(search: Search) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field field--inline toolbar__search">
            <label class="visually-hidden" for="domain-search">{i18n.text(Lang::domains_search)}</label>
            <input
                id="domain-search"
                class="input"
                type="search"
                placeholder=i18n.text(Lang::domains_search)
                autocomplete="off"
                spellcheck="false"
                prop:value=move || search.term.get()
                on:input:target=move |event| search.typed(event.target().value())
            />
        </div>
    }
}

/// When the list last arrived, and a button to load it again.
#[component]
fn RefreshLine() -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    let updated = i18n.words(
        move |lang| match store.with_list(|list| (list.loading, list.loaded_at)) {
            (true, _) => lang.domains_refreshing().to_string(),
            (false, Some(at)) => lang.domains_updated(ago(lang, clock.millis() - at)),
            (false, None) => String::new(),
        },
    );
    view! {
        <div class="toolbar__refresh">
            <span class="muted" aria-live="polite">{updated}</span>
            <button
                type="button"
                class="button button--quiet"
                disabled=move || store.with_list(|list| list.loading)
                on:click=move |_| store.refresh_list()
            >
                {i18n.text(Lang::action_refresh)}
            </button>
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Loading,
    Nothing,
    NoMatches,
    Table,
}
