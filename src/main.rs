//! Mounts the admin app. Everything else lives in the library (`src/lib.rs`).

// Talc in place of Rust's default dlmalloc: smaller in the first screen's wasm (see
// bench/README.md's table of cuts), and faster.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    console_error_panic_hook::set_once();
    // index.html paints a copy of the first screen while the wasm loads. It goes in the same
    // task as the app renders that screen, so no frame shows neither (or both).
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(vps_admin::App);
}
