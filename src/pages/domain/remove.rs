//! Removing a domain from the account, which does not cancel its registration: the danger
//! zone, and its dialog where the name is typed to confirm.

use crate::api::ApiError;
use crate::components::dialog::Dialog;
use crate::components::toast::Toasts;
use crate::i18n::{use_i18n, Lang};
use crate::logic::cache::DomainRecord;
use crate::router::use_location;
use crate::store::{Store, Wake};
use leptos::prelude::*;

#[component]
pub fn RemoveDomain(id: u64, record: Memo<Option<DomainRecord>>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let opened = RwSignal::new(0u32);
    view! {
        <section class="card danger-zone" aria-labelledby="danger-title">
            <h2 id="danger-title">{i18n.text(Lang::remove_title)}</h2>
            <p>{i18n.text(Lang::remove_intro)}</p>
            <button type="button" class="button button--danger" on:click=move |_| {
                opened.update(|n| *n += 1);
                open.set(true);
            }>
                {i18n.text(Lang::remove_open)}
            </button>
            // A fresh dialog each time it opens: nothing typed or failed before is left in it.
            {move || {
                opened.track();
                view! { <RemoveDialog id record open /> }
            }}
        </section>
    }
}

/// What removing means, the name typed to confirm, and the request.
#[component]
fn RemoveDialog(id: u64, record: Memo<Option<DomainRecord>>, open: RwSignal<bool>) -> impl IntoView {
    let store = expect_context::<Store>();
    let toasts = expect_context::<Toasts>();
    let location = use_location();
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let names = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
                .map(|r| (r.display_name.clone(), r.summary.domain_name.clone()))
                .unwrap_or_default()
        })
    });
    let display = move || names.with(|(display, _)| display.clone());
    let matches = move || {
        names.with(|(display, ascii)| {
            typed.with(|typed| {
                !display.is_empty() && (typed.trim() == display || typed.trim().eq_ignore_ascii_case(ascii))
            })
        })
    };
    let fate = move |lang: Lang| {
        record.with(|r| {
            let summary = &r.as_ref()?.summary;
            Some(match (summary.auto_renew, summary.expiration_date) {
                (true, Some(expiry)) => lang.remove_fate_renewing(crate::intl::date(lang, expiry)),
                (false, Some(expiry)) => lang.remove_fate_expiring(crate::intl::date(lang, expiry)),
                (_, None) => lang.remove_fate_unknown().to_string(),
            })
        })
    };
    let failure = RwSignal::new(None::<ApiError>);
    let removing = Action::new_local(move |_: &()| {
        async move {
            let shown = names.with_untracked(|(display, _)| display.clone());
            failure.set(None);
            match store.remove(id, Wake::Now).await {
                Ok(()) => {
                    open.set(false);
                    toasts.success(i18n.get_untracked().remove_done(shown));
                    location.navigate("/domains", Default::default());
                }
                // The sign-in layer must not sit under this modal.
                Err(error) if error.session_over() => open.set(false),
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let busy = removing.pending();
    let error = Signal::derive(move || failure.with(|e| e.as_ref().map(|e| e.message(i18n.get()))));
    let remove = move |_| {
        if !busy.get_untracked() && matches() {
            removing.dispatch_local(());
        }
    };
    view! {
        <Dialog open title=Signal::derive(move || i18n.get().remove_dialog_title(display())) busy>
            <p>
                <strong>{i18n.text(Lang::remove_not_cancelled)}</strong>
                {move || {
                    let lang = i18n.get();
                    format!(" {} {}", lang.remove_stays_registered(display()), fate(lang).unwrap_or_default())
                }}
            </p>
            <p>{i18n.text(Lang::remove_how_to_end)}</p>
            <div class="field">
                <label class="field__label" for="confirm-name">{move || i18n.get().remove_type_to_confirm(display())}</label>
                <input id="confirm-name" class="input" type="text" autocomplete="off" spellcheck="false" bind:value=typed />
            </div>
            <p class="notice notice--error" role="alert" hidden=move || error.with(Option::is_none)>
                {error}
            </p>
            <div class="dialog__actions">
                <button type="button" class="button" disabled=move || busy.get() on:click=move |_| open.set(false)>
                    {i18n.text(Lang::action_cancel)}
                </button>
                // Busy, not `disabled`: the focus stays here for a retry; `remove` ignores clicks meanwhile.
                <button
                    type="button"
                    class="button button--danger"
                    disabled=move || !matches()
                    aria-disabled=move || busy.get().to_string()
                    aria-busy=move || busy.get().to_string()
                    on:click=remove
                >
                    {move || if busy.get() { i18n.get().remove_busy() } else { i18n.get().remove_confirm() }}
                </button>
            </div>
        </Dialog>
    }
}
