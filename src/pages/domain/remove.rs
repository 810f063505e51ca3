//! Removing a domain from the account, which does not cancel its registration: the danger
//! zone, and its dialog where the name is typed to confirm.

use crate::components::dialog::Dialog;
use crate::error::ApiError;
use crate::i18n::Lang;
use crate::logic::cache::DomainRecord;
use crate::router::use_location;
use crate::state::batched::Wake;
use crate::state::language::use_i18n;
use crate::state::store::DomainStore;
use crate::state::toasts::Toasts;
use leptos::prelude::*;
use vps_contract::DomainId;

#[component]
pub fn RemoveDomain(id: DomainId, record: Memo<Option<DomainRecord>>) -> impl IntoView {
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

/// A domain's two names, either of which confirms its removal when typed.
#[derive(Clone, Default, PartialEq)]
struct Names {
    /// As people read it: `café.app`.
    display: String,
    /// As the API writes it: `xn--caf-dma.app`.
    ascii: String,
}

impl Names {
    fn of(record: &DomainRecord) -> Names {
        Names {
            display: record.display_name.clone(),
            ascii: record.summary.domain_name.clone(),
        }
    }

    /// The display name exactly, or the ASCII one in any case (outer spaces aside).
    fn confirmed_by(&self, typed: &str) -> bool {
        !self.display.is_empty() && (typed.trim() == self.display || typed.trim().eq_ignore_ascii_case(&self.ascii))
    }
}

/// What removing means, the name typed to confirm, and the request.
#[component]
fn RemoveDialog(id: DomainId, record: Memo<Option<DomainRecord>>, open: RwSignal<bool>) -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let toasts = expect_context::<Toasts>();
    let location = use_location();
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let names = Memo::new(move |_| record.with(|r| r.as_ref().map(Names::of).unwrap_or_default()));
    let display = move || names.with(|names| names.display.clone());
    let matches = move || names.with(|names| typed.with(|typed| names.confirmed_by(typed)));
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
            let shown = names.with_untracked(|names| names.display.clone());
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
    let error = i18n.signal(move |lang| failure.with(|e| e.as_ref().map(|e| e.message(lang))));
    let remove = move |_| {
        if !busy.get_untracked() && matches() {
            removing.dispatch_local(());
        }
    };
    view! {
        <Dialog open on_close=move || open.set(false) title=i18n.signal(move |lang| lang.remove_dialog_title(display())) busy>
            <p>
                <strong>{i18n.text(Lang::remove_not_cancelled)}</strong>
                {i18n.words(move |lang| format!(" {} {}", lang.remove_stays_registered(display()), fate(lang).unwrap_or_default()))}
            </p>
            <p>{i18n.text(Lang::remove_how_to_end)}</p>
            <div class="field">
                <label class="field__label" for="confirm-name">{i18n.words(move |lang| lang.remove_type_to_confirm(display()))}</label>
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
                    {i18n.words(move |lang| if busy.get() { lang.remove_busy() } else { lang.remove_confirm() })}
                </button>
            </div>
        </Dialog>
    }
}
