//! The seed data: two accounts, the seed's own example domains and one of each state, as
//! `seed.json` describes them (the one description, which tests outside the crate read too),
//! with dates relative to the moment of seeding so every state holds whenever it is run.

use crate::domains::sha256;
use rusqlite::{params, Connection};
use serde::Deserialize;
use vps_contract::{Timestamp, SECONDS_PER_DAY};

const SEED_JSON: &str = include_str!("../seed.json");

#[derive(Deserialize)]
struct Seed {
    accounts: Vec<SeedAccount>,
    domains: Vec<SeedDomain>,
    /// Names that count as registered elsewhere.
    reserved_names: Vec<String>,
}

#[derive(Deserialize)]
struct SeedAccount {
    id: i64,
    name: String,
    token: String,
    balance_cents: i64,
    contact: String,
}

#[derive(Deserialize)]
struct SeedDomain {
    id: i64,
    account: i64,
    domain_name: String,
    status: String,
    /// Registered this many days before the seeding moment.
    age_days: i64,
    /// Expires this many days after the seeding moment (negative: in the past).
    expires_in_days: i64,
    auto_renew: bool,
    locked: bool,
    privacy_protection: bool,
    nameservers: Vec<String>,
    registrar: String,
    dns_records_count: i64,
    auth_code: Option<String>,
}

/// The file is part of the build; a test below reads it, so a mistake in it fails there first.
fn seed_data() -> rusqlite::Result<Seed> {
    serde_json::from_str(SEED_JSON).map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))
}

/// Fills an empty database with the seed data, as of `now`.
pub fn seed(conn: &Connection, now: Timestamp, activation_seconds: i64) -> rusqlite::Result<()> {
    let seed = seed_data()?;
    for account in &seed.accounts {
        conn.execute(
            "INSERT INTO accounts (id, name, token_sha256, balance_cents, contact) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                account.id,
                account.name,
                sha256(&account.token).as_slice(),
                account.balance_cents,
                account.contact
            ],
        )?;
    }
    // Explicit ids (101 up, as in the seed's examples): the sequence continues after the last.
    for domain in &seed.domains {
        let registered = now.plus_days(-domain.age_days);
        let activates_at = (domain.status == "pending").then_some(now.0 + activation_seconds);
        conn.execute(
            "INSERT INTO domains (id, account_id, domain_name, status, registration_date, expiration_date,
                 activates_at, auto_renew, locked, privacy_protection, nameservers, registrar,
                 dns_records_count, updated_at, auth_code_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                domain.id,
                domain.account,
                domain.domain_name,
                domain.status,
                registered.0,
                // Half a day more, so `days_until_expiration` reads the stated number right after seeding.
                now.plus_days(domain.expires_in_days)
                    .plus_seconds(SECONDS_PER_DAY / 2)
                    .0,
                activates_at,
                domain.auto_renew,
                domain.locked,
                domain.privacy_protection,
                serde_json::to_string(&domain.nameservers).unwrap_or_default(),
                domain.registrar,
                domain.dns_records_count,
                now.plus_days(-domain.age_days.min(7)).0,
                domain.auth_code.as_deref().map(|code| sha256(code).to_vec()),
            ],
        )?;
    }
    for name in &seed.reserved_names {
        conn.execute("INSERT INTO reserved_names (domain_name) VALUES (?1)", [name])?;
    }
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_offset', 0)",
        [],
    )?;
    Ok(())
}

/// Empties every table, so that [`seed`] can run again (the reset control).
pub fn clear(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DELETE FROM idempotency_keys; DELETE FROM domains; DELETE FROM reserved_names;
         DELETE FROM accounts; DELETE FROM meta; DELETE FROM sqlite_sequence WHERE name = 'domains';",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domains::VPS_REGISTRAR;
    use std::collections::BTreeSet;
    use vps_contract::{normalize_nameservers, DomainName, DomainStatus};

    #[test]
    fn the_seed_file_is_well_formed() {
        let seed = seed_data().expect("seed.json reads");
        let accounts: BTreeSet<i64> = seed.accounts.iter().map(|account| account.id).collect();
        assert_eq!(accounts.len(), seed.accounts.len(), "account ids are unique");
        let ids: Vec<i64> = seed.domains.iter().map(|domain| domain.id).collect();
        assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "ids increase: {ids:?}");
        assert_eq!(ids.first(), Some(&101), "ids start at 101, as in the seed's examples");
        let mut names = BTreeSet::new();
        for domain in &seed.domains {
            let name = &domain.domain_name;
            assert!(
                accounts.contains(&domain.account),
                "{name}: no account {}",
                domain.account
            );
            assert_eq!(
                DomainName::parse(name).map(|parsed| parsed.into_string()).as_ref(),
                Ok(name)
            );
            assert!(names.insert(name.clone()), "{name} twice");
            assert!(
                !matches!(DomainStatus::parse(&domain.status), DomainStatus::Other(_)),
                "{name}: {}",
                domain.status
            );
            let hosts: Vec<&str> = domain.nameservers.iter().map(String::as_str).collect();
            assert_eq!(
                normalize_nameservers(&hosts).ok().as_ref(),
                Some(&domain.nameservers),
                "{name}"
            );
            assert_eq!(
                domain.auth_code.is_some(),
                domain.registrar != VPS_REGISTRAR,
                "{name}: an auth code exactly when held elsewhere"
            );
        }
        for name in &seed.reserved_names {
            assert!(!names.contains(name), "{name} is both reserved and held");
        }
    }
}
