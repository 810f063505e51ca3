//! What the first screen does not draw, loaded when it is first needed.
//!
//! Each function below is a door into a part of the app: a route's page, a dialog, the export
//! writers. In the release build (the `split` feature, `scripts/build-release.mjs`) each is a
//! `#[wasm_split]` point: its code, and whatever only it reaches, is moved into the `.wasm`
//! chunk its door names, fetched the first time a door to it is called. Two chunks: `pages`
//! (every page but the table, the bulk dialog, the export writers, the detail reader of the
//! polling, and the portfolio's keeper, which fetches it just after the first rows are painted;
//! one chunk, because each chunk of its own cost the whole app more than its ceiling allows, see
//! bench/README.md) and `sign_in` (which a new visitor needs before anything else). Elsewhere
//! (`trunk serve`, the browser tests, `cargo test`) the doors are plain `async fn`s over one wasm.
//!
//! A chunk that cannot be fetched (offline, a deploy that replaced the files) is an error
//! value, never a panic: [`Lazy`] says so with a Retry, and a failed fetch is not remembered,
//! so the Retry fetches again.

use crate::error::ApiError;
use crate::i18n::Lang;
use crate::logic::route::Route;
use crate::state::batched::Wake;
use crate::state::language::use_i18n;
use crate::state::portfolio::{FiltersView, PortfolioMemory};
use crate::state::session::Session;
use crate::state::store::DomainStore;
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use vps_contract::DomainId;

/// A chunk could not be fetched or started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkFailed;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> ChunkFailed {
        ChunkFailed
    }
}

/// `chunk! { module, preload_name: fn name(args) -> T { body } }`: `name` returns the body's
/// value once the chunk `module` is in place; `preload_name` (one door per chunk names one)
/// only fetches the chunk.
macro_rules! chunk {
    ($(#[$doc:meta])* $module:ident $(, $preload:ident)?: fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible $(, preload($preload))?)]
        pub fn $name($($arg: $ty),*) -> Result<$out, ChunkFailed> {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$out, ChunkFailed> {
            Ok($body)
        }

        $(
            #[cfg(not(feature = "split"))]
            async fn $preload() -> Result<(), ChunkFailed> {
                Ok(())
            }
        )?
    };
}

chunk! {
    /// The sign-in form (a remembered session never needs it).
    sign_in, preload_sign_in: fn sign_in() -> ViewFn {
        ViewFn::from(|| view! { <crate::components::sign_in::SignIn /> })
    }
}

chunk! {
    /// `/register`.
    pages, preload_pages: fn register_page() -> ViewFn {
        ViewFn::from(|| view! { <crate::pages::register::RegisterPage /> })
    }
}

chunk! {
    /// `/domains/:id`.
    pages: fn domain_page(id: DomainId) -> ViewFn {
        ViewFn::from(move || view! { <crate::pages::domain::DomainPage id /> })
    }
}

chunk! {
    /// `/domains/:id/transfer`.
    pages: fn transfer_page(id: DomainId) -> ViewFn {
        ViewFn::from(move || view! { <crate::pages::transfer::TransferPage id /> })
    }
}

chunk! {
    /// `/forecast`.
    pages: fn forecast_page() -> ViewFn {
        ViewFn::from(|| view! { <crate::pages::forecast::ForecastPage /> })
    }
}

chunk! {
    /// One domain's detail read into the store, for the polling of pending registrations and
    /// transfers: the first screen polls, but rarely needs a detail (its reader is large).
    pages: fn detail_reader() -> DetailReader {
        |store, id| Box::pin(async move { store.load_detail(id, Wake::Now).await })
    }
}

/// Reads a domain's detail into the store (see `DomainStore::load_detail`).
pub type DetailReader = fn(DomainStore, DomainId) -> LocalBoxFuture<'static, Result<(), ApiError>>;

/// Reads a domain's detail into the store, through the pages chunk. Quiet: a chunk that
/// cannot be fetched is a read that failed, and the polling tries again later.
pub async fn read_detail(store: DomainStore, id: DomainId) {
    if let Ok(read) = detail_reader().await {
        let _ = read(store, id).await;
    }
}

/// The files the table exports as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFile {
    Csv,
    Ics,
}

/// Writes the export file for these domains, as they are at `now`.
pub type ExportWriter =
    fn(&[&crate::logic::cache::DomainRecord], &crate::logic::portfolio::Portfolio, vps_contract::Timestamp) -> String;

chunk! {
    /// The export writers: CSV and iCalendar.
    pages: fn export_writer(file: ExportFile) -> ExportWriter {
        match file {
            ExportFile::Csv => crate::logic::export::csv,
            ExportFile::Ics => crate::logic::export::ics,
        }
    }
}

chunk! {
    /// The portfolio's keeper: reads this account's memory from storage and keeps it there
    /// (started after the first rows are painted, under `owner`); and the filters it draws
    /// beside the table. In the pages' chunk: the
    /// memory's pieces are the pages' (the filters, a domain's notes, the bulk tag), and the
    /// pages are then in place before they are asked for.
    pages: fn start_portfolio(owner: Owner, memory: PortfolioMemory, session: Session) -> FiltersView {
        owner.with(|| crate::state::portfolio::keeper::start(memory, session));
        crate::components::portfolio::filters_view
    }
}

chunk! {
    /// The bar under the table once something is selected (or a batch runs).
    pages: fn selection_bar(matching: Memo<Vec<DomainId>>, query: Memo<crate::logic::table::TableQuery>) -> ViewFn {
        ViewFn::from(move || view! { <crate::pages::domains::SelectionBar matching query /> })
    }
}

/// A chunk, for fetching it ahead of need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chunk {
    Pages,
    SignIn,
}

impl Chunk {
    /// The chunk of the page an address of this app leads to, if it is a lazy one.
    pub fn for_path(path: &str) -> Option<Chunk> {
        match Route::parse(path) {
            Route::Register | Route::Forecast | Route::Domain(_) | Route::Transfer(_) => Some(Chunk::Pages),
            Route::Domains | Route::NotFound => None,
        }
    }

    /// A control's `data-chunk` attribute: the chunk its click will need.
    pub fn named(name: &str) -> Option<Chunk> {
        match name {
            "pages" => Some(Chunk::Pages),
            "sign-in" => Some(Chunk::SignIn),
            _ => None,
        }
    }

    /// Fetches the chunk now, so that a click finds it in place. Quiet on failure: the click
    /// will try again, and say so if it fails too.
    pub fn preload(self) {
        spawn_local(async move {
            let _ = match self {
                Chunk::Pages => preload_pages().await,
                Chunk::SignIn => preload_sign_in().await,
            };
        });
    }
}

/// Fetches a chunk when a pointer rests on, or the keyboard focuses, a link to a lazy page or
/// a control marked `data-chunk`. One listener serves them all, those drawn later included,
/// until the calling owner is cleaned up.
pub fn preload_on_intent() {
    use wasm_bindgen::JsCast;
    let on_intent = |event: web_sys::Event| {
        let Some(element) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let by_link = || {
            let link = element.closest("a[href]").ok().flatten()?;
            Chunk::for_path(&link.get_attribute("href")?)
        };
        let by_name = || {
            let control = element.closest("[data-chunk]").ok().flatten()?;
            Chunk::named(&control.get_attribute("data-chunk")?)
        };
        if let Some(chunk) = by_link().or_else(by_name) {
            chunk.preload();
        }
    };
    let pointer = window_event_listener_untyped("pointerover", on_intent);
    let focus = window_event_listener_untyped("focusin", on_intent);
    on_cleanup(move || {
        pointer.remove();
        focus.remove();
    });
}

/// A part of the app drawn once its chunk is in place: a quiet line while it is on its way, the
/// part itself, or what went wrong with a Retry. `load` is one of this module's doors.
#[component]
pub fn Lazy<Load, Loading>(load: Load) -> impl IntoView
where
    Load: Fn() -> Loading + Copy + Send + Sync + 'static,
    Loading: Future<Output = Result<ViewFn, ChunkFailed>> + 'static,
{
    let state = RwSignal::new(None::<Result<ViewFn, ChunkFailed>>);
    let attempt = move || {
        spawn_local(async move {
            let loaded = load().await;
            // The view may have gone meanwhile (another route): then nobody waits for it.
            let _ = state.try_set(Some(loaded));
        })
    };
    attempt();
    let retry = move || {
        state.set(None);
        attempt();
    };
    move || match state.get() {
        None => view! { <LazyLoading /> }.into_any(),
        Some(Ok(part)) => part.run(),
        Some(Err(ChunkFailed)) => view! { <ChunkFailure retry /> }.into_any(),
    }
}

/// Shown while a chunk is on its way; it appears only after a moment (CSS), so a fast fetch
/// shows nothing at all.
#[component]
fn LazyLoading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="lazy-loading muted" role="status">{i18n.text(Lang::chunk_loading)}</p> }
}

/// A chunk that could not be fetched: what happened, what to do, and a Retry. Nothing else on
/// the page is touched, so what was typed elsewhere stays.
#[component]
fn ChunkFailure(retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice--error chunk-failure" role="alert">
            <div>
                <p><strong>{i18n.text(Lang::chunk_failed_title)}</strong></p>
                <p>{i18n.text(Lang::chunk_failed_help)}</p>
            </div>
            <button type="button" class="button" on:click=move |_| retry()>
                {i18n.text(Lang::action_retry)}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_lazy_pages_name_their_chunk() {
        for path in [
            "/register",
            "/forecast",
            "/domains/101",
            "/domains/106/transfer",
            "/register?name=x.com",
        ] {
            assert_eq!(Chunk::for_path(path), Some(Chunk::Pages), "{path}");
        }
        for path in ["/domains", "/domains?status=expired", "/", "/no/such/page", "#main"] {
            assert_eq!(Chunk::for_path(path), None, "{path}");
        }
        assert_eq!(Chunk::named("sign-in"), Some(Chunk::SignIn));
        assert_eq!(Chunk::named("bulk"), None);
    }
}
