//! The provider's business rules over SQLite: listing, registration, settings, removal,
//! transfers, and the lifecycle the clock drives (activation, renewal, expiry, transfer
//! completion). Each function runs inside the caller's transaction.

use crate::error::ApiError;
use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use vps_contract::{
    dns_managed_by, field, price_for_domain, transfer_eligible_from, unicode_form, Cents, DomainDetail, DomainId,
    DomainStatus, DomainSummary, RegisterRequest, RegisterResponse, StatusFilter, Timestamp, TransferRequest,
    TransferResponse, TransferStatus, UpdateRequest, UpdateResponse, WhoisInfo, VPS_NAMESERVERS,
};

pub const VPS_REGISTRAR: &str = "VPS.org";
pub const REGISTRATION_MESSAGE: &str = "Domain registration initiated. Processing may take 5-10 minutes.";
pub const UPDATE_MESSAGE: &str = "Domain settings updated successfully.";
pub const PROPAGATION_NOTE: &str = " Nameserver changes may take up to 24 hours to propagate.";
pub const TRANSFER_MESSAGE: &str = "Domain transfer initiated. You should receive a confirmation email from your current registrar. Transfer typically completes within 5-7 days.";
pub const TRANSFER_NEXT_STEPS: [&str; 4] = [
    "Check email for transfer authorization request",
    "Approve transfer with current registrar",
    "Wait for transfer to complete (5-7 days)",
    "Domain will be automatically renewed for 1 year upon completion",
];
const PRIVACY_PROTECTED: &str = "Privacy Protected";
const ESTIMATED_TRANSFER_DAYS: i64 = 7;

/// The sandbox's timing settings, from its start-up flags.
#[derive(Clone, Copy, Debug)]
pub struct Delays {
    pub activation_seconds: i64,
    pub transfer_seconds: i64,
}

/// The signed-in account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountId(pub i64);

pub fn sha256(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// A domain's id as its SQLite rowid: an id above `i64::MAX` names no stored domain. With
/// [`read_id`], the one place the API's ids and SQLite's signed keys meet.
fn rowid(id: DomainId) -> Result<i64, ApiError> {
    i64::try_from(id).map_err(|_| ApiError::not_found())
}

/// The rowid in column `index` as a domain's id (rowids here are positive).
fn read_id(row: &Row<'_>, index: usize) -> rusqlite::Result<DomainId> {
    let key: i64 = row.get(index)?;
    DomainId::try_from(key).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(index, key))
}

/// One row of `domains`.
#[derive(Clone, Debug)]
pub struct DomainRow {
    pub id: DomainId,
    pub account_id: i64,
    pub domain_name: String,
    pub status: String,
    pub registration_date: i64,
    pub expiration_date: i64,
    pub auto_renew: bool,
    pub locked: bool,
    pub privacy_protection: bool,
    pub nameservers: Vec<String>,
    pub registrar: String,
    pub dns_records_count: i64,
    pub updated_at: i64,
    pub transfer_status: Option<String>,
    pub transfer_initiated_at: Option<i64>,
    pub estimated_completion: Option<i64>,
}

const DOMAIN_COLUMNS: &str = "id, account_id, domain_name, status, registration_date, expiration_date, \
     auto_renew, locked, privacy_protection, nameservers, registrar, dns_records_count, updated_at, \
     transfer_status, transfer_initiated_at, estimated_completion";

impl DomainRow {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<DomainRow> {
        let nameservers: String = row.get(9)?;
        Ok(DomainRow {
            id: read_id(row, 0)?,
            account_id: row.get(1)?,
            domain_name: row.get(2)?,
            status: row.get(3)?,
            registration_date: row.get(4)?,
            expiration_date: row.get(5)?,
            auto_renew: row.get(6)?,
            locked: row.get(7)?,
            privacy_protection: row.get(8)?,
            nameservers: serde_json::from_str(&nameservers).unwrap_or_default(),
            registrar: row.get(10)?,
            dns_records_count: row.get(11)?,
            updated_at: row.get(12)?,
            transfer_status: row.get(13)?,
            transfer_initiated_at: row.get(14)?,
            estimated_completion: row.get(15)?,
        })
    }

    pub fn is_at_vps(&self) -> bool {
        self.registrar == VPS_REGISTRAR
    }

    pub fn summary(&self) -> DomainSummary {
        DomainSummary {
            id: self.id,
            domain_name: self.domain_name.clone(),
            status: DomainStatus::parse(&self.status),
            registration_date: Some(Timestamp(self.registration_date)),
            expiration_date: Some(Timestamp(self.expiration_date)),
            auto_renew: self.auto_renew,
            locked: self.locked,
            nameservers: self.nameservers.clone(),
            privacy_protection: self.privacy_protection,
            dns_managed_by: dns_managed_by(&self.nameservers),
        }
    }

    pub fn detail(&self, now: Timestamp, contact: &str) -> DomainDetail {
        let shown_contact = if self.privacy_protection {
            PRIVACY_PROTECTED
        } else {
            contact
        };
        DomainDetail {
            summary: self.summary(),
            registrar: Some(self.registrar.clone()),
            days_until_expiration: Some(now.whole_days_until(Timestamp(self.expiration_date))),
            whois_info: Some(WhoisInfo {
                registrant: shown_contact.to_string(),
                admin_contact: shown_contact.to_string(),
                tech_contact: shown_contact.to_string(),
                created_date: Timestamp(self.registration_date).to_ymd(),
                updated_date: Timestamp(self.updated_at).to_ymd(),
            }),
            dns_records_count: Some(self.dns_records_count.max(0) as u64),
            transfer_status: self.transfer_status.as_deref().map(TransferStatus::parse),
            transfer_initiated_at: self.transfer_initiated_at.map(Timestamp),
            estimated_completion: self.estimated_completion.map(Timestamp),
        }
    }
}

pub fn balance(conn: &Connection, account: AccountId) -> rusqlite::Result<Cents> {
    conn.query_row("SELECT balance_cents FROM accounts WHERE id = ?1", [account.0], |row| {
        row.get(0)
    })
    .map(Cents)
}

pub fn set_balance(conn: &Connection, account: AccountId, balance: Cents) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE accounts SET balance_cents = ?2 WHERE id = ?1",
        params![account.0, balance.0],
    )?;
    Ok(())
}

fn contact(conn: &Connection, account_id: i64) -> rusqlite::Result<String> {
    conn.query_row("SELECT contact FROM accounts WHERE id = ?1", [account_id], |row| {
        row.get(0)
    })
}

/// Every domain of the account, in id order (the list endpoint filters and pages this).
pub fn all(conn: &Connection, account: AccountId) -> rusqlite::Result<Vec<DomainSummary>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {DOMAIN_COLUMNS} FROM domains WHERE account_id = ?1 AND removed = 0 ORDER BY id"
    ))?;
    let mut results = Vec::new();
    let mut rows = statement.query([account.0])?;
    while let Some(row) = rows.next()? {
        results.push(DomainRow::from_row(row)?.summary());
    }
    Ok(results)
}

/// The list endpoint's filters: the status filter, and `needle` (trimmed, lower-cased, not
/// empty) as a substring of the ASCII name or of its Unicode form.
pub fn matches_filters(domain: &DomainSummary, status: Option<StatusFilter>, needle: Option<&str>) -> bool {
    if status.is_some_and(|filter| !filter.matches(domain)) {
        return false;
    }
    match needle {
        None => true,
        Some(needle) => {
            domain.domain_name.contains(needle)
                || (domain.domain_name.contains("xn--")
                    && unicode_form(&domain.domain_name).to_lowercase().contains(needle))
        }
    }
}

/// The account's domain with this id; another account's, a removed one, or none is 404.
pub fn find(conn: &Connection, account: AccountId, id: DomainId) -> Result<DomainRow, ApiError> {
    conn.query_row(
        &format!("SELECT {DOMAIN_COLUMNS} FROM domains WHERE id = ?1 AND account_id = ?2 AND removed = 0"),
        params![rowid(id)?, account.0],
        DomainRow::from_row,
    )
    .optional()?
    .ok_or_else(ApiError::not_found)
}

pub fn detail(conn: &Connection, account: AccountId, id: DomainId, now: Timestamp) -> Result<DomainDetail, ApiError> {
    let row = find(conn, account, id)?;
    Ok(row.detail(now, &contact(conn, row.account_id)?))
}

fn is_registered(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM domains WHERE domain_name = ?1)
             OR EXISTS (SELECT 1 FROM reserved_names WHERE domain_name = ?1)",
        [name],
        |row| row.get(0),
    )
}

fn years_phrase(years: i64) -> String {
    if years == 1 {
        "1 year".to_string()
    } else {
        format!("{years} years")
    }
}

/// Registers a name: the availability check, the balance check, the charge and the new row
/// are one transaction (the caller's `BEGIN IMMEDIATE`).
pub fn register(
    conn: &Connection,
    account: AccountId,
    request: &RegisterRequest,
    now: Timestamp,
    delays: Delays,
) -> Result<RegisterResponse, ApiError> {
    let Some(price) = price_for_domain(&request.domain_name) else {
        return Err(ApiError::field(field::DOMAIN_NAME, "This TLD is not offered."));
    };
    if is_registered(conn, &request.domain_name)? {
        return Err(ApiError::field(
            field::DOMAIN_NAME,
            "This domain is already registered.",
        ));
    }
    let total = price.registration_total(request.years);
    let available = balance(conn, account)?;
    if available < total {
        return Err(ApiError::payment_required(format!(
            "Insufficient balance: registering {} for {} costs {total}, and the account balance is {available}. Add funds, then try again.",
            unicode_form(&request.domain_name),
            years_phrase(request.years),
        )));
    }
    set_balance(conn, account, available - total)?;
    let nameservers = request
        .nameservers
        .clone()
        .unwrap_or_else(|| VPS_NAMESERVERS.iter().map(|ns| ns.to_string()).collect());
    let expiration = now.plus_years(request.years);
    let inserted = conn.execute(
        "INSERT INTO domains (account_id, domain_name, status, registration_date, expiration_date,
             activates_at, auto_renew, locked, privacy_protection, nameservers, registrar, updated_at)
         VALUES (?1, ?2, 'pending', ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?3)",
        params![
            account.0,
            request.domain_name,
            now.0,
            expiration.0,
            now.0 + delays.activation_seconds,
            request.auto_renew,
            request.privacy_protection,
            serde_json::to_string(&nameservers).unwrap_or_default(),
            VPS_REGISTRAR,
        ],
    );
    match inserted {
        Err(rusqlite::Error::SqliteFailure(failure, _)) if failure.code == rusqlite::ErrorCode::ConstraintViolation => {
            return Err(ApiError::field(
                field::DOMAIN_NAME,
                "This domain is already registered.",
            ));
        }
        other => other?,
    };
    let id = DomainId::try_from(conn.last_insert_rowid()).map_err(|_| ApiError::not_found())?;
    let row = find(conn, account, id)?;
    Ok(RegisterResponse {
        domain: row.summary(),
        total_cost: Some(total),
        message: REGISTRATION_MESSAGE.to_string(),
    })
}

/// Applies a partial settings update.
pub fn update(
    conn: &Connection,
    account: AccountId,
    id: DomainId,
    request: &UpdateRequest,
    now: Timestamp,
) -> Result<UpdateResponse, ApiError> {
    let mut row = find(conn, account, id)?;
    if !row.is_at_vps() && !request.is_empty() {
        return Err(ApiError::bad_request(format!(
            "{} is registered at {}, so its settings can only be changed there. Transfer it to VPS.org to manage it here.",
            unicode_form(&row.domain_name),
            row.registrar
        )));
    }
    let before = row.clone();
    let mut message = UPDATE_MESSAGE.to_string();
    if let Some(auto_renew) = request.auto_renew {
        row.auto_renew = auto_renew;
    }
    if let Some(privacy) = request.privacy_protection {
        row.privacy_protection = privacy;
    }
    if let Some(locked) = request.locked {
        row.locked = locked;
    }
    if let Some(nameservers) = &request.nameservers {
        if *nameservers != row.nameservers {
            message.push_str(PROPAGATION_NOTE);
        }
        row.nameservers = nameservers.clone();
    }
    let changed = row.auto_renew != before.auto_renew
        || row.privacy_protection != before.privacy_protection
        || row.locked != before.locked
        || row.nameservers != before.nameservers;
    if changed {
        conn.execute(
            "UPDATE domains SET auto_renew = ?2, privacy_protection = ?3, locked = ?4, nameservers = ?5,
                 updated_at = ?6 WHERE id = ?1",
            params![
                rowid(row.id)?,
                row.auto_renew,
                row.privacy_protection,
                row.locked,
                serde_json::to_string(&row.nameservers).unwrap_or_default(),
                now.0,
            ],
        )?;
    }
    Ok(UpdateResponse {
        id: row.id,
        domain_name: Some(row.domain_name.clone()),
        status: Some(DomainStatus::parse(&row.status)),
        auto_renew: Some(row.auto_renew),
        nameservers: Some(row.nameservers.clone()),
        privacy_protection: Some(row.privacy_protection),
        locked: Some(row.locked),
        message,
    })
}

/// Removes the domain from the account. The registration stays (and renews if it should).
pub fn remove(conn: &Connection, account: AccountId, id: DomainId) -> Result<(), ApiError> {
    let row = find(conn, account, id)?;
    conn.execute("UPDATE domains SET removed = 1 WHERE id = ?1", [rowid(row.id)?])?;
    Ok(())
}

/// Starts a transfer in, checking the contract's rules in their order.
pub fn transfer(
    conn: &Connection,
    account: AccountId,
    id: DomainId,
    request: &TransferRequest,
    now: Timestamp,
    delays: Delays,
) -> Result<TransferResponse, ApiError> {
    let row = find(conn, account, id)?;
    let name = unicode_form(&row.domain_name);
    if row.is_at_vps() {
        return Err(ApiError::bad_request(format!(
            "{name} is already registered with VPS.org, so there is nothing to transfer."
        )));
    }
    if row.transfer_status.as_deref() == Some("pending") {
        let expected = row
            .estimated_completion
            .map(|t| Timestamp(t).to_ymd())
            .unwrap_or_default();
        return Err(ApiError::bad_request(format!(
            "A transfer of {name} is already pending; it is expected to complete by {expected}."
        )));
    }
    if row.locked {
        return Err(ApiError::bad_request(format!(
            "{name} is locked at {}. Turn off its registrar lock there, then try again.",
            row.registrar
        )));
    }
    let eligible = transfer_eligible_from(Timestamp(row.registration_date));
    if now < eligible {
        return Err(ApiError::bad_request(format!(
            "{name} was registered less than 60 days ago, and registries refuse transfers until then. It can be transferred from {}.",
            eligible.to_ymd()
        )));
    }
    let stored_hash: Option<Vec<u8>> = conn.query_row(
        "SELECT auth_code_sha256 FROM domains WHERE id = ?1",
        [rowid(row.id)?],
        |r| r.get(0),
    )?;
    let given_hash = sha256(&request.auth_code);
    let code_matches = stored_hash.is_some_and(|stored| bool::from(stored.as_slice().ct_eq(&given_hash)));
    if !code_matches {
        return Err(ApiError::field(
            field::AUTH_CODE,
            format!(
                "This auth code is not valid for {name}. Ask {} for the current EPP code and try again.",
                row.registrar
            ),
        ));
    }
    let fee = price_for_domain(&row.domain_name)
        .map(|price| price.transfer)
        .unwrap_or(Cents(0));
    let available = balance(conn, account)?;
    if available < fee {
        return Err(ApiError::payment_required(format!(
            "Insufficient balance: transferring {name} costs {fee} (one year's renewal included), and the account balance is {available}. Add funds, then try again."
        )));
    }
    set_balance(conn, account, available - fee)?;
    let estimated = now.plus_days(ESTIMATED_TRANSFER_DAYS);
    conn.execute(
        "UPDATE domains SET transfer_status = 'pending', transfer_initiated_at = ?2,
             transfer_completes_at = ?3, estimated_completion = ?4, transfer_auto_renew = ?5, updated_at = ?2
         WHERE id = ?1",
        params![
            rowid(row.id)?,
            now.0,
            now.0 + delays.transfer_seconds,
            estimated.0,
            request.auto_renew
        ],
    )?;
    Ok(TransferResponse {
        id: row.id,
        domain_name: row.domain_name.clone(),
        transfer_status: Some(TransferStatus::Pending),
        transfer_initiated_at: Some(now),
        estimated_completion: Some(estimated),
        message: TRANSFER_MESSAGE.to_string(),
        next_steps: TRANSFER_NEXT_STEPS.iter().map(|step| step.to_string()).collect(),
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use vps_contract::test_support::domain;

    #[test]
    fn the_list_filters_by_status_and_by_either_form_of_the_name() {
        let cafe = domain(109, "xn--caf-dma.app").summary();
        let pending = domain(103, "mynewstartup.dev")
            .status(DomainStatus::Pending)
            .locked(false)
            .summary();
        assert!(matches_filters(&cafe, None, Some("café")));
        assert!(matches_filters(&cafe, None, Some("xn--caf")));
        assert!(!matches_filters(&pending, None, Some("café")));
        assert!(matches_filters(&pending, Some(StatusFilter::Pending), Some("startup")));
        assert!(!matches_filters(&pending, Some(StatusFilter::Locked), None));
        assert!(matches_filters(&cafe, Some(StatusFilter::Locked), None));
        assert!(!matches_filters(&cafe, Some(StatusFilter::Expired), None));
    }
}
