//! `GET /api/v1/domains/`: the status filter, the search, and the DRF-style pagination
//! extension, cut from the account's kept list.

use super::API_PREFIX;
use crate::domains::{self, AccountId};
use crate::error::{json_bytes_response, ApiError};
use crate::list_cache;
use crate::state::SharedState;
use axum::body::Bytes;
use axum::extract::{Extension, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use vps_contract::query::{parse_pairs, ListQuery};
use vps_contract::{field, DomainSummary, StatusFilter};

pub const MAX_PAGE_SIZE: u64 = 1000;
const DEFAULT_PAGE_SIZE: u64 = 100;

pub async fn list(
    State(state): State<SharedState>,
    Extension(account): Extension<AccountId>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    state.catch_up().await?;
    let pairs = parse_pairs(query.as_deref().unwrap_or_default())
        .ok_or_else(|| ApiError::bad_request("The query string is not valid percent-encoded UTF-8."))?;
    let param = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let status = match param(field::STATUS).filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(
            StatusFilter::parse(text)
                .ok_or_else(|| ApiError::field(field::STATUS, "Choose one of: active, pending, expired, locked."))?,
        ),
    };
    let search = param(field::SEARCH).map(str::to_string);
    let asked_page_size = match param(field::PAGE_SIZE) {
        None => None,
        Some(text) => Some(
            text.parse::<u64>()
                .ok()
                .filter(|size| (1..=MAX_PAGE_SIZE).contains(size))
                .ok_or_else(|| {
                    ApiError::field(
                        field::PAGE_SIZE,
                        format!("Choose a page size from 1 to {MAX_PAGE_SIZE}."),
                    )
                })?,
        ),
    };
    let page = match param(field::PAGE) {
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
        return Ok(whole_list(&list, &headers).await);
    }
    let results: Vec<&DomainSummary> = list
        .domains
        .iter()
        .filter(|domain| domains::matches_filters(domain, status, needle.as_deref()))
        .collect();
    let count = results.len() as u64;
    if page.is_none() && page_size.is_none() {
        let page = Page {
            count,
            next: None,
            previous: None,
            results: &results,
        };
        return Ok(Json(page).into_response());
    }
    let size = page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    let page = page.unwrap_or(1);
    let pages = count.div_ceil(size).max(1);
    if page > pages {
        return Err(ApiError::detail(StatusCode::NOT_FOUND, "Invalid page."));
    }
    // As DRF builds them: the Host asked for, https behind a TLS proxy that says so.
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or(&state.address);
    let scheme = match headers.get("x-forwarded-proto").map(HeaderValue::as_bytes) {
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
    let page = Page {
        count,
        next: Some((page < pages).then(|| link(page + 1))),
        previous: Some((page > 1).then(|| link(page - 1))),
        results: &results[start..end],
    };
    Ok(Json(page).into_response())
}

/// The whole list, as the admin app asks for it: sent as kept, serialised once (and gzipped
/// once for the clients that accept it, as browsers do) until the next write. Hand-made
/// rather than `Json`, which would serialise it again on every request.
async fn whole_list(list: &list_cache::CachedList, headers: &HeaderMap) -> Response {
    let gzip = headers
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
        json_bytes_response(StatusCode::OK, list.body.clone())
    };
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    response
}

/// The list body. `next` and `previous` are present (possibly null) only when paginating.
#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    count: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<Option<String>>,
    results: &'a [T],
}

/// The body of the unfiltered, unpaginated list: `{"count": N, "results": [...]}`.
pub fn full_list_body(domains: &[DomainSummary]) -> Result<Bytes, ApiError> {
    let page = Page {
        count: domains.len() as u64,
        next: None,
        previous: None,
        results: domains,
    };
    serde_json::to_vec(&page)
        .map(Bytes::from)
        .map_err(|_| ApiError::detail(StatusCode::INTERNAL_SERVER_ERROR, "The answer could not be written."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vps_contract::test_support::domain;
    use vps_contract::DomainStatus;

    #[test]
    fn the_whole_list_body_is_count_and_results_in_order() {
        let domains = [
            domain(101, "example.com").summary(),
            domain(103, "mynewstartup.dev").status(DomainStatus::Pending).summary(),
        ];
        let body: serde_json::Value = serde_json::from_slice(&full_list_body(&domains).unwrap()).unwrap();
        assert_eq!(
            body.as_object().map(|map| map.len()),
            Some(2),
            "no next or previous: {body}"
        );
        assert_eq!(body[field::COUNT], 2);
        assert_eq!(body[field::RESULTS][1][field::ID], 103);
        assert_eq!(body[field::RESULTS][1][field::STATUS], "pending");
        assert_eq!(body[field::RESULTS][0], serde_json::to_value(&domains[0]).unwrap());
    }
}
