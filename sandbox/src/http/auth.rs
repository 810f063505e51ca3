//! The first check of every API route and of the controls that act for an account: the
//! account behind `Authorization: Bearer <token>`, or DRF's 401.

use crate::domains::AccountId;
use crate::error::ApiError;
use crate::state::SharedState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A layer over routes (their method fallbacks included, so 401 comes before 405): the
/// token's account goes into the request for the handlers (`Extension<AccountId>`).
pub async fn require_token(State(state): State<SharedState>, mut request: Request, next: Next) -> Response {
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
