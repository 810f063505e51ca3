//! Start-up flags.

use crate::http::MAX_PAGE_SIZE;
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The VPS.org Domains API, served from a local SQLite file.
#[derive(Clone, Debug, PartialEq, Parser)]
#[command(name = "vps-sandbox", version, about)]
pub struct Config {
    /// Address to listen on (port 0 picks a free one, printed on start).
    #[arg(long, env = "VPS_SANDBOX_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// SQLite file; created and seeded when new.
    #[arg(long, env = "VPS_SANDBOX_DB", default_value = "sandbox.db")]
    pub db: PathBuf,

    /// Seconds until a registration turns from pending to active.
    #[arg(long, env = "VPS_SANDBOX_ACTIVATION_DELAY", value_name = "SECS", default_value_t = 300, value_parser = seconds, allow_negative_numbers = true)]
    pub activation_delay: i64,

    /// Seconds until a transfer completes.
    #[arg(long, env = "VPS_SANDBOX_TRANSFER_DELAY", value_name = "SECS", default_value_t = 5 * 86_400, value_parser = seconds, allow_negative_numbers = true)]
    pub transfer_delay: i64,

    /// Paginate every list, DRF's `PAGE_SIZE` (as a paginating provider does); without it, a
    /// list without `page` or `page_size` comes whole.
    #[arg(long, env = "VPS_SANDBOX_PAGE_SIZE", value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_PAGE_SIZE))]
    pub page_size: Option<u64>,

    /// Also serve a built app (`dist/`) on the same origin, with a static host's headers.
    #[arg(long = "static", env = "VPS_SANDBOX_STATIC", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,

    /// Allow cross-origin calls from ORIGIN (repeatable, or comma-separated in the variable; none by default).
    #[arg(long = "cors-origin", env = "VPS_SANDBOX_CORS_ORIGIN", value_name = "ORIGIN", value_parser = origin, value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// A connection that has not sent a whole request head within SECS is closed: idle
    /// keep-alive connections and slow headers alike.
    #[arg(long, env = "VPS_SANDBOX_HEADER_READ_TIMEOUT", value_name = "SECS", default_value = "10", value_parser = timeout)]
    pub header_read_timeout: Duration,

    /// A request whose body has not arrived and been answered within SECS of its head gets a
    /// 408 and its connection is closed (writes already started still finish).
    #[arg(long, env = "VPS_SANDBOX_REQUEST_TIMEOUT", value_name = "SECS", default_value = "30", value_parser = timeout)]
    pub request_timeout: Duration,

    /// No request log (otherwise one line a request on stderr; RUST_LOG sets the level).
    #[arg(long, env = "VPS_SANDBOX_QUIET")]
    pub quiet: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config::parse_from(["vps-sandbox"])
    }
}

fn seconds(text: &str) -> Result<i64, String> {
    text.parse::<i64>()
        .ok()
        .filter(|n| (0..=10 * 365 * 86_400).contains(n))
        .ok_or_else(|| format!("{text:?} is not a number of seconds (0 to ten years)"))
}

fn timeout(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .filter(|n| (0.1..=3600.0).contains(n))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("{text:?} is not a number of seconds (0.1 to 3600)"))
}

fn origin(text: &str) -> Result<String, String> {
    Ok(text.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, clap::Error> {
        Config::try_parse_from(std::iter::once("vps-sandbox").chain(text.split_whitespace()))
    }

    #[test]
    fn defaults_and_flags() {
        let defaults = parse("").unwrap();
        assert_eq!(defaults, Config::default());
        assert_eq!(defaults.listen, SocketAddr::from(([127, 0, 0, 1], 8787)));
        assert_eq!(defaults.activation_delay, 300);
        assert_eq!(defaults.transfer_delay, 432_000);
        assert_eq!(defaults.page_size, None);
        assert_eq!(defaults.header_read_timeout, Duration::from_secs(10));
        assert_eq!(defaults.request_timeout, Duration::from_secs(30));
        let config = parse(
            "--listen 127.0.0.1:0 --db /tmp/x.db --activation-delay 5 --transfer-delay 60 --page-size 4 --static dist --cors-origin http://a/ --cors-origin http://b --header-read-timeout 0.5 --request-timeout 2 --quiet",
        )
        .unwrap();
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.db, PathBuf::from("/tmp/x.db"));
        assert_eq!(config.activation_delay, 5);
        assert_eq!(config.transfer_delay, 60);
        assert_eq!(config.page_size, Some(4));
        assert_eq!(config.static_dir, Some(PathBuf::from("dist")));
        assert_eq!(config.cors_origins, vec!["http://a", "http://b"]);
        assert_eq!(config.header_read_timeout, Duration::from_millis(500));
        assert_eq!(config.request_timeout, Duration::from_secs(2));
        assert!(config.quiet);
    }

    #[test]
    fn every_flag_has_its_variable() {
        use clap::CommandFactory;
        for arg in Config::command().get_arguments() {
            let Some(long) = arg.get_long() else { continue };
            if matches!(long, "help" | "version") {
                continue;
            }
            let expected = format!("VPS_SANDBOX_{}", long.to_uppercase().replace('-', "_"));
            assert_eq!(
                arg.get_env().and_then(|name| name.to_str()),
                Some(expected.as_str()),
                "--{long}"
            );
        }
    }

    #[test]
    fn bad_flags_say_why() {
        let message = |text: &str| parse(text).unwrap_err().to_string();
        assert!(message("--listen nowhere").contains("--listen"));
        assert!(message("--activation-delay -1").contains("--activation-delay"));
        assert!(message("--page-size 0").contains("--page-size"));
        assert!(message("--page-size 1001").contains("--page-size"));
        assert!(message("--header-read-timeout 0").contains("--header-read-timeout"));
        assert!(message("--request-timeout soon").contains("--request-timeout"));
        assert!(message("--db").contains("--db"));
        assert!(message("--frobnicate").contains("--frobnicate"));
        assert_eq!(parse("--help").unwrap_err().kind(), clap::error::ErrorKind::DisplayHelp);
    }
}
