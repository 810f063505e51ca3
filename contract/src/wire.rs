//! The JSON the API speaks. Responses are read tolerantly (the app's side: unknown fields
//! ignored, unknown statuses kept, optional fields optional, unreadable dates left out);
//! request bodies are read strictly (the sandbox's side, in `strict.rs`).

use crate::field;
use crate::id::DomainId;
use crate::money::Cents;
use crate::time::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// A domain's lifecycle state. Values this version does not know are kept as sent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DomainStatus {
    Pending,
    Active,
    Expired,
    Other(String),
}

impl DomainStatus {
    pub fn parse(text: &str) -> DomainStatus {
        match text {
            "pending" => DomainStatus::Pending,
            "active" => DomainStatus::Active,
            "expired" => DomainStatus::Expired,
            other => DomainStatus::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            DomainStatus::Pending => "pending",
            DomainStatus::Active => "active",
            DomainStatus::Expired => "expired",
            DomainStatus::Other(other) => other,
        }
    }
}

impl fmt::Display for DomainStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DomainStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DomainStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(DomainStatus::parse(&String::deserialize(deserializer)?))
    }
}

/// The list's `status` filter. `locked` selects by the lock, not by status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    Active,
    Pending,
    Expired,
    Locked,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::Active,
        StatusFilter::Pending,
        StatusFilter::Expired,
        StatusFilter::Locked,
    ];

    pub fn parse(text: &str) -> Option<StatusFilter> {
        StatusFilter::ALL.into_iter().find(|filter| filter.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Active => "active",
            StatusFilter::Pending => "pending",
            StatusFilter::Expired => "expired",
            StatusFilter::Locked => "locked",
        }
    }

    pub fn matches(self, domain: &DomainSummary) -> bool {
        match self {
            StatusFilter::Active => domain.status == DomainStatus::Active,
            StatusFilter::Pending => domain.status == DomainStatus::Pending,
            StatusFilter::Expired => domain.status == DomainStatus::Expired,
            StatusFilter::Locked => domain.locked,
        }
    }
}

/// Reads an optional time leniently: a missing, null or unreadable value is `None`,
/// so one odd date never makes a whole list unreadable.
fn lenient_timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value.as_ref().and_then(Value::as_str).and_then(Timestamp::parse))
}

/// A page link as it came: a string is kept for the reader to judge, null or absent is none,
/// and anything else (a number, an object) is an empty link, which no reader follows.
fn lenient_link<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(match value {
        None | Some(Value::Null) => None,
        Some(Value::String(link)) => Some(link),
        Some(_) => Some(String::new()),
    })
}

fn lenient_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value.as_ref().and_then(Value::as_bool))
}

/// A domain as the list returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DomainSummary {
    pub id: DomainId,
    pub domain_name: String,
    pub status: DomainStatus,
    #[serde(default, deserialize_with = "lenient_timestamp")]
    pub registration_date: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient_timestamp")]
    pub expiration_date: Option<Timestamp>,
    #[serde(default)]
    pub auto_renew: bool,
    #[serde(default)]
    pub locked: bool,
    #[serde(default)]
    pub nameservers: Vec<String>,
    #[serde(default)]
    pub privacy_protection: bool,
    #[serde(default)]
    pub dns_managed_by: DnsManager,
}

/// Who answers for a domain's DNS: VPS.org when every nameserver is under vps.org.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DnsManager {
    VpsOrg,
    External,
    /// A value this version does not know, kept as it came.
    Other(String),
}

impl DnsManager {
    pub fn parse(text: &str) -> DnsManager {
        match text {
            "vps.org" => DnsManager::VpsOrg,
            "external" => DnsManager::External,
            other => DnsManager::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            DnsManager::VpsOrg => "vps.org",
            DnsManager::External => "external",
            DnsManager::Other(other) => other,
        }
    }
}

/// An answer without the field says nothing about it.
impl Default for DnsManager {
    fn default() -> DnsManager {
        DnsManager::Other(String::new())
    }
}

impl Serialize for DnsManager {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DnsManager {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(DnsManager::parse(&String::deserialize(deserializer)?))
    }
}

/// The WHOIS block of a domain's details; dates are `YYYY-MM-DD`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WhoisInfo {
    pub registrant: String,
    pub admin_contact: String,
    pub tech_contact: String,
    pub created_date: String,
    pub updated_date: String,
}

/// A transfer's state, as the detail and the transfer answer give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransferStatus {
    Pending,
    Completed,
    Other(String),
}

impl TransferStatus {
    pub fn parse(text: &str) -> TransferStatus {
        match text {
            "pending" => TransferStatus::Pending,
            "completed" => TransferStatus::Completed,
            other => TransferStatus::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            TransferStatus::Pending => "pending",
            TransferStatus::Completed => "completed",
            TransferStatus::Other(other) => other,
        }
    }
}

impl Serialize for TransferStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TransferStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(TransferStatus::parse(&String::deserialize(deserializer)?))
    }
}

/// A domain's details: the list fields and more. Read with [`DomainDetail::from_json`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainDetail {
    #[serde(flatten)]
    pub summary: DomainSummary,
    pub registrar: Option<String>,
    pub days_until_expiration: Option<i64>,
    pub whois_info: Option<WhoisInfo>,
    pub dns_records_count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer_status: Option<TransferStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer_initiated_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_completion: Option<Timestamp>,
}

/// The fields a detail has beyond the summary's, as read from the same object.
#[derive(Deserialize)]
struct DetailFields {
    #[serde(default)]
    registrar: Option<String>,
    #[serde(default)]
    days_until_expiration: Option<i64>,
    #[serde(default)]
    whois_info: Option<WhoisInfo>,
    #[serde(default)]
    dns_records_count: Option<u64>,
    #[serde(default)]
    transfer_status: Option<TransferStatus>,
    #[serde(default, deserialize_with = "lenient_timestamp")]
    transfer_initiated_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient_timestamp")]
    estimated_completion: Option<Timestamp>,
}

impl DomainDetail {
    /// Reads a detail: its summary and its own fields, each from the same JSON object. Read twice
    /// rather than with `#[serde(flatten)]`, which buffers every value and links a second reader
    /// of the summary (about 4 KB of the app's compressed wasm); the summary's reader is the
    /// list's own.
    pub fn from_json(body: &[u8]) -> serde_json::Result<DomainDetail> {
        let summary = serde_json::from_slice(body)?;
        let fields: DetailFields = serde_json::from_slice(body)?;
        Ok(DomainDetail {
            summary,
            registrar: fields.registrar,
            days_until_expiration: fields.days_until_expiration,
            whois_info: fields.whois_info,
            dns_records_count: fields.dns_records_count,
            transfer_status: fields.transfer_status,
            transfer_initiated_at: fields.transfer_initiated_at,
            estimated_completion: fields.estimated_completion,
        })
    }
}

/// One page of the list. `next` and `previous` appear only when the server paginates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DomainPage {
    #[serde(default)]
    pub count: u64,
    pub results: Vec<DomainSummary>,
    #[serde(default, deserialize_with = "lenient_link")]
    pub next: Option<String>,
    #[serde(default, deserialize_with = "lenient_link")]
    pub previous: Option<String>,
}

/// The answer to a registration: the new domain, what it cost, and the provider's message.
/// Read with [`RegisterResponse::from_json`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegisterResponse {
    #[serde(flatten)]
    pub domain: DomainSummary,
    pub total_cost: Option<Cents>,
    pub message: String,
}

/// The fields a registration's answer has beyond the new domain's.
#[derive(Deserialize)]
struct RegisterFields {
    #[serde(default)]
    total_cost: Option<Cents>,
    #[serde(default)]
    message: String,
}

impl RegisterResponse {
    /// Reads the answer as [`DomainDetail::from_json`] reads a detail, and for the same reason.
    pub fn from_json(body: &[u8]) -> serde_json::Result<RegisterResponse> {
        let domain = serde_json::from_slice(body)?;
        let fields: RegisterFields = serde_json::from_slice(body)?;
        Ok(RegisterResponse {
            domain,
            total_cost: fields.total_cost,
            message: fields.message,
        })
    }
}

/// The answer to a settings update: fewer fields than a domain, so the app merges it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateResponse {
    pub id: DomainId,
    #[serde(default)]
    pub domain_name: Option<String>,
    #[serde(default)]
    pub status: Option<DomainStatus>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub auto_renew: Option<bool>,
    #[serde(default)]
    pub nameservers: Option<Vec<String>>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub privacy_protection: Option<bool>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub locked: Option<bool>,
    #[serde(default)]
    pub message: String,
}

/// The answer to a transfer request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransferResponse {
    pub id: DomainId,
    #[serde(default)]
    pub domain_name: String,
    #[serde(default)]
    pub transfer_status: Option<TransferStatus>,
    #[serde(default, deserialize_with = "lenient_timestamp")]
    pub transfer_initiated_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient_timestamp")]
    pub estimated_completion: Option<Timestamp>,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub next_steps: Vec<String>,
}

/// Validation errors in DRF's shape: field → messages; `non_field_errors` for the whole body.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

pub const NON_FIELD_ERRORS: &str = field::NON_FIELD_ERRORS;

/// An error body as any DRF server writes it, read tolerantly: `{"detail": "..."}`, or field
/// errors whose values are a message, a list of messages, or nested objects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorBody {
    pub detail: Option<String>,
    pub fields: FieldErrors,
}

impl ErrorBody {
    pub fn from_json(value: &Value) -> ErrorBody {
        fn messages(value: &Value, out: &mut Vec<String>) {
            match value {
                Value::String(text) => out.push(text.clone()),
                Value::Array(items) => items.iter().for_each(|item| messages(item, out)),
                Value::Object(map) => map.values().for_each(|item| messages(item, out)),
                Value::Null => {}
                other => out.push(other.to_string()),
            }
        }
        let mut body = ErrorBody::default();
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let mut found = Vec::new();
                    messages(value, &mut found);
                    if key == field::DETAIL {
                        body.detail = Some(found.join(" "));
                    } else if !found.is_empty() {
                        body.fields.insert(key.clone(), found);
                    }
                }
            }
            Value::Array(_) | Value::String(_) => {
                let mut found = Vec::new();
                messages(value, &mut found);
                body.fields.insert(NON_FIELD_ERRORS.to_string(), found);
            }
            _ => {}
        }
        body
    }

    /// Every message, detail first, for places that show one line.
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = self.detail.iter().cloned().collect();
        for messages in self.fields.values() {
            parts.extend(messages.iter().cloned());
        }
        parts.join(" ")
    }
}

/// The body of `POST /api/v1/domains/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegisterRequest {
    pub domain_name: String,
    pub years: i64,
    pub auto_renew: bool,
    pub privacy_protection: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nameservers: Option<Vec<String>>,
}

/// The body of `PUT /api/v1/domains/{id}/`: only what changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct UpdateRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_protection: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nameservers: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
}

impl UpdateRequest {
    pub fn is_empty(&self) -> bool {
        self == &UpdateRequest::default()
    }
}

/// The body of `POST /api/v1/domains/{id}/transfer/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TransferRequest {
    pub auth_code: String,
    pub auto_renew: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_providers_list_example() {
        let page: DomainPage = serde_json::from_value(json!({
            "count": 3,
            "results": [{
                "id": 101, "domain_name": "example.com", "status": "active",
                "registration_date": "2023-01-15T10:30:00Z", "expiration_date": "2026-01-15T10:30:00Z",
                "auto_renew": true, "locked": true, "nameservers": ["ns1.vps.org", "ns2.vps.org"],
                "privacy_protection": true, "dns_managed_by": "vps.org"
            }]
        }))
        .unwrap();
        assert_eq!(page.count, 3);
        assert_eq!(page.results[0].status, DomainStatus::Active);
        assert_eq!(
            page.results[0].expiration_date,
            Timestamp::parse("2026-01-15T10:30:00Z")
        );
        assert_eq!(page.next, None);
    }

    #[test]
    fn reads_a_provider_shaped_page_with_links_on_another_host() {
        let page: DomainPage = serde_json::from_value(json!({
            "count": 250,
            "next": "https://admin.vps.org/api/v1/domains/?page=3",
            "previous": "https://admin.vps.org/api/v1/domains/",
            "page_info": {"size": 100},
            "results": [{
                "id": 9, "domain_name": "x.com", "status": "on_hold", "unexpected": [1, 2],
                "registration_date": "2026-01-16T16:00:00.123456Z",
                "expiration_date": "2027-01-16T18:00:00+02:00",
                "auto_renew": true, "locked": false, "nameservers": [],
                "privacy_protection": false, "dns_managed_by": "external"
            }]
        }))
        .unwrap();
        assert_eq!(page.count, 250);
        assert_eq!(
            page.next.as_deref(),
            Some("https://admin.vps.org/api/v1/domains/?page=3")
        );
        assert_eq!(page.previous.as_deref(), Some("https://admin.vps.org/api/v1/domains/"));
        let domain = &page.results[0];
        assert_eq!(domain.status, DomainStatus::Other("on_hold".into()));
        assert_eq!(domain.status.as_str(), "on_hold");
        assert_eq!(domain.registration_date, Timestamp::parse("2026-01-16T16:00:00Z"));
        assert_eq!(domain.expiration_date, Timestamp::parse("2027-01-16T16:00:00Z"));
        // A link that is not a string is an empty one, which no reader follows, not a failed page.
        let odd: DomainPage =
            serde_json::from_value(json!({"count": 0, "results": [], "next": 2, "previous": null})).unwrap();
        assert_eq!(odd.next.as_deref(), Some(""));
        assert_eq!(odd.previous, None);
    }

    #[test]
    fn tolerates_unknown_fields_statuses_and_odd_dates() {
        let item: DomainSummary = serde_json::from_value(json!({
            "id": 7, "domain_name": "x.com", "status": "suspended", "colour": "blue",
            "registration_date": "last week", "expiration_date": null
        }))
        .unwrap();
        assert_eq!(item.status, DomainStatus::Other("suspended".into()));
        assert_eq!(item.registration_date, None);
        assert!(item.nameservers.is_empty());
    }

    #[test]
    fn reads_the_providers_detail_register_update_and_transfer_examples() {
        let detail = json!({
            "id": 101, "domain_name": "example.com", "status": "active",
            "registration_date": "2023-01-15T10:30:00Z", "expiration_date": "2026-01-15T10:30:00Z",
            "auto_renew": true, "locked": true, "nameservers": ["ns1.vps.org", "ns2.vps.org"],
            "privacy_protection": true, "dns_managed_by": "vps.org", "registrar": "VPS.org",
            "days_until_expiration": 730,
            "whois_info": {"registrant": "Privacy Protected", "admin_contact": "Privacy Protected",
                "tech_contact": "Privacy Protected", "created_date": "2023-01-15", "updated_date": "2025-12-20"},
            "dns_records_count": 12
        })
        .to_string();
        let detail = DomainDetail::from_json(detail.as_bytes()).unwrap();
        assert_eq!(detail.days_until_expiration, Some(730));
        assert_eq!(detail.whois_info.unwrap().created_date, "2023-01-15");
        assert_eq!(detail.transfer_status, None);

        let registered = json!({
            "id": 103, "domain_name": "mynewdomain.com", "status": "pending",
            "registration_date": "2026-01-16T16:00:00Z", "expiration_date": "2028-01-16T16:00:00Z",
            "auto_renew": true, "locked": true, "nameservers": ["ns1.vps.org", "ns2.vps.org"],
            "privacy_protection": true, "dns_managed_by": "vps.org", "total_cost": 24.98,
            "message": "Domain registration initiated. Processing may take 5-10 minutes."
        })
        .to_string();
        let registered = RegisterResponse::from_json(registered.as_bytes()).unwrap();
        assert_eq!(registered.total_cost, Some(Cents(2498)));
        assert_eq!(registered.domain.status, DomainStatus::Pending);

        let updated: UpdateResponse = serde_json::from_value(json!({
            "id": 101, "domain_name": "example.com", "status": "active", "auto_renew": false,
            "nameservers": ["ns1.cloudflare.com", "ns2.cloudflare.com"], "privacy_protection": true,
            "locked": true, "message": "Domain settings updated successfully."
        }))
        .unwrap();
        assert_eq!(updated.auto_renew, Some(false));

        let transfer: TransferResponse = serde_json::from_value(json!({
            "id": 101, "domain_name": "example.com", "transfer_status": "pending",
            "transfer_initiated_at": "2026-01-16T16:30:00Z", "estimated_completion": "2026-01-23T16:30:00Z",
            "message": "Domain transfer initiated.", "next_steps": ["a", "b", "c", "d"]
        }))
        .unwrap();
        assert_eq!(transfer.transfer_status, Some(TransferStatus::Pending));
        assert_eq!(transfer.next_steps.len(), 4);
    }

    #[test]
    fn the_status_filter_selects_by_status_and_locked_by_the_lock() {
        use crate::test_support::domain;
        let pending_unlocked = domain(103, "a.com")
            .status(DomainStatus::Pending)
            .locked(false)
            .summary();
        let expired_locked = domain(104, "b.com").status(DomainStatus::Expired).summary();
        let odd = domain(105, "c.com")
            .status(DomainStatus::Other("on_hold".into()))
            .summary();
        let selected = |filter: StatusFilter| {
            [&pending_unlocked, &expired_locked, &odd]
                .into_iter()
                .filter(|domain| filter.matches(domain))
                .map(|domain| domain.id.get())
                .collect::<Vec<_>>()
        };
        assert_eq!(selected(StatusFilter::Pending), vec![103]);
        assert_eq!(selected(StatusFilter::Expired), vec![104]);
        assert_eq!(selected(StatusFilter::Active), Vec::<u64>::new());
        assert_eq!(selected(StatusFilter::Locked), vec![104, 105]);
        // What the builder writes, the tolerant reader reads back whole.
        let detail = domain(106, "legacy-shop.com")
            .held_at("GoDaddy")
            .days_until_expiration(120)
            .detail();
        let text = serde_json::to_string(&detail).unwrap();
        assert_eq!(DomainDetail::from_json(text.as_bytes()).unwrap(), detail);
    }

    #[test]
    fn error_bodies_in_every_drf_shape() {
        let detail = ErrorBody::from_json(&json!({"detail": "Invalid token."}));
        assert_eq!(detail.detail.as_deref(), Some("Invalid token."));
        let fields =
            ErrorBody::from_json(&json!({"domain_name": ["Taken."], "years": "Too many.", "nested": {"a": ["b"]}}));
        assert_eq!(fields.fields["domain_name"], vec!["Taken."]);
        assert_eq!(fields.fields["years"], vec!["Too many."]);
        assert_eq!(fields.fields["nested"], vec!["b"]);
        assert_eq!(ErrorBody::from_json(&json!(["Oops."])).summary(), "Oops.");
    }
}
