//! The lifecycle the sandbox's clock drives: activation, transfer completion, renewal or
//! expiry, and when the next of them falls due.

use super::{balance, set_balance, AccountId, VPS_REGISTRAR};
use rusqlite::{params, Connection};
use vps_contract::{price_for_domain, Cents, Timestamp};

/// Runs everything the clock has made due, in time order within each domain:
/// activations, transfer completions, then renewals or expiry. Returns how many rows changed.
/// The rows' keys here stay SQLite's own: they go from one statement to the next, never out.
pub fn run_due(conn: &Connection, now: Timestamp) -> rusqlite::Result<usize> {
    let mut changed = conn.execute(
        "UPDATE domains SET status = 'active', activates_at = NULL
         WHERE status = 'pending' AND activates_at IS NOT NULL AND activates_at <= ?1",
        [now.0],
    )?;

    let completing: Vec<(i64, i64, i64)> = {
        let mut statement = conn.prepare_cached(
            "SELECT id, expiration_date, transfer_completes_at FROM domains
             WHERE transfer_status = 'pending' AND transfer_completes_at <= ?1",
        )?;
        let rows = statement.query_map([now.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, expiration, completed_at) in completing {
        // The transfer adds a year to the later of the old expiry and the completion day.
        let base = Timestamp(expiration.max(completed_at));
        conn.execute(
            "UPDATE domains SET registrar = ?2, expiration_date = ?3, locked = 1,
                 auto_renew = COALESCE(transfer_auto_renew, auto_renew), transfer_status = 'completed',
                 status = 'active', updated_at = ?4, auth_code_sha256 = NULL
             WHERE id = ?1",
            params![id, VPS_REGISTRAR, base.plus_years(1).0, completed_at],
        )?;
        changed += 1;
    }

    let expiring: Vec<(i64, i64, String, bool, i64)> = {
        let mut statement = conn.prepare_cached(
            "SELECT id, account_id, domain_name, auto_renew, expiration_date FROM domains
             WHERE registrar = ?1 AND status != 'expired' AND expiration_date <= ?2
             ORDER BY expiration_date, id",
        )?;
        let rows = statement.query_map(params![VPS_REGISTRAR, now.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, account_id, name, auto_renew, mut expiration) in expiring {
        let renew_price = price_for_domain(&name).map(|price| price.renew).unwrap_or(Cents(0));
        let account = AccountId(account_id);
        let mut expired = false;
        while expiration <= now.0 {
            let available = balance(conn, account)?;
            if !auto_renew || available < renew_price {
                expired = true;
                break;
            }
            set_balance(conn, account, available - renew_price)?;
            expiration = Timestamp(expiration).plus_years(1).0;
        }
        conn.execute(
            "UPDATE domains SET expiration_date = ?2, status = CASE WHEN ?3 THEN 'expired' ELSE status END,
                 updated_at = ?4 WHERE id = ?1",
            params![id, expiration, expired, now.0],
        )?;
        changed += 1;
    }
    Ok(changed)
}

/// The next instant something falls due, if anything ever will.
pub fn next_due(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT MIN(t) FROM (
             SELECT MIN(activates_at) AS t FROM domains WHERE status = 'pending'
             UNION ALL SELECT MIN(transfer_completes_at) FROM domains WHERE transfer_status = 'pending'
             UNION ALL SELECT MIN(expiration_date) FROM domains WHERE registrar = ?1 AND status != 'expired'
         )",
        [VPS_REGISTRAR],
        |row| row.get(0),
    )
}
