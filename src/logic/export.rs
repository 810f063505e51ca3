//! The table's domains as files, made in the browser: CSV (RFC 4180, UTF-8) for spreadsheets,
//! and iCalendar (RFC 5545) with each expiry as an all-day event for calendars.

use crate::i18n::Lang;
use crate::logic::cache::DomainRecord;
use crate::logic::format::{dns_word, lock_state, on_off};
use crate::logic::portfolio::{DomainNote, Portfolio};
use vps_contract::{price_for_domain, Timestamp, SECONDS_PER_DAY};

const CSV_COLUMNS: [&str; 16] = [
    "id",
    "domain",
    "domain (ASCII)",
    "status",
    "registered",
    "expires",
    "days left",
    "auto-renew",
    "locked",
    "privacy",
    "DNS",
    "nameservers",
    "renewal price per year (USD)",
    "tags",
    "owner",
    "note",
];

/// One CSV field: quoted when it holds a separator, a quote or a line break. A text that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or CR first) gets a
/// leading `'` and quotes, so it is shown, never evaluated; plain numbers (`-20`) stay numbers.
fn csv_field(text: &str, row: &mut String) {
    let first = text.chars().next();
    let formula = first.is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')) && !is_plain_number(text);
    if !formula && !text.chars().any(|c| matches!(c, ',' | '"' | '\n' | '\r')) {
        row.push_str(text);
        return;
    }
    row.push('"');
    if formula {
        row.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            row.push('"');
        }
        row.push(c);
    }
    row.push('"');
}

/// `-20`, `14.99`: digits with an optional sign and decimals (read without float parsing, which
/// the wasm build does not link).
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, decimals) = digits.split_once('.').unwrap_or((digits, "0"));
    [whole, decimals]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

fn csv_row<'a>(fields: impl IntoIterator<Item = &'a str>, out: &mut String) {
    for (index, field) in fields.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        csv_field(field, out);
    }
    out.push_str("\r\n");
}

/// The domains, in the order given, one row each after a header row, with what `notes` keeps
/// of each (tags joined by `, `).
pub fn csv(records: &[&DomainRecord], notes: &Portfolio, now: Timestamp) -> String {
    let mut out = String::new();
    csv_row(CSV_COLUMNS, &mut out);
    let empty = DomainNote::default();
    for record in records {
        let summary = &record.summary;
        let note = notes.note(&summary.domain_name).unwrap_or(&empty);
        let date = |at: Option<Timestamp>| at.map(Timestamp::to_ymd).unwrap_or_default();
        let renewal = price_for_domain(&summary.domain_name)
            .map(|price| {
                let cents = price.renew.0;
                format!("{}.{:02}", cents / 100, cents % 100)
            })
            .unwrap_or_default();
        let fields = [
            summary.id.to_string(),
            record.display_name.clone(),
            summary.domain_name.clone(),
            summary.status.as_str().to_string(),
            date(summary.registration_date),
            date(summary.expiration_date),
            record.days_left(now).map(|days| days.to_string()).unwrap_or_default(),
            on_off(Lang::En, summary.auto_renew).to_string(),
            lock_state(Lang::En, summary.locked).to_string(),
            on_off(Lang::En, summary.privacy_protection).to_string(),
            dns_word(Lang::En, &summary.dns_managed_by).to_string(),
            summary.nameservers.join(" "),
            renewal,
            note.tags.join(", "),
            note.owner.clone(),
            note.note.clone(),
        ];
        csv_row(fields.iter().map(String::as_str), &mut out);
    }
    out
}

/// RFC 5545 text: backslash, semicolon, comma and line breaks escaped.
fn ics_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            other => escaped.push(other),
        }
    }
    escaped
}

/// One content line, folded at 75 octets (never inside a UTF-8 character), ended by CRLF.
fn ics_line(line: &str, out: &mut String) {
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// `20281202`: a DATE value.
fn ics_date(at: Timestamp) -> String {
    let date = at.date();
    format!("{:04}{:02}{:02}", date.year, date.month, date.day)
}

/// The expiry dates as all-day events. Each domain's event keeps its UID (from its id and
/// name), so that importing again updates the events instead of adding copies; a domain that
/// will not renew by itself has an alarm 30 days before. What `notes` keeps of a domain (owner,
/// tags as CATEGORIES, note) goes into its event.
pub fn ics(records: &[&DomainRecord], notes: &Portfolio, now: Timestamp) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//VPS.org Domains admin//Domain expiries//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Domain expiries",
    ] {
        ics_line(line, &mut out);
    }
    let seconds = now.0.rem_euclid(SECONDS_PER_DAY);
    let stamp = format!(
        "{}T{:02}{:02}{:02}Z",
        ics_date(now),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    for record in records {
        let summary = &record.summary;
        let Some(expiry) = summary.expiration_date else {
            continue;
        };
        let name = &record.display_name;
        let renewal = if summary.auto_renew {
            match price_for_domain(&summary.domain_name) {
                Some(price) => format!("Auto-renew is on: it renews for a year at {}.", price.renew),
                None => "Auto-renew is on: it renews for a year.".to_string(),
            }
        } else {
            "Auto-renew is off: it expires unless renewed.".to_string()
        };
        ics_line("BEGIN:VEVENT", &mut out);
        ics_line(
            &format!("UID:domain-{}-{}@vps-admin", summary.id, summary.domain_name),
            &mut out,
        );
        ics_line(&format!("DTSTAMP:{stamp}"), &mut out);
        ics_line(&format!("DTSTART;VALUE=DATE:{}", ics_date(expiry)), &mut out);
        ics_line(&format!("DTEND;VALUE=DATE:{}", ics_date(expiry.plus_days(1))), &mut out);
        ics_line(&format!("SUMMARY:{}", ics_text(&format!("{name} expires"))), &mut out);
        let mut description = renewal;
        if let Some(note) = notes.note(&summary.domain_name) {
            if !note.owner.is_empty() {
                description.push_str(&format!("\nOwner: {}", note.owner));
            }
            if !note.note.is_empty() {
                description.push_str(&format!("\n{}", note.note));
            }
            if !note.tags.is_empty() {
                let tags: Vec<String> = note.tags.iter().map(|tag| ics_text(tag)).collect();
                ics_line(&format!("CATEGORIES:{}", tags.join(",")), &mut out);
            }
        }
        ics_line(&format!("DESCRIPTION:{}", ics_text(&description)), &mut out);
        ics_line("TRANSP:TRANSPARENT", &mut out);
        if !summary.auto_renew {
            ics_line("BEGIN:VALARM", &mut out);
            ics_line("ACTION:DISPLAY", &mut out);
            ics_line(
                &format!("DESCRIPTION:{}", ics_text(&format!("{name} expires in 30 days"))),
                &mut out,
            );
            ics_line("TRIGGER:-P30D", &mut out);
            ics_line("END:VALARM", &mut out);
        }
        ics_line("END:VEVENT", &mut out);
    }
    ics_line("END:VCALENDAR", &mut out);
    out
}

// Natively only: the parsers that read the files back are native dev-dependencies.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::logic::cache::DomainCache;
    use vps_contract::test_support;

    fn cache() -> DomainCache {
        let domain = |id, name, auto_renew, expires| {
            test_support::domain(id, name)
                .registered("2024-01-15T10:30:00Z")
                .expires(expires)
                .auto_renew(auto_renew)
                .summary()
        };
        let mut cache = DomainCache::default();
        cache.replace_all(vec![
            domain(101, "example.com", true, "2028-01-15T10:30:00Z"),
            domain(109, "xn--caf-dma.app", false, "2026-12-20T00:00:00Z"),
        ]);
        cache
    }

    fn now() -> Timestamp {
        Timestamp::parse("2026-12-02T12:00:00Z").unwrap()
    }

    #[test]
    fn csv_rows_parse_back_with_every_column() {
        let cache = cache();
        let records: Vec<&DomainRecord> = cache.records().collect();
        let mut notes = Portfolio::default();
        notes.set_note(
            "xn--caf-dma.app",
            DomainNote {
                name: String::new(),
                tags: vec!["client-a".into(), "keep".into()],
                owner: "Café Oy".into(),
                note: "=renew, \"early\"\nthen transfer".into(),
            },
        );
        let text = csv(&records, &notes, now());
        assert!(text.ends_with("\r\n"));
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_COLUMNS);
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|row| row.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            rows[1],
            [
                "109",
                "café.app",
                "xn--caf-dma.app",
                "active",
                "2024-01-15",
                "2026-12-20",
                "17",
                "Off",
                "Locked",
                "On",
                "VPS.org",
                "ns1.vps.org ns2.vps.org",
                "14.99",
                "client-a, keep",
                "Café Oy",
                // Shown, never run as a formula; the line break and quotes survive.
                "'=renew, \"early\"\nthen transfer"
            ]
        );
        assert_eq!(rows[0][13..], ["", "", ""], "nothing kept: empty columns");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let mut row = String::new();
        csv_row(
            [
                "=HYPERLINK(\"x\")",
                "a,b",
                "-20",
                "-1.5",
                "-2+3",
                "+1 555",
                "@sum",
                "plain",
            ],
            &mut row,
        );
        assert_eq!(
            row,
            "\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",-20,-1.5,\"'-2+3\",\"'+1 555\",\"'@sum\",plain\r\n"
        );
    }

    #[test]
    fn ics_parses_with_one_event_per_expiry_and_an_alarm_without_auto_renew() {
        let cache = cache();
        let records: Vec<&DomainRecord> = cache.records().collect();
        let mut notes = Portfolio::default();
        notes.set_note(
            "example.com",
            DomainNote {
                name: String::new(),
                tags: vec!["client-a".into(), "a;b".into()],
                owner: "Acme Ltd".into(),
                note: String::new(),
            },
        );
        let text = ics(&records, &notes, now());
        assert!(text.lines().all(|line| line.len() <= 76), "folded at 75 octets (+ CR)");
        let calendar = ical::IcalParser::new(text.as_bytes())
            .next()
            .expect("a calendar")
            .expect("it parses");
        assert_eq!(calendar.events.len(), 2);
        let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        let first = &calendar.events[0];
        assert_eq!(
            property(first, "UID").as_deref(),
            Some("domain-101-example.com@vps-admin")
        );
        assert_eq!(property(first, "DTSTART").as_deref(), Some("20280115"));
        assert_eq!(property(first, "DTEND").as_deref(), Some("20280116"));
        assert!(first.alarms.is_empty(), "it renews by itself");
        assert_eq!(property(first, "CATEGORIES").as_deref(), Some("client-a,a\\;b"));
        // Unfolded as RFC 5545 says (the parser also trims the space a fold may land on).
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("renews for a year at $12.99.\\nOwner: Acme Ltd\r\n"),
            "{unfolded}"
        );
        let second = &calendar.events[1];
        assert_eq!(property(second, "SUMMARY").as_deref(), Some("café.app expires"));
        assert_eq!(second.alarms.len(), 1);
        // The same domains again give the same UIDs: an import updates, never duplicates.
        assert_eq!(
            ics(&records, &Portfolio::default(), now().plus_days(3))
                .matches("UID:domain-109-")
                .count(),
            1
        );
    }

    #[test]
    fn ics_folds_long_lines_and_escapes_text() {
        let mut out = String::new();
        ics_line(&format!("DESCRIPTION:{}", ics_text(&"é;,\\\n".repeat(20))), &mut out);
        for line in out.split("\r\n").filter(|line| !line.is_empty()) {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.starts_with("DESCRIPTION:é\\;\\,\\\\\\né"));
    }
}
