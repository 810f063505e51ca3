//! What every request can reach: the database, the sandbox's clock, the lifecycle's next due
//! instant, the kept lists and the accounts' token hashes.

use crate::config::Config;
use crate::db::Pool;
use crate::domains::{self, AccountId, Delays};
use crate::error::ApiError;
use crate::http::full_list_body;
use crate::list_cache::{CachedList, ListCache};
use crate::static_site::StaticSite;
use crate::{idempotency, seed};
use axum::http::StatusCode;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;
use vps_contract::Timestamp;

/// No pending event: the lifecycle has nothing to do until something changes.
const NOTHING_DUE: i64 = i64::MAX;

/// Everything a request handler can reach.
pub struct AppState {
    pub(crate) pool: Pool,
    pub(crate) delays: Delays,
    /// Seconds added to the wall clock (the `/sandbox/clock` control).
    pub(crate) clock_offset: AtomicI64,
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
    pub(crate) page_size: Option<u64>,
    /// The listening address, for `next` links asked without a `Host`.
    pub(crate) address: String,
    pub(crate) static_site: Option<StaticSite>,
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
    pub(crate) fn account_for_token(&self, token: &str) -> Option<AccountId> {
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
    pub(crate) async fn write<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiError>
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
                StatusCode::INTERNAL_SERVER_ERROR,
                "The sandbox could not complete the request. Try again.",
            ))
        })
    }

    /// The account's whole list as of now: kept from an earlier request when nothing has been
    /// written since, else read (and serialised) once and kept.
    pub(crate) async fn account_list(&self, account: AccountId) -> Result<CachedList, ApiError> {
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
                let body = full_list_body(&domains)?;
                Ok(CachedList::new(version, domains, body))
            })
            .await?;
        self.lists.put(account, list.clone());
        Ok(list)
    }

    /// Runs what the clock has made due, when anything has.
    pub(crate) async fn catch_up(self: &Arc<Self>) -> Result<(), ApiError> {
        if self.now().0 >= self.next_due.load(Ordering::SeqCst) {
            self.write(|_, _| Ok(())).await?;
        }
        Ok(())
    }
}

pub(crate) fn wall_clock() -> Timestamp {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Timestamp(seconds as i64)
}
