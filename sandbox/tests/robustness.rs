//! The sandbox under abuse: a table of malformed bodies against the three endpoints that take
//! one (each a JSON 4xx, nothing changed), simultaneous requests racing for one name, for the
//! last dollars of a balance, with one `Idempotency-Key` or for one transfer, and SIGKILL in
//! the middle of work (whatever was acknowledged survives, and every charge has its domain).
//! In process, except the SIGKILL, which needs the real binary.

// Amounts in cents are grouped as dollars_cents: 100_00 is $100.00, 12_99 is $12.99.
#![allow(clippy::inconsistent_digit_grouping)]

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::Arc;
use tokio::sync::Barrier;
use tokio::task::JoinSet;

#[derive(Clone, Copy, Debug)]
enum Target {
    Register,
    Update,
    Transfer,
}

impl Target {
    fn request(self) -> (Method, String) {
        match self {
            Target::Register => (Method::POST, DOMAINS.to_string()),
            Target::Update => (Method::PUT, domain_path(101)),
            Target::Transfer => (Method::POST, transfer_path(106)),
        }
    }
}

fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

fn nested_objects(depth: usize) -> String {
    format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
}

/// Every body here must be refused with a JSON 4xx. `fresh-a.com` is a free, valid name, so a
/// case that slipped through would show up as a new domain and a charge.
fn malformed_bodies() -> Vec<(Target, String, Vec<u8>)> {
    use Target::*;
    let text: Vec<(Target, &str, String)> = vec![
        // register: wrong types, missing and unknown fields
        (Register, "name is a number", r#"{"domain_name": 5}"#.into()),
        (Register, "name is null", r#"{"domain_name": null}"#.into()),
        (Register, "name is a boolean", r#"{"domain_name": true}"#.into()),
        (Register, "name is an array", r#"{"domain_name": ["fresh-a.com"]}"#.into()),
        (Register, "name is an object", r#"{"domain_name": {"name": "fresh-a.com"}}"#.into()),
        (Register, "empty object", "{}".into()),
        (Register, "name missing", r#"{"years": 2}"#.into()),
        (Register, "years 0", r#"{"domain_name": "fresh-a.com", "years": 0}"#.into()),
        (Register, "years 11", r#"{"domain_name": "fresh-a.com", "years": 11}"#.into()),
        (Register, "years as a string", r#"{"domain_name": "fresh-a.com", "years": "2"}"#.into()),
        (Register, "years 1.5", r#"{"domain_name": "fresh-a.com", "years": 1.5}"#.into()),
        (Register, "years -1", r#"{"domain_name": "fresh-a.com", "years": -1}"#.into()),
        (Register, "years true", r#"{"domain_name": "fresh-a.com", "years": true}"#.into()),
        (Register, "years null", r#"{"domain_name": "fresh-a.com", "years": null}"#.into()),
        (Register, "years in an array", r#"{"domain_name": "fresh-a.com", "years": [2]}"#.into()),
        (Register, "years 1e400", r#"{"domain_name": "fresh-a.com", "years": 1e400}"#.into()),
        (Register, "years beyond u64", r#"{"domain_name": "fresh-a.com", "years": 18446744073709551617}"#.into()),
        (Register, "years below i64", r#"{"domain_name": "fresh-a.com", "years": -9223372036854775809}"#.into()),
        (Register, "auto_renew 1", r#"{"domain_name": "fresh-a.com", "auto_renew": 1}"#.into()),
        (Register, "auto_renew as a string", r#"{"domain_name": "fresh-a.com", "auto_renew": "true"}"#.into()),
        (Register, "privacy null", r#"{"domain_name": "fresh-a.com", "privacy_protection": null}"#.into()),
        (Register, "one nameserver", r#"{"domain_name": "fresh-a.com", "nameservers": ["ns1.vps.org"]}"#.into()),
        (
            Register,
            "five nameservers",
            r#"{"domain_name": "fresh-a.com", "nameservers": ["a.example.net", "b.example.net", "c.example.net", "d.example.net", "e.example.net"]}"#.into(),
        ),
        (Register, "no nameservers", r#"{"domain_name": "fresh-a.com", "nameservers": []}"#.into()),
        (Register, "IPv4 nameservers", r#"{"domain_name": "fresh-a.com", "nameservers": ["192.0.2.1", "198.51.100.7"]}"#.into()),
        (Register, "IPv6 nameserver", r#"{"domain_name": "fresh-a.com", "nameservers": ["2001:db8::1", "ns2.vps.org"]}"#.into()),
        (Register, "nameservers as one string", r#"{"domain_name": "fresh-a.com", "nameservers": "ns1.vps.org,ns2.vps.org"}"#.into()),
        (Register, "nameserver is a number", r#"{"domain_name": "fresh-a.com", "nameservers": ["ns1.vps.org", 7]}"#.into()),
        (Register, "duplicate nameservers", r#"{"domain_name": "fresh-a.com", "nameservers": ["ns1.vps.org", "NS1.VPS.ORG."]}"#.into()),
        (Register, "single-label nameserver", r#"{"domain_name": "fresh-a.com", "nameservers": ["localhost", "ns2.vps.org"]}"#.into()),
        (Register, "nameservers null", r#"{"domain_name": "fresh-a.com", "nameservers": null}"#.into()),
        (Register, "nameservers as an object", r#"{"domain_name": "fresh-a.com", "nameservers": {"0": "ns1.vps.org", "1": "ns2.vps.org"}}"#.into()),
        (Register, "unknown field", r#"{"domain_name": "fresh-a.com", "colour": "blue"}"#.into()),
        (Register, "read-only status", r#"{"domain_name": "fresh-a.com", "status": "active"}"#.into()),
        (Register, "read-only id", r#"{"domain_name": "fresh-a.com", "id": 1}"#.into()),
        (Register, "read-only total_cost", r#"{"domain_name": "fresh-a.com", "total_cost": 0}"#.into()),
        (Register, "read-only registrar", r#"{"domain_name": "fresh-a.com", "registrar": "VPS.org"}"#.into()),
        (Register, "read-only expiration", r#"{"domain_name": "fresh-a.com", "expiration_date": "2099-01-01T00:00:00Z"}"#.into()),
        (Register, "field name in another case", r#"{"domain_name": "fresh-a.com", "Domain_Name": "fresh-b.com"}"#.into()),
        // register: names that must not pass
        (Register, "zero-width joiner", r#"{"domain_name": "fresh\u200d-a.com"}"#.into()),
        (Register, "zero-width non-joiner", "{\"domain_name\": \"fresh\u{200c}-a.com\"}".into()),
        (Register, "right-to-left override", "{\"domain_name\": \"\u{202e}moc.a-hserf\"}".into()),
        (Register, "full-width spelling of a reserved name", "{\"domain_name\": \"ｇｏｏｇｌｅ。ｃｏｍ\"}".into()),
        (Register, "homoglyphs in the TLD", "{\"domain_name\": \"fresh-a.соm\"}".into()),
        (Register, "mixed-script spoof of a taken name", "{\"domain_name\": \"gооgle.соm\"}".into()),
        (Register, "emoji TLD", "{\"domain_name\": \"😀.😀\"}".into()),
        (Register, "emoji joined by ZWJ", "{\"domain_name\": \"👩‍💻.com\"}".into()),
        (Register, "NUL in the name", r#"{"domain_name": "\u0000fresh-a.com"}"#.into()),
        (Register, "two ideographic full stops", "{\"domain_name\": \"fresh-a.com。。\"}".into()),
        (Register, "invalid punycode", r#"{"domain_name": "xn--zz.com"}"#.into()),
        (Register, "subdomain", r#"{"domain_name": "shop.fresh-a.com"}"#.into()),
        (Register, "unoffered TLD", r#"{"domain_name": "fresh-a.xyz"}"#.into()),
        (Register, "leading hyphen", r#"{"domain_name": "-fresh.com"}"#.into()),
        (Register, "underscore", r#"{"domain_name": "fresh_a.com"}"#.into()),
        (Register, "space", r#"{"domain_name": "fresh a.com"}"#.into()),
        (Register, "percent-encoded dot", r#"{"domain_name": "fresh-a%2ecom"}"#.into()),
        (Register, "URL instead of a name", r#"{"domain_name": "https://fresh-a.com/"}"#.into()),
        (Register, "64-octet label", format!(r#"{{"domain_name": "{}.com"}}"#, "a".repeat(64))),
        (Register, "name over 253 octets", format!(r#"{{"domain_name": "{}com"}}"#, format!("{}.", "a".repeat(63)).repeat(4))),
        (Register, "60 000-character name", format!(r#"{{"domain_name": "{}.com"}}"#, "a".repeat(60_000))),
        (Register, "60 000-character punycode", format!(r#"{{"domain_name": "xn--{}.com"}}"#, "a".repeat(60_000))),
        (Register, "a thousand nameservers", format!(r#"{{"domain_name": "fresh-a.com", "nameservers": [{}]}}"#, vec!["\"ns.example.net\""; 1000].join(","))),
        (Register, "three thousand unknown keys", format!("{{\"domain_name\": \"fresh-a.com\", {}}}", (0..3000).map(|i| format!("\"k{i}\": 0")).collect::<Vec<_>>().join(","))),
        // register: not an object
        (Register, "null body", "null".into()),
        (Register, "array body", "[]".into()),
        (Register, "array of the object", r#"[{"domain_name": "fresh-a.com"}]"#.into()),
        (Register, "string body", r#""fresh-a.com""#.into()),
        (Register, "number body", "42".into()),
        (Register, "boolean body", "true".into()),
        // register: not JSON
        (Register, "trailing garbage", r#"{"domain_name": "fresh-a.com"} xyz"#.into()),
        (Register, "two objects", r#"{"domain_name": "fresh-a.com"}{"domain_name": "fresh-b.com"}"#.into()),
        (Register, "single quotes", "{'domain_name': 'fresh-a.com'}".into()),
        (Register, "a comment", r#"{"domain_name": "fresh-a.com" /* hi */}"#.into()),
        (Register, "NaN", r#"{"domain_name": "fresh-a.com", "years": NaN}"#.into()),
        (Register, "trailing comma", r#"{"domain_name": "fresh-a.com",}"#.into()),
        (Register, "unterminated", r#"{"domain_name": "fresh-a.co"#.into()),
        (Register, "lone surrogate", r#"{"domain_name": "\ud800fresh-a.com"}"#.into()),
        (Register, "invalid escape", r#"{"domain_name": "\x66resh-a.com"}"#.into()),
        (Register, "raw control character in a string", "{\"domain_name\": \"fresh\t-a.com\"}".into()),
        (Register, "1000-deep arrays", format!(r#"{{"domain_name": {}}}"#, nested_arrays(1000))),
        (Register, "30 000-deep arrays", nested_arrays(30_000)),
        (Register, "1000-deep objects", format!(r#"{{"domain_name": "fresh-a.com", "x": {}}}"#, nested_objects(1000))),
        (Register, "duplicate keys, both taken", r#"{"domain_name": "google.com", "domain_name": "taken.io"}"#.into()),
        (Register, "duplicate keys, both bad", r#"{"domain_name": "fresh-a.com", "years": 0, "years": 11}"#.into()),
        // update (PUT 101): every field optional, so each of these must still fail
        (Update, "auto_renew as a string", r#"{"auto_renew": "false"}"#.into()),
        (Update, "auto_renew 0", r#"{"auto_renew": 0}"#.into()),
        (Update, "auto_renew null", r#"{"auto_renew": null}"#.into()),
        (Update, "locked as a string", r#"{"locked": "yes"}"#.into()),
        (Update, "privacy in an array", r#"{"privacy_protection": [true]}"#.into()),
        (Update, "no nameservers", r#"{"nameservers": []}"#.into()),
        (Update, "nameservers null", r#"{"nameservers": null}"#.into()),
        (Update, "one nameserver", r#"{"nameservers": ["ns1.vps.org"]}"#.into()),
        (Update, "five nameservers", r#"{"nameservers": ["a.example.net", "b.example.net", "c.example.net", "d.example.net", "e.example.net"]}"#.into()),
        (Update, "the same nameserver twice", r#"{"nameservers": ["ns1.vps.org", "ns1.vps.org"]}"#.into()),
        (Update, "IP nameservers", r#"{"nameservers": ["10.0.0.1", "10.0.0.2"]}"#.into()),
        (Update, "zero-width joiner in a nameserver", r#"{"nameservers": ["ns1.vp\u200ds.org", "ns2.vps.org"]}"#.into()),
        (Update, "RTL override in a nameserver", "{\"nameservers\": [\"ns1.\u{202e}gro.spv\", \"ns2.vps.org\"]}".into()),
        (Update, "a nameserver as an object", r#"{"nameservers": ["ns1.vps.org", {"host": "ns2.vps.org"}]}"#.into()),
        (Update, "a nameserver as an array", r#"{"nameservers": [["ns1.vps.org"], "ns2.vps.org"]}"#.into()),
        (Update, "a 60 000-character nameserver", format!(r#"{{"nameservers": ["{}.com", "ns2.vps.org"]}}"#, "n".repeat(60_000))),
        (Update, "read-only domain_name", r#"{"domain_name": "renamed.com"}"#.into()),
        (Update, "read-only status", r#"{"status": "expired"}"#.into()),
        (Update, "read-only id", r#"{"id": 102}"#.into()),
        (Update, "read-only expiration", r#"{"expiration_date": "2099-01-01T00:00:00Z"}"#.into()),
        (Update, "read-only dns_managed_by", r#"{"dns_managed_by": "vps.org"}"#.into()),
        (Update, "read-only whois_info", r#"{"whois_info": {}}"#.into()),
        (Update, "valid field with an unknown one", r#"{"auto_renew": false, "colour": 1}"#.into()),
        (Update, "valid field with a bad one", r#"{"auto_renew": false, "locked": "no"}"#.into()),
        (Update, "array body", "[]".into()),
        (Update, "null body", "null".into()),
        (Update, "string body", r#""auto_renew""#.into()),
        (Update, "trailing garbage", r#"{"auto_renew": false} {"#.into()),
        (Update, "1000-deep arrays", format!(r#"{{"nameservers": {}}}"#, nested_arrays(1000))),
        (Update, "duplicate keys, both bad", r#"{"locked": "a", "locked": "b"}"#.into()),
        // transfer (POST 106): the right code sits beside every defect
        (Transfer, "empty object", "{}".into()),
        (Transfer, "code null", r#"{"auth_code": null}"#.into()),
        (Transfer, "code a number", r#"{"auth_code": 123}"#.into()),
        (Transfer, "code a boolean", r#"{"auth_code": true}"#.into()),
        (Transfer, "code empty", r#"{"auth_code": ""}"#.into()),
        (Transfer, "code only white space", r#"{"auth_code": "   \t\n"}"#.into()),
        (Transfer, "code 300 characters", format!(r#"{{"auth_code": "{}"}}"#, "x".repeat(300))),
        (Transfer, "code in an array", format!(r#"{{"auth_code": ["{LEGACY_CODE}"]}}"#)),
        (Transfer, "code in an object", format!(r#"{{"auth_code": {{"code": "{LEGACY_CODE}"}}}}"#)),
        (Transfer, "auto_renew as a string", format!(r#"{{"auth_code": "{LEGACY_CODE}", "auto_renew": "yes"}}"#)),
        (Transfer, "auto_renew null", format!(r#"{{"auth_code": "{LEGACY_CODE}", "auto_renew": null}}"#)),
        (Transfer, "unknown field", format!(r#"{{"auth_code": "{LEGACY_CODE}", "years": 2}}"#)),
        (Transfer, "read-only transfer_status", format!(r#"{{"auth_code": "{LEGACY_CODE}", "transfer_status": "completed"}}"#)),
        (Transfer, "read-only registrar", format!(r#"{{"auth_code": "{LEGACY_CODE}", "registrar": "VPS.org"}}"#)),
        (Transfer, "code in another case", r#"{"auth_code": "xY9kL2mN#4Pq"}"#.into()),
        (Transfer, "code with a NUL", r#"{"auth_code": "Xy9Kl2Mn#4pQ\u0000"}"#.into()),
        (Transfer, "code with a zero-width joiner", r#"{"auth_code": "Xy9Kl2Mn\u200d#4pQ"}"#.into()),
        (Transfer, "code in full-width letters", "{\"auth_code\": \"Ｘｙ９Ｋｌ２Ｍｎ＃４ｐＱ\"}".into()),
        (Transfer, "duplicate keys, both wrong", r#"{"auth_code": "wrong-1", "auth_code": "wrong-2"}"#.into()),
        (Transfer, "array body", format!(r#"["{LEGACY_CODE}"]"#)),
        (Transfer, "string body", format!(r#""{LEGACY_CODE}""#)),
        (Transfer, "trailing garbage", format!(r#"{{"auth_code": "{LEGACY_CODE}"}} garbage"#)),
        (Transfer, "1000-deep arrays", format!(r#"{{"auth_code": "{LEGACY_CODE}", "auto_renew": {}}}"#, nested_arrays(1000))),
    ];
    let mut cases: Vec<(Target, String, Vec<u8>)> = text
        .into_iter()
        .map(|(target, name, body)| (target, name.to_string(), body.into_bytes()))
        .collect();
    // Bytes that are not UTF-8.
    let invalid_utf8: [(Target, &str, &[u8]); 6] = [
        (
            Target::Register,
            "0xFF in a string",
            b"{\"domain_name\": \"fresh\xff-a.com\"}",
        ),
        (
            Target::Register,
            "overlong encoding",
            b"{\"domain_name\": \"fresh\xc0\xaf-a.com\"}",
        ),
        (
            Target::Register,
            "truncated multi-byte character",
            b"{\"domain_name\": \"fresh-a.com\xe2\x82\"}",
        ),
        (
            Target::Register,
            "UTF-8 byte-order mark",
            b"\xef\xbb\xbf{\"domain_name\": \"fresh-a.com\"}",
        ),
        (Target::Update, "0xFE in a key", b"{\"auto_renew\xfe\": false}"),
        (
            Target::Transfer,
            "Latin-1 auth code",
            b"{\"auth_code\": \"Xy9Kl2Mn#4p\xd1\"}",
        ),
    ];
    for (target, name, bytes) in invalid_utf8 {
        cases.push((target, name.to_string(), bytes.to_vec()));
    }
    cases
}

#[tokio::test]
async fn malformed_bodies_get_a_json_4xx_and_change_nothing() {
    let sandbox = Sandbox::start().await;
    let list_before = sandbox.list(DEMO, "").await;
    let example_before = sandbox.detail(DEMO, 101).await;
    let legacy_before = sandbox.detail(DEMO, 106).await;
    let cases = malformed_bodies();
    let count = |target: fn(&Target) -> bool| cases.iter().filter(|(t, _, _)| target(t)).count();
    assert!(
        count(|t| matches!(t, Target::Register)) >= 40,
        "at least 40 against registration"
    );
    assert!(count(|t| matches!(t, Target::Update)) >= 20);
    assert!(count(|t| matches!(t, Target::Transfer)) >= 20);

    let mut failures = Vec::new();
    for (target, name, body) in &cases {
        let (method, path) = target.request();
        let reply = sandbox
            .raw(
                method.clone(),
                Some(DEMO),
                &path,
                Some("application/json"),
                body.clone(),
            )
            .await;
        let json: Option<Value> = serde_json::from_slice(&reply.bytes).ok();
        let is_json_type = reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json"));
        // Every one of these is within the size limit and sent as JSON: each is a 400.
        let problem = if reply.status != 400 {
            Some(format!("status {}", reply.status))
        } else if !is_json_type {
            Some(format!("content type {:?}", reply.header("content-type")))
        } else if !json.as_ref().is_some_and(Value::is_object) {
            Some("the body is not a JSON object".to_string())
        } else if reply.text().contains(LEGACY_CODE) {
            Some("the body echoes the auth code".to_string())
        } else {
            None
        };
        if let Some(problem) = problem {
            let shown: String = reply.text().chars().take(200).collect();
            failures.push(format!("{target:?} {name}: {problem}: {shown}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );

    assert_eq!(
        sandbox.list(DEMO, "").await,
        list_before,
        "no domain created or changed"
    );
    assert_eq!(
        sandbox.detail(DEMO, 101).await,
        example_before,
        "101 untouched by the PUTs"
    );
    assert_eq!(sandbox.detail(DEMO, 106).await, legacy_before, "no transfer started");
    assert_eq!(sandbox.balance(DEMO).await, 100_00, "nothing charged");
    assert_eq!(sandbox.balance(OTHER).await, 50_00);
    sandbox
        .register(DEMO, &json!({"domain_name": "fresh-a.com"}))
        .await
        .expect(201);
}

// ---------------------------------------------------------------- races

/// Runs `count` copies of a request at once (released together by a barrier).
async fn all_at_once<F, Fut>(count: usize, make: F) -> Vec<Reply>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Reply> + Send + 'static,
{
    let barrier = Arc::new(Barrier::new(count));
    let mut tasks = JoinSet::new();
    for index in 0..count {
        let barrier = Arc::clone(&barrier);
        let request = make(index);
        tasks.spawn(async move {
            barrier.wait().await;
            request.await
        });
    }
    let mut replies = Vec::new();
    while let Some(reply) = tasks.join_next().await {
        replies.push(reply.expect("the task finishes"));
    }
    replies
}

fn statuses(replies: &[Reply]) -> Vec<u16> {
    let mut statuses: Vec<u16> = replies.iter().map(|reply| reply.status).collect();
    statuses.sort_unstable();
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_registrations_of_one_name_make_one_domain() {
    let sandbox = Sandbox::start().await;
    let api = sandbox.api();
    let replies = all_at_once(20, |_| {
        let api = api.clone();
        async move { api.register(DEMO, &json!({"domain_name": "race.com"})).await }
    })
    .await;
    let created: Vec<&Reply> = replies.iter().filter(|reply| reply.status == 201).collect();
    assert_eq!(created.len(), 1, "exactly one 201: {:?}", statuses(&replies));
    for reply in replies.iter().filter(|reply| reply.status != 201) {
        reply.expect_error(400);
        assert_eq!(
            reply.json(),
            json!({"domain_name": ["This domain is already registered."]})
        );
    }
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 12_99, "exactly one charge");
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 1);
    assert_eq!(sandbox.ids(DEMO, "?search=race.com").await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_registrations_with_money_for_three() {
    let sandbox = Sandbox::start().await;
    sandbox.set_balance(DEMO, "38.97").await;
    let api = sandbox.api();
    // Watch the balance while the race runs: it never goes below zero.
    let watcher = {
        let api = api.clone();
        tokio::spawn(async move {
            let mut lowest = i64::MAX;
            for _ in 0..40 {
                lowest = lowest.min(api.balance(DEMO).await);
                tokio::task::yield_now().await;
            }
            lowest
        })
    };
    let replies = all_at_once(10, |index| {
        let api = api.clone();
        async move {
            api.register(DEMO, &json!({"domain_name": format!("money-{index}.com")}))
                .await
        }
    })
    .await;
    let lowest = watcher.await.expect("the watcher finishes");
    assert_eq!(statuses(&replies), [vec![201; 3], vec![402; 7]].concat());
    for reply in replies.iter().filter(|reply| reply.status == 402) {
        reply.expect_error(402);
        assert!(!reply.detail().is_empty());
    }
    assert!(lowest >= 0, "the balance went below zero: {lowest}");
    assert_eq!(sandbox.balance(DEMO).await, 38_97 - 3 * 12_99);
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 3);
    let created: BTreeSet<String> = replies
        .iter()
        .filter(|r| r.status == 201)
        .map(|r| r.json()["domain_name"].as_str().unwrap().to_string())
        .collect();
    let listed: BTreeSet<String> = sandbox.list(DEMO, "?search=money-").await["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain_name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        created, listed,
        "the domains that exist are exactly the ones acknowledged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_requests_with_one_idempotency_key_charge_once() {
    let sandbox = Sandbox::start().await;
    let api = sandbox.api();
    let replies = all_at_once(20, |_| {
        let api = api.clone();
        async move {
            let request = api
                .request(Method::POST, DOMAINS, Some(DEMO))
                .header("idempotency-key", "one-key-for-all")
                .json(&json!({"domain_name": "same-key.com", "years": 2}));
            api.send(request).await
        }
    })
    .await;
    let created: Vec<&Reply> = replies.iter().filter(|reply| reply.status == 201).collect();
    assert!(!created.is_empty(), "{:?}", statuses(&replies));
    for reply in &created {
        assert_eq!(reply.bytes, created[0].bytes, "every 201 is the identical answer");
    }
    for reply in replies.iter().filter(|reply| reply.status != 201) {
        reply.expect_error(409);
        assert!(!reply.detail().is_empty());
    }
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 25_98, "one charge");
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 1);
    // Afterwards the key replays.
    let request = sandbox
        .request(Method::POST, DOMAINS, Some(DEMO))
        .header("idempotency-key", "one-key-for-all")
        .json(&json!({"domain_name": "same-key.com", "years": 2}));
    let replay = sandbox.send(request).await;
    replay.expect(201);
    assert_eq!(replay.bytes, created[0].bytes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_simultaneous_transfers_start_one() {
    let sandbox = Sandbox::start().await;
    let api = sandbox.api();
    let replies = all_at_once(10, |_| {
        let api = api.clone();
        async move { api.transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE})).await }
    })
    .await;
    assert_eq!(statuses(&replies), [vec![200], vec![400; 9]].concat());
    for reply in replies.iter().filter(|reply| reply.status == 400) {
        assert!(reply.detail().contains("pending"), "{}", reply.detail());
    }
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 12_99, "one fee");
}

// ---------------------------------------------------------------- SIGKILL

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn what_was_acknowledged_survives_sigkill() {
    let mut sandbox = Server::start();
    let created = sandbox
        .register(DEMO, &json!({"domain_name": "durable.com", "years": 3}))
        .await;
    created.expect(201);
    sandbox.kill();
    sandbox.restart();
    let detail = sandbox.detail(DEMO, created.json()["id"].as_u64().unwrap()).await;
    assert_eq!(detail["domain_name"], "durable.com");
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 3 * 12_99);

    // Kill while registrations are in flight: every acknowledged one survives, and every
    // domain that exists was paid for (the charge and the row are one transaction).
    sandbox.set_balance(DEMO, "1000.00").await;
    let api = sandbox.api();
    let mut tasks = JoinSet::new();
    for index in 0..30 {
        let api = api.clone();
        tasks.spawn(async move {
            let name = format!("inflight-{index}.com");
            let request = api
                .request(Method::POST, DOMAINS, Some(DEMO))
                .json(&json!({"domain_name": name}));
            let outcome = request.send().await;
            (name, outcome.map(|response| response.status().as_u16()).ok())
        });
    }
    // Let some finish, then pull the plug.
    let mut outcomes = Vec::new();
    while outcomes.len() < 5 {
        outcomes.push(tasks.join_next().await.expect("a task").expect("the task finishes"));
    }
    sandbox.kill();
    while let Some(outcome) = tasks.join_next().await {
        outcomes.push(outcome.expect("the task finishes"));
    }
    sandbox.restart();

    let existing: BTreeSet<String> = sandbox.list(DEMO, "?search=inflight-").await["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain_name"].as_str().unwrap().to_string())
        .collect();
    let acknowledged: BTreeSet<String> = outcomes
        .iter()
        .filter(|(_, status)| *status == Some(201))
        .map(|(name, _)| name.clone())
        .collect();
    assert!(acknowledged.len() >= 5, "{outcomes:?}");
    assert!(
        acknowledged.is_subset(&existing),
        "acknowledged {acknowledged:?}, existing {existing:?}"
    );
    assert_eq!(
        sandbox.balance(DEMO).await,
        1000_00 - 12_99 * existing.len() as i64,
        "every existing domain was charged, and nothing else"
    );
    // The database is usable and consistent after the crash.
    sandbox
        .register(DEMO, &json!({"domain_name": "after-crash.com"}))
        .await
        .expect(201);
}
