//! Instants and calendar days in UTC, with no date library: RFC 3339 in and out,
//! whole-year arithmetic (29 February → 28 February) and the "15 Jan 2028" form people read.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

pub const SECONDS_PER_DAY: i64 = 86_400;

const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An instant, in whole seconds since the Unix epoch (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

/// A calendar day in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> CivilDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    CivilDate { year, month, day }
}

pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Timestamp {
    pub fn from_civil(date: CivilDate, hour: u32, minute: u32, second: u32) -> Self {
        Timestamp(
            days_from_civil(date.year, date.month, date.day) * SECONDS_PER_DAY
                + i64::from(hour) * 3600
                + i64::from(minute) * 60
                + i64::from(second),
        )
    }

    pub fn date(self) -> CivilDate {
        civil_from_days(self.0.div_euclid(SECONDS_PER_DAY))
    }

    fn seconds_of_day(self) -> i64 {
        self.0.rem_euclid(SECONDS_PER_DAY)
    }

    pub fn plus_seconds(self, seconds: i64) -> Self {
        Timestamp(self.0.saturating_add(seconds))
    }

    pub fn plus_days(self, days: i64) -> Self {
        self.plus_seconds(days.saturating_mul(SECONDS_PER_DAY))
    }

    /// The same wall time `years` later; 29 February becomes 28 February in a common year.
    pub fn plus_years(self, years: i64) -> Self {
        let date = self.date();
        let year = date.year + years;
        let day = date.day.min(days_in_month(year, date.month));
        let days = days_from_civil(year, date.month, day);
        Timestamp(days * SECONDS_PER_DAY + self.seconds_of_day())
    }

    /// Whole days from `self` until `later`, rounded toward minus infinity
    /// (docs/api.md: `floor((expiration − now) / 24 h)`).
    pub fn whole_days_until(self, later: Timestamp) -> i64 {
        (later.0 - self.0).div_euclid(SECONDS_PER_DAY)
    }

    /// RFC 3339 in UTC with seconds and `Z`: `2026-01-16T16:00:00Z`.
    pub fn to_rfc3339(self) -> String {
        let date = self.date();
        let seconds = self.seconds_of_day();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            date.year,
            date.month,
            date.day,
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }

    /// The calendar day as `YYYY-MM-DD` (the form of `whois_info` dates).
    pub fn to_ymd(self) -> String {
        self.date().to_string()
    }

    /// The day as people read it: `15 Jan 2028`.
    pub fn to_human_date(self) -> String {
        self.date().to_human()
    }

    /// Reads RFC 3339 as providers send it: `Z` or a numeric offset, optional fractions
    /// (dropped), `T` or a space between date and time. A bare `YYYY-MM-DD` is midnight UTC.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let date = CivilDate::parse(text.get(..10)?)?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Some(Timestamp::from_civil(date, 0, 0, 0));
        }
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        let number = |s: &str| -> Option<u32> {
            if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let hour = number(rest.get(0..2)?)?;
        let minute = number(rest.get(3..5)?)?;
        let second = number(rest.get(6..8)?)?;
        if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut zone = &rest[8..];
        if let Some(fraction) = zone.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            zone = &fraction[digits..];
        }
        let offset_seconds = match zone {
            "Z" | "z" => 0,
            _ => {
                let sign = match zone.get(0..1)? {
                    "+" => 1,
                    "-" => -1,
                    _ => return None,
                };
                if zone.len() != 6 || zone.get(3..4)? != ":" {
                    return None;
                }
                let hours = number(zone.get(1..3)?)?;
                let minutes = number(zone.get(4..6)?)?;
                sign * (i64::from(hours) * 3600 + i64::from(minutes) * 60)
            }
        };
        let second = second.min(59); // a leap second reads as the second before it
        Some(Timestamp(
            Timestamp::from_civil(date, hour, minute, second).0 - offset_seconds,
        ))
    }
}

impl CivilDate {
    /// Reads `YYYY-MM-DD`, rejecting days that do not exist.
    pub fn parse(text: &str) -> Option<CivilDate> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = i64::from(digits(0..4)?);
        let month = digits(5..7)?;
        let day = digits(8..10)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(CivilDate { year, month, day })
    }

    pub fn to_human(self) -> String {
        let month = MONTH_ABBREVIATIONS[(self.month.clamp(1, 12) - 1) as usize];
        format!("{} {} {}", self.day, month, self.year)
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not an RFC 3339 time: {text:?}")))
    }
}

/// How a span of days reads next to a date: "in 730 days", "today", "3 days ago".
pub fn relative_days(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            civil_from_days(0),
            CivilDate {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            Timestamp::parse("2026-01-16T16:00:00Z").map(Timestamp::to_rfc3339),
            Some("2026-01-16T16:00:00Z".to_string())
        );
        assert_eq!(Timestamp::parse("2000-03-01T00:00:00Z"), Some(Timestamp(951_868_800)));
    }

    #[test]
    fn parse_accepts_offsets_and_fractions() {
        let utc = Timestamp::parse("2023-01-15T10:30:00Z");
        assert_eq!(Timestamp::parse("2023-01-15T12:30:00+02:00"), utc);
        assert_eq!(Timestamp::parse("2023-01-15T10:30:00.123456Z"), utc);
        assert_eq!(Timestamp::parse("2023-01-15 10:30:00z"), utc);
        assert_eq!(Timestamp::parse("2023-01-15"), Timestamp::parse("2023-01-15T00:00:00Z"));
    }

    #[test]
    fn parse_rejects_nonsense() {
        for bad in [
            "",
            "2023-02-30T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-01-15T25:00:00Z",
            "2023-01-15T10:30:00",
            "2023-01-15T10:30Z",
            "yesterday",
            "2023-01-15T10:30:00.Z",
            "２０２３-01-15",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn years_keep_the_wall_time_and_clamp_leap_days() {
        let leap = Timestamp::parse("2024-02-29T08:15:00Z").unwrap();
        assert_eq!(leap.plus_years(1).to_rfc3339(), "2025-02-28T08:15:00Z");
        assert_eq!(leap.plus_years(4).to_rfc3339(), "2028-02-29T08:15:00Z");
        let plain = Timestamp::parse("2026-01-16T16:00:00Z").unwrap();
        assert_eq!(plain.plus_years(2).to_rfc3339(), "2028-01-16T16:00:00Z");
        assert_eq!(plain.plus_years(-3).to_rfc3339(), "2023-01-16T16:00:00Z");
    }

    #[test]
    fn whole_days_round_down() {
        let now = Timestamp::parse("2026-01-01T12:00:00Z").unwrap();
        assert_eq!(now.whole_days_until(now.plus_days(730)), 730);
        assert_eq!(now.whole_days_until(now.plus_seconds(86_399)), 0);
        assert_eq!(now.whole_days_until(now.plus_seconds(-1)), -1);
        assert_eq!(now.whole_days_until(now.plus_days(-2)), -2);
    }

    #[test]
    fn human_forms() {
        let t = Timestamp::parse("2028-01-15T10:30:00Z").unwrap();
        assert_eq!(t.to_human_date(), "15 Jan 2028");
        assert_eq!(t.to_ymd(), "2028-01-15");
        assert_eq!(relative_days(730), "in 730 days");
        assert_eq!(relative_days(-3), "3 days ago");
        assert_eq!(relative_days(0), "today");
    }

    #[test]
    fn civil_round_trip_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let date = civil_from_days(days);
            assert_eq!(days_from_civil(date.year, date.month, date.day), days);
        }
    }
}
