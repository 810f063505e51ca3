//! Choosing domains in the table: a checkbox per row and one for the page, and the bar that
//! counts them and holds what can be done with them. The selection is kept across sorting,
//! paging and filtering; the bar says how many of it the current view hides.

use super::bulk_dialog::BulkDialog;
use crate::bulk::Bulk;
use crate::components::export::ExportButtons;
use crate::logic::format::{group_digits, plural};
use crate::logic::table::{sorted_ids, TableQuery};
use crate::store::Store;
use leptos::prelude::*;

/// The row's checkbox; Space toggles it when focused, as any checkbox.
#[component]
pub fn SelectCell(id: u64, name: String) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    view! {
        <td class="domains__select">
            <input
                type="checkbox"
                class="select-box"
                aria-label=format!("Select {name}")
                prop:checked=move || bulk.is_selected(id)
                on:change:target=move |event| bulk.set_selected(id, event.target().checked())
            />
        </td>
    }
}

/// The header's checkbox: selects or clears the rows on this page.
#[component]
pub fn PageCheckbox(rows: Signal<Vec<u64>>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
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
                aria-label="Select this page"
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
pub fn SelectionBar(matching: Memo<Vec<u64>>, query: Memo<TableQuery>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let store = expect_context::<Store>();
    let dialog_open = RwSignal::new(false);
    // Each opening makes a fresh dialog (nothing chosen or typed before is left in it), on a
    // new change or on the batch.
    let opened = RwSignal::new((0u32, false));
    let open_dialog = move |show_batch: bool| {
        opened.update(|(count, on_batch)| {
            *count += 1;
            *on_batch = show_batch;
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
    let count_text = move || match (selected.get(), hidden()) {
        (0, _) => "Nothing selected".to_string(),
        (count, 0) => format!("{} selected", group_digits(count)),
        (count, hidden) => format!(
            "{} selected, {} not in this view",
            group_digits(count),
            group_digits(hidden)
        ),
    };
    // The selection in the table's order, made only when exported.
    let selected_in_order = Callback::new(move |()| {
        let (sort, descending) = query.with_untracked(|query| (query.sort, query.descending));
        bulk.selection_untracked(|selection| {
            store.with_cache_untracked(|cache| {
                let mut ids = sorted_ids(cache, sort, descending);
                ids.retain(|id| selection.contains(id));
                ids
            })
        })
    });
    view! {
        <Show when=shown>
            <div class="selection-bar" role="region" aria-label="Selection">
                <p class="selection-bar__count" aria-live="polite">{count_text}</p>
                <div class="selection-bar__actions">
                    {move || (unselected_matching() > 0).then(|| view! {
                        <button type="button" class="button button--quiet" on:click=move |_| matching.with_untracked(|ids| bulk.set_all(ids, true))>
                            {format!("Select all {} matching", group_digits(matching.with(Vec::len)))}
                        </button>
                    })}
                    <button type="button" class="button button--quiet" disabled=move || selected.get() == 0 on:click=move |_| bulk.clear_selection()>
                        "Clear selection"
                    </button>
                    <ExportButtons ids=selected_in_order disabled=Signal::derive(move || selected.get() == 0) label="Export the selection" />
                    <button
                        type="button"
                        class="button button--primary"
                        disabled=move || selected.get() == 0 || bulk.is_running()
                        on:click=move |_| open_dialog(false)
                    >
                        {move || format!("Change {}…", plural(selected.get(), "domain", "domains"))}
                    </button>
                </div>
                <BatchLine on_show=move || open_dialog(true) />
            </div>
        </Show>
        {move || {
            let (_, show_batch) = opened.get();
            view! { <BulkDialog open=dialog_open show_batch /> }
        }}
    }
}

/// The batch's progress under the bar, with a way back to its details.
#[component]
fn BatchLine(on_show: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    move || {
        let progress = bulk.progress()?;
        let title = bulk.with_batch(|batch| batch.map(|batch| batch.change.title()))?;
        Some(view! {
            <div class="selection-bar__batch">
                <progress max=progress.total value=progress.finished() aria-hidden="true"></progress>
                <span>{format!("{title}: {} of {} done", progress.done, progress.total)}
                    {(progress.failed > 0).then(|| format!(", {} failed", progress.failed))}</span>
                <button type="button" class="button button--quiet" on:click=move |_| on_show()>"Details"</button>
            </div>
        })
    }
}
