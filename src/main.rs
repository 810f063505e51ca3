//! Mounts the admin app. Everything else lives in the library (`src/lib.rs`).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(vps_admin::App);
}
