//! The list endpoint's query string: built by the app, read by the sandbox.

use crate::wire::StatusFilter;

/// `?status=&search=&page=&page_size=` of `GET /api/v1/domains/`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub status: Option<StatusFilter>,
    pub search: Option<String>,
    pub page: Option<u64>,
    pub page_size: Option<u64>,
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes a query value: `+` is a space, `%XX` a byte; `None` when the bytes are not UTF-8
/// or an escape is broken.
pub fn decode_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text.get(index + 1..index + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                index += 2;
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8(out).ok()
}

/// Splits a raw query string into decoded pairs; `None` if any part cannot be decoded.
pub fn parse_pairs(query: &str) -> Option<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            Some((decode_component(key)?, decode_component(value)?))
        })
        .collect()
}

impl ListQuery {
    /// The query string with its `?`, or empty when there is nothing to ask.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.as_str()));
        }
        if let Some(search) = self.search.as_deref().filter(|s| !s.is_empty()) {
            parts.push(format!("search={}", encode_component(search)));
        }
        if let Some(page) = self.page {
            parts.push(format!("page={page}"));
        }
        if let Some(size) = self.page_size {
            parts.push(format!("page_size={size}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_reads_back() {
        let query = ListQuery {
            status: Some(StatusFilter::Locked),
            search: Some("bücher & co".into()),
            page: Some(2),
            page_size: Some(50),
        };
        let text = query.to_query_string();
        assert_eq!(text, "?status=locked&search=b%C3%BCcher%20%26%20co&page=2&page_size=50");
        let pairs = parse_pairs(&text[1..]).unwrap();
        assert_eq!(pairs[1], ("search".to_string(), "bücher & co".to_string()));
        assert_eq!(ListQuery::default().to_query_string(), "");
    }

    #[test]
    fn decoding_refuses_broken_escapes() {
        assert_eq!(decode_component("a+b%21"), Some("a b!".into()));
        assert_eq!(decode_component("%zz"), None);
        assert_eq!(decode_component("%e9"), None);
        assert_eq!(decode_component("%"), None);
    }
}
