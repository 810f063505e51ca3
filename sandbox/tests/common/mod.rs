//! Shared helpers for the sandbox's integration tests. Most tests call the sandbox in process:
//! [`Sandbox`] opens its own database in a fresh temporary directory and sends each request to
//! the library's `app()` Router with `tower::ServiceExt::oneshot`, as axum's testing example
//! does. The tests that need a real socket or process — framing, timeouts, hang-ups, SIGKILL,
//! the flags and the printed address, the request log on stderr — start the real `vps-sandbox`
//! binary with [`Server`], on a free port (`--listen 127.0.0.1:0` and the address it prints).
//! Both are used through one [`Api`], whose requests are built with reqwest's builder.
//! Calendar dates are read without the contract crate (so its arithmetic is checked, not reused).
#![allow(dead_code)]

use axum::body::Body;
use axum::http::header::{CONTENT_LENGTH, HOST};
use clap::Parser;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::Method;
use serde_json::{json, Value};
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;
use vps_sandbox::config::Config;

pub const DEMO: &str = "sandbox-demo-token";
pub const OTHER: &str = "sandbox-other-token";
pub const DOMAINS: &str = "/api/v1/domains/";
/// The seed's own auth code, for 106 legacy-shop.com (GoDaddy, unlocked, two years old).
pub const LEGACY_CODE: &str = "Xy9Kl2Mn#4pQ";
/// 107 locked-elsewhere.net (Namecheap, locked).
pub const LOCKED_CODE: &str = "Lk7Qp2Zr#9sT";
/// 108 brand-new.org (Gandi, ten days old).
pub const BRAND_NEW_CODE: &str = "Bn3Wx8Yt#1mK";
pub const DEMO_DOMAIN_COUNT: u64 = 9;
pub const ACTIVATION_DELAY: i64 = 300;
pub const TRANSFER_DELAY: i64 = 600;
pub const DAY: i64 = 86_400;

pub const REGISTRATION_MESSAGE: &str = "Domain registration initiated. Processing may take 5-10 minutes.";
pub const UPDATE_MESSAGE: &str = "Domain settings updated successfully.";
pub const UPDATE_MESSAGE_WITH_NOTE: &str =
    "Domain settings updated successfully. Nameserver changes may take up to 24 hours to propagate.";
pub const TRANSFER_MESSAGE: &str = "Domain transfer initiated. You should receive a confirmation email from your current registrar. Transfer typically completes within 5-7 days.";
pub const NEXT_STEPS: [&str; 4] = [
    "Check email for transfer authorization request",
    "Approve transfer with current registrar",
    "Wait for transfer to complete (5-7 days)",
    "Domain will be automatically renewed for 1 year upon completion",
];

/// A fresh directory under the system's temp dir, unique to this process and call.
pub fn temp_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "vps-sandbox-test-{label}-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("create a temp dir");
    dir
}

/// One HTTP answer, read in full.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// The body as JSON; panics (showing the body) when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|error| panic!("status {}: body is not JSON ({error}): {:?}", self.status, self.text()))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
    }

    /// `detail` of a `{"detail": ...}` body.
    pub fn detail(&self) -> String {
        match self.json().get("detail") {
            Some(Value::String(detail)) => detail.clone(),
            _ => panic!("status {}: no detail in {}", self.status, self.text()),
        }
    }

    /// The messages of one field of a DRF field-error body.
    pub fn field(&self, field: &str) -> Vec<String> {
        let body = self.json();
        match body.get(field) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| {
                    item.as_str()
                        .unwrap_or_else(|| panic!("non-string message in {body}"))
                        .to_string()
                })
                .collect(),
            _ => panic!("status {}: no field {field:?} in {body}", self.status),
        }
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Reply {
        assert_eq!(self.status, status, "unexpected status; body: {}", self.text());
        self
    }

    /// Asserts a JSON error: this status, `application/json`, a JSON object body.
    #[track_caller]
    pub fn expect_error(&self, status: u16) -> Value {
        self.expect(status);
        let content_type = self.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("application/json"),
            "error content type {content_type:?}"
        );
        let body = self.json();
        assert!(body.is_object(), "error body is not an object: {body}");
        body
    }
}

/// What a request needs to reach the sandbox: cheap to clone into concurrent tasks.
#[derive(Clone)]
pub struct Api {
    /// Builds every request (and sends it, to a [`Server`]).
    pub client: reqwest::Client,
    pub base: String,
    transport: Transport,
}

#[derive(Clone)]
enum Transport {
    /// Over TCP to the real binary.
    Socket,
    /// Straight to the Router, in this process.
    InProcess(axum::Router),
}

impl Api {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
        let builder = self.client.request(method, self.url(path));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn send(&self, builder: reqwest::RequestBuilder) -> Reply {
        let app = match &self.transport {
            Transport::InProcess(app) => app.clone(),
            Transport::Socket => {
                let response = builder.send().await.expect("the sandbox answers");
                let status = response.status().as_u16();
                let headers = response.headers().clone();
                let bytes = response.bytes().await.expect("read the body").to_vec();
                return Reply { status, headers, bytes };
            }
        };
        let request = builder.build().expect("a request reqwest can send");
        let response = match app.oneshot(in_process(request)).await {
            Ok(response) => response,
            Err(never) => match never {},
        };
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .expect("read the body")
            .to_vec();
        Reply {
            status: parts.status.as_u16(),
            headers: parts.headers,
            bytes,
        }
    }

    pub async fn get(&self, token: &str, path: &str) -> Reply {
        self.send(self.request(Method::GET, path, Some(token))).await
    }

    pub async fn delete(&self, token: &str, path: &str) -> Reply {
        self.send(self.request(Method::DELETE, path, Some(token))).await
    }

    /// A JSON body (serialised by serde_json, `Content-Type: application/json`).
    pub async fn json(&self, method: Method, token: &str, path: &str, body: &Value) -> Reply {
        self.send(self.request(method, path, Some(token)).json(body)).await
    }

    pub async fn post(&self, token: &str, path: &str, body: &Value) -> Reply {
        self.json(Method::POST, token, path, body).await
    }

    pub async fn put(&self, token: &str, path: &str, body: &Value) -> Reply {
        self.json(Method::PUT, token, path, body).await
    }

    /// Raw bytes with the given content type (none when `None`).
    pub async fn raw(
        &self,
        method: Method,
        token: Option<&str>,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Reply {
        let mut builder = self.request(method, path, token).body(body);
        if let Some(content_type) = content_type {
            builder = builder.header("content-type", content_type);
        }
        self.send(builder).await
    }

    pub async fn register(&self, token: &str, body: &Value) -> Reply {
        self.post(token, DOMAINS, body).await
    }

    pub async fn transfer(&self, token: &str, id: u64, body: &Value) -> Reply {
        self.post(token, &transfer_path(id), body).await
    }

    pub async fn detail(&self, token: &str, id: u64) -> Value {
        self.get(token, &domain_path(id)).await.expect(200).json()
    }

    pub async fn list(&self, token: &str, query: &str) -> Value {
        self.get(token, &format!("{DOMAINS}{query}")).await.expect(200).json()
    }

    /// The ids of a list answer, in order.
    pub async fn ids(&self, token: &str, query: &str) -> Vec<u64> {
        ids_of(&self.list(token, query).await)
    }

    pub async fn count(&self, token: &str) -> u64 {
        self.list(token, "").await["count"].as_u64().expect("count")
    }

    /// The account's balance in cents.
    pub async fn balance(&self, token: &str) -> i64 {
        let body = self.get(token, "/sandbox/account").await.expect(200).json();
        cents(&body["balance"])
    }

    /// Sets the balance; `dollars` is the JSON number's text, e.g. `"38.97"`.
    pub async fn set_balance(&self, token: &str, dollars: &str) {
        let body = format!("{{\"balance\": {dollars}}}").into_bytes();
        self.raw(
            Method::PUT,
            Some(token),
            "/sandbox/account",
            Some("application/json"),
            body,
        )
        .await
        .expect(200);
    }

    /// Moves the sandbox's clock forward; returns its new `now` in epoch seconds.
    pub async fn advance(&self, seconds: i64) -> i64 {
        let reply = self
            .send(
                self.request(Method::POST, "/sandbox/clock", None)
                    .json(&json!({ "advance_seconds": seconds })),
            )
            .await;
        parse_time(reply.expect(200).json()["now"].as_str().expect("now"))
    }

    /// The sandbox's `now`, in epoch seconds.
    pub async fn now(&self) -> i64 {
        let reply = self.send(self.request(Method::GET, "/sandbox/clock", None)).await;
        parse_time(reply.expect(200).json()["now"].as_str().expect("now"))
    }
}

/// The request as hyper's client would put it on the wire: the target in origin form, `Host`
/// from the URL, and the body's length.
fn in_process(request: reqwest::Request) -> axum::http::Request<Body> {
    let url = request.url();
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    };
    let host = match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        (None, _) => String::new(),
    };
    let body = request
        .body()
        .map(|body| body.as_bytes().expect("a body in memory").to_vec());
    let mut headers = request.headers().clone();
    if let Ok(host) = HeaderValue::from_str(&host) {
        headers.entry(HOST).or_insert(host);
    }
    if let Some(body) = &body {
        headers.entry(CONTENT_LENGTH).or_insert(HeaderValue::from(body.len()));
    }
    let mut built = axum::http::Request::builder()
        .method(request.method().clone())
        .uri(target)
        .body(Body::from(body.unwrap_or_default()))
        .expect("a request axum can take");
    *built.headers_mut() = headers;
    built
}

pub fn domain_path(id: u64) -> String {
    format!("{DOMAINS}{id}/")
}

pub fn transfer_path(id: u64) -> String {
    format!("{DOMAINS}{id}/transfer/")
}

pub fn ids_of(list: &Value) -> Vec<u64> {
    list["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|item| item["id"].as_u64().expect("id"))
        .collect()
}

/// A JSON number of dollars as whole cents.
pub fn cents(value: &Value) -> i64 {
    let dollars = value.as_f64().unwrap_or_else(|| panic!("not a number: {value}"));
    (dollars * 100.0).round() as i64
}

/// How the sandbox is started.
#[derive(Clone, Debug)]
pub struct Options {
    pub activation_delay: i64,
    pub transfer_delay: i64,
    pub static_dir: Option<PathBuf>,
    pub cors_origins: Vec<String>,
    pub page_size: Option<u64>,
    pub quiet: bool,
    /// More flags, as given.
    pub args: Vec<String>,
    /// Environment variables for the process (`RUST_LOG`, `VPS_SANDBOX_…`).
    pub env: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            activation_delay: ACTIVATION_DELAY,
            transfer_delay: TRANSFER_DELAY,
            static_dir: None,
            cors_origins: Vec::new(),
            page_size: None,
            quiet: false,
            args: Vec::new(),
            env: Vec::new(),
        }
    }
}

/// The sandbox in process: the library's Router over its own database in a fresh directory
/// (removed on drop, unless the test failed). No socket: requests carry `Host: sandbox.test`.
pub struct Sandbox {
    api: Api,
    pub dir: PathBuf,
    pub db: PathBuf,
}

impl Deref for Sandbox {
    type Target = Api;
    fn deref(&self) -> &Api {
        &self.api
    }
}

impl Sandbox {
    pub async fn start() -> Sandbox {
        Sandbox::start_with(Options::default()).await
    }

    /// The same flags the binary would get, read by the same `Config`.
    pub async fn start_with(options: Options) -> Sandbox {
        assert!(
            options.env.is_empty(),
            "environment variables are the process's: use Server::start_with"
        );
        let dir = temp_dir("app");
        let db = dir.join("x.db");
        let config = Config::try_parse_from(arguments(&db, &options)).expect("valid flags");
        let state = vps_sandbox::AppState::open(&config, config.listen)
            .await
            .expect("the sandbox opens");
        let api = Api {
            client: reqwest::Client::new(),
            base: "http://sandbox.test".to_string(),
            transport: Transport::InProcess(vps_sandbox::app(state, &config)),
        };
        Sandbox { api, dir, db }
    }

    pub fn api(&self) -> Api {
        self.api.clone()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("sandbox files kept for inspection: {}", self.dir.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The real `vps-sandbox` binary, on an ephemeral port, with its own database and log file.
/// Killed (and its directory removed, unless the test failed) on drop.
pub struct Server {
    api: Api,
    /// Where it listens, as it printed.
    pub addr: std::net::SocketAddr,
    child: Option<Child>,
    pub dir: PathBuf,
    pub db: PathBuf,
    /// Everything the process wrote to stderr: the request log.
    pub log: PathBuf,
    options: Options,
}

impl Deref for Server {
    type Target = Api;
    fn deref(&self) -> &Api {
        &self.api
    }
}

impl Server {
    pub fn start() -> Server {
        Server::start_with(Options::default())
    }

    pub fn start_with(options: Options) -> Server {
        let dir = temp_dir("server");
        let db = dir.join("x.db");
        let log = dir.join("stderr.log");
        let (child, addr) = spawn(&db, &log, &options);
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("an HTTP client");
        let api = Api {
            client,
            base: format!("http://{addr}"),
            transport: Transport::Socket,
        };
        Server {
            api,
            addr,
            child: Some(child),
            dir,
            db,
            log,
            options,
        }
    }

    pub fn api(&self) -> Api {
        self.api.clone()
    }

    /// SIGKILL: no chance to flush or shut down cleanly.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Kills the process (SIGKILL) and starts a new one on the same database file.
    pub fn restart(&mut self) {
        self.kill();
        let (child, addr) = spawn(&self.db, &self.log, &self.options);
        self.child = Some(child);
        self.addr = addr;
        self.api.base = format!("http://{addr}");
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends bytes as they are over a fresh TCP connection and reads the answer until the
    /// server closes it: for requests an HTTP client will not write (chunked bodies, odd framing).
    pub async fn raw_http(&self, request: &[u8]) -> (u16, String, Vec<u8>) {
        let mut stream = tokio::net::TcpStream::connect(self.addr).await.expect("connect");
        // The server may answer and close before reading everything: that is fine.
        let _ = stream.write_all(request).await;
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer)).await;
        let text = String::from_utf8_lossy(&answer).into_owned();
        let (head, _) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body_start = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|i| i + 4)
            .unwrap_or(answer.len());
        (status, head.to_string(), answer[body_start..].to_vec())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
        if std::thread::panicking() {
            eprintln!("sandbox files kept for inspection: {}", self.dir.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The flags for `options`, program name first: the binary's command line, and what
/// [`Sandbox`] parses into its `Config`.
fn arguments(db: &Path, options: &Options) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec![
        "vps-sandbox".into(),
        "--listen".into(),
        "127.0.0.1:0".into(),
        "--db".into(),
        db.into(),
        "--activation-delay".into(),
        options.activation_delay.to_string().into(),
        "--transfer-delay".into(),
        options.transfer_delay.to_string().into(),
    ];
    if let Some(dir) = &options.static_dir {
        args.extend(["--static".into(), dir.into()]);
    }
    for origin in &options.cors_origins {
        args.extend(["--cors-origin".into(), origin.into()]);
    }
    if let Some(size) = options.page_size {
        args.extend(["--page-size".into(), size.to_string().into()]);
    }
    if options.quiet {
        args.push("--quiet".into());
    }
    args.extend(options.args.iter().map(OsString::from));
    args
}

fn spawn(db: &Path, log: &Path, options: &Options) -> (Child, std::net::SocketAddr) {
    let stderr = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .expect("open the log file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_vps-sandbox"));
    command.args(arguments(db, options).into_iter().skip(1));
    command.envs(options.env.iter().map(|(name, value)| (name, value)));
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(stderr))
        .spawn()
        .expect("start vps-sandbox");
    let stdout = child.stdout.take().expect("piped stdout");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let _ = reader.read_line(&mut line);
        let _ = sender.send(line);
        // Keep draining, so the server can never block on a full pipe.
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    let line = match receiver.recv_timeout(Duration::from_secs(60)) {
        Ok(line) => line,
        Err(_) => {
            let _ = child.kill();
            panic!(
                "vps-sandbox did not say where it listens; stderr: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
    };
    let address = line
        .strip_prefix("vps-sandbox listening on http://")
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|address| address.parse().ok());
    match address {
        Some(address) => (child, address),
        None => {
            let _ = child.kill();
            panic!(
                "unexpected first line {line:?}; stderr: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
    }
}

// ---- Calendar arithmetic, written independently of the contract crate. ----

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` (the contract's form) into epoch seconds.
#[track_caller]
pub fn parse_time(text: &str) -> i64 {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
        && bytes[19] == b'Z';
    assert!(shape_ok, "not an RFC 3339 UTC time with seconds and Z: {text:?}");
    let number = |range: std::ops::Range<usize>| -> i64 {
        text[range].parse().unwrap_or_else(|_| panic!("bad number in {text:?}"))
    };
    days_from_civil(number(0..4), number(5..7), number(8..10)) * DAY
        + number(11..13) * 3600
        + number(14..16) * 60
        + number(17..19)
}

pub fn format_time(seconds: i64) -> String {
    let (y, m, d) = civil_from_days(seconds.div_euclid(DAY));
    let s = seconds.rem_euclid(DAY);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// `YYYY-MM-DD` of an instant.
pub fn ymd(seconds: i64) -> String {
    let (y, m, d) = civil_from_days(seconds.div_euclid(DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The same wall time `years` later; 29 February becomes 28 February in a common year.
pub fn plus_years(seconds: i64, years: i64) -> i64 {
    let (y, m, d) = civil_from_days(seconds.div_euclid(DAY));
    let year = y + years;
    let day = if m == 2 && d == 29 && !is_leap(year) { 28 } else { d };
    days_from_civil(year, m, day) * DAY + seconds.rem_euclid(DAY)
}

pub fn wall_clock() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
