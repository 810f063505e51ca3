//! The review of a bulk change, before anything is sent: each domain's before → after, the
//! ones left out and why, the consequences, then Apply. A removal needs its count typed.

use super::{FIRST_ROWS, OPEN_LEFT_OUT};
use crate::i18n::Lang;
use crate::logic::bulk::{confirms_removal, removal_phrase, BulkChange, BulkReview};
use crate::logic::format::counted;
use crate::state::language::use_i18n;
use leptos::prelude::*;

/// Each domain's before → after, the ones left out, the consequences, then Apply. A removal
/// needs its count typed.
#[component]
pub fn ReviewBulk(review: BulkReview, on_back: Callback<()>, on_apply: Callback<BulkReview>) -> impl IntoView {
    let i18n = use_i18n();
    let count = review.rows.len();
    let removing = review.change == BulkChange::Remove;
    let typed = RwSignal::new(String::new());
    let ready = move || count > 0 && (!removing || typed.with(|typed| confirms_removal(typed, count)));
    let show_all = RwSignal::new(false);
    let rows = StoredValue::new(review.rows.clone());
    let left_out = review.left_out.clone();
    let left_out_count = left_out.len();
    let change = review.change.clone();
    let apply_label = i18n.words(move |lang| {
        if removing {
            lang.bulk_remove_domains(count as i64)
        } else {
            lang.bulk_apply_to(count as i64)
        }
    });
    let intro = i18n.words(move |lang| match count {
        0 => lang.bulk_none_needs_change().to_string(),
        _ => lang.bulk_will_change(count as i64),
    });
    view! {
        <p>{intro}</p>
        {(count > 0).then(|| view! {
            <div class="bulk-review__list" role="region" aria-label=i18n.text(Lang::bulk_review_list_label) tabindex="0">
                <table class="diff">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(Lang::bulk_column_domain)}</th>
                            <th scope="col">{i18n.words(move |lang| lang.bulk_column_before(change.setting(lang)))}</th>
                            <th scope="col">{i18n.text(Lang::bulk_column_after)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows.with_value(|rows| {
                            let shown = if show_all.get() { rows.len() } else { FIRST_ROWS };
                            rows.iter().take(shown).map(|row| {
                                let (before, after) = (row.before.clone(), row.after.clone());
                                view! {
                                    <tr>
                                        <th scope="row">{row.name.clone()}</th>
                                        <td class="diff__before">{i18n.words(move |lang| before.text(lang))}</td>
                                        <td class="diff__after">{i18n.words(move |lang| after.text(lang))}</td>
                                    </tr>
                                }
                            }).collect_view()
                        })}
                    </tbody>
                </table>
                {move || (count > FIRST_ROWS && !show_all.get()).then(|| view! {
                    <button type="button" class="button button--quiet" on:click=move |_| show_all.set(true)>
                        {i18n.words(move |lang| lang.bulk_show_all(counted(lang, count)))}
                    </button>
                })}
            </div>
        })}
        {(!left_out.is_empty()).then(|| view! {
            <details class="bulk-review__left-out" open=left_out_count <= OPEN_LEFT_OUT>
                <summary>{i18n.words(move |lang| lang.bulk_left_out(left_out_count as i64))}</summary>
                <ul>{left_out.into_iter().map(|out| {
                    let reason = out.reason;
                    view! { <li><strong>{out.name}</strong>" — "{i18n.words(move |lang| reason.text(lang))}</li> }
                }).collect_view()}</ul>
            </details>
        })}
        {review.consequences.iter().map(|said| {
            let said = said.clone();
            view! { <p class="notice notice--warning">{i18n.words(move |lang| said.text(lang))}</p> }
        }).collect_view()}
        <p class="notice notice--info">{i18n.text(Lang::bulk_nothing_charged)}</p>
        {(removing && count > 0).then(|| view! {
            <div class="field">
                <label class="field__label" for="bulk-confirm">
                    {i18n.text(Lang::bulk_confirm_before)}" "
                    <strong>{i18n.words(move |lang| removal_phrase(lang, count))}</strong>" "
                    {i18n.text(Lang::bulk_confirm_after)}
                </label>
                <input id="bulk-confirm" class="input" type="text" autocomplete="off" spellcheck="false"
                    prop:value=move || typed.get() on:input:target=move |event| typed.set(event.target().value()) />
            </div>
        })}
        <div class="dialog__actions">
            <button type="button" class="button" on:click=move |_| on_back.run(())>{i18n.text(Lang::action_back)}</button>
            <button
                type="button"
                class=if removing { "button button--danger" } else { "button button--primary" }
                disabled=move || !ready()
                on:click=move |_| on_apply.run(review.clone())
            >
                {apply_label}
            </button>
        </div>
    }
}
