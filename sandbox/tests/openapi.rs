//! `/api/v1/openapi.json` against the sandbox that serves it (in process): the document lists the six
//! operations with the contract's request rules, and the server's real answers — successes
//! and errors — validate against the response schema the document gives for their status.
//! The validator is a small one for exactly the subset of JSON Schema the document uses; an
//! unknown keyword is itself an error, so the document cannot silently outgrow it.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const OPERATION_METHODS: [&str; 8] = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/// Keywords that describe and never constrain.
const ANNOTATIONS: [&str; 7] = [
    "description",
    "title",
    "example",
    "examples",
    "default",
    "readOnly",
    "writeOnly",
];

struct Validator<'a> {
    doc: &'a Value,
}

impl<'a> Validator<'a> {
    /// Follows a local `$ref` such as `#/components/schemas/DomainSummary`.
    fn resolve(&self, reference: &str) -> &'a Value {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local references: {reference}"));
        self.doc
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling reference {reference}"))
    }

    fn errors(&self, schema: &Value, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.validate(schema, value, "$", &mut errors);
        errors
    }

    fn validate(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let Some(schema) = schema.as_object() else {
            errors.push(format!("{at}: the schema is not an object"));
            return;
        };
        if let Some(reference) = schema.get("$ref") {
            let reference = reference.as_str().expect("$ref is a string");
            self.validate(self.resolve(reference), value, at, errors);
            return;
        }
        if value.is_null() {
            if schema.get("nullable") != Some(&Value::Bool(true)) {
                errors.push(format!("{at}: null where the schema is not nullable"));
            }
            return;
        }
        for (keyword, argument) in schema {
            match keyword.as_str() {
                "type" => {
                    let expected = argument.as_str().expect("type is a string");
                    let matches = match expected {
                        "object" => value.is_object(),
                        "array" => value.is_array(),
                        "string" => value.is_string(),
                        "boolean" => value.is_boolean(),
                        "integer" => value.is_i64() || value.is_u64(),
                        "number" => value.is_number(),
                        other => {
                            errors.push(format!("{at}: unknown type {other}"));
                            true
                        }
                    };
                    if !matches {
                        errors.push(format!("{at}: expected {expected}, found {value}"));
                    }
                }
                "nullable" => {}
                "enum" => {
                    if !argument.as_array().expect("enum is an array").contains(value) {
                        errors.push(format!("{at}: {value} is not one of {argument}"));
                    }
                }
                "properties" => {
                    if let Some(object) = value.as_object() {
                        for (name, property) in argument.as_object().expect("properties is an object") {
                            if let Some(item) = object.get(name) {
                                self.validate(property, item, &format!("{at}.{name}"), errors);
                            }
                        }
                    }
                }
                "required" => {
                    if let Some(object) = value.as_object() {
                        for name in argument.as_array().expect("required is an array") {
                            let name = name.as_str().expect("required names are strings");
                            if !object.contains_key(name) {
                                errors.push(format!("{at}: required property {name} is missing"));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(object) = value.as_object() {
                        let declared = schema.get("properties").and_then(Value::as_object);
                        for (name, item) in object {
                            if declared.is_some_and(|declared| declared.contains_key(name)) {
                                continue;
                            }
                            match argument {
                                Value::Bool(true) => {}
                                Value::Bool(false) => errors.push(format!("{at}: undeclared property {name}")),
                                extra => self.validate(extra, item, &format!("{at}.{name}"), errors),
                            }
                        }
                    }
                }
                "minProperties" => {
                    if let Some(object) = value.as_object() {
                        if (object.len() as u64) < argument.as_u64().expect("a count") {
                            errors.push(format!("{at}: fewer than {argument} properties"));
                        }
                    }
                }
                "items" => {
                    if let Some(items) = value.as_array() {
                        for (index, item) in items.iter().enumerate() {
                            self.validate(argument, item, &format!("{at}[{index}]"), errors);
                        }
                    }
                }
                "minItems" | "maxItems" => {
                    if let Some(items) = value.as_array() {
                        let bound = argument.as_u64().expect("a count") as usize;
                        let bad = if keyword == "minItems" {
                            items.len() < bound
                        } else {
                            items.len() > bound
                        };
                        if bad {
                            errors.push(format!("{at}: {} items breaks {keyword} {bound}", items.len()));
                        }
                    }
                }
                "minLength" | "maxLength" => {
                    if let Some(text) = value.as_str() {
                        let bound = argument.as_u64().expect("a length") as usize;
                        let length = text.chars().count();
                        let bad = if keyword == "minLength" {
                            length < bound
                        } else {
                            length > bound
                        };
                        if bad {
                            errors.push(format!("{at}: length {length} breaks {keyword} {bound}"));
                        }
                    }
                }
                "minimum" | "maximum" => {
                    if let Some(number) = value.as_f64() {
                        let bound = argument.as_f64().expect("a number");
                        let bad = if keyword == "minimum" {
                            number < bound
                        } else {
                            number > bound
                        };
                        if bad {
                            errors.push(format!("{at}: {number} breaks {keyword} {bound}"));
                        }
                    }
                }
                "format" => {
                    if let Some(text) = value.as_str() {
                        let ok = match argument.as_str().expect("format is a string") {
                            "date-time" => is_date_time(text),
                            "date" => is_date(text),
                            "uri" => text.starts_with("http://") || text.starts_with("https://"),
                            other => {
                                errors.push(format!("{at}: unsupported string format {other}"));
                                true
                            }
                        };
                        if !ok {
                            errors.push(format!("{at}: {text:?} is not a {argument}"));
                        }
                    } else if !matches!(argument.as_str(), Some("int64" | "int32")) {
                        errors.push(format!("{at}: format {argument} on a non-string"));
                    }
                }
                "oneOf" => {
                    let options = argument.as_array().expect("oneOf is an array");
                    let matching = options
                        .iter()
                        .filter(|option| self.errors(option, value).is_empty())
                        .count();
                    if matching != 1 {
                        errors.push(format!("{at}: {matching} of the oneOf options match {value}"));
                    }
                }
                annotation if ANNOTATIONS.contains(&annotation) => {}
                unsupported => errors.push(format!(
                    "{at}: the validator does not support the keyword {unsupported}"
                )),
            }
        }
    }

    /// The response object for an answer, following `#/components/responses/...`.
    fn response(&self, template: &str, method: &str, status: u16) -> Option<&'a Value> {
        let response = self.doc["paths"][template][method]["responses"].get(status.to_string())?;
        Some(match response.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.resolve(reference),
            None => response,
        })
    }

    /// Checks a real answer against the response object documented for its status.
    fn check_against(&self, response: &Value, reply: &Reply) -> Vec<String> {
        let mut errors = Vec::new();
        if let Some(headers) = response.get("headers").and_then(Value::as_object) {
            for (name, header) in headers {
                if header.get("required") == Some(&Value::Bool(true)) && reply.header(name).is_none() {
                    errors.push(format!("the required header {name} is missing"));
                }
                if let (Some(schema), Some(actual)) = (header.get("schema"), reply.header(name)) {
                    errors.extend(
                        self.errors(schema, &Value::String(actual))
                            .into_iter()
                            .map(|e| format!("header {name}: {e}")),
                    );
                }
            }
        }
        match response.get("content") {
            None => {
                if !reply.bytes.is_empty() {
                    errors.push("a body where none is documented".to_string());
                }
            }
            Some(content) => {
                let Some(schema) = content.get("application/json").and_then(|media| media.get("schema")) else {
                    errors.push("no application/json schema".to_string());
                    return errors;
                };
                if !reply
                    .header("content-type")
                    .unwrap_or_default()
                    .starts_with("application/json")
                {
                    errors.push(format!("content type {:?}", reply.header("content-type")));
                }
                match serde_json::from_slice::<Value>(&reply.bytes) {
                    Ok(body) => errors.extend(self.errors(schema, &body)),
                    Err(error) => errors.push(format!("the body is not JSON: {error}")),
                }
            }
        }
        errors
    }

    fn check(&self, template: &str, method: &str, reply: &Reply) -> Vec<String> {
        match self.response(template, method, reply.status) {
            Some(response) => self.check_against(response, reply),
            None => vec![format!("status {} is not documented", reply.status)],
        }
    }
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

fn is_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 20
        && is_date(&text[..10])
        && bytes[10] == b'T'
        && bytes[19] == b'Z'
        && bytes[11..19].iter().enumerate().all(|(i, b)| {
            if i == 2 || i == 5 {
                *b == b':'
            } else {
                b.is_ascii_digit()
            }
        })
}

async fn fetch_document(sandbox: &Sandbox) -> Value {
    let reply = sandbox
        .send(sandbox.request(Method::GET, "/api/v1/openapi.json", None))
        .await;
    reply.expect(200);
    assert!(reply
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/json"));
    reply.json()
}

#[tokio::test]
async fn the_document_describes_the_six_operations_and_their_rules() {
    let sandbox = Sandbox::start().await;
    let doc = fetch_document(&sandbox).await;
    assert_eq!(doc["openapi"], "3.0.3");
    let mut operations = BTreeSet::new();
    let mut operation_ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in OPERATION_METHODS {
            if let Some(operation) = item.get(method) {
                operations.insert(format!("{} {path}", method.to_uppercase()));
                let id = operation["operationId"].as_str().expect("an operationId");
                assert!(operation_ids.insert(id.to_string()), "duplicate operationId {id}");
                assert!(
                    operation["responses"].get("401").is_some(),
                    "{method} {path} documents 401"
                );
            }
        }
    }
    let expected: BTreeSet<String> = [
        "GET /api/v1/domains/",
        "POST /api/v1/domains/",
        "GET /api/v1/domains/{domain_id}/",
        "PUT /api/v1/domains/{domain_id}/",
        "DELETE /api/v1/domains/{domain_id}/",
        "POST /api/v1/domains/{domain_id}/transfer/",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(operations, expected);

    // Bearer authentication everywhere.
    let bearer = &doc["components"]["securitySchemes"]["bearerAuth"];
    assert_eq!(
        (bearer["type"].clone(), bearer["scheme"].clone()),
        (json!("http"), json!("bearer"))
    );
    assert_eq!(doc["security"], json!([{"bearerAuth": []}]));

    // Every status the contract names is documented somewhere.
    let mut documented = BTreeSet::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for method in OPERATION_METHODS {
            if let Some(responses) = item.get(method).and_then(|op| op["responses"].as_object()) {
                documented.extend(responses.keys().cloned());
            }
        }
    }
    documented.insert("405".to_string());
    assert!(doc["components"]["responses"]["MethodNotAllowed"]["headers"]["Allow"].is_object());
    for status in [
        "200", "201", "204", "400", "401", "402", "404", "405", "409", "413", "415", "422",
    ] {
        assert!(documented.contains(status), "{status} is documented");
    }

    // The request bodies are the contract's strict ones.
    let schemas = &doc["components"]["schemas"];
    let register = &schemas["RegisterRequest"];
    assert_eq!(register["additionalProperties"], false);
    assert_eq!(register["required"], json!(["domain_name"]));
    let fields = |schema: &Value| {
        schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<BTreeSet<String>>()
    };
    assert_eq!(
        fields(register),
        [
            "auto_renew",
            "domain_name",
            "nameservers",
            "privacy_protection",
            "years"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(register["properties"]["years"]["type"], "integer");
    assert_eq!(register["properties"]["years"]["minimum"], 1);
    assert_eq!(register["properties"]["years"]["maximum"], 10);
    assert_eq!(register["properties"]["years"]["default"], 1);
    assert_eq!(register["properties"]["auto_renew"]["type"], "boolean");
    assert_eq!(register["properties"]["privacy_protection"]["default"], true);
    for nameservers in [
        &register["properties"]["nameservers"],
        &schemas["UpdateRequest"]["properties"]["nameservers"],
    ] {
        assert_eq!(nameservers["type"], "array");
        assert_eq!(nameservers["minItems"], 2);
        assert_eq!(nameservers["maxItems"], 4);
        assert_eq!(nameservers["items"]["type"], "string");
    }
    let update = &schemas["UpdateRequest"];
    assert_eq!(update["additionalProperties"], false);
    assert!(update.get("required").is_none(), "every update field is optional");
    assert_eq!(
        fields(update),
        ["auto_renew", "locked", "nameservers", "privacy_protection"]
            .map(String::from)
            .into()
    );
    let transfer = &schemas["TransferRequest"];
    assert_eq!(transfer["additionalProperties"], false);
    assert_eq!(transfer["required"], json!(["auth_code"]));
    assert_eq!(fields(transfer), ["auth_code", "auto_renew"].map(String::from).into());

    // Each operation's request body is the right schema.
    let body_ref = |path: &str, method: &str| {
        doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"].clone()
    };
    assert_eq!(
        body_ref("/api/v1/domains/", "post"),
        "#/components/schemas/RegisterRequest"
    );
    assert_eq!(
        body_ref("/api/v1/domains/{domain_id}/", "put"),
        "#/components/schemas/UpdateRequest"
    );
    assert_eq!(
        body_ref("/api/v1/domains/{domain_id}/transfer/", "post"),
        "#/components/schemas/TransferRequest"
    );

    // The parameters: the list's query, the domain id, and the Idempotency-Key header.
    let validator = Validator { doc: &doc };
    let parameters = |path: &str, method: &str| -> Vec<Value> {
        let mut all: Vec<Value> = doc["paths"][path]["parameters"].as_array().cloned().unwrap_or_default();
        all.extend(
            doc["paths"][path][method]["parameters"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        );
        all.into_iter()
            .map(|p| match p.get("$ref").and_then(Value::as_str) {
                Some(reference) => validator.resolve(reference).clone(),
                None => p,
            })
            .collect()
    };
    let named = |list: &[Value], name: &str, place: &str| -> Value {
        list.iter()
            .find(|p| p["name"] == name && p["in"] == place)
            .cloned()
            .unwrap_or_else(|| panic!("parameter {name} in {place}"))
    };
    let list_parameters = parameters("/api/v1/domains/", "get");
    assert_eq!(
        named(&list_parameters, "status", "query")["schema"]["enum"],
        json!(["active", "pending", "expired", "locked"])
    );
    named(&list_parameters, "search", "query");
    assert_eq!(named(&list_parameters, "page", "query")["schema"]["minimum"], 1);
    let page_size = named(&list_parameters, "page_size", "query");
    assert_eq!(
        (
            page_size["schema"]["minimum"].clone(),
            page_size["schema"]["maximum"].clone()
        ),
        (json!(1), json!(1000))
    );
    for (path, method) in [
        ("/api/v1/domains/", "post"),
        ("/api/v1/domains/{domain_id}/transfer/", "post"),
    ] {
        let key = named(&parameters(path, method), "Idempotency-Key", "header");
        assert_eq!(key["schema"]["maxLength"], 255);
        assert_eq!(key["required"], false);
    }
    for (path, method) in [
        ("/api/v1/domains/{domain_id}/", "get"),
        ("/api/v1/domains/{domain_id}/", "put"),
        ("/api/v1/domains/{domain_id}/", "delete"),
        ("/api/v1/domains/{domain_id}/transfer/", "post"),
    ] {
        let id = named(&parameters(path, method), "domain_id", "path");
        assert_eq!(id["required"], true);
        assert_eq!(id["schema"]["type"], "integer");
    }

    // The response schemas name their required fields, so a missing one is caught.
    let required = |name: &str| {
        schemas[name]["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(required("DomainSummary").len(), 10);
    assert!(required("DomainDetail").is_superset(&required("DomainSummary")));
    for field in ["registrar", "days_until_expiration", "whois_info", "dns_records_count"] {
        assert!(required("DomainDetail").contains(field), "{field}");
    }
    assert!(required("RegisterResponse").contains("total_cost") && required("RegisterResponse").contains("message"));
    assert_eq!(required("TransferResponse").len(), 7);
    assert_eq!(required("UpdateResponse").len(), 8);
    assert_eq!(required("DomainList"), ["count", "results"].map(String::from).into());
    assert_eq!(required("Error"), ["detail"].map(String::from).into());

    // The decisions are written down.
    let description = doc["info"]["description"].as_str().expect("info.description");
    for phrase in [
        "Strict bodies",
        "25.98",
        "status=locked",
        "Order of checks",
        "Idempotency-Key",
        "transfer them first",
        "does not cancel the registration",
        "60 days",
    ] {
        assert!(
            description.to_lowercase().contains(&phrase.to_lowercase()),
            "the description mentions {phrase:?}"
        );
    }
}

#[tokio::test]
async fn the_validator_catches_what_it_should() {
    let sandbox = Sandbox::start().await;
    let doc = fetch_document(&sandbox).await;
    let validator = Validator { doc: &doc };
    let schema = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    let list = sandbox.list(DEMO, "").await;
    assert_eq!(validator.errors(&schema("DomainList"), &list), Vec::<String>::new());
    let detail = sandbox.detail(DEMO, 101).await;
    assert_eq!(validator.errors(&schema("DomainDetail"), &detail), Vec::<String>::new());

    let mutate = |value: &Value, pointer: &str, change: &dyn Fn(&mut serde_json::Map<String, Value>, &str)| {
        let mut copy = value.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = if parent.is_empty() {
            &mut copy
        } else {
            copy.pointer_mut(parent).unwrap()
        };
        change(target.as_object_mut().unwrap(), key);
        copy
    };
    let remove = |value: &Value, pointer: &str| {
        mutate(value, pointer, &|object: &mut serde_json::Map<String, Value>,
                                 key: &str| {
            object.remove(key);
        })
    };
    let set = |value: &Value, pointer: &str, new: Value| {
        mutate(value, pointer, &|object: &mut serde_json::Map<String, Value>,
                                 key: &str| {
            object.insert(key.to_string(), new.clone());
        })
    };

    let bad_cases = [
        (
            "DomainList",
            remove(&list, "/results/0/dns_managed_by"),
            "dns_managed_by",
        ),
        ("DomainList", remove(&list, "/count"), "count"),
        (
            "DomainList",
            set(&list, "/results/0/status", json!("locked")),
            "not one of",
        ),
        (
            "DomainList",
            set(&list, "/results/0/id", json!(1.5)),
            "expected integer",
        ),
        (
            "DomainList",
            set(&list, "/results/0/nameservers", json!("ns1.vps.org")),
            "expected array",
        ),
        (
            "DomainList",
            set(&list, "/results/0/colour", json!("blue")),
            "undeclared property colour",
        ),
        ("DomainList", set(&list, "/next", json!(null)), ""),
        ("DomainDetail", remove(&detail, "/whois_info"), "whois_info"),
        (
            "DomainDetail",
            remove(&detail, "/whois_info/tech_contact"),
            "tech_contact",
        ),
        (
            "DomainDetail",
            set(&detail, "/whois_info/created_date", json!("2023/01/15")),
            "is not a",
        ),
        (
            "DomainDetail",
            set(&detail, "/expiration_date", json!("2026-01-15 10:30:00")),
            "is not a",
        ),
        ("DomainDetail", set(&detail, "/registrar", json!(null)), "null"),
        (
            "DomainDetail",
            set(&detail, "/transfer_status", json!("cancelled")),
            "not one of",
        ),
    ];
    for (name, value, expected) in bad_cases {
        let errors = validator.errors(&schema(name), &value);
        if expected.is_empty() {
            assert_eq!(errors, Vec::<String>::new(), "next may be null");
        } else {
            assert!(
                errors.iter().any(|e| e.contains(expected)),
                "{name}: expected an error about {expected:?}, got {errors:?}"
            );
        }
    }
    assert!(!validator
        .errors(&schema("BadRequest"), &json!({"domain_name": "not a list"}))
        .is_empty());
    assert!(!validator.errors(&schema("BadRequest"), &json!({})).is_empty());
    assert!(validator
        .errors(&schema("BadRequest"), &json!({"detail": "x"}))
        .is_empty());
    assert!(validator
        .errors(
            &schema("BadRequest"),
            &json!({"years": ["x"], "non_field_errors": ["y"]})
        )
        .is_empty());
    assert!(
        !validator
            .errors(&json!({"type": "string", "pattern": "x"}), &json!("x"))
            .is_empty(),
        "unknown keywords are errors"
    );
}

#[tokio::test]
async fn real_answers_match_the_documented_schemas() {
    let sandbox = Sandbox::start().await;
    let doc = fetch_document(&sandbox).await;
    let validator = Validator { doc: &doc };
    const LIST: &str = "/api/v1/domains/";
    const DOMAIN: &str = "/api/v1/domains/{domain_id}/";
    const TRANSFER: &str = "/api/v1/domains/{domain_id}/transfer/";
    let big = || vec![b' '; 70 * 1024];
    let keyed = |key: &str, body: Value| {
        sandbox
            .request(Method::POST, DOMAINS, Some(DEMO))
            .header("idempotency-key", key.to_string())
            .json(&body)
    };

    let mut answers: Vec<(&str, &str, &str, Reply)> = Vec::new();
    macro_rules! record {
        ($template:expr, $method:expr, $what:expr, $reply:expr) => {{
            let reply = $reply;
            answers.push(($template, $method, $what, reply.clone()));
            reply
        }};
    }

    // The list.
    record!(LIST, "get", "list", sandbox.get(DEMO, DOMAINS).await).expect(200);
    record!(
        LIST,
        "get",
        "list, paginated",
        sandbox.get(DEMO, "/api/v1/domains/?page=2&page_size=3").await
    )
    .expect(200);
    record!(
        LIST,
        "get",
        "list, last page",
        sandbox.get(DEMO, "/api/v1/domains/?page=3&page_size=4").await
    )
    .expect(200);
    record!(
        LIST,
        "get",
        "list, filtered",
        sandbox.get(DEMO, "/api/v1/domains/?status=locked&search=e").await
    )
    .expect(200);
    record!(
        LIST,
        "get",
        "list, empty",
        sandbox.get(DEMO, "/api/v1/domains/?search=nothing-at-all").await
    )
    .expect(200);
    record!(
        LIST,
        "get",
        "bad status",
        sandbox.get(DEMO, "/api/v1/domains/?status=nope").await
    )
    .expect(400);
    record!(
        LIST,
        "get",
        "bad page size",
        sandbox.get(DEMO, "/api/v1/domains/?page_size=0").await
    )
    .expect(400);
    record!(
        LIST,
        "get",
        "bad query encoding",
        sandbox.get(DEMO, "/api/v1/domains/?search=%ff").await
    )
    .expect(400);
    record!(
        LIST,
        "get",
        "page past the end",
        sandbox.get(DEMO, "/api/v1/domains/?page=9").await
    )
    .expect(404);
    record!(
        LIST,
        "get",
        "no token",
        sandbox.send(sandbox.request(Method::GET, DOMAINS, None)).await
    )
    .expect(401);
    record!(LIST, "get", "bad token", sandbox.get("nope", DOMAINS).await).expect(401);

    // Registration.
    let seed_body =
        json!({"domain_name": "mynewdomain.com", "years": 2, "auto_renew": true, "privacy_protection": true});
    record!(
        LIST,
        "post",
        "register",
        sandbox.send(keyed("doc-key", seed_body.clone())).await
    )
    .expect(201);
    record!(
        LIST,
        "post",
        "register, replayed",
        sandbox.send(keyed("doc-key", seed_body.clone())).await
    )
    .expect(201);
    record!(
        LIST,
        "post",
        "same key, other body",
        sandbox
            .send(keyed("doc-key", json!({"domain_name": "other.dev"})))
            .await
    )
    .expect(422);
    record!(
        LIST,
        "post",
        "taken",
        sandbox.register(DEMO, &json!({"domain_name": "google.com"})).await
    )
    .expect(400);
    record!(
        LIST,
        "post",
        "several field errors",
        sandbox.register(DEMO, &json!({"years": "2", "colour": 1})).await
    )
    .expect(400);
    record!(LIST, "post", "not an object", sandbox.register(DEMO, &json!([1])).await).expect(400);
    record!(
        LIST,
        "post",
        "malformed JSON",
        sandbox
            .raw(
                Method::POST,
                Some(DEMO),
                DOMAINS,
                Some("application/json"),
                b"{".to_vec()
            )
            .await
    )
    .expect(400);
    record!(
        LIST,
        "post",
        "bad key",
        sandbox
            .send(
                sandbox
                    .request(Method::POST, DOMAINS, Some(DEMO))
                    .header("idempotency-key", "")
                    .json(&json!({"domain_name": "k.com"}))
            )
            .await
    )
    .expect(400);
    record!(
        LIST,
        "post",
        "too large",
        sandbox
            .raw(Method::POST, Some(DEMO), DOMAINS, Some("application/json"), big())
            .await
    )
    .expect(413);
    record!(
        LIST,
        "post",
        "not JSON",
        sandbox
            .raw(Method::POST, Some(DEMO), DOMAINS, Some("text/plain"), b"x".to_vec())
            .await
    )
    .expect(415);
    record!(
        LIST,
        "post",
        "no token",
        sandbox
            .send(sandbox.request(Method::POST, DOMAINS, None).json(&seed_body))
            .await
    )
    .expect(401);

    // Details, update, transfer.
    record!(DOMAIN, "get", "detail", sandbox.get(DEMO, &domain_path(101)).await).expect(200);
    record!(
        DOMAIN,
        "get",
        "detail without privacy",
        sandbox.get(DEMO, &domain_path(102)).await
    )
    .expect(200);
    record!(
        DOMAIN,
        "get",
        "detail held elsewhere",
        sandbox.get(DEMO, &domain_path(107)).await
    )
    .expect(200);
    record!(
        DOMAIN,
        "get",
        "detail of the new one",
        sandbox.get(DEMO, &domain_path(111)).await
    )
    .expect(200);
    record!(DOMAIN, "get", "unknown id", sandbox.get(DEMO, &domain_path(999)).await).expect(404);
    record!(
        DOMAIN,
        "get",
        "no token",
        sandbox
            .send(sandbox.request(Method::GET, &domain_path(101), None))
            .await
    )
    .expect(401);
    let update = json!({"auto_renew": false, "nameservers": ["ns1.cloudflare.com", "ns2.cloudflare.com"]});
    record!(
        DOMAIN,
        "put",
        "update",
        sandbox.put(DEMO, &domain_path(101), &update).await
    )
    .expect(200);
    record!(
        DOMAIN,
        "put",
        "update, no change",
        sandbox.put(DEMO, &domain_path(101), &json!({})).await
    )
    .expect(200);
    record!(
        DOMAIN,
        "put",
        "bad field",
        sandbox
            .put(DEMO, &domain_path(101), &json!({"nameservers": ["x"]}))
            .await
    )
    .expect(400);
    record!(
        DOMAIN,
        "put",
        "held elsewhere",
        sandbox.put(DEMO, &domain_path(106), &json!({"locked": true})).await
    )
    .expect(400);
    record!(
        DOMAIN,
        "put",
        "foreign id",
        sandbox.put(DEMO, &domain_path(110), &json!({})).await
    )
    .expect(404);
    record!(
        DOMAIN,
        "put",
        "too large",
        sandbox
            .raw(
                Method::PUT,
                Some(DEMO),
                &domain_path(101),
                Some("application/json"),
                big()
            )
            .await
    )
    .expect(413);
    record!(
        DOMAIN,
        "put",
        "not JSON",
        sandbox
            .raw(
                Method::PUT,
                Some(DEMO),
                &domain_path(101),
                Some("text/plain"),
                b"x".to_vec()
            )
            .await
    )
    .expect(415);
    record!(
        DOMAIN,
        "put",
        "no token",
        sandbox
            .send(sandbox.request(Method::PUT, &domain_path(101), None).json(&update))
            .await
    )
    .expect(401);

    record!(
        TRANSFER,
        "post",
        "already at VPS.org",
        sandbox.transfer(DEMO, 101, &json!({"auth_code": LEGACY_CODE})).await
    )
    .expect(400);
    record!(
        TRANSFER,
        "post",
        "wrong code",
        sandbox.transfer(DEMO, 106, &json!({"auth_code": "nope"})).await
    )
    .expect(400);
    record!(
        TRANSFER,
        "post",
        "missing code",
        sandbox.transfer(DEMO, 106, &json!({})).await
    )
    .expect(400);
    record!(
        TRANSFER,
        "post",
        "unknown id",
        sandbox.transfer(DEMO, 999, &json!({"auth_code": "x"})).await
    )
    .expect(404);
    sandbox.set_balance(DEMO, "1.00").await;
    record!(
        TRANSFER,
        "post",
        "no money",
        sandbox.transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE})).await
    )
    .expect(402);
    record!(
        LIST,
        "post",
        "no money",
        sandbox.register(DEMO, &json!({"domain_name": "poor.com"})).await
    )
    .expect(402);
    sandbox.set_balance(DEMO, "100.00").await;
    let transfer_request = |key: &str, code: &str| {
        sandbox
            .request(Method::POST, &transfer_path(106), Some(DEMO))
            .header("idempotency-key", key.to_string())
            .json(&json!({"auth_code": code}))
    };
    record!(
        TRANSFER,
        "post",
        "transfer",
        sandbox.send(transfer_request("t-key", LEGACY_CODE)).await
    )
    .expect(200);
    record!(
        TRANSFER,
        "post",
        "transfer, replayed",
        sandbox.send(transfer_request("t-key", LEGACY_CODE)).await
    )
    .expect(200);
    record!(
        TRANSFER,
        "post",
        "same key, other body",
        sandbox.send(transfer_request("t-key", "other")).await
    )
    .expect(422);
    record!(
        TRANSFER,
        "post",
        "pending already",
        sandbox.transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE})).await
    )
    .expect(400);
    record!(
        TRANSFER,
        "post",
        "too large",
        sandbox
            .raw(
                Method::POST,
                Some(DEMO),
                &transfer_path(106),
                Some("application/json"),
                big()
            )
            .await
    )
    .expect(413);
    record!(
        TRANSFER,
        "post",
        "not JSON",
        sandbox
            .raw(
                Method::POST,
                Some(DEMO),
                &transfer_path(106),
                Some("text/plain"),
                b"x".to_vec()
            )
            .await
    )
    .expect(415);
    record!(
        TRANSFER,
        "post",
        "no token",
        sandbox
            .send(sandbox.request(Method::POST, &transfer_path(106), None))
            .await
    )
    .expect(401);
    record!(
        DOMAIN,
        "get",
        "detail, transfer pending",
        sandbox.get(DEMO, &domain_path(106)).await
    )
    .expect(200);
    sandbox.advance(TRANSFER_DELAY + 1).await;
    record!(
        DOMAIN,
        "get",
        "detail, transfer completed",
        sandbox.get(DEMO, &domain_path(106)).await
    )
    .expect(200);

    record!(
        DOMAIN,
        "delete",
        "delete",
        sandbox.delete(DEMO, &domain_path(105)).await
    )
    .expect(204);
    record!(
        DOMAIN,
        "delete",
        "delete again",
        sandbox.delete(DEMO, &domain_path(105)).await
    )
    .expect(404);
    record!(
        DOMAIN,
        "delete",
        "no token",
        sandbox
            .send(sandbox.request(Method::DELETE, &domain_path(101), None))
            .await
    )
    .expect(401);

    let mut failures = Vec::new();
    for (template, method, what, reply) in &answers {
        for error in validator.check(template, method, reply) {
            failures.push(format!(
                "{} {template} ({what}, {}): {error}",
                method.to_uppercase(),
                reply.status
            ));
        }
    }
    // 405 is answered by every path for the methods it lacks: components.responses.MethodNotAllowed.
    let not_allowed = validator.resolve("#/components/responses/MethodNotAllowed");
    for (method, path) in [
        (Method::PATCH, domain_path(101)),
        (Method::PATCH, DOMAINS.to_string()),
        (Method::GET, transfer_path(106)),
    ] {
        let reply = sandbox.send(sandbox.request(method.clone(), &path, Some(DEMO))).await;
        reply.expect(405);
        for error in validator.check_against(not_allowed, &reply) {
            failures.push(format!("{method} {path} (405): {error}"));
        }
    }
    assert!(
        failures.is_empty(),
        "answers that do not match the document:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_answers_match_the_documented_schemas_too() {
    let sandbox = Sandbox::start().await;
    let doc = fetch_document(&sandbox).await;
    let validator = Validator { doc: &doc };
    let api = sandbox.api();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let api = api.clone();
        tasks.spawn(async move {
            let request = api
                .request(Method::POST, DOMAINS, Some(DEMO))
                .header("idempotency-key", "raced")
                .json(&json!({"domain_name": "raced.io"}));
            api.send(request).await
        });
    }
    let mut failures = Vec::new();
    while let Some(reply) = tasks.join_next().await {
        let reply = reply.expect("the task finishes");
        assert!(reply.status == 201 || reply.status == 409, "{}", reply.status);
        failures.extend(validator.check("/api/v1/domains/", "post", &reply));
    }
    assert!(failures.is_empty(), "{failures:?}");
}
