//! `vps-sandbox`: see `--help`.

use vps_sandbox::config::{self, Command, USAGE};

#[tokio::main]
async fn main() {
    let command = match config::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("vps-sandbox: {message}");
            std::process::exit(2);
        }
    };
    match command {
        Command::Help => print!("{USAGE}"),
        Command::Serve(config) => {
            if let Err(message) = vps_sandbox::serve(config).await {
                eprintln!("vps-sandbox: {message}");
                std::process::exit(1);
            }
        }
    }
}
