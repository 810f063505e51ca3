//! SQLite: the schema, a small pool of connections (WAL: readers never wait for the writer),
//! and one place to run a write transaction.
//!
//! Database work runs to its end on the blocking thread pool even when the request that asked
//! for it is dropped (a client that disconnects): the connection goes back to the pool and the
//! data version is bumped there, not after an `.await` that may never resume.

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

const POOL_SIZE: usize = 4;
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    token_sha256  BLOB NOT NULL UNIQUE,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),
    contact       TEXT NOT NULL
);
-- Every name registered anywhere: a name appears here at most once.
CREATE TABLE IF NOT EXISTS domains (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id            INTEGER NOT NULL REFERENCES accounts(id),
    removed               INTEGER NOT NULL DEFAULT 0,
    domain_name           TEXT NOT NULL UNIQUE,
    status                TEXT NOT NULL,
    registration_date     INTEGER NOT NULL,
    expiration_date       INTEGER NOT NULL,
    activates_at          INTEGER,
    auto_renew            INTEGER NOT NULL,
    locked                INTEGER NOT NULL,
    privacy_protection    INTEGER NOT NULL,
    nameservers           TEXT NOT NULL,
    registrar             TEXT NOT NULL,
    dns_records_count     INTEGER NOT NULL DEFAULT 0,
    updated_at            INTEGER NOT NULL,
    auth_code_sha256      BLOB,
    transfer_status       TEXT,
    transfer_initiated_at INTEGER,
    transfer_completes_at INTEGER,
    estimated_completion  INTEGER,
    transfer_auto_renew   INTEGER
);
CREATE INDEX IF NOT EXISTS domains_by_account ON domains(account_id, removed, id);
-- What the lifecycle looks for on every write (what falls due, and when next): without these,
-- each write scans the whole table several times (~5 ms at 10,000 domains).
CREATE INDEX IF NOT EXISTS domains_activation ON domains(activates_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS domains_transfer_due ON domains(transfer_completes_at) WHERE transfer_status = 'pending';
CREATE INDEX IF NOT EXISTS domains_expiry ON domains(registrar, expiration_date) WHERE status != 'expired';
-- Names held by nobody in the sandbox but registered elsewhere.
CREATE TABLE IF NOT EXISTS reserved_names (
    domain_name TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
    account_id   INTEGER NOT NULL,
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_json TEXT NOT NULL,
    state        TEXT NOT NULL,
    status       INTEGER,
    response     TEXT,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, scope, key)
);
"#;

/// A fixed set of connections to one database file, lent out one request at a time.
#[derive(Clone)]
pub struct Pool {
    connections: Arc<Mutex<Vec<Connection>>>,
    available: Arc<Semaphore>,
    /// Bumped after every committed write transaction, before [`Pool::write`] returns.
    version: Arc<AtomicU64>,
    /// One write transaction at a time, in arrival order, holding one connection: writers
    /// queue here instead of in SQLite's busy handler (which sleeps up to 100 ms a try) while
    /// holding connections that readers need.
    writer: Arc<tokio::sync::Mutex<()>>,
}

fn open(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a registration acknowledged with 201 survives a crash of the machine, not just the process.
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    Ok(connection)
}

impl Pool {
    /// Opens the file (creating it and its schema when new). Returns whether it was new.
    pub fn open(path: &Path) -> rusqlite::Result<(Pool, bool)> {
        let first = open(path)?;
        let is_new: bool = first.query_row(
            "SELECT COUNT(*) = 0 FROM sqlite_master WHERE name = 'accounts'",
            [],
            |row| row.get(0),
        )?;
        first.execute_batch(SCHEMA)?;
        let mut connections = vec![first];
        for _ in 1..POOL_SIZE {
            connections.push(open(path)?);
        }
        let pool = Pool {
            connections: Arc::new(Mutex::new(connections)),
            available: Arc::new(Semaphore::new(POOL_SIZE)),
            version: Arc::new(AtomicU64::new(0)),
            writer: Arc::new(tokio::sync::Mutex::new(())),
        };
        Ok((pool, is_new))
    }

    /// The data version: how many write transactions have committed since the start.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    /// Runs `work` on a pooled connection on the blocking thread pool. The permit and the
    /// connection travel with the work, so they come back when it ends, awaited or not.
    pub async fn run<T, F>(&self, work: F) -> T
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> T + Send + 'static,
    {
        // The semaphore is never closed, so acquiring cannot fail; a connection is always there.
        let permit = Arc::clone(&self.available)
            .acquire_owned()
            .await
            .expect("the pool's semaphore is never closed");
        let connections = Arc::clone(&self.connections);
        let outcome = tokio::task::spawn_blocking(move || {
            let mut connection = connections
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .pop()
                .expect("a permit guarantees a free connection");
            let result = catch_unwind(AssertUnwindSafe(|| work(&mut connection)));
            connections
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(connection);
            drop(permit);
            result
        })
        .await
        .expect("the blocking pool runs every task");
        outcome.unwrap_or_else(|panic| resume_unwind(panic))
    }

    /// Runs `work` inside `BEGIN IMMEDIATE … COMMIT`: it reads and writes as one step, and
    /// a returned `Err` rolls everything back.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: Send + 'static + From<rusqlite::Error>,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E> + Send + 'static,
    {
        let version = Arc::clone(&self.version);
        let turn = Arc::clone(&self.writer).lock_owned().await;
        self.run(move |connection| {
            let result = transact(connection, work, &version);
            drop(turn);
            result
        })
        .await
    }
}

/// `BEGIN IMMEDIATE`, `work`, `COMMIT` (or rollback on `Err`), and the version bumped once committed.
fn transact<T, E, F>(connection: &mut Connection, work: F, version: &AtomicU64) -> Result<T, E>
where
    E: From<rusqlite::Error>,
    F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E>,
{
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let value = work(&transaction)?;
    transaction.commit()?;
    version.fetch_add(1, Ordering::SeqCst);
    Ok(value)
}
