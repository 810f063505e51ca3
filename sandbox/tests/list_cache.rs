//! The whole list is kept between requests (serialised, and gzipped for clients that accept
//! gzip) until the next write: every kind of write shows in the very next list, filters and
//! pages agree with the whole list, gzip is negotiated, and readers racing writers never see a
//! list older than a write that has been answered.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::io::Read;
use std::sync::Arc;
use tokio::task::JoinSet;

fn has(list: &Value, name: &str) -> bool {
    list["results"]
        .as_array()
        .expect("results")
        .iter()
        .any(|item| item["domain_name"] == name)
}

fn item(list: &Value, id: u64) -> &Value {
    list["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|item| item["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the list"))
}

#[tokio::test]
async fn every_write_shows_in_the_next_list() {
    let sandbox = Sandbox::start().await;
    let first = sandbox.list(DEMO, "").await;
    assert_eq!(sandbox.list(DEMO, "").await, first, "a repeated read is the same list");

    // Registration.
    let registered = sandbox
        .register(DEMO, &json!({ "domain_name": "kept-list.com" }))
        .await
        .expect(201)
        .json();
    let id = registered["id"].as_u64().unwrap();
    let list = sandbox.list(DEMO, "").await;
    assert!(has(&list, "kept-list.com"));
    assert_eq!(item(&list, id)["status"], "pending");

    // Settings.
    sandbox
        .put(
            DEMO,
            &domain_path(101),
            &json!({ "auto_renew": false, "locked": false }),
        )
        .await
        .expect(200);
    let list = sandbox.list(DEMO, "").await;
    assert_eq!(item(&list, 101)["auto_renew"], false);
    assert_eq!(item(&list, 101)["locked"], false);

    // The clock: the pending registration activates.
    sandbox.advance(ACTIVATION_DELAY).await;
    assert_eq!(item(&sandbox.list(DEMO, "").await, id)["status"], "active");

    // Removal.
    sandbox.delete(DEMO, &domain_path(id)).await.expect(204);
    assert!(!has(&sandbox.list(DEMO, "").await, "kept-list.com"));

    // Generated domains.
    sandbox
        .post(DEMO, "/sandbox/generate", &json!({ "count": 25 }))
        .await
        .expect(200);
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 25);

    // Reset.
    sandbox
        .send(sandbox.request(Method::POST, "/sandbox/reset", None))
        .await
        .expect(200);
    let list = sandbox.list(DEMO, "").await;
    assert_eq!(list["count"], json!(DEMO_DOMAIN_COUNT));
    assert_eq!(item(&list, 101)["auto_renew"], true);

    // Each account has its own list.
    assert_eq!(sandbox.count(OTHER).await, 1);
}

#[tokio::test]
async fn filters_and_pages_agree_with_the_whole_list() {
    // A generated pending domain activates at a random moment within the activation delay:
    // with the default five minutes one could turn active between two reads here (it did, on
    // a loaded machine). Ten years keeps every status still while the lists are compared.
    let sandbox = Sandbox::start_with(Options {
        activation_delay: 10 * 365 * 24 * 3600,
        quiet: true,
        ..Options::default()
    })
    .await;
    sandbox
        .post(DEMO, "/sandbox/generate", &json!({ "count": 700 }))
        .await
        .expect(200);
    let whole = sandbox.list(DEMO, "").await;
    let all = whole["results"].as_array().unwrap().clone();
    for (query, keep) in [
        (
            "?status=active",
            Box::new(|d: &Value| d["status"] == "active") as Box<dyn Fn(&Value) -> bool>,
        ),
        ("?status=expired", Box::new(|d: &Value| d["status"] == "expired")),
        ("?status=locked", Box::new(|d: &Value| d["locked"] == true)),
        (
            "?search=LABS",
            Box::new(|d: &Value| d["domain_name"].as_str().unwrap().contains("labs")),
        ),
    ] {
        let expected: Vec<&Value> = all.iter().filter(|d| keep(d)).collect();
        let got = sandbox.list(DEMO, query).await;
        assert_eq!(got["count"], json!(expected.len()), "{query}");
        assert_eq!(
            got["results"].as_array().unwrap().iter().collect::<Vec<_>>(),
            expected,
            "{query}"
        );
    }
    let mut paged = Vec::new();
    let mut page = 1;
    loop {
        let body = sandbox.list(DEMO, &format!("?page={page}&page_size=300")).await;
        paged.extend(body["results"].as_array().unwrap().iter().cloned());
        if body["next"].is_null() {
            break;
        }
        page += 1;
    }
    assert_eq!(paged, all);
}

#[tokio::test]
async fn gzip_when_asked_for() {
    let sandbox = Sandbox::start().await;
    sandbox
        .post(DEMO, "/sandbox/generate", &json!({ "count": 200 }))
        .await
        .expect(200);
    let get = |encoding: Option<&'static str>| {
        let mut builder = sandbox.request(Method::GET, DOMAINS, Some(DEMO));
        if let Some(encoding) = encoding {
            builder = builder.header("accept-encoding", encoding);
        }
        sandbox.send(builder)
    };
    let plain = get(None).await;
    plain.expect(200);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.header("vary").as_deref(), Some("Accept-Encoding"));
    let list: Value = plain.json();
    assert_eq!(list["count"], json!(DEMO_DOMAIN_COUNT + 200));

    for encoding in ["gzip, deflate, br", "gzip", "*"] {
        let zipped = get(Some(encoding)).await;
        zipped.expect(200);
        assert_eq!(zipped.header("content-encoding").as_deref(), Some("gzip"), "{encoding}");
        assert_eq!(zipped.header("content-type").as_deref(), Some("application/json"));
        assert!(zipped.bytes.len() * 4 < plain.bytes.len(), "gzip is much smaller");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped.bytes[..])
            .read_to_end(&mut unzipped)
            .expect("valid gzip");
        assert_eq!(unzipped, plain.bytes, "the same bytes, compressed");
    }
    for encoding in ["identity", "br", "gzip;q=0"] {
        let reply = get(Some(encoding)).await;
        assert_eq!(reply.header("content-encoding"), None, "{encoding}");
        assert_eq!(reply.bytes, plain.bytes);
    }
    // After a write, the gzipped list is the new one too.
    sandbox
        .register(DEMO, &json!({ "domain_name": "zipped-after.dev" }))
        .await
        .expect(201);
    let zipped = get(Some("gzip")).await;
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&zipped.bytes[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    let list: Value = serde_json::from_slice(&unzipped).unwrap();
    assert!(has(&list, "zipped-after.dev"));
}

// Several threads, so that readers and the writer run at once, as on a server.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn readers_racing_writers_never_go_back_in_time() {
    let sandbox = Arc::new(
        Sandbox::start_with(Options {
            quiet: true,
            ..Options::default()
        })
        .await,
    );
    sandbox.set_balance(DEMO, "10000.00").await;
    let api = sandbox.api();
    let mut readers = JoinSet::new();
    for _ in 0..4 {
        let api = api.clone();
        readers.spawn(async move {
            let mut last = 0;
            for _ in 0..40 {
                let count = api.list(DEMO, "").await["count"].as_u64().unwrap();
                assert!(count >= last, "a list never shrinks here: {count} after {last}");
                last = count;
            }
        });
    }
    for n in 0..20 {
        let name = format!("race-{n}.com");
        api.register(DEMO, &json!({ "domain_name": name })).await.expect(201);
        // Answered, so the very next read must have it.
        assert!(
            has(&api.list(DEMO, "").await, &name),
            "{name} in the list after its 201"
        );
    }
    while let Some(result) = readers.join_next().await {
        result.expect("a reader failed");
    }
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT + 20);
}
