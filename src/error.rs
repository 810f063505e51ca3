//! What can go wrong talking to the API, as values a person can act on: plain data that the
//! client makes, the state keeps and the rules and views word (`api`, `state`, `logic` all use it).

use crate::i18n::Lang;
use vps_contract::ErrorBody;

/// One failed call. `Clone` so it can live in signals and be shown in several places.
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl ApiError {
    /// Classifies an HTTP answer that was not a success. What the API said is kept as it came;
    /// where it said nothing, the text is empty and `message` gives the app's own words.
    pub fn from_status(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
        let parsed = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .map(|value| ErrorBody::from_json(&value));
        let message = parsed.as_ref().map(ErrorBody::summary).unwrap_or_default();
        let retry_after = retry_after.and_then(|value| value.trim().parse::<u32>().ok());
        match status {
            400 => ApiError::Invalid(parsed.unwrap_or_default()),
            401 => ApiError::Unauthorized(message),
            402 => ApiError::PaymentRequired(message),
            404 => ApiError::NotFound(message),
            409 | 422 => ApiError::Conflict(message),
            429 | 503 => ApiError::Busy { retry_after, message },
            500..=599 => ApiError::Server { status, message },
            _ => ApiError::Unexpected { status, message },
        }
    }

    /// One or two sentences: what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        // The API's own words, or the app's where it gave none.
        let said = |text: &str, fallback: &str| {
            if text.trim().is_empty() {
                fallback.to_string()
            } else {
                text.to_string()
            }
        };
        match self {
            ApiError::Network(_) => lang.api_network().to_string(),
            ApiError::Timeout => lang.api_timeout().to_string(),
            ApiError::Unauthorized(detail) => lang.api_unauthorized(said(detail, lang.api_unauthorized_fallback())),
            ApiError::NotFound(_) => lang.api_not_found().to_string(),
            ApiError::Invalid(body) => {
                let summary = body.summary();
                if summary.is_empty() {
                    lang.api_invalid().to_string()
                } else {
                    summary
                }
            }
            ApiError::PaymentRequired(detail) => said(detail, lang.api_payment_fallback()),
            ApiError::Conflict(detail) => said(detail, lang.api_conflict_fallback()),
            ApiError::Busy { retry_after, message } => {
                let message = said(message, lang.api_busy_fallback());
                match retry_after {
                    Some(seconds) => lang.api_busy_retry_in(message, seconds),
                    None => lang.api_busy_retry_soon(message),
                }
            }
            ApiError::Server { status, message } => {
                // A gateway's own error page says nothing the person can use: say what the status means.
                let fallback = match status {
                    502 => lang.api_bad_gateway_fallback(),
                    504 => lang.api_gateway_timeout_fallback(),
                    _ => lang.api_server_fallback(),
                };
                lang.api_server(sentence(&said(message, fallback)), status)
            }
            ApiError::Malformed(_) => lang.api_malformed().to_string(),
            ApiError::Redirected => lang.api_redirected().to_string(),
            ApiError::OtherOrigin {
                origin,
                refused_by: OriginBarrier::PagePolicy,
            } => lang.api_other_origin_policy(origin),
            ApiError::OtherOrigin {
                origin,
                refused_by: OriginBarrier::Cors,
            } => lang.api_other_origin_cors(origin),
            ApiError::WebPage => lang.api_web_page().to_string(),
            ApiError::Unexpected { status, message } => {
                lang.api_unexpected(sentence(&said(message, lang.api_unexpected_fallback())), status)
            }
            ApiError::Superseded => lang.api_superseded().to_string(),
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
    pub fn general_messages(&self, lang: Lang, shown_fields: &[&str]) -> Vec<String> {
        match self {
            ApiError::Invalid(body) => {
                let mut messages: Vec<String> = body.detail.iter().cloned().collect();
                for (field, field_messages) in &body.fields {
                    if !shown_fields.contains(&field.as_str()) {
                        messages.extend(field_messages.iter().cloned());
                    }
                }
                if messages.is_empty() && body.fields.is_empty() {
                    messages.push(lang.api_invalid_fallback().to_string());
                }
                messages
            }
            other => vec![other.message(lang)],
        }
    }
}

/// A message without its closing full stop, to be followed by "(HTTP 500)." and no second one.
fn sentence(message: &str) -> &str {
    message.trim_end().trim_end_matches('.')
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;
    use vps_contract::field;

    #[test]
    fn classifies_drf_answers() {
        assert_eq!(
            ApiError::from_status(401, None, r#"{"detail": "Invalid token."}"#),
            ApiError::Unauthorized("Invalid token.".into())
        );
        let invalid = ApiError::from_status(400, None, r#"{"domain_name": ["This domain is already registered."]}"#);
        assert_eq!(
            invalid.about_field(field::DOMAIN_NAME),
            vec!["This domain is already registered."]
        );
        assert_eq!(
            invalid.general_messages(Lang::En, &[field::DOMAIN_NAME]),
            Vec::<String>::new()
        );
        assert_eq!(
            invalid.general_messages(Lang::Fi, &[]),
            vec!["This domain is already registered."]
        );
        let payment = ApiError::from_status(402, None, r#"{"detail": "Insufficient balance: costs $25.98."}"#);
        assert_eq!(payment.message(Lang::En), "Insufficient balance: costs $25.98.");
        assert!(!payment.is_retryable());
    }

    #[test]
    fn busy_servers_say_when_to_retry() {
        let busy = ApiError::from_status(503, Some("30"), "");
        assert_eq!(
            busy,
            ApiError::Busy {
                retry_after: Some(30),
                message: String::new()
            }
        );
        assert_eq!(busy.message(Lang::En), "The API is busy. Retry in 30 s.");
        assert_eq!(
            busy.message(Lang::Fi),
            "API on ruuhkautunut. Yritä uudelleen 30 sekunnin kuluttua."
        );
        assert!(busy.is_retryable());
        let broken = ApiError::from_status(500, None, "<html>Internal Server Error</html>");
        assert!(matches!(broken, ApiError::Server { status: 500, .. }));
        assert_eq!(
            broken.message(Lang::En),
            "The API had an internal error (HTTP 500). Retry in a moment."
        );
        assert!(broken.outcome_unknown());
        let gateway = ApiError::from_status(502, None, "<html><center>502 Bad Gateway</center></html>");
        assert_eq!(
            gateway.message(Lang::En),
            "The proxy in front of the API got no valid answer from it (HTTP 502). Retry in a moment."
        );
        assert!(ApiError::from_status(504, None, "")
            .message(Lang::En)
            .contains("waited too long for it (HTTP 504)"));
    }

    #[test]
    fn a_400_without_json_still_says_something() {
        let error = ApiError::from_status(400, None, "nope");
        assert!(!error.message(Lang::En).is_empty());
        assert_eq!(
            error.general_messages(Lang::En, &[field::DOMAIN_NAME]),
            vec!["The API refused the request as invalid."]
        );
    }
}
