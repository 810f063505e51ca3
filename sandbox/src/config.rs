//! Start-up flags.

use crate::http::MAX_PAGE_SIZE;
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The VPS.org Domains API, served from a local SQLite file.
#[derive(Clone, Debug, PartialEq, Parser)]
#[command(name = "vps-sandbox", version, about)]
pub struct Config {
    /// Address to listen on (port 0 picks a free one, printed on start).
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// SQLite file; created and seeded when new.
    #[arg(long, default_value = "sandbox.db")]
    pub db: PathBuf,

    /// Seconds until a registration turns from pending to active.
    #[arg(long, value_name = "SECS", default_value_t = 300, value_parser = seconds, allow_negative_numbers = true)]
    pub activation_delay: i64,

    /// Seconds until a transfer completes.
    #[arg(long, value_name = "SECS", default_value_t = 5 * 86_400, value_parser = seconds, allow_negative_numbers = true)]
    pub transfer_delay: i64,

    /// Paginate every list, DRF's `PAGE_SIZE` (as a paginating provider does); without it, a
    /// list without `page` or `page_size` comes whole.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_PAGE_SIZE))]
    pub page_size: Option<u64>,

    /// Also serve a built app (`dist/`) on the same origin, with a static host's headers.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,

    /// Allow cross-origin calls from ORIGIN (repeatable; none by default).
    #[arg(long = "cors-origin", value_name = "ORIGIN", value_parser = origin)]
    pub cors_origins: Vec<String>,

    /// No request log.
    #[arg(long)]
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
        let config = parse(
            "--listen 127.0.0.1:0 --db /tmp/x.db --activation-delay 5 --transfer-delay 60 --page-size 4 --static dist --cors-origin http://a/ --cors-origin http://b --quiet",
        )
        .unwrap();
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.db, PathBuf::from("/tmp/x.db"));
        assert_eq!(config.activation_delay, 5);
        assert_eq!(config.transfer_delay, 60);
        assert_eq!(config.page_size, Some(4));
        assert_eq!(config.static_dir, Some(PathBuf::from("dist")));
        assert_eq!(config.cors_origins, vec!["http://a", "http://b"]);
        assert!(config.quiet);
    }

    #[test]
    fn bad_flags_say_why() {
        let message = |text: &str| parse(text).unwrap_err().to_string();
        assert!(message("--listen nowhere").contains("--listen"));
        assert!(message("--activation-delay -1").contains("--activation-delay"));
        assert!(message("--page-size 0").contains("--page-size"));
        assert!(message("--page-size 1001").contains("--page-size"));
        assert!(message("--db").contains("--db"));
        assert!(message("--frobnicate").contains("--frobnicate"));
        assert_eq!(parse("--help").unwrap_err().kind(), clap::error::ErrorKind::DisplayHelp);
    }
}
