//! What can go wrong talking to the API, as values a person can act on.

use vps_contract::ErrorBody;

/// One failed call. `Clone` so it can live in signals and be shown in several places.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// Nothing answered: offline, refused, DNS, or a cross-origin block.
    Network(String),
    /// No answer within the time limit; the request may or may not have been carried out.
    Timeout,
    /// 401: the token is missing, wrong or revoked.
    Unauthorized(String),
    /// 404.
    NotFound(String),
    /// 400: field errors and/or a detail message.
    Invalid(ErrorBody),
    /// 402: the balance does not cover the cost.
    PaymentRequired(String),
    /// 409 or 422: an `Idempotency-Key` conflict.
    Conflict(String),
    /// 429 or 503: try again later (after `retry_after` seconds when the server says).
    Busy { retry_after: Option<u32>, message: String },
    /// Another 5xx.
    Server { status: u16, message: String },
    /// An answer the app cannot read (not JSON, or not the expected shape).
    Malformed(String),
    /// A success status with a web page (HTML) for a body: something else answered for the API.
    WebPage,
    /// The API answered with a redirect, which the app does not follow.
    Redirected,
    /// An API on another origin that this page cannot call.
    OtherOrigin { origin: String, refused_by: OriginBarrier },
    /// Any other status.
    Unexpected { status: u16, message: String },
    /// The answer came after its session ended (a sign-out, or another account signed in), or
    /// after a newer request for the same thing: it was dropped.
    Superseded,
}

/// What stops this page from calling an API on another origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginBarrier {
    /// This page's Content-Security-Policy allows only its own origin.
    PagePolicy,
    /// The API does not allow calls from this page's origin (CORS).
    Cors,
}

/// Where to go instead: the README's section, which the app cannot link to from an unknown host.
const SERVE_BEHIND_PROXY: &str = "Serve this app and the API on one site instead, with the proxy described in the \
                                  README's “Use it with your VPS.org account”, and sign in with the default address.";

impl ApiError {
    /// Classifies an HTTP answer that was not a success.
    pub fn from_status(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
        let parsed = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .map(|value| ErrorBody::from_json(&value));
        let message = parsed.as_ref().map(ErrorBody::summary).filter(|text| !text.is_empty());
        let text = |fallback: &str| message.clone().unwrap_or_else(|| fallback.to_string());
        let retry_after = retry_after.and_then(|value| value.trim().parse::<u32>().ok());
        match status {
            400 => ApiError::Invalid(parsed.unwrap_or_else(|| ErrorBody {
                detail: Some("The API refused the request as invalid.".to_string()),
                ..ErrorBody::default()
            })),
            401 => ApiError::Unauthorized(text("The API refused the token.")),
            402 => ApiError::PaymentRequired(text("The account balance does not cover this.")),
            404 => ApiError::NotFound(text("Not found.")),
            409 | 422 => ApiError::Conflict(text("The request conflicts with an earlier one.")),
            429 | 503 => ApiError::Busy {
                retry_after,
                message: text("The API is busy."),
            },
            // A gateway's own error page says nothing the person can use: say what the status means.
            502 => ApiError::Server {
                status,
                message: text("The proxy in front of the API got no valid answer from it."),
            },
            504 => ApiError::Server {
                status,
                message: text("The proxy in front of the API waited too long for it."),
            },
            500..=599 => ApiError::Server {
                status,
                message: text("The API had an internal error."),
            },
            _ => ApiError::Unexpected {
                status,
                message: text("The API gave an unexpected answer."),
            },
        }
    }

    /// One or two sentences: what happened and what to do.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network(_) => {
                "Could not reach the API. Check your connection (and that the sandbox is running), then retry."
                    .to_string()
            }
            ApiError::Timeout => {
                "The API did not answer in time. Retry; a repeated payment is never charged twice.".to_string()
            }
            ApiError::Unauthorized(detail) => format!("Your session has ended ({detail}). Sign in again."),
            ApiError::NotFound(_) => "Not found: it may have been removed from this account.".to_string(),
            ApiError::Invalid(body) => {
                let summary = body.summary();
                if summary.is_empty() {
                    "The API refused the request. Check the fields and try again.".to_string()
                } else {
                    summary
                }
            }
            ApiError::PaymentRequired(detail) => detail.clone(),
            ApiError::Conflict(detail) => detail.clone(),
            ApiError::Busy {
                retry_after: Some(seconds),
                message,
            } => {
                format!("{message} Retry in {seconds} s.")
            }
            ApiError::Busy {
                retry_after: None,
                message,
            } => format!("{message} Retry in a moment."),
            ApiError::Server { status, message } => {
                format!("{} (HTTP {status}). Retry in a moment.", sentence(message))
            }
            ApiError::Malformed(_) => {
                "The API sent an answer the app could not read. Retry; if it persists, the API may be misconfigured."
                    .to_string()
            }
            ApiError::Redirected => "The API answered with a redirect, which the app does not follow with your \
                                     token. Check the API address: it ends in /api/v1/."
                .to_string(),
            ApiError::OtherOrigin {
                origin,
                refused_by: OriginBarrier::PagePolicy,
            } => format!(
                "This page's security policy lets it call only its own site, so it cannot reach an API at {origin}. \
                 {SERVE_BEHIND_PROXY}"
            ),
            ApiError::OtherOrigin {
                origin,
                refused_by: OriginBarrier::Cors,
            } => format!(
                "The API at {origin} answered, but does not let pages from other sites call it with a token \
                 (it sends no CORS permission for this one). {SERVE_BEHIND_PROXY}"
            ),
            ApiError::WebPage => "A web page came back instead of the API's answer: the address leads to a website \
                                  or a proxy, not to the API. Check the API address, then retry."
                .to_string(),
            ApiError::Unexpected { status, message } => format!("{} (HTTP {status}).", sentence(message)),
            ApiError::Superseded => "This answer came too late: it was for a session or a request that has ended, \
                                     so it was set aside."
                .to_string(),
        }
    }

    /// The session is over, or the answer was for one that is: the sign-in screen (or nothing)
    /// says what happens next, not the form that asked.
    pub fn session_over(&self) -> bool {
        matches!(self, ApiError::Unauthorized(_) | ApiError::Superseded)
    }

    /// Errors worth a retry button: the same request may well succeed later.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Timeout
                | ApiError::Busy { .. }
                | ApiError::Server { .. }
                | ApiError::Malformed(_)
                | ApiError::WebPage
        )
    }

    /// Whether a paid request may have been carried out although no answer arrived: then a
    /// retry must reuse its `Idempotency-Key`.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Timeout
                | ApiError::Server { .. }
                | ApiError::Malformed(_)
                | ApiError::WebPage
                | ApiError::Conflict(_)
        )
    }

    /// What a 400 says about one field (nothing, for any other error).
    pub fn about_field(&self, field: &str) -> &[String] {
        match self {
            ApiError::Invalid(body) => body.fields.get(field).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// The 400's whole-request messages (`detail` and `non_field_errors`) and those for fields
    /// the form does not show, so that no message is lost.
    pub fn general_messages(&self, shown_fields: &[&str]) -> Vec<String> {
        match self {
            ApiError::Invalid(body) => {
                let mut messages: Vec<String> = body.detail.iter().cloned().collect();
                for (field, field_messages) in &body.fields {
                    if !shown_fields.contains(&field.as_str()) {
                        messages.extend(field_messages.iter().cloned());
                    }
                }
                messages
            }
            other => vec![other.message()],
        }
    }
}

/// A message without its closing full stop, to be followed by "(HTTP 500)." and no second one.
fn sentence(message: &str) -> &str {
    message.trim_end().trim_end_matches('.')
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_drf_answers() {
        assert_eq!(
            ApiError::from_status(401, None, r#"{"detail": "Invalid token."}"#),
            ApiError::Unauthorized("Invalid token.".into())
        );
        let invalid = ApiError::from_status(400, None, r#"{"domain_name": ["This domain is already registered."]}"#);
        assert_eq!(
            invalid.about_field("domain_name"),
            vec!["This domain is already registered."]
        );
        assert_eq!(invalid.general_messages(&["domain_name"]), Vec::<String>::new());
        assert_eq!(
            invalid.general_messages(&[]),
            vec!["This domain is already registered."]
        );
        let payment = ApiError::from_status(402, None, r#"{"detail": "Insufficient balance: costs $25.98."}"#);
        assert_eq!(payment.message(), "Insufficient balance: costs $25.98.");
        assert!(!payment.is_retryable());
    }

    #[test]
    fn busy_servers_say_when_to_retry() {
        let busy = ApiError::from_status(503, Some("30"), "");
        assert_eq!(
            busy,
            ApiError::Busy {
                retry_after: Some(30),
                message: "The API is busy.".into()
            }
        );
        assert!(busy.message().contains("30 s"));
        assert!(busy.is_retryable());
        let broken = ApiError::from_status(500, None, "<html>Internal Server Error</html>");
        assert!(matches!(broken, ApiError::Server { status: 500, .. }));
        assert_eq!(
            broken.message(),
            "The API had an internal error (HTTP 500). Retry in a moment."
        );
        assert!(broken.outcome_unknown());
        let gateway = ApiError::from_status(502, None, "<html><center>502 Bad Gateway</center></html>");
        assert_eq!(
            gateway.message(),
            "The proxy in front of the API got no valid answer from it (HTTP 502). Retry in a moment."
        );
        assert!(ApiError::from_status(504, None, "")
            .message()
            .contains("waited too long for it (HTTP 504)"));
    }

    #[test]
    fn a_400_without_json_still_says_something() {
        let error = ApiError::from_status(400, None, "nope");
        assert!(!error.message().is_empty());
        assert_eq!(
            error.general_messages(&["domain_name"]),
            vec!["The API refused the request as invalid."]
        );
    }
}
