//! `verbale report`: every file, every section, tables that match `freq`/`quotes`, a valid
//! notebook, and statement text that never becomes markup.

use crate::common::{root, verbale};
use polars::prelude::*;

use crate::common::{csv_bytes as read_csv_bytes, csv_file as read_csv};

fn same(a: &DataFrame, b: &DataFrame, cols: &[&str]) {
    assert_eq!(a.height(), b.height());
    for c in cols {
        let x = a.column(c).unwrap().cast(&DataType::String).unwrap();
        let y = b.column(c).unwrap().cast(&DataType::String).unwrap();
        assert!(x.equals(&y), "column {c} differs");
    }
}

#[test]
fn report_on_bundled_data_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let o = verbale()
        .args(["report", "-o"])
        .arg(&out)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "report.html",
        "report.md",
        "report.ipynb",
        "freq.png",
        "quotes.png",
        "quoted-phrases.png",
        "cues.png",
        "keyness.png",
        "similarity.png",
        "dispersion.png",
        "trend-scare.png",
        "trend-key.png",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // data/manifest.csv gives the bundled corpus its groups tables too.
    let tables = verbale::report::TABLES
        .iter()
        .chain(verbale::report::GROUP_TABLES);
    for t in tables {
        assert!(out.join(format!("{t}.csv")).is_file(), "{t}.csv missing");
        let pq = ParquetReader::new(std::fs::File::open(out.join(format!("{t}.parquet"))).unwrap())
            .finish()
            .unwrap();
        assert!(pq.height() > 0, "{t}.parquet is empty");
    }
    // The documents' table carries their metadata, as `verbale docs` writes it.
    let docs = read_csv(&out.join("docs.csv"));
    let manifest = read_csv(&root().join("data/manifest.csv"));
    for field in manifest.get_column_names().iter().skip(1) {
        assert!(docs.column(field).is_ok(), "docs.csv lacks field {field}");
    }
    // The HTML is well-formed (XHTML-style) and has every section.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, opts).expect("report.html parses");
    let ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    for id in [
        "overview",
        "top-terms",
        "phrases",
        "collocates",
        "quoted-terms",
        "quoted-phrases",
        "scare-quotes",
        "cues",
        "profile",
        "groups",
        "trends",
        "keyness",
        "similarity",
        "dispersion",
    ] {
        assert!(ids.contains(&id), "section {id} missing");
    }
    // On a narrow screen: tables scroll in their own box, and every section leads back up.
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("table"))
        .collect();
    assert!(tables.len() >= 8);
    for t in &tables {
        let parent = t.parent_element().unwrap();
        assert!(parent.has_tag_name("div") && parent.attribute("class") == Some("scroll"));
    }
    assert!(doc
        .descendants()
        .any(|n| n.has_tag_name("nav") && n.attribute("id") == Some("contents")));
    for h2 in doc.descendants().filter(|n| n.has_tag_name("h2")) {
        let back = h2
            .children()
            .any(|c| c.has_tag_name("a") && c.attribute("href") == Some("#contents"));
        assert!(back, "{:?} leads back to the contents", h2.attribute("id"));
    }
    assert!(
        html.contains("td.n{white-space:nowrap}"),
        "numbers (p-values) never wrap"
    );
    let imgs = doc.descendants().filter(|n| n.has_tag_name("img")).count();
    assert_eq!(imgs, 12, "charts embedded");
    assert!(
        html.contains("id=\"speech-acts\"")
            && html.contains("The strongest acts and what they target")
    );
    // Each drawn a second time for a phone, shown below 600 px.
    let phone = doc
        .descendants()
        .filter(|n| n.has_tag_name("source") && n.attribute("media") == Some("(max-width: 600px)"))
        .count();
    assert_eq!(phone, 12, "phone charts");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network references"
    );
    // Tables match what freq and quotes print.
    let corpus_terms = read_csv(&out.join("corpus_terms.csv"));
    let freq = verbale()
        .args(["freq", "data", "--format", "csv"])
        .current_dir(root())
        .output()
        .unwrap();
    same(
        &corpus_terms,
        &read_csv_bytes(freq.stdout),
        &["term", "form", "count", "docs", "quoted", "scare"],
    );
    // The quoted-terms table is in the chart's order: most scare-quoted first.
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let section = md.split("## Quoted terms and scare quotes").nth(1).unwrap();
    let scare: Vec<u64> = section
        .lines()
        .skip_while(|l| !l.starts_with("| term |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(4).unwrap().trim().parse().unwrap())
        .collect();
    assert!(
        scare.len() > 3 && scare.windows(2).all(|w| w[0] >= w[1]),
        "{scare:?}"
    );
    // The n-grams are those `verbale ngrams` counts.
    let ngrams = verbale()
        .args([
            "ngrams",
            "data",
            "--n",
            "2",
            "--n-max",
            "3",
            "--min-count",
            "2",
        ])
        .args(["--top", "100", "--format", "csv"])
        .current_dir(root())
        .output()
        .unwrap();
    same(
        &read_csv(&out.join("ngrams.csv")),
        &read_csv_bytes(ngrams.stdout),
        &["ngram", "form", "n", "count", "docs", "quoted", "scare"],
    );
    let quotes = read_csv(&out.join("quotes.csv"));
    let q = verbale()
        .args(["quotes", "data", "--format", "csv"])
        .current_dir(root())
        .output()
        .unwrap();
    same(
        &quotes,
        &read_csv_bytes(q.stdout),
        &["doc", "span", "open", "close", "kind", "cue", "text"],
    );
    // The notebook is nbformat 4 JSON that loads every table.
    let nb: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.ipynb")).unwrap()).unwrap();
    assert_eq!(nb["nbformat"], 4);
    let cells = nb["cells"].as_array().unwrap();
    let code: String = cells
        .iter()
        .filter(|c| c["cell_type"] == "code")
        .flat_map(|c| {
            c["source"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_string())
        })
        .collect();
    for t in verbale::report::TABLES {
        assert!(
            code.contains(&format!("'{t}.parquet'")),
            "{t} not loaded by the notebook"
        );
    }
    // CI installs nbclient, ipykernel and polars and sets VERBALE_RUN_NOTEBOOK=1: then the
    // notebook must run without error.
    if std::env::var("VERBALE_RUN_NOTEBOOK").as_deref() == Ok("1") {
        let script = "import sys, nbformat, nbclient\nnb = nbformat.read(sys.argv[1], as_version=4)\nnbclient.NotebookClient(nb, timeout=120, kernel_name='python3', resources={'metadata': {'path': sys.argv[2]}}).execute()\nprint('executed', len(nb.cells), 'cells')";
        let o = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(out.join("report.ipynb"))
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "notebook failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn rerun_replaces_the_folder_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let seed = crate::common::seed();
    let run = || {
        verbale()
            .args(["report"])
            .arg(&seed)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap()
    };
    let o = run();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A file verbale wrote there is replaced with the rest (one the user added would make the
    // run refuse the folder: tests/hardening.rs).
    std::fs::write(out.join("report.md"), "stale").unwrap();
    let o = run();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_ne!(
        std::fs::read_to_string(out.join("report.md")).unwrap(),
        "stale"
    );
    assert!(out.join("report.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary folders left: {leftovers:?}"
    );
    // A failing run (unreadable input) leaves the previous report untouched.
    let o = verbale()
        .args(["report", "/no/such/input", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(out.join("report.html").exists());
}

#[test]
fn the_report_names_the_inputs_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("in");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "The so-called “elections” were held.\n",
    )
    .unwrap();
    std::fs::write(corpus.join("b.txt"), "Peace and security matter.\n").unwrap();
    std::fs::write(corpus.join("empty.txt"), "").unwrap();
    std::fs::write(corpus.join("latin1.txt"), b"caf\xe9 elections\n").unwrap();
    let out = dir.path().join("rep");
    let o = verbale()
        .args(["report", "-q"])
        .arg(&corpus)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    // A file that could not be read fails the run, but the report is written and says so.
    assert_eq!(o.status.code(), Some(1));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("Documents: 2"), "{md}");
    assert!(md.contains("Inputs left out \\(2\\)"), "{md}");
    let line = |name: &str| md.lines().find(|l| l.contains(name)).unwrap_or_default();
    assert!(line("empty.txt").contains("skipped"), "{md}");
    assert!(line("latin1.txt").contains("not read"), "{md}");
    assert!(line("latin1.txt").contains("UTF-8"), "{md}");
}

#[test]
fn hostile_statement_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("hostile.txt");
    std::fs::write(
        &input,
        "The so-called “<script>alert('x')</script>” and the so-called “[click](javascript:alert(1))” \
         and the so-called “a | b | c” were rejected. <b>bold</b> <img src=x onerror=alert(1)>\n",
    )
    .unwrap();
    let out = dir.path().join("rep");
    let o = verbale()
        .args(["report"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<b>bold"));
    assert!(html.contains("&lt;script&gt;alert("));
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&html, opts).expect("still well-formed");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(!md.contains("](javascript:"));
    assert!(!md.contains("<script>"));
    // Every Markdown table row has as many cells as its header.
    let mut cols = 0;
    for line in md.lines() {
        if !line.starts_with('|') {
            cols = 0;
            continue;
        }
        let n = line.replace("\\|", "").matches('|').count();
        if cols == 0 {
            cols = n;
        }
        assert_eq!(n, cols, "broken table row: {line}");
    }
}

#[test]
fn report_never_replaces_other_folders() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that is not a report is refused and left as it was.
    let precious = dir.path().join("precious");
    std::fs::create_dir(&precious).unwrap();
    std::fs::write(precious.join("thesis.docx"), "x").unwrap();
    let seed = crate::common::seed();
    let o = verbale()
        .args(["report"])
        .arg(&seed)
        .arg("-o")
        .arg(&precious)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a verbale report folder"));
    assert!(precious.join("thesis.docx").exists());
    // A report in a folder that does not exist (a mistyped -o) makes no folder: exit 1.
    let o = verbale()
        .args(["report"])
        .arg(&seed)
        .arg("-o")
        .arg(dir.path().join("reprots/seed"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("reprots does not exist"));
    assert!(!dir.path().join("reprots").exists());
    // Nor is the folder that holds the inputs.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(&seed, corpus.join("seed.txt")).unwrap();
    let o = verbale()
        .args(["report"])
        .arg(&corpus)
        .arg("-o")
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(corpus.join("seed.txt").exists());
    // Names cannot leave notebooks-out/.
    let o = verbale()
        .args(["report"])
        .arg(&seed)
        .args(["--name", "../../etc"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_document_in_both_groups_counts_in_the_target_only() {
    // As in `compare`: the reference leaves out the target's files, with a warning, so a
    // document is never compared with itself.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let ungd = root().join("data/statements/ungd");
    let (aze, arm) = (ungd.join("AZE_75_2020.txt"), ungd.join("ARM_75_2020.txt"));
    let o = verbale()
        .args(["report", "--target"])
        .arg(&aze)
        .arg(&arm)
        .arg("--reference")
        .arg(&arm)
        .arg(ungd.join("AZE_76_2021.txt"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("1 reference document(s) are also in the target"),
        "{err}"
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("- Documents: 3\n"), "{md}");
    // Each side named by all its files, not by its first; the reference by those it kept
    // (ARM_75_2020 counts in the target).
    assert!(
        md.replace('\\', "")
            .contains("ARM_75_2020 to AZE_75_2020 vs AZE_76_2021"),
        "{md}"
    );
}

/// A report of two sides names the side that over-uses each term, and its table shows the
/// terms of both sides, not the target's alone.
#[test]
fn the_keyness_section_shows_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let ungd = root().join("data/statements/ungd");
    let o = verbale()
        .args(["report", "-q", "--target"])
        .arg(ungd.join("AZE_75_2020.txt"))
        .arg("--reference")
        .arg(ungd.join("ARM_75_2020.txt"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let k = read_csv(&out.join("keyness.csv"));
    let side = crate::common::strs(&k, "over_used_in");
    let g2 = crate::common::nums(&k, "g2");
    assert!(side
        .iter()
        .zip(&g2)
        .all(|(s, g)| (s == "reference") == (*g < 0.0)));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let section = &md[md.find("## Keyness").unwrap()..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    assert!(section.contains("| target | territori |"), "{section}");
    assert!(section.contains("| reference | conflict |"), "{section}");
}

/// With `--min-confidence 1` no quotation is a scare quote: the seed's four “elections”, all
/// likeliest scare, are shown apart as uncertain calls and counted as another kind.
#[test]
fn uncertain_scare_calls_are_shown_apart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let o = verbale()
        .args(["report", "-q", "--min-confidence", "1"])
        .arg(crate::common::seed())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("Uncertain scare calls"), "{md}");
    assert!(
        md.contains("4 quotations are likeliest to be scare quotes"),
        "{md}"
    );
    let quotes = crate::common::csv_file(&out.join("quotes.csv"));
    let kinds = crate::common::strs(&quotes, "kind");
    assert_eq!(kinds.len(), 4);
    assert!(kinds.iter().all(|k| k != "scare"), "{kinds:?}");
    // Without the threshold the same four are scare quotes and nothing is shown apart.
    let out2 = dir.path().join("rep2");
    let o = verbale()
        .args(["report", "-q"])
        .arg(crate::common::seed())
        .arg("-o")
        .arg(&out2)
        .output()
        .unwrap();
    assert!(o.status.success());
    let md = std::fs::read_to_string(out2.join("report.md")).unwrap();
    assert!(!md.contains("Uncertain scare calls"));
    let kinds = crate::common::strs(&crate::common::csv_file(&out2.join("quotes.csv")), "kind");
    assert_eq!(kinds, vec!["scare"; 4]);
}

/// The report says what its charts are of: the acts chart has a bar per group of the report
/// (it was per year whatever the groups), the key-term trend names each term's group, largest
/// by words first, and the collocates section names the stem whose forms it counts.
#[test]
fn the_report_names_what_its_group_charts_show() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let o = verbale()
        .args(["report", "-q", "-o"])
        .arg(&out)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("The chart has a bar per country"),
        "acts per group"
    );
    let alt = md
        .lines()
        .find(|l| l.ends_with("(trend-key.png)"))
        .expect("trend-key chart");
    // Its groups in parentheses, in the order of their words in groups.csv.
    let groups = CsvReadOptions::default()
        .try_into_reader_with_file_path(Some(out.join("groups.csv")))
        .unwrap()
        .finish()
        .unwrap();
    let (names, tokens) = (
        crate::common::strs(&groups, "country"),
        crate::common::nums(&groups, "tokens"),
    );
    let named: Vec<&str> = alt
        .split("\\(")
        .skip(1)
        .filter_map(|s| s.split("\\)").next())
        .map(|s| s.trim_start_matches("in "))
        .collect();
    assert!(named.len() >= 2, "{alt}");
    let words = |g: &str| tokens[names.iter().position(|n| n == g).unwrap()];
    assert!(
        named.windows(2).all(|w| words(w[0]) >= words(w[1])),
        "{named:?} by words"
    );
    assert!(
        md.contains("### Words around “elections” \\(the term elect: elections"),
        "collocates name their stem"
    );
}

/// `report --terms` follows the words asked for over the time field, with `trend`'s counts,
/// in its own chart before the others; without a time field it is refused with what to do.
#[test]
fn report_terms_follow_the_words_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let o = verbale()
        .args(["report", "-q", "--terms", "elections,peace", "-o"])
        .arg(&out)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let trend = CsvReadOptions::default()
        .try_into_reader_with_file_path(Some(out.join("trend.csv")))
        .unwrap()
        .finish()
        .unwrap();
    let asked = trend
        .filter(
            &trend
                .column("chosen_as")
                .unwrap()
                .str()
                .unwrap()
                .equal("asked"),
        )
        .unwrap()
        .drop("chosen_as")
        .unwrap();
    let o = verbale()
        .args([
            "trend",
            "elections",
            "peace",
            "data",
            "--by",
            "year",
            "-f",
            "csv",
            "-q",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success());
    let want = read_csv_bytes(o.stdout);
    assert!(want.height() >= 4);
    same(&asked, &want, &["year", "term", "count", "scare", "docs"]);
    assert!(out.join("trend-terms.png").is_file());
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let at = |f: &str| md.find(f).unwrap_or_else(|| panic!("{f}"));
    assert!(at("(trend-terms.png)") < at("(trend-scare.png)"));
    let o = verbale()
        .args(["report", "-q", "--terms", "peace", "--no-meta", "-o"])
        .arg(dir.path().join("none"))
        .arg("data")
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--time FIELD"));
}

/// The report follows scare quotes only where there are a few: a document with one scare quote
/// does not become the keyness section's focus (the longest document does), one with several
/// does.
#[test]
fn one_scare_quote_does_not_choose_what_the_report_is_about() {
    let scare = "The occupying power staged so-called “elections” and a sham “referendum” under \
                 the guns of its so-called “peacekeepers”.";
    let one = "The occupying power staged so-called “elections” in the region.";
    let long = "We welcome the progress of the peace talks. The parties have agreed on a schedule \
                of further talks. We support the work of the mediators and call on all sides to \
                respect the ceasefire and to protect civilians across the region.";
    let focus = |first: &str| -> String {
        let (_dir, out) = report_of_two(first, long);
        let md = std::fs::read_to_string(out.join("report.md")).unwrap();
        md.lines()
            .find_map(|l| l.strip_prefix("![Keyness: "))
            .expect("a keyness chart")
            .to_string()
    };
    assert!(focus(scare).starts_with("a vs"), "{}", focus(scare));
    assert!(focus(one).starts_with("b vs"), "{}", focus(one));
}

/// The report's strongest acts are the documents' own: an act reported of others (a call on
/// the Assembly to condemn, a Council that demanded) is in act_instances.csv, marked
/// reported, and not among them.
#[test]
fn the_strongest_acts_are_the_documents_own() {
    let (_dir, out) = report_of_two(
        "I call on the General Assembly to strongly condemn these shameful raids. We strongly \
         condemn the shelling of the port.",
        "We welcome the talks and support the mediators.",
    );
    let instances = read_csv(&out.join("act_instances.csv"));
    let reported = instances.column("reported").unwrap().bool().unwrap();
    assert_eq!(reported.sum(), Some(1), "{instances}");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let section = md
        .split("The strongest acts and what they target")
        .nth(1)
        .unwrap()
        .split("What is deplored")
        .next()
        .unwrap();
    assert!(section.contains("shelling of the port"), "{section}");
    assert!(!section.contains("shameful raids"), "{section}");
}

/// The documents' table gives each document's acts that are not negated and their mean
/// intensity, as its `act_instances.csv` lists them; the acts chart is drawn from the same
/// acts, which are let go before the report's other tables are built.
#[test]
fn the_documents_acts_match_their_instances() {
    let (_dir, out) = report_of_two(
        "We strongly condemn the attack. We welcome the talks and do not support the plan. We \
         deeply regret the delay.",
        "We acknowledge the report. We urge the parties to negotiate and we call for calm.",
    );
    assert!(out.join("acts.png").is_file());
    let instances = read_csv(&out.join("act_instances.csv"));
    let docs = crate::common::strs(&instances, "doc");
    let intensity = crate::common::nums(&instances, "intensity");
    let negated = instances.column("negated").unwrap().bool().unwrap();
    assert!(negated.sum() >= Some(1), "{instances}");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for doc in ["a", "b"] {
        let kept: Vec<f64> = (0..instances.height())
            .filter(|&i| docs[i] == doc && negated.get(i) == Some(false))
            .map(|i| intensity[i])
            .collect();
        assert!(kept.len() >= 2, "{doc}: {instances}");
        let mean = kept.iter().sum::<f64>() / kept.len() as f64;
        // Markdown escapes the parentheses of the cell.
        let cell = format!("| {} \\({mean:.1}\\) |", kept.len());
        let row = md
            .lines()
            .skip_while(|l| !l.contains(r"| acts \(mean intensity\) |"))
            .find(|l| l.starts_with(&format!("| {doc} |")))
            .unwrap_or_else(|| panic!("no row of {doc} in the documents' table: {md}"));
        assert!(row.ends_with(&cell), "{row} against {cell}");
    }
}

/// A report on files named one by one (a shell glob) is named for their range, as the charts
/// name them, not for the first file alone.
#[test]
fn a_report_on_named_files_is_named_for_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    for (f, t) in [
        ("RUS_60_2005.txt", "We support the talks."),
        ("RUS_61_2006.txt", "We welcome the mediators."),
        ("RUS_62_2007.txt", "We condemn the raids."),
    ] {
        std::fs::write(dir.path().join(f), t).unwrap();
    }
    let o = verbale()
        .args(["report", "-q"])
        .arg(dir.path().join("RUS_60_2005.txt"))
        .arg(dir.path().join("RUS_62_2007.txt"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.path().join("notebooks-out/RUS_60_2005-to-RUS_62_2007");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.starts_with("# verbale report: RUS\\_60\\_2005-to-RUS\\_62\\_2007"),
        "{}",
        &md[..80]
    );
}

/// The overview names the condition that chose the documents, and the keyness section says
/// why its group was chosen when no group has enough scare quotes to be chosen for them.
#[test]
fn the_report_says_how_its_documents_and_group_were_chosen() {
    let texts = [
        (
            "a",
            "AAA",
            2001,
            "We support the talks and welcome the mediators in the region.",
        ),
        (
            "b",
            "BBB",
            2002,
            "We condemn the raids on the port and the shelling of towns.",
        ),
        (
            "c",
            "BBB",
            2003,
            "We urge the parties to respect the ceasefire across the region.",
        ),
        (
            "d",
            "CCC",
            1990,
            "An older statement on the old questions of the day.",
        ),
    ];
    let (_dir, md) = report_of_grouped(
        &texts,
        &["--where", "year >= 2000", "--group-by", "country"],
    );
    assert!(
        md.contains("Documents: 3, chosen by --where year &gt;= 2000"),
        "{md}"
    );
    assert!(
        md.contains(
            "No group has 3 scare quotes or more, so this is the group with the most words"
        ),
        "{md}"
    );
    assert!(
        !md.contains("This is the group with the most scare quotes"),
        "{md}"
    );
}

/// A group's key term is followed over time in that group's documents (its rate in the
/// group's own statements), named so in the chart; the scare-quoted terms over every document.
#[test]
fn key_terms_are_followed_in_their_own_groups() {
    let a = "Ukraine defends its sovereignty. Ukraine asks for help. The war goes on in Ukraine. \
             We trade.";
    let b = "Trade and growth matter to us. Trade brings growth and jobs. We trade with the world. Ukraine.";
    let texts = [
        ("u1", "UKR", 2001, a),
        ("u2", "UKR", 2002, a),
        ("t1", "TRD", 2001, b),
        ("t2", "TRD", 2002, b),
        ("t3", "TRD", 2002, b),
    ];
    let (dir, md) = report_of_grouped(&texts, &["--group-by", "country", "--time", "year"]);
    let out = dir.path().join("rep");
    let trend = read_csv(&out.join("trend.csv"));
    let (terms, why) = (
        crate::common::strs(&trend, "term"),
        crate::common::strs(&trend, "chosen_as"),
    );
    let years = crate::common::nums(&trend, "year");
    let docs = crate::common::nums(&trend, "group_docs");
    let counted_in = crate::common::strs(&trend, "counted_in");
    let mut key: Vec<(f64, f64)> = (0..terms.len())
        .filter(|&i| why[i] == "key")
        .map(|i| (years[i], docs[i]))
        .collect();
    let mut groups: Vec<&str> = (0..terms.len())
        .filter(|&i| why[i] == "key")
        .map(|i| counted_in[i].as_str())
        .collect();
    groups.dedup();
    assert!(
        groups.contains(&"UKR") && groups.contains(&"TRD"),
        "{groups:?}"
    );
    assert!((0..terms.len()).all(|i| why[i] == "key" || counted_in[i] == "all"));
    key.sort_by(|x, y| x.partial_cmp(y).unwrap());
    // Each key term's rows count its group's documents of the year (UKR one a year, TRD one
    // in 2001 and two in 2002), not the year's (two in 2001, three in 2002).
    assert_eq!(
        key,
        [(2001.0, 1.0), (2001.0, 1.0), (2002.0, 1.0), (2002.0, 2.0)],
        "{trend}"
    );
    assert!(
        md.contains("\\(in TRD\\)") && md.contains("\\(in UKR\\)"),
        "{md}"
    );
    assert!(
        md.contains("counted in that group's documents only"),
        "{md}"
    );
}

/// With --phrases, a key term is followed as keyness counted it: alone, not inside the phrases
/// that hold it (`nations` without `United Nations`).
#[test]
fn key_terms_are_followed_outside_the_phrases_that_hold_them() {
    let a = "The nations meet. The nations agree. The nations act. The nations talk. The nations \
             vote. The United Nations meets. The United Nations acts.";
    let b = "Trade and growth matter to us. Trade brings growth and jobs. We trade with the world.";
    let texts = [
        ("a1", "AAA", 2001, a),
        ("a2", "AAA", 2002, a),
        ("b1", "BBB", 2001, b),
        ("b2", "BBB", 2002, b),
    ];
    let (dir, _md) = report_of_grouped(
        &texts,
        &["--group-by", "country", "--time", "year", "--phrases", "un"],
    );
    let trend = read_csv(&dir.path().join("rep").join("trend.csv"));
    let (terms, why) = (
        crate::common::strs(&trend, "term"),
        crate::common::strs(&trend, "chosen_as"),
    );
    let counts = crate::common::nums(&trend, "count");
    let nation: Vec<f64> = (0..terms.len())
        .filter(|&i| why[i] == "key" && terms[i] == "nations")
        .map(|i| counts[i])
        .collect();
    // Five uses alone a year; the two inside "United Nations" are the phrase's.
    assert_eq!(nation, [5.0, 5.0], "{trend}");
}

/// With no field of names to group by (a country per document) and years too many, the
/// groups are --time's decades.
#[test]
fn the_groups_fall_back_to_the_time_flag_field() {
    let names: Vec<(String, String, i32)> = (0..32)
        .map(|i| (format!("d{i:02}"), format!("C{i:02}"), 1950 + i))
        .collect();
    let texts: Vec<(&str, &str, i32, &str)> = names
        .iter()
        .map(|(f, c, y)| {
            (
                f.as_str(),
                c.as_str(),
                *y,
                "We call for peace and for trade.",
            )
        })
        .collect();
    let (dir, _md) = report_of_grouped(&texts, &["--time", "decade"]);
    let groups = read_csv(&dir.path().join("rep").join("groups.csv"));
    assert_eq!(groups.height(), 4, "{groups}");
}

/// The report's overview names the documents whose own words are another language's (a French
/// excerpt among UNGD speeches), as the commands warn on standard error.
#[test]
fn the_overview_names_documents_in_another_language() {
    let read = |p: &str| std::fs::read_to_string(crate::common::data(p)).unwrap();
    let english =
        read("quotes/docs/ungd_SRB_68_2013.txt") + &read("quotes/docs/ungd_AZE_75_2020.txt");
    let (_dir, out) = report_of_two(&english, &read("lang/fr_assemblee_2003_excerpt.txt"));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("another language's stopwords \\(1\\), counted here as English")
            && md.contains("- b \\(French\\)"),
        "{md}"
    );
    assert!(!md.contains("is the text French"), "{md}");
}

/// Documents of one year (dated statements chosen with --where) have no second year to follow
/// words over: the report follows them by month, the field its dates give, instead of
/// refusing --terms for want of a time field.
#[test]
fn the_documents_of_one_year_are_followed_by_month() {
    let dir = tempfile::tempdir().unwrap();
    let mut manifest = String::from("file,date\n");
    for (i, date) in [
        "2022-01-05",
        "2022-01-20",
        "2022-03-02",
        "2022-03-15",
        "2023-01-09",
    ]
    .iter()
    .enumerate()
    {
        let name = format!("s{i}.txt");
        std::fs::write(
            dir.path().join(&name),
            "We call for peace and for trade. Peace now.",
        )
        .unwrap();
        manifest.push_str(&format!("{name},{date}\n"));
    }
    std::fs::write(dir.path().join("manifest.csv"), manifest).unwrap();
    let out = dir.path().join("rep");
    let o = verbale()
        .args([
            "report",
            "-q",
            "--terms",
            "peace",
            "--where",
            "year = 2022",
            "-o",
        ])
        .arg(&out)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let trend = read_csv(&out.join("trend.csv"));
    assert_eq!(
        crate::common::strs(&trend, "month"),
        ["2022-01", "2022-03"],
        "{trend}"
    );
    assert_eq!(crate::common::nums(&trend, "count"), [4.0, 4.0], "{trend}");
}

/// The trend follows as scare-quoted the terms scare-quoted in a share of their uses, not a
/// frequent word scare-quoted a couple of times among hundreds.
#[test]
fn the_scare_quoted_trend_leaves_out_frequent_words_seldom_scare_quoted() {
    let peace = "We want peace. ".repeat(60);
    let a = format!(
        "The so-called “elections” were a sham. We reject the so-called “elections”. The \
         so-called “peace” is no peace. {peace}"
    );
    let b = format!("Trade matters. {peace}");
    let texts = [
        ("a1", "AAA", 2001, a.as_str()),
        ("a2", "AAA", 2002, a.as_str()),
        ("b1", "BBB", 2001, b.as_str()),
        ("b2", "BBB", 2002, b.as_str()),
    ];
    let (dir, _md) = report_of_grouped(&texts, &["--group-by", "country", "--time", "year"]);
    let trend = read_csv(&dir.path().join("rep").join("trend.csv"));
    let (terms, why) = (
        crate::common::strs(&trend, "term"),
        crate::common::strs(&trend, "chosen_as"),
    );
    let mut scare: Vec<&str> = (0..terms.len())
        .filter(|&i| why[i] == "scare-quoted")
        .map(|i| terms[i].as_str())
        .collect();
    scare.dedup();
    // "peace": 2 scare-quoted uses of 244; "elections": 4 of 4.
    assert_eq!(scare, ["elections"], "{trend}");
}

/// A phrase in --terms is followed as `trend` follows it: counted word by word in the
/// report's reading, or as one term when --phrases makes it one (both give the same counts),
/// and word by word when --phrases does not list it; the terms keep the order asked within
/// each year. A report from counts takes a phrase only when the counts hold it as one term.
#[test]
fn a_phrase_in_terms_is_followed_with_or_without_phrases() {
    let a = "Human rights matter. We defend human rights and trade. Rights, human or not.";
    let texts = [("a1", "AAA", 2001, a), ("b1", "BBB", 2002, a)];
    let asked = |args: &[&str]| -> (Vec<String>, Vec<f64>) {
        let mut all = vec!["--terms", "human rights,trade,we defend", "--time", "year"];
        all.extend(args);
        let (dir, _md) = report_of_grouped(&texts, &all);
        let trend = read_csv(&dir.path().join("rep").join("trend.csv"));
        let why = crate::common::strs(&trend, "chosen_as");
        let rows: Vec<usize> = (0..why.len()).filter(|&i| why[i] == "asked").collect();
        let terms = crate::common::strs(&trend, "term");
        let counts = crate::common::nums(&trend, "count");
        (
            rows.iter().map(|&i| terms[i].to_lowercase()).collect(),
            rows.iter().map(|&i| counts[i]).collect(),
        )
    };
    let order = ["human rights", "trade", "we defend"].repeat(2);
    for args in [&[][..], &["--phrases", "un"]] {
        let (terms, counts) = asked(args);
        assert_eq!(terms, order, "{args:?}");
        assert_eq!(counts, [2.0, 1.0, 1.0, 2.0, 1.0, 1.0], "{args:?}");
    }
    // From counts: with the phrase as one term, and without.
    let dir = grouped_folder(&texts);
    let report_of = |counted: &[&str]| {
        let c = dir.path().join(format!("c{}", counted.len()));
        let o = verbale()
            .args(["counts", "-q", "-o"])
            .arg(&c)
            .args(counted)
            .arg(dir.path().join("a1.txt"))
            .arg(dir.path().join("b1.txt"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        verbale()
            .args(["report", "-q", "--terms", "human rights", "--from-counts"])
            .arg(&c)
            .arg("-o")
            .arg(dir.path().join(format!("r{}", counted.len())))
            .output()
            .unwrap()
    };
    assert_eq!(report_of(&["--phrases", "un"]).status.code(), Some(0));
    let o = report_of(&[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("a phrase the counts do not hold as one term"),
        "{err}"
    );
}

/// A folder of statements with a manifest.csv of their country and year, and the report
/// `report -q ARGS -o rep FOLDER` makes of it: the folder (kept while in use) and report.md.
fn report_of_grouped(
    texts: &[(&str, &str, i32, &str)],
    args: &[&str],
) -> (tempfile::TempDir, String) {
    let dir = grouped_folder(texts);
    let out = dir.path().join("rep");
    let o = verbale()
        .args(["report", "-q"])
        .args(args)
        .arg("-o")
        .arg(&out)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    (dir, md)
}

/// The report (`report -q -o rep FOLDER`) of a folder of two statements, a.txt and b.txt: the
/// folder (kept while in use) and the report's.
fn report_of_two(a: &str, b: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("b.txt"), b).unwrap();
    let out = dir.path().join("rep");
    let o = verbale()
        .args(["report", "-q", "-o"])
        .arg(&out)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (dir, out)
}

/// A folder of statements (name, country, year, text) with their manifest.csv.
fn grouped_folder(texts: &[(&str, &str, i32, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut manifest = String::from("doc,country,year\n");
    for (f, c, y, t) in texts {
        std::fs::write(dir.path().join(format!("{f}.txt")), t).unwrap();
        manifest.push_str(&format!("{f},{c},{y}\n"));
    }
    std::fs::write(dir.path().join("manifest.csv"), manifest).unwrap();
    dir
}

#[test]
fn a_report_of_standard_input_is_named_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(crate::common::seed()).unwrap();
    // Alone: notebooks-out/stdin, not a folder named `-`.
    let o = verbale()
        .current_dir(dir.path())
        .args(["report", "-", "--quiet"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.path().join("notebooks-out/stdin/report.md").is_file());
    // Beside a file: the range of their names, standard input named as its document is.
    let file = dir.path().join("note.txt");
    std::fs::write(&file, "We condemn the so-called \"elections\".").unwrap();
    let o = verbale()
        .current_dir(dir.path())
        .args(["report", "note.txt", "-", "--quiet"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let made: Vec<String> = std::fs::read_dir(dir.path().join("notebooks-out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(made.contains(&"note-to-stdin".to_string()), "{made:?}");
}

/// A temporary folder that takes no file: the report keeps in memory what it would set aside,
/// says so, and writes the same tables.
#[test]
fn a_temporary_folder_that_takes_no_file_gives_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, tmp: &std::path::Path| {
        let out = dir.path().join(name);
        let o = verbale()
            .current_dir(root())
            .env("TMPDIR", tmp)
            .args(["report", "data/statements", "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (out, String::from_utf8_lossy(&o.stderr).to_string())
    };
    let (kept, said) = run("kept", &dir.path().join("no such folder"));
    assert!(
        said.contains("the temporary folder takes no file") && said.contains("TMPDIR"),
        "{said}"
    );
    let (aside, said) = run("aside", dir.path());
    assert!(!said.contains("temporary folder"), "{said}");
    for t in [
        "terms",
        "keyness",
        "quoted_terms",
        "ngrams",
        "collocates",
        "acts",
        "act_instances",
        "act_targets",
    ] {
        let file = format!("{t}.csv");
        let (x, y) = (kept.join(&file), aside.join(&file));
        assert_eq!(
            std::fs::read(&x).unwrap(),
            std::fs::read(&y).unwrap(),
            "{file}"
        );
    }
    let instances = std::fs::read_to_string(aside.join("act_instances.csv")).unwrap();
    assert!(instances.lines().count() > 5, "{instances}");
}
