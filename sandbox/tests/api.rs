//! The six provider endpoints end to end, in process: the seed's own examples,
//! every success and error the contract names, the lifecycle driven by `/sandbox/clock`
//! (activation, renewal, expiry, transfer completion), pagination, filters, search, and the
//! isolation of accounts.

// Amounts in cents are grouped as dollars_cents: 100_00 is $100.00, 12_99 is $12.99.
#![allow(clippy::inconsistent_digit_grouping)]

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const SUMMARY_FIELDS: [&str; 10] = [
    "id",
    "domain_name",
    "status",
    "registration_date",
    "expiration_date",
    "auto_renew",
    "locked",
    "nameservers",
    "privacy_protection",
    "dns_managed_by",
];
const DETAIL_EXTRA_FIELDS: [&str; 4] = ["registrar", "days_until_expiration", "whois_info", "dns_records_count"];
const TRANSFER_FIELDS: [&str; 3] = ["transfer_status", "transfer_initiated_at", "estimated_completion"];
const ALREADY_REGISTERED: &str = "This domain is already registered.";

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().expect("an object").keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|name| name.to_string()).collect()
}

fn time_of(value: &Value, field: &str) -> i64 {
    parse_time(
        value[field]
            .as_str()
            .unwrap_or_else(|| panic!("{field} missing in {value}")),
    )
}

fn vps_nameservers() -> Value {
    json!(["ns1.vps.org", "ns2.vps.org"])
}

#[test]
fn calendar_helpers_agree_with_known_dates() {
    assert_eq!(parse_time("1970-01-01T00:00:00Z"), 0);
    assert_eq!(parse_time("2026-01-16T16:00:00Z"), 1_768_579_200);
    assert_eq!(format_time(1_768_579_200), "2026-01-16T16:00:00Z");
    assert_eq!(
        format_time(plus_years(parse_time("2024-02-29T10:00:00Z"), 1)),
        "2025-02-28T10:00:00Z"
    );
    assert_eq!(
        format_time(plus_years(parse_time("2024-02-29T10:00:00Z"), 4)),
        "2028-02-29T10:00:00Z"
    );
    assert_eq!(ymd(parse_time("2023-01-15T10:30:00Z")), "2023-01-15");
}

// ---------------------------------------------------------------- list

#[tokio::test]
async fn list_returns_the_seed_in_id_order() {
    let sandbox = Sandbox::start().await;
    let list = sandbox.list(DEMO, "").await;
    assert_eq!(
        keys(&list),
        set(&["count", "results"]),
        "no next/previous without pagination"
    );
    assert_eq!(list["count"], 9);
    assert_eq!(ids_of(&list), (101..=109).collect::<Vec<u64>>());
    for item in list["results"].as_array().unwrap() {
        assert_eq!(keys(item), set(&SUMMARY_FIELDS), "{item}");
        parse_time(item["registration_date"].as_str().unwrap());
        parse_time(item["expiration_date"].as_str().unwrap());
    }
    let results = list["results"].as_array().unwrap();
    // The seed's own two examples.
    let example = &results[0];
    assert_eq!(example["domain_name"], "example.com");
    assert_eq!(example["status"], "active");
    assert_eq!(example["auto_renew"], true);
    assert_eq!(example["locked"], true);
    assert_eq!(example["nameservers"], vps_nameservers());
    assert_eq!(example["privacy_protection"], true);
    assert_eq!(example["dns_managed_by"], "vps.org");
    let myapp = &results[1];
    assert_eq!(myapp["domain_name"], "myapp.io");
    assert_eq!(myapp["status"], "active");
    assert_eq!(myapp["auto_renew"], false);
    assert_eq!(myapp["locked"], false);
    assert_eq!(
        myapp["nameservers"],
        json!(["ns1.cloudflare.com", "ns2.cloudflare.com"])
    );
    assert_eq!(myapp["privacy_protection"], false);
    assert_eq!(myapp["dns_managed_by"], "external");
    let names: Vec<&str> = results
        .iter()
        .map(|item| item["domain_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "example.com",
            "myapp.io",
            "mynewstartup.dev",
            "old-project.net",
            "side-hustle.co",
            "legacy-shop.com",
            "locked-elsewhere.net",
            "brand-new.org",
            "xn--caf-dma.app"
        ]
    );
    let statuses: Vec<&str> = results.iter().map(|item| item["status"].as_str().unwrap()).collect();
    assert_eq!(
        statuses,
        ["active", "active", "pending", "expired", "active", "active", "active", "active", "active"]
    );

    let other = sandbox.list(OTHER, "").await;
    assert_eq!(other["count"], 1);
    assert_eq!(ids_of(&other), vec![110]);
    assert_eq!(other["results"][0]["domain_name"], "other-account.com");
}

#[tokio::test]
async fn status_filter_including_locked() {
    let sandbox = Sandbox::start().await;
    assert_eq!(
        sandbox.ids(DEMO, "?status=active").await,
        vec![101, 102, 105, 106, 107, 108, 109]
    );
    assert_eq!(sandbox.ids(DEMO, "?status=pending").await, vec![103]);
    assert_eq!(sandbox.ids(DEMO, "?status=expired").await, vec![104]);
    // `locked` selects by the lock, whatever the status (103 is pending, 104 expired).
    let locked = sandbox.list(DEMO, "?status=locked").await;
    assert_eq!(ids_of(&locked), vec![101, 103, 104, 105, 107, 109]);
    assert_eq!(locked["count"], 6);
    for item in locked["results"].as_array().unwrap() {
        assert_eq!(item["locked"], true);
        assert_ne!(item["status"], "locked", "status never takes the value locked");
    }
    for bad in ["bogus", "Active", "locked,active"] {
        let reply = sandbox.get(DEMO, &format!("{DOMAINS}?status={bad}")).await;
        reply.expect_error(400);
        assert!(!reply.field("status").is_empty());
    }
    // Filters combine with search.
    assert_eq!(sandbox.ids(DEMO, "?status=locked&search=new").await, vec![103]);
    assert_eq!(sandbox.ids(DEMO, "?status=active&search=new").await, vec![108]);
}

#[tokio::test]
async fn search_matches_ascii_and_unicode_forms() {
    let sandbox = Sandbox::start().await;
    assert_eq!(sandbox.ids(DEMO, "?search=example").await, vec![101]);
    assert_eq!(
        sandbox.ids(DEMO, "?search=EXAMPLE").await,
        vec![101],
        "case-insensitive"
    );
    assert_eq!(
        sandbox.ids(DEMO, "?search=caf%C3%A9").await,
        vec![109],
        "café finds xn--caf-dma.app"
    );
    assert_eq!(sandbox.ids(DEMO, "?search=CAF%C3%89").await, vec![109], "CAFÉ too");
    assert_eq!(sandbox.ids(DEMO, "?search=caf%C3%A9.app").await, vec![109]);
    assert_eq!(
        sandbox.ids(DEMO, "?search=xn--caf").await,
        vec![109],
        "the ASCII form matches too"
    );
    assert_eq!(sandbox.ids(DEMO, "?search=hustle").await, vec![105]);
    let none = sandbox.list(DEMO, "?search=zzz-nothing").await;
    assert_eq!(none["count"], 0);
    assert_eq!(none["results"], json!([]));
    // Another account's names are not found.
    assert_eq!(sandbox.ids(DEMO, "?search=other-account").await, Vec::<u64>::new());
    assert_eq!(sandbox.ids(OTHER, "?search=example").await, Vec::<u64>::new());
}

#[tokio::test]
async fn pagination_with_absolute_next_and_previous() {
    let sandbox = Sandbox::start().await;
    let first = sandbox.list(DEMO, "?page_size=4").await;
    assert_eq!(first["count"], 9);
    assert_eq!(ids_of(&first), vec![101, 102, 103, 104]);
    assert_eq!(first["previous"], Value::Null);
    let next = first["next"].as_str().expect("next is a URL");
    assert_eq!(next, sandbox.url("/api/v1/domains/?page=2&page_size=4"));

    let second = sandbox
        .send(sandbox.client.get(next).bearer_auth(DEMO))
        .await
        .expect(200)
        .json();
    assert_eq!(ids_of(&second), vec![105, 106, 107, 108]);
    assert_eq!(second["previous"], sandbox.url("/api/v1/domains/?page=1&page_size=4"));
    let third_url = second["next"].as_str().unwrap().to_string();
    let third = sandbox
        .send(sandbox.client.get(&third_url).bearer_auth(DEMO))
        .await
        .expect(200)
        .json();
    assert_eq!(ids_of(&third), vec![109]);
    assert_eq!(third["next"], Value::Null);
    assert_eq!(third["count"], 9);

    // Following `next` until null visits everything once, as the app does.
    let mut seen = Vec::new();
    let mut url = Some(sandbox.url("/api/v1/domains/?page_size=2"));
    while let Some(current) = url {
        let page = sandbox
            .send(sandbox.client.get(&current).bearer_auth(DEMO))
            .await
            .expect(200)
            .json();
        seen.extend(ids_of(&page));
        url = page["next"].as_str().map(str::to_string);
    }
    assert_eq!(seen, (101..=109).collect::<Vec<u64>>());

    // `page` alone: 100 per page.
    let only_page = sandbox.list(DEMO, "?page=1").await;
    assert_eq!(ids_of(&only_page).len(), 9);
    assert_eq!(keys(&only_page), set(&["count", "next", "previous", "results"]));
    assert_eq!(only_page["next"], Value::Null);
    assert_eq!(only_page["previous"], Value::Null);
    assert_eq!(ids_of(&sandbox.list(DEMO, "?page_size=1000").await).len(), 9);

    // Past the end, or not a page at all.
    for query in ["?page=4&page_size=4", "?page=2", "?page=0", "?page=abc", "?page=-1"] {
        let reply = sandbox.get(DEMO, &format!("{DOMAINS}{query}")).await;
        reply.expect_error(404);
        assert_eq!(reply.detail(), "Invalid page.", "{query}");
    }
    for query in [
        "?page_size=0",
        "?page_size=1001",
        "?page_size=abc",
        "?page=1&page_size=-5",
    ] {
        let reply = sandbox.get(DEMO, &format!("{DOMAINS}{query}")).await;
        reply.expect_error(400);
        assert!(!reply.field("page_size").is_empty(), "{query}");
    }

    // Filters are carried into the links.
    let locked = sandbox.list(DEMO, "?status=locked&page_size=2").await;
    assert_eq!(locked["count"], 6);
    assert_eq!(
        locked["next"],
        sandbox.url("/api/v1/domains/?status=locked&page=2&page_size=2")
    );
    let searched = sandbox.list(DEMO, "?search=caf%C3%A9&page_size=1").await;
    assert_eq!(searched["count"], 1);
    assert_eq!(searched["next"], Value::Null);
    // No results: the first page exists, and is empty.
    let empty = sandbox.list(DEMO, "?search=nothing-here&page=1").await;
    assert_eq!(
        (empty["count"].clone(), empty["results"].clone(), empty["next"].clone()),
        (json!(0), json!([]), Value::Null)
    );
    sandbox
        .get(DEMO, "/api/v1/domains/?search=nothing-here&page=2")
        .await
        .expect_error(404);
}

#[tokio::test]
async fn a_page_size_paginates_every_list_as_drf_does_behind_a_proxy() {
    let sandbox = Sandbox::start_with(Options {
        page_size: Some(4),
        ..Options::default()
    })
    .await;
    // No query at all: the first page, and a link to the next without a page_size of its own.
    let first = sandbox.list(DEMO, "").await;
    assert_eq!(first["count"], 9);
    assert_eq!(ids_of(&first), vec![101, 102, 103, 104]);
    assert_eq!(first["previous"], Value::Null);
    assert_eq!(first["next"], sandbox.url("/api/v1/domains/?page=2"));
    // Asked under the provider's host through a TLS proxy: the links name that host, as DRF's
    // build_absolute_uri does.
    let proxied = sandbox
        .send(
            sandbox
                .request(Method::GET, "/api/v1/domains/?page=2", Some(DEMO))
                .header("host", "admin.vps.org")
                .header("x-forwarded-proto", "https"),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(ids_of(&proxied), vec![105, 106, 107, 108]);
    assert_eq!(proxied["next"], "https://admin.vps.org/api/v1/domains/?page=3");
    assert_eq!(proxied["previous"], "https://admin.vps.org/api/v1/domains/?page=1");
    // Filters are kept in the links; an asked page_size still wins.
    let active = sandbox.list(DEMO, "?status=active").await;
    assert_eq!(active["next"], sandbox.url("/api/v1/domains/?status=active&page=2"));
    assert_eq!(ids_of(&sandbox.list(DEMO, "?page_size=9").await).len(), 9);
}

// ---------------------------------------------------------------- register

#[tokio::test]
async fn register_the_seeds_example() {
    let sandbox = Sandbox::start().await;
    let before = sandbox.now().await;
    // The seed's curl body, as written there.
    let reply = sandbox
        .register(
            DEMO,
            &json!({"domain_name": "mynewdomain.com", "years": 2, "auto_renew": true, "privacy_protection": true}),
        )
        .await;
    let after = sandbox.now().await;
    reply.expect(201);
    let body = reply.json();
    let mut expected_keys = set(&SUMMARY_FIELDS);
    expected_keys.extend(set(&["total_cost", "message"]));
    assert_eq!(keys(&body), expected_keys);
    assert_eq!(body["id"], 111, "ids continue after the seed's 110");
    assert_eq!(body["domain_name"], "mynewdomain.com");
    assert_eq!(body["status"], "pending");
    assert_eq!(body["auto_renew"], true);
    assert_eq!(body["locked"], true);
    assert_eq!(body["privacy_protection"], true);
    assert_eq!(body["nameservers"], vps_nameservers());
    assert_eq!(body["dns_managed_by"], "vps.org");
    // The table wins over the seed's 24.98.
    assert_eq!(cents(&body["total_cost"]), 2598);
    assert!(reply.text().contains("\"total_cost\":25.98"), "{}", reply.text());
    assert_eq!(body["message"], REGISTRATION_MESSAGE);
    let registered = time_of(&body, "registration_date");
    assert!((before..=after + 1).contains(&registered), "registration_date is now");
    assert_eq!(
        body["expiration_date"],
        format_time(plus_years(registered, 2)),
        "now + 2 years"
    );
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 25_98);

    let list = sandbox.list(DEMO, "").await;
    assert_eq!(list["count"], 10);
    assert_eq!(ids_of(&list).last(), Some(&111));

    let now = sandbox.now().await;
    let detail = sandbox.detail(DEMO, 111).await;
    let mut detail_keys = set(&SUMMARY_FIELDS);
    detail_keys.extend(set(&DETAIL_EXTRA_FIELDS));
    assert_eq!(keys(&detail), detail_keys, "no transfer fields before a transfer");
    assert_eq!(detail["registrar"], "VPS.org");
    assert_eq!(detail["status"], "pending");
    let expiration = time_of(&detail, "expiration_date");
    assert_eq!(detail["days_until_expiration"], (expiration - now).div_euclid(DAY));
    assert_eq!(detail["whois_info"]["registrant"], "Privacy Protected");
    assert_eq!(detail["whois_info"]["created_date"], ymd(registered));
    assert_eq!(detail["whois_info"]["updated_date"], ymd(registered));
    assert_eq!(detail["dns_records_count"], 0);

    // pending → active after the activation delay (300 s), on the sandbox's clock.
    sandbox.advance(ACTIVATION_DELAY - 60).await;
    assert_eq!(sandbox.detail(DEMO, 111).await["status"], "pending");
    sandbox.advance(90).await;
    assert_eq!(sandbox.detail(DEMO, 111).await["status"], "active");
    // The seed's own pending registration (103) activates the same way.
    assert_eq!(sandbox.detail(DEMO, 103).await["status"], "active");
    assert_eq!(sandbox.ids(DEMO, "?status=pending").await, Vec::<u64>::new());

    // Ids keep increasing.
    let next = sandbox.register(DEMO, &json!({"domain_name": "startup.io"})).await;
    next.expect(201);
    assert_eq!(next.json()["id"], 112);
    assert_eq!(cents(&next.json()["total_cost"]), 39_99);
}

#[tokio::test]
async fn registered_on_29_february_expires_on_28_february() {
    let sandbox = Sandbox::start().await;
    // Move the sandbox's clock to noon on the next 29 February.
    let now = sandbox.now().await;
    let (mut year, _, _) = civil_from_days(now.div_euclid(DAY));
    let leap_noon = |year: i64| days_from_civil(year, 2, 29) * DAY + 12 * 3600;
    while !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) || leap_noon(year) < now + DAY {
        year += 1;
    }
    let arrived = sandbox.advance(leap_noon(year) - now).await;
    assert_eq!(ymd(arrived), format!("{year}-02-29"));
    sandbox.set_balance(DEMO, "1000.00").await;
    let one = sandbox
        .register(DEMO, &json!({"domain_name": "leap-day.com", "years": 1}))
        .await;
    let one = one.expect(201).json();
    let registered = time_of(&one, "registration_date");
    assert_eq!(ymd(registered), format!("{year}-02-29"));
    assert_eq!(ymd(time_of(&one, "expiration_date")), format!("{}-02-28", year + 1));
    assert_eq!(
        time_of(&one, "expiration_date") % DAY,
        registered % DAY,
        "the same time of day"
    );
    let four = sandbox
        .register(DEMO, &json!({"domain_name": "leap-day.org", "years": 4}))
        .await;
    assert_eq!(
        ymd(time_of(&four.expect(201).json(), "expiration_date")),
        format!("{}-02-29", year + 4)
    );
}

#[tokio::test]
async fn register_defaults_normalisation_and_the_price_table() {
    let sandbox = Sandbox::start().await;
    sandbox.set_balance(DEMO, "5000.00").await;
    let reply = sandbox
        .register(DEMO, &json!({"domain_name": "  Defaults.COM. "}))
        .await;
    reply.expect(201);
    let body = reply.json();
    assert_eq!(body["domain_name"], "defaults.com");
    assert_eq!(body["auto_renew"], true);
    assert_eq!(body["privacy_protection"], true);
    assert_eq!(body["nameservers"], vps_nameservers());
    assert_eq!(cents(&body["total_cost"]), 12_99, "one year by default");
    assert_eq!(
        body["expiration_date"],
        format_time(plus_years(time_of(&body, "registration_date"), 1))
    );

    let idn = sandbox.register(DEMO, &json!({"domain_name": "faß.com"})).await;
    idn.expect(201);
    assert_eq!(idn.json()["domain_name"], "xn--fa-hia.com", "UTS #46 non-transitional");
    let full_width = sandbox
        .register(DEMO, &json!({"domain_name": "ｆｕｌｌｗｉｄｔｈ。ｃｏｍ"}))
        .await;
    full_width.expect(201);
    assert_eq!(full_width.json()["domain_name"], "fullwidth.com");

    let custom = sandbox
        .register(
            DEMO,
            &json!({
                "domain_name": "prices.net", "years": 3, "auto_renew": false, "privacy_protection": false,
                "nameservers": ["NS1.Cloudflare.com.", " ns2.cloudflare.com", "ns3.example.org"]
            }),
        )
        .await;
    custom.expect(201);
    let custom = custom.json();
    assert_eq!(cents(&custom["total_cost"]), 3 * 14_99);
    assert_eq!(custom["auto_renew"], false);
    assert_eq!(custom["privacy_protection"], false);
    assert_eq!(
        custom["nameservers"],
        json!(["ns1.cloudflare.com", "ns2.cloudflare.com", "ns3.example.org"])
    );
    assert_eq!(custom["dns_managed_by"], "external");
    let detail = sandbox.detail(DEMO, custom["id"].as_u64().unwrap()).await;
    let registrant = detail["whois_info"]["registrant"].as_str().unwrap();
    assert!(
        !registrant.is_empty() && registrant != "Privacy Protected",
        "{registrant}"
    );

    // total_cost = years × the register price, for every offered TLD.
    let table = [
        ("com", 12_99),
        ("net", 14_99),
        ("org", 13_99),
        ("io", 39_99),
        ("dev", 14_99),
        ("app", 14_99),
        ("co", 24_99),
    ];
    for (tld, price) in table {
        for years in [1, 10] {
            let before = sandbox.balance(DEMO).await;
            let reply = sandbox
                .register(
                    DEMO,
                    &json!({"domain_name": format!("price-{years}.{tld}"), "years": years}),
                )
                .await;
            reply.expect(201);
            assert_eq!(cents(&reply.json()["total_cost"]), price * years, ".{tld} × {years}");
            assert_eq!(sandbox.balance(DEMO).await, before - price * years);
        }
    }
}

#[tokio::test]
async fn register_refuses_taken_and_invalid_names() {
    let sandbox = Sandbox::start().await;
    let taken = [
        "example.com",
        "other-account.com",
        "google.com",
        "taken.io",
        "facebook.com",
        "amazon.com",
        "vps.org",
        "github.io",
        "  EXAMPLE.com. ",
        "ｇｏｏｇｌｅ。ｃｏｍ",
        "xn--caf-dma.app",
        "café.app",
        "old-project.net",
        "legacy-shop.com",
    ];
    for name in taken {
        let reply = sandbox.register(DEMO, &json!({"domain_name": name, "years": 1})).await;
        reply.expect_error(400);
        assert_eq!(reply.json(), json!({"domain_name": [ALREADY_REGISTERED]}), "{name}");
    }
    for name in [
        "shop.example.com",
        "example.xyz",
        "example",
        "-x.com",
        "x-.com",
        "ab--c.com",
        "my_site.com",
        "",
        "   ",
        "a..com",
    ] {
        let reply = sandbox.register(DEMO, &json!({"domain_name": name})).await;
        reply.expect_error(400);
        let messages = reply.field("domain_name");
        assert!(
            !messages.is_empty() && messages[0] != ALREADY_REGISTERED,
            "{name}: {messages:?}"
        );
    }
    let missing = sandbox.register(DEMO, &json!({"years": 2})).await;
    missing.expect_error(400);
    assert_eq!(missing.field("domain_name"), vec!["This field is required."]);
    assert_eq!(
        sandbox.balance(DEMO).await,
        100_00,
        "a taken or invalid name costs nothing"
    );
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT);
}

#[tokio::test]
async fn registration_needs_the_balance_and_charges_nothing_without_it() {
    let sandbox = Sandbox::start().await;
    sandbox.set_balance(DEMO, "10.00").await;
    let reply = sandbox.register(DEMO, &json!({"domain_name": "cheap.com"})).await;
    reply.expect_error(402);
    let detail = reply.detail();
    assert!(
        detail.contains("12.99") && detail.contains("10.00"),
        "names the cost and the balance: {detail}"
    );
    assert_eq!(sandbox.balance(DEMO).await, 10_00);
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT);
    assert_eq!(sandbox.ids(DEMO, "?search=cheap").await, Vec::<u64>::new());

    // A business rule fails before the balance is looked at.
    sandbox.set_balance(DEMO, "0").await;
    sandbox
        .register(DEMO, &json!({"domain_name": "google.com"}))
        .await
        .expect_error(400);
    sandbox
        .register(DEMO, &json!({"domain_name": "cheap.com"}))
        .await
        .expect_error(402);

    // Exactly enough is enough; one cent short is not.
    sandbox.set_balance(DEMO, "25.97").await;
    sandbox
        .register(DEMO, &json!({"domain_name": "cheap.com", "years": 2}))
        .await
        .expect_error(402);
    sandbox.set_balance(DEMO, "25.98").await;
    sandbox
        .register(DEMO, &json!({"domain_name": "cheap.com", "years": 2}))
        .await
        .expect(201);
    assert_eq!(sandbox.balance(DEMO).await, 0);
}

// ---------------------------------------------------------------- details

#[tokio::test]
async fn details_of_the_seed() {
    let sandbox = Sandbox::start().await;
    let example = sandbox.detail(DEMO, 101).await;
    let mut detail_keys = set(&SUMMARY_FIELDS);
    detail_keys.extend(set(&DETAIL_EXTRA_FIELDS));
    assert_eq!(keys(&example), detail_keys);
    assert_eq!(example["domain_name"], "example.com");
    assert_eq!(example["registrar"], "VPS.org");
    assert_eq!(example["days_until_expiration"], 730);
    assert_eq!(example["dns_records_count"], 12);
    assert_eq!(example["dns_managed_by"], "vps.org");
    let whois = &example["whois_info"];
    assert_eq!(
        keys(whois),
        set(&[
            "registrant",
            "admin_contact",
            "tech_contact",
            "created_date",
            "updated_date"
        ])
    );
    for contact in ["registrant", "admin_contact", "tech_contact"] {
        assert_eq!(whois[contact], "Privacy Protected");
    }
    assert_eq!(whois["created_date"], ymd(time_of(&example, "registration_date")));
    let updated = whois["updated_date"].as_str().unwrap();
    assert!(
        updated.len() == 10 && updated.as_bytes()[4] == b'-' && updated.as_bytes()[7] == b'-',
        "{updated}"
    );

    let myapp = sandbox.detail(DEMO, 102).await;
    assert_eq!(myapp["privacy_protection"], false);
    for contact in ["registrant", "admin_contact", "tech_contact"] {
        let shown = myapp["whois_info"][contact].as_str().unwrap();
        assert!(
            !shown.is_empty() && shown != "Privacy Protected",
            "without privacy the contact shows: {shown}"
        );
    }
    assert_eq!(myapp["dns_managed_by"], "external");

    let side_hustle = sandbox.detail(DEMO, 105).await;
    assert_eq!(side_hustle["days_until_expiration"], 12);
    assert_eq!(side_hustle["auto_renew"], false);
    for (id, registrar) in [(106, "GoDaddy"), (107, "Namecheap"), (108, "Gandi"), (109, "VPS.org")] {
        assert_eq!(sandbox.detail(DEMO, id).await["registrar"], registrar, "{id}");
    }
    assert_eq!(sandbox.detail(DEMO, 109).await["domain_name"], "xn--caf-dma.app");
    assert_eq!(sandbox.detail(OTHER, 110).await["domain_name"], "other-account.com");

    for path in [
        "999",
        "110",
        "0",
        "abc",
        "-1",
        "1.5",
        "101abc",
        "99999999999999999999999",
    ] {
        let reply = sandbox.get(DEMO, &format!("{DOMAINS}{path}/")).await;
        reply.expect_error(404);
        assert_eq!(reply.json(), json!({"detail": "Not found."}), "{path}");
    }
}

#[tokio::test]
async fn days_until_expiration_is_floored_on_the_sandbox_clock() {
    let sandbox = Sandbox::start().await;
    assert_eq!(sandbox.detail(DEMO, 101).await["days_until_expiration"], 730);
    sandbox.advance(10 * DAY).await;
    assert_eq!(sandbox.detail(DEMO, 101).await["days_until_expiration"], 720);
    // The seed leaves half a day over; once that has passed, the floor drops a day.
    sandbox.advance(DAY / 2 + 60).await;
    assert_eq!(sandbox.detail(DEMO, 101).await["days_until_expiration"], 719);
    let now = sandbox.now().await;
    let detail = sandbox.detail(DEMO, 101).await;
    assert_eq!(
        detail["days_until_expiration"],
        (time_of(&detail, "expiration_date") - now).div_euclid(DAY)
    );
}

// ---------------------------------------------------------------- update

#[tokio::test]
async fn update_the_seeds_example() {
    let sandbox = Sandbox::start().await;
    let before = sandbox.detail(DEMO, 101).await;
    let seed_body = json!({"auto_renew": false, "nameservers": ["ns1.cloudflare.com", "ns2.cloudflare.com"]});
    let reply = sandbox.put(DEMO, &domain_path(101), &seed_body).await;
    reply.expect(200);
    assert_eq!(
        reply.json(),
        json!({
            "id": 101,
            "domain_name": "example.com",
            "status": "active",
            "auto_renew": false,
            "nameservers": ["ns1.cloudflare.com", "ns2.cloudflare.com"],
            "privacy_protection": true,
            "locked": true,
            "message": UPDATE_MESSAGE_WITH_NOTE
        }),
        "the seed's own example answer"
    );
    let now = sandbox.now().await;
    let after = sandbox.detail(DEMO, 101).await;
    assert_eq!(after["dns_managed_by"], "external");
    assert_eq!(after["auto_renew"], false);
    assert_eq!(after["whois_info"]["updated_date"], ymd(now), "updated today");
    assert_ne!(
        before["whois_info"]["updated_date"], after["whois_info"]["updated_date"],
        "the seed's updated_date is a week old"
    );
    assert_eq!(
        after["whois_info"]["created_date"],
        before["whois_info"]["created_date"]
    );

    // The same list again: no propagation note.
    let again = sandbox.put(DEMO, &domain_path(101), &seed_body).await;
    assert_eq!(again.expect(200).json()["message"], UPDATE_MESSAGE);
    // Order counts.
    let reversed = sandbox
        .put(
            DEMO,
            &domain_path(101),
            &json!({"nameservers": ["ns2.cloudflare.com", "ns1.cloudflare.com"]}),
        )
        .await;
    let reversed = reversed.expect(200).json();
    assert_eq!(reversed["message"], UPDATE_MESSAGE_WITH_NOTE);
    assert_eq!(
        reversed["nameservers"],
        json!(["ns2.cloudflare.com", "ns1.cloudflare.com"])
    );
    // Compared after normalisation.
    let same = sandbox
        .put(
            DEMO,
            &domain_path(101),
            &json!({"nameservers": ["NS2.CloudFlare.com.", " ns1.cloudflare.com "]}),
        )
        .await;
    let same = same.expect(200).json();
    assert_eq!(same["message"], UPDATE_MESSAGE);
    assert_eq!(same["nameservers"], json!(["ns2.cloudflare.com", "ns1.cloudflare.com"]));
    // Other settings never add the note.
    let flags = sandbox
        .put(
            DEMO,
            &domain_path(101),
            &json!({"auto_renew": true, "locked": false, "privacy_protection": false}),
        )
        .await;
    let flags = flags.expect(200).json();
    assert_eq!(flags["message"], UPDATE_MESSAGE);
    assert_eq!(
        (
            flags["auto_renew"].clone(),
            flags["locked"].clone(),
            flags["privacy_protection"].clone()
        ),
        (json!(true), json!(false), json!(false))
    );
    let detail = sandbox.detail(DEMO, 101).await;
    assert_eq!(detail["locked"], false);
    assert_ne!(
        detail["whois_info"]["registrant"], "Privacy Protected",
        "privacy off shows the contact"
    );
    // Back to VPS.org's nameservers: DNS is managed by vps.org again.
    let back = sandbox
        .put(
            DEMO,
            &domain_path(101),
            &json!({"nameservers": ["ns1.vps.org", "ns2.vps.org"], "privacy_protection": true}),
        )
        .await;
    assert_eq!(back.expect(200).json()["message"], UPDATE_MESSAGE_WITH_NOTE);
    let detail = sandbox.detail(DEMO, 101).await;
    assert_eq!(detail["dns_managed_by"], "vps.org");
    assert_eq!(detail["whois_info"]["registrant"], "Privacy Protected");
    // Four nameservers are fine.
    let four = json!({"nameservers": ["a.ns.example.net", "b.ns.example.net", "c.ns.example.net", "d.ns.example.net"]});
    sandbox.put(DEMO, &domain_path(101), &four).await.expect(200);
}

#[tokio::test]
async fn an_empty_update_changes_nothing() {
    let sandbox = Sandbox::start().await;
    let before = sandbox.detail(DEMO, 105).await;
    for body in [b"{}".to_vec(), Vec::new()] {
        let reply = sandbox
            .raw(
                Method::PUT,
                Some(DEMO),
                &domain_path(105),
                Some("application/json"),
                body,
            )
            .await;
        let answer = reply.expect(200).json();
        assert_eq!(answer["message"], UPDATE_MESSAGE);
        assert_eq!(answer["auto_renew"], false);
        assert_eq!(answer["nameservers"], vps_nameservers());
    }
    assert_eq!(sandbox.detail(DEMO, 105).await, before, "not even updated_date moves");
    // A setting set to its current value is not a change either.
    sandbox
        .put(DEMO, &domain_path(105), &json!({"auto_renew": false}))
        .await
        .expect(200);
    assert_eq!(sandbox.detail(DEMO, 105).await["whois_info"], before["whois_info"]);
}

#[tokio::test]
async fn update_rules_and_errors() {
    let sandbox = Sandbox::start().await;
    // Held elsewhere: transfer it first.
    let elsewhere = sandbox.put(DEMO, &domain_path(106), &json!({"auto_renew": true})).await;
    elsewhere.expect_error(400);
    assert!(
        elsewhere.detail().to_lowercase().contains("transfer"),
        "{}",
        elsewhere.detail()
    );
    assert_eq!(sandbox.detail(DEMO, 106).await["auto_renew"], false);
    sandbox.put(DEMO, &domain_path(106), &json!({})).await.expect(200);
    sandbox
        .put(DEMO, &domain_path(107), &json!({"locked": false}))
        .await
        .expect_error(400);
    assert_eq!(sandbox.detail(DEMO, 107).await["locked"], true);

    // Allowed whatever the status: pending (103) and expired (104).
    sandbox
        .put(
            DEMO,
            &domain_path(103),
            &json!({"nameservers": ["ns1.example.net", "ns2.example.net"]}),
        )
        .await
        .expect(200);
    let expired = sandbox.put(DEMO, &domain_path(104), &json!({"auto_renew": true})).await;
    assert_eq!(expired.expect(200).json()["status"], "expired");

    for id in [999, 110, 0] {
        sandbox
            .put(DEMO, &domain_path(id), &json!({"auto_renew": true}))
            .await
            .expect_error(404);
    }
    let cases = [
        (json!({"nameservers": ["ns1.vps.org"]}), "nameservers"),
        (
            json!({"nameservers": ["ns1.vps.org", "ns2.vps.org", "ns3.vps.org", "ns4.vps.org", "ns5.vps.org"]}),
            "nameservers",
        ),
        (json!({"nameservers": ["192.0.2.1", "ns2.vps.org"]}), "nameservers"),
        (json!({"nameservers": ["ns1.vps.org", "NS1.VPS.ORG."]}), "nameservers"),
        (json!({"auto_renew": "no"}), "auto_renew"),
        (json!({"locked": 1}), "locked"),
        (json!({"domain_name": "renamed.com"}), "domain_name"),
        (json!({"status": "active"}), "status"),
    ];
    for (body, field) in cases {
        let reply = sandbox.put(DEMO, &domain_path(101), &body).await;
        reply.expect_error(400);
        assert!(!reply.field(field).is_empty(), "{body}");
    }
    let read_only = sandbox
        .put(DEMO, &domain_path(101), &json!({"domain_name": "renamed.com"}))
        .await;
    assert_eq!(read_only.field("domain_name"), vec!["This field is read-only."]);
}

// ---------------------------------------------------------------- delete

#[tokio::test]
async fn delete_removes_from_the_account_but_keeps_the_registration() {
    let sandbox = Sandbox::start().await;
    let reply = sandbox.delete(DEMO, &domain_path(105)).await;
    reply.expect(204);
    assert!(reply.bytes.is_empty(), "204 has an empty body");
    sandbox.get(DEMO, &domain_path(105)).await.expect_error(404);
    let again = sandbox.delete(DEMO, &domain_path(105)).await;
    again.expect_error(404);
    assert_eq!(again.detail(), "Not found.");
    sandbox.put(DEMO, &domain_path(105), &json!({})).await.expect_error(404);
    assert_eq!(sandbox.count(DEMO).await, DEMO_DOMAIN_COUNT - 1);
    assert!(!sandbox.ids(DEMO, "").await.contains(&105));
    // Nobody can register the name again, this account included.
    for token in [DEMO, OTHER] {
        let reply = sandbox.register(token, &json!({"domain_name": "side-hustle.co"})).await;
        reply.expect_error(400);
        assert_eq!(reply.field("domain_name"), vec![ALREADY_REGISTERED]);
    }
    sandbox.delete(DEMO, &domain_path(999)).await.expect_error(404);
    sandbox.delete(DEMO, "/api/v1/domains/abc/").await.expect_error(404);
    assert_eq!(sandbox.balance(DEMO).await, 100_00);
}

#[tokio::test]
async fn a_removed_domain_still_renews_when_auto_renew_is_on() {
    let sandbox = Sandbox::start().await;
    // 109 xn--caf-dma.app: auto-renew on, .app at 14.99, expires in 330 days.
    sandbox.delete(DEMO, &domain_path(109)).await.expect(204);
    sandbox.advance(331 * DAY).await;
    // Nothing else of the demo account renews within 331 days (102 and 105 lapse, auto-renew off).
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 14_99);
    assert_eq!(sandbox.detail(DEMO, 102).await["status"], "expired");
}

// ---------------------------------------------------------------- lifecycle

#[tokio::test]
async fn auto_renew_charges_the_renew_price_as_often_as_due() {
    let sandbox = Sandbox::start().await;
    // The other account: 110 other-account.com, .com, auto-renew on, ~165 days left, balance 50.00.
    let first_expiration = time_of(&sandbox.detail(OTHER, 110).await, "expiration_date");
    sandbox.advance(166 * DAY).await;
    let detail = sandbox.detail(OTHER, 110).await;
    assert_eq!(detail["status"], "active");
    assert_eq!(detail["expiration_date"], format_time(plus_years(first_expiration, 1)));
    assert_eq!(sandbox.balance(OTHER).await, 50_00 - 12_99);
    assert_eq!(detail["whois_info"]["updated_date"], ymd(sandbox.now().await));

    // Two more renewals fall due in one jump: both are charged.
    sandbox.advance(800 * DAY).await;
    let detail = sandbox.detail(OTHER, 110).await;
    assert_eq!(detail["status"], "active");
    assert_eq!(detail["expiration_date"], format_time(plus_years(first_expiration, 3)));
    assert_eq!(sandbox.balance(OTHER).await, 50_00 - 3 * 12_99);

    // 11.03 left does not cover 12.99: the domain expires, nothing is charged.
    sandbox.advance(400 * DAY).await;
    let detail = sandbox.detail(OTHER, 110).await;
    assert_eq!(detail["status"], "expired");
    assert_eq!(detail["expiration_date"], format_time(plus_years(first_expiration, 3)));
    assert!(detail["days_until_expiration"].as_i64().unwrap() < 0);
    assert_eq!(sandbox.balance(OTHER).await, 11_03);
    // Expired, it stays registered.
    sandbox
        .register(DEMO, &json!({"domain_name": "other-account.com"}))
        .await
        .expect_error(400);
    assert_eq!(sandbox.ids(OTHER, "?status=expired").await, vec![110]);
}

#[tokio::test]
async fn expiry_when_auto_renew_is_off() {
    let sandbox = Sandbox::start().await;
    // 105 side-hustle.co: 12 days (and a half) left, auto-renew off.
    sandbox.advance(12 * DAY).await;
    let detail = sandbox.detail(DEMO, 105).await;
    assert_eq!(detail["status"], "active");
    assert_eq!(detail["days_until_expiration"], 0);
    sandbox.advance(DAY).await;
    let detail = sandbox.detail(DEMO, 105).await;
    assert_eq!(detail["status"], "expired");
    assert_eq!(detail["days_until_expiration"], -1, "negative once expired");
    assert_eq!(sandbox.balance(DEMO).await, 100_00, "nothing charged");
    assert_eq!(sandbox.ids(DEMO, "?status=expired").await, vec![104, 105]);

    // It cannot be revived: turning auto-renew on later changes the setting, not the status.
    let reply = sandbox.put(DEMO, &domain_path(105), &json!({"auto_renew": true})).await;
    assert_eq!(reply.expect(200).json()["status"], "expired");
    let expiration = sandbox.detail(DEMO, 105).await["expiration_date"].clone();
    sandbox.advance(400 * DAY).await;
    let detail = sandbox.detail(DEMO, 105).await;
    assert_eq!(detail["status"], "expired");
    assert_eq!(detail["expiration_date"], expiration);
    // Meanwhile 109 (330 days) and 103 (365 days), both .app/.dev at 14.99 with auto-renew, renewed once each.
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 2 * 14_99);
    assert_eq!(sandbox.detail(DEMO, 104).await["status"], "expired");
    sandbox
        .register(OTHER, &json!({"domain_name": "side-hustle.co"}))
        .await
        .expect_error(400);
    // Domains held at other registrars neither renew nor expire here.
    let legacy = sandbox.detail(DEMO, 106).await;
    assert_eq!(legacy["status"], "active");
    assert!(legacy["days_until_expiration"].as_i64().unwrap() < 0);
}

// ---------------------------------------------------------------- transfer

#[tokio::test]
async fn transfer_rules_fail_in_order() {
    let sandbox = Sandbox::start().await;
    // The seed's own example: id 101 is already at VPS.org (rule 1), whatever the code.
    for code in [LEGACY_CODE, "wrong-code"] {
        let reply = sandbox
            .transfer(DEMO, 101, &json!({"auth_code": code, "auto_renew": true}))
            .await;
        reply.expect_error(400);
        let detail = reply.detail();
        assert!(detail.contains("VPS.org") && detail.contains("already"), "{detail}");
        assert!(!reply.text().contains(code));
    }
    // Rule 2: locked at its registrar, even with the right code.
    for code in [LOCKED_CODE, "wrong-code"] {
        let reply = sandbox.transfer(DEMO, 107, &json!({"auth_code": code})).await;
        reply.expect_error(400);
        assert!(reply.detail().to_lowercase().contains("locked"), "{}", reply.detail());
        assert!(!reply.text().contains(code));
    }
    // Rule 3: younger than 60 days; the message gives the first day it can move.
    let registered = time_of(&sandbox.detail(DEMO, 108).await, "registration_date");
    let first_day = ymd(registered + 60 * DAY);
    for code in [BRAND_NEW_CODE, "wrong-code"] {
        let reply = sandbox.transfer(DEMO, 108, &json!({"auth_code": code})).await;
        reply.expect_error(400);
        let detail = reply.detail();
        assert!(
            detail.contains(&first_day) && detail.contains("60 days"),
            "{first_day}: {detail}"
        );
        assert!(!reply.text().contains(code));
    }
    // Rule 4: the auth code, as a field error.
    let reply = sandbox.transfer(DEMO, 106, &json!({"auth_code": "Xy9Kl2Mn#4pq"})).await;
    let body = reply.expect_error(400);
    assert_eq!(keys(&body), set(&["auth_code"]));
    assert_eq!(reply.field("auth_code").len(), 1);
    assert!(!reply.text().contains(LEGACY_CODE) && !reply.text().contains("Xy9Kl2Mn#4pq"));

    // Body validation comes before every rule.
    let missing = sandbox.transfer(DEMO, 101, &json!({})).await;
    missing.expect_error(400);
    assert_eq!(missing.field("auth_code"), vec!["This field is required."]);
    for body in [
        json!({"auth_code": "   "}),
        json!({"auth_code": 5}),
        json!({"auth_code": LOCKED_CODE, "auto_renew": "yes"}),
    ] {
        let reply = sandbox.transfer(DEMO, 107, &body).await;
        reply.expect_error(400);
        assert!(
            reply.json().get("detail").is_none(),
            "a field error, not rule 2: {}",
            reply.text()
        );
    }
    // Unknown, foreign and malformed ids.
    for path in [
        transfer_path(999),
        transfer_path(110),
        "/api/v1/domains/abc/transfer/".to_string(),
    ] {
        let reply = sandbox.post(DEMO, &path, &json!({"auth_code": LEGACY_CODE})).await;
        reply.expect_error(404);
        assert_eq!(reply.detail(), "Not found.");
    }
    // Nothing was charged and nothing started.
    assert_eq!(sandbox.balance(DEMO).await, 100_00);
    for id in [101, 106, 107, 108] {
        let detail = sandbox.detail(DEMO, id).await;
        assert!(detail.get("transfer_status").is_none(), "{id}: {detail}");
    }
}

#[tokio::test]
async fn transfer_success_and_completion() {
    let sandbox = Sandbox::start().await;
    let before_detail = sandbox.detail(DEMO, 106).await;
    let old_expiration = time_of(&before_detail, "expiration_date");
    let before = sandbox.now().await;
    // Surrounding white space is trimmed.
    let reply = sandbox
        .transfer(
            DEMO,
            106,
            &json!({"auth_code": format!("  {LEGACY_CODE}\n"), "auto_renew": true}),
        )
        .await;
    let after = sandbox.now().await;
    reply.expect(200);
    let body = reply.json();
    assert_eq!(
        keys(&body),
        set(&[
            "id",
            "domain_name",
            "transfer_status",
            "transfer_initiated_at",
            "estimated_completion",
            "message",
            "next_steps"
        ])
    );
    assert_eq!(body["id"], 106);
    assert_eq!(body["domain_name"], "legacy-shop.com");
    assert_eq!(body["transfer_status"], "pending");
    let initiated = time_of(&body, "transfer_initiated_at");
    assert!((before..=after + 1).contains(&initiated));
    assert_eq!(
        time_of(&body, "estimated_completion"),
        initiated + 7 * DAY,
        "initiated + 7 days"
    );
    assert_eq!(body["message"], TRANSFER_MESSAGE);
    assert_eq!(body["next_steps"], json!(NEXT_STEPS));
    assert!(!reply.text().contains(LEGACY_CODE));
    assert_eq!(
        sandbox.balance(DEMO).await,
        100_00 - 12_99,
        "one year at the .com transfer price"
    );

    let pending = sandbox.detail(DEMO, 106).await;
    assert_eq!(pending["transfer_status"], "pending");
    assert_eq!(pending["transfer_initiated_at"], body["transfer_initiated_at"]);
    assert_eq!(pending["estimated_completion"], body["estimated_completion"]);
    assert_eq!(pending["registrar"], "GoDaddy");
    let mut detail_keys = set(&SUMMARY_FIELDS);
    detail_keys.extend(set(&DETAIL_EXTRA_FIELDS));
    detail_keys.extend(set(&TRANSFER_FIELDS));
    assert_eq!(keys(&pending), detail_keys);

    // Rule 1's second half: a transfer is already pending.
    let twice = sandbox.transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE})).await;
    twice.expect_error(400);
    assert!(twice.detail().contains("pending"), "{}", twice.detail());
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 12_99);

    // Not yet: the transfer delay is 600 s.
    sandbox.advance(TRANSFER_DELAY - 100).await;
    assert_eq!(sandbox.detail(DEMO, 106).await["transfer_status"], "pending");
    sandbox.advance(200).await;
    let done = sandbox.detail(DEMO, 106).await;
    assert_eq!(done["transfer_status"], "completed");
    assert_eq!(done["registrar"], "VPS.org");
    assert_eq!(
        done["expiration_date"],
        format_time(plus_years(old_expiration, 1)),
        "gains a year"
    );
    assert_eq!(done["locked"], true);
    assert_eq!(done["auto_renew"], true, "takes the requested value (it was off)");
    assert_eq!(done["status"], "active");
    assert_eq!(
        done["estimated_completion"], body["estimated_completion"],
        "the estimate stays as it was"
    );
    assert_eq!(done["transfer_initiated_at"], body["transfer_initiated_at"]);
    assert_eq!(
        sandbox.balance(DEMO).await,
        100_00 - 12_99,
        "no second charge on completion"
    );

    // Now at VPS.org: rule 1 refuses another transfer, and settings can be changed here.
    let again = sandbox.transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE})).await;
    again.expect_error(400);
    assert!(again.detail().contains("VPS.org"));
    sandbox
        .put(DEMO, &domain_path(106), &json!({"locked": false}))
        .await
        .expect(200);
}

#[tokio::test]
async fn a_young_domain_transfers_from_the_day_the_message_names() {
    let sandbox = Sandbox::start().await;
    let detail = sandbox.detail(DEMO, 108).await;
    let registered = time_of(&detail, "registration_date");
    let old_expiration = time_of(&detail, "expiration_date");
    // Ten days old; 49 more make 59.
    sandbox.advance(49 * DAY).await;
    let reply = sandbox
        .transfer(DEMO, 108, &json!({"auth_code": BRAND_NEW_CODE, "auto_renew": false}))
        .await;
    reply.expect_error(400);
    assert!(reply.detail().contains(&ymd(registered + 60 * DAY)));
    sandbox.advance(DAY + 60).await;
    let reply = sandbox
        .transfer(DEMO, 108, &json!({"auth_code": BRAND_NEW_CODE, "auto_renew": false}))
        .await;
    reply.expect(200);
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 13_99, ".org transfer price");
    sandbox.advance(TRANSFER_DELAY + 1).await;
    let done = sandbox.detail(DEMO, 108).await;
    assert_eq!(done["transfer_status"], "completed");
    assert_eq!(done["registrar"], "VPS.org");
    assert_eq!(done["auto_renew"], false, "auto_renew false was asked for");
    assert_eq!(done["locked"], true);
    assert_eq!(done["expiration_date"], format_time(plus_years(old_expiration, 1)));
}

#[tokio::test]
async fn a_transfer_needs_the_balance() {
    let sandbox = Sandbox::start().await;
    sandbox.set_balance(DEMO, "12.98").await;
    let reply = sandbox.transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE})).await;
    reply.expect_error(402);
    let detail = reply.detail();
    assert!(detail.contains("12.99") && detail.contains("12.98"), "{detail}");
    assert!(!reply.text().contains(LEGACY_CODE));
    assert_eq!(sandbox.balance(DEMO).await, 12_98, "nothing charged");
    assert!(
        sandbox.detail(DEMO, 106).await.get("transfer_status").is_none(),
        "nothing started"
    );

    // Every rule, the auth code included, is checked before the balance.
    sandbox.set_balance(DEMO, "0").await;
    sandbox
        .transfer(DEMO, 106, &json!({"auth_code": "wrong"}))
        .await
        .expect_error(400);
    sandbox
        .transfer(DEMO, 107, &json!({"auth_code": LOCKED_CODE}))
        .await
        .expect_error(400);
    sandbox
        .transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE}))
        .await
        .expect_error(402);

    sandbox.set_balance(DEMO, "12.99").await;
    sandbox
        .transfer(DEMO, 106, &json!({"auth_code": LEGACY_CODE}))
        .await
        .expect(200);
    assert_eq!(sandbox.balance(DEMO).await, 0);
}

// ---------------------------------------------------------------- isolation

#[tokio::test]
async fn accounts_cannot_see_or_touch_each_others_domains() {
    let sandbox = Sandbox::start().await;
    let demo_before: Vec<Value> = {
        let mut all = Vec::new();
        for id in 101..=109 {
            all.push(sandbox.detail(DEMO, id).await);
        }
        all
    };
    let other_before = sandbox.detail(OTHER, 110).await;

    for (token, foreign) in [(OTHER, 101), (OTHER, 106), (OTHER, 107), (DEMO, 110)] {
        let attempts = [
            sandbox.get(token, &domain_path(foreign)).await,
            sandbox
                .put(
                    token,
                    &domain_path(foreign),
                    &json!({"auto_renew": false, "locked": false}),
                )
                .await,
            sandbox.put(token, &domain_path(foreign), &json!({})).await,
            sandbox.delete(token, &domain_path(foreign)).await,
            sandbox
                .transfer(token, foreign, &json!({"auth_code": LEGACY_CODE}))
                .await,
            // Not 405: a foreign id is not found before the method is looked at.
            sandbox
                .send(sandbox.request(Method::PATCH, &domain_path(foreign), Some(token)))
                .await,
            sandbox
                .send(sandbox.request(Method::GET, &transfer_path(foreign), Some(token)))
                .await,
        ];
        for reply in attempts {
            reply.expect_error(404);
            assert_eq!(reply.json(), json!({"detail": "Not found."}), "{token} on {foreign}");
        }
    }
    assert_eq!(sandbox.ids(OTHER, "").await, vec![110]);
    assert_eq!(sandbox.ids(OTHER, "?status=locked").await, vec![110]);
    assert_eq!(sandbox.ids(DEMO, "?search=other").await, Vec::<u64>::new());
    for (index, id) in (101..=109).enumerate() {
        assert_eq!(sandbox.detail(DEMO, id).await, demo_before[index], "{id} unchanged");
    }
    assert_eq!(sandbox.detail(OTHER, 110).await, other_before);
    assert_eq!(sandbox.balance(DEMO).await, 100_00);
    assert_eq!(sandbox.balance(OTHER).await, 50_00);

    // Ids are one space across accounts, and a new domain is its owner's alone.
    let theirs = sandbox.register(OTHER, &json!({"domain_name": "other-new.com"})).await;
    assert_eq!(theirs.expect(201).json()["id"], 111);
    let ours = sandbox.register(DEMO, &json!({"domain_name": "demo-new.com"})).await;
    assert_eq!(ours.expect(201).json()["id"], 112);
    sandbox.get(DEMO, &domain_path(111)).await.expect_error(404);
    sandbox.get(OTHER, &domain_path(112)).await.expect_error(404);
    assert_eq!(sandbox.balance(OTHER).await, 50_00 - 12_99);
    assert_eq!(sandbox.balance(DEMO).await, 100_00 - 12_99);
}
