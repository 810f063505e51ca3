//! The seed data: two accounts, the seed's own example domains and one of each state,
//! with dates relative to the moment of seeding so every state holds whenever it is run.

use crate::domains::{sha256, VPS_REGISTRAR};
use rusqlite::{params, Connection};
use vps_contract::{Timestamp, SECONDS_PER_DAY, VPS_NAMESERVERS};

pub const DEMO_TOKEN: &str = "sandbox-demo-token";
pub const OTHER_TOKEN: &str = "sandbox-other-token";
/// $100.00 and $50.00, in cents.
pub const DEMO_BALANCE_CENTS: i64 = 10_000;
pub const OTHER_BALANCE_CENTS: i64 = 5_000;
pub const FIRST_DOMAIN_ID: i64 = 101;
pub const RESERVED_NAMES: [&str; 6] = [
    "google.com",
    "taken.io",
    "facebook.com",
    "amazon.com",
    "vps.org",
    "github.io",
];

const DEMO_ACCOUNT: i64 = 1;
const OTHER_ACCOUNT: i64 = 2;

struct SeedDomain {
    account: i64,
    name: &'static str,
    status: &'static str,
    /// Registered this many days before the seeding moment.
    age_days: i64,
    /// Expires this many days after the seeding moment (negative: in the past).
    expires_in_days: i64,
    auto_renew: bool,
    locked: bool,
    privacy: bool,
    nameservers: &'static [&'static str],
    registrar: &'static str,
    dns_records: i64,
    auth_code: Option<&'static str>,
}

const CLOUDFLARE: &[&str] = &["ns1.cloudflare.com", "ns2.cloudflare.com"];
const VPS: &[&str] = &VPS_NAMESERVERS;

fn seed_domains() -> [SeedDomain; 10] {
    let vps = |account, name, status, age_days, expires_in_days, auto_renew, locked, privacy, dns_records| SeedDomain {
        account,
        name,
        status,
        age_days,
        expires_in_days,
        auto_renew,
        locked,
        privacy,
        nameservers: VPS,
        registrar: VPS_REGISTRAR,
        dns_records,
        auth_code: None,
    };
    let elsewhere = |name, registrar, age_days, expires_in_days, locked, auth_code, nameservers| SeedDomain {
        account: DEMO_ACCOUNT,
        name,
        status: "active",
        age_days,
        expires_in_days,
        auto_renew: false,
        locked,
        privacy: false,
        nameservers,
        registrar,
        dns_records: 0,
        auth_code: Some(auth_code),
    };
    [
        // 101, 102: the seed's own examples.
        vps(
            DEMO_ACCOUNT,
            "example.com",
            "active",
            3 * 365,
            730,
            true,
            true,
            true,
            12,
        ),
        SeedDomain {
            nameservers: CLOUDFLARE,
            ..vps(DEMO_ACCOUNT, "myapp.io", "active", 525, 210, false, false, false, 0)
        },
        // 103: a registration still being processed.
        vps(DEMO_ACCOUNT, "mynewstartup.dev", "pending", 0, 365, true, true, true, 0),
        // 104: lapsed, auto-renew was off.
        vps(
            DEMO_ACCOUNT,
            "old-project.net",
            "expired",
            3 * 365 + 20,
            -20,
            false,
            true,
            true,
            4,
        ),
        // 105: expires within 30 days with auto-renew off.
        vps(
            DEMO_ACCOUNT,
            "side-hustle.co",
            "active",
            365 - 12,
            12,
            false,
            true,
            true,
            6,
        ),
        // 106–108: held at other registrars.
        elsewhere(
            "legacy-shop.com",
            "GoDaddy",
            2 * 365,
            120,
            false,
            "Xy9Kl2Mn#4pQ",
            &["ns51.domaincontrol.com", "ns52.domaincontrol.com"],
        ),
        elsewhere(
            "locked-elsewhere.net",
            "Namecheap",
            365,
            365,
            true,
            "Lk7Qp2Zr#9sT",
            &["dns1.registrar-servers.com", "dns2.registrar-servers.com"],
        ),
        elsewhere(
            "brand-new.org",
            "Gandi",
            10,
            355,
            false,
            "Bn3Wx8Yt#1mK",
            &["ns-1.gandi.net", "ns-2.gandi.net"],
        ),
        // 109: an internationalised name (café.app).
        vps(DEMO_ACCOUNT, "xn--caf-dma.app", "active", 400, 330, true, true, true, 3),
        // 110: the other account's own domain.
        vps(
            OTHER_ACCOUNT,
            "other-account.com",
            "active",
            200,
            165,
            true,
            true,
            true,
            2,
        ),
    ]
}

/// Fills an empty database with the seed data, as of `now`.
pub fn seed(conn: &Connection, now: Timestamp, activation_seconds: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO accounts (id, name, token_sha256, balance_cents, contact) VALUES
             (?1, 'Demo account', ?2, ?3, 'Demo Operator, demo@sandbox.vps.test'),
             (?4, 'Other account', ?5, ?6, 'Other Owner, other@sandbox.vps.test')",
        params![
            DEMO_ACCOUNT,
            sha256(DEMO_TOKEN).as_slice(),
            DEMO_BALANCE_CENTS,
            OTHER_ACCOUNT,
            sha256(OTHER_TOKEN).as_slice(),
            OTHER_BALANCE_CENTS
        ],
    )?;
    // Ids start at 101, as in the seed's examples.
    conn.execute(
        "INSERT OR REPLACE INTO sqlite_sequence (name, seq) VALUES ('domains', ?1)",
        [FIRST_DOMAIN_ID - 1],
    )?;
    for domain in seed_domains() {
        let registered = now.plus_days(-domain.age_days);
        let activates_at = (domain.status == "pending").then_some(now.0 + activation_seconds);
        conn.execute(
            "INSERT INTO domains (account_id, domain_name, status, registration_date, expiration_date,
                 activates_at, auto_renew, locked, privacy_protection, nameservers, registrar,
                 dns_records_count, updated_at, auth_code_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                domain.account,
                domain.name,
                domain.status,
                registered.0,
                // Half a day more, so `days_until_expiration` reads the stated number right after seeding.
                now.plus_days(domain.expires_in_days)
                    .plus_seconds(SECONDS_PER_DAY / 2)
                    .0,
                activates_at,
                domain.auto_renew,
                domain.locked,
                domain.privacy,
                serde_json::to_string(domain.nameservers).unwrap_or_default(),
                domain.registrar,
                domain.dns_records,
                now.plus_days(-domain.age_days.min(7)).0,
                domain.auth_code.map(|code| sha256(code).to_vec()),
            ],
        )?;
    }
    for name in RESERVED_NAMES {
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
