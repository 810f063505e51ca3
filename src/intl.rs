//! Dates, day counts, numbers and money in the reader's language, by the browser's `Intl`:
//! `$1,299.00` and `1 299,00 $`, `15 Jan 2028` and `15.1.2028`, `in 3 days` and `3 päivän
//! päästä`. Amounts stay integer cents until this last step. Each formatter is made once per
//! language and kept: the table formats thousands of dates.
//!
//! Native builds (`cargo test` of the logic) have no `Intl`: there the English forms of the
//! `vps-contract` crate stand in, whatever the language.

use crate::i18n::Lang;
use vps_contract::money::Cents;
use vps_contract::Timestamp;

/// `$1,299.00` / `1 299,00 $`: US dollars in either language.
pub fn money(lang: Lang, amount: Cents) -> String {
    imp::money(lang, amount)
}

/// `10,000` / `10 000`.
pub fn number(lang: Lang, n: i64) -> String {
    imp::number(lang, n)
}

/// Whether `count` takes a message's singular form in `lang` (CLDR's plural category "one",
/// by the browser's `Intl.PluralRules`).
pub fn is_one(lang: Lang, count: i64) -> bool {
    imp::is_one(lang, count)
}

/// `15 Jan 2028` / `15.1.2028`: the date in UTC, as the provider keeps it.
pub fn date(lang: Lang, at: Timestamp) -> String {
    imp::date(lang, at)
}

/// `March 2027` / `maaliskuu 2027`: a month of the year ahead (any moment in it).
pub fn month_year(lang: Lang, at: Timestamp) -> String {
    imp::month(lang, at, "long")
}

/// `Mar` / `maalis`: a month's short name, under a bar of a chart.
pub fn month_short(lang: Lang, at: Timestamp) -> String {
    imp::month(lang, at, "short")
}

/// `M` / `M`: a month's initial, under a bar of a chart on a phone.
pub fn month_narrow(lang: Lang, at: Timestamp) -> String {
    imp::month(lang, at, "narrow")
}

/// `today`, `tomorrow`, `in 730 days`, `3 days ago` / `tänään`, `huomenna`, `730 päivän
/// päästä`, `3 päivää sitten`.
pub fn relative_days(lang: Lang, days: i64) -> String {
    imp::relative_days(lang, days)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use js_sys::{Array, Date, Function, Intl, Object, Reflect};
    use std::cell::RefCell;
    use wasm_bindgen::JsValue;

    #[derive(Clone, Copy, PartialEq)]
    enum Style {
        Money,
        Number,
        Date,
        MonthYear,
        /// The month alone, `short` or `narrow`.
        Month(&'static str),
        RelativeDays,
        Plural,
    }

    thread_local! {
        static MADE: RefCell<Vec<(Lang, Style, Function)>> = const { RefCell::new(Vec::new()) };
    }

    /// The locale `Intl` formats for: British English writes the day before the month, as
    /// this app always has.
    fn locale(lang: Lang) -> Array {
        Array::of1(&JsValue::from_str(match lang {
            Lang::En => "en-GB",
            Lang::Fi => "fi-FI",
        }))
    }

    fn options(pairs: &[(&str, &str)]) -> Object {
        let options = Object::new();
        for (key, value) in pairs {
            let _ = Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        options
    }

    /// The formatter's bound `format`.
    fn formatter(lang: Lang, style: Style) -> Function {
        MADE.with(|made| {
            if let Some((_, _, format)) = made.borrow().iter().find(|(l, s, _)| *l == lang && *s == style) {
                return format.clone();
            }
            let format = match style {
                Style::Money => Intl::NumberFormat::new(
                    &locale(lang),
                    &options(&[
                        ("style", "currency"),
                        ("currency", "USD"),
                        ("currencyDisplay", "narrowSymbol"),
                    ]),
                )
                .format(),
                Style::Number => Intl::NumberFormat::new(&locale(lang), &Object::new()).format(),
                Style::Date => {
                    Intl::DateTimeFormat::new(&locale(lang), &options(&[("dateStyle", "medium"), ("timeZone", "UTC")]))
                        .format()
                }
                Style::MonthYear => Intl::DateTimeFormat::new(
                    &locale(lang),
                    &options(&[("month", "long"), ("year", "numeric"), ("timeZone", "UTC")]),
                )
                .format(),
                Style::Month(width) => {
                    Intl::DateTimeFormat::new(&locale(lang), &options(&[("month", width), ("timeZone", "UTC")]))
                        .format()
                }
                Style::Plural => {
                    let rules = Intl::PluralRules::new(&locale(lang), &Object::new());
                    let select: Function = Reflect::get(&rules, &JsValue::from_str("select"))
                        .map(Function::from)
                        .unwrap_or_else(|_| Function::new_no_args(""));
                    select.bind0(&rules)
                }
                Style::RelativeDays => {
                    let relative = Intl::RelativeTimeFormat::new(&locale(lang), &options(&[("numeric", "auto")]));
                    // A method, not a bound getter: bound here, called with the unit.
                    let format: Function = Reflect::get(&relative, &JsValue::from_str("format"))
                        .map(Function::from)
                        .unwrap_or_else(|_| Function::new_no_args(""));
                    format.bind0(&relative)
                }
            };
            made.borrow_mut().push((lang, style, format.clone()));
            format
        })
    }

    fn call(lang: Lang, style: Style, value: &JsValue) -> String {
        text(formatter(lang, style).call1(&JsValue::UNDEFINED, value))
    }

    fn text(result: Result<JsValue, JsValue>) -> String {
        result.ok().and_then(|text| text.as_string()).unwrap_or_default()
    }

    fn js_date(at: Timestamp) -> JsValue {
        Date::new(&JsValue::from_f64(at.0 as f64 * 1000.0)).into()
    }

    pub fn money(lang: Lang, amount: Cents) -> String {
        call(lang, Style::Money, &JsValue::from_f64(amount.0 as f64 / 100.0))
    }

    pub fn number(lang: Lang, n: i64) -> String {
        call(lang, Style::Number, &JsValue::from_f64(n as f64))
    }

    pub fn is_one(lang: Lang, count: i64) -> bool {
        call(lang, Style::Plural, &JsValue::from_f64(count as f64)) == "one"
    }

    pub fn date(lang: Lang, at: Timestamp) -> String {
        call(lang, Style::Date, &js_date(at))
    }

    pub fn month(lang: Lang, at: Timestamp, width: &'static str) -> String {
        let style = if width == "long" {
            Style::MonthYear
        } else {
            Style::Month(width)
        };
        call(lang, style, &js_date(at))
    }

    pub fn relative_days(lang: Lang, days: i64) -> String {
        let format = formatter(lang, Style::RelativeDays);
        text(format.call2(
            &JsValue::UNDEFINED,
            &JsValue::from_f64(days as f64),
            &JsValue::from_str("day"),
        ))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;
    use vps_contract::money::group_thousands;

    /// English's and Finnish's rule (CLDR: `i = 1 and v = 0`): the two the app speaks.
    pub fn is_one(_: Lang, count: i64) -> bool {
        count == 1
    }

    pub fn money(_: Lang, amount: Cents) -> String {
        amount.to_string()
    }

    pub fn number(_: Lang, n: i64) -> String {
        let grouped = group_thousands(n.unsigned_abs());
        if n < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }

    pub fn date(_: Lang, at: Timestamp) -> String {
        at.to_human_date()
    }

    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];

    pub fn month(_: Lang, at: Timestamp, width: &str) -> String {
        let date = at.date();
        let name = MONTHS[(date.month.clamp(1, 12) - 1) as usize];
        match width {
            "long" => format!("{name} {}", date.year),
            "short" => name[..3].to_string(),
            _ => name[..1].to_string(),
        }
    }

    pub fn relative_days(_: Lang, days: i64) -> String {
        vps_contract::time::relative_days(days)
    }
}
