//! The sandbox: the VPS.org Domains API served natively (axum + SQLite), with its own
//! `/sandbox/` controls for tests and demos, and optionally the built admin app.
//!
//! The controls (see `controls.rs`): `/sandbox/account` (the balance), `/sandbox/clock`,
//! `/sandbox/reset`, and `POST /sandbox/generate` with `{"count": N}` (Bearer; 1 ≤ N ≤ 50,000),
//! which adds N generated domains to the token's account in one transaction — realistic names
//! over all seven TLDs and a few IDNs, every status, some held at other registrars, expiries
//! spread over five years with some within 30 days — never colliding with a registered or
//! reserved name, and answers `200 {"created": N}`. The benchmark (`bench/`) seeds 100 and
//! 10,000 domains with it.

pub mod config;
mod controls;
mod db;
mod domains;
mod error;
mod generate;
mod http;
mod idempotency;
mod list_cache;
mod seed;
mod static_site;
mod strict_json;

use crate::db::Pool;
use crate::domains::{AccountId, Delays};
use crate::error::ApiError;
use crate::list_cache::{CachedList, ListCache};
use crate::static_site::StaticSite;
use config::Config;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;
use vps_contract::Timestamp;

pub use seed::{DEMO_TOKEN, OTHER_TOKEN};

/// The OpenAPI document of the six provider endpoints, served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// No pending event: the lifecycle has nothing to do until something changes.
const NOTHING_DUE: i64 = i64::MAX;

/// Everything a request handler can reach.
pub struct AppState {
    pool: Pool,
    delays: Delays,
    /// Seconds added to the wall clock (the `/sandbox/clock` control).
    clock_offset: AtomicI64,
    /// The earliest instant a lifecycle event falls due.
    next_due: AtomicI64,
    /// Each account's whole list as of a data version (the pool's count of committed writes).
    lists: ListCache,
    /// One list read at a time when the kept one is out of date, so that a burst of requests
    /// after a write reads (and gzips) the list once, not once each.
    list_reading: tokio::sync::Mutex<()>,
    /// SHA-256 of each account's token, compared in constant time.
    token_hashes: Vec<([u8; 32], AccountId)>,
    /// Every list paginated at this size (`--page-size`), as DRF's `PAGE_SIZE` does.
    page_size: Option<u64>,
    /// The listening address, for `next` links asked without a `Host`.
    address: String,
    static_site: Option<StaticSite>,
}

pub type SharedState = Arc<AppState>;

impl AppState {
    /// Opens (creating and seeding when new) the database and loads what requests need.
    /// `address` is where the server listens: the host of `next` links when a request names none.
    pub async fn open(config: &Config, address: SocketAddr) -> Result<SharedState, String> {
        let (pool, is_new) = Pool::open(&config.db)
            .map_err(|error| format!("cannot open the database {}: {error}", config.db.display()))?;
        let static_site = match &config.static_dir {
            Some(dir) => Some(StaticSite::new(dir)?),
            None => None,
        };
        let activation = config.activation_delay;
        let (offset, token_hashes) = pool
            .run(move |conn| -> rusqlite::Result<_> {
                if is_new {
                    seed::seed(conn, wall_clock(), activation)?;
                }
                idempotency::release_abandoned(conn)?;
                let offset: i64 = conn
                    .query_row("SELECT value FROM meta WHERE key = 'clock_offset'", [], |row| {
                        row.get(0)
                    })
                    .unwrap_or(0);
                let mut statement = conn.prepare("SELECT token_sha256, id FROM accounts")?;
                let tokens = statement
                    .query_map([], |row| {
                        let hash: Vec<u8> = row.get(0)?;
                        Ok((hash.try_into().unwrap_or([0u8; 32]), AccountId(row.get(1)?)))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((offset, tokens))
            })
            .await
            .map_err(|error| format!("cannot read the database: {error}"))?;
        let state = Arc::new(AppState {
            pool,
            delays: Delays {
                activation_seconds: config.activation_delay,
                transfer_seconds: config.transfer_delay,
            },
            clock_offset: AtomicI64::new(offset),
            next_due: AtomicI64::new(i64::MIN),
            lists: ListCache::default(),
            list_reading: tokio::sync::Mutex::new(()),
            token_hashes,
            page_size: config.page_size,
            address: address.to_string(),
            static_site,
        });
        state
            .catch_up()
            .await
            .map_err(|_| "cannot bring the lifecycle up to date".to_string())?;
        Ok(state)
    }

    /// The sandbox's clock: the wall clock plus the offset.
    pub fn now(&self) -> Timestamp {
        Timestamp(wall_clock().0 + self.clock_offset.load(Ordering::SeqCst))
    }

    /// The account a `Bearer` token belongs to. Every stored hash is compared, in constant time.
    fn account_for_token(&self, token: &str) -> Option<AccountId> {
        let given = domains::sha256(token);
        let mut found = None;
        for (hash, account) in &self.token_hashes {
            if bool::from(hash.ct_eq(&given)) {
                found = Some(*account);
            }
        }
        found
    }

    /// Runs `work` in one write transaction, with the lifecycle brought up to date first and
    /// the next due instant recomputed after. It runs to its end (the next due instant stored)
    /// even when the request that asked for it is dropped.
    async fn write<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>, Timestamp) -> Result<T, ApiError> + Send + 'static,
    {
        let now = self.now();
        let state = Arc::clone(self);
        let task = tokio::spawn(async move {
            let (value, next) = state
                .pool
                .write(move |tx| {
                    domains::run_due(tx, now)?;
                    let value = work(tx, now)?;
                    let next = domains::next_due(tx)?.unwrap_or(NOTHING_DUE);
                    Ok::<_, ApiError>((value, next))
                })
                .await?;
            state.next_due.store(next, Ordering::SeqCst);
            Ok(value)
        });
        task.await.unwrap_or_else(|_| {
            Err(ApiError::detail(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "The sandbox could not complete the request. Try again.",
            ))
        })
    }

    /// The account's whole list as of now: kept from an earlier request when nothing has been
    /// written since, else read (and serialised) once and kept.
    async fn account_list(&self, account: AccountId) -> Result<CachedList, ApiError> {
        // The version first: what is read after it is at least that new.
        if let Some(list) = self.lists.get(account, self.pool.version()) {
            return Ok(list);
        }
        let _reading = self.list_reading.lock().await;
        let version = self.pool.version();
        if let Some(list) = self.lists.get(account, version) {
            return Ok(list);
        }
        let list = self
            .pool
            .run(move |conn| -> Result<CachedList, ApiError> {
                let domains = domains::all(conn, account)?;
                let body = http::full_list_body(&domains)?;
                Ok(CachedList::new(version, domains, body))
            })
            .await?;
        self.lists.put(account, list.clone());
        Ok(list)
    }

    /// Runs what the clock has made due, when anything has.
    async fn catch_up(self: &Arc<Self>) -> Result<(), ApiError> {
        if self.now().0 >= self.next_due.load(Ordering::SeqCst) {
            self.write(|_, _| Ok(())).await?;
        }
        Ok(())
    }
}

fn wall_clock() -> Timestamp {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Timestamp(seconds as i64)
}

/// Serves until the process is stopped. Prints the address once it listens.
pub async fn serve(config: Config) -> Result<(), String> {
    init_log();
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
    let address = listener.local_addr().map_err(|error| error.to_string())?;
    let state = AppState::open(&config, address).await?;
    println!(
        "vps-sandbox listening on http://{address} (database {})",
        config.db.display()
    );

    // Lifecycle events fall due with real time too, not only when a request arrives.
    let ticker_state = Arc::clone(&state);
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(1));
        loop {
            interval.tick().await;
            let _ = ticker_state.catch_up().await;
        }
    });

    let app = http::router(state, &config);
    // hyper's own connection builder rather than axum::serve, which sets no timer and so no
    // header-read timeout: an idle or slow-header socket would stay open for ever.
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait rather than spin (as axum::serve does).
            Err(error) if !is_connection_error(&error) => {
                tracing::error!("accept: {error}");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            Err(_) => continue,
        };
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    // In-flight requests finish; idle connections close at once.
    let _ = tokio::time::timeout(config.request_timeout, graceful.shutdown()).await;
    Ok(())
}

fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    )
}

/// The log on stderr: `RUST_LOG` sets the level (info by default); each line is the fields of
/// its spans and event only (`GET /api/v1/domains/ 200 1.2ms`), no time, level or target.
fn init_log() {
    use tracing_subscriber::field::MakeExt;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let fields =
        tracing_subscriber::fmt::format::debug_fn(|writer, _field, value| write!(writer, "{value:?}")).delimited(" ");
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .fmt_fields(fields)
        .event_format(http::LogLine)
        .try_init();
}
