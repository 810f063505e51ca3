//! IDNA2008 (RFC 5891–5893), what registries apply: stricter than UTS #46, which lets symbols,
//! emoji and punctuation through for compatibility (its NV8 characters: `💩`, `☃`). Applied to
//! each label's Unicode form after UTS #46 has mapped, normalised and checked hyphens, bidi and
//! joiners (CONTEXTJ). Native only: the idna crate no longer has IDNA2008's tables, so they are
//! derived here from ICU4X's Unicode properties as RFC 5892 derives them.

use crate::name::NameError;
use icu_properties::props::{
    BidiClass, DefaultIgnorableCodePoint, GeneralCategory, HangulSyllableType, NoncharacterCodePoint, Script,
    WhiteSpace,
};
use icu_properties::{CodePointMapData, CodePointSetData};

/// The first character of `label` that IDNA2008 disallows, or whose context rule fails.
/// CheckHyphens too, on the Unicode form (the ASCII form of `ↄ-` does not end with a hyphen).
pub(crate) fn check_label(label: &str) -> Result<(), NameError> {
    let chars: Vec<char> = label.chars().collect();
    if chars.first() == Some(&'-') || chars.last() == Some(&'-') {
        return Err(NameError::HyphenAtEdge(label.to_string()));
    }
    if chars.get(2..4) == Some(&['-', '-']) {
        return Err(NameError::HyphensInThirdAndFourth(label.to_string()));
    }
    for (index, &c) in chars.iter().enumerate() {
        match property(c) {
            // CONTEXTJ (the joiners) is UTS #46's CheckJoiners, already applied.
            Property::Valid | Property::ContextJ => {}
            Property::ContextO if context_rule_holds(&chars, index) => {}
            Property::ContextO => return Err(NameError::ContextRule(c)),
            Property::Disallowed => return Err(NameError::NotInIdna2008(c)),
        }
    }
    Ok(())
}

/// Whether a label holds a right-to-left letter: where a bidi failure would lie.
pub(crate) fn has_right_to_left(label: &str) -> bool {
    let bidi = CodePointMapData::<BidiClass>::new();
    label
        .chars()
        .any(|c| matches!(bidi.get(c), BidiClass::RightToLeft | BidiClass::ArabicLetter))
}

enum Property {
    Valid,
    ContextJ,
    ContextO,
    Disallowed,
}

/// RFC 5892 section 3, in its order. UTS #46 has mapped the character already, so it is its own
/// NFKC_Casefold (rule B, Unstable, holds) and assigned (rule J).
fn property(c: char) -> Property {
    match c {
        // F: the exceptions.
        '\u{00DF}' | '\u{03C2}' | '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => return Property::Valid,
        '\u{00B7}'
        | '\u{0375}'
        | '\u{05F3}'
        | '\u{05F4}'
        | '\u{30FB}'
        | '\u{0660}'..='\u{0669}'
        | '\u{06F0}'..='\u{06F9}' => return Property::ContextO,
        '\u{0640}' | '\u{07FA}' | '\u{302E}' | '\u{302F}' | '\u{3031}'..='\u{3035}' | '\u{303B}' => {
            return Property::Disallowed
        }
        // K: LDH; H: the join controls.
        'a'..='z' | '0'..='9' | '-' => return Property::Valid,
        '\u{200C}' | '\u{200D}' => return Property::ContextJ,
        _ => {}
    }
    // C: ignorable properties; D: ignorable blocks; I: old Hangul jamo.
    let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || CodePointSetData::new::<WhiteSpace>().contains(c)
        || CodePointSetData::new::<NoncharacterCodePoint>().contains(c);
    let ignorable_block = matches!(c, '\u{20D0}'..='\u{20FF}' | '\u{1D100}'..='\u{1D1FF}' | '\u{1D200}'..='\u{1D24F}');
    let old_jamo = matches!(
        CodePointMapData::<HangulSyllableType>::new().get(c),
        HangulSyllableType::LeadingJamo | HangulSyllableType::VowelJamo | HangulSyllableType::TrailingJamo
    );
    if ignorable || ignorable_block || old_jamo {
        return Property::Disallowed;
    }
    // A: letters, marks and decimal digits.
    match CodePointMapData::<GeneralCategory>::new().get(c) {
        GeneralCategory::LowercaseLetter
        | GeneralCategory::UppercaseLetter
        | GeneralCategory::OtherLetter
        | GeneralCategory::ModifierLetter
        | GeneralCategory::NonspacingMark
        | GeneralCategory::SpacingMark
        | GeneralCategory::DecimalNumber => Property::Valid,
        _ => Property::Disallowed,
    }
}

/// RFC 5892 appendix A, the CONTEXTO rules.
fn context_rule_holds(chars: &[char], index: usize) -> bool {
    let script = CodePointMapData::<Script>::new();
    let before = index.checked_sub(1).and_then(|i| chars.get(i)).copied();
    let after = chars.get(index + 1).copied();
    match chars[index] {
        // MIDDLE DOT, between two l's (Catalan).
        '\u{00B7}' => before == Some('l') && after == Some('l'),
        // GREEK LOWER NUMERAL SIGN (KERAIA), before a Greek character.
        '\u{0375}' => after.is_some_and(|c| script.get(c) == Script::Greek),
        // HEBREW PUNCTUATION GERESH and GERSHAYIM, after a Hebrew character.
        '\u{05F3}' | '\u{05F4}' => before.is_some_and(|c| script.get(c) == Script::Hebrew),
        // KATAKANA MIDDLE DOT, in a label with Hiragana, Katakana or Han.
        '\u{30FB}' => chars
            .iter()
            .any(|&c| matches!(script.get(c), Script::Hiragana | Script::Katakana | Script::Han)),
        // The two sets of Arabic-Indic digits are never mixed.
        '\u{0660}'..='\u{0669}' => !chars.iter().any(|c| ('\u{06F0}'..='\u{06F9}').contains(c)),
        '\u{06F0}'..='\u{06F9}' => !chars.iter().any(|c| ('\u{0660}'..='\u{0669}').contains(c)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_marks_and_digits_of_any_script_only() {
        for label in [
            "bücher",
            "münchen",
            "faß",
            "日本語",
            "пример",
            "αβγ",
            "한국",
            "कखग",
            "אב",
            "مثال",
        ] {
            assert_eq!(check_label(label), Ok(()), "{label}");
        }
        for (label, bad) in [("💩", '💩'), ("☃", '☃'), ("a€b", '€'), ("a‐b", '‐'), ("xـy", 'ـ')] {
            assert_eq!(check_label(label), Err(NameError::NotInIdna2008(bad)), "{label}");
        }
    }

    #[test]
    fn context_rules() {
        assert_eq!(check_label("l·l"), Ok(()));
        assert_eq!(check_label("a·b"), Err(NameError::ContextRule('·')));
        assert_eq!(check_label("カ・カ"), Ok(()));
        assert_eq!(check_label("a・b"), Err(NameError::ContextRule('・')));
        assert_eq!(check_label("\u{0661}\u{0662}"), Ok(()));
        assert_eq!(check_label("\u{0661}\u{06F2}"), Err(NameError::ContextRule('\u{0661}')));
        assert_eq!(check_label("\u{05D0}\u{05F3}"), Ok(()));
        assert_eq!(check_label("\u{05F3}a"), Err(NameError::ContextRule('\u{05F3}')));
    }
}
