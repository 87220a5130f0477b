//! A PDF's dates from the sources rather than the clock: Chromium stamps each PDF with the
//! time it printed it (`/CreationDate` and `/ModDate`), which alone makes two exports of the
//! same handbook differ. The dates are rewritten in place, at the same length, so every
//! offset of the file's cross-reference table stays right.

/// The keys whose dates are rewritten.
const KEYS: [&[u8]; 2] = [b"/CreationDate (", b"/ModDate ("];

/// Rewrites every `/CreationDate` and `/ModDate` of `pdf` to `when`. A date of an
/// unexpected length is left as it is (the file stays valid; only its date differs).
pub fn set_dates(pdf: &mut [u8], when: chrono::DateTime<chrono::Utc>) {
    let date = format!("D:{}+00'00'", when.format("%Y%m%d%H%M%S"));
    for key in KEYS {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], key) {
            let start = from + at + key.len();
            let Some(len) = pdf[start..].iter().position(|&b| b == b')') else {
                break;
            };
            if len == date.len() && pdf[start..].starts_with(b"D:") {
                pdf[start..start + len].copy_from_slice(date.as_bytes());
            }
            from = start + len;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_dates_take_the_given_time_at_the_same_length() {
        let mut pdf = b"<</Producer (Skia/PDF m156)\n/CreationDate (D:20261129203233+00'00')\n/ModDate (D:20261129203233+01'00')>>\nxref".to_vec();
        let before = pdf.len();
        let when = chrono::DateTime::from_timestamp(0, 0).unwrap();
        set_dates(&mut pdf, when);
        assert_eq!(pdf.len(), before);
        let text = String::from_utf8(pdf).unwrap();
        assert!(
            text.contains("/CreationDate (D:19700101000000+00'00')"),
            "{text}"
        );
        assert!(
            text.contains("/ModDate (D:19700101000000+00'00')"),
            "{text}"
        );
    }

    #[test]
    fn a_date_of_another_length_is_left_alone() {
        let mut pdf = b"/CreationDate (D:2026)".to_vec();
        set_dates(&mut pdf, chrono::DateTime::from_timestamp(0, 0).unwrap());
        assert_eq!(pdf, b"/CreationDate (D:2026)");
    }
}
