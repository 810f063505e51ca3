//! The provider's endpoints that name no list: register, a domain's details, settings and
//! removal, and the transfer in, with their method fallbacks.

use super::extract::{DomainPath, StrictJson};
use crate::domains::{self, AccountId};
use crate::error::{json_bytes_response, ApiError};
use crate::idempotency::{self, Claim, Outcome};
use crate::state::SharedState;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Json;
use serde_json::Value;
use std::sync::Arc;
use vps_contract::{DomainDetail, RegisterRequest, Timestamp, TransferRequest, UpdateRequest, UpdateResponse};

pub async fn register(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    headers: HeaderMap,
    StrictJson { body: request, json }: StrictJson<RegisterRequest>,
) -> Result<Response, ApiError> {
    state.catch_up().await?;
    // After the body: its errors come first.
    let key = idempotency::key_from_headers(&headers)?;
    let delays = state.delays;
    paid(&state, account, "POST /api/v1/domains/", key, json, move |tx, now| {
        let answer = domains::register(tx, account, &request, now, delays)?;
        Ok((StatusCode::CREATED, to_json(&answer)?))
    })
    .await
}

pub async fn detail(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    DomainPath(id): DomainPath,
) -> Result<Json<DomainDetail>, ApiError> {
    let now = state.now();
    let detail = state
        .pool
        .run(move |conn| domains::detail(conn, account, id, now))
        .await?;
    Ok(Json(detail))
}

pub async fn update(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    DomainPath(id): DomainPath,
    StrictJson { body: request, .. }: StrictJson<UpdateRequest>,
) -> Result<Json<UpdateResponse>, ApiError> {
    let answer = state
        .write(move |tx, now| domains::update(tx, account, id, &request, now))
        .await?;
    Ok(Json(answer))
}

pub async fn remove(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    DomainPath(id): DomainPath,
) -> Result<StatusCode, ApiError> {
    state.write(move |tx, _| domains::remove(tx, account, id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 404 for an id that names none of the account's domains comes before 405.
pub async fn domain_not_allowed(_: DomainPath, method: Method) -> ApiError {
    ApiError::method_not_allowed(method.as_str(), "GET, PUT, DELETE")
}

pub async fn transfer(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    DomainPath(id): DomainPath,
    headers: HeaderMap,
    StrictJson { body: request, json }: StrictJson<TransferRequest>,
) -> Result<Response, ApiError> {
    let key = idempotency::key_from_headers(&headers)?;
    let delays = state.delays;
    let scope = format!("POST /api/v1/domains/{id}/transfer/");
    paid(&state, account, &scope, key, json, move |tx, now| {
        let answer = domains::transfer(tx, account, id, &request, now, delays)?;
        Ok((StatusCode::OK, to_json(&answer)?))
    })
    .await
}

pub async fn transfer_not_allowed(_: DomainPath, method: Method) -> ApiError {
    ApiError::method_not_allowed(method.as_str(), "POST")
}

/// Serialised here, not by `Json`: the very text is stored for an `Idempotency-Key` replay.
fn to_json(value: &impl serde::Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value)
        .map_err(|_| ApiError::detail(StatusCode::INTERNAL_SERVER_ERROR, "The answer could not be written."))
}

/// A request that charges the account, made safe to retry by its `Idempotency-Key`. The claim,
/// the charge and the stored answer run to their end even when the client goes away meanwhile:
/// a claim left half-done would refuse every retry with that key. The answer is sent as the
/// text stored, so that a replay is the very same body.
async fn paid<F>(
    state: &SharedState,
    account: AccountId,
    scope: &str,
    key: Option<String>,
    body: Value,
    work: F,
) -> Result<Response, ApiError>
where
    F: FnOnce(&rusqlite::Transaction<'_>, Timestamp) -> Result<(StatusCode, String), ApiError> + Send + 'static,
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
