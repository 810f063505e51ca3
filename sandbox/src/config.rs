//! Start-up flags.

use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "\
vps-sandbox: the VPS.org Domains API, served from a local SQLite file

USAGE: vps-sandbox [FLAGS]

  --listen ADDR              address to listen on (default 127.0.0.1:8787; port 0 picks a free one)
  --db PATH                  SQLite file; created and seeded when new (default sandbox.db)
  --activation-delay SECS    pending → active after this long (default 300)
  --transfer-delay SECS      transfers complete after this long (default 432000, 5 days)
  --static DIR               also serve a built app from DIR on the same origin
  --cors-origin ORIGIN       allow cross-origin calls from ORIGIN (repeatable; none by default)
  --quiet                    no request log
  --help                     this text
";

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub listen: SocketAddr,
    pub db: PathBuf,
    pub activation_delay: i64,
    pub transfer_delay: i64,
    pub static_dir: Option<PathBuf>,
    pub cors_origins: Vec<String>,
    pub quiet: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            db: PathBuf::from("sandbox.db"),
            activation_delay: 300,
            transfer_delay: 5 * 86_400,
            static_dir: None,
            cors_origins: Vec::new(),
            quiet: false,
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Serve(Config),
    Help,
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--quiet" => config.quiet = true,
            "--listen" => {
                let text = value("--listen")?;
                config.listen = text
                    .parse()
                    .map_err(|_| format!("--listen: {text:?} is not an address such as 127.0.0.1:8787"))?;
            }
            "--db" => config.db = PathBuf::from(value("--db")?),
            "--activation-delay" => {
                config.activation_delay = seconds("--activation-delay", &value("--activation-delay")?)?
            }
            "--transfer-delay" => config.transfer_delay = seconds("--transfer-delay", &value("--transfer-delay")?)?,
            "--static" => config.static_dir = Some(PathBuf::from(value("--static")?)),
            "--cors-origin" => config
                .cors_origins
                .push(value("--cors-origin")?.trim_end_matches('/').to_string()),
            other => return Err(format!("unknown flag {other:?}; see --help")),
        }
    }
    Ok(Command::Serve(config))
}

fn seconds(flag: &str, text: &str) -> Result<i64, String> {
    text.parse::<i64>()
        .ok()
        .filter(|n| (0..=10 * 365 * 86_400).contains(n))
        .ok_or_else(|| format!("{flag}: {text:?} is not a number of seconds"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn defaults_and_flags() {
        assert_eq!(parse(args("")), Ok(Command::Serve(Config::default())));
        let Ok(Command::Serve(config)) = parse(args(
            "--listen 127.0.0.1:0 --db /tmp/x.db --activation-delay 5 --transfer-delay 60 --static dist --cors-origin http://a/ --cors-origin http://b --quiet",
        )) else {
            panic!("flags should parse");
        };
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.activation_delay, 5);
        assert_eq!(config.transfer_delay, 60);
        assert_eq!(config.static_dir, Some(PathBuf::from("dist")));
        assert_eq!(config.cors_origins, vec!["http://a", "http://b"]);
        assert!(config.quiet);
    }

    #[test]
    fn bad_flags_say_why() {
        assert!(parse(args("--listen nowhere")).unwrap_err().contains("--listen"));
        assert!(parse(args("--activation-delay -1")).is_err());
        assert!(parse(args("--db")).unwrap_err().contains("needs a value"));
        assert!(parse(args("--frobnicate")).unwrap_err().contains("unknown flag"));
        assert_eq!(parse(args("--help")), Ok(Command::Help));
    }
}
