//! Statements as published: PDF, Word and web pages read into text that agrees with reference
//! texts, their metadata and UN structure as fields and sections, pages in the tables, and bad
//! documents refused with a reason while the others are analysed.

use crate::common::{csv_bytes, data, strs, verbale};
use std::collections::HashMap;
use verbale::corpus::{self, Format, LoadOptions};

/// Bag-of-words F1 (lower-cased runs of letters and digits, with multiplicity), as
/// `benches/formats_quality.py` computes it.
fn f1(got: &str, reference: &str) -> f64 {
    let bag = |t: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for w in t
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| !w.is_empty())
        {
            *m.entry(w.to_lowercase()).or_default() += 1;
        }
        m
    };
    let (a, b) = (bag(got), bag(reference));
    let common: usize = a
        .iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum();
    let p = common as f64 / a.values().sum::<usize>().max(1) as f64;
    let r = common as f64 / b.values().sum::<usize>().max(1) as f64;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn read(name: &str) -> corpus::FileText {
    corpus::read_file(
        &data(&format!("formats/docs/{name}")),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn reference(name: &str) -> String {
    std::fs::read_to_string(data(&format!("formats/reference/{name}"))).unwrap()
}

#[test]
fn extracted_text_agrees_with_the_references() {
    // (document, reference, least F1): the Hansards' references were made by the source
    // repository's own parser and validated by its tests; the web pages' are CleanEval's human
    // gold; the UN PDF's and the DOCX's are the source repository's machine dumps.
    let cases = [
        (
            "kenya_national-assembly-hansard-sample_2011-09-01_en.pdf",
            "kenya_national-assembly-hansard-sample_2011-09-01_en.txt",
            0.97,
        ),
        (
            "kenya_national-assembly-hansard-sample_2011-09-01_en.doc",
            "kenya_national-assembly-hansard-sample_2011-09-01_en.txt",
            0.97,
        ),
        (
            "un-pga58_introductory-statement-panel-tax-cooperation_2003-10-24_en.html",
            "un-pga58_introductory-statement-panel-tax-cooperation_2003-10-24_en.txt",
            0.95,
        ),
        (
            "us-dos_biotech-products-rigorously-regulated-official-says_2005-06-15_en.html",
            "us-dos_biotech-products-rigorously-regulated-official-says_2005-06-15_en.txt",
            0.95,
        ),
        (
            "un-ohchr_upr7-advance-questions-to-slovenia_2010_en.pdf",
            "un-ohchr_upr7-advance-questions-to-slovenia_2010_en.txt",
            0.97,
        ),
        (
            "un-ohchr_upr48-advance-questions-to-slovenia_2025_en.docx",
            "un-ohchr_upr48-advance-questions-to-slovenia_2025_en.txt",
            0.97,
        ),
    ];
    for (doc, refname, least) in cases {
        let got = read(doc);
        let score = f1(&got.text, &reference(refname));
        println!("{doc}: F1 {score:.3}");
        assert!(score >= least, "{doc}: F1 {score:.3} under {least}");
        // A baseline that keeps nothing scores 0: the check can fail.
        assert!(f1("", &reference(refname)) < 0.01);
    }
}

#[test]
fn formats_are_told_by_content_not_name() {
    // OHCHR published an OOXML file named .doc; the Word 97 binary is read by its piece table.
    let ooxml = read("un-ohchr_upr20-advance-questions-to-slovenia-add1_2014_en.doc");
    assert_eq!(ooxml.source.unwrap().format, Format::Docx);
    let binary = read("kenya_national-assembly-hansard-sample_2011-09-01_en.doc");
    assert_eq!(binary.source.as_ref().unwrap().format, Format::Doc);
    assert!(binary.text.contains("Question"), "{}", &binary.text[..200]);
}

#[test]
fn a_un_pdf_gives_its_header_as_fields_without_page_furniture() {
    let d = read("un_a-hrc-dec-43-112_hrc-decision-upr-slovenia_2020_en.pdf");
    let get = |k: &str| d.meta.iter().find(|(f, _)| f == k).map(|x| x.1.as_str());
    assert_eq!(get("un_symbol"), Some("A/HRC/DEC/43/112"));
    assert_eq!(get("un_body"), Some("Human Rights Council"));
    assert_eq!(get("un_session"), Some("Forty-third session"));
    assert_eq!(get("un_agenda"), Some("6"));
    assert_eq!(get("un_original"), Some("English"));
    assert_eq!(get("date"), Some("2020-03-25"));
    // The job number and bar code of the first page are furniture.
    assert!(!d.text.contains("GE.20"), "{}", d.text);
    assert!(d
        .text
        .contains("Outcome of the universal periodic review: Slovenia"));
    // The note's mark set small and raised after the comma is no word of the text.
    assert!(
        d.text.contains("Universal Periodic Review, the views"),
        "{}",
        d.text
    );
}

#[test]
fn footnotes_under_a_drawn_rule_go_after_the_text_with_their_page() {
    // Page 1 draws its separator as a stroked line, page 2 as a thin filled rectangle (as Word
    // does); page 2 also draws a full-width rule over body text, which is no footnote rule.
    let d = read("footnote-rule.pdf");
    let t = &d.text;
    assert!(
        t.contains("It calls upon the authorities to\nrespect the will of the people"),
        "{t}"
    );
    assert!(
        t.contains("The Ministry will keep the matter under review."),
        "{t}"
    );
    let notes = t.find("Footnotes\n").unwrap_or_else(|| panic!("{t}"));
    let (body, feet) = t.split_at(notes);
    assert!(!body.contains("See resolution") && !body.contains("Statement of the Ministry"));
    let first = feet
        .find("1 See resolution 68/262 of 27 March 2014.")
        .expect("note 1");
    let second = feet
        .find("2 Statement of the Ministry, 2 April 2014.")
        .expect("note 2");
    assert!(first < second);
    // Each note keeps its page.
    let places = d.source.as_ref().unwrap().places.clone();
    let page_at = |offset: usize| {
        places
            .iter()
            .rev()
            .find(|p| p.0 as usize <= offset)
            .unwrap()
            .1
    };
    assert_eq!(page_at(notes + first), 1);
    assert_eq!(page_at(notes + second), 2);
    assert_eq!(page_at(t.find("respect the will").unwrap()), 2);
    assert!(!body.contains("__________"));
}

#[test]
fn odt_notes_apart_deletions_left_out_and_a_windows_1251_page() {
    let odt = read("statement.odt");
    assert!(odt.text.starts_with(
        "Statement by the Ministry\n\nThe Ministry condemns the so-called “elections” held"
    ));
    assert!(odt.text.contains("Footnotes\n\nHeld on 31 March 2020."));
    assert!(!odt.text.contains("withdrawn"));
    assert!(odt
        .meta
        .contains(&("title".into(), "Statement on the elections".into())));
    let page = read("statement-1251.html");
    assert!(
        page.text.contains("так называемые «выборы»"),
        "{}",
        page.text
    );
    assert_eq!(page.source.unwrap().format, Format::Html);
}

#[test]
fn a_page_that_names_no_charset_is_read_in_the_encoding_its_bytes_suggest_or_in_encodings() {
    let named = std::fs::read(data("formats/docs/statement-1251.html")).unwrap();
    let meta = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">";
    let at = named.windows(meta.len()).position(|w| w == meta).unwrap();
    let unnamed = [&named[..at], &named[at + meta.len()..]].concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statement.html");
    std::fs::write(&path, &unnamed).unwrap();
    let page = corpus::read_file(&path, &LoadOptions::default()).unwrap();
    assert!(
        page.text.contains("так называемые «выборы»"),
        "{}",
        page.text
    );
    let notes = page.source.unwrap().notes.join("; ");
    assert!(notes.contains("names no charset"), "{notes}");
    // --encoding is obeyed, even when it is wrong.
    let koi8 = LoadOptions {
        encoding: encoding_rs::Encoding::for_label(b"koi8-r"),
        ..LoadOptions::default()
    };
    let page = corpus::read_file(&path, &koi8).unwrap();
    assert!(!page.text.contains("выборы"), "{}", page.text);
    // A page that names its charset is read in it, whatever --encoding says.
    let named = corpus::read_file(&data("formats/docs/statement-1251.html"), &koi8).unwrap();
    assert!(
        named.text.contains("так называемые «выборы»"),
        "{}",
        named.text
    );
}

#[test]
fn quotes_in_a_pdf_give_their_page() {
    let name = "kenya_national-assembly-hansard-sample_2011-09-01_en.pdf";
    let out = verbale()
        .args(["quotes", "--format", "csv"])
        .arg(data(&format!("formats/docs/{name}")))
        .assert()
        .success();
    let df = csv_bytes(out.get_output().stdout.clone());
    let (opens, pages) = (strs(&df, "open"), strs(&df, "page"));
    assert!(!pages.is_empty());
    // Each quotation's page is the page whose text holds its offset in the extracted text.
    let places = read(name).source.unwrap().places;
    assert_eq!(places.iter().map(|p| p.1).max(), Some(4));
    for (open, page) in opens.iter().zip(&pages) {
        let open: u32 = open.parse().unwrap();
        let expected = places.iter().rev().find(|p| p.0 <= open).unwrap().1;
        assert_eq!(page, &expected.to_string(), "offset {open}");
    }
    assert!(pages.iter().any(|p| p != "1"), "{pages:?}");
}

#[test]
fn concordance_lines_in_a_pdf_give_their_page() {
    let pdf = data("formats/docs/kenya_national-assembly-hansard-sample_2011-09-01_en.pdf");
    let csv = verbale()
        .args(["kwic", "--format", "csv"])
        .arg(&pdf)
        .arg("Minister")
        .output()
        .unwrap();
    let df = csv_bytes(csv.stdout);
    let pages = strs(&df, "page");
    assert!(
        !pages.is_empty()
            && pages
                .iter()
                .all(|p| ["1", "2", "3", "4"].contains(&p.as_str()))
    );
    let shown = verbale()
        .arg("kwic")
        .arg(&pdf)
        .arg("Minister")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("offset (page)") && shown.contains(&format!("(p. {})", pages[0])));
}

#[test]
fn bad_documents_are_refused_with_a_reason_and_the_others_read() {
    let out = verbale()
        .args(["freq", "--max-size", "1", "--format", "csv"])
        .arg(data("formats/bad"))
        .arg(data("formats/docs"))
        .arg(data("formats/bad/statement.rtf"))
        .arg(data("formats/bad/table.xlsx"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // Damaged files are errors (exit 1), the rest warnings; every other document is counted.
    assert_eq!(out.status.code(), Some(1), "{err}");
    for needle in [
        "encrypted.pdf: PDF file: encrypted with a password",
        "truncated.pdf: PDF file: damaged or truncated PDF file",
        "inflates.docx: DOCX file: its text runs past the 1 MB limit; split the document or raise --max-size",
        "inflates.pdf: PDF file: its pages' content inflates past 1 MB (a quarter of the size limit)",
        "_scanned.pdf: PDF file: no text layer (1 page of images); run OCR first, e.g. ocrmypdf; skipped",
        "navigation.html: HTML file: no main text found in the page; skipped",
        "statement.rtf: RTF file: RTF is not read by verbale; save it as DOCX or text",
        "table.xlsx: ZIP file: a ZIP archive that is not a Word or OpenDocument text",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    assert!(!err.contains("internal error"), "{err}");
    let df = csv_bytes(out.stdout);
    let terms = strs(&df, "term");
    for t in ["slovenia", "kenya", "elect"] {
        assert!(terms.iter().any(|x| x == t), "{t} missing");
    }
}

#[test]
fn section_annex_keeps_the_statement_and_leaves_the_cover_note() {
    let run = |section: &str| {
        let out = verbale()
            .args(["freq", "--format", "csv", "--section", section])
            .arg(data("seed"))
            .output()
            .unwrap();
        assert!(out.status.success());
        strs(&csv_bytes(out.stdout), "term")
    };
    let (cover, annex) = (run("cover"), run("annex"));
    assert!(cover.contains(&"compliment".to_string()));
    assert!(!annex.contains(&"compliment".to_string()));
    assert!(annex.contains(&"elect".to_string()));
    assert!(!cover.contains(&"armenia".to_string()));
    // A document without the section is skipped with a warning.
    let out = verbale()
        .args(["freq", "--section", "annex"])
        .arg(data("formats/docs/statement.odt"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no annex section"));
}

#[test]
fn extract_writes_the_others_when_one_name_is_too_long_and_nothing_over_old_files() {
    let input = tempfile::tempdir().unwrap();
    let long = format!("{}.txt", "y".repeat(250));
    for (name, text) in [
        ("a.txt", "First."),
        (long.as_str(), "Long."),
        ("z.txt", "Last."),
    ] {
        std::fs::write(input.path().join(name), text).unwrap();
    }
    let out_dir = tempfile::tempdir().unwrap();
    let run = || {
        verbale()
            .args(["extract", "-o"])
            .arg(out_dir.path())
            .arg(input.path())
            .output()
            .unwrap()
    };
    let out = run();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("its name is too long for the files extract writes"),
        "{err}"
    );
    let mut written: Vec<String> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    // The file after the long one is written too, and nothing of the long one is.
    assert_eq!(
        written,
        [
            "a.meta.tsv",
            "a.places.tsv",
            "a.txt",
            "z.meta.tsv",
            "z.places.tsv",
            "z.txt"
        ]
    );
    // Run again: every output exists, so nothing is written and the error says how many.
    std::fs::write(out_dir.path().join("z.txt"), "kept").unwrap();
    let out = run();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("and 5 other outputs: already exist"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out_dir.path().join("z.txt")).unwrap(),
        "kept"
    );
}

#[test]
fn extract_writes_text_places_and_metadata_and_never_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = data("formats/docs/un_a-hrc-dec-43-112_hrc-decision-upr-slovenia_2020_en.pdf");
    verbale()
        .args(["extract", "-o"])
        .arg(dir.path())
        .arg(&pdf)
        .assert()
        .success();
    let stem = "un_a-hrc-dec-43-112_hrc-decision-upr-slovenia_2020_en";
    let text = std::fs::read_to_string(dir.path().join(format!("{stem}.txt"))).unwrap();
    let places = std::fs::read_to_string(dir.path().join(format!("{stem}.places.tsv"))).unwrap();
    let meta = std::fs::read_to_string(dir.path().join(format!("{stem}.meta.tsv"))).unwrap();
    assert!(text.contains("Slovenia"));
    assert_eq!(places, "place\tkind\toffset\n1\tpage\t0\n");
    assert!(meta.contains("un_symbol\tA/HRC/DEC/43/112\n"));
    // Extracting a text file into its own folder would overwrite it: refused.
    let txt = dir.path().join("note.txt");
    std::fs::write(&txt, "The Ministry condemns the so-called elections.").unwrap();
    let out = verbale()
        .args(["extract", "--force", "-o"])
        .arg(dir.path())
        .arg(&txt)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to overwrite an input file"));
    assert_eq!(
        std::fs::read_to_string(&txt).unwrap(),
        "The Ministry condemns the so-called elections."
    );
    // A file named as the folder to extract into: a usage error that says so, the file kept.
    let out = verbale()
        .args(["extract", "-o"])
        .arg(&txt)
        .arg(&txt)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("and this is a file; give a folder"));
    assert_eq!(
        std::fs::read_to_string(&txt).unwrap(),
        "The Ministry condemns the so-called elections."
    );
    // A new folder named like a text file is a file name given for a folder: refused, and
    // no folder `kenya.txt` made.
    let named = dir.path().join("kenya.txt");
    let out = verbale()
        .args(["extract", "-o"])
        .arg(&named)
        .arg(&pdf)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("this looks like a file name"));
    assert!(!named.exists());
}

/// Every document of `../shared/corpus/formats` (60 files) is analysed or refused with a
/// reason: the three scans for their missing text layer, nothing else.
#[test]
#[ignore = "needs ../shared/corpus/formats; .ci/run runs it"]
fn every_document_of_the_formats_corpus_is_read_or_refused() {
    let dir = crate::common::root().join("../shared/corpus/formats");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let c = corpus::load(
        &[
            dir.join("pdf"),
            dir.join("doc"),
            dir.join("docx"),
            dir.join("html"),
        ],
        &LoadOptions::default(),
    )
    .unwrap();
    let refused: Vec<String> = c.problems.iter().map(|p| p.error.to_string()).collect();
    assert_eq!(c.docs.len() + refused.len(), 60, "{refused:?}");
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert!(
        refused.iter().all(|r| r.contains("no text layer")),
        "{refused:?}"
    );
    // A page of several sittings, where Readability keeps one: its paragraphs are read, with
    // Bocquet's « sale guerre » (GPL-licensed, so not copied into tests/data).
    let page = corpus::read_file(
        &dir.join("html/fr-assemblee-nationale_dossier-situation-en-irak_2003_fr.html"),
        &LoadOptions::default(),
    )
    .unwrap();
    assert!(page.text.contains("sale guerre"), "{}", page.text);
    assert!(page.text.split_whitespace().count() > 7000);
}

/// `extract` of a scan only extracts nothing: exit 1 with the reason, as `freq` of it fails.
#[test]
fn extract_of_nothing_readable_fails() {
    let dir = tempfile::tempdir().unwrap();
    let scan = crate::common::data(
        "formats/bad/un-ola_note-verbale-to-permanent-mission-of-ukraine_2022-03-04_en_scanned.pdf",
    );
    let o = crate::common::verbale()
        .arg("extract")
        .arg(&scan)
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no text layer") && err.contains("nothing extracted from 1 file"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// `extract -q` says nothing on standard error for files it read (it printed a line per file).
#[test]
fn extract_quiet_is_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let doc = crate::common::data("formats/docs/statement.odt");
    let run = |quiet: bool| {
        let mut c = crate::common::verbale();
        c.arg("extract")
            .arg(&doc)
            .arg("-o")
            .arg(dir.path())
            .arg("--force");
        if quiet {
            c.arg("-q");
        }
        c.output().unwrap()
    };
    let loud = run(false);
    assert!(loud.status.success());
    assert!(String::from_utf8_lossy(&loud.stderr).contains("statement"));
    let quiet = run(true);
    assert!(quiet.status.success());
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");
}

#[test]
fn a_document_is_dated_by_itself_not_by_its_file_properties() {
    // The Hansard of 1 September 2011 was saved on 5 September (its Word 97 and PDF
    // properties); the UN decision's header gives its distribution date, 25 March 2020.
    let out = verbale()
        .args(["docs", "--format", "csv", "-q", "--columns"])
        .arg("doc,date,year,file_created,un_date")
        .arg(data("formats/docs"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let df = csv_bytes(out.stdout);
    let docs = strs(&df, "doc");
    let row = |doc: &str, col: &str| {
        let i = docs
            .iter()
            .position(|d| d == doc)
            .unwrap_or_else(|| panic!("{doc}: {docs:?}"));
        strs(&df, col)[i].clone()
    };
    // Saved as Word 97 and as PDF: the two files keep their extensions as ids.
    let hansard = "kenya_national-assembly-hansard-sample_2011-09-01_en.doc";
    assert_eq!(row(hansard, "file_created"), "2011-09-05");
    assert_eq!(
        (row(hansard, "date"), row(hansard, "year")),
        ("".into(), "".into())
    );
    let decision = "un_a-hrc-dec-43-112_hrc-decision-upr-slovenia_2020_en";
    assert_eq!(row(decision, "un_date"), "2020-03-25");
    assert_eq!(row(decision, "date"), "2020-03-25");
    assert_eq!(row(decision, "year"), "2020");
    // A DOCX's creation date is no year either.
    let docx = "un-ohchr_upr48-advance-questions-to-slovenia_2025_en";
    assert!(!row(docx, "file_created").is_empty());
    assert_eq!(row(docx, "year"), "");
}
