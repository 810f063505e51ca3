//! HTTP: `Router` routes that keep the contract's order of checks — auth (401, a layer over
//! every API route and fallback), route and id (404, in the handlers and the method
//! fallbacks), method (405), size (413), content type (415), JSON (400), validation (400),
//! business rules (400), balance (402) — under tower-http's layers: the request log, CORS,
//! `nosniff`, the request timeout.

use crate::config::Config;
use crate::domains::{self, AccountId};
use crate::error::{json_bytes_response, ApiError};
use crate::idempotency::{self, Claim, Outcome};
use crate::{controls, list_cache, strict_json, SharedState, OPENAPI};
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Extension, Request, State};
use axum::http::HeaderName;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields};
use tracing_subscriber::registry::LookupSpan;
use vps_contract::query::{parse_pairs, ListQuery};
use vps_contract::{DomainDetail, RegisterRequest, StatusFilter, TransferRequest, UpdateRequest};

pub const MAX_BODY_BYTES: usize = 64 * 1024;
pub const MAX_PAGE_SIZE: u64 = 1000;
const DEFAULT_PAGE_SIZE: u64 = 100;
const API_PREFIX: &str = "/api/v1/domains";

pub fn router(state: SharedState, config: &Config) -> Router {
    let collection = || get(list).post(register).fallback(collection_not_allowed);
    let domain = || get(detail).put(update).delete(remove).fallback(domain_not_allowed);
    let transfer = || post(transfer).fallback(transfer_not_allowed);
    // The contract's order: 401 first, for every path under the prefix and every method (a
    // layer, not a route layer, so that it runs before the method fallbacks' 405 too); then
    // 404 for an unknown path or an id that names none of the account's domains, checked by
    // the handlers and the fallbacks alike; then 405.
    let api = Router::new()
        .route(API_PREFIX, collection())
        .route("/api/v1/domains/", collection())
        .route("/api/v1/domains/{id}", domain())
        .route("/api/v1/domains/{id}/", domain())
        .route("/api/v1/domains/{id}/transfer", transfer())
        .route("/api/v1/domains/{id}/transfer/", transfer())
        .layer(middleware::from_fn_with_state(Arc::clone(&state), require_token));
    let mut app = Router::new()
        .merge(api)
        .route("/api/v1/openapi.json", get(openapi).fallback(openapi_not_allowed))
        .route("/sandbox", any(controls))
        .route("/sandbox/{*rest}", any(controls))
        .fallback(elsewhere)
        .layer(middleware::from_fn(close_after_early_error))
        // Its own 408 is empty; `json_errors` gives it the contract's body.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(middleware::from_fn(json_errors))
        .with_state(state);
    if !config.cors_origins.is_empty() {
        app = app
            .layer(cors(&config.cors_origins))
            .layer(middleware::map_response(one_vary));
    }
    // Every answer, the API's JSON included, not only the static files.
    app = app.layer(SetResponseHeaderLayer::overriding(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ));
    if config.quiet {
        return app;
    }
    // One line per request: method, path (never the query), status, milliseconds.
    app.layer(
        TraceLayer::new_for_http()
            .make_span_with(|request: &Request| {
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
            })
            .on_request(())
            .on_response(|response: &Response, latency: Duration, _: &tracing::Span| {
                let ms = format!("{:.1}ms", latency.as_secs_f64() * 1000.0);
                tracing::info!(target: "vps_sandbox::request", status = response.status().as_u16(), ms = %ms);
            })
            .on_body_chunk(())
            .on_eos(())
            .on_failure(()),
    )
}

/// A log line: the fields of the event's spans, then its own, and nothing else (the request
/// span's method and path, then the status and time: `GET /api/v1/domains/ 200 1.2ms`).
pub struct LogLine;

impl<S, N> FormatEvent<S, N> for LogLine
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                if let Some(fields) = span.extensions().get::<FormattedFields<N>>() {
                    if !fields.is_empty() {
                        write!(writer, "{fields} ")?;
                    }
                }
            }
        }
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Cross-origin calls only from the origins named by `--cors-origin`, with the methods and
/// headers the app sends.
fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
        ])
        .max_age(Duration::from_secs(600))
}

/// CorsLayer adds its `Vary` beside the list's own (`Accept-Encoding`): say both in one header,
/// as caches and clients that read only the first expect.
async fn one_vary(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if headers.get_all(header::VARY).iter().count() > 1 {
        let joined: Vec<&str> = headers
            .get_all(header::VARY)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        if let Ok(value) = HeaderValue::from_str(&joined.join(", ")) {
            headers.insert(header::VARY, value);
        }
    }
    response
}

/// Errors answered by the layers below the API (the timeout, the static files' 405) come
/// without a body: give them the contract's JSON one.
async fn json_errors(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    let mut answer = match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::method_not_allowed(method.as_str(), "GET, HEAD"),
        StatusCode::REQUEST_TIMEOUT => ApiError::detail(
            status,
            "The request did not arrive in time: send the whole request at once.",
        ),
        StatusCode::NOT_FOUND => ApiError::not_found(),
        _ => ApiError::detail(status, status.canonical_reason().unwrap_or("The request failed.")),
    }
    .into_response();
    // What the layer said stays said (`Connection`, the static host's headers), but in our words.
    let (parts, _) = response.into_parts();
    for (name, value) in &parts.headers {
        if !answer.headers().contains_key(name) && name != header::CONTENT_LENGTH {
            answer.headers_mut().insert(name.clone(), value.clone());
        }
    }
    if status == StatusCode::REQUEST_TIMEOUT {
        // The rest of the body may still come: nothing more is read on this connection.
        answer
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    answer
}

async fn controls(State(state): State<SharedState>, request: Request) -> Result<Response, ApiError> {
    controls::handle(&state, request).await
}

/// No route: under the API's prefix, 401 still comes before 404 (matchit cannot put a catch-all
/// beside `{id}`); any other `/api/` path is a JSON 404, never the app; the rest is the built
/// app under `--static`.
async fn elsewhere(State(state): State<SharedState>, request: Request) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/v1/domains/") {
        if let Err(error) = authenticate(&state, request.headers()) {
            return error.into_response();
        }
    }
    match &state.static_site {
        Some(site) if !(path == "/api" || path.starts_with("/api/")) => site.serve(request).await,
        _ => ApiError::not_found().into_response(),
    }
}

/// An error can be answered before the body is read (401, 404, 405, 413). The server then
/// drops the connection rather than read the rest, so say so: a client that reused the
/// connection would otherwise see its next request fail instead of getting an answer.
async fn close_after_early_error(request: Request, next: Next) -> Response {
    let has_body = declares_body(request.headers());
    let mut response = next.run(request).await;
    if has_body && (response.status().is_client_error() || response.status().is_server_error()) {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Whether the request says it carries a body (a non-zero length, or chunked).
fn declares_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.trim().parse::<u64>().ok())
            .is_some_and(|length| length > 0)
}

async fn openapi() -> Response {
    json_bytes_response(StatusCode::OK, OPENAPI.as_bytes().to_vec())
}

async fn openapi_not_allowed(method: Method) -> ApiError {
    ApiError::method_not_allowed(method.as_str(), "GET")
}

/// The API's first check: the token's account, kept in the request for the handlers.
async fn require_token(State(state): State<SharedState>, mut request: Request, next: Next) -> Response {
    match authenticate(&state, request.headers()) {
        Ok(account) => {
            request.extensions_mut().insert(account);
            next.run(request).await
        }
        Err(error) => error.into_response(),
    }
}

/// The account behind `Authorization: Bearer <token>`, or the 401 DRF would give.
pub fn authenticate(state: &SharedState, headers: &HeaderMap) -> Result<AccountId, ApiError> {
    let unauthorized = |detail: &str| ApiError::detail(StatusCode::UNAUTHORIZED, detail);
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(unauthorized("Authentication credentials were not provided."));
    };
    let text = value.to_str().map_err(|_| unauthorized("Invalid token."))?;
    let (scheme, token) = text.trim().split_once(' ').unwrap_or((text.trim(), ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(unauthorized("Authentication credentials were not provided."));
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(unauthorized("Invalid token header. No credentials provided."));
    }
    state
        .account_for_token(token)
        .ok_or_else(|| unauthorized("Invalid token."))
}

/// The provider's three routes.
enum Route {
    Collection,
    Domain(i64),
    Transfer(i64),
}

fn route(path: &str) -> Option<Route> {
    let rest = path.strip_prefix(API_PREFIX)?;
    let segments: Vec<&str> = rest.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    // Ids are plain positive decimal integers; anything else names no domain.
    let id = |text: &str| {
        text.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| text.parse::<i64>().ok())
            .flatten()
    };
    match segments.as_slice() {
        [] => Some(Route::Collection),
        [id_text] => id(id_text).map(Route::Domain),
        [id_text, "transfer"] => id(id_text).map(Route::Transfer),
        _ => None,
    }
}

/// Reads a JSON body under the size, content-type and syntax rules. An empty body is `{}`.
pub async fn read_json(headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
    let too_large = || {
        ApiError::detail(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The request body is larger than {} KiB.", MAX_BODY_BYTES / 1024),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    let bytes = to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| too_large())?;
    if bytes.is_empty() {
        return Ok(json!({}));
    }
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|text| text.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
    if media_type.as_deref() != Some("application/json") {
        let detail = match media_type {
            Some(media_type) if !media_type.is_empty() => {
                format!(
                    "Unsupported media type \"{}\" in request. Send JSON with Content-Type: application/json.",
                    truncate(&media_type, 60)
                )
            }
            _ => {
                "The request has a body but no Content-Type. Send JSON with Content-Type: application/json.".to_string()
            }
        };
        return Err(ApiError::detail(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail));
    }
    let text = std::str::from_utf8(&bytes).map_err(|error| {
        ApiError::bad_request(format!(
            "The body is not valid UTF-8 (at byte {}). Send UTF-8 JSON.",
            error.valid_up_to()
        ))
    })?;
    strict_json::parse(text).map_err(|error| match error {
        strict_json::Error::Duplicate(key) => {
            ApiError::field(&truncate(&key, 60), "This field is given twice: send it once.")
        }
        strict_json::Error::Syntax(error) => ApiError::bad_request(format!(
            "JSON parse error at line {}, column {}: {}.",
            error.line(),
            error.column(),
            json_error_kind(&error)
        )),
    })
}

/// serde_json's description of what went wrong, without its echo of the input.
fn json_error_kind(error: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => "the body ends before the JSON does",
        Category::Syntax if error.to_string().contains("recursion limit") => "the JSON is nested too deeply",
        Category::Syntax => "this is not valid JSON",
        Category::Data | Category::Io => "the JSON could not be read",
    }
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Serialises straight to bytes, keeping the struct's field order (`id` first).
fn to_json(value: &impl serde::Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value)
        .map_err(|_| ApiError::detail(StatusCode::INTERNAL_SERVER_ERROR, "The answer could not be written."))
}

fn ok_json(status: StatusCode, value: impl serde::Serialize) -> Response {
    match to_json(&value) {
        Ok(text) => json_bytes_response(status, text.into_bytes()),
        Err(error) => error.into_response(),
    }
}

/// The id in a domain's path: plain positive decimal digits, else no domain (404).
fn domain_id(request: &Request) -> Result<i64, ApiError> {
    match route(request.uri().path()) {
        Some(Route::Domain(id) | Route::Transfer(id)) => Ok(id),
        _ => Err(ApiError::not_found()),
    }
}

/// The domain, when it is one of the account's (404 otherwise, never 403), with the lifecycle
/// brought up to date first.
async fn own_domain(state: &SharedState, account: AccountId, id: i64) -> Result<DomainDetail, ApiError> {
    state.catch_up().await?;
    let now = state.now();
    state
        .pool
        .run(move |conn| domains::detail(conn, account, id, now))
        .await
}

async fn list(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    request: Request,
) -> Result<Response, ApiError> {
    state.catch_up().await?;
    let (parts, _) = request.into_parts();
    list_page(&state, account, &parts).await
}

async fn register(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    request: Request,
) -> Result<Response, ApiError> {
    state.catch_up().await?;
    let (parts, body) = request.into_parts();
    let body = read_json(&parts.headers, body).await?;
    let request = RegisterRequest::from_json_strict(&body).map_err(ApiError::fields)?;
    let key = idempotency::key_from_headers(&parts.headers)?;
    let delays = state.delays;
    paid(&state, account, "POST /api/v1/domains/", key, body, move |tx, now| {
        let answer = domains::register(tx, account, &request, now, delays)?;
        Ok((StatusCode::CREATED, to_json(&answer)?))
    })
    .await
}

async fn collection_not_allowed(method: Method) -> ApiError {
    ApiError::method_not_allowed(method.as_str(), "GET, POST")
}

async fn detail(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    request: Request,
) -> Result<Response, ApiError> {
    let id = domain_id(&request)?;
    Ok(ok_json(StatusCode::OK, own_domain(&state, account, id).await?))
}

async fn update(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    request: Request,
) -> Result<Response, ApiError> {
    let id = domain_id(&request)?;
    own_domain(&state, account, id).await?;
    let (parts, body) = request.into_parts();
    let body = read_json(&parts.headers, body).await?;
    let request = UpdateRequest::from_json_strict(&body).map_err(ApiError::fields)?;
    let answer = state
        .write(move |tx, now| domains::update(tx, account, id, &request, now))
        .await?;
    Ok(ok_json(StatusCode::OK, answer))
}

async fn remove(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    request: Request,
) -> Result<Response, ApiError> {
    let id = domain_id(&request)?;
    own_domain(&state, account, id).await?;
    state.write(move |tx, _| domains::remove(tx, account, id)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// 404 for an id that names none of the account's domains comes before 405.
async fn domain_not_allowed(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    request: Request,
) -> Result<Response, ApiError> {
    let id = domain_id(&request)?;
    own_domain(&state, account, id).await?;
    Err(ApiError::method_not_allowed(
        request.method().as_str(),
        "GET, PUT, DELETE",
    ))
}

async fn transfer(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    request: Request,
) -> Result<Response, ApiError> {
    let id = domain_id(&request)?;
    own_transfer_target(&state, account, id).await?;
    let (parts, body) = request.into_parts();
    let body = read_json(&parts.headers, body).await?;
    let request = TransferRequest::from_json_strict(&body).map_err(ApiError::fields)?;
    let key = idempotency::key_from_headers(&parts.headers)?;
    let delays = state.delays;
    let scope = format!("POST /api/v1/domains/{id}/transfer/");
    paid(&state, account, &scope, key, body, move |tx, now| {
        let answer = domains::transfer(tx, account, id, &request, now, delays)?;
        Ok((StatusCode::OK, to_json(&answer)?))
    })
    .await
}

async fn transfer_not_allowed(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    request: Request,
) -> Result<Response, ApiError> {
    let id = domain_id(&request)?;
    own_transfer_target(&state, account, id).await?;
    Err(ApiError::method_not_allowed(request.method().as_str(), "POST"))
}

async fn own_transfer_target(state: &SharedState, account: AccountId, id: i64) -> Result<(), ApiError> {
    state.catch_up().await?;
    state
        .pool
        .run(move |conn| domains::find(conn, account, id).map(|_| ()))
        .await
}

/// A request that charges the account, made safe to retry by its `Idempotency-Key`. The claim,
/// the charge and the stored answer run to their end even when the client goes away meanwhile:
/// a claim left half-done would refuse every retry with that key.
async fn paid<F>(
    state: &SharedState,
    account: AccountId,
    scope: &str,
    key: Option<String>,
    body: Value,
    work: F,
) -> Result<Response, ApiError>
where
    F: FnOnce(&rusqlite::Transaction<'_>, vps_contract::Timestamp) -> Result<(StatusCode, String), ApiError>
        + Send
        + 'static,
{
    let state = Arc::clone(state);
    let scope = scope.to_string();
    let settled = tokio::spawn(async move {
        let claim = match key {
            None => None,
            Some(key) => {
                let claim = Claim { account, scope, key };
                let now = state.now();
                let outcome = state
                    .pool
                    .write(move |tx| idempotency::claim(tx, claim, &body, now))
                    .await?;
                match outcome {
                    Outcome::Replay(status, text) => {
                        let mut response = json_bytes_response(status, text.into_bytes());
                        response
                            .headers_mut()
                            .insert("idempotent-replayed", HeaderValue::from_static("true"));
                        return Ok(response);
                    }
                    Outcome::Run(claim) => Some(claim),
                }
            }
        };
        let stored_claim = claim.clone();
        let result = state
            .write(move |tx, now| {
                let (status, text) = work(tx, now)?;
                if let Some(claim) = &stored_claim {
                    idempotency::complete(tx, claim, status, &text)?;
                }
                Ok((status, text))
            })
            .await;
        match result {
            Ok((status, text)) => Ok(json_bytes_response(status, text.into_bytes())),
            Err(error) => {
                if let Some(claim) = claim {
                    let _ = state
                        .pool
                        .write(move |tx| idempotency::release(tx, &claim).map_err(ApiError::from))
                        .await;
                }
                Err(error)
            }
        }
    });
    settled.await.unwrap_or_else(|_| {
        Err(ApiError::detail(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The sandbox could not complete the request. Try again.",
        ))
    })
}

/// `GET /api/v1/domains/`, with the DRF-style pagination extension.
async fn list_page(
    state: &SharedState,
    account: AccountId,
    parts: &axum::http::request::Parts,
) -> Result<Response, ApiError> {
    let pairs = parse_pairs(parts.uri.query().unwrap_or_default())
        .ok_or_else(|| ApiError::bad_request("The query string is not valid percent-encoded UTF-8."))?;
    let param = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let status = match param("status").filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(
            StatusFilter::parse(text)
                .ok_or_else(|| ApiError::field("status", "Choose one of: active, pending, expired, locked."))?,
        ),
    };
    let search = param("search").map(str::to_string);
    let asked_page_size = match param("page_size") {
        None => None,
        Some(text) => Some(
            text.parse::<u64>()
                .ok()
                .filter(|size| (1..=MAX_PAGE_SIZE).contains(size))
                .ok_or_else(|| {
                    ApiError::field("page_size", format!("Choose a page size from 1 to {MAX_PAGE_SIZE}."))
                })?,
        ),
    };
    let page = match param("page") {
        None => None,
        Some(text) => Some(
            text.parse::<u64>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(|| ApiError::detail(StatusCode::NOT_FOUND, "Invalid page."))?,
        ),
    };
    // A provider configured with DRF's PAGE_SIZE paginates every list.
    let page_size = asked_page_size.or(state.page_size);
    let list = state.account_list(account).await?;
    let needle = search
        .as_deref()
        .map(str::trim)
        .filter(|needle| !needle.is_empty())
        .map(str::to_lowercase);
    if page.is_none() && page_size.is_none() && status.is_none() && needle.is_none() {
        // The whole list, as the admin app asks for it: kept serialised (and gzipped for the
        // clients that accept it, as browsers do) until the next write.
        let gzip = parts
            .headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|value| value.to_str().ok())
            .is_some_and(list_cache::accepts_gzip);
        let mut response = if gzip {
            let mut response = json_bytes_response(StatusCode::OK, list.gzipped_body().await);
            response
                .headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            response
        } else {
            json_bytes_response(StatusCode::OK, list.body)
        };
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        return Ok(response);
    }
    let results: Vec<&vps_contract::DomainSummary> = list
        .domains
        .iter()
        .filter(|domain| domains::matches_filters(domain, status, needle.as_deref()))
        .collect();
    let count = results.len() as u64;
    if page.is_none() && page_size.is_none() {
        return Ok(ok_json(
            StatusCode::OK,
            Page {
                count,
                next: None,
                previous: None,
                results: &results,
            },
        ));
    }
    let size = page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    let page = page.unwrap_or(1);
    let pages = count.div_ceil(size).max(1);
    if page > pages {
        return Err(ApiError::detail(StatusCode::NOT_FOUND, "Invalid page."));
    }
    // As DRF builds them: the Host asked for, https behind a TLS proxy that says so.
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or(&state.address);
    let scheme = match parts.headers.get("x-forwarded-proto").map(HeaderValue::as_bytes) {
        Some(b"https") => "https",
        _ => "http",
    };
    let link = |page: u64| {
        let query = ListQuery {
            status,
            search: search.clone(),
            page: Some(page),
            // As DRF writes links: the request's own query, with only `page` replaced.
            page_size: asked_page_size,
        };
        format!("{scheme}://{host}{API_PREFIX}/{}", query.to_query_string())
    };
    let start = ((page - 1) * size) as usize;
    let end = (start + size as usize).min(results.len());
    Ok(ok_json(
        StatusCode::OK,
        Page {
            count,
            next: Some((page < pages).then(|| link(page + 1))),
            previous: Some((page > 1).then(|| link(page - 1))),
            results: &results[start..end],
        },
    ))
}

/// The list body. `next` and `previous` are present (possibly null) only when paginating.
#[derive(serde::Serialize)]
struct Page<'a, T: serde::Serialize> {
    count: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<Option<String>>,
    results: &'a [T],
}

/// The body of the unfiltered, unpaginated list: `{"count": N, "results": [...]}`.
pub fn full_list_body(domains: &[vps_contract::DomainSummary]) -> Result<Bytes, ApiError> {
    let page = Page {
        count: domains.len() as u64,
        next: None,
        previous: None,
        results: domains,
    };
    Ok(Bytes::from(to_json(&page)?))
}
