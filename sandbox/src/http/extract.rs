//! The extractors that keep the contract's checks in its order: [`DomainPath`] (route and id,
//! 404) comes first among a handler's arguments and [`StrictJson`] (size 413, content type
//! 415, JSON 400, fields 400) last, as axum runs them; both reject with the contract's JSON.

use crate::domains::{self, AccountId};
use crate::error::ApiError;
use crate::state::SharedState;
use crate::strict_json;
use axum::body::{to_bytes, Body};
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{json, Value};
use vps_contract::{DomainId, RegisterRequest, TransferRequest, UpdateRequest};

const MAX_BODY_BYTES: usize = 64 * 1024;

/// A request body type with its own field rules, read from the JSON value [`StrictJson`] parsed.
pub trait StrictBody: Sized {
    fn read(body: &Value) -> Result<Self, ApiError>;
}

impl StrictBody for RegisterRequest {
    fn read(body: &Value) -> Result<Self, ApiError> {
        RegisterRequest::from_json_strict(body).map_err(ApiError::fields)
    }
}

impl StrictBody for UpdateRequest {
    fn read(body: &Value) -> Result<Self, ApiError> {
        UpdateRequest::from_json_strict(body).map_err(ApiError::fields)
    }
}

impl StrictBody for TransferRequest {
    fn read(body: &Value) -> Result<Self, ApiError> {
        TransferRequest::from_json_strict(body).map_err(ApiError::fields)
    }
}

/// A JSON body under the contract's rules: at most 64 KiB (413), `Content-Type:
/// application/json` with any parameters (415), UTF-8 JSON with no key given twice (400), then
/// `T`'s own field rules (400). An empty body is `{}`, whatever its content type.
pub struct StrictJson<T> {
    pub body: T,
    /// The JSON value as sent: an `Idempotency-Key` replays for the same value, in any bytes.
    pub json: Value,
}

impl<S: Send + Sync, T: StrictBody> FromRequest<S> for StrictJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, ApiError> {
        let (parts, body) = request.into_parts();
        let json = read_json(&parts.headers, body).await?;
        Ok(StrictJson {
            body: T::read(&json)?,
            json,
        })
    }
}

/// Reads a JSON body under the size, content-type and syntax rules. An empty body is `{}`.
async fn read_json(headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
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

/// The `{id}` of a domain's path, when it names one of the account's domains (with the
/// lifecycle brought up to date first): anything else is 404, never 403 and never 400.
pub struct DomainPath(pub DomainId);

impl FromRequestParts<SharedState> for DomainPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> Result<Self, ApiError> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::not_found())?;
        // Plain digits as sent: `Path` has decoded `%31`, which is not a digit.
        let as_sent = parts.uri.path().split('/').any(|segment| segment == text);
        let id: DomainId = text.parse().ok().filter(|_| as_sent).ok_or_else(ApiError::not_found)?;
        // The auth layer put it there; without one, the domain is nobody's.
        let account = *parts.extensions.get::<AccountId>().ok_or_else(ApiError::not_found)?;
        state.catch_up().await?;
        state
            .pool
            .run(move |conn| domains::find(conn, account, id).map(|_| ()))
            .await?;
        Ok(DomainPath(id))
    }
}
