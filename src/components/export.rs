//! Export of the table's current view (its filter, search and sort): a CSV for spreadsheets and
//! an iCalendar file of the expiry dates, made here and offered as downloads.

use crate::clock::Clock;
use crate::logic::cache::DomainRecord;
use crate::logic::export::{csv, ics};
use crate::store::Store;
use leptos::prelude::*;
use vps_contract::Timestamp;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `contents` as a file named `name`, as a link with `download` does.
fn download(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started from the URL; it can go once this task is done.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(1),
    );
    Ok(())
}

/// The two export buttons, for the domains `matching` holds, in its order.
#[component]
pub fn ExportButtons(matching: Memo<Vec<u64>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let clock = expect_context::<Clock>();
    let export = move |file: fn(&[&DomainRecord], Timestamp) -> String, name: &str, extension: &str, mime: &str| {
        let now = clock.minute();
        let text = matching.with_untracked(|ids| {
            store.with_cache_untracked(|cache| {
                let records: Vec<&DomainRecord> = ids.iter().filter_map(|id| cache.get(*id)).collect();
                file(&records, now)
            })
        });
        let _ = download(&format!("{name}-{}.{extension}", now.to_ymd()), mime, &text);
    };
    let count = move || matching.with(Vec::len);
    view! {
        <div class="export-buttons" role="group" aria-label="Export this view">
            <button
                type="button"
                class="button button--quiet"
                disabled=move || count() == 0
                on:click=move |_| export(csv, "domains", "csv", "text/csv;charset=utf-8")
            >
                "Export CSV"
            </button>
            <button
                type="button"
                class="button button--quiet"
                disabled=move || count() == 0
                on:click=move |_| export(ics, "domain-expiries", "ics", "text/calendar;charset=utf-8")
            >
                "Calendar (.ics)"
            </button>
        </div>
    }
}
