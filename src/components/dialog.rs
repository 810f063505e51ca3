//! A modal dialog on the native `<dialog>` element: focus moves in and is kept there, Escape
//! closes it, and the page behind is inert. For what costs money or cannot be undone.

use crate::state::session::Session;
use leptos::html;
use leptos::prelude::*;

/// Shows `children` in a modal while `open` is true.
#[component]
pub fn Dialog(
    /// Opens and closes the dialog.
    #[prop(into)]
    open: Signal<bool>,
    /// What closes it when it closes by itself: Escape, or the session's end.
    #[prop(into)]
    on_close: Callback<()>,
    /// The heading, also the dialog's accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Set while a request runs: Escape then does nothing, so the answer is not missed.
    #[prop(optional, into)]
    busy: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let heading_id = format!("dialog-title-{}", next_dialog_id());
    let labelled_by = heading_id.clone();
    // A modal sits in the top layer, above the sign-in layer whatever its z-index: when the
    // session ends (a 401 from any request), it closes so that signing in again is possible.
    if let Some(session) = use_context::<Session>() {
        Effect::new(move |was_signed_in: Option<bool>| {
            let signed_in = session.is_signed_in();
            if was_signed_in == Some(true) && !signed_in {
                on_close.run(());
            }
            signed_in
        });
    }
    Effect::new(move |_| {
        let Some(dialog) = dialog_ref.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    view! {
        <dialog
            class="dialog"
            node_ref=dialog_ref
            aria-labelledby=labelled_by
            on:cancel=move |event: leptos::ev::Event| {
                if busy.get_untracked() {
                    event.prevent_default();
                }
            }
            on:close=move |_| on_close.run(())
        >
            <h2 class="dialog__title" id=heading_id>
                {move || title.get()}
            </h2>
            {children()}
        </dialog>
    }
}

fn next_dialog_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
