//! What makes two EPUBs of the same handbook byte-identical: an identifier derived from the
//! handbook instead of a random one, a modification date taken from the sources instead of the
//! clock, and a ZIP archive whose entries carry no time of their own.

use std::io::Cursor;

use zip::{DateTime, ZipArchive, ZipWriter};

use crate::config::Config;

/// A stable identifier: the same handbook (title, language, authors, address) always gets
/// the same one, and another handbook gets another.
pub fn identifier(config: &Config) -> uuid::Uuid {
    let mut text = format!("{}\u{0}{}", config.title, config.language);
    for a in &config.authors {
        text.push('\u{0}');
        text.push_str(a);
    }
    if let Some(url) = &config.site_url {
        text.push('\u{0}');
        text.push_str(url);
    }
    // Two 64-bit FNV-1a hashes with different offsets: stable across platforms and releases,
    // unlike the standard library's hasher.
    let fnv = |offset: u64| {
        text.bytes().fold(offset, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&fnv(0xcbf2_9ce4_8422_2325).to_be_bytes());
    bytes[8..].copy_from_slice(&fnv(0x6c62_272e_07bb_0142).to_be_bytes());
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The same archive with every entry's time set to 1980-01-01 (the earliest ZIP can say),
/// copied as it is otherwise (order, compression, the stored `mimetype` first).
pub fn without_times(archive: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut from = ZipArchive::new(Cursor::new(archive))?;
    let mut to = ZipWriter::new(Cursor::new(Vec::with_capacity(archive.len())));
    for i in 0..from.len() {
        let entry = from.by_index_raw(i)?;
        let mode = entry.unix_mode();
        to.raw_copy_file_touch(entry, DateTime::default(), mode)?;
    }
    Ok(to.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identifier_is_stable_and_differs_between_handbooks() {
        let a = Config::parse("[book]\ntitle = \"A\"\n", "book.toml").unwrap();
        let b = Config::parse("[book]\ntitle = \"B\"\n", "book.toml").unwrap();
        assert_eq!(identifier(&a), identifier(&a.clone()));
        assert_ne!(identifier(&a), identifier(&b));
        assert_eq!(identifier(&a).get_version_num(), 8);
    }
}

#[cfg(test)]
mod zip_tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn entries_lose_their_times_and_keep_their_bytes() {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("mimetype", stored).unwrap();
        w.write_all(b"application/epub+zip").unwrap();
        w.start_file("a.xhtml", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(b"<p>text</p>").unwrap();
        let original = w.finish().unwrap().into_inner();
        let fixed = without_times(&original).unwrap();
        let mut z = ZipArchive::new(Cursor::new(&fixed)).unwrap();
        assert_eq!(z.by_index(0).unwrap().name(), "mimetype");
        assert_eq!(
            z.by_index(0).unwrap().compression(),
            zip::CompressionMethod::Stored
        );
        let mut text = String::new();
        std::io::Read::read_to_string(&mut z.by_name("a.xhtml").unwrap(), &mut text).unwrap();
        assert_eq!(text, "<p>text</p>");
        for i in 0..z.len() {
            assert_eq!(
                z.by_index(i).unwrap().last_modified(),
                Some(DateTime::default())
            );
        }
    }
}
