//! The flags are clap's: `--help`, and an environment variable for each. The request log is
//! tracing's: `RUST_LOG` sets its level, and it never holds a query, a header or a body.

mod common;

use common::*;
use reqwest::Method;
use serde_json::json;
use std::process::Command;

const FLAGS: [&str; 10] = [
    "listen",
    "db",
    "activation-delay",
    "transfer-delay",
    "page-size",
    "static",
    "cors-origin",
    "header-read-timeout",
    "request-timeout",
    "quiet",
];

#[test]
fn help_is_clap_s_and_names_each_flag_s_variable() {
    let output = Command::new(env!("CARGO_BIN_EXE_vps-sandbox"))
        .arg("--help")
        .output()
        .expect("run vps-sandbox --help");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("Usage: vps-sandbox [OPTIONS]"), "{help}");
    for flag in FLAGS {
        let variable = format!("VPS_SANDBOX_{}", flag.to_uppercase().replace('-', "_"));
        assert!(help.contains(&format!("--{flag}")), "--{flag} in\n{help}");
        assert!(help.contains(&format!("[env: {variable}")), "{variable} in\n{help}");
    }
}

#[tokio::test]
async fn a_variable_sets_what_its_flag_sets() {
    let sandbox = Server::start_with(Options {
        env: vec![
            ("VPS_SANDBOX_PAGE_SIZE".into(), "2".into()),
            ("VPS_SANDBOX_QUIET".into(), "true".into()),
        ],
        ..Options::default()
    });
    let page = sandbox.list(DEMO, "").await;
    assert_eq!(page["count"], DEMO_DOMAIN_COUNT);
    assert_eq!(ids_of(&page).len(), 2);
    assert_eq!(page["next"], sandbox.url("/api/v1/domains/?page=2"));
    assert_eq!(sandbox.log_text().trim(), "", "quiet from the environment");
}

#[tokio::test]
async fn rust_log_sets_the_level_of_the_request_log() {
    let silenced = Server::start_with(Options {
        env: vec![("RUST_LOG".into(), "warn".into())],
        ..Options::default()
    });
    silenced.get(DEMO, DOMAINS).await.expect(200);
    assert_eq!(silenced.log_text().trim(), "", "requests are logged at info");
    drop(silenced);

    let chosen = Server::start_with(Options {
        env: vec![("RUST_LOG".into(), "vps_sandbox=info".into())],
        ..Options::default()
    });
    let reply = chosen
        .send(
            chosen
                .request(Method::PUT, "/api/v1/domains/101/?token=query-secret", Some(DEMO))
                .header("x-probe", "header-secret")
                .json(&json!({"nameservers": ["body-secret.example.com", "ns2.vps.org"]})),
        )
        .await;
    reply.expect(200);
    let log = chosen.log_text();
    assert_eq!(log.lines().count(), 1, "{log}");
    let line = log.lines().next().unwrap_or_default();
    assert!(line.starts_with("PUT /api/v1/domains/101/ 200 "), "{line}");
    assert!(line.ends_with("ms"), "{line}");
    for secret in ["query-secret", "header-secret", "body-secret", DEMO] {
        assert!(!log.contains(secret), "{secret} in the log: {log}");
    }
}
