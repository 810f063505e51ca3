//! The address bar in signals, followed without page loads: a click on one of the app's own
//! links and the back and forward buttons change the page in place (`history.pushState`), as
//! leptos_router did, for a fraction of its code (the app has five pages and no nesting). Which
//! page a path shows is `logic::route`.

use crate::logic::route::Route;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The address, shared through context. `Copy`: pass it anywhere.
#[derive(Clone, Copy)]
pub struct Location {
    /// `/domains/101`
    path: RwSignal<String>,
    /// `?status=active&q=shop`, or empty.
    search: RwSignal<String>,
    /// The page the path shows: its readers hear of a new page, not of every new path.
    route: Memo<Route>,
}

/// How [`Location::navigate`] changes the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Navigate {
    /// In place of the current history entry (typing in a search box), not a new one.
    pub replace: bool,
    /// To the top of the new page, as a page load would.
    pub scroll: bool,
}

impl Default for Navigate {
    fn default() -> Navigate {
        Navigate {
            replace: false,
            scroll: true,
        }
    }
}

impl Location {
    /// Reads the address and follows it from now on, until the calling owner is cleaned up.
    /// `/` becomes `/domains`.
    pub fn start() -> Location {
        let path = RwSignal::new(String::new());
        let location = Location {
            path,
            search: RwSignal::new(String::new()),
            route: Memo::new(move |_| path.with(|path| Route::parse(path))),
        };
        location.read_address();
        let clicks = window_event_listener(ev::click, move |event| location.follow_link(event));
        let history = window_event_listener(ev::popstate, move |_| location.read_address());
        on_cleanup(move || {
            clicks.remove();
            history.remove();
        });
        location
    }

    /// The query string with its `?`, or empty; tracked.
    pub fn search(&self) -> String {
        self.search.get()
    }

    /// The page the address shows, tracked.
    pub fn route(&self) -> Route {
        self.route.get()
    }

    /// Goes to `to` (a path of this app, with its query if any).
    pub fn navigate(&self, to: &str, how: Navigate) {
        let Ok(history) = window().history() else { return };
        // A link to where the page already is adds no history entry.
        let here = window().location();
        let current = format!(
            "{}{}{}",
            here.pathname().unwrap_or_default(),
            here.search().unwrap_or_default(),
            here.hash().unwrap_or_default()
        );
        let written = if how.replace || current == to {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        };
        if written.is_err() {
            // Another origin, or a malformed address: the browser goes there itself.
            let _ = window().location().set_href(to);
            return;
        }
        self.read_address();
        if how.scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// The signals from the address bar, each set only when it changed.
    fn read_address(&self) {
        let address = window().location();
        let mut path = address.pathname().unwrap_or_default();
        let search = address.search().unwrap_or_default();
        if path == "/" || path.is_empty() {
            path = "/domains".into();
            if let Ok(history) = window().history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
            }
        }
        if self.path.with_untracked(|current| *current != path) {
            self.path.set(path);
        }
        if self.search.with_untracked(|current| *current != search) {
            self.search.set(search);
        }
    }

    /// A click on a link to a page of this app goes there in place. Left to the browser: a
    /// click already handled, with a modifier key or another button (a new tab), on a link
    /// with a target or a download, to another origin, or to a fragment of this very page.
    fn follow_link(&self, event: web_sys::MouseEvent) {
        if event.default_prevented()
            || event.button() != 0
            || event.meta_key()
            || event.ctrl_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let opens_elsewhere = link
            .get_attribute("target")
            .is_some_and(|target| !target.is_empty() && target != "_self");
        if opens_elsewhere || link.has_attribute("download") {
            return;
        }
        let here = window().location();
        let (Some(href), Ok(base)) = (link.get_attribute("href"), here.href()) else {
            return;
        };
        let Ok(url) = web_sys::Url::new_with_base(&href, &base) else {
            return;
        };
        if Some(url.origin()) != here.origin().ok() {
            return;
        }
        let same_page = Some(url.pathname()) == here.pathname().ok() && Some(url.search()) == here.search().ok();
        if same_page && !url.hash().is_empty() {
            return;
        }
        event.prevent_default();
        self.navigate(
            &format!("{}{}{}", url.pathname(), url.search(), url.hash()),
            Navigate::default(),
        );
    }
}

/// The address, from context.
pub fn use_location() -> Location {
    expect_context::<Location>()
}
