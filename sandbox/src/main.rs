//! `vps-sandbox`: see `--help`.

use clap::Parser;
use vps_sandbox::config::Config;

#[tokio::main]
async fn main() {
    if let Err(message) = vps_sandbox::serve(Config::parse()).await {
        eprintln!("vps-sandbox: {message}");
        std::process::exit(1);
    }
}
