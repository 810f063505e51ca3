//! `POST /sandbox/generate`: N generated domains for the token's account in one transaction —
//! valid, unique, realistic names over all seven TLDs, every status, some held elsewhere — that
//! never collide with what is registered, charge nothing, and obey the lifecycle.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const GENERATE: &str = "/sandbox/generate";
const TLDS: [&str; 7] = ["com", "net", "org", "io", "dev", "app", "co"];

async fn generate(api: &Api, token: &str, count: u64) -> Value {
    api.post(token, GENERATE, &json!({ "count": count }))
        .await
        .expect(200)
        .json()
}

fn names_of(list: &Value) -> Vec<String> {
    list["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|item| item["domain_name"].as_str().expect("a name").to_string())
        .collect()
}

#[tokio::test]
async fn adds_unique_realistic_domains_in_every_state() {
    let sandbox = Sandbox::start().await;
    let before = sandbox.balance(DEMO).await;
    assert_eq!(generate(&sandbox, DEMO, 600).await, json!({ "created": 600 }));

    let list = sandbox.list(DEMO, "").await;
    assert_eq!(list["count"], json!(DEMO_DOMAIN_COUNT + 600));
    let names = names_of(&list);
    let unique: BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "names are unique");
    assert!(names.contains(&"example.com".to_string()), "the seed stays");

    // Names: one label under an offered TLD, lower-case LDH (punycode for the few IDNs).
    let generated: Vec<&Value> = list["results"].as_array().unwrap()[DEMO_DOMAIN_COUNT as usize..]
        .iter()
        .collect();
    let mut tlds = BTreeSet::new();
    for item in &generated {
        let name = item["domain_name"].as_str().unwrap();
        let (label, tld) = name.split_once('.').expect("label and TLD");
        assert!(TLDS.contains(&tld), "{name}");
        assert!(
            !label.contains('.') && !label.starts_with('-') && !label.ends_with('-'),
            "{name}"
        );
        assert!(
            label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name}"
        );
        tlds.insert(tld.to_string());
    }
    assert_eq!(tlds.len(), 7, "every TLD: {tlds:?}");

    // States: every status, both lock states, both DNS managers, auto-renew on and off.
    let count_by = |field: &str| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for item in &generated {
            *counts.entry(item[field].to_string()).or_default() += 1;
        }
        counts
    };
    let statuses = count_by("status");
    for status in ["\"active\"", "\"pending\"", "\"expired\""] {
        assert!(statuses.contains_key(status), "{status} in {statuses:?}");
    }
    assert!(statuses["\"active\""] > statuses["\"pending\""] + statuses["\"expired\""]);
    for field in ["locked", "auto_renew", "privacy_protection"] {
        assert_eq!(count_by(field).len(), 2, "{field} both ways");
    }
    assert_eq!(count_by("dns_managed_by").len(), 2);

    // Details: some held at other registrars, some expiring within 30 days.
    let mut registrars = BTreeSet::new();
    let mut within_30_days = 0;
    for item in &generated {
        let detail = sandbox.detail(DEMO, item["id"].as_u64().unwrap()).await;
        registrars.insert(detail["registrar"].as_str().unwrap().to_string());
        let days = detail["days_until_expiration"].as_i64().unwrap();
        if detail["status"] == "active" && (0..=30).contains(&days) {
            within_30_days += 1;
        }
        if detail["status"] == "expired" {
            assert!(days < 0, "expired in the past: {detail}");
        } else {
            assert!(days >= 0, "not yet due: {detail}");
        }
    }
    assert!(
        registrars.contains("VPS.org") && registrars.len() >= 3,
        "{registrars:?}"
    );
    assert!(within_30_days >= 10, "{within_30_days} expire within 30 days");

    // Nothing charged, and nothing due at once: only the pending ones change when the
    // activation delay has passed.
    assert_eq!(sandbox.balance(DEMO).await, before);
    sandbox.advance(ACTIVATION_DELAY).await;
    let after = sandbox.list(DEMO, "").await;
    assert_eq!(sandbox.list(DEMO, "?status=pending").await["count"], json!(0));
    assert_eq!(
        sandbox.list(DEMO, "?status=expired").await["count"].as_u64().unwrap(),
        statuses["\"expired\""] as u64 + 1,
        "the seed's expired domain and the generated ones; none newly expired"
    );
    assert_eq!(after["count"], list["count"]);
    assert_eq!(sandbox.balance(DEMO).await, before);

    // A generated name is as registered as any other.
    let taken = &names[DEMO_DOMAIN_COUNT as usize + 3];
    let reply = sandbox.register(DEMO, &json!({ "domain_name": taken })).await;
    assert_eq!(
        reply.expect_error(400)["domain_name"][0],
        "This domain is already registered."
    );
}

#[tokio::test]
async fn repeated_calls_never_collide_and_stay_in_the_account() {
    let sandbox = Sandbox::start_with(Options {
        quiet: true,
        ..Options::default()
    })
    .await;
    generate(&sandbox, DEMO, 3_000).await;
    generate(&sandbox, DEMO, 3_000).await;
    generate(&sandbox, OTHER, 99).await;

    let demo = sandbox.list(DEMO, "").await;
    assert_eq!(demo["count"], json!(DEMO_DOMAIN_COUNT + 6_000));
    let other = sandbox.list(OTHER, "").await;
    assert_eq!(other["count"], json!(100));
    let mut all: Vec<String> = names_of(&demo);
    all.extend(names_of(&other));
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "no name twice, across calls and accounts");
    // Ids keep increasing in one space.
    let ids = ids_of(&demo);
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
    // The IDNs read back in their Unicode form through search.
    let idns = all.iter().filter(|name| name.starts_with("xn--")).count();
    assert!(idns > 0, "a few IDNs among {}", all.len());
}

#[tokio::test]
async fn the_largest_batch_is_one_call() {
    let sandbox = Sandbox::start_with(Options {
        quiet: true,
        ..Options::default()
    })
    .await;
    assert_eq!(generate(&sandbox, OTHER, 50_000).await, json!({ "created": 50_000 }));
    assert_eq!(sandbox.count(OTHER).await, 50_001);
}

#[tokio::test]
async fn bad_requests_change_nothing() {
    let sandbox = Sandbox::start().await;
    for body in [
        json!({ "count": 0 }),
        json!({ "count": 50_001 }),
        json!({ "count": -1 }),
        json!({ "count": 1.5 }),
        json!({ "count": "10" }),
        json!({ "count": null }),
        json!({}),
    ] {
        let reply = sandbox.post(DEMO, GENERATE, &body).await;
        let error = reply.expect_error(400);
        assert!(error["count"].is_array(), "{body}: {error}");
    }
    let reply = sandbox
        .post(DEMO, GENERATE, &json!({ "count": 5, "names": ["a.com"] }))
        .await;
    assert!(reply.expect_error(400)["names"].is_array());

    let no_token = sandbox
        .send(
            sandbox
                .request(Method::POST, GENERATE, None)
                .json(&json!({ "count": 5 })),
        )
        .await;
    no_token.expect_error(401);
    assert_eq!(no_token.header("www-authenticate").as_deref(), Some("Bearer"));
    sandbox
        .post("not-a-token", GENERATE, &json!({ "count": 5 }))
        .await
        .expect_error(401);
    let get = sandbox.get(DEMO, GENERATE).await;
    get.expect_error(405);
    assert_eq!(get.header("allow").as_deref(), Some("POST"));
    sandbox
        .raw(
            Method::POST,
            Some(DEMO),
            GENERATE,
            Some("text/plain"),
            b"{\"count\": 5}".to_vec(),
        )
        .await
        .expect_error(415);

    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT);
}
