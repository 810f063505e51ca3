//! The app's addresses: which page a path shows, and which section of the top bar it is in.

use vps_contract::DomainId;

/// A page of the app, as its path names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/domains`, the first screen (`/` is sent there).
    Domains,
    /// `/domains/:id`: one domain's details and settings.
    Domain(DomainId),
    /// `/domains/:id/transfer`: bringing a domain held elsewhere to VPS.org.
    Transfer(DomainId),
    /// `/register`
    Register,
    /// `/forecast`: the year ahead.
    Forecast,
    /// Any other path.
    NotFound,
}

/// The top bar's sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Domains,
    Register,
    Forecast,
}

impl Route {
    /// The page for `path` (the query and fragment, if any, do not choose the page). A trailing
    /// slash changes nothing; an id is written as the contract writes one (decimal digits).
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|segment| !segment.is_empty()).collect();
        let id = |text: &str| text.parse::<DomainId>().ok();
        match segments.as_slice() {
            [] | ["domains"] => Route::Domains,
            ["domains", domain] => id(domain).map_or(Route::NotFound, Route::Domain),
            ["domains", domain, "transfer"] => id(domain).map_or(Route::NotFound, Route::Transfer),
            ["register"] => Route::Register,
            ["forecast"] => Route::Forecast,
            _ => Route::NotFound,
        }
    }

    /// The section of the top bar that is current on this page.
    pub fn section(self) -> Option<Section> {
        match self {
            Route::Domains | Route::Domain(_) | Route::Transfer(_) => Some(Section::Domains),
            Route::Register => Some(Section::Register),
            Route::Forecast => Some(Section::Forecast),
            Route::NotFound => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_pages() {
        assert_eq!(Route::parse("/"), Route::Domains);
        assert_eq!(Route::parse(""), Route::Domains);
        assert_eq!(Route::parse("/domains"), Route::Domains);
        assert_eq!(Route::parse("/domains/"), Route::Domains);
        assert_eq!(Route::parse("/domains?status=active&q=shop"), Route::Domains);
        assert_eq!(Route::parse("/domains/101"), Route::Domain(DomainId(101)));
        assert_eq!(Route::parse("/domains/101/"), Route::Domain(DomainId(101)));
        assert_eq!(Route::parse("/domains/106/transfer"), Route::Transfer(DomainId(106)));
        assert_eq!(
            Route::parse("/domains/106/transfer?step=2#top"),
            Route::Transfer(DomainId(106))
        );
        assert_eq!(Route::parse("/register"), Route::Register);
        assert_eq!(Route::parse("/register?name=x.com"), Route::Register);
        assert_eq!(Route::parse("/forecast"), Route::Forecast);
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/no/such/page",
            "/domains/abc",
            "/domains/-1",
            "/domains/+101",
            "/domains/101/settings",
            "/domains/101/transfer/x",
            "/registers",
            "/Domains",
            "/domains/99999999999999999999999",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn each_page_has_its_section() {
        assert_eq!(Route::Domain(DomainId(1)).section(), Some(Section::Domains));
        assert_eq!(Route::Transfer(DomainId(1)).section(), Some(Section::Domains));
        assert_eq!(Route::Forecast.section(), Some(Section::Forecast));
        assert_eq!(Route::NotFound.section(), None);
    }
}
