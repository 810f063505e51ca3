//! Mounts the admin app. Everything else lives in the library (`src/lib.rs`).

fn main() {
    console_error_panic_hook::set_once();
    // index.html paints a copy of the first screen while the wasm loads. It goes in the same
    // task as the app renders that screen, so no frame shows neither (or both).
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(vps_admin::App);
}
