//! The API's JSON field names, once: the strict request reader, the field errors and the
//! sandbox's own answers name fields by these. The serde types spell the same names as their
//! Rust field names; a test below holds the two together.

pub const ID: &str = "id";
pub const DOMAIN_NAME: &str = "domain_name";
pub const STATUS: &str = "status";
pub const REGISTRATION_DATE: &str = "registration_date";
pub const EXPIRATION_DATE: &str = "expiration_date";
pub const AUTO_RENEW: &str = "auto_renew";
pub const LOCKED: &str = "locked";
pub const NAMESERVERS: &str = "nameservers";
pub const PRIVACY_PROTECTION: &str = "privacy_protection";
pub const DNS_MANAGED_BY: &str = "dns_managed_by";
pub const REGISTRAR: &str = "registrar";
pub const DAYS_UNTIL_EXPIRATION: &str = "days_until_expiration";
pub const WHOIS_INFO: &str = "whois_info";
pub const DNS_RECORDS_COUNT: &str = "dns_records_count";
pub const TRANSFER_STATUS: &str = "transfer_status";
pub const TRANSFER_INITIATED_AT: &str = "transfer_initiated_at";
pub const ESTIMATED_COMPLETION: &str = "estimated_completion";
pub const TOTAL_COST: &str = "total_cost";
pub const MESSAGE: &str = "message";
pub const NEXT_STEPS: &str = "next_steps";
pub const YEARS: &str = "years";
pub const AUTH_CODE: &str = "auth_code";

/// The list's body, and its query parameters (`status` is [`STATUS`]).
pub const COUNT: &str = "count";
pub const RESULTS: &str = "results";
pub const NEXT: &str = "next";
pub const PREVIOUS: &str = "previous";
pub const SEARCH: &str = "search";
pub const PAGE: &str = "page";
pub const PAGE_SIZE: &str = "page_size";

/// Errors: a whole-request message, and field errors that belong to no one field.
pub const DETAIL: &str = "detail";
pub const NON_FIELD_ERRORS: &str = "non_field_errors";

/// The fields a domain's detail can carry (the list's item has the first ten).
pub const DOMAIN_FIELDS: [&str; 17] = [
    ID,
    DOMAIN_NAME,
    STATUS,
    REGISTRATION_DATE,
    EXPIRATION_DATE,
    AUTO_RENEW,
    LOCKED,
    NAMESERVERS,
    PRIVACY_PROTECTION,
    DNS_MANAGED_BY,
    REGISTRAR,
    DAYS_UNTIL_EXPIRATION,
    WHOIS_INFO,
    DNS_RECORDS_COUNT,
    TRANSFER_STATUS,
    TRANSFER_INITIATED_AT,
    ESTIMATED_COMPLETION,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::domain;
    use crate::{Cents, DomainStatus, Timestamp};
    use crate::{RegisterRequest, RegisterResponse, TransferRequest, TransferResponse, TransferStatus};
    use crate::{UpdateRequest, UpdateResponse};
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn keys(value: impl serde::Serialize) -> BTreeSet<String> {
        match serde_json::to_value(value) {
            Ok(Value::Object(map)) => map.keys().cloned().collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn the_constants_are_the_names_serde_writes() {
        let transferring = domain(106, "legacy-shop.com")
            .held_at("GoDaddy")
            .transfer(TransferStatus::Pending, "2026-01-16T16:30:00Z")
            .detail();
        assert_eq!(keys(&transferring), set(&DOMAIN_FIELDS));
        assert_eq!(keys(&transferring.summary), set(&DOMAIN_FIELDS[..10]));
        let registered = RegisterResponse {
            domain: transferring.summary.clone(),
            total_cost: Some(Cents(1299)),
            message: String::new(),
        };
        let mut expected = set(&DOMAIN_FIELDS[..10]);
        expected.extend(set(&[TOTAL_COST, MESSAGE]));
        assert_eq!(keys(&registered), expected);
        let transfer = TransferResponse {
            id: transferring.summary.id,
            domain_name: String::new(),
            transfer_status: None,
            transfer_initiated_at: Some(Timestamp(0)),
            estimated_completion: None,
            message: String::new(),
            next_steps: Vec::new(),
        };
        assert_eq!(
            keys(&transfer),
            set(&[
                ID,
                DOMAIN_NAME,
                TRANSFER_STATUS,
                TRANSFER_INITIATED_AT,
                ESTIMATED_COMPLETION,
                MESSAGE,
                NEXT_STEPS
            ])
        );
        let updated = UpdateResponse {
            id: transferring.summary.id,
            domain_name: Some(String::new()),
            status: Some(DomainStatus::Active),
            auto_renew: Some(true),
            nameservers: Some(Vec::new()),
            privacy_protection: Some(true),
            locked: Some(true),
            message: String::new(),
        };
        assert_eq!(
            keys(&updated),
            set(&[
                ID,
                DOMAIN_NAME,
                STATUS,
                AUTO_RENEW,
                NAMESERVERS,
                PRIVACY_PROTECTION,
                LOCKED,
                MESSAGE
            ])
        );
        let register = RegisterRequest {
            domain_name: String::new(),
            years: 1,
            auto_renew: true,
            privacy_protection: true,
            nameservers: Some(Vec::new()),
        };
        assert_eq!(keys(&register), set(&RegisterRequest::FIELDS));
        let update = UpdateRequest {
            auto_renew: Some(true),
            privacy_protection: Some(true),
            nameservers: Some(Vec::new()),
            locked: Some(true),
        };
        assert_eq!(keys(&update), set(&UpdateRequest::FIELDS));
        let transfer = TransferRequest {
            auth_code: String::new(),
            auto_renew: true,
        };
        assert_eq!(keys(&transfer), set(&TransferRequest::FIELDS));
    }
}
