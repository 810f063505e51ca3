//! The table: its header of sort links, its rows (only the current page's are in the DOM,
//! keyed by domain id), the skeleton shown before the first list, and the pager.

use super::selection::{PageCheckbox, SelectCell};
use crate::components::expiry::Expiry;
use crate::components::status_badge::StatusBadge;
use crate::i18n::Lang;
use crate::intl;
use crate::logic::format::{dns_word, lock_state, on_off};
use crate::logic::table::{Risk, SortKey, TablePage, TableQuery};
use crate::state::bulk::Bulk;
use crate::state::language::use_i18n;
use crate::state::portfolio::PortfolioMemory;
use crate::state::store::DomainStore;
use leptos::prelude::*;
use vps_contract::query::encode_component;
use vps_contract::{DomainId, Timestamp};

/// The header: the page's checkbox (`rows`, the page's; none in the skeleton, whose box waits
/// disabled), then a sort link per column.
#[component]
fn TableHead(url_query: Memo<TableQuery>, rows: Option<Signal<Vec<DomainId>>>) -> impl IntoView {
    let i18n = use_i18n();
    let header = move |key: SortKey| {
        let sorted = Memo::new(move |_| url_query.with(|query| query.order.key == key));
        let aria_sort = move || {
            url_query.with(|query| match (query.order.key == key, query.order.descending) {
                (true, false) => "ascending",
                (true, true) => "descending",
                _ => "none",
            })
        };
        let arrow = move || {
            url_query.with(|query| {
                if query.order.key != key {
                    "↕"
                } else if query.order.descending {
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
                    href=move || url_query.get().sorted_by(key).href()
                    data-sort=key.as_str()
                >
                    {i18n.words(move |lang| key.label(lang))}
                    <span class="sort__arrow" aria-hidden="true">{arrow}</span>
                </a>
            </th>
        }
    };
    view! {
        <thead>
            <tr>
                {match rows {
                    Some(rows) => view! { <PageCheckbox rows /> }.into_any(),
                    None => view! {
                        <th scope="col" class="domains__select">
                            <input type="checkbox" class="select-box" aria-label=i18n.text(Lang::table_select_page) disabled />
                        </th>
                    }
                    .into_any(),
                }}
                {SortKey::ALL.map(header).collect_view()}
            </tr>
        </thead>
    }
}

/// The table itself: only the current page's rows are in the DOM, keyed by domain id.
#[component]
pub fn DomainTable(rows: Signal<Vec<DomainId>>, url_query: Memo<TableQuery>, now: Memo<Timestamp>) -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="domains">
                <caption class="visually-hidden">{i18n.text(Lang::table_caption)}</caption>
                <TableHead url_query rows=Some(rows) />
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
pub fn TableSkeleton(url_query: Memo<TableQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let row = || {
        view! {
            <tr class="skeleton-row">
                <td class="domains__select"></td>
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
                <caption class="visually-hidden">{i18n.text(Lang::domains_loading)}</caption>
                <TableHead url_query rows=None />
                <tbody>{(0..SKELETON_ROWS).map(|_| row()).collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
fn DomainRow(id: DomainId, store: DomainStore, now: Memo<Timestamp>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let record = Memo::new(move |_| store.with_cache(|cache| cache.get(id).cloned()));
    move || {
        let record = record.get()?;
        let summary = record.summary.clone();
        let ascii = summary.domain_name.clone();
        let title = (record.display_name != ascii).then(|| ascii.clone());
        let held_elsewhere = record.held_elsewhere();
        // Each word follows the language by itself: the row is not rebuilt for a switch.
        let flag = |on: bool, text: fn(Lang, bool) -> &'static str| {
            view! { <span class=if on { "flag flag--on" } else { "flag flag--off" }>{i18n.words(move |lang| text(lang, on))}</span> }
        };
        let dns_manager = summary.dns_managed_by.clone();
        let dns = i18n.words(move |lang| dns_word(lang, &dns_manager));
        let label = move |key: SortKey| i18n.words(move |lang| key.label(lang));
        let unlocked_is_risk = Risk::Unlocked.applies(&record, now.get());
        Some(view! {
            <tr data-domain=ascii.clone() class:domains__row--selected=move || bulk.is_selected(id)>
                <SelectCell id name=record.display_name.clone() />
                <th scope="row" class="domains__name">
                    <a href=format!("/domains/{id}") title=title>
                        {record.display_name.clone()}
                    </a>
                    {record.transfer_pending().then(|| view! { <span class="tag">{i18n.text(Lang::table_transfer_pending)}</span> })}
                    {kept_chips(memory, &ascii)}
                </th>
                <td class="domains__status">
                    <StatusBadge status=summary.status.clone() held_elsewhere=held_elsewhere />
                </td>
                <td class="domains__expiry" data-label=label(SortKey::Expiry)>
                    <Expiry expiry=summary.expiration_date now=now.get() auto_renew=summary.auto_renew />
                </td>
                <td data-label=label(SortKey::AutoRenew)>{flag(summary.auto_renew, on_off)}</td>
                <td data-label=label(SortKey::Locked) class:flag--warn=unlocked_is_risk>{flag(summary.locked, lock_state)}</td>
                <td data-label=label(SortKey::Privacy)>{flag(summary.privacy_protection, on_off)}</td>
                <td data-label=label(SortKey::Dns)>{dns}</td>
            </tr>
        })
    }
}

/// The domain's owner and tags (what the portfolio keeps), each a link to the domains that
/// share it; read as the row is drawn (an edit redraws it).
fn kept_chips(memory: PortfolioMemory, name: &str) -> Option<impl IntoView> {
    memory.with(|notes| {
        let note = notes.note(name)?;
        let chip = |class: &'static str, key: &str, text: &String| {
            let href = format!("/domains?{key}={}", encode_component(text));
            view! { <a class=class href=href>{text.clone()}</a> }
        };
        let owner = (!note.owner.is_empty()).then(|| chip("chip chip--owner", "owner", &note.owner));
        let tags = note.tags.iter().map(|tag| chip("chip", "tag", tag)).collect_view();
        Some(view! { <span class="chips">{owner}{tags}</span> })
    })
}

#[component]
pub fn Pager(page: Memo<TablePage>, url_query: Memo<TableQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let to_page = move |number: usize| {
        TableQuery {
            page: number,
            ..url_query.get()
        }
        .href()
    };
    move || {
        let (current, pages, matching, (first, last)) =
            page.with(|page| (page.number, page.pages, page.matching, page.span()));
        view! {
            <nav class="pager" aria-label=i18n.text(Lang::table_pages_label)>
                <span class="muted">
                    {i18n.words(move |lang| {
                        let number = |n: usize| intl::number(lang, n as i64);
                        lang.table_range(number(first), number(last), number(matching))
                    })}
                </span>
                {(pages > 1)
                    .then(|| {
                        view! {
                            <span class="pager__links">
                                {(current > 1)
                                    .then(|| view! { <a class="button" href=to_page(current - 1) rel="prev">{i18n.text(Lang::table_previous)}</a> })}
                                <span class="muted">{i18n.words(move |lang| lang.table_page_of(current, pages))}</span>
                                {(current < pages)
                                    .then(|| view! { <a class="button" href=to_page(current + 1) rel="next">{i18n.text(Lang::table_next)}</a> })}
                            </span>
                        }
                    })}
            </nav>
        }
    }
}
