//! `Idempotency-Key` (an extension): a retried POST with the same key and body replays the
//! first successful answer instead of charging again.
//!
//! A key is claimed (state `running`) in its own short transaction, so a concurrent request
//! with the same key sees it and gets 409. The answer is stored in the same transaction as the
//! charge, so a crash can never leave a charge without its stored answer. Errors are not
//! stored: the claim is released and a retry runs afresh.

use crate::domains::AccountId;
use crate::error::ApiError;
use axum::http::{HeaderMap, StatusCode};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use vps_contract::Timestamp;

pub const HEADER: &str = "idempotency-key";
const KEPT_SECONDS: i64 = 24 * 3600;
const MAX_KEY_LENGTH: usize = 255;

/// A claimed key, to be completed with the answer or released.
#[derive(Clone, Debug)]
pub struct Claim {
    pub account: AccountId,
    pub scope: String,
    pub key: String,
}

/// What to do with a request that carries a key.
pub enum Outcome {
    /// First time: run it, then complete the claim.
    Run(Claim),
    /// Seen and answered before: send this again.
    Replay(StatusCode, String),
}

/// Reads the header: absent is `None`; present but not 1–255 printable ASCII characters is a 400.
pub fn key_from_headers(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(HEADER) else {
        return Ok(None);
    };
    let valid = value.to_str().ok().filter(|key| {
        !key.is_empty() && key.len() <= MAX_KEY_LENGTH && key.bytes().all(|b| (0x20..=0x7e).contains(&b))
    });
    match valid {
        Some(key) => Ok(Some(key.to_string())),
        None => Err(ApiError::bad_request(
            "The Idempotency-Key header must be 1 to 255 printable ASCII characters, such as a UUID.",
        )),
    }
}

/// Claims the key for this request, or says how the earlier request with it decides the answer.
pub fn claim(conn: &Connection, claim: Claim, request: &Value, now: Timestamp) -> Result<Outcome, ApiError> {
    let canonical = request.to_string();
    conn.execute(
        "DELETE FROM idempotency_keys WHERE account_id = ?1 AND scope = ?2 AND key = ?3 AND created_at <= ?4",
        params![claim.account.0, claim.scope, claim.key, now.0 - KEPT_SECONDS],
    )?;
    let existing: Option<(String, String, Option<u16>, Option<String>)> = conn
        .query_row(
            "SELECT request_json, state, status, response FROM idempotency_keys
             WHERE account_id = ?1 AND scope = ?2 AND key = ?3",
            params![claim.account.0, claim.scope, claim.key],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    match existing {
        None => {
            conn.execute(
                "INSERT INTO idempotency_keys (account_id, scope, key, request_json, state, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'running', ?5)",
                params![claim.account.0, claim.scope, claim.key, canonical, now.0],
            )?;
            Ok(Outcome::Run(claim))
        }
        Some((stored_request, _, _, _)) if stored_request != canonical => Err(ApiError::detail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "This Idempotency-Key was already used with a different request body. Use a new key for a new request.",
        )),
        Some((_, state, Some(status), Some(response))) if state == "done" => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            Ok(Outcome::Replay(status, response))
        }
        Some(_) => Err(ApiError::detail(
            StatusCode::CONFLICT,
            "A request with this Idempotency-Key is still being processed. Wait for it to finish, then retry.",
        )),
    }
}

/// Stores the successful answer (inside the request's own transaction).
pub fn complete(conn: &Connection, claim: &Claim, status: StatusCode, response: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE idempotency_keys SET state = 'done', status = ?4, response = ?5
         WHERE account_id = ?1 AND scope = ?2 AND key = ?3",
        params![claim.account.0, claim.scope, claim.key, status.as_u16(), response],
    )?;
    Ok(())
}

/// Lets go of a claim whose request failed, so the key can be retried.
pub fn release(conn: &Connection, claim: &Claim) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM idempotency_keys WHERE account_id = ?1 AND scope = ?2 AND key = ?3 AND state = 'running'",
        params![claim.account.0, claim.scope, claim.key],
    )?;
    Ok(())
}

/// Claims left `running` by a process that died mid-request answer nothing: drop them at start-up.
pub fn release_abandoned(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM idempotency_keys WHERE state = 'running'", [])?;
    Ok(())
}
