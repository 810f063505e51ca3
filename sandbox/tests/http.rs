//! HTTP-level behaviour: authentication, the order of checks, the JSON error for every
//! protocol failure (404/405/413/415/400), empty bodies, `Idempotency-Key`, CORS, `--static`
//! hosting and its headers, and the reset control, in process; on the real binary, what needs
//! its socket or its process: the body limit as the body arrives (chunked, and the connection
//! reused after a 413), the request log on stderr (and that no secret reaches it), and
//! durability across a SIGKILL and restart.

// Amounts in cents are grouped as dollars_cents: 100_00 is $100.00, 12_99 is $12.99.
#![allow(clippy::inconsistent_digit_grouping)]

mod common;

use common::*;
use reqwest::header::HeaderValue;
use reqwest::Method;
use serde_json::{json, Value};

/// The six operations: method, path, a valid body for the ones that take one.
fn operations() -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::GET, DOMAINS.to_string(), None),
        (
            Method::POST,
            DOMAINS.to_string(),
            Some(json!({"domain_name": "auth-check.com"})),
        ),
        (Method::GET, domain_path(101), None),
        (Method::PUT, domain_path(101), Some(json!({"auto_renew": false}))),
        (Method::DELETE, domain_path(101), None),
        (
            Method::POST,
            transfer_path(106),
            Some(json!({"auth_code": LEGACY_CODE})),
        ),
    ]
}

fn body_of(size: usize) -> Vec<u8> {
    // A valid registration padded with white space to exactly `size` bytes.
    let mut body = br#"{"domain_name": "boundary.com"}"#.to_vec();
    let closing = body.pop().unwrap();
    body.resize(size - 1, b' ');
    body.push(closing);
    body
}

// ---------------------------------------------------------------- auth and order of checks

#[tokio::test]
async fn every_endpoint_needs_a_known_bearer_token() {
    let sandbox = Sandbox::start().await;
    for (method, path, body) in operations() {
        let with_body = |builder: reqwest::RequestBuilder| match &body {
            Some(body) => builder.json(body),
            None => builder,
        };
        let missing = sandbox
            .send(with_body(sandbox.request(method.clone(), &path, None)))
            .await;
        missing.expect_error(401);
        assert_eq!(
            missing.json(),
            json!({"detail": "Authentication credentials were not provided."}),
            "{method} {path}"
        );
        assert_eq!(missing.header("www-authenticate").as_deref(), Some("Bearer"));

        let unknown = sandbox
            .send(with_body(sandbox.request(
                method.clone(),
                &path,
                Some("sandbox-demo-tokeN"),
            )))
            .await;
        unknown.expect_error(401);
        assert_eq!(unknown.json(), json!({"detail": "Invalid token."}), "{method} {path}");
        assert_eq!(unknown.header("www-authenticate").as_deref(), Some("Bearer"));
        assert!(
            !unknown.text().contains("sandbox-demo-tokeN"),
            "the token is never echoed"
        );

        let basic = sandbox
            .send(with_body(
                sandbox
                    .request(method.clone(), &path, None)
                    .header("authorization", "Basic ZGVtbzpkZW1v"),
            ))
            .await;
        basic.expect_error(401);
        assert_eq!(basic.header("www-authenticate").as_deref(), Some("Bearer"));
    }
    // Nothing happened.
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT);
    assert_eq!(sandbox.balance(DEMO).await, 100_00);
    // The scheme is case-insensitive, as HTTP says.
    let reply = sandbox
        .send(
            sandbox
                .request(Method::GET, DOMAINS, None)
                .header("authorization", format!("bearer {DEMO}")),
        )
        .await;
    reply.expect(200);
    // The sandbox's own account control needs the token too.
    sandbox
        .send(sandbox.request(Method::GET, "/sandbox/account", None))
        .await
        .expect_error(401);
}

#[tokio::test]
async fn the_order_of_checks() {
    let sandbox = Sandbox::start().await;
    let big = vec![b' '; 100 * 1024];
    // Auth before route: no token and a bad route is 401, not 404.
    for path in [
        "/api/v1/domains/abc/",
        "/api/v1/domains/101/nope/",
        "/api/v1/domains/999/",
    ] {
        let reply = sandbox.send(sandbox.request(Method::PATCH, path, None)).await;
        reply.expect_error(401);
    }
    sandbox
        .raw(Method::POST, None, &transfer_path(106), Some("text/plain"), big.clone())
        .await
        .expect_error(401);

    // Route and id before method: a bad or foreign id with PATCH is 404, not 405.
    for path in [
        "/api/v1/domains/abc/",
        "/api/v1/domains/999/",
        "/api/v1/domains/110/",
        "/api/v1/domains/999/transfer/",
    ] {
        let reply = sandbox.send(sandbox.request(Method::PATCH, path, Some(DEMO))).await;
        reply.expect_error(404);
        assert_eq!(reply.detail(), "Not found.", "{path}");
    }

    // Method: 405 with Allow, as JSON.
    let cases = [
        (Method::PATCH, domain_path(101), "GET, PUT, DELETE"),
        (Method::POST, domain_path(101), "GET, PUT, DELETE"),
        (Method::PATCH, DOMAINS.to_string(), "GET, POST"),
        (Method::PUT, DOMAINS.to_string(), "GET, POST"),
        (Method::DELETE, DOMAINS.to_string(), "GET, POST"),
        (Method::GET, transfer_path(106), "POST"),
        (Method::PUT, transfer_path(106), "POST"),
        (Method::DELETE, transfer_path(106), "POST"),
        (Method::PATCH, transfer_path(106), "POST"),
    ];
    for (method, path, allow) in cases {
        let reply = sandbox.send(sandbox.request(method.clone(), &path, Some(DEMO))).await;
        reply.expect_error(405);
        assert_eq!(reply.header("allow").as_deref(), Some(allow), "{method} {path}");
        assert!(!reply.detail().is_empty());
    }
    // Method before size; size before content type; content type before JSON.
    let reply = sandbox
        .raw(Method::PATCH, Some(DEMO), DOMAINS, Some("text/plain"), big.clone())
        .await;
    reply.expect_error(405);
    sandbox
        .raw(Method::POST, Some(DEMO), DOMAINS, Some("text/plain"), big.clone())
        .await
        .expect_error(413);
    sandbox
        .raw(Method::PUT, Some(DEMO), &domain_path(101), Some("text/plain"), big)
        .await
        .expect_error(413);
    sandbox
        .raw(
            Method::POST,
            Some(DEMO),
            DOMAINS,
            Some("text/plain"),
            b"{not json".to_vec(),
        )
        .await
        .expect_error(415);
    sandbox
        .raw(
            Method::POST,
            Some(DEMO),
            DOMAINS,
            Some("application/json"),
            b"{not json".to_vec(),
        )
        .await
        .expect_error(400);
    // Field validation before business rules: years is wrong, so the taken name is not looked at.
    let reply = sandbox
        .register(DEMO, &json!({"domain_name": "google.com", "years": 0}))
        .await;
    let body = reply.expect_error(400);
    assert!(
        body.get("years").is_some() && body.get("domain_name").is_none(),
        "{body}"
    );
    // Business rules before balance.
    sandbox.set_balance(DEMO, "0").await;
    sandbox
        .register(DEMO, &json!({"domain_name": "google.com"}))
        .await
        .expect_error(400);
    sandbox
        .register(DEMO, &json!({"domain_name": "free-name.com"}))
        .await
        .expect_error(402);
}

#[tokio::test]
async fn ids_are_plain_decimal_digits_as_sent() {
    let sandbox = Sandbox::start().await;
    sandbox.get(DEMO, "/api/v1/domains/0101/").await.expect(200);
    for id in [
        "%31%30%31",
        "+101",
        "101.0",
        "-101",
        // Above i64::MAX (no stored domain), and above u64::MAX.
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        for path in [format!("{DOMAINS}{id}/"), format!("{DOMAINS}{id}/transfer/")] {
            let reply = sandbox.get(DEMO, &path).await;
            reply.expect_error(404);
            assert_eq!(reply.detail(), "Not found.", "{path}");
            // Still 404 before 405.
            let reply = sandbox.send(sandbox.request(Method::PATCH, &path, Some(DEMO))).await;
            reply.expect_error(404);
        }
    }
    // The controls answer with and without the trailing slash; their prefix alone is no route.
    sandbox.get(DEMO, "/sandbox/account/").await.expect(200);
    for path in ["/sandbox", "/sandbox/"] {
        sandbox.get(DEMO, path).await.expect_error(404);
    }
}

// ---------------------------------------------------------------- protocol errors

#[tokio::test]
async fn body_size_limit_is_64_kib() {
    let sandbox = Server::start();
    let exact = body_of(64 * 1024);
    assert_eq!(exact.len(), 65_536);
    let reply = sandbox
        .raw(Method::POST, Some(DEMO), DOMAINS, Some("application/json"), exact)
        .await;
    reply.expect(201);
    assert_eq!(reply.json()["domain_name"], "boundary.com");

    let over = body_of(64 * 1024 + 1);
    let reply = sandbox
        .raw(
            Method::POST,
            Some(DEMO),
            DOMAINS,
            Some("application/json"),
            over.clone(),
        )
        .await;
    reply.expect_error(413);
    assert!(!reply.detail().is_empty());
    // The rest of the body is not read, so the connection is not kept: the answer says so.
    assert_eq!(reply.header("connection").as_deref(), Some("close"));
    sandbox
        .raw(
            Method::PUT,
            Some(DEMO),
            &domain_path(101),
            Some("application/json"),
            over.clone(),
        )
        .await
        .expect_error(413);
    sandbox
        .raw(
            Method::POST,
            Some(DEMO),
            &transfer_path(106),
            Some("application/json"),
            over.clone(),
        )
        .await
        .expect_error(413);

    // Without a Content-Length (chunked), the limit holds as the body arrives.
    let mut request = format!(
        "POST /api/v1/domains/ HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {DEMO}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        sandbox.addr
    )
    .into_bytes();
    for chunk in over.chunks(8 * 1024) {
        request.extend(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend(chunk);
        request.extend(b"\r\n");
    }
    request.extend(b"0\r\n\r\n");
    let (status, head, body) = sandbox.raw_http(&request).await;
    assert_eq!(status, 413, "{head}");
    assert!(
        head.to_ascii_lowercase().contains("content-type: application/json"),
        "{head}"
    );
    assert!(String::from_utf8_lossy(&body).contains("\"detail\""), "{head}");
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 1);

    // An oversized body is refused without being read: the connection must not be left in a
    // state where the client's next request on it fails. One client, strictly in turn.
    sandbox.set_balance(DEMO, "1000.00").await;
    for round in 0..20 {
        let big = vec![b' '; 200 * 1024];
        sandbox
            .raw(Method::POST, Some(DEMO), DOMAINS, Some("application/json"), big.clone())
            .await
            .expect_error(413);
        sandbox
            .raw(
                Method::PATCH,
                Some(DEMO),
                DOMAINS,
                Some("application/json"),
                big.clone(),
            )
            .await
            .expect_error(405);
        sandbox
            .raw(Method::POST, None, DOMAINS, Some("application/json"), big)
            .await
            .expect_error(401);
        let reply = sandbox
            .register(DEMO, &json!({"domain_name": format!("after-413-{round}.com")}))
            .await;
        reply.expect(201);
    }
}

#[tokio::test]
async fn content_types_malformed_json_and_empty_bodies() {
    let sandbox = Sandbox::start().await;
    let body = |name: &str| format!("{{\"domain_name\": \"{name}\"}}").into_bytes();
    for (content_type, name) in [
        ("application/json; charset=utf-8", "charset.com"),
        ("Application/JSON", "upper-case-type.com"),
        ("application/json;charset=UTF-8", "no-space.com"),
    ] {
        let reply = sandbox
            .raw(Method::POST, Some(DEMO), DOMAINS, Some(content_type), body(name))
            .await;
        reply.expect(201);
    }
    for content_type in [
        Some("text/plain"),
        None,
        Some("application/x-www-form-urlencoded"),
        Some("application/json-patch+json"),
        Some("text/json"),
    ] {
        let reply = sandbox
            .raw(Method::POST, Some(DEMO), DOMAINS, content_type, body("wrong-type.com"))
            .await;
        reply.expect_error(415);
        assert!(!reply.detail().is_empty(), "{content_type:?}");
        sandbox
            .raw(
                Method::PUT,
                Some(DEMO),
                &domain_path(101),
                content_type,
                b"{\"auto_renew\": false}".to_vec(),
            )
            .await
            .expect_error(415);
        sandbox
            .raw(
                Method::POST,
                Some(DEMO),
                &transfer_path(106),
                content_type,
                format!("{{\"auth_code\": \"{LEGACY_CODE}\"}}").into_bytes(),
            )
            .await
            .expect_error(415);
    }
    assert_eq!(sandbox.detail(DEMO, 101).await["auto_renew"], true);

    // Malformed JSON and invalid UTF-8 are 400 with a detail.
    let malformed: [&[u8]; 5] = [
        b"{\"domain_name\":",
        b"{'domain_name': 'x.com'}",
        b"nul",
        b"{\"domain_name\": \"\xff\xfe.com\"}",
        b"\xc3\x28",
    ];
    for bytes in malformed {
        let reply = sandbox
            .raw(
                Method::POST,
                Some(DEMO),
                DOMAINS,
                Some("application/json"),
                bytes.to_vec(),
            )
            .await;
        reply.expect_error(400);
        assert!(!reply.detail().is_empty());
        let reply = sandbox
            .raw(
                Method::PUT,
                Some(DEMO),
                &domain_path(101),
                Some("application/json"),
                bytes.to_vec(),
            )
            .await;
        reply.expect_error(400);
    }

    // An empty POST or PUT is `{}`, whatever its content type.
    for content_type in [Some("application/json"), None] {
        let reply = sandbox
            .raw(Method::POST, Some(DEMO), DOMAINS, content_type, Vec::new())
            .await;
        reply.expect_error(400);
        assert_eq!(reply.json(), json!({"domain_name": ["This field is required."]}));
        let reply = sandbox
            .raw(Method::PUT, Some(DEMO), &domain_path(101), content_type, Vec::new())
            .await;
        assert_eq!(reply.expect(200).json()["message"], UPDATE_MESSAGE);
        let reply = sandbox
            .raw(Method::POST, Some(DEMO), &transfer_path(106), content_type, Vec::new())
            .await;
        reply.expect_error(400);
        assert_eq!(reply.json(), json!({"auth_code": ["This field is required."]}));
    }
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 3);
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 3 * 12_99);
}

#[tokio::test]
async fn unknown_routes_are_json_404s() {
    let sandbox = Sandbox::start().await;
    for path in [
        "/",
        "/index.html",
        "/favicon.ico",
        "/api/",
        "/api/v1/",
        "/api/v1/nothing/",
        "/api/v2/domains/",
        "/api/v1/domains/101/transfer/extra/",
        "/api/v1/domains/101/dns/",
        "/sandbox/nothing",
        "/domains/101",
    ] {
        let reply = sandbox.get(DEMO, path).await;
        reply.expect_error(404);
        assert!(!reply.detail().is_empty(), "{path}");
    }
    let document = sandbox
        .send(sandbox.request(Method::GET, "/api/v1/openapi.json", None))
        .await;
    document.expect(200);
    assert_eq!(document.json()["openapi"], "3.0.3");
    let reply = sandbox
        .send(sandbox.request(Method::POST, "/api/v1/openapi.json", None))
        .await;
    reply.expect_error(405);
    assert_eq!(reply.header("allow").as_deref(), Some("GET"));
}

// ---------------------------------------------------------------- Idempotency-Key

#[tokio::test]
async fn an_idempotency_key_replays_the_first_success() {
    let sandbox = Sandbox::start().await;
    let keyed = |key: &str, path: &str, body: &[u8]| {
        sandbox
            .request(Method::POST, path, Some(DEMO))
            .header("idempotency-key", key)
            .header("content-type", "application/json")
            .body(body.to_vec())
    };
    let first = sandbox
        .send(keyed("key-1", DOMAINS, br#"{"domain_name": "once.com", "years": 2}"#))
        .await;
    first.expect(201);
    assert_eq!(first.header("idempotent-replayed"), None);
    // The same JSON value in other bytes: key order and white space do not matter.
    let replay = sandbox
        .send(keyed(
            "key-1",
            DOMAINS,
            b"{ \"years\":2,\n \"domain_name\":\"once.com\" }",
        ))
        .await;
    replay.expect(201);
    assert_eq!(replay.bytes, first.bytes, "the very same body");
    assert_eq!(replay.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 25_98, "charged once");
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 1);

    // The same key with another body.
    let other = sandbox
        .send(keyed("key-1", DOMAINS, br#"{"domain_name": "twice.com"}"#))
        .await;
    other.expect_error(422);
    assert!(!other.detail().is_empty());
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 1);

    // Keys are scoped to the endpoint: the same key on the transfer endpoint is a new request.
    let transfer_body = format!("{{\"auth_code\": \"{LEGACY_CODE}\"}}");
    let transfer = sandbox
        .send(keyed("key-1", &transfer_path(106), transfer_body.as_bytes()))
        .await;
    transfer.expect(200);
    let transfer_again = sandbox
        .send(keyed("key-1", &transfer_path(106), transfer_body.as_bytes()))
        .await;
    transfer_again.expect(200);
    assert_eq!(transfer_again.bytes, transfer.bytes);
    assert!(!transfer_again.text().contains(LEGACY_CODE));
    assert_eq!(
        sandbox.balance(DEMO).await,
        100_00 - 25_98 - 12_99,
        "the transfer fee once"
    );

    // Keys are kept 24 hours of the sandbox's clock.
    sandbox.advance(23 * 3600).await;
    let still = sandbox
        .send(keyed("key-1", DOMAINS, br#"{"domain_name": "once.com", "years": 2}"#))
        .await;
    assert_eq!(still.bytes, first.bytes, "replayed after 23 hours");
    sandbox.advance(2 * 3600).await;
    let later = sandbox
        .send(keyed("key-1", DOMAINS, br#"{"domain_name": "twice.com"}"#))
        .await;
    later.expect(201);
    assert_eq!(later.json()["domain_name"], "twice.com");
}

#[tokio::test]
async fn a_malformed_idempotency_key_is_400() {
    let sandbox = Sandbox::start().await;
    let long = "k".repeat(256);
    let bad: Vec<HeaderValue> = vec![
        HeaderValue::from_static(""),
        HeaderValue::from_str(&long).unwrap(),
        HeaderValue::from_bytes("ключ".as_bytes()).unwrap(),
        HeaderValue::from_bytes("café-1".as_bytes()).unwrap(),
        HeaderValue::from_static("tab\there"),
    ];
    for value in bad {
        let request = sandbox
            .request(Method::POST, DOMAINS, Some(DEMO))
            .header("idempotency-key", value.clone())
            .json(&json!({"domain_name": "keyed.com"}));
        let reply = sandbox.send(request).await;
        reply.expect_error(400);
        assert!(
            reply.detail().contains("Idempotency-Key"),
            "{value:?}: {}",
            reply.detail()
        );
        let request = sandbox
            .request(Method::POST, &transfer_path(106), Some(DEMO))
            .header("idempotency-key", value.clone())
            .json(&json!({"auth_code": LEGACY_CODE}));
        sandbox.send(request).await.expect_error(400);
    }
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT);
    assert_eq!(sandbox.balance(DEMO).await, 100_00);
    assert!(sandbox.detail(DEMO, 106).await.get("transfer_status").is_none());
    // 255 printable characters, spaces included, are a key.
    let longest = format!("{} ~!", "k".repeat(252));
    let request = sandbox
        .request(Method::POST, DOMAINS, Some(DEMO))
        .header("idempotency-key", &longest)
        .json(&json!({"domain_name": "keyed.com"}));
    sandbox.send(request).await.expect(201);
}

#[tokio::test]
async fn idempotency_keys_are_scoped_per_account() {
    let sandbox = Sandbox::start().await;
    let keyed = |token: &str, name: &str| {
        sandbox
            .request(Method::POST, DOMAINS, Some(token))
            .header("idempotency-key", "shared-key")
            .json(&json!({"domain_name": name}))
    };
    let demo = sandbox.send(keyed(DEMO, "demo-keyed.com")).await;
    demo.expect(201);
    // The other account's same key with another body is neither a replay nor a 422.
    let other = sandbox.send(keyed(OTHER, "other-keyed.com")).await;
    other.expect(201);
    assert_eq!(other.json()["domain_name"], "other-keyed.com");
    assert_eq!(other.header("idempotent-replayed"), None);
    // And with the very same body it does not get the demo account's answer either.
    let other_same = sandbox.send(keyed(OTHER, "demo-keyed.com")).await;
    other_same.expect_error(422);
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 12_99);
    assert_eq!(sandbox.balance(OTHER).await, 50_00 - 12_99);
    sandbox
        .get(OTHER, &domain_path(demo.json()["id"].as_u64().unwrap()))
        .await
        .expect_error(404);
}

#[tokio::test]
async fn errors_are_not_stored_under_an_idempotency_key() {
    let sandbox = Sandbox::start().await;
    let keyed = |key: &str, name: &str| {
        sandbox
            .request(Method::POST, DOMAINS, Some(DEMO))
            .header("idempotency-key", key)
            .json(&json!({"domain_name": name}))
    };
    sandbox.set_balance(DEMO, "1.00").await;
    sandbox.send(keyed("retry", "retry.com")).await.expect_error(402);
    assert_eq!(sandbox.balance(DEMO).await, 1_00);
    sandbox.set_balance(DEMO, "100.00").await;
    let created = sandbox.send(keyed("retry", "retry.com")).await;
    created.expect(201);
    let replay = sandbox.send(keyed("retry", "retry.com")).await;
    replay.expect(201);
    assert_eq!(replay.bytes, created.bytes);
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 12_99);

    // A 400 is not stored either: the key is free for a corrected body.
    sandbox.send(keyed("fix-me", "google.com")).await.expect_error(400);
    sandbox.send(keyed("fix-me", "fixed-name.com")).await.expect(201);
    // Nor is a validation error.
    let request = sandbox
        .request(Method::POST, DOMAINS, Some(DEMO))
        .header("idempotency-key", "invalid-first")
        .json(&json!({"domain_name": "valid-later.com", "years": 0}));
    sandbox.send(request).await.expect_error(400);
    sandbox
        .send(keyed("invalid-first", "valid-later.com"))
        .await
        .expect(201);
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 3 * 12_99);
}

// ---------------------------------------------------------------- the sandbox's controls

#[tokio::test]
async fn the_controls_validate_their_input() {
    let sandbox = Sandbox::start().await;
    let account = sandbox.get(DEMO, "/sandbox/account").await;
    assert_eq!(cents(&account.expect(200).json()["balance"]), 100_00);
    for bad in ["-1", "5.001", "\"5.00\"", "null", "true", "[5]"] {
        let body = format!("{{\"balance\": {bad}}}").into_bytes();
        let reply = sandbox
            .raw(
                Method::PUT,
                Some(DEMO),
                "/sandbox/account",
                Some("application/json"),
                body,
            )
            .await;
        reply.expect_error(400);
        assert!(!reply.field("balance").is_empty(), "{bad}");
    }
    for bad in [r#"{}"#, r#"{"balance": 5, "extra": 1}"#, "[]"] {
        let reply = sandbox
            .raw(
                Method::PUT,
                Some(DEMO),
                "/sandbox/account",
                Some("application/json"),
                bad.as_bytes().to_vec(),
            )
            .await;
        reply.expect_error(400);
    }
    for good in ["5", "5.1", "0.10", "1e2"] {
        let body = format!("{{\"balance\": {good}}}").into_bytes();
        sandbox
            .raw(
                Method::PUT,
                Some(DEMO),
                "/sandbox/account",
                Some("application/json"),
                body,
            )
            .await
            .expect(200);
    }
    assert_eq!(sandbox.balance(DEMO).await, 100_00);
    assert_eq!(sandbox.balance(OTHER).await, 50_00, "each token sets its own account");

    let clock = sandbox.send(sandbox.request(Method::GET, "/sandbox/clock", None)).await;
    let before = parse_time(clock.expect(200).json()["now"].as_str().unwrap());
    for bad in [
        r#"{"advance_seconds": -1}"#,
        r#"{"advance_seconds": 1.5}"#,
        r#"{"advance_seconds": "60"}"#,
        r#"{}"#,
    ] {
        let reply = sandbox
            .raw(
                Method::POST,
                None,
                "/sandbox/clock",
                Some("application/json"),
                bad.as_bytes().to_vec(),
            )
            .await;
        reply.expect_error(400);
    }
    let zero = sandbox.advance(0).await;
    assert!(zero - before <= 5);
    let later = sandbox.advance(3600).await;
    assert!((3600..=3605).contains(&(later - before)));
    sandbox
        .send(sandbox.request(Method::GET, "/sandbox/reset", None))
        .await
        .expect_error(405);
    sandbox
        .send(sandbox.request(Method::DELETE, "/sandbox/clock", None))
        .await
        .expect_error(405);
}

// ---------------------------------------------------------------- CORS

#[tokio::test]
async fn cors_only_for_the_configured_origins() {
    let closed = Sandbox::start().await;
    let reply = closed
        .send(
            closed
                .request(Method::GET, DOMAINS, Some(DEMO))
                .header("origin", "http://localhost:8080"),
        )
        .await;
    reply.expect(200);
    assert_eq!(reply.header("access-control-allow-origin"), None, "no CORS by default");
    let preflight = closed
        .send(
            closed
                .request(Method::OPTIONS, DOMAINS, None)
                .header("origin", "http://localhost:8080")
                .header("access-control-request-method", "POST"),
        )
        .await;
    assert_eq!(preflight.header("access-control-allow-origin"), None);
    drop(closed);

    let open = Sandbox::start_with(Options {
        cors_origins: vec!["http://localhost:8080".into()],
        ..Options::default()
    })
    .await;
    let reply = open
        .send(
            open.request(Method::GET, DOMAINS, Some(DEMO))
                .header("origin", "http://localhost:8080"),
        )
        .await;
    reply.expect(200);
    assert_eq!(
        reply.header("access-control-allow-origin").as_deref(),
        Some("http://localhost:8080")
    );
    assert!(reply
        .header("vary")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .contains("origin"));
    // Errors carry it too, so the app can read them.
    let error = open
        .send(
            open.request(Method::GET, DOMAINS, None)
                .header("origin", "http://localhost:8080"),
        )
        .await;
    error.expect_error(401);
    assert_eq!(
        error.header("access-control-allow-origin").as_deref(),
        Some("http://localhost:8080")
    );
    // Another origin gets nothing.
    let foreign = open
        .send(
            open.request(Method::GET, DOMAINS, Some(DEMO))
                .header("origin", "http://evil.example"),
        )
        .await;
    foreign.expect(200);
    assert_eq!(foreign.header("access-control-allow-origin"), None);
    // A preflight needs no token and names the methods and headers the app sends.
    let preflight = open
        .send(
            open.request(Method::OPTIONS, &domain_path(101), None)
                .header("origin", "http://localhost:8080")
                .header("access-control-request-method", "PUT")
                .header(
                    "access-control-request-headers",
                    "authorization, content-type, idempotency-key",
                ),
        )
        .await;
    assert!(
        preflight.status == 204 || preflight.status == 200,
        "preflight status {}",
        preflight.status
    );
    assert_eq!(
        preflight.header("access-control-allow-origin").as_deref(),
        Some("http://localhost:8080")
    );
    let methods = preflight.header("access-control-allow-methods").unwrap_or_default();
    for method in ["GET", "POST", "PUT", "DELETE"] {
        assert!(methods.contains(method), "{methods}");
    }
    let headers = preflight
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_ascii_lowercase();
    for header in ["authorization", "content-type", "idempotency-key"] {
        assert!(headers.contains(header), "{headers}");
    }
    let evil_preflight = open
        .send(
            open.request(Method::OPTIONS, DOMAINS, None)
                .header("origin", "http://evil.example")
                .header("access-control-request-method", "POST"),
        )
        .await;
    assert_eq!(evil_preflight.header("access-control-allow-origin"), None);
}

// ---------------------------------------------------------------- --static

#[tokio::test]
async fn static_hosting_serves_the_app_with_security_headers() {
    let site = temp_dir("site");
    let index = "<!doctype html><html><head><script type=\"module\">import init from '/app.js'; init('/app_bg.wasm');</script></head><body>VPS admin index marker</body></html>";
    std::fs::write(site.join("index.html"), index).unwrap();
    std::fs::write(site.join("app.js"), "export default function init() {}\n").unwrap();
    std::fs::create_dir_all(site.join("assets")).unwrap();
    std::fs::write(site.join("assets").join("style.css"), "body { margin: 0 }\n").unwrap();
    let sandbox = Sandbox::start_with(Options {
        static_dir: Some(site.clone()),
        ..Options::default()
    })
    .await;

    let check_headers = |reply: &Reply| {
        let policy = reply.header("content-security-policy").expect("a CSP");
        assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(
            policy.contains("'sha256-"),
            "the inline loader is allowed by its hash: {policy}"
        );
        assert!(
            !policy.contains("'unsafe-inline'") && !policy.contains("'unsafe-eval'"),
            "{policy}"
        );
        assert_eq!(reply.header("x-content-type-options").as_deref(), Some("nosniff"));
        assert!(
            !reply.header("referrer-policy").unwrap_or_default().is_empty(),
            "a referrer policy"
        );
    };
    for path in [
        "/",
        "/index.html",
        "/domains",
        "/domains/101",
        "/domains/101/settings?tab=dns",
        "/register/",
        "/no/such/page.html",
    ] {
        let reply = sandbox.send(sandbox.client.get(sandbox.url(path))).await;
        reply.expect(200);
        assert!(
            reply.text().contains("VPS admin index marker"),
            "{path} gets index.html"
        );
        assert!(
            reply
                .header("content-type")
                .unwrap_or_default()
                .starts_with("text/html"),
            "{path}"
        );
        check_headers(&reply);
    }
    let script = sandbox.send(sandbox.client.get(sandbox.url("/app.js"))).await;
    script.expect(200);
    assert_eq!(script.text(), "export default function init() {}\n");
    assert!(script.header("content-type").unwrap_or_default().contains("javascript"));
    check_headers(&script);
    let style = sandbox.send(sandbox.client.get(sandbox.url("/assets/style.css"))).await;
    style.expect(200);
    assert!(style.header("content-type").unwrap_or_default().starts_with("text/css"));

    // Precompressed files beside the originals are sent by Accept-Encoding, never made per request.
    std::fs::write(site.join("app.js.br"), b"brotli bytes of app.js").unwrap();
    std::fs::write(site.join("app.js.gz"), b"gzip bytes of app.js").unwrap();
    let fetch = |encoding: &'static str| {
        let request = sandbox
            .client
            .get(sandbox.url("/app.js"))
            .header("accept-encoding", encoding);
        sandbox.send(request)
    };
    let brotli = fetch("gzip, deflate, br").await;
    brotli.expect(200);
    assert_eq!(brotli.header("content-encoding").as_deref(), Some("br"));
    assert_eq!(brotli.bytes, b"brotli bytes of app.js");
    assert!(brotli.header("content-type").unwrap_or_default().contains("javascript"));
    assert_eq!(brotli.header("vary").as_deref(), Some("Accept-Encoding"));
    check_headers(&brotli);
    let gzip = fetch("gzip").await;
    assert_eq!(gzip.header("content-encoding").as_deref(), Some("gzip"));
    assert_eq!(gzip.bytes, b"gzip bytes of app.js");
    let identity = fetch("identity").await;
    assert_eq!(identity.header("content-encoding"), None);
    assert_eq!(identity.text(), "export default function init() {}\n");
    assert_eq!(identity.header("vary").as_deref(), Some("Accept-Encoding"));
    // A file without a precompressed copy goes as it is, whatever is accepted.
    let plain_style = sandbox
        .send(
            sandbox
                .client
                .get(sandbox.url("/assets/style.css"))
                .header("accept-encoding", "br, gzip"),
        )
        .await;
    assert_eq!(plain_style.header("content-encoding"), None);
    assert_eq!(plain_style.text(), "body { margin: 0 }\n");
    // The API's answers are as before: gzip when asked for it, nothing else.
    let list = sandbox
        .send(
            sandbox
                .request(Method::GET, DOMAINS, Some(DEMO))
                .header("accept-encoding", "br"),
        )
        .await;
    list.expect(200);
    assert_eq!(list.header("content-encoding"), None);

    // The API and the controls stay JSON; an unknown /api/ or /sandbox/ path is never index.html.
    sandbox
        .send(sandbox.client.get(sandbox.url(DOMAINS)))
        .await
        .expect_error(401);
    sandbox.get(DEMO, DOMAINS).await.expect(200);
    for path in ["/api/nothing", "/api/v1/nothing/", "/sandbox/nothing"] {
        let reply = sandbox.get(DEMO, path).await;
        reply.expect_error(404);
        assert!(!reply.text().contains("marker"));
    }
    drop(sandbox);
    let _ = std::fs::remove_dir_all(site);
}

// ---------------------------------------------------------------- the request log

#[tokio::test]
async fn the_log_has_one_line_per_request_and_no_secrets() {
    let sandbox = Server::start();
    let mut expected: Vec<(String, String, u16)> = Vec::new();
    let mut bodies: Vec<String> = Vec::new();
    let requests: Vec<(Method, &str, Option<&str>, Option<Value>)> = vec![
        (
            Method::GET,
            "/api/v1/domains/?search=sandbox-demo-token&status=active",
            Some(DEMO),
            None,
        ),
        (Method::GET, "/api/v1/domains/101/", Some(DEMO), None),
        (Method::GET, "/api/v1/domains/", Some("sandbox-demo-token-typo"), None),
        (Method::GET, "/api/v1/domains/", None, None),
        (
            Method::PUT,
            "/api/v1/domains/101/",
            Some(DEMO),
            Some(json!({"auto_renew": false})),
        ),
        (
            Method::POST,
            "/api/v1/domains/106/transfer/",
            Some(DEMO),
            Some(json!({"auth_code": "Wr0ng#Code"})),
        ),
        (
            Method::POST,
            "/api/v1/domains/108/transfer/",
            Some(DEMO),
            Some(json!({"auth_code": BRAND_NEW_CODE})),
        ),
        (
            Method::POST,
            "/api/v1/domains/107/transfer/",
            Some(DEMO),
            Some(json!({"auth_code": LOCKED_CODE})),
        ),
        (
            Method::POST,
            "/api/v1/domains/106/transfer/",
            Some(OTHER),
            Some(json!({"auth_code": LEGACY_CODE})),
        ),
        (
            Method::POST,
            "/api/v1/domains/106/transfer/",
            Some(DEMO),
            Some(json!({"auth_code": LEGACY_CODE, "colour": "x"})),
        ),
        (
            Method::POST,
            "/api/v1/domains/106/transfer/",
            Some(DEMO),
            Some(json!({"auth_code": LEGACY_CODE})),
        ),
        (
            Method::POST,
            "/api/v1/domains/",
            Some(OTHER),
            Some(json!({"domain_name": "logged.com"})),
        ),
        (Method::PATCH, "/api/v1/domains/101/", Some(DEMO), None),
        (Method::DELETE, "/api/v1/domains/102/", Some(DEMO), None),
        (Method::GET, "/sandbox/account", Some(OTHER), None),
        (Method::GET, "/nowhere", Some(DEMO), None),
    ];
    for (method, path, token, body) in requests {
        let mut builder = sandbox.request(method.clone(), path, token);
        if let Some(body) = &body {
            builder = builder.json(body);
        }
        let reply = sandbox.send(builder).await;
        let bare_path = path.split('?').next().unwrap().to_string();
        expected.push((method.to_string(), bare_path, reply.status));
        if reply.status >= 400 {
            bodies.push(reply.text());
        }
    }
    let statuses: Vec<u16> = expected.iter().map(|(_, _, status)| *status).collect();
    assert_eq!(
        statuses,
        vec![200, 200, 401, 401, 200, 400, 400, 400, 404, 400, 200, 201, 405, 204, 200, 404]
    );

    let secrets = [
        DEMO,
        OTHER,
        "sandbox-demo-token-typo",
        LEGACY_CODE,
        LOCKED_CODE,
        BRAND_NEW_CODE,
        "Wr0ng#Code",
    ];
    for body in &bodies {
        for secret in secrets {
            assert!(!body.contains(secret), "an error body echoes {secret:?}: {body}");
        }
    }

    let log = sandbox.log_text();
    for secret in secrets {
        assert!(!log.contains(secret), "the log contains {secret:?}:\n{log}");
    }
    assert!(!log.contains("search="), "the query string is not logged");
    let lines: Vec<&str> = log.lines().filter(|line| !line.trim().is_empty()).collect();
    assert_eq!(lines.len(), expected.len(), "one line per request:\n{log}");
    for (line, (method, path, status)) in lines.iter().zip(&expected) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(parts.len(), 4, "method, path, status, time: {line:?}");
        assert_eq!(parts[0], method);
        assert_eq!(parts[1], path);
        assert_eq!(parts[2], status.to_string());
        let millis = parts[3]
            .strip_suffix("ms")
            .unwrap_or_else(|| panic!("no ms in {line:?}"));
        assert!(millis.parse::<f64>().is_ok_and(|ms| ms >= 0.0), "{line:?}");
    }
}

#[tokio::test]
async fn quiet_writes_no_request_log() {
    let sandbox = Server::start_with(Options {
        quiet: true,
        ..Options::default()
    });
    sandbox.get(DEMO, DOMAINS).await.expect(200);
    sandbox.get(DEMO, "/nowhere").await.expect_error(404);
    assert_eq!(sandbox.log_text().trim(), "");
}

// ---------------------------------------------------------------- restart and reset

#[tokio::test]
async fn data_survives_a_restart() {
    let mut sandbox = Server::start();
    let request = sandbox
        .request(Method::POST, DOMAINS, Some(DEMO))
        .header("idempotency-key", "persist-key")
        .json(&json!({"domain_name": "persist.com", "years": 2}));
    let created = sandbox.send(request).await;
    created.expect(201);
    sandbox
        .put(
            DEMO,
            &domain_path(101),
            &json!({"auto_renew": false, "nameservers": ["ns1.example.net", "ns2.example.net"]}),
        )
        .await
        .expect(200);
    sandbox.delete(DEMO, &domain_path(105)).await.expect(204);
    sandbox.set_balance(OTHER, "42.42").await;
    sandbox.advance(3600).await;
    sandbox
        .transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE}))
        .await
        .expect(200);
    let before: Vec<Value> = vec![
        sandbox.list(DEMO, "").await,
        sandbox.detail(DEMO, 101).await,
        sandbox.detail(DEMO, 111).await,
    ];

    sandbox.restart();

    assert_eq!(sandbox.list(DEMO, "").await, before[0]);
    assert_eq!(sandbox.detail(DEMO, 101).await, before[1]);
    assert_eq!(sandbox.detail(DEMO, 111).await, before[2]);
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 25_98 - 12_99);
    assert_eq!(sandbox.balance(OTHER).await, 42_42);
    let offset = sandbox.now().await - wall_clock();
    assert!(
        (3600 - 5..=3600 + 5).contains(&offset),
        "the clock's offset survives: {offset}"
    );
    // The stored answer survives too.
    let request = sandbox
        .request(Method::POST, DOMAINS, Some(DEMO))
        .header("idempotency-key", "persist-key")
        .json(&json!({"domain_name": "persist.com", "years": 2}));
    let replay = sandbox.send(request).await;
    replay.expect(201);
    assert_eq!(replay.bytes, created.bytes);
    // A transfer still completes after the restart.
    sandbox.advance(TRANSFER_DELAY + 1).await;
    assert_eq!(sandbox.detail(DEMO, 106).await["transfer_status"], "completed");
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 25_98 - 12_99);
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let sandbox = Sandbox::start().await;
    let seed_list = sandbox.list(DEMO, "").await;
    sandbox
        .register(DEMO, &json!({"domain_name": "before-reset.com"}))
        .await
        .expect(201);
    sandbox.delete(DEMO, &domain_path(101)).await.expect(204);
    sandbox.delete(OTHER, &domain_path(110)).await.expect(204);
    sandbox
        .transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE}))
        .await
        .expect(200);
    sandbox.set_balance(DEMO, "1.23").await;
    sandbox.advance(30 * DAY).await;

    let reply = sandbox
        .send(sandbox.request(Method::POST, "/sandbox/reset", None))
        .await;
    reply.expect(200);

    let list = sandbox.list(DEMO, "").await;
    assert_eq!(ids_of(&list), (101..=109).collect::<Vec<u64>>());
    assert_eq!(list["results"][2]["status"], "pending", "103 is pending again");
    let names = |list: &Value| {
        list["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["domain_name"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&list), names(&seed_list));
    assert_eq!(sandbox.ids(OTHER, "").await, vec![110]);
    assert_eq!(sandbox.balance(DEMO).await, 100_00);
    assert_eq!(sandbox.balance(OTHER).await, 50_00);
    assert!((sandbox.now().await - wall_clock()).abs() <= 5, "a zero offset");
    assert_eq!(sandbox.detail(DEMO, 101).await["days_until_expiration"], 730);
    assert!(sandbox.detail(DEMO, 106).await.get("transfer_status").is_none());
    // The freed name and the id sequence start over.
    let again = sandbox
        .register(DEMO, &json!({"domain_name": "before-reset.com"}))
        .await;
    assert_eq!(again.expect(201).json()["id"], 111);
}
