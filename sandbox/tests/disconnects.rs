//! Clients that hang up mid-request (a load generator stopping, a closed tab) must cost
//! nothing: database work runs to its end, connections go back to the pool, paid requests
//! complete or release their `Idempotency-Key`, and the server keeps answering.

mod common;

use common::*;
use serde_json::{json, Value};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::task::JoinSet;

/// Sends a request and hangs up after `after`, without reading the answer.
async fn hang_up(addr: std::net::SocketAddr, request: String, after: Duration) {
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
        return;
    };
    let _ = stream.write_all(request.as_bytes()).await;
    tokio::time::sleep(after).await;
    drop(stream);
}

fn list_request() -> String {
    format!("GET {DOMAINS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {DEMO}\r\n\r\n")
}

fn register_request(name: &str, key: &str) -> String {
    let body = json!({ "domain_name": name }).to_string();
    format!(
        "POST {DOMAINS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {DEMO}\r\nContent-Type: application/json\r\n\
         Idempotency-Key: {key}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test]
async fn hang_ups_during_database_work_leave_the_server_whole() {
    let sandbox = Server::start_with(Options {
        quiet: true,
        ..Options::default()
    });
    sandbox.set_balance(DEMO, "100000.00").await;
    // A list long enough that reading it is still under way when the clients hang up.
    sandbox
        .post(DEMO, "/sandbox/generate", &json!({ "count": 20_000 }))
        .await
        .expect(200);
    for round in 0..3u64 {
        let mut clients = JoinSet::new();
        for n in 0..24u64 {
            let addr = sandbox.addr;
            let after = Duration::from_millis(1 + (n * 7 + round) % 40);
            let request = if n % 3 == 0 {
                register_request(&format!("hung-up-{round}-{n}.com"), &format!("key-{round}-{n}"))
            } else {
                list_request()
            };
            clients.spawn(hang_up(addr, request, after));
        }
        while clients.join_next().await.is_some() {}
        // Every write in flight has finished, and the list is read afresh after it.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let count = sandbox.count(DEMO).await;
        assert!(count >= DEMO_DOMAIN_COUNT + 20_000, "{count}");
    }

    // More simultaneous requests than the pool has connections still all succeed.
    let mut readers = JoinSet::new();
    for _ in 0..16 {
        let api = sandbox.api();
        readers.spawn(async move { api.get(DEMO, &domain_path(101)).await.status });
    }
    while let Some(status) = readers.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }

    // A registration whose client hung up either happened (the key replays it) or left
    // nothing behind (the key runs it now): never a key stuck "in progress" (409).
    for round in 0..3u64 {
        for n in (0..24u64).step_by(3) {
            let name = format!("hung-up-{round}-{n}.com");
            let reply = sandbox
                .send(
                    sandbox
                        .request(reqwest::Method::POST, DOMAINS, Some(DEMO))
                        .header("idempotency-key", format!("key-{round}-{n}"))
                        .json(&json!({ "domain_name": name })),
                )
                .await;
            assert_eq!(reply.status, 201, "{name}: {}", reply.text());
            let body: Value = reply.json();
            assert_eq!(body["domain_name"], json!(name));
        }
    }
    let list = sandbox.list(DEMO, "").await;
    let hung_up = list["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["domain_name"].as_str().unwrap().starts_with("hung-up-"))
        .count();
    assert_eq!(hung_up, 24, "each name once");
}
