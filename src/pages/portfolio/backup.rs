//! The memory's export and import: one JSON file with a schema version. An import is read and
//! checked first, then says what it will add and replace; only a confirmation changes anything.

use crate::components::export::download;
use crate::i18n::Lang;
use crate::logic::portfolio::backup::{preview, Backup, ImportPreview, Refusal, MAX_IMPORT_BYTES};
use crate::logic::portfolio::text::StorageProblem;
use crate::state::language::use_i18n;
use crate::state::portfolio::{keeper, PortfolioMemory};
use crate::state::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

#[derive(Clone, Debug, PartialEq)]
enum ImportStep {
    Idle,
    Reading,
    Refused(Refusal),
    /// Read and checked: what it will do, waiting for a confirmation.
    Ready {
        backup: Box<Backup>,
        preview: ImportPreview,
    },
    Done(ImportPreview),
    Failed(StorageProblem),
}

/// The chosen file's text, refused before reading when too big.
async fn read_file(input: &web_sys::HtmlInputElement) -> Result<String, Refusal> {
    let file = input.files().and_then(|files| files.get(0)).ok_or(Refusal::NotJson)?;
    let bytes = file.size() as usize;
    if bytes > MAX_IMPORT_BYTES {
        return Err(Refusal::TooBig { bytes });
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| Refusal::NotJson)?;
    text.as_string().ok_or(Refusal::NotJson)
}

#[component]
pub fn BackupPanel() -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let step = RwSignal::new(ImportStep::Idle);
    let export = move |_| {
        if let Some(text) = keeper::export_file(memory, session) {
            let day = vps_contract::Timestamp((js_sys::Date::now() / 1000.0) as i64).to_ymd();
            let _ = download(&format!("vps-portfolio-{day}.json"), "application/json", &text);
        }
    };
    let chosen = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        step.set(ImportStep::Reading);
        spawn_local(async move {
            let read = read_file(&input)
                .await
                .and_then(|text| keeper::read_import(&text, session));
            // The same file may be chosen again after a refusal.
            input.set_value("");
            step.set(match read {
                Ok(backup) => {
                    let preview =
                        memory.with_untracked(|notes| memory.with_history(|history| preview(notes, history, &backup)));
                    ImportStep::Ready {
                        backup: Box::new(backup),
                        preview,
                    }
                }
                Err(refusal) => ImportStep::Refused(refusal),
            });
        });
    };
    let confirm = move |_| {
        let ImportStep::Ready { backup, preview } = step.get_untracked() else {
            return;
        };
        step.set(match keeper::import(memory, session, &backup) {
            Ok(()) => ImportStep::Done(preview),
            Err(problem) => ImportStep::Failed(problem),
        });
    };
    view! {
        <section class="card" aria-labelledby="backup-title">
            <h2 id="backup-title">{i18n.text(Lang::backup_title)}</h2>
            <p class="hint">{i18n.text(Lang::backup_hint)}</p>
            <div class="form-actions">
                <button type="button" class="button" on:click=export>{i18n.text(Lang::backup_export)}</button>
                <label class="button" for="backup-file">{i18n.text(Lang::backup_import)}</label>
                <input id="backup-file" class="visually-hidden" type="file" accept="application/json,.json" on:change=chosen />
            </div>
            <div aria-live="polite">
                {move || match step.get() {
                    ImportStep::Idle => ().into_any(),
                    ImportStep::Reading => view! { <p class="muted">{i18n.text(Lang::backup_reading)}</p> }.into_any(),
                    ImportStep::Refused(refusal) => view! {
                        <div class="notice notice--error" role="alert">
                            <p><strong>{i18n.text(Lang::backup_refused)}</strong></p>
                            <p>{i18n.words(move |lang| refusal.text(lang))}</p>
                        </div>
                    }.into_any(),
                    ImportStep::Ready { preview, .. } => view! {
                        <div class="notice notice--info">
                            <p><strong>{i18n.text(Lang::backup_will)}</strong></p>
                            <PreviewLines preview />
                            <div class="form-actions">
                                <button type="button" class="button button--primary" on:click=confirm>{i18n.text(Lang::backup_confirm)}</button>
                                <button type="button" class="button" on:click=move |_| step.set(ImportStep::Idle)>{i18n.text(Lang::action_cancel)}</button>
                            </div>
                        </div>
                    }.into_any(),
                    ImportStep::Done(preview) => view! {
                        <div class="notice notice--success" role="status">
                            <p><strong>{i18n.text(Lang::backup_done)}</strong></p>
                            <PreviewLines preview />
                        </div>
                    }.into_any(),
                    ImportStep::Failed(problem) => view! {
                        <p class="notice notice--error" role="alert">{i18n.words(move |lang| problem.text(lang))}</p>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
fn PreviewLines(preview: ImportPreview) -> impl IntoView {
    let i18n = use_i18n();
    let lines = move |lang: Lang| {
        let number = |n: usize| crate::intl::number(lang, n as i64);
        let mut lines = vec![
            lang.backup_notes(number(preview.notes_added), number(preview.notes_replaced)),
            lang.backup_views(number(preview.views_added), number(preview.views_replaced)),
            lang.backup_history(number(preview.history_added)),
        ];
        if preview.policy_replaced {
            lines.push(lang.backup_policy().to_string());
        }
        lines
    };
    view! {
        <ul>{move || lines(i18n.get()).into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
    }
}
