//! Removing a domain from the account, which does not cancel its registration: the danger
//! zone, and its dialog where the name is typed to confirm.

use crate::api::ApiError;
use crate::components::dialog::Dialog;
use crate::components::toast::Toasts;
use crate::logic::cache::DomainRecord;
use crate::store::{Store, Wake};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn RemoveDomain(id: u64, record: Memo<Option<DomainRecord>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let opened = RwSignal::new(0u32);
    view! {
        <section class="card danger-zone" aria-labelledby="danger-title">
            <h2 id="danger-title">"Remove from account"</h2>
            <p>"Removes the domain from this dashboard. It does not cancel the registration."</p>
            <button type="button" class="button button--danger" on:click=move |_| {
                opened.update(|n| *n += 1);
                open.set(true);
            }>
                "Remove from account…"
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
    let navigate = use_navigate();
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
    let fate = move || {
        record.with(|r| {
            let summary = &r.as_ref()?.summary;
            Some(match (summary.auto_renew, summary.expiration_date) {
                (true, Some(expiry)) => format!(
                    "It keeps renewing automatically (next on {}), charged to this account.",
                    expiry.to_human_date()
                ),
                (false, Some(expiry)) => format!(
                    "Auto-renew is off, so it expires on {} unless renewed.",
                    expiry.to_human_date()
                ),
                (_, None) => "It renews or expires as its settings say.".to_string(),
            })
        })
    };
    let failure = RwSignal::new(None::<ApiError>);
    let removing = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let shown = names.with_untracked(|(display, _)| display.clone());
            failure.set(None);
            match store.remove(id, Wake::Now).await {
                Ok(()) => {
                    open.set(false);
                    toasts.success(format!(
                        "{shown} was removed from this account. Its registration continues."
                    ));
                    navigate("/domains", Default::default());
                }
                // The sign-in layer must not sit under this modal.
                Err(error) if error.session_over() => open.set(false),
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let busy = removing.pending();
    let error = Signal::derive(move || failure.with(|e| e.as_ref().map(ApiError::message)));
    let remove = move |_| {
        if !busy.get_untracked() && matches() {
            removing.dispatch_local(());
        }
    };
    view! {
        <Dialog open title=Signal::derive(move || format!("Remove {} from this account?", display())) busy>
            <p>
                <strong>"This does not cancel the registration."</strong>
                {move || format!(" {} stays registered, and nobody else can register it. {}", display(), fate().unwrap_or_default())}
            </p>
            <p>"To end a registration, turn auto-renew off and let it expire instead."</p>
            <div class="field">
                <label class="field__label" for="confirm-name">{move || format!("Type {} to confirm", display())}</label>
                <input id="confirm-name" class="input" type="text" autocomplete="off" spellcheck="false" bind:value=typed />
            </div>
            <p class="notice notice--error" role="alert" hidden=move || error.with(Option::is_none)>
                {error}
            </p>
            <div class="dialog__actions">
                <button type="button" class="button" disabled=move || busy.get() on:click=move |_| open.set(false)>"Cancel"</button>
                // Busy, not `disabled`: the focus stays here for a retry; `remove` ignores clicks meanwhile.
                <button
                    type="button"
                    class="button button--danger"
                    disabled=move || !matches()
                    aria-disabled=move || busy.get().to_string()
                    aria-busy=move || busy.get().to_string()
                    on:click=remove
                >
                    {move || if busy.get() { "Removing…" } else { "Remove from account" }}
                </button>
            </div>
        </Dialog>
    }
}
