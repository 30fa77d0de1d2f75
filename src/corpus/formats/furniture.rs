//! What a published document holds besides its statement: page furniture (running heads,
//! document symbols, job numbers, page numbers) dropped from PDF pages, and the structure of a
//! UN document (its header as fields, its cover note, annex and footnotes as sections).

use regex::Regex;
use std::sync::LazyLock;

/// A line that is furniture wherever it stands at a page's top or bottom: a page number, a
/// UN document symbol, a UN job number (`GE.20-00123`, `18-18418 (E) 071118`), a bar code
/// (`*1818418*`), "Page 3 of 12", "3/12".
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            [-–—]?\s*\d{1,4}\s*[-–—]?                      # 12, - 12 -
          | (?i:page)\s+\d{1,4}(?:\s+(?i:of)\s+\d{1,4})?   # Page 3 of 12
          | \d{1,4}\s*/\s*\d{1,4}                          # 3/12
          | (?:GE\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{6})?  # job numbers
          | \*\d{6,}\*                                     # bar code
          | \([A-Z]\) | \d{6}                              # (E) 061124 after a job number
          | [A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*){1,8}      # A/HRC/43/15
        )$",
    )
    .expect("furniture pattern")
});

/// Whether a line is a bar code (`*1818418*`, as UN documents print their job number under
/// the header): dropped wherever it stands, since the header can push it past the top lines.
fn is_bar_code(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 8
        && t.starts_with('*')
        && t.ends_with('*')
        && t[1..t.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// How many non-empty lines at a page's top and bottom can be furniture.
const ZONE: usize = 4;

/// A line reduced to its shape: digits as `#`, whitespace collapsed, so that "GE.24-19779  3"
/// and "GE.24-19779  4" are the same running foot.
fn shape(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    let mut space = false;
    for c in line.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !s.is_empty() {
            s.push(' ');
        }
        space = false;
        s.push(if c.is_ascii_digit() { '#' } else { c });
    }
    s
}

/// Whether a line is furniture by its content alone: a page number, a symbol, a job number,
/// or a run of them ("2  GE.24-19779", "A/HRC/43/15  GE.20-00123  5"), also with one space
/// between at most three of them when one is a job number ([`is_job_line`]: "18-18142 2/5",
/// "3/5 18-18142", as GA resolutions foot their pages; "2019 2020" or "1 A/73/85." are text).
fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && (t
            .split("  ")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .all(|p| FURNITURE.is_match(p))
            || is_job_line(t))
}

/// Whether a line of a plain text is a page's furniture as the UN's verbatim records print it
/// between a speech's paragraphs: a job number alone or with a page number (`08-53129 32`,
/// `32 08-53129`, `17/24 17-29363`). Such a line is never a sentence's words.
pub(crate) fn is_job_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().take(4).collect();
    !words.is_empty()
        && words.len() <= 3
        && words.iter().any(|p| JOB.is_match(p))
        && words.iter().all(|p| FURNITURE.is_match(p))
}

/// The bytes of a page's furniture glued to the start of a line of text, with the space after
/// it (`17/24 17-29363 together will`: a page number and a job number, in either order, then
/// the text); 0 when the line does not start so.
pub(crate) fn job_prefix(line: &str) -> usize {
    let mut words = line.split(' ');
    let (Some(a), Some(b), Some(rest)) = (words.next(), words.next(), words.next()) else {
        return 0;
    };
    let page = |w: &str| {
        w.split_once('/').is_some_and(|(x, y)| {
            (1..=3).contains(&x.len())
                && (1..=3).contains(&y.len())
                && x.bytes().chain(y.bytes()).all(|c| c.is_ascii_digit())
        })
    };
    let glued = (page(a) && JOB.is_match(b)) || (JOB.is_match(a) && page(b));
    if glued && !rest.is_empty() {
        a.len() + b.len() + 2
    } else {
        0
    }
}

/// A UN job number (`18-18142`, `GE.20-00123`): the piece a one-space run of furniture holds.
static JOB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:GE\.)?\d{2}-\d{5}$").expect("job number pattern"));

/// Whether a line is the rule above a page's footnotes: five or more underscores, as UN
/// documents write it.
pub(super) fn is_note_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 5 && t.bytes().all(|b| b == b'_')
}

/// Whether line `i` of a page's footnotes is a note, not furniture, though it looks like it:
/// a citation ending in a full stop ("A/73/85."), or a note's number before one.
fn is_note_line(lines: &[&str], i: usize) -> bool {
    let ends_note = |l: &str| l.trim_end().ends_with(['.', ';', ',']);
    if ends_note(lines[i]) {
        return true;
    }
    let t = lines[i].trim();
    let number = !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit());
    number
        && lines[i + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| ends_note(l))
}

/// Drops the furniture of each page: in the top and bottom [`ZONE`] lines, any line that is
/// furniture by content, or whose shape heads or foots at least half of the pages (and at
/// least 3 of them); below a footnote rule, citations and their numbers are kept. Returns how
/// many lines were dropped.
pub(super) fn strip_pages(pages: &mut [String]) -> usize {
    let zones: Vec<Vec<usize>> = pages.iter().map(|p| zone_lines(p)).collect();
    let mut seen: ahash::AHashMap<String, usize> = ahash::AHashMap::new();
    for (p, zone) in pages.iter().zip(&zones) {
        let lines: Vec<&str> = p.lines().collect();
        let mut mine: Vec<String> = zone.iter().map(|&i| shape(lines[i])).collect();
        mine.sort();
        mine.dedup();
        for s in mine {
            *seen.entry(s).or_default() += 1;
        }
    }
    let total = pages.len();
    let repeated = |s: &str| {
        let n = seen.get(s).copied().unwrap_or(0);
        n >= 3 && n * 2 >= total && s.chars().any(char::is_alphanumeric)
    };
    let mut dropped = 0;
    for (p, zone) in pages.iter_mut().zip(&zones) {
        let lines: Vec<&str> = p.lines().collect();
        let notes_from = lines.iter().position(|l| is_note_rule(l));
        let drop: Vec<bool> = (0..lines.len())
            .map(|i| {
                is_bar_code(lines[i])
                    || zone.contains(&i)
                        && !(notes_from.is_some_and(|r| i > r) && is_note_line(&lines, i))
                        && (is_furniture(lines[i]) || repeated(&shape(lines[i])))
            })
            .collect();
        if !drop.contains(&true) {
            continue;
        }
        let mut kept = String::with_capacity(p.len());
        for (line, d) in lines.iter().zip(&drop) {
            if *d {
                dropped += 1;
            } else {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        *p = kept;
    }
    dropped
}

/// The indexes of a page's first and last [`ZONE`] non-empty lines.
fn zone_lines(page: &str) -> Vec<usize> {
    let filled: Vec<usize> = page
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    let mut z: Vec<usize> = filled.iter().take(ZONE).copied().collect();
    z.extend(filled.iter().rev().take(ZONE));
    z.sort_unstable();
    z.dedup();
    z
}

static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:A|S|E|C|T|UNEP|TD|CCPR|CERD|CRC|CAT|CEDAW|DP|ST|SG)(?:/[A-Z0-9][A-Za-z0-9.\-]*){1,8})")
        .expect("symbol pattern")
});
static DISTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Distr\.?\s*:?\s*(General|Limited|Restricted)").expect("distr pattern")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b")
        .expect("date pattern")
});
static ORIGINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Original\s*:\s*(\p{L}+)").expect("original pattern"));
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(Human Rights Council|Security Council|Economic and Social Council|General Assembly|Conference on Disarmament|Trusteeship Council)")
        .expect("body pattern")
});
static SESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z][a-z]+(?:-[a-z]+)?(?: special| emergency special)? session)\b")
        .expect("session pattern")
});
static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Agenda items?\s+(\d+[a-z]?(?:\s*\([a-z]\))?(?:\s*(?:,|and)\s*\d+[a-z]?(?:\s*\([a-z]\))?)*)")
        .expect("agenda pattern")
});

/// How far into a document its UN header can reach.
const HEADER_SPAN: usize = 2500;

/// The header of a UN document as fields: `un_symbol` (A/HRC/43/15), `un_distribution`
/// (General, Limited), `un_date` (the distribution date, as YYYY-MM-DD), `un_original` (the
/// original language), `un_body`, `un_session`, `un_agenda`. Empty for anything that is not a
/// UN document: a header needs the "Distr." line or a symbol.
pub fn un_header(text: &str) -> Vec<(&'static str, String)> {
    let head = header_block(text);
    let distr = DISTR.captures(head);
    // The document's own symbol heads it beside "United Nations" or stands on a line of its
    // own; a symbol cited in a footnote or the text is only taken when no such line exists.
    let symbols: Vec<(&str, bool)> = SYMBOL
        .captures_iter(head)
        .filter_map(|c| {
            let m = c.get(1)?;
            let line_start = head[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let line_end = head[m.end()..]
                .find('\n')
                .map_or(head.len(), |i| m.end() + i);
            let line = head[line_start..line_end].trim();
            let own = line == m.as_str() || line.starts_with("United Nations");
            (m.as_str().matches('/').count() >= 2).then_some((m.as_str(), own))
        })
        .collect();
    let symbol = symbols
        .iter()
        .find(|s| s.1)
        .or(symbols.first())
        .map(|s| s.0);
    if distr.is_none() && symbol.is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(s) = symbol {
        out.push(("un_symbol", s.trim_end_matches(['.', '-']).to_string()));
    }
    if let Some(d) = &distr {
        out.push(("un_distribution", d[1].to_string()));
        let after = &head[d.get(0).map_or(0, |m| m.end())..];
        if let Some(date) = DATE.captures(after) {
            out.push(("un_date", iso_date(&date)));
        }
    }
    let grab = |re: &Regex, key: &'static str, out: &mut Vec<(&'static str, String)>| {
        if let Some(c) = re.captures(head) {
            out.push((key, c[1].split_whitespace().collect::<Vec<_>>().join(" ")));
        }
    };
    grab(&ORIGINAL, "un_original", &mut out);
    grab(&BODY, "un_body", &mut out);
    grab(&SESSION, "un_session", &mut out);
    grab(&AGENDA, "un_agenda", &mut out);
    out
}

/// `text[..n]`, cut back to a character's boundary.
fn prefix(text: &str, n: usize) -> &str {
    let mut end = text.len().min(n);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How far into a document a header set below its first page's text is looked for.
const FIRST_PAGE_SPAN: usize = 8000;

/// Where a UN document's header is read: its first [`HEADER_SPAN`] bytes (and the lines after
/// a "Distr." line near their end), or, when they hold neither a "Distr." line nor a "United
/// Nations" line, a header block further down its first page, as a PDF whose first page gives
/// its text before its header has it (a stakeholders' summary of the Human Rights Council):
/// the lines around the first "Distr." line with a "United Nations SYMBOL" line just before
/// it.
fn header_block(text: &str) -> &str {
    let head = prefix(text, HEADER_SPAN);
    let un_line = |t: &str| {
        t.lines()
            .any(|l| l.trim_start().starts_with("United Nations") && SYMBOL.is_match(l))
    };
    // A "Distr." line near the window's end keeps its date and language lines.
    if let Some(d) = DISTR.find(head) {
        return prefix(text, HEADER_SPAN.max(d.end() + 300));
    }
    if un_line(head) {
        return head;
    }
    let wider = prefix(text, FIRST_PAGE_SPAN);
    let Some(d) = DISTR.find(wider) else {
        return head;
    };
    let from = prefix(wider, d.start().saturating_sub(300)).len();
    if !un_line(&wider[from..d.start()]) {
        return head;
    }
    &prefix(wider, d.end() + 300)[from..]
}

/// "24 August 2020" as 2020-08-24.
fn iso_date(c: &regex::Captures) -> String {
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
    let m = MONTHS.iter().position(|m| *m == &c[2]).unwrap_or(0) + 1;
    format!("{}-{:02}-{:02}", &c[3], m, c[1].parse::<u32>().unwrap_or(1))
}

static COVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t*_#]*(?:Note verbale dated|Identical letters dated|Letter dated)\b")
        .expect("cover pattern")
});
static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t*_#]*(?:Annex|Enclosure)(?:\s+[IVX\d]+)?(?:\s+to\s+the\b|\s*$|\s*\*{0,2}\s*$)",
    )
    .expect("annex pattern")
});
static FOOTNOTES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^Footnotes\s*$").expect("footnotes pattern"));

/// Whether a "Footnotes" heading is followed by a note (its first line after the heading starts
/// with a number or a mark), as a reader puts notes apart; a heading of a document's own text
/// is not.
fn notes_follow(from_heading: &str) -> bool {
    from_heading
        .lines()
        .skip(1)
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            l.trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || "*†‡§".contains(c))
        })
}

/// The parts of a UN document: `header` (symbol, dates, body, agenda, title), `cover` (the
/// note verbale or letter that transmits the statement), `annex` (the statement itself, from
/// the first "Annex" heading) and `footnotes` (what a reader put apart under "Footnotes").
/// Byte ranges into the text, in order; empty when the text has neither a cover nor an annex.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnSections {
    /// (name, start, end) in text order.
    pub parts: Vec<(&'static str, usize, usize)>,
}

impl UnSections {
    /// Finds the sections of `text`.
    pub fn find(text: &str) -> UnSections {
        let cover = COVER.find(text).map(|m| m.start());
        let annex = ANNEX
            .find_iter(text)
            .map(|m| m.start())
            .find(|&a| cover.is_none_or(|c| a > c));
        let notes = FOOTNOTES.find(text).map(|m| m.start());
        if cover.is_none() && annex.is_none() {
            // A document of one part (a resolution, a report) with its notes put apart: the
            // notes are a section, the rest its text.
            return match notes.filter(|&n| n > 0 && notes_follow(&text[n..])) {
                Some(n) => UnSections {
                    parts: vec![("text", 0, n), ("footnotes", n, text.len())],
                },
                _ => UnSections::default(),
            };
        }
        let mut cuts: Vec<(&'static str, usize)> = vec![("header", 0)];
        if let Some(c) = cover {
            cuts.push(("cover", c));
        }
        if let Some(a) = annex {
            cuts.push(("annex", a));
        }
        if let Some(n) = notes.filter(|&n| cuts.last().is_some_and(|l| n > l.1)) {
            cuts.push(("footnotes", n));
        }
        let mut parts = Vec::new();
        for (k, &(name, start)) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).map_or(text.len(), |n| n.1);
            if end > start {
                parts.push((name, start, end));
            }
        }
        UnSections { parts }
    }

    /// The byte range of the section called `name`, if the text has it.
    pub fn range(&self, name: &str) -> Option<(usize, usize)> {
        self.parts
            .iter()
            .find(|p| p.0.eq_ignore_ascii_case(name))
            .map(|p| (p.1, p.2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        for l in [
            "12",
            "- 3 -",
            "Page 2 of 9",
            "A/HRC/43/15",
            "GE.20-00123",
            "18-18418 (E)    071118",
            "*1818418*",
            "2  GE.24-19779",
            "GE.24-19779  (E)    061124    061124",
            "A/RES/73/8",
            "18-18142 2/5",
            "3/5 18-18142",
        ] {
            assert!(is_furniture(l), "{l}");
        }
        for l in [
            "12 members voted",
            "Resolution 73/7 2018",
            "2019 2020",
            "12 3/4",
            "1 A/73/85.",
            "The General Assembly,",
            "Agenda item 4",
            "",
        ] {
            assert!(!is_furniture(l), "{l}");
        }
    }

    #[test]
    fn bar_codes_dropped_below_a_long_header() {
        // A/RES/73/8 as its PDF reads: the bar code is the sixth line of the first page.
        let mut pages = vec![
            "United Nations\nA/RES/73/8\nGeneral Assembly\nDistr.: General\n5 November 2018\n\
             *1818418*\nSeventy-third session\nAgenda item 40\nThe General Assembly,\n\
             Recalling its resolutions,\nReaffirming the principles,\nConcerned about the embargo,\n"
                .to_string(),
        ];
        assert_eq!(
            strip_pages(&mut pages),
            2,
            "the symbol and the bar code: {}",
            pages[0]
        );
        assert!(!pages[0].contains("1818418"), "{}", pages[0]);
        assert!(pages[0].contains("Seventy-third session\n"), "{}", pages[0]);
        assert!(is_bar_code(" *1816895* ") && !is_bar_code("*12*") && !is_bar_code("*12a456*"));
    }

    #[test]
    fn running_heads_dropped() {
        let mut pages: Vec<String> = (1..=4)
            .map(|i| {
                format!(
                    "A/HRC/43/15\nGE.20-00123  {i}\nBody text of page {i} goes on.\nMore body.\n"
                )
            })
            .collect();
        pages[1] = "Report of the Working Group, page two\nBody text.\n2\n".into();
        let dropped = strip_pages(&mut pages);
        assert!(dropped >= 7, "{dropped}");
        assert!(pages.iter().all(|p| !p.contains("GE.20")));
        assert!(pages[1].contains("Report of the Working Group"));
        assert!(!pages[1].contains("\n2\n"));
    }

    #[test]
    fn a_footnote_citing_a_symbol_is_kept() {
        // A/RES/73/8's second page: its one footnote cites the report A/73/85.
        let mut pages = vec![
            "A/RES/73/8  Title\nBody of page one.\n18-18418  1/2\n".to_string(),
            "Body of page two, resolution 72/4;1\n__________________\n1\nA/73/85.\n2/2  18-18418\n"
                .to_string(),
        ];
        strip_pages(&mut pages);
        assert!(
            pages[1].contains("__________________\n1\nA/73/85.\n"),
            "{}",
            pages[1]
        );
        assert!(!pages[1].contains("18-18418"), "{}", pages[1]);
        assert!(!pages[0].contains("18-18418"), "{}", pages[0]);
    }

    #[test]
    fn header_of_the_seed() {
        let text = "General Assembly\n\nDistr.: General\n24 August 2020\n\nOriginal: English\n\nHuman Rights Council\n\nForty-third session\n\n24 February–20 March 2020\n\nAgenda item 4\n\nNote verbale dated 1 April 2020 from the Permanent Mission\n\n**Annex to the note verbale dated 1 April 2020\n\nStatement";
        let h = un_header(text);
        let get = |k: &str| h.iter().find(|(x, _)| *x == k).map(|x| x.1.as_str());
        assert_eq!(get("un_distribution"), Some("General"));
        assert_eq!(get("un_date"), Some("2020-08-24"));
        assert_eq!(get("un_original"), Some("English"));
        assert_eq!(get("un_body"), Some("General Assembly"));
        assert_eq!(get("un_session"), Some("Forty-third session"));
        assert_eq!(get("un_agenda"), Some("4"));
        let s = UnSections::find(text);
        let names: Vec<&str> = s.parts.iter().map(|p| p.0).collect();
        assert_eq!(names, ["header", "cover", "annex"]);
        let (a, _) = s.range("annex").unwrap();
        assert!(text[a..].starts_with("**Annex"));
        assert!(un_header("Remarks by the President on the economy").is_empty());
        let footnote_first = "Distr.: General\n1 A/HRC/43/15.\nUnited Nations  A/HRC/DEC/43/112\n";
        assert_eq!(un_header(footnote_first)[0].1, "A/HRC/DEC/43/112");
    }

    #[test]
    fn a_header_set_below_the_first_page_text_is_read() {
        // A stakeholders' summary whose first page gives its text, then its footnote and header.
        let body = "1.  The present report was prepared pursuant to resolutions 5/1 and 16/21.\n"
            .repeat(40);
        let header = "*  The present document is being issued without formal editing.\n\n\
            United Nations  A/HRC/WG.6/48/SVN/3\nGeneral Assembly  Distr.: General\n\
            6 November 2024\nOriginal: English\n\nadolescents, psychiatry.\n";
        let h = un_header(&format!("{body}{header}"));
        let get = |k: &str| h.iter().find(|(x, _)| *x == k).map(|x| x.1.as_str());
        assert_eq!(get("un_symbol"), Some("A/HRC/WG.6/48/SVN/3"));
        assert_eq!(get("un_date"), Some("2024-11-06"));
        assert_eq!(get("un_original"), Some("English"));
        // The same header where its "Distr." line ends the first 2,500 bytes, its date after.
        let distr_end = header.find("Distr.: General").unwrap() + "Distr.: General".len();
        let cut = body[..2_495 - distr_end].to_string();
        let h = un_header(&format!("{cut}{header}"));
        assert!(
            h.iter().any(|(k, v)| *k == "un_date" && v == "2024-11-06"),
            "{h:?}"
        );
        // A "Distr." quoted further down with no "United Nations" line before it is no header.
        let quoted = format!("{body}The note said: Distr.: General\n6 November 2024\n");
        assert!(un_header(&quoted).is_empty());
    }

    /// A resolution has no cover or annex, but its footnotes, put after the text, are still a
    /// section (`--section footnotes` found none in any document).
    #[test]
    fn footnotes_of_a_one_part_document() {
        let text = "The General Assembly,\nRecalling the Rome Statute1,\n\nFootnotes\n1 United Nations, Treaty Series, vol. 2187.\n";
        let s = UnSections::find(text);
        let (a, b) = s.range("footnotes").unwrap();
        assert!(text[a..b].starts_with("Footnotes\n1 United Nations"));
        assert!(s.range("annex").is_none() && s.range("cover").is_none());
        assert_eq!(UnSections::find("No notes here.\n"), UnSections::default());
        let heading = "Our work\n\nFootnotes\nWe write them at the end of each chapter.\n";
        assert_eq!(UnSections::find(heading), UnSections::default());
    }
}
