//! The VPS.org Domains API as both sides must agree on it: wire types, the rules for domain
//! names, nameservers and auth codes, the price list in integer cents, and UTC calendar
//! arithmetic. No web and no server dependencies: compiled into the admin app (wasm) and the
//! sandbox (native) alike.

pub mod field;
mod id;
#[cfg(feature = "uts46")]
mod idna2008;
pub mod money;
pub mod name;
pub mod pricing;
pub mod query;
mod strict;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
pub mod time;
pub mod wire;

pub use id::{DomainId, NotAnId};
pub use money::Cents;
pub use name::{
    dns_managed_by, normalize_auth_code, normalize_host_name, normalize_nameservers, unicode_form, AuthCodeProblem,
    DomainName, NameError, NameserverErrors, NameserverProblem, MAX_AUTH_CODE_OCTETS, MAX_NAMESERVERS, MIN_NAMESERVERS,
    VPS_NAMESERVERS,
};
pub use pricing::{price_for_domain, tld_price, TldPrice, INCLUDED_FEATURES, MAX_YEARS, MIN_YEARS, TLD_PRICES};
pub use query::ListQuery;
pub use time::{CivilDate, Timestamp, SECONDS_PER_DAY};
pub use wire::*;

/// A domain can move to VPS.org once it is this many days old.
pub const TRANSFER_MIN_AGE_DAYS: i64 = 60;

/// The first instant a domain registered at `registration` may be transferred.
pub fn transfer_eligible_from(registration: Timestamp) -> Timestamp {
    registration.plus_days(TRANSFER_MIN_AGE_DAYS)
}
