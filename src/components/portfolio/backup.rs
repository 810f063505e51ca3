//! What is kept (tags, owners, notes, saved views) as one JSON file, at the foot of the views
//! menu: exported for safekeeping or another browser, and imported after it has been checked
//! and what it would add and replace has been shown. Nothing changes before Import is pressed.

use crate::components::export::download;
use crate::i18n::Lang;
use crate::intl;
use crate::logic::portfolio::backup::{self, Backup, ImportPreview, Refusal, MAX_IMPORT_BYTES};
use crate::state::clock::Clock;
use crate::state::language::use_i18n;
use crate::state::portfolio::{keeper, PortfolioMemory};
use crate::state::session::Session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// Where an import stands.
#[derive(Clone, Default)]
enum ImportStep {
    #[default]
    Idle,
    /// The browser could not read the chosen file.
    Unreadable,
    Refused(Refusal),
    /// Read and checked: what it would do, waiting for Import or Cancel.
    Ready {
        backup: Backup,
        preview: ImportPreview,
    },
    Imported,
}

/// The chosen file's text, or why there is none.
async fn file_text(file: web_sys::File) -> Result<String, ImportStep> {
    if file.size() > MAX_IMPORT_BYTES as f64 {
        return Err(ImportStep::Refused(Refusal::TooBig));
    }
    let text = JsFuture::from(file.text()).await.ok();
    text.and_then(|text| text.as_string()).ok_or(ImportStep::Unreadable)
}

/// `text` checked for `account` (`None`: any), and what it would change; changes nothing.
fn checked(text: &str, account: Option<&str>, memory: PortfolioMemory) -> ImportStep {
    match backup::read(text, account) {
        Err(refusal) => ImportStep::Refused(refusal),
        Ok(backup) => {
            let preview = memory.with_untracked(|portfolio| backup::preview(portfolio, &backup));
            ImportStep::Ready { backup, preview }
        }
    }
}

#[component]
pub fn PortfolioBackup() -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let session = expect_context::<Session>();
    let clock = expect_context::<Clock>();
    let i18n = use_i18n();
    let step = RwSignal::new(ImportStep::Idle);
    // The last file read, for "Import anyway" after it was refused as another account's.
    let chosen = StoredValue::new(String::new());
    let export = move |_| {
        let Some(account) = keeper::account(session) else {
            return;
        };
        let text = memory.with_untracked(|portfolio| backup::export(&account, portfolio));
        let name = format!("vps-admin-portfolio-{}.json", clock.minute().to_ymd());
        let _ = download(&name, "application/json", &text);
    };
    let choose = move |event: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        let file = input.files().and_then(|files| files.get(0));
        // Emptied, so that choosing the same file again (after a fix) reads it again.
        input.set_value("");
        let (Some(file), Some(account)) = (file, keeper::account(session)) else {
            return;
        };
        spawn_local(async move {
            let read = file_text(file).await.map(|text| {
                let found = checked(&text, Some(&account), memory);
                chosen.set_value(text);
                found
            });
            step.set(read.unwrap_or_else(|refused| refused));
        });
    };
    let anyway = Callback::new(move |()| step.set(chosen.with_value(|text| checked(text, None, memory))));
    view! {
        <section class="views__backup" aria-labelledby="backup-heading">
            <h3 id="backup-heading" class="views__backup-title">{i18n.text(Lang::backup_heading)}</h3>
            <div class="views__backup-actions">
                <button type="button" class="button button--quiet" disabled=move || !memory.is_loaded() on:click=export>
                    {i18n.text(Lang::backup_export)}
                </button>
                <input
                    id="backup-file"
                    type="file"
                    accept=".json,application/json"
                    class="visually-hidden"
                    disabled=move || !memory.is_loaded()
                    on:change=choose
                />
                <label for="backup-file" class="button button--quiet">{i18n.text(Lang::backup_import)}</label>
            </div>
            <ImportSaid step anyway />
        </section>
    }
}

/// What the import says at its step, with its buttons: Import or Cancel for a checked file,
/// Import anyway for one refused as another account's.
#[component]
fn ImportSaid(step: RwSignal<ImportStep>, anyway: Callback<()>) -> impl IntoView {
    let memory = expect_context::<PortfolioMemory>();
    let i18n = use_i18n();
    let apply = move |_| {
        if let ImportStep::Ready { backup, .. } = step.get_untracked() {
            memory.update(|portfolio| backup::import(portfolio, &backup));
            step.set(ImportStep::Imported);
        }
    };
    let status = |text: AnyView| view! { <p role="status">{text}</p> }.into_any();
    move || match step.get() {
        ImportStep::Idle => None,
        // The storage's own notice says what was not saved.
        ImportStep::Imported if memory.problem.with(Option::is_some) => None,
        ImportStep::Imported => Some(status(i18n.text(Lang::backup_imported).into_any())),
        ImportStep::Unreadable => Some(refused(i18n.text(Lang::backup_unreadable).into_any())),
        ImportStep::Refused(refusal) => {
            let foreign = refusal == Refusal::OtherAccount;
            let text = i18n.words(move |lang| refusal.text(lang));
            Some(
                view! {
                    {refused(text.into_any())}
                    {foreign.then(|| view! {
                        <button type="button" class="button button--quiet" on:click=move |_| anyway.run(())>
                            {i18n.text(Lang::backup_import_anyway)}
                        </button>
                    })}
                }
                .into_any(),
            )
        }
        ImportStep::Ready { preview, .. } if preview.changes_nothing() => {
            Some(status(i18n.text(Lang::backup_nothing_new).into_any()))
        }
        ImportStep::Ready { preview, .. } => Some(
            view! {
                {status(i18n.words(move |lang| {
                    let count = |n: usize| intl::number(lang, n as i64);
                    lang.backup_preview(
                        count(preview.notes_added),
                        count(preview.notes_replaced),
                        count(preview.views_added),
                        count(preview.views_replaced),
                    )
                }).into_any())}
                <div class="views__backup-actions">
                    <button type="button" class="button" on:click=apply>{i18n.text(Lang::backup_apply)}</button>
                    <button type="button" class="button button--quiet" on:click=move |_| step.set(ImportStep::Idle)>
                        {i18n.text(Lang::action_cancel)}
                    </button>
                </div>
            }
            .into_any(),
        ),
    }
}

fn refused(text: AnyView) -> AnyView {
    view! { <p class="field__error" role="alert">{text}</p> }.into_any()
}
