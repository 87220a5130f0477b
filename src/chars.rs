//! Invisible and look-alike characters, named so an author can find what the screen hides.
//!
//! Text copied from web pages, word processors and PDFs brings zero-width spaces, no-break
//! spaces and letters of other scripts that look like Latin ones. In a heading, a key or an id
//! they make `Situation` differ from `Situation` with nothing to see, so messages name them.
//! Folding (case, accents, ligatures) lives here too: search and tags both compare words so.

use unicode_normalization::UnicodeNormalization;

/// The name of an invisible or look-alike character, and the ASCII it passes for (if any).
fn describe(c: char) -> Option<(&'static str, Option<&'static str>)> {
    Some(match c {
        '\u{00A0}' => ("NO-BREAK SPACE", Some(" ")),
        '\u{00AD}' => ("SOFT HYPHEN", None),
        '\u{034F}' => ("COMBINING GRAPHEME JOINER", None),
        '\u{061C}' => ("ARABIC LETTER MARK", None),
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => ("HANGUL FILLER", None),
        '\u{180E}' => ("MONGOLIAN VOWEL SEPARATOR", None),
        '\u{2000}'..='\u{200A}' => ("SPACE of a special width", Some(" ")),
        '\u{200B}' => ("ZERO WIDTH SPACE", None),
        '\u{200C}' => ("ZERO WIDTH NON-JOINER", None),
        '\u{200D}' => ("ZERO WIDTH JOINER", None),
        '\u{200E}' => ("LEFT-TO-RIGHT MARK", None),
        '\u{200F}' => ("RIGHT-TO-LEFT MARK", None),
        '\u{2010}' => ("HYPHEN", Some("-")),
        '\u{2011}' => ("NON-BREAKING HYPHEN", Some("-")),
        '\u{2012}' => ("FIGURE DASH", Some("-")),
        '\u{2013}' => ("EN DASH", Some("-")),
        '\u{2014}' => ("EM DASH", Some("-")),
        '\u{2018}' | '\u{2019}' => ("CURLY QUOTATION MARK", Some("'")),
        '\u{201C}' | '\u{201D}' => ("CURLY QUOTATION MARK", Some("\"")),
        '\u{2028}' => ("LINE SEPARATOR", None),
        '\u{2029}' => ("PARAGRAPH SEPARATOR", None),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => ("BIDIRECTIONAL CONTROL", None),
        '\u{202F}' => ("NARROW NO-BREAK SPACE", Some(" ")),
        '\u{205F}' => ("MEDIUM MATHEMATICAL SPACE", Some(" ")),
        '\u{2060}' => ("WORD JOINER", None),
        '\u{2061}'..='\u{2064}' => ("INVISIBLE MATHEMATICAL OPERATOR", None),
        '\u{2212}' => ("MINUS SIGN", Some("-")),
        '\u{3000}' => ("IDEOGRAPHIC SPACE", Some(" ")),
        '\u{FE0F}' | '\u{FE0E}' => ("VARIATION SELECTOR", None),
        '\u{FEFF}' => ("ZERO WIDTH NO-BREAK SPACE (byte-order mark)", None),
        '\u{FF1A}' => ("FULLWIDTH COLON", Some(":")),
        '\u{FF0D}' => ("FULLWIDTH HYPHEN-MINUS", Some("-")),
        '\u{FF3F}' => ("FULLWIDTH LOW LINE", Some("_")),
        // Cyrillic and Greek letters drawn like Latin ones.
        '\u{0430}' => ("CYRILLIC SMALL LETTER A", Some("a")),
        '\u{0435}' => ("CYRILLIC SMALL LETTER IE", Some("e")),
        '\u{043E}' => ("CYRILLIC SMALL LETTER O", Some("o")),
        '\u{0440}' => ("CYRILLIC SMALL LETTER ER", Some("p")),
        '\u{0441}' => ("CYRILLIC SMALL LETTER ES", Some("c")),
        '\u{0443}' => ("CYRILLIC SMALL LETTER U", Some("y")),
        '\u{0445}' => ("CYRILLIC SMALL LETTER HA", Some("x")),
        '\u{0456}' => ("CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", Some("i")),
        '\u{0455}' => ("CYRILLIC SMALL LETTER DZE", Some("s")),
        '\u{0410}' => ("CYRILLIC CAPITAL LETTER A", Some("A")),
        '\u{0412}' => ("CYRILLIC CAPITAL LETTER VE", Some("B")),
        '\u{0415}' => ("CYRILLIC CAPITAL LETTER IE", Some("E")),
        '\u{041A}' => ("CYRILLIC CAPITAL LETTER KA", Some("K")),
        '\u{041C}' => ("CYRILLIC CAPITAL LETTER EM", Some("M")),
        '\u{041D}' => ("CYRILLIC CAPITAL LETTER EN", Some("H")),
        '\u{041E}' => ("CYRILLIC CAPITAL LETTER O", Some("O")),
        '\u{0420}' => ("CYRILLIC CAPITAL LETTER ER", Some("P")),
        '\u{0421}' => ("CYRILLIC CAPITAL LETTER ES", Some("C")),
        '\u{0422}' => ("CYRILLIC CAPITAL LETTER TE", Some("T")),
        '\u{0425}' => ("CYRILLIC CAPITAL LETTER HA", Some("X")),
        '\u{03BF}' => ("GREEK SMALL LETTER OMICRON", Some("o")),
        '\u{0391}' => ("GREEK CAPITAL LETTER ALPHA", Some("A")),
        '\u{0392}' => ("GREEK CAPITAL LETTER BETA", Some("B")),
        '\u{0395}' => ("GREEK CAPITAL LETTER EPSILON", Some("E")),
        '\u{0397}' => ("GREEK CAPITAL LETTER ETA", Some("H")),
        '\u{0399}' => ("GREEK CAPITAL LETTER IOTA", Some("I")),
        '\u{039A}' => ("GREEK CAPITAL LETTER KAPPA", Some("K")),
        '\u{039C}' => ("GREEK CAPITAL LETTER MU", Some("M")),
        '\u{039D}' => ("GREEK CAPITAL LETTER NU", Some("N")),
        '\u{039F}' => ("GREEK CAPITAL LETTER OMICRON", Some("O")),
        '\u{03A1}' => ("GREEK CAPITAL LETTER RHO", Some("P")),
        '\u{03A4}' => ("GREEK CAPITAL LETTER TAU", Some("T")),
        '\u{03A7}' => ("GREEK CAPITAL LETTER CHI", Some("X")),
        _ => return None,
    })
}

/// True if `c` is worth naming in `text`. A look-alike letter counts only among Latin
/// letters (a word in Cyrillic or Greek is the author's language, not a slip). Typographic
/// spaces, dashes and quotes count only where `strict` (keys, ids, names compared with ASCII
/// words); in prose headings they are good typography.
fn suspicious(text: &str, c: char, looks: Option<&str>, strict: bool) -> bool {
    if c.is_alphabetic() {
        return text.chars().any(|l| l.is_ascii_alphabetic());
    }
    strict || looks.is_none()
}

/// Names the first invisible or look-alike character of `text` and where it stands, e.g.
/// `U+200B ZERO WIDTH SPACE after "Situation"`; `None` when the text has none. With
/// `strict`, typographic spaces, dashes and quotes are named too.
pub fn name_hidden(text: &str, strict: bool) -> Option<String> {
    let at = text.char_indices().find_map(|(i, c)| {
        describe(c)
            .filter(|&(_, looks)| suspicious(text, c, looks, strict))
            .map(|_| i)
    })?;
    name_at(text, at)
}

/// True if `c` hides in prose, between `before` and `after`: it changes what search and
/// copying find with nothing to see, and has no typographic use there. Characters that do
/// have one are left alone: no-break and narrow spaces (French punctuation), soft hyphens
/// (hyphenation hints), direction marks (right-to-left text) and variation selectors
/// (emoji). Joiners count only between Latin letters or spaces; in emoji sequences and in
/// Persian or Indic words they join on purpose.
pub fn hides_in_prose(c: char, before: Option<char>, after: Option<char>) -> bool {
    let latin = |n: Option<char>| n.is_none_or(|n| (n as u32) < 0x250);
    match c {
        '\u{200C}' | '\u{200D}' => latin(before) && latin(after),
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' | '\u{2028}' | '\u{2029}' => true,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2061}'..='\u{2064}' => true,
        _ => false,
    }
}

/// Names the character at byte `at` of `text` and what stands next to it, e.g.
/// `U+200B ZERO WIDTH SPACE after "Situation"`; `None` if it is not one [`describe`] knows.
pub fn name_at(text: &str, at: usize) -> Option<String> {
    let c = text[at..].chars().next()?;
    let (name, looks) = describe(c)?;
    let what = match looks {
        Some(l) if c.is_alphabetic() || l != " " => {
            format!("U+{:04X} {name} (it looks like `{l}`)", c as u32)
        }
        _ => format!("U+{:04X} {name}", c as u32),
    };
    let before: Vec<char> = text[..at].chars().rev().take(40).collect();
    let before: String = before.into_iter().rev().collect();
    let after: String = text[at + c.len_utf8()..].chars().take(40).collect();
    Some(if !before.trim().is_empty() {
        format!("{what} after \"{}\"", before.trim_start())
    } else if !after.trim().is_empty() {
        format!("{what} before \"{}\"", after.trim_end())
    } else {
        what
    })
}

/// `text` as a reader sees it: look-alike characters replaced by what they pass for, and
/// invisible ones removed, to find what the author meant.
pub fn as_seen(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match describe(c) {
            Some((_, Some(looks))) => out.push_str(looks),
            Some((_, None)) => {}
            None => out.push(c),
        }
    }
    out
}

/// The runs of letters and digits of `chars` joined by one `-` each, with each letter or digit
/// written by `push`: the shape of every slug (heading ids, tags, the practice storage key),
/// which differ only in how a character is written.
pub fn dashed(
    chars: impl Iterator<Item = char>,
    mut push: impl FnMut(char, &mut String),
) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in chars {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            push(c, &mut out);
        } else {
            dash = true;
        }
    }
    out
}

/// Appends the folded form of `c` to `out`: lowercase, accents and ligatures taken apart, as
/// search matches words and tags are told apart.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let stripped: String = std::iter::once(c)
        .nfkd()
        .filter(|d| !('\u{300}'..='\u{36f}').contains(d))
        .collect();
    for d in stripped.to_lowercase().nfc() {
        match d {
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ł' => out.push('l'),
            'ħ' => out.push('h'),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            'ς' => out.push('σ'),
            d => out.push(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_invisible_and_lookalike_characters() {
        assert_eq!(
            name_hidden("Situation\u{200B}", false).as_deref(),
            Some("U+200B ZERO WIDTH SPACE after \"Situation\"")
        );
        assert_eq!(
            name_hidden("\u{FEFF}title", true).as_deref(),
            Some("U+FEFF ZERO WIDTH NO-BREAK SPACE (byte-order mark) before \"title\"")
        );
        assert_eq!(
            name_hidden("Situ\u{0430}tion", false).as_deref(),
            Some("U+0430 CYRILLIC SMALL LETTER A (it looks like `a`) after \"Situ\"")
        );
        assert_eq!(name_hidden("Situation", true), None);
        // Typography in prose is named only where text is compared with ASCII words.
        assert_eq!(name_hidden("Pourquoi\u{00A0}? Ünïcode — déjà", false), None);
        assert_eq!(
            name_hidden("follow\u{2010}ups", true).as_deref(),
            Some("U+2010 HYPHEN (it looks like `-`) after \"follow\"")
        );
        assert_eq!(as_seen("Situ\u{0430}tion\u{200B}"), "Situation");
        // A whole word in Cyrillic is a language, not a slip.
        assert_eq!(name_hidden("Ситуация", true), None);
    }

    #[test]
    fn prose_keeps_typography_and_loses_what_hides() {
        for c in ['\u{200B}', '\u{2060}', '\u{FEFF}', '\u{202E}', '\u{2066}'] {
            assert!(hides_in_prose(c, Some('a'), Some('b')), "{c:?}");
        }
        for c in [
            '\u{00A0}', '\u{202F}', '\u{00AD}', '\u{200F}', '\u{FE0F}', 'é',
        ] {
            assert!(!hides_in_prose(c, Some('a'), Some('b')), "{c:?}");
        }
        // Joiners join emoji and Persian letters on purpose, not Latin ones.
        assert!(hides_in_prose('\u{200D}', Some('e'), Some('x')));
        assert!(hides_in_prose('\u{200C}', None, Some(' ')));
        assert!(!hides_in_prose(
            '\u{200D}',
            Some('\u{1F469}'),
            Some('\u{1F4BB}')
        ));
        assert!(!hides_in_prose(
            '\u{200C}',
            Some('\u{0645}'),
            Some('\u{06CC}')
        ));
        assert_eq!(
            name_at("see the re\u{200B}sult", 10).as_deref(),
            Some("U+200B ZERO WIDTH SPACE after \"see the re\"")
        );
    }
}
