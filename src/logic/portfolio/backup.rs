//! The portfolio as one JSON file: export, and an import that is checked and previewed
//! before it changes anything.

use super::history::History;
use super::Portfolio;
use serde::{Deserialize, Serialize};

/// The file's schema; a file of another one is refused.
pub const SCHEMA: u32 = 1;
/// Larger files are refused before they are read.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// What the file says it is.
pub const KIND: &str = "vps-admin-portfolio";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub kind: String,
    pub schema: u32,
    /// The account's key (`account_key`: the API address and a digest of the token).
    pub account: String,
    /// When (ms since the epoch).
    pub exported_at: i64,
    pub portfolio: Portfolio,
    pub history: History,
}

/// Why an import was refused; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    TooBig { bytes: usize },
    NotJson,
    /// JSON, but not this app's export (or damaged: the serde message).
    NotABackup(String),
    OtherSchema(u32),
    OtherAccount,
}

/// What an import will do, shown before it does it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    pub notes_added: usize,
    pub notes_replaced: usize,
    pub views_added: usize,
    pub views_replaced: usize,
    pub policy_replaced: bool,
    pub history_added: usize,
}

/// The file for `account`.
pub fn export(account: &str, exported_at: i64, portfolio: &Portfolio, history: &History) -> String {
    todo!()
}

/// Reads a file for `account`: refused when too big, not JSON, not an export, of another
/// schema or of another account.
pub fn read(text: &str, account: &str) -> Result<Backup, Refusal> {
    todo!()
}

/// What importing `backup` over what is kept would add and replace.
pub fn preview(portfolio: &Portfolio, history: &History, backup: &Backup) -> ImportPreview {
    todo!()
}

/// Imports `backup`: its notes and views replace those of the same domain or name, its policy
/// replaces the policy (when not the default), its history is merged.
pub fn import(portfolio: &mut Portfolio, history: &mut History, backup: &Backup) {
    todo!()
}
