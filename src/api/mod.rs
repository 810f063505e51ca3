//! A typed client over gloo-net: one async function per provider endpoint, every failure an
//! [`ApiError`]. Uses only the provider's six endpoints and standard headers, and only URLs
//! on the configured API's origin ([`address`]).

mod address;

pub use address::{AddressProblem, ApiBase, ListingCut};

use crate::error::{ApiError, OriginBarrier};
use address::{NextPage, PageWalk};
use gloo_net::http::Method;
use leptos::prelude::{set_timeout, set_timeout_with_handle, window_event_listener_untyped};
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use vps_contract::{
    DomainDetail, DomainId, DomainPage, DomainSummary, ListQuery, RegisterRequest, RegisterResponse, TransferRequest,
    TransferResponse, UpdateRequest, UpdateResponse,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{RequestCredentials, RequestMode, RequestRedirect, ResponseType};

/// Long enough for a slow provider, short enough that a person is told something.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Where the API is and the token to call it with. Lives only in memory (and, when the person
/// asks, in sessionStorage).
#[derive(Clone, PartialEq, Eq)]
pub struct Connection {
    pub base: ApiBase,
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

/// Every domain a list request found. When the API's page links could not be followed to the
/// end, `cut` says why, and `domains` holds what arrived before.
#[derive(Clone, Debug, PartialEq)]
pub struct DomainListing {
    pub domains: Vec<DomainSummary>,
    pub cut: Option<ListingCut>,
}

impl Connection {
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
        let init = web_sys::RequestInit::new();
        init.set_method(method.as_str());
        // A redirect would take the request (and the token) to wherever it points.
        init.set_redirect(RequestRedirect::Manual);
        init.set_signal(signal.as_ref());
        let authorization = format!("Bearer {}", self.token);
        let mut headers = vec![
            ("Authorization", authorization.as_str()),
            ("Accept", "application/json"),
        ];
        if let Some(key) = idempotency_key {
            headers.push(("Idempotency-Key", key));
        }
        if let Some(body) = &body {
            headers.push(("Content-Type", "application/json"));
            init.set_body(&JsValue::from_str(body));
        }
        let header_map = web_sys::Headers::new().map_err(browser_refused)?;
        for (name, value) in headers {
            header_map.set(name, value).map_err(browser_refused)?;
        }
        init.set_headers(&header_map);
        let answer = match request(url, &init)?.send().await {
            Ok(response) => read_answer(response).await,
            Err(error) => Err(ApiError::Network(error.to_string())),
        };
        if let Some(deadline) = deadline {
            deadline.clear();
        }
        match answer {
            Err(ApiError::Network(_)) if timed_out.get() => Err(ApiError::Timeout),
            answer => answer,
        }
    }

    async fn get<T: DeserializeOwned>(&self, url: &str) -> Result<T, ApiError> {
        parse(&self.send(Method::GET, url, None, None).await?)
    }

    /// The first page of the whole list: index.html's answer when it already asked for it (a
    /// remembered session, while the wasm was loading), else a request of its own.
    async fn first_list_page(&self, url: &str) -> Result<DomainPage, ApiError> {
        if let Some(asked) = take_prefetched_list(url) {
            let response = wasm_bindgen_futures::JsFuture::from(asked)
                .await
                .ok()
                .and_then(|response| response.dyn_into::<web_sys::Response>().ok());
            // A prefetch that failed on its way is simply asked again.
            if let Some(response) = response {
                return parse(&read_answer(gloo_net::http::Response::from(response)).await?);
            }
        }
        self.get(url).await
    }

    /// Every domain matching `query`, following `next` links when the provider paginates, on
    /// the base's origin only (see [`PageWalk`]).
    pub async fn list_domains(&self, query: &ListQuery) -> Result<DomainListing, ApiError> {
        let url = self.base.endpoint(&format!("domains/{}", query.to_query_string()));
        let mut walk = PageWalk::new(&self.base, &url);
        let mut domains = Vec::new();
        let mut page: DomainPage = if *query == ListQuery::default() {
            self.first_list_page(&url).await?
        } else {
            self.get(&url).await?
        };
        loop {
            domains.extend(page.results);
            match walk.after(page.next.as_deref()) {
                NextPage::Read(next) => page = self.get(&next).await?,
                NextPage::Done => return Ok(DomainListing { domains, cut: None }),
                NextPage::Stop(cut) => {
                    return Ok(DomainListing {
                        domains,
                        cut: Some(cut),
                    })
                }
            }
        }
    }

    pub async fn domain(&self, id: DomainId) -> Result<DomainDetail, ApiError> {
        let url = self.base.endpoint(&format!("domains/{id}/"));
        read_with(
            &self.send(Method::GET, &url, None, None).await?,
            DomainDetail::from_json,
        )
    }

    pub async fn register(
        &self,
        request: &RegisterRequest,
        idempotency_key: &str,
    ) -> Result<RegisterResponse, ApiError> {
        let body = to_json(request)?;
        let answer = self
            .send(
                Method::POST,
                &self.base.endpoint("domains/"),
                Some(body),
                Some(idempotency_key),
            )
            .await?;
        read_with(&answer, RegisterResponse::from_json)
    }

    pub async fn update(&self, id: DomainId, request: &UpdateRequest) -> Result<UpdateResponse, ApiError> {
        let body = to_json(request)?;
        parse(
            &self
                .send(
                    Method::PUT,
                    &self.base.endpoint(&format!("domains/{id}/")),
                    Some(body),
                    None,
                )
                .await?,
        )
    }

    pub async fn remove(&self, id: DomainId) -> Result<(), ApiError> {
        self.send(
            Method::DELETE,
            &self.base.endpoint(&format!("domains/{id}/")),
            None,
            None,
        )
        .await
        .map(|_| ())
    }

    pub async fn transfer(
        &self,
        id: DomainId,
        request: &TransferRequest,
        idempotency_key: &str,
    ) -> Result<TransferResponse, ApiError> {
        let body = to_json(request)?;
        let url = self.base.endpoint(&format!("domains/{id}/transfer/"));
        parse(&self.send(Method::POST, &url, Some(body), Some(idempotency_key)).await?)
    }
}

/// For an API on another origin: whether this page can reach it at all, found out before the
/// token is sent. The page's own security policy (CSP `connect-src`) may forbid other origins,
/// which the browser reports only as a `securitypolicyviolation` event; a request without CORS
/// (whose answer the page cannot read) shows whether anything answers there.
pub async fn probe_other_origin(base: &ApiBase) -> Result<(), ApiError> {
    let blocked_by_policy = Rc::new(Cell::new(false));
    let listener = {
        let blocked_by_policy = Rc::clone(&blocked_by_policy);
        let origin = base.origin().to_string();
        window_event_listener_untyped("securitypolicyviolation", move |event| {
            let blocked = js_sys::Reflect::get(&event, &"blockedURI".into())
                .ok()
                .and_then(|uri| uri.as_string())
                .unwrap_or_default();
            if blocked.starts_with(&origin) {
                blocked_by_policy.set(true);
            }
        })
    };
    // No token, and an answer the page cannot read. (Fetch refuses no-cors with any redirect
    // mode but "follow".)
    let init = web_sys::RequestInit::new();
    init.set_mode(RequestMode::NoCors);
    init.set_credentials(RequestCredentials::Omit);
    let answered = match request(&base.endpoint("domains/"), &init) {
        Ok(request) => request.send().await.is_ok(),
        Err(_) => false,
    };
    if !answered {
        // The violation is reported in a task of its own, after the request has failed.
        sleep(Duration::from_millis(100)).await;
    }
    listener.remove();
    match (answered, blocked_by_policy.get()) {
        (true, _) => Ok(()),
        (false, true) => Err(ApiError::OtherOrigin {
            origin: base.origin().to_string(),
            refused_by: OriginBarrier::PagePolicy,
        }),
        (false, false) => Err(ApiError::Network("nothing answered the probe".to_string())),
    }
}

/// What an answer means: its body on success, else the error its status says.
async fn read_answer(response: gloo_net::http::Response) -> Result<Vec<u8>, ApiError> {
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(ApiError::Redirected);
    }
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    // Bytes, not text: no UTF-16 round trip through a JS string for a list of megabytes.
    let body = response
        .binary()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
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

const PREFETCH_KEY: &str = "vpsListPrefetch";

/// index.html's request for the whole list (see its inline script), taken once, when it asked
/// for `url`.
fn take_prefetched_list(url: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(PREFETCH_KEY);
    let prefetch = js_sys::Reflect::get(&window, &key)
        .ok()
        .filter(|value| value.is_object())?;
    forget_prefetched_list();
    let asked = js_sys::Reflect::get(&prefetch, &"url".into()).ok()?.as_string()?;
    if asked != url {
        return None;
    }
    js_sys::Reflect::get(&prefetch, &"response".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Drops index.html's early answer: when no session could be restored, a later sign-in must
/// not be given a list that old.
pub fn forget_prefetched_list() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str(PREFETCH_KEY));
    }
}

/// A request for fetch with the URL as it is (gloo's builder would append a stray `&` to a
/// query).
fn request(url: &str, init: &web_sys::RequestInit) -> Result<gloo_net::http::Request, ApiError> {
    web_sys::Request::new_with_str_and_init(url, init)
        .map(gloo_net::http::Request::from)
        .map_err(browser_refused)
}

/// The browser would not even make the request (a header or URL it refuses).
fn browser_refused(_: JsValue) -> ApiError {
    ApiError::Network("the browser refused to make the request".to_string())
}

pub(crate) async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(move || drop(resolve.call0(&JsValue::NULL)), duration);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    read_with(body, |body| serde_json::from_slice(body))
}

/// Reads an answer with `read`, which says what is wrong with a body it cannot read.
fn read_with<T>(body: &[u8], read: impl FnOnce(&[u8]) -> serde_json::Result<T>) -> Result<T, ApiError> {
    read(body).map_err(|error| {
        // A proxy or web server answering in the API's place sends a page, not JSON.
        if body.trim_ascii_start().starts_with(b"<") {
            ApiError::WebPage
        } else {
            ApiError::Malformed(error.to_string())
        }
    })
}

fn to_json(value: &impl serde::Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|error| ApiError::Malformed(error.to_string()))
}

/// This page's origin (`http://127.0.0.1:8080`), which the default API address is on.
pub fn page_origin() -> String {
    leptos::prelude::window().location().origin().unwrap_or_default()
}

/// A fresh key for one paid request (a UUID from the browser's CSPRNG; else the time and a
/// random number, as integers: formatting an `f64` would link 11 KB of float printing).
pub fn new_idempotency_key() -> String {
    let from_crypto = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid());
    from_crypto.unwrap_or_else(|| {
        let millis = js_sys::Date::now() as u64;
        let random = (js_sys::Math::random() * 1e15) as u64;
        format!("key-{millis}-{random}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_prints() {
        let connection = Connection {
            base: ApiBase::parse("https://x.org/", "").unwrap(),
            token: "secret-token".into(),
        };
        assert!(!format!("{connection:?}").contains("secret-token"));
    }
}
