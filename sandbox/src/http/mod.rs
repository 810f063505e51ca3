//! HTTP: the routes, shaped to keep the contract's order of checks —
//! 1. auth (401): a layer over every API route, their method fallbacks included, and again in
//!    the fallback for unknown paths under the API's prefix (`auth.rs`);
//! 2. route and id (404): the routes, then [`extract::DomainPath`], the first argument of
//!    every handler and method fallback that names a domain (`extract.rs`);
//! 3. method (405): each route's method fallback;
//! 4. size (413), content type (415), JSON (400), fields (400): [`StrictJson`], the last
//!    argument;
//! 5. business rules (400) and balance (402): the handlers (`endpoints.rs`, `list.rs`) and
//!    `domains/`;
//!
//! under the layers of `layers.rs`: the request log, CORS, `nosniff`, the request timeout.

mod auth;
mod endpoints;
mod extract;
mod layers;
mod list;

use crate::config::Config;
use crate::controls;
use crate::error::{json_bytes_response, ApiError};
use crate::state::SharedState;
use crate::OPENAPI;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use endpoints::{detail, domain_not_allowed, register, remove, transfer, transfer_not_allowed, update};
use list::list;
use std::future::{ready, Ready};
use std::sync::Arc;

pub use auth::require_token;
pub use extract::{StrictBody, StrictJson};
pub use list::{full_list_body, MAX_PAGE_SIZE};

const API_PREFIX: &str = "/api/v1/domains";

/// The whole sandbox as one `Router`, its layers included: what [`crate::serve()`] serves, and
/// what tests call in process.
pub fn app(state: SharedState, config: &Config) -> Router {
    let collection = || get(list).post(register).fallback(not_allowed("GET, POST"));
    let domain = || get(detail).put(update).delete(remove).fallback(domain_not_allowed);
    let transfer = || post(transfer).fallback(transfer_not_allowed);
    let api = Router::new()
        .route(API_PREFIX, collection())
        .route("/api/v1/domains/", collection())
        .route("/api/v1/domains/{id}", domain())
        .route("/api/v1/domains/{id}/", domain())
        .route("/api/v1/domains/{id}/transfer", transfer())
        .route("/api/v1/domains/{id}/transfer/", transfer())
        // A layer, not a route layer, so that it runs before the method fallbacks' 405 too.
        .layer(middleware::from_fn_with_state(Arc::clone(&state), require_token));
    let app = Router::new()
        .merge(api)
        .route("/api/v1/openapi.json", get(openapi).fallback(not_allowed("GET")))
        .nest("/sandbox", controls::router(Arc::clone(&state)))
        .fallback(elsewhere)
        .with_state(state);
    layers::around(app, config)
}

/// A method fallback: 405 with `Allow`, for a route with nothing to check before the method.
pub fn not_allowed(allow: &'static str) -> impl Fn(Method) -> Ready<ApiError> + Clone + Send + Sync + 'static {
    move |method: Method| ready(ApiError::method_not_allowed(method.as_str(), allow))
}

/// The document as written (formatted for reading), so sent as its bytes.
async fn openapi() -> Response {
    json_bytes_response(StatusCode::OK, OPENAPI.as_bytes().to_vec())
}

/// No route: under the API's prefix, 401 still comes before 404 (matchit cannot put a catch-all
/// beside `{id}`); any other `/api/` or `/sandbox/` path is a JSON 404, never the app; the rest
/// is the built app under `--static`.
async fn elsewhere(State(state): State<SharedState>, request: Request) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/v1/domains/") {
        if let Err(error) = auth::authenticate(&state, request.headers()) {
            return error.into_response();
        }
    }
    let under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    match &state.static_site {
        Some(site) if !under("/api") && !under("/sandbox") => site.serve(request).await,
        _ => ApiError::not_found().into_response(),
    }
}
