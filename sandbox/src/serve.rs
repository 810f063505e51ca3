//! The process: listen, print the address, run the lifecycle with real time, serve each
//! connection with hyper (for its header-read timeout), stop gracefully on Ctrl-C, and log one
//! line per request on stderr.

use crate::config::Config;
use crate::http::app;
use crate::state::AppState;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, FormattedFields};
use tracing_subscriber::registry::LookupSpan;

/// Serves until the process is stopped. Prints the address once it listens.
pub async fn serve(config: Config) -> Result<(), String> {
    init_log();
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
    let address = listener.local_addr().map_err(|error| error.to_string())?;
    let state = AppState::open(&config, address).await?;
    println!(
        "vps-sandbox listening on http://{address} (database {})",
        config.db.display()
    );

    // Lifecycle events fall due with real time too, not only when a request arrives.
    let ticker_state = Arc::clone(&state);
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(1));
        loop {
            interval.tick().await;
            let _ = ticker_state.catch_up().await;
        }
    });

    let app = app(state, &config);
    // hyper's own connection builder rather than axum::serve, which sets no timer and so no
    // header-read timeout: an idle or slow-header socket would stay open for ever.
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_read_timeout);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait rather than spin (as axum::serve does).
            Err(error) if !is_connection_error(&error) => {
                tracing::error!("accept: {error}");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            Err(_) => continue,
        };
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    // In-flight requests finish; idle connections close at once.
    let _ = tokio::time::timeout(config.request_timeout, graceful.shutdown()).await;
    Ok(())
}

fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    )
}

/// The log on stderr: `RUST_LOG` sets the level (info by default); each line is the fields of
/// its spans and event only (`GET /api/v1/domains/ 200 1.2ms`), no time, level or target.
fn init_log() {
    use tracing_subscriber::field::MakeExt;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let fields =
        tracing_subscriber::fmt::format::debug_fn(|writer, _field, value| write!(writer, "{value:?}")).delimited(" ");
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .fmt_fields(fields)
        .event_format(LogLine)
        .try_init();
}

/// A log line: the fields of the event's spans, then its own, and nothing else (the request
/// span's method and path, then the status and time: `GET /api/v1/domains/ 200 1.2ms`).
struct LogLine;

impl<S, N> FormatEvent<S, N> for LogLine
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                if let Some(fields) = span.extensions().get::<FormattedFields<N>>() {
                    if !fields.is_empty() {
                        write!(writer, "{fields} ")?;
                    }
                }
            }
        }
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}
