//! Where the API is, and the only way to name a URL on it (plain Rust, tested natively).
//!
//! [`ApiBase`] is the address a person typed, checked: http(s), a host, no credentials, and
//! https unless the host is this machine (a token must never cross a network in clear text).
//! Every request URL the app builds comes from it, and so do the page links the API sends back:
//! DRF writes `next` with the host it was asked under (behind a proxy, the provider's own
//! host), so a link is brought back onto the base's origin, and one outside the base's path is
//! refused. No request can leave the configured origin.

use crate::i18n::Lang;
use crate::intl;
use std::collections::HashSet;

/// A provider that paginates forever is not followed past this many pages.
pub const MAX_PAGES: usize = 1_000;

/// An API address: `https://admin.vps.org/api/v1/`, as an origin and a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiBase {
    /// Scheme and host in lower case, and the port when it is not the scheme's default:
    /// `https://admin.vps.org`, `http://127.0.0.1:8080` (as `location.origin` writes it).
    origin: String,
    /// Starts and ends with `/`: `/api/v1/`.
    path: String,
}

/// Why a typed API address cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressProblem {
    NotHttp,
    SpacesQueryOrFragment,
    NoHost,
    Credentials,
    DotSegments,
    /// `http://` to a host that is not this machine: the token would cross the network readable.
    ClearText {
        host: String,
    },
}

impl AddressProblem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AddressProblem::NotHttp => lang.address_not_http().to_string(),
            AddressProblem::SpacesQueryOrFragment => lang.address_spaces_query_or_fragment().to_string(),
            AddressProblem::NoHost => lang.address_no_host().to_string(),
            AddressProblem::Credentials => lang.address_credentials().to_string(),
            AddressProblem::DotSegments => lang.address_dot_segments().to_string(),
            AddressProblem::ClearText { host } => lang.address_clear_text(host),
        }
    }
}

/// Why the listing stopped before the API said it was over. The domains read until then are
/// shown, with this said beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingCut {
    /// `next` pointed outside the API's address, or was not a link at all.
    UnusableLink,
    /// `next` led back to a page already read.
    Loop,
    /// More than [`MAX_PAGES`] pages.
    TooManyPages,
}

impl ListingCut {
    /// What the person is told, with how many domains did arrive.
    pub fn message(self, lang: Lang, received: usize) -> String {
        let shown = lang.domains(received as i64);
        match self {
            ListingCut::UnusableLink => lang.listing_cut_unusable_link(shown),
            ListingCut::Loop => lang.listing_cut_loop(shown),
            ListingCut::TooManyPages => lang.listing_cut_too_many_pages(intl::number(lang, MAX_PAGES as i64), shown),
        }
    }
}

impl ApiBase {
    /// Reads what a person typed. Empty means this page's own `/api/v1/`; a path is taken on
    /// this page's origin (`page_origin`, as `location.origin` gives it).
    pub fn parse(input: &str, page_origin: &str) -> Result<ApiBase, AddressProblem> {
        let input = input.trim();
        let absolute = if input.is_empty() {
            format!("{page_origin}/api/v1/")
        } else if input.starts_with('/') && !input.starts_with("//") {
            format!("{page_origin}{input}")
        } else {
            input.to_string()
        };
        // ASCII only (as browsers send URLs), and no Unicode tables in the wasm for checking it.
        if absolute.contains(|c: char| !c.is_ascii_graphic() || matches!(c, '?' | '#')) {
            return Err(AddressProblem::SpacesQueryOrFragment);
        }
        let (scheme, rest) = split_scheme(&absolute).ok_or(AddressProblem::NotHttp)?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err(AddressProblem::Credentials);
        }
        let host = Host::parse(authority, scheme).ok_or(AddressProblem::NoHost)?;
        if has_dot_segments(path) || path.contains('\\') {
            return Err(AddressProblem::DotSegments);
        }
        if scheme == "http" && !host.is_loopback() {
            return Err(AddressProblem::ClearText { host: host.name });
        }
        let path = match path {
            "" => "/".to_string(),
            path if path.ends_with('/') => path.to_string(),
            path => format!("{path}/"),
        };
        Ok(ApiBase {
            origin: format!("{scheme}://{}", host.origin_part()),
            path,
        })
    }

    /// `https://admin.vps.org`: what the browser compares with `location.origin`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The host and path, as shown in the top bar: `admin.vps.org/api/v1`.
    pub fn label(&self) -> String {
        let host = self
            .origin
            .split_once("://")
            .map_or(self.origin.as_str(), |(_, host)| host);
        format!("{host}{}", self.path.trim_end_matches('/'))
    }

    /// A URL under the base: `endpoint("domains/101/")`.
    pub fn endpoint(&self, relative: &str) -> String {
        format!("{}{}{relative}", self.origin, self.path)
    }

    /// A page link the API sent, on the base's origin: its path and query, whatever host it
    /// names, when its path lies under the base's path. Anything else cannot be followed.
    pub fn page_link(&self, link: &str) -> Option<String> {
        let link = link.trim();
        let path_and_query = match split_scheme(link)
            .map(|(_, rest)| rest)
            .or_else(|| link.strip_prefix("//"))
        {
            // An absolute link: its authority is dropped, whatever it names.
            Some(rest) => &rest[rest.find(['/', '?', '#']).unwrap_or(rest.len())..],
            None if link.starts_with('/') => link,
            None => return None,
        };
        let path_and_query = path_and_query.split('#').next().unwrap_or_default();
        let path = path_and_query.split('?').next().unwrap_or_default();
        let acceptable = path.starts_with(&self.path)
            && !has_dot_segments(path)
            && path_and_query.chars().all(|c| c.is_ascii_graphic() && c != '\\');
        acceptable.then(|| format!("{}{path_and_query}", self.origin))
    }
}

impl std::fmt::Display for ApiBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

/// `https://x/…` → `("https", "x/…")`, the scheme in lower case; `None` for anything but http(s).
fn split_scheme(url: &str) -> Option<(&'static str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = if scheme.eq_ignore_ascii_case("https") {
        "https"
    } else if scheme.eq_ignore_ascii_case("http") {
        "http"
    } else {
        return None;
    };
    Some((scheme, rest))
}

/// A `.` or `..` segment, also percent-encoded: the server would resolve it elsewhere.
fn has_dot_segments(path: &str) -> bool {
    path.split('/').any(|segment| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        decoded == "." || decoded == ".."
    })
}

/// The host and port of an authority.
struct Host {
    /// Lower case; an IPv6 address keeps its brackets.
    name: String,
    /// `None` when it is the scheme's default.
    port: Option<u16>,
}

impl Host {
    fn parse(authority: &str, scheme: &str) -> Option<Host> {
        let (name, port) = if let Some(bracketed) = authority.strip_prefix('[') {
            let (address, after) = bracketed.split_once(']')?;
            if address.is_empty() || !address.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
                return None;
            }
            (format!("[{address}]"), after.strip_prefix(':'))
        } else {
            match authority.split_once(':') {
                Some((name, port)) => (name.to_string(), Some(port)),
                None => (authority.to_string(), None),
            }
        };
        let valid_name = name.starts_with('[')
            || (!name.is_empty()
                && name
                    .split('.')
                    .all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')));
        if !valid_name {
            return None;
        }
        let port = match port {
            None => None,
            Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                Some(digits.parse::<u16>().ok().filter(|port| *port > 0)?)
            }
            Some(_) => return None,
        };
        let default_port = if scheme == "https" { 443 } else { 80 };
        Some(Host {
            name: name.to_ascii_lowercase(),
            port: port.filter(|port| *port != default_port),
        })
    }

    /// `localhost` (and names under it), 127.0.0.0/8 and `[::1]`: traffic that never leaves
    /// this machine. (Matched as text: std's address parser would cost the wasm kilobytes.)
    fn is_loopback(&self) -> bool {
        let octets: Vec<&str> = self.name.split('.').collect();
        let is_octet = |part: &&str| part.len() <= 3 && part.parse::<u8>().is_ok();
        self.name == "localhost"
            || self.name.ends_with(".localhost")
            || (octets.len() == 4 && octets[0] == "127" && octets.iter().all(is_octet))
            || matches!(self.name.as_str(), "[::1]" | "[0:0:0:0:0:0:0:1]")
    }

    fn origin_part(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Following `next` links through a paginated list: which URL to read next, or why to stop.
pub struct PageWalk<'a> {
    base: &'a ApiBase,
    read: HashSet<String>,
}

/// What to do after a page has arrived.
#[derive(Debug, PartialEq, Eq)]
pub enum NextPage {
    Read(String),
    /// `next` was null or absent: the list is whole.
    Done,
    Stop(ListingCut),
}

impl<'a> PageWalk<'a> {
    /// Starts at `first`, a URL made by [`ApiBase::endpoint`].
    pub fn new(base: &'a ApiBase, first: &str) -> PageWalk<'a> {
        PageWalk {
            base,
            read: HashSet::from([first.to_string()]),
        }
    }

    /// Given the `next` of the page that just arrived.
    pub fn after(&mut self, next: Option<&str>) -> NextPage {
        let Some(next) = next else {
            return NextPage::Done;
        };
        let Some(url) = self.base.page_link(next) else {
            return NextPage::Stop(ListingCut::UnusableLink);
        };
        if self.read.len() >= MAX_PAGES {
            return NextPage::Stop(ListingCut::TooManyPages);
        }
        if !self.read.insert(url.clone()) {
            return NextPage::Stop(ListingCut::Loop);
        }
        NextPage::Read(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "http://127.0.0.1:8080";

    fn base(text: &str) -> ApiBase {
        ApiBase::parse(text, PAGE).unwrap()
    }

    #[test]
    fn addresses_people_type() {
        assert_eq!(base("").to_string(), "http://127.0.0.1:8080/api/v1/");
        assert_eq!(base("/api/v1").to_string(), "http://127.0.0.1:8080/api/v1/");
        assert_eq!(
            base(" HTTPS://Admin.VPS.org:443/api/v1 ").to_string(),
            "https://admin.vps.org/api/v1/"
        );
        assert_eq!(base("https://admin.vps.org").to_string(), "https://admin.vps.org/");
        assert_eq!(
            base("https://admin.vps.org:8443/api/v1/").origin(),
            "https://admin.vps.org:8443"
        );
        assert_eq!(base("https://admin.vps.org/api/v1/").label(), "admin.vps.org/api/v1");
        assert_eq!(
            base("https://admin.vps.org/api/v1/").endpoint("domains/101/"),
            "https://admin.vps.org/api/v1/domains/101/"
        );
    }

    #[test]
    fn addresses_refused_and_why() {
        let problem = |text: &str| ApiBase::parse(text, PAGE).unwrap_err();
        assert_eq!(problem("admin.vps.org"), AddressProblem::NotHttp);
        assert_eq!(problem("ftp://admin.vps.org/"), AddressProblem::NotHttp);
        assert_eq!(problem("https://a b/"), AddressProblem::SpacesQueryOrFragment);
        assert_eq!(
            problem("https://x.org/api/?page=2"),
            AddressProblem::SpacesQueryOrFragment
        );
        assert_eq!(problem("https://user:pw@x.org/"), AddressProblem::Credentials);
        assert_eq!(problem("https:///api/"), AddressProblem::NoHost);
        assert_eq!(problem("https://x.org:http/"), AddressProblem::NoHost);
        assert_eq!(problem("https://x.org:70000/"), AddressProblem::NoHost);
        assert_eq!(problem("https://x..org/"), AddressProblem::NoHost);
        assert_eq!(problem("https://[nope]/"), AddressProblem::NoHost);
        assert_eq!(
            problem("https://bücher.example/"),
            AddressProblem::SpacesQueryOrFragment
        );
        assert_eq!(problem("https://x.org/api/../admin/"), AddressProblem::DotSegments);
        assert_eq!(problem("https://x.org/api/%2E%2e/"), AddressProblem::DotSegments);
    }

    #[test]
    fn clear_text_only_to_this_machine() {
        for local in [
            "http://localhost:8787/api/v1/",
            "http://app.localhost/api/v1/",
            "http://127.0.0.1/api/v1/",
            "http://127.8.9.10:9/api/v1/",
            "http://[::1]:8080/api/v1/",
        ] {
            assert!(ApiBase::parse(local, PAGE).is_ok(), "{local}");
        }
        for remote in [
            "http://admin.vps.org/api/v1/",
            "http://10.0.0.5/api/v1/",
            "http://localhost.evil.com/",
            "http://[2001:db8::1]/",
            "http://127.0.0.256/",
            "http://127.0.0/",
        ] {
            let problem = ApiBase::parse(remote, PAGE).unwrap_err();
            assert!(matches!(problem, AddressProblem::ClearText { .. }), "{remote}");
            assert!(problem.message(Lang::En).contains("clear text"));
        }
        // The page's own origin over http is refused too when it is not this machine.
        assert!(matches!(
            ApiBase::parse("", "http://intranet.example").unwrap_err(),
            AddressProblem::ClearText { host } if host == "intranet.example"
        ));
    }

    #[test]
    fn page_links_come_back_onto_the_base_origin() {
        let proxied = base("/api/v1/");
        // DRF behind a proxy names the provider's host: the path and query are kept.
        assert_eq!(
            proxied
                .page_link("https://admin.vps.org/api/v1/domains/?page=2")
                .as_deref(),
            Some("http://127.0.0.1:8080/api/v1/domains/?page=2")
        );
        assert_eq!(
            proxied
                .page_link("http://evil.example:666/api/v1/domains/?page=3&status=active#top")
                .as_deref(),
            Some("http://127.0.0.1:8080/api/v1/domains/?page=3&status=active")
        );
        assert_eq!(
            proxied.page_link("//cdn.example/api/v1/domains/?page=2").as_deref(),
            Some("http://127.0.0.1:8080/api/v1/domains/?page=2")
        );
        assert_eq!(
            proxied.page_link("/api/v1/domains/?page=4").as_deref(),
            Some("http://127.0.0.1:8080/api/v1/domains/?page=4")
        );
    }

    #[test]
    fn page_links_outside_the_base_cannot_be_followed() {
        let proxied = base("/api/v1/");
        for link in [
            "https://admin.vps.org/other/?page=2",
            "https://admin.vps.org/api/v2/domains/?page=2",
            "https://admin.vps.org/api/v1",
            "https://admin.vps.org?page=2",
            "https://admin.vps.org/api/v1/../../admin/",
            "https://admin.vps.org/api/v1/%2e%2e/x/",
            "?page=2",
            "page=2",
            "domains/?page=2",
            "javascript:alert(1)",
            "ftp://admin.vps.org/api/v1/domains/",
            "",
            "/api/v1/domains/?page=2 3",
        ] {
            assert_eq!(proxied.page_link(link), None, "{link:?}");
        }
    }

    #[test]
    fn a_walk_reads_each_page_once_and_stops_when_told_or_when_it_must() {
        let proxied = base("/api/v1/");
        let first = proxied.endpoint("domains/");
        let mut walk = PageWalk::new(&proxied, &first);
        assert_eq!(
            walk.after(Some("https://admin.vps.org/api/v1/domains/?page=2")),
            NextPage::Read("http://127.0.0.1:8080/api/v1/domains/?page=2".into())
        );
        assert_eq!(
            walk.after(Some("https://admin.vps.org/api/v1/domains/?page=3")),
            NextPage::Read("http://127.0.0.1:8080/api/v1/domains/?page=3".into())
        );
        assert_eq!(
            walk.after(Some("https://admin.vps.org/api/v1/domains/?page=2")),
            NextPage::Stop(ListingCut::Loop)
        );
        assert_eq!(PageWalk::new(&proxied, &first).after(None), NextPage::Done);
        assert_eq!(
            PageWalk::new(&proxied, &first).after(Some("https://admin.vps.org/elsewhere/")),
            NextPage::Stop(ListingCut::UnusableLink)
        );
        // The first page, linked to itself.
        assert_eq!(
            PageWalk::new(&proxied, &first).after(Some("https://admin.vps.org/api/v1/domains/")),
            NextPage::Stop(ListingCut::Loop)
        );
    }

    #[test]
    fn a_walk_stops_at_the_page_cap() {
        let proxied = base("/api/v1/");
        let mut walk = PageWalk::new(&proxied, &proxied.endpoint("domains/"));
        for page in 2..=MAX_PAGES {
            let link = format!("/api/v1/domains/?page={page}");
            assert!(matches!(walk.after(Some(&link)), NextPage::Read(_)), "page {page}");
        }
        assert_eq!(
            walk.after(Some("/api/v1/domains/?page=100000")),
            NextPage::Stop(ListingCut::TooManyPages)
        );
    }

    #[test]
    fn cuts_say_what_arrived() {
        assert!(ListingCut::UnusableLink
            .message(Lang::En, 1)
            .contains("the 1 domain received"));
        assert!(ListingCut::Loop.message(Lang::En, 250).contains("250 domains"));
        assert!(ListingCut::TooManyPages.message(Lang::En, 5).contains("1,000 pages"));
    }
}
