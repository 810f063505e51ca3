//! Export of the table's current view (its filter, search and sort) or of the selection: a CSV
//! for spreadsheets and an iCalendar file of the expiry dates, made here and offered as downloads.
//! The writers are in the pages chunk, which is usually in place by the first export.

use crate::chunks::{self, ChunkFailed, ExportFile};
use crate::i18n::Lang;
use crate::logic::cache::DomainRecord;
use crate::state::clock::Clock;
use crate::state::language::use_i18n;
use crate::state::store::DomainStore;
use leptos::prelude::*;
use leptos::task::spawn_local;
use vps_contract::DomainId;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `contents` as a file named `name`, as a link with `download` does.
pub(crate) fn download(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
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

/// One kind of file the view exports as.
#[derive(Clone, Copy)]
struct Format {
    label: fn(Lang) -> &'static str,
    file: ExportFile,
    /// The file's name before its date: `domains-2026-12-02.csv`.
    name: &'static str,
    extension: &'static str,
    mime: &'static str,
}

const FORMATS: [Format; 2] = [
    Format {
        label: |lang| lang.domains_export_csv(),
        file: ExportFile::Csv,
        name: "domains",
        extension: "csv",
        mime: "text/csv;charset=utf-8",
    },
    Format {
        label: |lang| lang.domains_export_ics(),
        file: ExportFile::Ics,
        name: "domain-expiries",
        extension: "ics",
        mime: "text/calendar;charset=utf-8",
    },
];

/// A button per format, for the domains `ids` gives when asked (in its order). The files'
/// contents stay in English (spreadsheets and calendars read them, not people).
#[component]
pub fn ExportButtons(
    ids: Callback<(), Vec<DomainId>>,
    #[prop(into)] disabled: Signal<bool>,
    /// The group's name: what is exported (`|lang| lang.domains_export_view()`).
    label: fn(Lang) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<DomainStore>();
    let memory = expect_context::<crate::state::portfolio::PortfolioMemory>();
    let clock = expect_context::<Clock>();
    let failed = RwSignal::new(false);
    let export = move |format: Format| {
        // The domains as they are at the click, whenever the writer arrives.
        let ids = ids.run(());
        spawn_local(async move {
            let write = match chunks::export_writer(format.file).await {
                Ok(write) => write,
                Err(ChunkFailed) => return failed.set(true),
            };
            // Tags, owners and notes go into the file: what is kept is read first (the keeper
            // does so just after the first rows), unless it cannot be.
            for _ in 0..100 {
                if memory.is_loaded() || memory.problem.with_untracked(Option::is_some) {
                    break;
                }
                crate::api::sleep(std::time::Duration::from_millis(50)).await;
            }
            failed.set(false);
            let now = clock.minute();
            let text = store.with_cache_untracked(|cache| {
                let records: Vec<&DomainRecord> = ids.iter().filter_map(|id| cache.get(*id)).collect();
                memory.with_untracked(|notes| write(&records, notes, now))
            });
            let file = format!("{}-{}.{}", format.name, now.to_ymd(), format.extension);
            let _ = download(&file, format.mime, &text);
        });
    };
    view! {
        <div class="export-buttons" role="group" aria-label=i18n.words(label)>
            <Show when=move || failed.get()>
                <p class="field-error" role="alert">{i18n.text(Lang::chunk_failed_title)}</p>
            </Show>
            {FORMATS
                .map(|format| {
                    view! {
                        <button type="button" class="button button--quiet" data-chunk="pages" disabled=disabled on:click=move |_| export(format)>
                            {i18n.words(move |lang| (format.label)(lang))}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
