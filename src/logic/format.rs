//! How long ago, and a setting's state, in a word of the reader's language (the exports ask
//! for English: CSV and iCalendar files are data, the same whichever language the app speaks).

use crate::i18n::Lang;
use crate::intl;
use vps_contract::money::group_thousands;
use vps_contract::DnsManager;

/// Lower-cases what a person typed (a search, a confirmation phrase). In the browser, by the
/// browser: it has the Unicode tables already, and Rust's would add 7 KB to the download.
pub fn fold_case(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(text).to_lower_case());
    #[cfg(not(target_arch = "wasm32"))]
    return text.to_lowercase();
}

/// "just now", "12 s ago", "3 min ago", "2 h ago" / "juuri nyt", "12 s sitten", "3 min
/// sitten", "2 h sitten".
pub fn ago(lang: Lang, elapsed_ms: f64) -> String {
    let seconds = (elapsed_ms / 1000.0).max(0.0) as i64;
    match seconds {
        0..=4 => lang.domains_ago_now().to_string(),
        5..=59 => lang.domains_ago_seconds(seconds),
        60..=3599 => lang.domains_ago_minutes(seconds / 60),
        _ => lang.domains_ago_hours(intl::number(lang, seconds / 3600)),
    }
}

/// A count in the reader's language: `1,000` / `1 000`.
pub fn counted(lang: Lang, n: usize) -> String {
    intl::number(lang, n as i64)
}

/// `10,000`.
pub fn group_digits(n: usize) -> String {
    group_thousands(n as u64)
}

/// A setting's state: `On` or `Off` / `Päällä` or `Pois`.
pub fn on_off(lang: Lang, on: bool) -> &'static str {
    if on {
        lang.state_on()
    } else {
        lang.state_off()
    }
}

/// Who answers for a domain's DNS, in a word (the table): `VPS.org` or `External`.
pub fn dns_word(lang: Lang, manager: &DnsManager) -> &'static str {
    match manager {
        DnsManager::VpsOrg => lang.dns_vps_org(),
        _ => lang.dns_external(),
    }
}

/// The registrar lock's state: `Locked` or `Unlocked` / `Lukittu` or `Lukitsematon`.
pub fn lock_state(lang: Lang, locked: bool) -> &'static str {
    if locked {
        lang.lock_locked()
    } else {
        lang.lock_unlocked()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_forms() {
        assert_eq!(ago(Lang::En, 1_000.0), "just now");
        assert_eq!(ago(Lang::En, 12_400.0), "12 s ago");
        assert_eq!(ago(Lang::En, 185_000.0), "3 min ago");
        assert_eq!(ago(Lang::En, 7_300_000.0), "2 h ago");
        assert_eq!(ago(Lang::Fi, -50.0), "juuri nyt");
        assert_eq!(ago(Lang::Fi, 185_000.0), "3 min sitten");
        assert_eq!(group_digits(10_000), "10,000");
        assert_eq!(
            (on_off(Lang::En, true), lock_state(Lang::En, false)),
            ("On", "Unlocked")
        );
        assert_eq!(
            (on_off(Lang::Fi, false), lock_state(Lang::Fi, true)),
            ("Pois", "Lukittu")
        );
    }
}
