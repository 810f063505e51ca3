//! Slow and idle sockets do not pile up: the header-read timeout closes a connection that has
//! not sent a whole request head (idle from the start, idle between keep-alive requests, or
//! trickling its headers), the request timeout answers a 408 to a body that does not arrive.
//! Measured with a thousand idle sockets on loopback while other clients are answered.

#![allow(clippy::inconsistent_digit_grouping)] // cents: 100_00 is $100.00

mod common;

use common::*;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEADER_TIMEOUT: f64 = 2.0;
const REQUEST_TIMEOUT: f64 = 3.0;
const IDLE_SOCKETS: usize = 1000;
/// What a loaded two-core machine may add to a timeout before the close is seen.
const SLACK: Duration = Duration::from_millis(1500);

/// Reads until the server closes (or `limit` passes); how long that took, and what came.
async fn until_closed(mut stream: TcpStream, opened: Instant, limit: Duration) -> (Option<Duration>, Vec<u8>) {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = opened + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (Some(opened.elapsed()), seen),
            Ok(Ok(n)) => seen.extend_from_slice(&buffer[..n]),
            Err(_) => return (None, seen),
        }
    }
}

#[tokio::test]
async fn idle_and_slow_sockets_are_closed_within_the_timeouts() {
    let sandbox = Server::start_with(Options {
        quiet: true,
        args: vec![
            "--header-read-timeout".into(),
            HEADER_TIMEOUT.to_string(),
            "--request-timeout".into(),
            REQUEST_TIMEOUT.to_string(),
        ],
        ..Options::default()
    });
    let header_limit = Duration::from_secs_f64(HEADER_TIMEOUT) + SLACK;
    let request_limit = Duration::from_secs_f64(REQUEST_TIMEOUT) + SLACK;

    // A thousand connections that never send a byte.
    let mut idle = Vec::with_capacity(IDLE_SOCKETS);
    for _ in 0..IDLE_SOCKETS {
        let stream = TcpStream::connect(sandbox.addr).await.expect("connect");
        idle.push(tokio::spawn(until_closed(stream, Instant::now(), header_limit * 2)));
    }
    // Headers that trickle and never end; a body that never comes; a keep-alive connection
    // left idle after one answer.
    let mut slow_headers = Vec::new();
    let mut slow_bodies = Vec::new();
    for _ in 0..10 {
        let mut stream = TcpStream::connect(sandbox.addr).await.expect("connect");
        let opened = Instant::now();
        stream
            .write_all(b"GET /api/v1/domains/ HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        slow_headers.push(tokio::spawn(until_closed(stream, opened, header_limit * 2)));

        let mut stream = TcpStream::connect(sandbox.addr).await.expect("connect");
        let head = format!(
            "PUT /sandbox/account HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {DEMO}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"bal"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        slow_bodies.push(tokio::spawn(until_closed(stream, Instant::now(), request_limit * 2)));
    }
    let mut kept_alive = TcpStream::connect(sandbox.addr).await.expect("connect");
    kept_alive
        .write_all(b"GET /sandbox/clock HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 1024];
    let n = kept_alive.read(&mut first).await.unwrap();
    assert!(
        first[..n].starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&first[..n])
    );
    let kept_alive = tokio::spawn(until_closed(kept_alive, Instant::now(), header_limit * 2));

    // Meanwhile everyone else is answered, at once.
    let started = Instant::now();
    for _ in 0..20 {
        let asked = Instant::now();
        sandbox.get(DEMO, DOMAINS).await.expect(200);
        assert!(
            asked.elapsed() < Duration::from_secs(1),
            "an answer took {:?}",
            asked.elapsed()
        );
    }
    assert!(
        started.elapsed() < Duration::from_secs_f64(HEADER_TIMEOUT),
        "answered while the idle sockets were still open"
    );

    let floor = Duration::from_secs_f64(HEADER_TIMEOUT) - Duration::from_millis(300);
    let mut slowest = Duration::ZERO;
    for task in idle {
        let (closed, seen) = task.await.unwrap();
        let closed = closed.expect("an idle socket closed within the header-read timeout");
        assert!(closed <= header_limit && closed >= floor, "closed after {closed:?}");
        assert!(seen.is_empty(), "nothing written to a socket that asked nothing");
        slowest = slowest.max(closed);
    }
    eprintln!("{IDLE_SOCKETS} idle sockets: the last closed after {slowest:?} (timeout {HEADER_TIMEOUT} s)");
    for task in slow_headers {
        let (closed, _) = task.await.unwrap();
        let closed = closed.expect("a slow head closed within the header-read timeout");
        assert!(closed <= header_limit, "closed after {closed:?}");
    }
    let (closed, _) = kept_alive.await.unwrap();
    assert!(closed.expect("an idle keep-alive connection closed") <= header_limit);
    for task in slow_bodies {
        let (closed, seen) = task.await.unwrap();
        let closed = closed.expect("a slow body closed within the request timeout");
        assert!(closed <= request_limit, "closed after {closed:?}");
        let text = String::from_utf8_lossy(&seen);
        assert!(text.starts_with("HTTP/1.1 408"), "{text}");
        assert!(
            text.contains("application/json") && text.contains("\"detail\""),
            "{text}"
        );
    }
    assert_eq!(sandbox.balance(DEMO).await, 100_00, "no half-sent body was applied");
}
