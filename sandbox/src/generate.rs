//! Generated domains for demos and benchmarks (the `POST /sandbox/generate` control): realistic
//! names (`northwind-analytics.io`, `getbrightforge.dev`, a few IDNs such as `café-labs.app`)
//! over all seven TLDs, and a realistic mix of states — active, pending, expired, held at other
//! registrars, expiring within 30 days with and without auto-renew, locked and unlocked, with
//! and without privacy, VPS.org and external nameservers.
//!
//! Names never collide with a registered or reserved name (the UNIQUE constraint): a taken
//! candidate is replaced by another, and after a few misses by a numbered one. The mix is
//! pseudo-random from a seed that changes with every call, so calls add new names.

use crate::domains::{sha256, AccountId, VPS_REGISTRAR};
use rusqlite::{params, Connection};
use vps_contract::{DomainName, Timestamp, TLD_PRICES, VPS_NAMESERVERS};

/// The most domains one call may add.
pub const MAX_GENERATE: u64 = 50_000;
/// The EPP code of every generated domain held at another registrar (so a demo can transfer one).
pub const GENERATED_AUTH_CODE: &str = "Generated#Auth1";

const FIRST_WORDS: [&str; 64] = [
    "north", "south", "blue", "red", "green", "silver", "golden", "bright", "quiet", "rapid", "swift", "bold", "clear",
    "deep", "true", "prime", "urban", "alpine", "coastal", "cedar", "maple", "pine", "river", "stone", "iron",
    "copper", "amber", "crimson", "violet", "lunar", "solar", "stellar", "nova", "pixel", "cloud", "data", "byte",
    "quantum", "vector", "signal", "orbit", "atlas", "harbor", "summit", "meadow", "canyon", "forest", "ocean",
    "arctic", "desert", "echo", "spark", "hyper", "open", "smart", "happy", "little", "wild", "fresh", "modern",
    "simple", "cozy", "lucky", "zen",
];

const SECOND_WORDS: [&str; 64] = [
    "analytics",
    "labs",
    "studio",
    "works",
    "forge",
    "systems",
    "digital",
    "media",
    "ventures",
    "partners",
    "group",
    "tech",
    "software",
    "solutions",
    "consulting",
    "design",
    "cloud",
    "data",
    "hub",
    "base",
    "stack",
    "ops",
    "apps",
    "shop",
    "store",
    "market",
    "goods",
    "supply",
    "kitchen",
    "bakery",
    "coffee",
    "brewing",
    "travel",
    "tours",
    "fitness",
    "health",
    "clinic",
    "dental",
    "legal",
    "finance",
    "capital",
    "insurance",
    "realty",
    "homes",
    "builders",
    "energy",
    "solar",
    "motors",
    "logistics",
    "freight",
    "academy",
    "school",
    "learning",
    "books",
    "music",
    "films",
    "games",
    "photo",
    "events",
    "garden",
    "pets",
    "outdoors",
    "wind",
    "peak",
];

/// Unicode first words: the names they make are IDNs (stored as punycode).
const IDN_WORDS: [&str; 10] = [
    "café",
    "bücher",
    "münchen",
    "zürich",
    "señal",
    "crème",
    "façade",
    "köln",
    "smörgås",
    "straße",
];

const REGISTRARS: [(&str, [&str; 2]); 5] = [
    ("GoDaddy", ["ns51.domaincontrol.com", "ns52.domaincontrol.com"]),
    (
        "Namecheap",
        ["dns1.registrar-servers.com", "dns2.registrar-servers.com"],
    ),
    ("Gandi", ["ns-1.gandi.net", "ns-2.gandi.net"]),
    ("Porkbun", ["curitiba.ns.porkbun.com", "fortaleza.ns.porkbun.com"]),
    ("Tucows", ["ns1.hover.com", "ns2.hover.com"]),
];

const EXTERNAL_NAMESERVERS: [[&str; 2]; 4] = [
    ["ns1.cloudflare.com", "ns2.cloudflare.com"],
    ["ns-512.awsdns-00.net", "ns-1024.awsdns-00.org"],
    ["ns-cloud-a1.googledomains.com", "ns-cloud-a2.googledomains.com"],
    ["dns1.p01.nsone.net", "dns2.p01.nsone.net"],
];

const DAY: i64 = 86_400;

/// SplitMix64: small, fast, good enough for a plausible mix; no dependency.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }

    /// True with this many chances in a hundred.
    fn percent(&mut self, chance: u64) -> bool {
        self.below(100) < chance
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A candidate name in one of several shapes people use, under one of the seven TLDs.
fn candidate(mix: &mut Mix) -> String {
    let tld = mix.pick(&TLD_PRICES).tld;
    let second = *mix.pick(&SECOND_WORDS);
    if mix.below(200) == 0 {
        let idn = *mix.pick(&IDN_WORDS);
        return format!("{idn}-{second}.{tld}");
    }
    let first = *mix.pick(&FIRST_WORDS);
    let label = match mix.below(10) {
        0..=4 => format!("{first}-{second}"),
        5..=6 => format!("{first}{second}"),
        7 => format!("get{first}{second}"),
        8 => format!("{first}-{second}-hq"),
        _ => format!("{second}-{first}"),
    };
    format!("{label}.{tld}")
}

fn is_taken(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    let mut statement = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM domains WHERE domain_name = ?1)
             OR EXISTS (SELECT 1 FROM reserved_names WHERE domain_name = ?1)",
    )?;
    statement.query_row([name], |row| row.get(0))
}

/// A free, valid name (in its stored, ASCII form): random candidates first, then numbered
/// variants of the last one. `taken` says whether a name is registered or reserved.
fn free_name<E>(mix: &mut Mix, mut taken: impl FnMut(&str) -> Result<bool, E>) -> Result<String, E> {
    let mut last_typed = String::new();
    for _ in 0..8 {
        let typed = candidate(mix);
        let Ok(name) = DomainName::parse(&typed) else { continue };
        let name = name.into_string();
        if !taken(&name)? {
            return Ok(name);
        }
        last_typed = typed;
    }
    let mut number = 2 + mix.below(97);
    loop {
        let name = numbered(&last_typed, number);
        if !taken(&name)? {
            return Ok(name);
        }
        number += 1 + mix.below(13);
    }
}

/// `café-labs.app` numbered 7 is `café-labs7.app`, in its ASCII form (`xn--caf-labs7-…`). The
/// number goes on the typed label: digits after a punycode label make it invalid punycode, so a
/// number there could never make a name. A name that still does not parse becomes
/// `generated7.com`, so the search for a free name always ends.
fn numbered(typed: &str, number: u64) -> String {
    let (label, tld) = typed.rsplit_once('.').unwrap_or(("generated", "com"));
    DomainName::parse(&format!("{label}{number}.{tld}"))
        .map(DomainName::into_string)
        .unwrap_or_else(|_| format!("generated{number}.com"))
}

/// Inserts `count` generated domains for `account` (inside the caller's transaction).
pub fn generate(
    conn: &Connection,
    account: AccountId,
    count: u64,
    now: Timestamp,
    activation_seconds: i64,
) -> rusqlite::Result<u64> {
    let highest: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) FROM domains", [], |row| row.get(0))?;
    let mut mix = Mix((now.0 as u64).rotate_left(32) ^ (highest as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ count);
    let auth_code_hash = sha256(GENERATED_AUTH_CODE).to_vec();
    let mut insert = conn.prepare_cached(
        "INSERT INTO domains (account_id, domain_name, status, registration_date, expiration_date,
             activates_at, auto_renew, locked, privacy_protection, nameservers, registrar,
             dns_records_count, updated_at, auth_code_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for _ in 0..count {
        let name = free_name(&mut mix, |name| is_taken(conn, name))?;
        let domain = generated_state(&mut mix, now.0, activation_seconds);
        let nameservers = serde_json::to_string(&domain.nameservers).unwrap_or_default();
        insert.execute(params![
            account.0,
            name,
            domain.status,
            domain.registered,
            domain.expires,
            domain.activates_at,
            domain.auto_renew,
            domain.locked,
            domain.privacy,
            nameservers,
            domain.registrar,
            domain.dns_records,
            domain.updated,
            (domain.registrar != VPS_REGISTRAR).then_some(auth_code_hash.as_slice()),
        ])?;
    }
    Ok(count)
}

struct GeneratedState {
    status: &'static str,
    registered: i64,
    expires: i64,
    activates_at: Option<i64>,
    auto_renew: bool,
    locked: bool,
    privacy: bool,
    nameservers: [&'static str; 2],
    registrar: &'static str,
    dns_records: i64,
    updated: i64,
}

/// One domain's state, consistent with the lifecycle: nothing here is already due except what
/// is meant to be (a pending registration activates after the activation delay).
fn generated_state(mix: &mut Mix, now: i64, activation_seconds: i64) -> GeneratedState {
    let roll = mix.below(100);
    let nameservers = if mix.percent(70) {
        VPS_NAMESERVERS
    } else {
        *mix.pick(&EXTERNAL_NAMESERVERS)
    };
    let mut state = GeneratedState {
        status: "active",
        registered: now - mix.between(30, 10 * 365) * DAY - mix.between(0, DAY - 1),
        expires: now + mix.between(31, 5 * 365) * DAY + mix.between(0, DAY - 1),
        activates_at: None,
        auto_renew: mix.percent(70),
        locked: mix.percent(85),
        privacy: mix.percent(75),
        nameservers,
        registrar: VPS_REGISTRAR,
        dns_records: mix.between(0, 40),
        updated: 0,
    };
    match roll {
        // Held at another registrar: never renewed or expired here.
        0..=7 => {
            let (registrar, registrar_ns) = mix.pick(&REGISTRARS);
            state.registrar = registrar;
            state.nameservers = if mix.percent(60) { *registrar_ns } else { nameservers };
            state.auto_renew = false;
            state.locked = mix.percent(50);
            state.dns_records = 0;
        }
        // Registered minutes ago, still being processed.
        8..=12 => {
            let age = mix.between(0, activation_seconds.max(1) - 1);
            state.status = "pending";
            state.registered = now - age;
            state.expires = Timestamp(state.registered).plus_years(mix.between(1, 3)).0;
            state.activates_at = Some(state.registered + activation_seconds);
            state.locked = true;
            state.dns_records = 0;
        }
        // Lapsed: auto-renew was off (or the balance ran out).
        13..=19 => {
            state.status = "expired";
            state.expires = now - mix.between(1, 300) * DAY;
            state.registered = Timestamp(state.expires).plus_years(-mix.between(1, 5)).0;
            state.auto_renew = mix.percent(10);
        }
        // Expiring within 30 days, half of them with auto-renew off (the table's first risk).
        20..=27 => {
            state.expires = now + mix.between(0, 29) * DAY + mix.between(3600, DAY - 1);
            state.auto_renew = mix.percent(50);
        }
        _ => {}
    }
    state.registered = state.registered.min(now);
    state.updated = (state.registered + mix.between(0, 400) * DAY).min(now);
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_valid_names_under_every_tld() {
        let mut mix = Mix(7);
        let mut tlds = std::collections::BTreeSet::new();
        let mut idns = 0;
        for _ in 0..5_000 {
            let typed = candidate(&mut mix);
            let name = DomainName::parse(&typed).unwrap_or_else(|error| panic!("{typed}: {error:?}"));
            tlds.insert(name.tld().to_string());
            idns += usize::from(name.is_idn());
        }
        assert_eq!(tlds.len(), TLD_PRICES.len());
        assert!((5..=60).contains(&idns), "a few IDNs, not {idns}");
    }

    #[test]
    fn numbered_variants_of_every_shape_are_valid_names() {
        let labels = IDN_WORDS
            .iter()
            .chain(&FIRST_WORDS)
            .map(|first| format!("{first}-labs"));
        for label in labels.chain(["get-brightforge-hq".to_string()]) {
            for price in &TLD_PRICES {
                let typed = format!("{label}.{}", price.tld);
                for number in [2, 99, 12_345] {
                    let name = numbered(&typed, number);
                    assert!(
                        name.contains(&number.to_string()) && !name.starts_with("generated"),
                        "{typed} {number}: {name}"
                    );
                    assert!(DomainName::parse(&name).is_ok(), "{typed} {number}: {name}");
                }
            }
        }
        assert_eq!(numbered("", 5), "generated5.com");
    }

    /// A full namespace sends every call to the numbered variants, IDNs among them (which once
    /// looped for ever: digits after punycode never parse).
    #[test]
    fn a_name_is_found_when_every_plain_candidate_is_taken() {
        let mut mix = Mix(3);
        let mut numbered_idns = 0;
        for _ in 0..3_000 {
            let name = free_name(&mut mix, |name| {
                Ok::<_, ()>(!name.bytes().any(|byte| byte.is_ascii_digit()))
            });
            let name = name.unwrap_or_default();
            assert!(DomainName::parse(&name).is_ok(), "{name}");
            numbered_idns += usize::from(name.starts_with("xn--"));
        }
        assert!(numbered_idns > 0, "the numbered variants include IDNs");
    }

    #[test]
    fn states_agree_with_the_lifecycle() {
        let mut mix = Mix(11);
        let now = 1_800_000_000;
        let mut statuses = std::collections::BTreeMap::new();
        for _ in 0..2_000 {
            let state = generated_state(&mut mix, now, 300);
            *statuses.entry(state.status).or_insert(0) += 1;
            assert!(state.registered <= now && state.registered < state.expires);
            assert!(state.updated >= state.registered && state.updated <= now);
            match state.status {
                "expired" => assert!(state.expires < now),
                "pending" => {
                    assert!(state.activates_at.is_some_and(|at| at > now && at <= now + 300));
                    assert!(state.expires > now);
                }
                _ => assert!(state.expires > now, "an active domain is not yet due"),
            }
            if state.registrar != VPS_REGISTRAR {
                assert_eq!(state.status, "active");
                assert!(!state.auto_renew);
            }
        }
        assert_eq!(statuses.len(), 3, "{statuses:?}");
    }
}
