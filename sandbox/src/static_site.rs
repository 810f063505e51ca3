//! `--static DIR`: the built admin app on the API's own origin, with the headers a careful
//! static host sends. A path that names no file gets `index.html`, so deep links and reloads work.
//! Files are sent as the release build precompressed them (`.br`, `.gz` beside each), by the
//! request's `Accept-Encoding`: nothing is compressed per request.

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use base64::prelude::{Engine, BASE64_STANDARD};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub struct StaticSite {
    files: ServeDir<ServeFile>,
    content_security_policy: HeaderValue,
}

impl StaticSite {
    pub fn new(dir: &Path) -> Result<StaticSite, String> {
        let index: PathBuf = dir.join("index.html");
        let html = std::fs::read_to_string(&index).map_err(|error| {
            format!(
                "--static {}: cannot read index.html ({error}); build the app first",
                dir.display()
            )
        })?;
        let policy = content_security_policy(&html);
        Ok(StaticSite {
            files: ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(ServeFile::new(index).precompressed_br().precompressed_gzip()),
            content_security_policy: HeaderValue::from_str(&policy).map_err(|error| error.to_string())?,
        })
    }

    pub async fn serve(&self, request: Request) -> Response {
        let is_hashed_asset = has_content_hash(request.uri().path());
        let mut response = match self.files.clone().oneshot(request).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        };
        let headers = response.headers_mut();
        let fixed: [(HeaderName, &str); 6] = [
            (header::VARY, "Accept-Encoding"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
            (
                header::CACHE_CONTROL,
                if is_hashed_asset {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                },
            ),
        ];
        for (name, value) in fixed {
            headers.insert(name, HeaderValue::from_static(value));
        }
        headers.insert(header::CONTENT_SECURITY_POLICY, self.content_security_policy.clone());
        response
    }
}

/// Trunk names built files `name-<16 hex digits>.ext`: those never change, so they can be cached.
fn has_content_hash(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The policy, shared with the nginx deployment (`deploy/render-nginx.mjs` reads the same file).
const POLICY: &str = include_str!("../../deploy/content-security-policy.txt");

/// Only this origin's scripts, plus the inline loader Trunk writes into `index.html` (allowed
/// by its hash, so no `'unsafe-inline'`), and WebAssembly compilation.
fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|script| {
            format!(
                " 'sha256-{}'",
                BASE64_STANDARD.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    POLICY.trim().replace(" {loader-hashes}", &hashes)
}

/// The bodies of `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        after.split_once("</script>").map(|(body, _)| body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_hash_only() {
        let html = r#"<html><script src="/a.js"></script><script type="module">init('/x.wasm');</script></html>"#;
        let scripts: Vec<&str> = inline_scripts(html).collect();
        assert_eq!(scripts, vec!["init('/x.wasm');"]);
        let policy = content_security_policy(html);
        assert!(policy.contains("'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        // The hash as `openssl dgst -sha256 -binary | base64` gives it for that script.
        assert!(policy.contains("'sha256-guudoyWq5dGQUQ/PCsmZyn3lYPh+qrNUbdx6MDgRerU='"));
        assert!(!policy.contains("unsafe-inline"));
    }

    #[test]
    fn hashed_names_are_recognised() {
        assert!(has_content_hash("/vps-admin-0123456789abcdef_bg.wasm"));
        assert!(has_content_hash("/vps-admin-0123456789abcdef.js"));
        assert!(has_content_hash("/style-0123456789abcdef.css"));
        assert!(!has_content_hash("/index.html"));
        assert!(!has_content_hash("/domains/101"));
    }
}
