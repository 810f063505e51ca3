//! The app's components in a real, headless Chromium (wasm-bindgen-test): the price
//! calculator, live validation, the table's filter/sort/search, the store's late answers, the
//! settings diff, the transfer checklist, and the double-click guard against a real sandbox.
//!
//! Run by `make test-wasm`, which starts the sandbox these tests call (see scripts/test-wasm.sh).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use serde_json::{json, Value};
use vps_admin::{
    install_idn, provide_app_context, use_location, ApiBase, Connection, DomainCache, DomainStore, I18n, Lang, Pages,
    Route, Session, Wake,
};
use vps_contract::test_support::{domain, DomainBuilder};
use vps_contract::{DomainId, DomainStatus, Timestamp};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The sandbox started by scripts/test-wasm.sh on a free port, allowing this test page's
/// origin. (Compiled in: the page has no other way to learn it. Without the script the tests
/// say where they looked.)
const SANDBOX: &str = match option_env!("VPS_TEST_SANDBOX") {
    Some(address) => address,
    None => "http://127.0.0.1:8792",
};

// ---------------------------------------------------------------- helpers

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits (up to 5 s) for `condition`, letting the reactive system and the network run.
async fn wait_for(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..200 {
        leptos::task::tick().await;
        if condition() {
            return;
        }
        sleep(25).await;
    }
    panic!("timed out waiting for {what}");
}

fn query(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).ok().flatten()
}

fn element(selector: &str) -> web_sys::Element {
    query(selector).unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn all(selector: &str) -> Vec<web_sys::Element> {
    let list = document().query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn text(selector: &str) -> String {
    element(selector).text_content().unwrap_or_default()
}

/// Types into an input the way a person does: the value changes, then `input` fires.
fn type_into(selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = element(selector).dyn_into().expect("an input");
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("an event");
    let _ = input.dispatch_event(&event);
}

fn choose(selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = element(selector).dyn_into().expect("a select");
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let _ = select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).expect("an event"));
}

fn click(selector: &str) {
    let target: web_sys::HtmlElement = element(selector).dyn_into().expect("an HTML element");
    target.click();
}

fn go_to(path: &str) {
    let _ = window()
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
}

fn signed_out() -> Session {
    Session::new(None)
}

/// A connection to the test sandbox with `token`.
fn sandbox_connection(token: &str) -> Connection {
    Connection {
        base: ApiBase::parse(&format!("{SANDBOX}/api/v1/"), "").expect("the sandbox's address"),
        token: token.into(),
    }
}

/// Mounts the app's routes at `path` in a fresh container, with the contexts the pages expect
/// (the store starting from `cache`). Keep the returned guard alive for the test's length.
struct Mounted {
    /// The test's own owner: cleaning it up removes the app's window listeners (links, the
    /// back button, preloading), which would otherwise intercept the next test's link clicks.
    owner: Owner,
    handle: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
    container: web_sys::HtmlElement,
    /// The language the pages read (English, unless a test switches it).
    i18n: I18n,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        for dialog in all("dialog[open]") {
            if let Ok(dialog) = dialog.dyn_into::<web_sys::HtmlDialogElement>() {
                dialog.close();
            }
        }
        // The next test starts in English, whatever this one chose.
        if self.i18n.get_untracked() != Lang::En {
            self.i18n.set(Lang::En);
        }
        self.handle.take();
        self.owner.cleanup();
        self.container.remove();
    }
}

fn mount_at(path: &str, session: Session, cache: DomainCache) -> Mounted {
    mount_routes(path, session, cache, true)
}

/// Like [`mount_at`], with `/domains` left out when `with_table` is false: nothing then loads
/// the list after a registration, so every request the test sees is one it caused.
fn mount_routes(path: &str, session: Session, cache: DomainCache, with_table: bool) -> Mounted {
    go_to(path);
    let container: web_sys::HtmlElement = document().create_element("div").expect("a div").unchecked_into();
    let _ = document().body().expect("a body").append_child(&container);
    let owner = Owner::new();
    // Started inside the mount, where effects can run, and handed out for the test to switch.
    let started = std::rc::Rc::new(std::cell::Cell::new(None::<I18n>));
    let handle = owner.with(|| {
        let started = started.clone();
        leptos::mount::mount_to(container.clone(), move || {
            started.set(Some(provide_app_context(session, cache).i18n));
            let location = use_location();
            let table_left_out = move || !with_table && location.route() == Route::Domains;
            view! {
                <Show when=move || !table_left_out()>
                    <Pages />
                </Show>
            }
            .into_any()
        })
    });
    Mounted {
        owner,
        handle: Some(handle),
        container,
        i18n: started.get().expect("the app's language, started as it mounted"),
    }
}

/// `days` from now (RFC 3339, as the domain builder takes dates).
fn days_from_now(days: i64) -> String {
    Timestamp((js_sys::Date::now() / 1000.0) as i64)
        .plus_days(days)
        .to_rfc3339()
}

/// A domain registered 800 days ago, expiring `expires_in` days from now.
fn dated(id: u64, name: &str, expires_in: i64) -> DomainBuilder {
    domain(id, name)
        .registered(&days_from_now(-800))
        .expires(&days_from_now(expires_in))
}

/// Its detail, as a page reads it, at `registrar`.
fn detail_at(domain: DomainBuilder, registrar: &str) -> vps_contract::DomainDetail {
    domain
        .held_at(registrar)
        .days_until_expiration(100)
        .dns_records(3)
        .detail()
}

fn seed_like_cache() -> DomainCache {
    let mut cache = DomainCache::default();
    cache.replace_all(vec![
        dated(101, "example.com", 730).summary(),
        dated(102, "myapp.io", 210).auto_renew(false).locked(false).summary(),
        dated(103, "mynewstartup.dev", 365)
            .status(DomainStatus::Pending)
            .summary(),
        dated(104, "old-project.net", -20)
            .status(DomainStatus::Expired)
            .auto_renew(false)
            .summary(),
        dated(105, "side-hustle.co", 12).auto_renew(false).summary(),
        dated(109, "xn--caf-dma.app", 330).summary(),
    ]);
    cache
}

fn row_names() -> Vec<String> {
    all("tr[data-domain]")
        .iter()
        .filter_map(|row| row.get_attribute("data-domain"))
        .collect()
}

async fn sandbox(method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{SANDBOX}{path}");
    let builder = gloo_net::http::RequestBuilder::new(&url)
        .method(method.parse().expect("a method"))
        .header("Authorization", "Bearer sandbox-demo-token");
    let request = match body {
        Some(body) => builder.json(&body).expect("a JSON body"),
        None => builder.build().expect("a request"),
    };
    let response = request.send().await.unwrap_or_else(|error| {
        panic!("the sandbox at {SANDBOX} did not answer ({error}); run these tests with `make test-wasm`")
    });
    response.json().await.unwrap_or(Value::Null)
}

// ---------------------------------------------------------------- registration

#[wasm_bindgen_test]
async fn the_price_calculator_follows_the_name_and_the_years() {
    let _app = mount_at("/register", signed_out(), DomainCache::default());
    wait_for("the register form", || query("#domain-name").is_some()).await;
    assert!(text(".quote").contains("Type a name"));

    type_into("#domain-name", "MyNewDomain.com");
    wait_for("a one-year .com quote", || text(".quote").contains("$12.99")).await;
    assert_eq!(text("[data-testid=quote-total]"), "$12.99");
    assert_eq!(text(".price-table tr.selected th"), ".com");

    choose("#years", "2");
    wait_for("a two-year total", || text("[data-testid=quote-total]") == "$25.98").await;
    let expected_year = Timestamp((js_sys::Date::now() / 1000.0) as i64)
        .plus_years(2)
        .date()
        .year;
    assert!(
        text(".quote").contains(&expected_year.to_string()),
        "{}",
        text(".quote")
    );

    type_into("#domain-name", "startup.io");
    wait_for("the .io price", || text("[data-testid=quote-total]") == "$79.98").await;
    assert_eq!(text(".price-table tr.selected th"), ".io");
    assert!(text(".register__summary button[type=submit]").contains("$79.98"));
}

#[wasm_bindgen_test]
async fn switching_the_language_keeps_the_form_and_changes_the_words() {
    let app = mount_at("/register", signed_out(), DomainCache::default());
    wait_for("the register form", || query("#domain-name").is_some()).await;
    type_into("#domain-name", "startup.io");
    choose("#years", "2");
    wait_for("the .io quote", || text("[data-testid=quote-total]") == "$79.98").await;
    let heading = text("h1");

    app.i18n.set(Lang::Fi);
    wait_for("the Finnish words", || text("h1") != heading).await;
    let input: web_sys::HtmlInputElement = element("#domain-name").dyn_into().expect("an input");
    let years: web_sys::HtmlSelectElement = element("#years").dyn_into().expect("a select");
    assert_eq!(input.value(), "startup.io", "the typed name survives the switch");
    assert_eq!(years.value(), "2", "the chosen years survive the switch");
    // Intl's Finnish: a decimal comma and the sign after, with a no-break space.
    assert_eq!(text("[data-testid=quote-total]"), "79,98\u{a0}$");
    assert_eq!(
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .as_deref(),
        Some("fi")
    );

    app.i18n.set(Lang::En);
    wait_for("the English words again", || text("h1") == heading).await;
    assert_eq!(input.value(), "startup.io");
    assert_eq!(text("[data-testid=quote-total]"), "$79.98");
}

#[wasm_bindgen_test]
async fn the_name_is_checked_as_it_is_typed() {
    let _app = mount_at("/register", signed_out(), DomainCache::default());
    wait_for("the register form", || query("#domain-name").is_some()).await;

    type_into("#domain-name", "shop.example.com");
    wait_for("the subdomain message", || {
        text("#domain-name-message").contains("directly under its TLD")
    })
    .await;
    assert_eq!(
        element("#domain-name").get_attribute("aria-invalid").as_deref(),
        Some("true")
    );

    type_into("#domain-name", "example.xyz");
    wait_for("the TLD message", || {
        text("#domain-name-message").contains("“.xyz” is not offered")
    })
    .await;

    type_into("#domain-name", "my_site.com");
    wait_for("the character message", || {
        text("#domain-name-message").contains("letters, digits and hyphens")
    })
    .await;

    type_into("#domain-name", "faß.com");
    wait_for("the punycode note", || {
        text("#domain-name-hint").contains("xn--fa-hia.com")
    })
    .await;
    assert_eq!(text("#domain-name-message"), "");
    assert!(query(".quote")
        .map(|q| q.text_content().unwrap_or_default())
        .unwrap_or_default()
        .contains("$12.99"));

    // An empty name says nothing until the form is sent, then says what to do.
    type_into("#domain-name", "");
    wait_for("no message while empty", || text("#domain-name-message").is_empty()).await;
    click(".register__summary button[type=submit]");
    wait_for("the empty-name message", || {
        text("#domain-name-message").contains("Enter a domain name")
    })
    .await;
    assert!(
        query("dialog[open]").is_none(),
        "nothing to confirm while the name is missing"
    );
}

/// The browser's UTS #46 gives the answers the sandbox's idna crate gives (the same examples as
/// vps-contract's native tests).
#[wasm_bindgen_test]
fn names_follow_the_contract_with_the_browsers_uts46() {
    use vps_contract::{normalize_host_name, unicode_form, DomainName, NameError};
    install_idn();
    let parsed = |input: &str| DomainName::parse(input).map(DomainName::into_string);
    assert_eq!(parsed("  ExAmple.COM. "), Ok("example.com".into()));
    assert_eq!(parsed("faß.com"), Ok("xn--fa-hia.com".into()));
    assert_eq!(parsed("bücher.io"), Ok("xn--bcher-kva.io".into()));
    assert_eq!(parsed("xn--bcher-kva.io"), Ok("xn--bcher-kva.io".into()));
    assert_eq!(parsed("ｅｘａｍｐｌｅ。com"), Ok("example.com".into()));
    assert_eq!(parsed("my_site.com"), Err(NameError::InvalidCharacter('_')));
    assert_eq!(parsed("exa<mple.com"), Err(NameError::InvalidCharacter('<')));
    assert_eq!(
        parsed("ab--c.com"),
        Err(NameError::HyphensInThirdAndFourth("ab--c".into()))
    );
    assert!(matches!(parsed("xn--zz.com"), Err(NameError::InvalidPunycode(_))));
    assert_eq!(
        parsed("shop.example.com"),
        Err(NameError::Subdomain {
            registrable: "example.com".into()
        })
    );
    assert_eq!(unicode_form("xn--caf-dma.app"), "café.app");
    assert_eq!(
        normalize_host_name("NS1.Bücher.example."),
        Ok("ns1.xn--bcher-kva.example".into())
    );
    assert_eq!(normalize_host_name("192.0.2.1"), Err(NameError::IpAddress));
}

/// What a registry refuses although UTS #46 lets it through is refused here too, before
/// anything is sent, in the words the sandbox's 400 uses.
#[wasm_bindgen_test]
async fn names_idna2008_disallows_are_refused_here_in_the_sandboxs_words() {
    use vps_contract::DomainName;
    install_idn();
    for name in [
        "xn--ls8h.com",
        "💩.net",
        "xn--n3h.com",
        "xn--ab-3n4a.com",
        "aא.net",
        "a·b.com",
    ] {
        let here = DomainName::parse(name).err().map(|error| error.to_string());
        assert!(here.is_some(), "{name} is accepted here");
        let answer = sandbox("POST", "/api/v1/domains/", Some(json!({ "domain_name": name }))).await;
        let there = answer["domain_name"][0].as_str().map(str::to_string);
        assert_eq!(here, there, "{name}: the sandbox answered {answer}");
    }
    for name in ["אב.net", "übung.net", "col·lecció.com", "カ・ナ.com"] {
        assert!(DomainName::parse(name).is_ok(), "{name} is refused here");
    }
}

// ---------------------------------------------------------------- the table

#[wasm_bindgen_test]
async fn the_table_filters_sorts_and_searches() {
    let _app = mount_at("/domains", signed_out(), seed_like_cache());
    wait_for("the rows", || all("tr[data-domain]").len() == 6).await;
    assert_eq!(
        row_names()[0],
        "xn--caf-dma.app",
        "sorted by the Unicode name: café.app first"
    );
    assert!(text("tr[data-domain='xn--caf-dma.app'] th").contains("café.app"));

    // Risk counts, each a link to its domains.
    assert_eq!(text("[data-risk=expiring] .risk__count"), "1");
    assert_eq!(text("[data-risk=expired] .risk__count"), "1");
    assert_eq!(text("[data-risk=unlocked] .risk__count"), "1");
    click("[data-risk=expiring]");
    wait_for("only the expiring domain", || row_names() == vec!["side-hustle.co"]).await;
    assert!(window()
        .location()
        .search()
        .unwrap_or_default()
        .contains("risk=expiring"));

    // Status filter, from the URL.
    click(".segmented a[href='/domains?status=expired']");
    wait_for("only the expired domain", || row_names() == vec!["old-project.net"]).await;
    click(".segmented a[href='/domains?status=locked']");
    wait_for("the locked domains", || row_names().len() == 5).await;
    click(".segmented a[href='/domains']");
    wait_for("every domain again", || row_names().len() == 6).await;

    // Search matches the Unicode form at once.
    type_into("#domain-search", "CAFÉ");
    wait_for("the café row", || row_names() == vec!["xn--caf-dma.app"]).await;
    type_into("#domain-search", "zzz-nothing");
    wait_for("the no-match state", || query(".empty-state").is_some()).await;
    assert!(text(".empty-state").contains("No domains match “zzz-nothing”"));
    type_into("#domain-search", "");
    wait_for("every domain again", || row_names().len() == 6).await;

    // Sorting by expiry, then reversed.
    click("a[data-sort=expiry]");
    wait_for("expiry order", || {
        row_names().first().map(String::as_str) == Some("old-project.net")
    })
    .await;
    assert_eq!(
        element("a[data-sort=expiry]")
            .parent_element()
            .and_then(|th| th.get_attribute("aria-sort"))
            .as_deref(),
        Some("ascending")
    );
    click("a[data-sort=expiry]");
    wait_for("reversed expiry order", || {
        row_names().first().map(String::as_str) == Some("example.com")
    })
    .await;
    go_to("/domains");
}

// ---------------------------------------------------------------- the store

/// Waits (up to 5 s) for a spawned request to have its answer. (No page is mounted, so there
/// is no reactive work to let run, as `wait_for` does.)
async fn until_answered(answered: RwSignal<bool>) {
    for _ in 0..200 {
        if answered.get_untracked() {
            return;
        }
        sleep(25).await;
    }
    panic!("timed out waiting for the held answer");
}

/// Lets the tasks already spawned run until they wait on something (a request's answer).
async fn let_spawned_tasks_start() {
    for _ in 0..3 {
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL)).await;
    }
}

#[wasm_bindgen_test]
async fn an_answer_for_an_ended_session_is_dropped() {
    sandbox("POST", "/sandbox/reset", None).await;
    // A detail read for the demo account leaves; before it answers, the other account signs in.
    let session = Session::new(Some(sandbox_connection("sandbox-demo-token")));
    let store = DomainStore::new(session);
    let answered = RwSignal::new(false);
    spawn_local(async move {
        let _ = store.load_detail(DomainId(101), Wake::Now).await;
        answered.set(true);
    });
    let_spawned_tasks_start().await;
    session.sign_out();
    session.sign_in(sandbox_connection("sandbox-other-token"), false);
    until_answered(answered).await;
    assert!(
        store.with_cache_untracked(|cache| cache.get(DomainId(101)).is_none()),
        "the demo account's domain must not appear in the other account's cache"
    );

    // A 401 for a token that has been replaced does not sign the new session out.
    let session = Session::new(Some(sandbox_connection("a-revoked-token")));
    let store = DomainStore::new(session);
    let answered = RwSignal::new(false);
    spawn_local(async move {
        let _ = store.load_detail(DomainId(101), Wake::Now).await;
        answered.set(true);
    });
    let_spawned_tasks_start().await;
    session.sign_in(sandbox_connection("sandbox-demo-token"), false);
    until_answered(answered).await;
    assert!(
        session.is_signed_in_untracked(),
        "the old token's 401 must not end the session that replaced it"
    );
    assert_eq!(session.ended_because.get_untracked(), None);
}

// ---------------------------------------------------------------- settings

/// Opens the settings review and reads its before/after rows.
async fn review_settings() -> Vec<String> {
    click(".settings button[type=submit]");
    wait_for("the review dialog", || query("dialog[open] table.diff").is_some()).await;
    all("dialog[open] table.diff tbody tr")
        .iter()
        .filter_map(|row| row.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn settings_show_a_before_and_after_diff_with_consequences() {
    let mut cache = DomainCache::default();
    cache.merge_detail(detail_at(dated(101, "example.com", 730), "VPS.org"));
    let _app = mount_at("/domains/101", signed_out(), cache);
    wait_for("the settings form", || query(".settings form").is_some()).await;
    assert!(
        element(".settings button[type=submit]").has_attribute("disabled"),
        "nothing to review yet"
    );

    click(".settings .switch:nth-of-type(1) input"); // auto-renew off
    click(".settings .switch:nth-of-type(3) input"); // lock off
    click(".settings .segmented__option:nth-child(2) input"); // custom nameservers
    wait_for("two nameserver rows", || query("#settings-ns-1").is_some()).await;
    type_into("#settings-ns-0", "NS1.Cloudflare.com.");
    type_into("#settings-ns-1", "ns2.cloudflare.com");
    wait_for("the normalisation hint", || {
        text(".nameservers").contains("Saved as ns1.cloudflare.com")
    })
    .await;
    wait_for("the review button", || {
        !element(".settings button[type=submit]").has_attribute("disabled")
    })
    .await;

    assert_eq!(
        review_settings().await,
        vec![
            "Auto-renewOnOff".to_string(),
            "Registrar lockLockedUnlocked".to_string(),
            "Nameserversns1.vps.org, ns2.vps.orgns1.cloudflare.com, ns2.cloudflare.com".to_string(),
        ]
    );
    let warnings = text("dialog[open]");
    assert!(
        warnings.contains("will expire"),
        "turning auto-renew off says what happens"
    );
    assert!(
        warnings.contains("transfer example.com to another registrar"),
        "unlocking says what it allows"
    );

    // Typing the same servers differently is no change: only the other two are reviewed.
    click("dialog[open] .dialog__actions .button:not(.button--primary)");
    type_into("#settings-ns-0", "NS1.VPS.org.");
    wait_for("the normalisation hint", || {
        text(".nameservers").contains("Saved as ns1.vps.org")
    })
    .await;
    type_into("#settings-ns-1", "ns2.vps.org");
    wait_for("the VPS.org pair recognised", || query("#settings-ns-0").is_none()).await;
    assert_eq!(
        review_settings().await,
        vec![
            "Auto-renewOnOff".to_string(),
            "Registrar lockLockedUnlocked".to_string()
        ]
    );
    click("dialog[open] .dialog__actions .button:not(.button--primary)");
}

#[wasm_bindgen_test]
async fn a_domain_held_elsewhere_is_read_only_and_offers_the_transfer() {
    let mut cache = DomainCache::default();
    let legacy = dated(106, "legacy-shop.com", 120).auto_renew(false).locked(false);
    cache.merge_detail(detail_at(legacy, "GoDaddy"));
    let _app = mount_at("/domains/106", signed_out(), cache);
    wait_for("the notice", || text(".page").contains("registered at GoDaddy")).await;
    assert!(
        query(".settings").is_none(),
        "no settings editor for a domain held elsewhere"
    );
    assert_eq!(
        element(".notice--info a").get_attribute("href").as_deref(),
        Some("/domains/106/transfer")
    );
}

// ---------------------------------------------------------------- transfer

fn check_states() -> Vec<String> {
    all(".checklist .check-item")
        .iter()
        .filter_map(|item| item.get_attribute("class"))
        .map(|class| class.trim_start_matches("check-item check-item--").to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn the_transfer_checklist_checks_what_it_can() {
    let mut cache = DomainCache::default();
    let legacy = dated(106, "legacy-shop.com", 120).auto_renew(false).locked(false);
    cache.merge_detail(detail_at(legacy, "GoDaddy"));
    let _app = mount_at("/domains/106/transfer", signed_out(), cache);
    wait_for("the checklist", || all(".check-item").len() == 6).await;
    assert_eq!(
        check_states(),
        vec!["passed", "passed", "passed", "waiting", "stated", "stated"]
    );
    assert!(element(".transfer form button[type=submit]").has_attribute("disabled"));
    assert!(text(".fee").contains("$12.99"));

    type_into("#auth-code", "  Xy9Kl2Mn#4pQ ");
    wait_for("the code counted", || check_states()[3] == "passed").await;
    wait_for("the review button", || {
        !element(".transfer form button[type=submit]").has_attribute("disabled")
    })
    .await;
    assert_eq!(
        element("#auth-code").get_attribute("type").as_deref(),
        Some("password"),
        "masked by default"
    );
    click(".transfer .input-with-button button");
    wait_for("the code shown", || {
        element("#auth-code").get_attribute("type").as_deref() == Some("text")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_young_or_locked_domain_says_why_it_cannot_move() {
    let young = dated(108, "brand-new.org", 355).registered(&days_from_now(-10));
    let locked = dated(107, "locked-elsewhere.net", 365).registered(&days_from_now(-365));
    let mut cache = DomainCache::default();
    cache.merge_detail(detail_at(young.auto_renew(false).locked(false), "Gandi"));
    cache.merge_detail(detail_at(locked.auto_renew(false), "Namecheap"));
    let eligible = Timestamp::parse(&days_from_now(50))
        .map(|t| t.to_human_date())
        .unwrap_or_default();
    {
        let _app = mount_at("/domains/108/transfer", signed_out(), cache.clone());
        wait_for("the checklist", || all(".check-item").len() == 6).await;
        type_into("#auth-code", "Bn3Wx8Yt#1mK");
        wait_for("the age rule failing", || check_states()[2] == "failed").await;
        assert!(
            text(".check-item--failed").contains(&eligible),
            "{} lacks {eligible}",
            text(".check-item--failed")
        );
        assert!(element(".transfer form button[type=submit]").has_attribute("disabled"));
    }
    let _app = mount_at("/domains/107/transfer", signed_out(), cache);
    wait_for("the checklist", || all(".check-item").len() == 6).await;
    assert_eq!(check_states()[1], "failed");
    assert!(text(".check-item--failed").contains("Turn off the registrar lock at Namecheap"));
}

// ---------------------------------------------------------------- one click, one charge

#[wasm_bindgen_test]
async fn a_double_click_registers_and_charges_once() {
    sandbox("POST", "/sandbox/reset", None).await;
    let before = sandbox("GET", "/sandbox/account", None).await["balance"]
        .as_f64()
        .expect("a balance");
    let _app = mount_routes(
        "/register",
        Session::new(Some(sandbox_connection("sandbox-demo-token"))),
        DomainCache::default(),
        false,
    );
    wait_for("the register form", || query("#domain-name").is_some()).await;

    type_into("#domain-name", "double-click.com");
    wait_for("the quote", || text("[data-testid=quote-total]") == "$12.99").await;
    click(".register__summary button[type=submit]");
    wait_for("the confirmation", || {
        query("dialog[open] [data-testid=confirm-register]").is_some()
    })
    .await;
    assert!(text("dialog[open]").contains("$12.99"));

    // Two clicks before anything can answer. The browser's own resource timing counts the
    // requests that left: one, not two (the idempotency key would only hide a second one).
    let performance = window().performance().expect("performance");
    performance.clear_resource_timings();
    let confirm: web_sys::HtmlElement = element("[data-testid=confirm-register]").unchecked_into();
    confirm.click();
    confirm.click();
    wait_for("the registration to finish", || query("dialog[open]").is_none()).await;
    let posts = performance
        .get_entries_by_type("resource")
        .iter()
        .filter_map(|entry| entry.dyn_into::<web_sys::PerformanceEntry>().ok())
        .filter(|entry| entry.name() == format!("{SANDBOX}/api/v1/domains/"))
        .count();
    assert_eq!(posts, 1, "one click's worth of requests");

    let after = sandbox("GET", "/sandbox/account", None).await["balance"]
        .as_f64()
        .expect("a balance");
    assert_eq!(((before - after) * 100.0).round() as i64, 1299, "charged exactly once");
    let list = sandbox("GET", "/api/v1/domains/?search=double-click", None).await;
    assert_eq!(list["count"], json!(1), "registered exactly once: {list}");
    assert_eq!(list["results"][0]["status"], json!("pending"));
}
