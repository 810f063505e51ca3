//! Choosing domains in the table: a checkbox per row and one for the page, and the bar that
//! counts them and holds what can be done with them. The selection is kept across sorting,
//! paging and filtering; the bar says how many of it the current view hides.

use super::BulkDialog;
use crate::components::export::ExportButtons;
use crate::i18n::Lang;
use crate::intl;
use crate::logic::table::TableQuery;
use crate::state::bulk::Bulk;
use crate::state::language::use_i18n;
use crate::state::store::DomainStore;
use leptos::prelude::*;
use vps_contract::DomainId;

/// The row's checkbox; Space toggles it when focused, as any checkbox.
#[component]
pub fn SelectCell(id: DomainId, name: String) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let i18n = use_i18n();
    view! {
        <td class="domains__select">
            <input
                type="checkbox"
                class="select-box"
                aria-label=i18n.words(move |lang| lang.table_select_row(&name))
                prop:checked=move || bulk.is_selected(id)
                on:change:target=move |event| bulk.set_selected(id, event.target().checked())
            />
        </td>
    }
}

/// The header's checkbox: selects or clears the rows on this page.
#[component]
pub fn PageCheckbox(rows: Signal<Vec<DomainId>>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let i18n = use_i18n();
    let selected_here = Memo::new(move |_| {
        rows.with(|rows| bulk.with_selection(|selection| rows.iter().filter(|id| selection.contains(id)).count()))
    });
    let all = move || selected_here.get() > 0 && selected_here.get() == rows.with(Vec::len);
    let some = move || selected_here.get() > 0 && !all();
    view! {
        <th scope="col" class="domains__select">
            <input
                type="checkbox"
                class="select-box"
                aria-label=i18n.text(Lang::table_select_page)
                prop:checked=all
                prop:indeterminate=some
                on:change:target=move |event| {
                    let on = event.target().checked();
                    rows.with_untracked(|rows| bulk.set_all(rows, on));
                }
            />
        </th>
    }
}

/// Sticky under the table while anything is selected or a change is being applied: the
/// count, "select all N matching", the change dialog, export, and the batch's progress.
#[component]
pub fn SelectionBar(matching: Memo<Vec<DomainId>>, query: Memo<TableQuery>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let store = expect_context::<DomainStore>();
    let i18n = use_i18n();
    let dialog_open = RwSignal::new(false);
    // Each opening makes a fresh dialog (nothing chosen or typed before is left in it), on a
    // new change or on the batch.
    let opened = RwSignal::new(None::<Opening>);
    let open_dialog = move |show_batch: bool| {
        opened.update(|opened| {
            let count = opened.map_or(1, |opening| opening.count + 1);
            *opened = Some(Opening { count, show_batch });
        });
        dialog_open.set(true);
    };
    // Only domains still in the account count (one may have been removed meanwhile).
    let selected = Memo::new(move |_| {
        bulk.with_selection(|selection| {
            store.with_cache(|cache| selection.iter().filter(|id| cache.get(**id).is_some()).count())
        })
    });
    let matching_selected = Memo::new(move |_| {
        matching.with(|ids| bulk.with_selection(|selection| ids.iter().filter(|id| selection.contains(id)).count()))
    });
    let hidden = move || selected.get().saturating_sub(matching_selected.get());
    let unselected_matching = move || matching.with(Vec::len) - matching_selected.get();
    let shown = move || selected.get() > 0 || bulk.with_batch(|batch| batch.is_some());
    let count_text = i18n.words(move |lang| match (selected.get(), hidden()) {
        (0, _) => lang.domains_nothing_selected().to_string(),
        (count, 0) => lang.domains_selected(count as i64),
        (count, hidden) => lang.domains_selected_hidden(count as i64, intl::number(lang, hidden as i64)),
    });
    // The selection in the table's order, made only when exported.
    let selected_in_order = Callback::new(move |()| bulk.selected_in(query.with_untracked(|query| query.order)));
    view! {
        <Show when=shown>
            <div class="selection-bar" role="region" aria-label=i18n.text(Lang::domains_selection_label)>
                <p class="selection-bar__count" aria-live="polite">{count_text.clone()}</p>
                <div class="selection-bar__actions">
                    {move || (unselected_matching() > 0).then(|| view! {
                        <button type="button" class="button button--quiet" on:click=move |_| matching.with_untracked(|ids| bulk.set_all(ids, true))>
                            {i18n.words(move |lang| lang.domains_select_matching(matching.with(Vec::len) as i64))}
                        </button>
                    })}
                    <button type="button" class="button button--quiet" disabled=move || selected.get() == 0 on:click=move |_| bulk.clear_selection()>
                        {i18n.text(Lang::domains_clear_selection)}
                    </button>
                    <ExportButtons ids=selected_in_order disabled=Signal::derive(move || selected.get() == 0) label=|lang: Lang| lang.domains_export_selection() />
                    <button
                        type="button"
                        class="button button--primary"
                        data-chunk="pages"
                        disabled=move || selected.get() == 0 || bulk.is_running()
                        on:click=move |_| open_dialog(false)
                    >
                        {i18n.words(move |lang| lang.domains_change(selected.get() as i64))}
                    </button>
                </div>
                <BatchLine on_show=move || open_dialog(true) />
            </div>
        </Show>
        {move || {
            let Opening { show_batch, .. } = opened.get()?;
            Some(view! { <BulkDialog open=dialog_open show_batch /> })
        }}
    }
}

/// One opening of the bulk dialog: counted, so that each makes a fresh dialog.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Opening {
    count: u32,
    /// On the batch's results rather than on a new change.
    show_batch: bool,
}

/// The batch's progress under the bar, with a way back to its details.
#[component]
fn BatchLine(on_show: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let i18n = use_i18n();
    move || {
        let progress = bulk.progress()?;
        let change = bulk.with_batch(|batch| batch.map(|batch| batch.change.clone()))?;
        let (done, failed, total) = (progress.done, progress.failed, progress.total);
        Some(view! {
            <div class="selection-bar__batch">
                <progress max=progress.total value=progress.finished() aria-hidden="true"></progress>
                <span>
                    {i18n.words(move |lang| {
                        let title = change.title(lang);
                        if failed > 0 {
                            lang.domains_batch_progress_failed(done, failed, title, total)
                        } else {
                            lang.domains_batch_progress(done, title, total)
                        }
                    })}
                </span>
                <button type="button" class="button button--quiet" on:click=move |_| on_show()>
                    {i18n.text(Lang::domains_batch_details)}
                </button>
            </div>
        })
    }
}
