//! Who is signed in: the API base and the token. The token lives in memory; only when the
//! person asks is it kept in sessionStorage (gone when the tab closes). Never localStorage,
//! never a URL, never a log.

use crate::api::{ApiBase, Connection};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "vps-admin.session";

#[derive(Serialize, Deserialize)]
struct Remembered {
    base: String,
    token: String,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub connection: RwSignal<Option<Connection>>,
    /// Why the last session ended (a 401's message), shown on the sign-in screen.
    pub ended_because: RwSignal<Option<String>>,
    /// The API base last used, offered again after a sign-out or an expiry.
    pub last_base: RwSignal<Option<String>>,
    /// Counts the sessions begun and ended, so that an answer can tell whether the session
    /// that asked for it is still the one signed in.
    generation: StoredValue<u64>,
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

impl Session {
    /// Starts signed out, or signed in from sessionStorage when the person chose to be remembered.
    pub fn restore() -> Session {
        let remembered = session_storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str::<Remembered>(&text).ok());
        let origin = crate::api::page_origin();
        // Kept by an earlier version, or for an address no longer accepted: sign in again.
        let connection = remembered.and_then(|r| {
            Some(Connection {
                base: ApiBase::parse(&r.base, &origin).ok()?,
                token: r.token,
            })
        });
        Session::new(connection)
    }

    /// Signed in with `connection`, or signed out; nothing is read from or kept in storage.
    pub fn new(connection: Option<Connection>) -> Session {
        Session {
            last_base: RwSignal::new(connection.as_ref().map(|c| c.base.to_string())),
            connection: RwSignal::new(connection),
            ended_because: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.connection.with(Option::is_some)
    }

    pub fn is_signed_in_untracked(&self) -> bool {
        self.connection.with_untracked(Option::is_some)
    }

    /// Changes whenever a session begins or ends.
    pub fn generation(&self) -> u64 {
        self.generation.get_value()
    }

    fn set_connection(&self, connection: Option<Connection>) {
        self.generation.update_value(|generation| *generation += 1);
        self.connection.set(connection);
    }

    pub fn sign_in(&self, connection: Connection, remember: bool) {
        if let Some(storage) = session_storage() {
            if remember {
                let remembered = Remembered {
                    base: connection.base.to_string(),
                    token: connection.token.clone(),
                };
                if let Ok(text) = serde_json::to_string(&remembered) {
                    let _ = storage.set_item(STORAGE_KEY, &text);
                }
            } else {
                let _ = storage.remove_item(STORAGE_KEY);
            }
        }
        self.last_base.set(Some(connection.base.to_string()));
        self.ended_because.set(None);
        self.set_connection(Some(connection));
    }

    pub fn sign_out(&self) {
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        self.set_connection(None);
        self.ended_because.set(None);
    }

    /// A 401: forget the token (it no longer works) and say why.
    pub fn expire(&self, reason: &str) {
        if self.connection.get_untracked().is_none() {
            return;
        }
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        self.ended_because.set(Some(reason.to_string()));
        self.set_connection(None);
    }
}
