//! Web pages: the charset from the byte-order mark, `<meta charset>` or the HTTP-equiv line
//! (windows-1251 and ISO-8859-1 pages are common among ministries), then the main text without
//! navigation and boilerplate through dom_smoothie (a port of Firefox's Readability), entities
//! decoded, blocks as paragraphs; title, byline, date and language as metadata.

use super::{push_paragraph, Extracted, FormatError, Reader};
use dom_smoothie::{Config, Readability, TextMode};

/// Elements parsed at most: a page beyond this is refused rather than read for minutes.
const MAX_ELEMENTS: usize = 200_000;

/// Words a line needs to read as a sentence rather than a menu entry or a link.
const MIN_SENTENCE_WORDS: usize = 6;

/// The web page reader.
pub(super) struct HtmlReader;

impl Reader for HtmlReader {
    fn read(&self, bytes: &[u8], limit: u64) -> Result<Extracted, FormatError> {
        read(bytes, limit)
    }
}

/// Reads a web page.
fn read(bytes: &[u8], _limit: u64) -> Result<Extracted, FormatError> {
    let html = decode(bytes);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut r =
        Readability::new(html.as_str(), None, Some(cfg)).map_err(|e| FormatError::Failed {
            format: "HTML",
            detail: e.to_string(),
        })?;
    // The page's own paragraphs, read before Readability prunes the document.
    let own = sentence_paragraphs(&r);
    let article = match r.parse() {
        Ok(a) => a,
        Err(dom_smoothie::ReadabilityError::TooManyElements(n, _)) => {
            return Err(FormatError::Failed {
                format: "HTML",
                detail: format!("{n} elements, over {MAX_ELEMENTS}"),
            })
        }
        Err(_) => return Err(FormatError::NoMainText),
    };
    let mut out = Extracted::default();
    let title = article.title.trim().to_string();
    // Readability keeps one block of the page; a page of several (the sittings of a
    // parliament's record) loses the others. When it kept under half the words of the page's
    // own sentences, the page's paragraphs are the text.
    let words = |t: &str| t.split_whitespace().count();
    let own_words: usize = own.iter().map(|p| words(p)).sum();
    let whole;
    let body: &str = if own_words > 2 * words(&article.text_content) {
        out.notes.push(format!(
            "Readability kept {} of the {own_words} words of the page's paragraphs: the \
             paragraphs read instead",
            words(&article.text_content)
        ));
        whole = own.join("\n\n");
        &whole
    } else {
        &article.text_content
    };
    // Readability takes the headline out of the text; a statement's title is part of it.
    if !title.is_empty() && !body.trim_start().starts_with(&title) {
        out.mark_place();
        push_paragraph(&mut out.text, &title);
    }
    for (k, para) in body.split("\n\n").enumerate() {
        // A site's trail of links above the page (`Home / Press Service / Statements /`) is
        // navigation Readability kept, not the statement.
        if para.trim().is_empty() || (k < 8 && is_breadcrumb(para)) {
            continue;
        }
        out.mark_place();
        push_paragraph(&mut out.text, para);
    }
    // A menu or a list of links is not a statement: some line must read as a sentence.
    if !body.lines().any(reads_as_sentence) {
        return Err(FormatError::NoMainText);
    }
    out.set_meta("title", &title);
    if let Some(b) = &article.byline {
        out.set_meta("author", b);
    }
    if let Some(d) = &article.published_time {
        out.set_meta("date", d.get(..10).unwrap_or(d));
    }
    if let Some(l) = &article.lang {
        out.set_meta("language", l);
    }
    Ok(out)
}

/// Whether a line has [`MIN_SENTENCE_WORDS`] words or more: a sentence, not a menu entry.
fn reads_as_sentence(line: &str) -> bool {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= MIN_SENTENCE_WORDS
}

/// The text of the page's `<p>` elements that read as sentences, in page order, each on one
/// line (from the document Readability parsed, before it prunes it).
fn sentence_paragraphs(r: &Readability) -> Vec<String> {
    r.doc
        .select("p")
        .iter()
        .map(|p| p.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| reads_as_sentence(t))
        .collect()
}

/// A trail of links (`Home / Press Service / Statements & Speeches /`, `Home › News`): pieces
/// between `/`, `›`, `»`, `>` or `|`, at least two, each of five words at most and none a
/// sentence, led by a home link or with every line ending in a separator.
fn is_breadcrumb(para: &str) -> bool {
    const SEPARATORS: [char; 5] = ['/', '›', '»', '>', '|'];
    let text = para.trim();
    let pieces: Vec<&str> = text
        .split(SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let short = |p: &&str| p.split_whitespace().count() <= 5 && !p.contains(['.', '!', '?', ',']);
    if pieces.len() < 2 || !pieces.iter().all(short) {
        return false;
    }
    let home =
        ["home", "main page", "start", "главная"].contains(&pieces[0].to_lowercase().as_str());
    let trailing = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .all(|l| l.trim_end().ends_with(SEPARATORS));
    (home && text.contains(SEPARATORS)) || trailing
}

/// The page as text: a BOM decides, then a charset named in the first 4 KB, then UTF-8 if the
/// bytes are valid UTF-8, else windows-1252 (what browsers assume).
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let named = super::named_charset(bytes);
    if let Some(enc) = named {
        if enc != encoding_rs::UTF_8 {
            return enc.decode_without_bom_handling(bytes).0.into_owned();
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) if named == Some(encoding_rs::UTF_8) => String::from_utf8_lossy(bytes).into_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_s_sentence_paragraphs_in_order() {
        let page = "<html><body><div><p>Menu</p><p>The Assembly met on Tuesday \
                    to debate the war.</p></div><div><p>A   second  sitting heard the \
                    Minister on Wednesday.</p></div></body></html>";
        let r = Readability::new(page, None, None).unwrap();
        assert_eq!(
            sentence_paragraphs(&r),
            [
                "The Assembly met on Tuesday to debate the war.",
                "A second sitting heard the Minister on Wednesday."
            ]
        );
    }

    #[test]
    fn charset_from_meta() {
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>".to_vec();
        page.extend([0xCF, 0xF0, 0xE8]); // При
        assert!(decode(&page).ends_with("При"));
        assert!(decode("<p>“x”</p>".as_bytes()).contains('“'));
        assert!(decode(&[b'<', b'p', b'>', 0x93, b'x', 0x94]).contains('“'));
    }
}

#[cfg(test)]
mod breadcrumb_tests {
    use super::is_breadcrumb;

    #[test]
    fn trails_of_links_are_told_from_text() {
        for trail in [
            "Home /\nPress Service /\nStatements & Speeches /",
            "Home › News › Statements",
            "Main page | Ministry | Press",
            "Press Service /\nStatements /",
        ] {
            assert!(is_breadcrumb(trail), "{trail}");
        }
        for text in [
            "Dear Prime Minister Markovic,",
            "Home affairs / justice reform is a priority.",
            "The 2020/2021 session",
            "Home",
            "yes/no",
            "In response to illegal external sanctions / pressure, the Government banned imports.",
        ] {
            assert!(!is_breadcrumb(text), "{text}");
        }
    }
}
