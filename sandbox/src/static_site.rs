//! `--static DIR`: the built admin app on the API's own origin, with the headers a careful
//! static host sends. A path that names no file gets `index.html`, so deep links and reloads work.
//! Files are sent as the release build precompressed them (`.br`, `.gz` beside each), by the
//! request's `Accept-Encoding`: nothing is compressed per request. No redirect is ever sent, and
//! no symlink is followed out of the directory.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use base64::prelude::{Engine, BASE64_STANDARD};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};
use std::path::{Component, Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub struct StaticSite {
    /// The directory, symlinks resolved: nothing outside it is served.
    root: PathBuf,
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
        let root = dir
            .canonicalize()
            .map_err(|error| format!("--static {}: {error}", dir.display()))?;
        Ok(StaticSite {
            root,
            files: ServeDir::new(dir)
                // No redirect from a directory to its path with a slash: `//evil.example` would
                // become `Location: //evil.example/`, off-site. A directory gets the app instead.
                .append_index_html_on_directories(false)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(ServeFile::new(index).precompressed_br().precompressed_gzip()),
            content_security_policy: HeaderValue::from_str(&policy).map_err(|error| error.to_string())?,
        })
    }

    pub async fn serve(&self, request: Request) -> Response {
        if self.leaves_root(request.uri().path()).await {
            return ApiError::not_found().into_response();
        }
        let is_hashed_asset = has_content_hash(request.uri().path());
        let mut response = match self.files.clone().oneshot(request).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        };
        let headers = response.headers_mut();
        let fixed: [(HeaderName, &str); 5] = [
            (header::VARY, "Accept-Encoding"),
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

    /// Whether the file a path names, or its `.br` or `.gz`, is a symlink (or lies under one)
    /// that leads out of the directory. The path is read as `ServeDir` reads it.
    async fn leaves_root(&self, path: &str) -> bool {
        let Ok(decoded) = percent_decode_str(path.trim_start_matches('/')).decode_utf8() else {
            return false;
        };
        let mut file = self.root.clone();
        for component in Path::new(&*decoded).components() {
            match component {
                Component::Normal(part) => file.push(part),
                Component::CurDir => {}
                // ServeDir refuses these itself.
                _ => return false,
            }
        }
        let mut candidates = vec![file.clone()];
        for suffix in [".br", ".gz"] {
            let mut name = file.clone().into_os_string();
            name.push(suffix);
            candidates.push(PathBuf::from(name));
        }
        for candidate in candidates {
            if let Ok(real) = tokio::fs::canonicalize(&candidate).await {
                if !real.starts_with(&self.root) {
                    return true;
                }
            }
        }
        false
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

/// Only this origin's scripts and styles, plus what `index.html` carries inline — Trunk's
/// loader and the stylesheets the shell paints with — each allowed by its hash (so no
/// `'unsafe-inline'`), and WebAssembly compilation.
fn content_security_policy(index_html: &str) -> String {
    let hashes = |tag: &str| -> String {
        inline_elements(index_html, tag)
            .into_iter()
            .map(|body| format!(" 'sha256-{}'", BASE64_STANDARD.encode(Sha256::digest(body.as_bytes()))))
            .collect()
    };
    POLICY
        .trim()
        .replace(" {script-hashes}", &hashes("script"))
        .replace(" {style-hashes}", &hashes("style"))
}

/// The bodies of the `<tag>` elements that have no `src` (a script with one is not inline).
fn inline_elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let close = format!("</{tag}>");
    html.split(&format!("<{tag}"))
        .skip(1)
        .filter_map(|rest| {
            let (attributes, after) = rest.split_once('>')?;
            if attributes.contains("src=") {
                return None;
            }
            after.split_once(close.as_str()).map(|(body, _)| body)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_and_styles_are_allowed_by_hash_only() {
        let html = r#"<html><style>body{}</style><script src="/a.js"></script><script type="module">init('/x.wasm');</script></html>"#;
        assert_eq!(inline_elements(html, "script"), vec!["init('/x.wasm');"]);
        let policy = content_security_policy(html);
        assert!(policy.contains("'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        // The hashes as `openssl dgst -sha256 -binary | base64` gives them for those bodies.
        assert!(policy
            .contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-guudoyWq5dGQUQ/PCsmZyn3lYPh+qrNUbdx6MDgRerU=';"));
        assert!(policy.contains("style-src 'self' 'sha256-fJgEClQWV1hGkK4qHMO0KotTsVnMYMXTq7/suurGyUo=';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains('{'), "every placeholder filled: {policy}");
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
