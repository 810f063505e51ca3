//! The provider's business rules over SQLite: the domain row and what reads it (the list, a
//! domain, the balance), the changes a request asks for (`changes.rs`: registration, settings,
//! removal, transfers) and the lifecycle the clock drives (`lifecycle.rs`: activation, renewal,
//! expiry, transfer completion). Each function runs inside the caller's transaction.

mod changes;
mod lifecycle;

pub use changes::{register, remove, transfer, update};
pub use lifecycle::{next_due, run_due};

use crate::error::ApiError;
use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};
use vps_contract::{
    dns_managed_by, unicode_form, Cents, DomainDetail, DomainId, DomainStatus, DomainSummary, StatusFilter, Timestamp,
    TransferStatus, WhoisInfo,
};

pub const VPS_REGISTRAR: &str = "VPS.org";
const PRIVACY_PROTECTED: &str = "Privacy Protected";

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
/// [`domain_id`], the one place the API's ids and SQLite's signed keys meet.
fn rowid(id: DomainId) -> Result<i64, ApiError> {
    i64::try_from(id).map_err(|_| ApiError::not_found())
}

/// A rowid as a domain's id (the rowids of `domains` are positive).
fn domain_id(rowid: i64) -> rusqlite::Result<DomainId> {
    DomainId::try_from(rowid).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, rowid))
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
            id: domain_id(row.get(0)?)?,
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
