//! `/sandbox/`: the sandbox's own controls for tests and demos (never part of the provider's
//! API, never called by the admin app): the account balance, the clock, a reset, and generated
//! domains in bulk.
//!
//! - `GET|PUT /sandbox/account` (Bearer): the balance, `{"balance": 100.00}`.
//! - `GET|POST /sandbox/clock` (no auth): `{"advance_seconds": N}` moves the clock forward.
//! - `POST /sandbox/reset` (no auth): the seed data again, as if new.
//! - `POST /sandbox/generate` (Bearer) `{"count": N}`, 1 ≤ N ≤ 50,000: adds N generated domains
//!   to the token's account in one transaction (see `generate.rs`: realistic names over
//!   the seven TLDs, every status, some held elsewhere) → `200 {"created": N}`. Charges nothing.

use crate::domains::{self, AccountId};
use crate::error::ApiError;
use crate::generate::{self, MAX_GENERATE};
use crate::http::{not_allowed, require_token, StrictBody, StrictJson};
use crate::seed;
use crate::state::{wall_clock, SharedState};
use axum::extract::{Extension, State};
use axum::middleware;
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use vps_contract::{field, Cents};

/// The controls' own fields (the API's are `vps_contract::field`).
const BALANCE: &str = "balance";
const ADVANCE_SECONDS: &str = "advance_seconds";
const COUNT: &str = "count";
const CREATED: &str = "created";
const NOW: &str = "now";

/// The most a balance can be set to: a million dollars is plenty for any test.
const MAX_BALANCE: Cents = Cents(100_000_000);
/// Ten years at most per step.
const MAX_ADVANCE_SECONDS: i64 = 10 * 366 * 86_400;

/// The controls, to be nested under `/sandbox`: the account's own behind its token (401 before
/// 405, as on the API), the clock and the reset open to anyone.
pub fn router(state: SharedState) -> Router<SharedState> {
    let for_the_account = Router::new()
        .merge(at(
            "/account",
            get(balance).put(set_balance).fallback(not_allowed("GET, PUT")),
        ))
        .merge(at("/generate", post(generate).fallback(not_allowed("POST"))))
        .layer(middleware::from_fn_with_state(state, require_token));
    Router::new()
        .merge(for_the_account)
        .merge(at(
            "/clock",
            get(clock).post(advance).fallback(not_allowed("GET, POST")),
        ))
        .merge(at("/reset", post(reset).fallback(not_allowed("POST"))))
}

/// A route at `path` with and without its trailing slash.
fn at(path: &str, route: MethodRouter<SharedState>) -> Router<SharedState> {
    Router::new()
        .route(path, route.clone())
        .route(&format!("{path}/"), route)
}

async fn balance(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
) -> Result<Json<Value>, ApiError> {
    state.catch_up().await?;
    let balance = state.pool.run(move |conn| domains::balance(conn, account)).await?;
    Ok(Json(json!({ BALANCE: balance })))
}

async fn set_balance(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    StrictJson {
        body: Balance(balance), ..
    }: StrictJson<Balance>,
) -> Result<Json<Value>, ApiError> {
    state
        .write(move |tx, _| Ok(domains::set_balance(tx, account, balance)?))
        .await?;
    Ok(Json(json!({ BALANCE: balance })))
}

async fn clock(State(state): State<SharedState>) -> Json<Value> {
    Json(json!({ NOW: state.now() }))
}

async fn advance(
    State(state): State<SharedState>,
    StrictJson {
        body: Advance(seconds), ..
    }: StrictJson<Advance>,
) -> Result<Json<Value>, ApiError> {
    let new_offset = state.clock_offset.load(Ordering::SeqCst) + seconds;
    state
        .pool
        .write(move |tx| {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_offset', ?1)",
                [new_offset],
            )
        })
        .await?;
    state.clock_offset.store(new_offset, Ordering::SeqCst);
    // Run at once what the jump made due.
    state.write(|_, _| Ok(())).await?;
    Ok(Json(json!({ NOW: state.now() })))
}

async fn generate(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    StrictJson { body: Count(count), .. }: StrictJson<Count>,
) -> Result<Json<Value>, ApiError> {
    let activation = state.delays.activation_seconds;
    let created = state
        .write(move |tx, now| Ok(generate::generate(tx, account, count, now, activation)?))
        .await?;
    Ok(Json(json!({ CREATED: created })))
}

async fn reset(State(state): State<SharedState>) -> Result<Json<Value>, ApiError> {
    let activation = state.delays.activation_seconds;
    let now = wall_clock();
    state
        .pool
        .write(move |tx| {
            seed::clear(tx)?;
            seed::seed(tx, now, activation)
        })
        .await?;
    state.clock_offset.store(0, Ordering::SeqCst);
    state.write(|_, _| Ok(())).await?;
    Ok(Json(
        json!({ field::DETAIL: "The sandbox was reset to its seed data." }),
    ))
}

/// `{"balance": 5.00}`: a number from 0 to the cap with at most two decimals, exactly. A
/// double that only rounds to cents (`0.30000000000000004`, `5e-324`) is refused: its shortest
/// decimal form, the one that reads back as the same double, has more than two decimals.
struct Balance(Cents);

impl StrictBody for Balance {
    fn read(body: &Value) -> Result<Self, ApiError> {
        let message = "Must be a number of dollars from 0 to 1,000,000.00 with at most two decimals, such as 5.00.";
        only_field(body, BALANCE)?
            .as_f64()
            .filter(|dollars| has_at_most_two_decimals(*dollars))
            .and_then(Cents::from_dollars_exact)
            .filter(|cents| *cents >= Cents::ZERO && *cents <= MAX_BALANCE)
            .map(Balance)
            .ok_or_else(|| ApiError::field(BALANCE, message))
    }
}

/// Rust prints a double in the shortest form that reads back as the same double.
fn has_at_most_two_decimals(dollars: f64) -> bool {
    let text = dollars.to_string();
    text.split_once('.').is_none_or(|(_, decimals)| decimals.len() <= 2)
}

/// `{"advance_seconds": N}` with a whole N ≥ 0.
struct Advance(i64);

impl StrictBody for Advance {
    fn read(body: &Value) -> Result<Self, ApiError> {
        only_field(body, ADVANCE_SECONDS)?
            .as_i64()
            .filter(|seconds| (0..=MAX_ADVANCE_SECONDS).contains(seconds))
            .map(Advance)
            .ok_or_else(|| {
                ApiError::field(
                    ADVANCE_SECONDS,
                    "Must be a whole number of seconds ≥ 0 (at most ten years).",
                )
            })
    }
}

/// `{"count": N}` with a whole N from 1 to 50,000.
struct Count(u64);

impl StrictBody for Count {
    fn read(body: &Value) -> Result<Self, ApiError> {
        only_field(body, COUNT)?
            .as_u64()
            .filter(|count| (1..=MAX_GENERATE).contains(count))
            .map(Count)
            .ok_or_else(|| ApiError::field(COUNT, "Must be a whole number from 1 to 50000."))
    }
}

/// The value of the body's one field, when it is the only one there.
fn only_field<'a>(body: &'a Value, name: &str) -> Result<&'a Value, ApiError> {
    let Some(map) = body.as_object() else {
        return Err(ApiError::field(field::NON_FIELD_ERRORS, "Send a JSON object."));
    };
    if let Some(unknown) = map.keys().find(|key| *key != name) {
        return Err(ApiError::field(
            unknown,
            format!("Unknown field. The only field here is {name}."),
        ));
    }
    map.get(name)
        .ok_or_else(|| ApiError::field(name, "This field is required."))
}
