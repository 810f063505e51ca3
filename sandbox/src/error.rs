//! Every failure as DRF-shaped JSON: `{"detail": ...}` or field errors. Never a stack trace,
//! never a secret.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use vps_contract::{field, FieldErrors};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Value,
    /// `Allow` for a 405.
    pub allow: Option<&'static str>,
}

impl ApiError {
    pub fn detail(status: StatusCode, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: json!({ field::DETAIL: detail.into() }),
            allow: None,
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError::detail(StatusCode::BAD_REQUEST, detail)
    }

    pub fn fields(errors: FieldErrors) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            body: json!(errors),
            allow: None,
        }
    }

    /// One message for one field (a `vps_contract::field` name, or a control's own).
    pub fn field(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::fields(FieldErrors::from([(field.to_string(), vec![message.into()])]))
    }

    pub fn not_found() -> ApiError {
        ApiError::detail(StatusCode::NOT_FOUND, "Not found.")
    }

    pub fn method_not_allowed(method: &str, allow: &'static str) -> ApiError {
        ApiError {
            status: StatusCode::METHOD_NOT_ALLOWED,
            body: json!({ field::DETAIL: format!("Method \"{method}\" not allowed.") }),
            allow: Some(allow),
        }
    }

    pub fn payment_required(detail: impl Into<String>) -> ApiError {
        ApiError::detail(StatusCode::PAYMENT_REQUIRED, detail)
    }
}

/// A database failure is the server's fault: say so plainly, log the cause, show no internals.
impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> ApiError {
        tracing::error!("database error: {error}");
        ApiError::detail(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The sandbox could not complete the request. Try again.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(allow) = self.allow {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static(allow));
        }
        response
    }
}

/// JSON already serialised: the kept list, a stored answer replayed, the OpenAPI document.
pub fn json_bytes_response(status: StatusCode, bytes: impl Into<axum::body::Body>) -> Response {
    let mut response = (status, bytes.into()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
