//! The layers around every answer: the connection closed after an early error, the request
//! timeout, the contract's JSON for errors the layers themselves answer, CORS, `nosniff`, and
//! the request log.

use crate::config::Config;
use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// `app` under the layers, innermost first.
pub fn around(app: Router, config: &Config) -> Router {
    let mut app = app
        .layer(middleware::from_fn(close_after_early_error))
        // Its own 408 is empty; `json_errors` gives it the contract's body.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(middleware::from_fn(json_errors));
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
