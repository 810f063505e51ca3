//! Internationalised names in the browser: `vps-contract`'s name rules, with the browser doing
//! the Unicode work: its URL parser's UTS #46 (non-transitional, like the `idna` crate) maps
//! names, and its regular expressions' Unicode properties give IDNA2008's classes. The same
//! answers as the sandbox's, in the same words, without shipping ~45 KB of compressed Unicode
//! tables.

/// UTS #46 to-ASCII of a name, by the browser: `faß.com` → `xn--fa-hia.com`.
#[cfg(target_arch = "wasm32")]
fn browser_to_ascii(name: &str) -> Option<String> {
    let url = web_sys::Url::new(&format!("http://{name}/")).ok()?;
    let host = url.hostname();
    // The parser percent-encodes what it cannot map, and reads some names as IPv4 addresses:
    // neither is the name that was typed.
    let mapped = !host.contains('%') && !host.is_empty();
    mapped.then_some(host)
}

/// Makes `vps-contract`'s name rules use the browser's Unicode data. Called once at start-up.
pub fn install() {
    #[cfg(target_arch = "wasm32")]
    {
        vps_contract::name::set_uts46(browser_to_ascii);
        vps_contract::name::set_idna2008(vps_contract::name::Idna2008 {
            check_label: idna2008::check_label,
            has_right_to_left: idna2008::has_right_to_left,
        });
    }
}

/// IDNA2008 (RFC 5892) on one label's Unicode form, after UTS #46 has mapped it: the sandbox
/// derives the classes from ICU4X's properties, this from the browser's.
#[cfg(target_arch = "wasm32")]
mod idna2008 {
    use js_sys::RegExp;
    use std::thread::LocalKey;
    use vps_contract::NameError;

    // Compiled once: the name is checked at every keystroke, each character against these.
    thread_local! {
        static LETTER_DIGITS: RegExp = RegExp::new(r"^[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]$", "u");
        static GREEK: RegExp = RegExp::new(r"^\p{Script=Greek}$", "u");
        static HEBREW: RegExp = RegExp::new(r"^\p{Script=Hebrew}$", "u");
        static KANA_OR_HAN: RegExp = RegExp::new(r"^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$", "u");
        static RIGHT_TO_LEFT: RegExp = RegExp::new(
            r"[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]",
            "u",
        );
    }

    /// Whether `c` is in the class `pattern` holds.
    fn is(c: char, pattern: &'static LocalKey<RegExp>) -> bool {
        let mut buffer = [0u8; 4];
        pattern.with(|pattern| pattern.test(c.encode_utf8(&mut buffer)))
    }

    /// RFC 5892's LetterDigits (Ll Lu Lo Nd Lm Mn Mc), with its exceptions (section 2.6).
    fn valid(c: char) -> bool {
        match c {
            '-' | '\u{00DF}' | '\u{03C2}' | '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => true,
            '\u{0640}' | '\u{07FA}' | '\u{302E}' | '\u{302F}' | '\u{3031}'..='\u{3035}' | '\u{303B}' => false,
            _ => is(c, &LETTER_DIGITS),
        }
    }

    /// The first character IDNA2008 disallows, or whose context rule fails; hyphens checked on
    /// the Unicode form too, as the sandbox does.
    pub fn check_label(label: &str) -> Result<(), NameError> {
        let chars: Vec<char> = label.chars().collect();
        if chars.first() == Some(&'-') || chars.last() == Some(&'-') {
            return Err(NameError::HyphenAtEdge(label.to_string()));
        }
        if chars.get(2..4) == Some(&['-', '-']) {
            return Err(NameError::HyphensInThirdAndFourth(label.to_string()));
        }
        let kana_or_han_in_label = || chars.iter().any(|&c| c != '\u{30FB}' && is(c, &KANA_OR_HAN));
        for (index, &c) in chars.iter().enumerate() {
            let before = index.checked_sub(1).and_then(|i| chars.get(i)).copied();
            let after = chars.get(index + 1).copied();
            let context_holds = match c {
                '\u{00B7}' => before == Some('l') && after == Some('l'),
                '\u{0375}' => after.is_some_and(|next| is(next, &GREEK)),
                '\u{05F3}' | '\u{05F4}' => before.is_some_and(|previous| is(previous, &HEBREW)),
                '\u{30FB}' => kana_or_han_in_label(),
                '\u{0660}'..='\u{0669}' => !chars.iter().any(|d| ('\u{06F0}'..='\u{06F9}').contains(d)),
                '\u{06F0}'..='\u{06F9}' => !chars.iter().any(|d| ('\u{0660}'..='\u{0669}').contains(d)),
                _ if valid(c) => continue,
                _ => return Err(NameError::NotInIdna2008(c)),
            };
            if !context_holds {
                return Err(NameError::ContextRule(c));
            }
        }
        Ok(())
    }

    /// Whether a label holds a letter of a right-to-left script.
    pub fn has_right_to_left(label: &str) -> bool {
        RIGHT_TO_LEFT.with(|pattern| pattern.test(label))
    }
}
