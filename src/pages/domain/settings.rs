//! The settings editor: auto-renew, privacy, lock and nameservers. Edits survive background
//! refreshes; the review shows before/after and the consequences; the server's message is
//! shown after saving.

use crate::components::dialog::Dialog;
use crate::components::fields::Checkbox;
use crate::components::form_errors::FormErrors;
use crate::components::nameserver_editor::NameserverEditor;
use crate::i18n::Lang;
use crate::logic::settings::{plan_save, SavePlan, SettingsDraft};
use crate::state::batched::Wake;
use crate::state::refusal::Refusal;
use crate::state::store::DomainStore;
use crate::state::toasts::Toasts;
use leptos::prelude::*;
use vps_contract::{field, DomainId};

#[component]
pub fn SettingsEditor(id: DomainId) -> impl IntoView {
    let store = expect_context::<DomainStore>();
    let toasts = expect_context::<Toasts>();
    let i18n = crate::state::language::use_i18n();
    let server_state = Memo::new(move |_| store.with_cache(|cache| cache.get(id).map(|r| r.summary.clone())));
    let label = store.with_cache_untracked(|cache| cache.get(id).map(|r| r.display_name.clone()).unwrap_or_default());
    // The form shows the server's state until something is edited; the edits then stay
    // whatever background refreshes bring, until saved or discarded.
    let saved = move || server_state.with(|summary| summary.as_ref().map(SettingsDraft::from_summary));
    let edits = RwSignal::new(None::<SettingsDraft>);
    let draft = move || edits.get().or_else(saved).unwrap_or_default();
    let touched = Memo::new(move |_| edits.with(Option::is_some) && Some(draft()) != saved());
    let submitted = RwSignal::new(false);
    let refusal = Refusal::new();
    let edit = move |change: &dyn Fn(&mut SettingsDraft)| {
        refusal.clear();
        let mut next = untrack(draft);
        change(&mut next);
        // Edited back to what is saved: nothing is edited, and refreshes show again.
        edits.set((Some(&next) != untrack(saved).as_ref()).then_some(next));
    };
    let field = move |read: fn(&SettingsDraft) -> bool, write: fn(&mut SettingsDraft, bool)| {
        (
            Signal::derive(move || read(&draft())),
            SignalSetter::map(move |on: bool| edit(&|draft| write(draft, on))),
        )
    };
    let (auto_renew, set_auto_renew) = field(|d| d.auto_renew, |d, on| d.auto_renew = on);
    let (privacy, set_privacy) = field(|d| d.privacy_protection, |d, on| d.privacy_protection = on);
    let (locked, set_locked) = field(|d| d.locked, |d, on| d.locked = on);
    let nameservers = Signal::derive(move || draft().nameservers);
    let set_nameservers = SignalSetter::map(move |rows: Vec<String>| edit(&|d| d.nameservers = rows.clone()));

    let plan = Memo::new(move |_| {
        let label = label.clone();
        server_state.with(|summary| summary.as_ref().map(|summary| plan_save(summary, &draft(), &label)))
    });
    let has_changes = move || plan.with(|plan| matches!(plan, Some(Ok(plan)) if !plan.changes.is_empty()));
    let reviewed = RwSignal::new(None::<SavePlan>);
    let review_open = RwSignal::new(false);
    let review = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submitted.set(true);
        refusal.clear();
        if let Some(Ok(plan)) = plan.get_untracked().filter(|_| has_changes()) {
            reviewed.set(Some(plan));
            review_open.set(true);
        }
    };
    let saving = Action::new_local(move |_: &()| async move {
        let Some(plan) = reviewed.get_untracked() else { return };
        {
            let result = store.update(id, &plan.request, Wake::Now).await;
            review_open.set(false);
            match result {
                Ok(answer) => {
                    toasts.success(answer.message.clone());
                    edits.set(None);
                    submitted.set(false);
                    // WHOIS dates and the DNS summary changed too: read them again.
                    let _ = store.load_detail(id, Wake::Now).await;
                }
                // The sign-in layer says why; the edits wait under it.
                Err(error) if error.session_over() => {}
                Err(error) => refusal.set(error),
            }
        }
    });
    let save = move || {
        if !saving.pending().get_untracked() {
            saving.dispatch_local(());
        }
    };
    view! {
        <section class="card settings" aria-labelledby="settings-title">
            <h2 id="settings-title">{i18n.text(Lang::settings_title)}</h2>
            <form on:submit=review novalidate>
                <Checkbox switch=true checked=auto_renew set_checked=set_auto_renew label=i18n.text(Lang::setting_auto_renew) hint=i18n.text(Lang::settings_auto_renew_hint) />
                <Checkbox switch=true checked=privacy set_checked=set_privacy label=i18n.text(Lang::setting_whois_privacy) hint=i18n.text(Lang::settings_whois_privacy_hint) />
                <Checkbox switch=true checked=locked set_checked=set_locked label=i18n.text(Lang::setting_registrar_lock) hint=i18n.text(Lang::settings_registrar_lock_hint) />
                <NameserverEditor
                    rows=nameservers
                    set_rows=set_nameservers
                    submitted
                    server_errors=Signal::derive(move || refusal.about(field::NAMESERVERS))
                    id_prefix="settings"
                />
                <FormErrors refusal shown_fields=&[field::NAMESERVERS] />
                <div class="form-actions">
                    <button type="button" class="button" disabled=move || !touched.get() on:click=move |_| {
                        refusal.clear();
                        submitted.set(false);
                        edits.set(None);
                    }>
                        {i18n.text(Lang::settings_discard)}
                    </button>
                    <button type="submit" class="button button--primary" disabled=move || !has_changes()>
                        {i18n.text(Lang::settings_review)}
                    </button>
                </div>
            </form>
            <ReviewChanges open=review_open reviewed saving=saving.pending() on_save=save />
        </section>
    }
}

/// Before → after for each changed setting, what the changes lead to, and the button that saves.
#[component]
fn ReviewChanges(
    open: RwSignal<bool>,
    reviewed: RwSignal<Option<SavePlan>>,
    #[prop(into)] saving: Signal<bool>,
    on_save: impl Fn() + Send + 'static,
) -> impl IntoView {
    let i18n = crate::state::language::use_i18n();
    let title = i18n.signal(move |lang| lang.settings_review_title().to_string());
    view! {
        <Dialog open on_close=move || open.set(false) title busy=saving>
            {move || reviewed.get().map(|plan| view! {
                <table class="diff">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(Lang::settings_column_setting)}</th>
                            <th scope="col">{i18n.text(Lang::settings_column_before)}</th>
                            <th scope="col">{i18n.text(Lang::settings_column_after)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {plan.changes.into_iter().map(|change| {
                            let setting = change.setting;
                            let before = change.before;
                            let after = change.after;
                            view! {
                                <tr>
                                    <th scope="row">{i18n.words(move |lang| setting.label(lang))}</th>
                                    <td class="diff__before">{i18n.words(move |lang| before.text(lang))}</td>
                                    <td class="diff__after">{i18n.words(move |lang| after.text(lang))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {plan.warnings.into_iter().map(|warning| view! {
                    <p class="notice notice--warning">{i18n.words(move |lang| warning.text(lang))}</p>
                }).collect_view()}
                {plan.request.nameservers.is_some().then(|| view! {
                    <p class="hint">{i18n.text(Lang::settings_propagation_hint)}</p>
                })}
            })}
            <div class="dialog__actions">
                <button type="button" class="button" disabled=move || saving.get() on:click=move |_| open.set(false)>
                    {i18n.text(Lang::settings_keep_editing)}
                </button>
                <button type="button" class="button button--primary" disabled=move || saving.get() on:click=move |_| on_save() data-testid="confirm-save">
                    {i18n.words(move |lang| if saving.get() { lang.settings_saving() } else { lang.settings_save() })}
                </button>
            </div>
        </Dialog>
    }
}
