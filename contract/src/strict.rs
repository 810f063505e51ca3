//! Request bodies read strictly, the sandbox's side of the contract: exact JSON types, unknown
//! and read-only fields refused, defaults applied, names normalised, and every problem reported
//! at its field in DRF's shape.

use crate::field;
use crate::name::{normalize_auth_code, normalize_nameservers, DomainName};
use crate::pricing::{MAX_YEARS, MIN_YEARS};
use crate::wire::{FieldErrors, RegisterRequest, TransferRequest, UpdateRequest};
use serde_json::{Map, Value};

/// Fields a client may read but never write.
const READ_ONLY_FIELDS: [&str; 14] = [
    field::ID,
    field::STATUS,
    field::REGISTRATION_DATE,
    field::EXPIRATION_DATE,
    field::DNS_MANAGED_BY,
    field::REGISTRAR,
    field::DAYS_UNTIL_EXPIRATION,
    field::WHOIS_INFO,
    field::DNS_RECORDS_COUNT,
    field::TRANSFER_STATUS,
    field::TRANSFER_INITIATED_AT,
    field::ESTIMATED_COMPLETION,
    field::TOTAL_COST,
    field::MESSAGE,
];

/// Reads one strict JSON object field by field, collecting every problem.
struct FieldReader<'a> {
    fields: Option<&'a Map<String, Value>>,
    errors: FieldErrors,
}

impl<'a> FieldReader<'a> {
    fn new(body: &'a Value, known: &[&str]) -> FieldReader<'a> {
        let mut errors = FieldErrors::new();
        let fields = body.as_object();
        match fields {
            Some(map) => {
                for key in map.keys() {
                    if known.contains(&key.as_str()) {
                        continue;
                    }
                    let message = if READ_ONLY_FIELDS.contains(&key.as_str()) || key == field::DOMAIN_NAME {
                        "This field is read-only.".to_string()
                    } else {
                        format!("Unknown field. The fields accepted here are: {}.", known.join(", "))
                    };
                    errors.insert(key.clone(), vec![message]);
                }
            }
            None => {
                errors.insert(
                    field::NON_FIELD_ERRORS.to_string(),
                    vec![format!("Send a JSON object, not {}.", json_kind(body))],
                );
            }
        }
        FieldReader { fields, errors }
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
        field::DOMAIN_NAME,
        field::YEARS,
        field::AUTO_RENEW,
        field::PRIVACY_PROTECTION,
        field::NAMESERVERS,
    ];

    /// Reads a registration body strictly, applying the defaults and normalising the name
    /// and nameservers.
    pub fn from_json_strict(body: &Value) -> Result<RegisterRequest, FieldErrors> {
        let mut reader = FieldReader::new(body, &Self::FIELDS);
        let domain_name = reader.required_string(field::DOMAIN_NAME).and_then(|text| {
            DomainName::parse(text)
                .map_err(|error| reader.fail(field::DOMAIN_NAME, error.to_string()))
                .ok()
        });
        let years = if reader.fields.is_some_and(|map| map.contains_key(field::YEARS)) {
            reader.years(field::YEARS)
        } else {
            Some(1)
        };
        let auto_renew = reader.boolean(field::AUTO_RENEW);
        let privacy_protection = reader.boolean(field::PRIVACY_PROTECTION);
        let nameservers = reader.nameservers(field::NAMESERVERS);
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
    pub const FIELDS: [&'static str; 4] = [
        field::AUTO_RENEW,
        field::PRIVACY_PROTECTION,
        field::NAMESERVERS,
        field::LOCKED,
    ];

    pub fn from_json_strict(body: &Value) -> Result<UpdateRequest, FieldErrors> {
        let mut reader = FieldReader::new(body, &Self::FIELDS);
        let request = UpdateRequest {
            auto_renew: reader.boolean(field::AUTO_RENEW),
            privacy_protection: reader.boolean(field::PRIVACY_PROTECTION),
            nameservers: reader.nameservers(field::NAMESERVERS),
            locked: reader.boolean(field::LOCKED),
        };
        reader.finish(Some(request))
    }
}

impl TransferRequest {
    pub const FIELDS: [&'static str; 2] = [field::AUTH_CODE, field::AUTO_RENEW];

    pub fn from_json_strict(body: &Value) -> Result<TransferRequest, FieldErrors> {
        let mut reader = FieldReader::new(body, &Self::FIELDS);
        let auth_code = reader
            .required_string(field::AUTH_CODE)
            .and_then(|text| match normalize_auth_code(text) {
                Ok(code) => Some(code.to_string()),
                Err(problem) => {
                    reader.fail(field::AUTH_CODE, problem.to_string());
                    None
                }
            });
        let auto_renew = reader.boolean(field::AUTO_RENEW);
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
    use crate::wire::NON_FIELD_ERRORS;
    use serde_json::json;

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
