//! The JSON the API speaks. Responses are read tolerantly (the app's side: unknown fields
//! ignored, unknown statuses kept, optional fields optional, unreadable dates left out);
//! request bodies are read strictly (the sandbox's side: exact types, unknown and read-only
//! fields refused, every problem reported at its field in DRF's shape).

use crate::money::Cents;
use crate::name::{normalize_auth_code, normalize_nameservers, DomainName};
use crate::pricing::{MAX_YEARS, MIN_YEARS};
use crate::time::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
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
    pub id: u64,
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

/// A domain's details: the list fields and more.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DomainDetail {
    #[serde(flatten)]
    pub summary: DomainSummary,
    #[serde(default)]
    pub registrar: Option<String>,
    #[serde(default)]
    pub days_until_expiration: Option<i64>,
    #[serde(default)]
    pub whois_info: Option<WhoisInfo>,
    #[serde(default)]
    pub dns_records_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_status: Option<TransferStatus>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_timestamp"
    )]
    pub transfer_initiated_at: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_timestamp"
    )]
    pub estimated_completion: Option<Timestamp>,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterResponse {
    #[serde(flatten)]
    pub domain: DomainSummary,
    #[serde(default)]
    pub total_cost: Option<Cents>,
    #[serde(default)]
    pub message: String,
}

/// The answer to a settings update: fewer fields than a domain, so the app merges it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateResponse {
    pub id: u64,
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
    pub id: u64,
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

pub const NON_FIELD_ERRORS: &str = "non_field_errors";

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
                    if key == "detail" {
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

/// Fields a client may read but never write.
const READ_ONLY_FIELDS: [&str; 14] = [
    "id",
    "status",
    "registration_date",
    "expiration_date",
    "dns_managed_by",
    "registrar",
    "days_until_expiration",
    "whois_info",
    "dns_records_count",
    "transfer_status",
    "transfer_initiated_at",
    "estimated_completion",
    "total_cost",
    "message",
];

/// Reads one strict JSON object field by field, collecting every problem.
struct StrictBody<'a> {
    fields: Option<&'a Map<String, Value>>,
    errors: FieldErrors,
}

impl<'a> StrictBody<'a> {
    fn new(body: &'a Value, known: &[&str]) -> StrictBody<'a> {
        let mut errors = FieldErrors::new();
        let fields = body.as_object();
        match fields {
            Some(map) => {
                for key in map.keys() {
                    if known.contains(&key.as_str()) {
                        continue;
                    }
                    let message = if READ_ONLY_FIELDS.contains(&key.as_str()) || key == "domain_name" {
                        "This field is read-only.".to_string()
                    } else {
                        format!("Unknown field. The fields accepted here are: {}.", known.join(", "))
                    };
                    errors.insert(key.clone(), vec![message]);
                }
            }
            None => {
                errors.insert(
                    NON_FIELD_ERRORS.to_string(),
                    vec![format!("Send a JSON object, not {}.", json_kind(body))],
                );
            }
        }
        StrictBody { fields, errors }
    }

    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.entry(field.to_string()).or_default().push(message.into());
    }

    /// The field's value; `None` when absent. `null` is refused here, once, for every type.
    fn value(&mut self, field: &str) -> Option<&'a Value> {
        match self.fields?.get(field) {
            Some(Value::Null) => {
                self.fail(field, "This field may not be null.");
                None
            }
            other => other,
        }
    }

    fn boolean(&mut self, field: &str) -> Option<bool> {
        let value = self.value(field)?;
        match value {
            Value::Bool(flag) => Some(*flag),
            other => {
                self.fail(field, format!("Must be true or false, not {}.", json_kind(other)));
                None
            }
        }
    }

    fn string(&mut self, field: &str) -> Option<&'a str> {
        let value = self.value(field)?;
        match value {
            Value::String(text) => Some(text),
            other => {
                self.fail(field, format!("Must be a string, not {}.", json_kind(other)));
                None
            }
        }
    }

    fn required_string(&mut self, field: &str) -> Option<&'a str> {
        if self.fields.is_some_and(|map| !map.contains_key(field)) {
            self.fail(field, "This field is required.");
        }
        self.string(field)
    }

    fn years(&mut self, field: &str) -> Option<i64> {
        let value = self.value(field)?;
        let years = match value {
            Value::Number(number) => match number.as_i64() {
                Some(whole) => whole,
                None => {
                    self.fail(field, "Must be a whole number of years, from 1 to 10.");
                    return None;
                }
            },
            Value::String(text) => {
                self.fail(
                    field,
                    format!(
                        "Must be a number, not a string: send {}, not \"{}\".",
                        text.trim(),
                        text.trim()
                    ),
                );
                return None;
            }
            other => {
                self.fail(
                    field,
                    format!(
                        "Must be a whole number of years from 1 to 10, not {}.",
                        json_kind(other)
                    ),
                );
                return None;
            }
        };
        if !(MIN_YEARS..=MAX_YEARS).contains(&years) {
            self.fail(field, format!("Choose from {MIN_YEARS} to {MAX_YEARS} years."));
            return None;
        }
        Some(years)
    }

    fn nameservers(&mut self, field: &str) -> Option<Vec<String>> {
        let value = self.value(field)?;
        let Value::Array(items) = value else {
            self.fail(
                field,
                format!("Must be a list of host names, not {}.", json_kind(value)),
            );
            return None;
        };
        let mut names = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(text) => names.push(text.as_str()),
                other => {
                    self.fail(
                        field,
                        format!("Nameserver {}: must be a string, not {}.", index + 1, json_kind(other)),
                    );
                }
            }
        }
        if names.len() != items.len() {
            return None;
        }
        match normalize_nameservers(&names) {
            Ok(normalized) => Some(normalized),
            Err(problems) => {
                for problem in problems.0 {
                    self.fail(field, problem.to_string());
                }
                None
            }
        }
    }

    fn finish<T>(self, value: Option<T>) -> Result<T, FieldErrors> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(self.errors),
        }
    }
}

/// `an object`, `a string`, ... for messages about wrong JSON types.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(number) if number.is_f64() => "a decimal number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl RegisterRequest {
    pub const FIELDS: [&'static str; 5] = [
        "domain_name",
        "years",
        "auto_renew",
        "privacy_protection",
        "nameservers",
    ];

    /// Reads a registration body strictly, applying the defaults and normalising the name
    /// and nameservers.
    pub fn from_json_strict(body: &Value) -> Result<RegisterRequest, FieldErrors> {
        let mut reader = StrictBody::new(body, &Self::FIELDS);
        let domain_name = reader.required_string("domain_name").and_then(|text| {
            DomainName::parse(text)
                .map_err(|error| reader.fail("domain_name", error.to_string()))
                .ok()
        });
        let years = if reader.fields.is_some_and(|map| map.contains_key("years")) {
            reader.years("years")
        } else {
            Some(1)
        };
        let auto_renew = reader.boolean("auto_renew");
        let privacy_protection = reader.boolean("privacy_protection");
        let nameservers = reader.nameservers("nameservers");
        let request = match (domain_name, years) {
            (Some(name), Some(years)) => Some(RegisterRequest {
                domain_name: name.into_string(),
                years,
                auto_renew: auto_renew.unwrap_or(true),
                privacy_protection: privacy_protection.unwrap_or(true),
                nameservers,
            }),
            _ => None,
        };
        reader.finish(request)
    }
}

impl UpdateRequest {
    pub const FIELDS: [&'static str; 4] = ["auto_renew", "privacy_protection", "nameservers", "locked"];

    pub fn from_json_strict(body: &Value) -> Result<UpdateRequest, FieldErrors> {
        let mut reader = StrictBody::new(body, &Self::FIELDS);
        let request = UpdateRequest {
            auto_renew: reader.boolean("auto_renew"),
            privacy_protection: reader.boolean("privacy_protection"),
            nameservers: reader.nameservers("nameservers"),
            locked: reader.boolean("locked"),
        };
        reader.finish(Some(request))
    }
}

impl TransferRequest {
    pub const FIELDS: [&'static str; 2] = ["auth_code", "auto_renew"];

    pub fn from_json_strict(body: &Value) -> Result<TransferRequest, FieldErrors> {
        let mut reader = StrictBody::new(body, &Self::FIELDS);
        let auth_code = reader
            .required_string("auth_code")
            .and_then(|text| match normalize_auth_code(text) {
                Ok(code) => Some(code.to_string()),
                Err(problem) => {
                    reader.fail("auth_code", problem.to_string());
                    None
                }
            });
        let auto_renew = reader.boolean("auto_renew");
        let request = auth_code.map(|auth_code| TransferRequest {
            auth_code,
            auto_renew: auto_renew.unwrap_or(true),
        });
        reader.finish(request)
    }
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
        let detail: DomainDetail = serde_json::from_value(json!({
            "id": 101, "domain_name": "example.com", "status": "active",
            "registration_date": "2023-01-15T10:30:00Z", "expiration_date": "2026-01-15T10:30:00Z",
            "auto_renew": true, "locked": true, "nameservers": ["ns1.vps.org", "ns2.vps.org"],
            "privacy_protection": true, "dns_managed_by": "vps.org", "registrar": "VPS.org",
            "days_until_expiration": 730,
            "whois_info": {"registrant": "Privacy Protected", "admin_contact": "Privacy Protected",
                "tech_contact": "Privacy Protected", "created_date": "2023-01-15", "updated_date": "2025-12-20"},
            "dns_records_count": 12
        }))
        .unwrap();
        assert_eq!(detail.days_until_expiration, Some(730));
        assert_eq!(detail.whois_info.unwrap().created_date, "2023-01-15");
        assert_eq!(detail.transfer_status, None);

        let registered: RegisterResponse = serde_json::from_value(json!({
            "id": 103, "domain_name": "mynewdomain.com", "status": "pending",
            "registration_date": "2026-01-16T16:00:00Z", "expiration_date": "2028-01-16T16:00:00Z",
            "auto_renew": true, "locked": true, "nameservers": ["ns1.vps.org", "ns2.vps.org"],
            "privacy_protection": true, "dns_managed_by": "vps.org", "total_cost": 24.98,
            "message": "Domain registration initiated. Processing may take 5-10 minutes."
        }))
        .unwrap();
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

    #[test]
    fn register_defaults_and_normalisation() {
        let request = RegisterRequest::from_json_strict(&json!({"domain_name": " MyNewDomain.com. "})).unwrap();
        assert_eq!(
            request,
            RegisterRequest {
                domain_name: "mynewdomain.com".into(),
                years: 1,
                auto_renew: true,
                privacy_protection: true,
                nameservers: None
            }
        );
        let request = RegisterRequest::from_json_strict(&json!({
            "domain_name": "faß.com", "years": 2, "auto_renew": false, "privacy_protection": false,
            "nameservers": ["NS1.Example.net.", "ns2.example.net"]
        }))
        .unwrap();
        assert_eq!(request.domain_name, "xn--fa-hia.com");
        assert_eq!(
            request.nameservers,
            Some(vec!["ns1.example.net".into(), "ns2.example.net".into()])
        );
    }

    #[test]
    fn register_is_strict_about_types_and_fields() {
        let cases = [
            (json!({}), "domain_name"),
            (json!({"domain_name": 5}), "domain_name"),
            (json!({"domain_name": "a.com", "years": "2"}), "years"),
            (json!({"domain_name": "a.com", "years": 1.5}), "years"),
            (json!({"domain_name": "a.com", "years": 0}), "years"),
            (json!({"domain_name": "a.com", "years": 11}), "years"),
            (json!({"domain_name": "a.com", "years": null}), "years"),
            (json!({"domain_name": "a.com", "auto_renew": 1}), "auto_renew"),
            (
                json!({"domain_name": "a.com", "privacy_protection": "true"}),
                "privacy_protection",
            ),
            (
                json!({"domain_name": "a.com", "nameservers": ["ns1.vps.org"]}),
                "nameservers",
            ),
            (
                json!({"domain_name": "a.com", "nameservers": "ns1.vps.org"}),
                "nameservers",
            ),
            (
                json!({"domain_name": "a.com", "nameservers": ["ns1.vps.org", 2]}),
                "nameservers",
            ),
            (json!({"domain_name": "a.com", "colour": "blue"}), "colour"),
            (json!({"domain_name": "a.com", "status": "active"}), "status"),
            (json!([1, 2]), NON_FIELD_ERRORS),
            (json!("a.com"), NON_FIELD_ERRORS),
        ];
        for (body, field) in cases {
            let errors = RegisterRequest::from_json_strict(&body).unwrap_err();
            assert!(errors.contains_key(field), "{body} → {errors:?}");
        }
        let errors = RegisterRequest::from_json_strict(&json!({"domain_name": "a.com", "status": "x"})).unwrap_err();
        assert_eq!(errors["status"], vec!["This field is read-only."]);
    }

    #[test]
    fn update_and_transfer_bodies() {
        assert!(UpdateRequest::from_json_strict(&json!({})).unwrap().is_empty());
        let update = UpdateRequest::from_json_strict(&json!({"auto_renew": false, "locked": true})).unwrap();
        assert_eq!(update.auto_renew, Some(false));
        assert_eq!(update.locked, Some(true));
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({"auto_renew": false, "locked": true})
        );
        let errors = UpdateRequest::from_json_strict(&json!({"domain_name": "b.com"})).unwrap_err();
        assert_eq!(errors["domain_name"], vec!["This field is read-only."]);

        let transfer = TransferRequest::from_json_strict(&json!({"auth_code": "  Xy9Kl2Mn#4pQ "})).unwrap();
        assert_eq!(
            transfer,
            TransferRequest {
                auth_code: "Xy9Kl2Mn#4pQ".into(),
                auto_renew: true
            }
        );
        assert!(TransferRequest::from_json_strict(&json!({"auth_code": "   "}))
            .unwrap_err()
            .contains_key("auth_code"));
        assert!(TransferRequest::from_json_strict(&json!({}))
            .unwrap_err()
            .contains_key("auth_code"));
    }
}
