//! A typed client over gloo-net: one async function per provider endpoint, every failure an
//! [`ApiError`]. Uses only the provider's six endpoints and standard headers.

mod error;

pub use error::ApiError;

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::set_timeout_with_handle;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;
use std::time::Duration;
use vps_contract::{
    DomainDetail, DomainPage, DomainSummary, ListQuery, RegisterRequest, RegisterResponse, TransferRequest,
    TransferResponse, UpdateRequest, UpdateResponse,
};

/// Long enough for a slow provider, short enough that a person is told something.
const TIMEOUT: Duration = Duration::from_secs(20);
/// A provider that paginates forever is not followed past this many pages.
const MAX_PAGES: usize = 10_000;

/// Where the API is and the token to call it with. Lives only in memory (and, when the person
/// asks, in sessionStorage).
#[derive(Clone, PartialEq, Eq)]
pub struct Connection {
    /// Absolute, ending in `/`: `https://admin.vps.org/api/v1/`.
    pub base: String,
    pub token: String,
}

/// Never print the token, even in a debug log.
impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("base", &self.base)
            .field("token", &"…")
            .finish()
    }
}

/// Turns what a person typed into an absolute API base ending in `/`. Empty means this
/// origin's `/api/v1/`; a path is taken relative to this origin.
pub fn normalize_base(input: &str, origin: &str) -> Result<String, String> {
    let input = input.trim();
    let absolute = if input.is_empty() {
        format!("{origin}/api/v1/")
    } else if input.starts_with('/') {
        format!("{origin}{input}")
    } else if input.starts_with("http://") || input.starts_with("https://") {
        input.to_string()
    } else {
        return Err("Enter the API address starting with https:// (or a path such as /api/v1/).".to_string());
    };
    if absolute.contains(char::is_whitespace) || absolute.contains(['?', '#']) {
        return Err("The API address cannot contain spaces, ? or #.".to_string());
    }
    Ok(if absolute.ends_with('/') {
        absolute
    } else {
        format!("{absolute}/")
    })
}

impl Connection {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends one request and returns the success body, or the error the answer means.
    async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
        idempotency_key: Option<&str>,
    ) -> Result<Vec<u8>, ApiError> {
        let controller = web_sys::AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let deadline = {
            let timed_out = Rc::clone(&timed_out);
            let controller = controller.clone();
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    if let Some(controller) = controller {
                        controller.abort();
                    }
                },
                TIMEOUT,
            )
            .ok()
        };
        let signal = controller.as_ref().map(web_sys::AbortController::signal);
        let mut builder = RequestBuilder::new(url)
            .method(method)
            .header("Authorization", &format!("Bearer {}", self.token))
            .header("Accept", "application/json")
            .abort_signal(signal.as_ref());
        if let Some(key) = idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        let request = match body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        }
        .map_err(|error| ApiError::Network(error.to_string()))?;
        let failed = |error: gloo_net::Error| {
            if timed_out.get() {
                ApiError::Timeout
            } else {
                ApiError::Network(error.to_string())
            }
        };
        let response = request.send().await.map_err(failed)?;
        let status = response.status();
        let retry_after = response.headers().get("retry-after");
        // Bytes, not text: no UTF-16 round trip through a JS string for a list of megabytes.
        let body = response.binary().await.map_err(failed)?;
        if let Some(deadline) = deadline {
            deadline.clear();
        }
        if (200..300).contains(&status) {
            Ok(body)
        } else {
            Err(ApiError::from_status(
                status,
                retry_after.as_deref(),
                &String::from_utf8_lossy(&body),
            ))
        }
    }

    async fn get<T: DeserializeOwned>(&self, url: &str) -> Result<T, ApiError> {
        parse(&self.send(Method::GET, url, None, None).await?)
    }

    /// Every domain matching `query`, following `next` links when the provider paginates.
    pub async fn list_domains(&self, query: &ListQuery) -> Result<Vec<DomainSummary>, ApiError> {
        let mut url = self.url(&format!("domains/{}", query.to_query_string()));
        let mut seen = HashSet::new();
        let mut domains = Vec::new();
        loop {
            let page: DomainPage = self.get(&url).await?;
            domains.extend(page.results);
            match page.next {
                Some(next) if seen.len() < MAX_PAGES && seen.insert(next.clone()) => url = next,
                _ => return Ok(domains),
            }
        }
    }

    pub async fn domain(&self, id: u64) -> Result<DomainDetail, ApiError> {
        self.get(&self.url(&format!("domains/{id}/"))).await
    }

    pub async fn register(
        &self,
        request: &RegisterRequest,
        idempotency_key: &str,
    ) -> Result<RegisterResponse, ApiError> {
        let body = to_json(request)?;
        parse(
            &self
                .send(Method::POST, &self.url("domains/"), Some(body), Some(idempotency_key))
                .await?,
        )
    }

    pub async fn update(&self, id: u64, request: &UpdateRequest) -> Result<UpdateResponse, ApiError> {
        let body = to_json(request)?;
        parse(
            &self
                .send(Method::PUT, &self.url(&format!("domains/{id}/")), Some(body), None)
                .await?,
        )
    }

    pub async fn remove(&self, id: u64) -> Result<(), ApiError> {
        self.send(Method::DELETE, &self.url(&format!("domains/{id}/")), None, None)
            .await
            .map(|_| ())
    }

    pub async fn transfer(
        &self,
        id: u64,
        request: &TransferRequest,
        idempotency_key: &str,
    ) -> Result<TransferResponse, ApiError> {
        let body = to_json(request)?;
        let url = self.url(&format!("domains/{id}/transfer/"));
        parse(&self.send(Method::POST, &url, Some(body), Some(idempotency_key)).await?)
    }
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|error| ApiError::Malformed(error.to_string()))
}

fn to_json(value: &impl serde::Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|error| ApiError::Malformed(error.to_string()))
}

/// A fresh key for one paid request (a UUID from the browser's CSPRNG).
pub fn new_idempotency_key() -> String {
    let from_crypto = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid());
    from_crypto.unwrap_or_else(|| format!("key-{}-{}", js_sys::Date::now(), js_sys::Math::random()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_base_forms() {
        let origin = "http://127.0.0.1:8080";
        assert_eq!(normalize_base("", origin).unwrap(), "http://127.0.0.1:8080/api/v1/");
        assert_eq!(
            normalize_base("/api/v1", origin).unwrap(),
            "http://127.0.0.1:8080/api/v1/"
        );
        assert_eq!(
            normalize_base(" https://admin.vps.org/api/v1/ ", origin).unwrap(),
            "https://admin.vps.org/api/v1/"
        );
        assert!(normalize_base("admin.vps.org", origin).is_err());
        assert!(normalize_base("https://a b/", origin).is_err());
    }

    #[test]
    fn the_token_never_prints() {
        let connection = Connection {
            base: "https://x/".into(),
            token: "secret-token".into(),
        };
        assert!(!format!("{connection:?}").contains("secret-token"));
    }
}
