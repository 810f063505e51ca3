//! The changes a request asks for: registration, settings, removal and the transfer in, each
//! checking the contract's rules in their order.

use super::{balance, domain_id, find, rowid, set_balance, sha256, AccountId, Delays, VPS_REGISTRAR};
use crate::error::ApiError;
use rusqlite::{params, Connection};
use subtle::ConstantTimeEq;
use vps_contract::{
    field, price_for_domain, transfer_eligible_from, unicode_form, Cents, DomainId, DomainStatus, RegisterRequest,
    RegisterResponse, Timestamp, TransferRequest, TransferResponse, TransferStatus, UpdateRequest, UpdateResponse,
    VPS_NAMESERVERS,
};

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
const ESTIMATED_TRANSFER_DAYS: i64 = 7;

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
    let row = find(conn, account, domain_id(conn.last_insert_rowid())?)?;
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
