//! `/domains`: every domain, with its risks counted above the table. Filter, search, sort and
//! page live in the URL, so a view is a link and the back button works.

use crate::clock::Clock;
use crate::components::expiry::Expiry;
use crate::components::status_badge::StatusBadge;
use crate::logic::format::{ago, group_digits, plural};
use crate::logic::table::{
    filter_ids, narrows, page_of, risk_counts, sorted_ids, status_counts, Risk, SortKey, TableQuery, PAGE_SIZE,
};
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::time::Duration;
use vps_contract::{StatusFilter, Timestamp};

/// A list older than this is refreshed when the page opens.
const STALE_AFTER: Duration = Duration::from_secs(30);
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);
/// A list this recent already holds whatever the API's search would find.
const SEARCH_TRUSTS_LIST_FOR: Duration = Duration::from_secs(60);
/// Said while the first list is on its way (index.html's shell says it too).
const LOADING: &str = "Loading domains…";

fn link(query: &TableQuery) -> String {
    format!("/domains{}", query.to_query_string())
}

#[component]
pub fn DomainsPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let location = use_location();
    let navigate = use_navigate();
    let url_query = Memo::new(move |_| TableQuery::from_query_string(&location.search.get()));

    // The search box filters at once; the URL (and the API's own search) follow after a pause.
    let search = RwSignal::new(url_query.get_untracked().search);
    let written_search = StoredValue::new(search.get_untracked());
    Effect::new(move |_| {
        let from_url = url_query.with(|query| query.search.clone());
        if from_url != written_search.get_value() {
            written_search.set_value(from_url.clone());
            search.set(from_url);
        }
    });
    let sync_search = {
        let navigate = navigate.clone();
        leptos::prelude::debounce(SEARCH_DEBOUNCE, move |term: String| {
            written_search.set_value(term.clone());
            let query = TableQuery {
                search: term.clone(),
                page: 1,
                ..url_query.get_untracked()
            };
            navigate(
                &link(&query),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
            // The API's own search finds what the cached list lacks; a fresh list lacks nothing.
            if !term.trim().is_empty() && !store.list_loaded_within(SEARCH_TRUSTS_LIST_FOR) {
                spawn_local(async move {
                    let _ = store.search(term).await;
                });
            }
        })
    };
    let sync_search = StoredValue::new_local(sync_search);

    let query = Memo::new(move |_| TableQuery {
        search: search.get(),
        ..url_query.get()
    });
    let sort = Memo::new(move |_| url_query.with(|query| (query.sort, query.descending)));
    let ordered = Memo::new(move |_| {
        let (key, descending) = sort.get();
        store.cache.with(|cache| sorted_ids(cache, key, descending))
    });
    let now = Memo::new(move |_| clock.minute());
    // Typing on only narrows the match: filter the rows already found, not all of them again.
    let last_filter = StoredValue::new(None::<(TableQuery, u64, Timestamp)>);
    let filtered = Memo::new(move |previous: Option<&Vec<u64>>| {
        let now = now.get();
        query.with(|query| {
            store.cache.with(|cache| {
                let narrowing = last_filter.with_value(|last| {
                    last.as_ref().is_some_and(|(last_query, version, at)| {
                        *version == cache.version && *at == now && narrows(last_query, query)
                    })
                });
                let rows = match previous {
                    Some(previous) if narrowing => filter_ids(cache, previous, query, now),
                    _ => ordered.with(|order| filter_ids(cache, order, query, now)),
                };
                last_filter.set_value(Some((query.clone(), cache.version, now)));
                rows
            })
        })
    });
    let page = Memo::new(move |_| {
        let requested = query.with(|query| query.page);
        filtered.with(|ids| {
            let (page, pages, rows) = page_of(ids, requested);
            (page, pages, rows.to_vec(), ids.len())
        })
    });
    let risks = Memo::new(move |_| store.cache.with(|cache| risk_counts(cache, now.get())));
    let statuses = Memo::new(move |_| store.cache.with(status_counts));
    let total = Memo::new(move |_| store.cache.with(|cache| cache.len()));

    Effect::new(move |_| {
        if store.session.connection.with(Option::is_some) {
            store.refresh_list_if_older_than(STALE_AFTER);
        }
    });

    // Before the first list arrives, the page stands as it will be (risks, toolbar, table
    // header) with placeholders: what arrives then fills it in place, nothing moves.
    let first_load = Memo::new(move |_| {
        total.get() == 0 && store.list.with(|list| list.loaded_at.is_none() && list.error.is_none())
    });
    let framed = Memo::new(move |_| total.get() > 0 || first_load.get());
    // Which of the states shows; the table stays mounted while only its rows change.
    let shown = Memo::new(move |_| {
        if first_load.get() {
            Shown::Loading
        } else if total.get() == 0 {
            Shown::Nothing
        } else if page.with(|page| page.3) == 0 {
            Shown::NoMatches
        } else {
            Shown::Table
        }
    });

    let updated = move || {
        let list = store.list.get();
        match (list.loading, list.loaded_at) {
            (true, _) => "Refreshing…".to_string(),
            (false, Some(at)) => format!("Updated {}", ago(clock.millis() - at)),
            (false, None) => String::new(),
        }
    };

    view! {
        <section class="page" class:page--loading=first_load>
            <header class="page__header">
                <div>
                    <h1>"Domains"</h1>
                    <p class="page__subtitle">
                        {move || {
                            if first_load.get() {
                                LOADING.to_string()
                            } else if total.get() == 0 {
                                String::new()
                            } else {
                                plural(total.get(), "domain", "domains")
                            }
                        }}
                    </p>
                </div>
                <a class="button button--primary" href="/register">"Register a domain"</a>
            </header>

            // An empty account has no risks to count and nothing to filter.
            <Show when=move || framed.get()>
                <RiskSummary risks url_query />
            </Show>

            <div class="toolbar">
                <Show when=move || framed.get()>
                <div class="field field--inline toolbar__search">
                    <label class="visually-hidden" for="domain-search">"Search domains"</label>
                    <input
                        id="domain-search"
                        class="input"
                        type="search"
                        placeholder="Search domains"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || search.get()
                        on:input:target=move |event| {
                            let term = event.target().value();
                            search.set(term.clone());
                            sync_search.update_value(|sync| sync(term));
                        }
                    />
                </div>
                <StatusFilters statuses url_query />
                </Show>
                <div class="toolbar__refresh">
                    <span class="muted" aria-live="polite">{updated}</span>
                    <button
                        type="button"
                        class="button button--quiet"
                        disabled=move || store.list.with(|list| list.loading)
                        on:click=move |_| store.refresh_list()
                    >
                        "↻ Refresh"
                    </button>
                </div>
            </div>

            <ListProblem />
            <ListCutNotice />

            {move || match shown.get() {
                Shown::Loading => view! { <TableSkeleton url_query /> }.into_any(),
                Shown::Nothing => view! { <EmptyList /> }.into_any(),
                Shown::NoMatches => view! { <NoMatches query /> }.into_any(),
                Shown::Table => {
                    view! {
                        <DomainTable rows=Signal::derive(move || page.with(|page| page.2.clone())) url_query now />
                        <Pager page url_query />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Loading,
    Nothing,
    NoMatches,
    Table,
}

/// The three risk counts, each a link to the domains it counts.
#[component]
fn RiskSummary(risks: Memo<[(Risk, usize); 3]>, url_query: Memo<TableQuery>) -> impl IntoView {
    let card = move |risk: Risk| {
        let count =
            Memo::new(move |_| risks.with(|counts| counts.iter().find(|(r, _)| *r == risk).map_or(0, |(_, n)| *n)));
        let (title, explanation) = match risk {
            Risk::ExpiringSoon => ("Expiring soon", "within 30 days, auto-renew off"),
            Risk::Expired => ("Expired", "no longer renewing"),
            Risk::Unlocked => ("Unlocked", "can be transferred away"),
        };
        let active = Memo::new(move |_| url_query.with(|query| query.risk == Some(risk)));
        let alert = Memo::new(move |_| count.get() > 0);
        let href = move || {
            if active.get() {
                link(&TableQuery {
                    risk: None,
                    page: 1,
                    ..url_query.get()
                })
            } else {
                link(&TableQuery {
                    risk: Some(risk),
                    status: None,
                    page: 1,
                    ..url_query.get()
                })
            }
        };
        view! {
            <a
                class="risk"
                class:risk--alert=alert
                class:risk--active=active
                href=href
                aria-current=move || active.get().then_some("true")
                data-risk=risk.as_str()
            >
                <span class="risk__count">{move || group_digits(count.get())}</span>
                <span class="risk__title">{title}</span>
                <span class="risk__explanation">{explanation}</span>
            </a>
        }
    };
    view! {
        <nav class="risks" aria-label="Domains at risk">
            {card(Risk::ExpiringSoon)}
            {card(Risk::Expired)}
            {card(Risk::Unlocked)}
        </nav>
    }
}

#[component]
fn StatusFilters(statuses: Memo<[(StatusFilter, usize); 4]>, url_query: Memo<TableQuery>) -> impl IntoView {
    let option = move |filter: Option<StatusFilter>, label: &'static str| {
        let active = move || url_query.with(|query| query.status == filter && query.risk.is_none());
        let count = move || match filter {
            Some(filter) => statuses.with(|counts| counts.iter().find(|(f, _)| *f == filter).map_or(0, |(_, n)| *n)),
            None => statuses.with(|counts| {
                counts
                    .iter()
                    .filter(|(f, _)| *f != StatusFilter::Locked)
                    .map(|(_, n)| n)
                    .sum()
            }),
        };
        view! {
            <a
                class="segmented__link"
                href=move || link(&TableQuery { status: filter, risk: None, page: 1, ..url_query.get() })
                aria-current=move || active().then_some("true")
            >
                {label}
                <span class="segmented__count">{move || group_digits(count())}</span>
            </a>
        }
    };
    view! {
        <nav class="segmented" aria-label="Filter by status">
            {option(None, "All")}
            {option(Some(StatusFilter::Active), "Active")}
            {option(Some(StatusFilter::Pending), "Pending")}
            {option(Some(StatusFilter::Expired), "Expired")}
            {option(Some(StatusFilter::Locked), "Locked")}
        </nav>
    }
}

/// What went wrong with the last load, with a retry. Over cached data it says how old that is.
#[component]
fn ListProblem() -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    move || {
        let list = store.list.get();
        let error = list.error.filter(|_| !list.loading)?;
        let stale = list
            .loaded_at
            .map(|at| format!(" Showing the list as it was {}.", ago(clock.millis() - at)))
            .unwrap_or_default();
        Some(view! {
            <div class="notice notice--error" role="alert">
                <span>{format!("Couldn't load the domains. {}{stale}", error.message())}</span>
                <button type="button" class="button" on:click=move |_| store.refresh_list()>"Retry"</button>
            </div>
        })
    }
}

/// The API's page links could not be followed to the end: say so beside what did arrive.
#[component]
fn ListCutNotice() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        let cut = store.list.with(|list| list.cut)?;
        Some(view! {
            <div class="notice notice--warning" role="status" data-testid="list-cut">
                <span>{cut.message()}</span>
                <button type="button" class="button" on:click=move |_| store.refresh_list()>"Retry"</button>
            </div>
        })
    }
}

#[component]
fn EmptyList() -> impl IntoView {
    let store = expect_context::<Store>();
    // After a failed first load the problem above says it all.
    move || {
        store.list.with(|list| list.error.is_none()).then(|| {
            view! {
                <div class="empty-state">
                    <h2>"No domains yet"</h2>
                    <p>"Domains you register or transfer to this account will be listed here."</p>
                    <a class="button button--primary" href="/register">"Register your first domain"</a>
                </div>
            }
        })
    }
}

#[component]
fn NoMatches(query: Memo<TableQuery>) -> impl IntoView {
    let description = move || {
        query.with(|query| {
            let mut parts = Vec::new();
            if !query.search.trim().is_empty() {
                parts.push(format!("match “{}”", query.search.trim()));
            }
            if let Some(status) = query.status {
                parts.push(format!("are {}", status.as_str()));
            }
            if let Some(risk) = query.risk {
                parts.push(
                    match risk {
                        Risk::ExpiringSoon => "expire within 30 days with auto-renew off",
                        Risk::Expired => "have expired",
                        Risk::Unlocked => "are unlocked",
                    }
                    .to_string(),
                );
            }
            format!("No domains {}.", parts.join(" and "))
        })
    };
    view! {
        <div class="empty-state">
            <h2>{description}</h2>
            <p>"Try another search, or clear the filters to see every domain."</p>
            <a class="button" href="/domains">"Clear filters"</a>
        </div>
    }
}

/// The table's header: a sort link per column, the current one with its arrow.
#[component]
fn TableHead(url_query: Memo<TableQuery>) -> impl IntoView {
    let header = move |key: SortKey, label: &'static str| {
        let sorted = Memo::new(move |_| url_query.with(|query| query.sort == key));
        let aria_sort = move || {
            url_query.with(|query| match (query.sort == key, query.descending) {
                (true, false) => "ascending",
                (true, true) => "descending",
                _ => "none",
            })
        };
        let arrow = move || {
            url_query.with(|query| {
                if query.sort != key {
                    "↕"
                } else if query.descending {
                    "↓"
                } else {
                    "↑"
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <a
                    class="sort"
                    class:sort--active=sorted
                    href=move || link(&url_query.get().sorted_by(key))
                    data-sort=key.as_str()
                >
                    {label}
                    <span class="sort__arrow" aria-hidden="true">{arrow}</span>
                </a>
            </th>
        }
    };
    view! {
        <thead>
            <tr>
                {header(SortKey::Name, "Domain")}
                {header(SortKey::Status, "Status")}
                {header(SortKey::Expiry, "Expires")}
                {header(SortKey::AutoRenew, "Auto-renew")}
                {header(SortKey::Locked, "Lock")}
                {header(SortKey::Privacy, "Privacy")}
                {header(SortKey::Dns, "DNS")}
            </tr>
        </thead>
    }
}

/// The table itself: only the current page's rows are in the DOM, keyed by domain id.
#[component]
fn DomainTable(
    rows: Signal<Vec<u64>>,
    url_query: Memo<TableQuery>,
    now: Memo<vps_contract::Timestamp>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <div class="table-wrap">
            <table class="domains">
                <caption class="visually-hidden">"Domains in this account"</caption>
                <TableHead url_query />
                <tbody>
                    <For each=move || rows.get() key=|id| *id let(id)>
                        <DomainRow id store now />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// Rows shown while the first list is on its way. index.html paints the same markup before
/// the app has loaded: keep the two alike.
const SKELETON_ROWS: usize = 8;

#[component]
fn TableSkeleton(url_query: Memo<TableQuery>) -> impl IntoView {
    let row = || {
        view! {
            <tr class="skeleton-row">
                <th scope="row" class="domains__name"><span class="skeleton skeleton--wide"></span></th>
                <td class="domains__status"><span class="skeleton"></span></td>
                <td class="domains__expiry"><span class="skeleton"></span></td>
                <td><span class="skeleton skeleton--short"></span></td>
                <td><span class="skeleton skeleton--short"></span></td>
                <td><span class="skeleton skeleton--short"></span></td>
                <td><span class="skeleton skeleton--short"></span></td>
            </tr>
        }
    };
    view! {
        <div class="table-wrap" aria-busy="true">
            <table class="domains">
                <caption class="visually-hidden">{LOADING}</caption>
                <TableHead url_query />
                <tbody>{(0..SKELETON_ROWS).map(|_| row()).collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn DomainRow(id: u64, store: Store, now: Memo<vps_contract::Timestamp>) -> impl IntoView {
    let record = Memo::new(move |_| store.cache.with(|cache| cache.get(id).cloned()));
    move || {
        let record = record.get()?;
        let summary = record.summary.clone();
        let ascii = summary.domain_name.clone();
        let title = (record.display_name != ascii).then(|| ascii.clone());
        let held_elsewhere = record.at_vps() == Some(false);
        let flag = |on: bool, yes: &'static str, no: &'static str| {
            view! { <span class=if on { "flag flag--on" } else { "flag flag--off" }>{if on { yes } else { no }}</span> }
        };
        let unlocked_is_risk = !summary.locked && summary.status != vps_contract::DomainStatus::Expired;
        Some(view! {
            <tr data-domain=ascii.clone()>
                <th scope="row" class="domains__name">
                    <a href=format!("/domains/{id}") title=title>
                        {record.display_name.clone()}
                    </a>
                    {record.transfer_pending().then(|| view! { <span class="tag">"Transfer pending"</span> })}
                </th>
                <td class="domains__status">
                    <StatusBadge status=summary.status.clone() held_elsewhere=held_elsewhere />
                </td>
                <td class="domains__expiry" data-label="Expires">
                    <Expiry expiry=summary.expiration_date now=now.get() auto_renew=summary.auto_renew />
                </td>
                <td data-label="Auto-renew">{flag(summary.auto_renew, "On", "Off")}</td>
                <td data-label="Lock" class:flag--warn=unlocked_is_risk>{flag(summary.locked, "Locked", "Unlocked")}</td>
                <td data-label="Privacy">{flag(summary.privacy_protection, "On", "Off")}</td>
                <td data-label="DNS">{if summary.dns_managed_by == "vps.org" { "VPS.org" } else { "External" }}</td>
            </tr>
        })
    }
}

#[component]
fn Pager(page: Memo<(usize, usize, Vec<u64>, usize)>, url_query: Memo<TableQuery>) -> impl IntoView {
    let to_page = move |number: usize| {
        link(&TableQuery {
            page: number,
            ..url_query.get()
        })
    };
    move || {
        let (current, pages, _, matching) =
            page.with(|(current, pages, _, matching)| (*current, *pages, (), *matching));
        let first = (current - 1) * PAGE_SIZE + 1;
        let last = (first + PAGE_SIZE - 1).min(matching);
        view! {
            <nav class="pager" aria-label="Pages">
                <span class="muted">
                    {format!("{}–{} of {}", group_digits(first), group_digits(last), group_digits(matching))}
                </span>
                {(pages > 1)
                    .then(|| {
                        view! {
                            <span class="pager__links">
                                {(current > 1)
                                    .then(|| view! { <a class="button" href=to_page(current - 1) rel="prev">"← Previous"</a> })}
                                <span class="muted">{format!("Page {current} of {pages}")}</span>
                                {(current < pages)
                                    .then(|| view! { <a class="button" href=to_page(current + 1) rel="next">"Next →"</a> })}
                            </span>
                        }
                    })}
            </nav>
        }
    }
}
