//! Charts: each kind renders from real data; the PNG decodes at the size asked, its plot area
//! and label column hold ink; SVG parses and names the labels; bad requests fail clearly.

use crate::common::{root, seed, verbale};
use std::path::Path;

fn ink(img: &image::RgbImage, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
    let mut n = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let p = img.get_pixel(x, y);
            if p[0] < 200 || p[1] < 200 || p[2] < 200 {
                n += 1;
            }
        }
    }
    n
}

fn render(args: &[&str], out: &Path) {
    let o = verbale()
        .arg("chart")
        .args(args)
        .arg("-o")
        .arg(out)
        .args(["--width", "900", "--height", "600"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn every_kind_renders_a_png_with_ink() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("freq", &["freq", "data/statements"]),
        ("quotes", &["quotes", "data/statements"]),
        (
            "keyness",
            &[
                "keyness",
                "data/statements/ungd/AZE_75_2020.txt",
                "data/statements/ungd/ARM_75_2020.txt",
            ],
        ),
        (
            "dispersion",
            &[
                "dispersion",
                "data/statements/seed",
                "--terms",
                "elections,azerbaijan,occupied,armenia",
            ],
        ),
        ("similarity", &["similarity", "data/statements/ungd"]),
        ("cues", &["cues", "data/statements"]),
        ("quoted-phrases", &["quoted-phrases", "data/statements"]),
        ("docs", &["docs", "data/statements/ungd"]),
        ("acts", &["acts", "data/statements"]),
    ];
    for (name, args) in cases {
        let out = dir.path().join(format!("{name}.png"));
        render(args, &out);
        let img = image::open(&out).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (900, 600), "{name}");
        let (w, h) = img.dimensions();
        let plot = ink(&img, w / 6, h / 5, w - 20, h - 60);
        assert!(
            plot > 2_000,
            "{name}: plot area nearly blank ({plot} ink pixels)"
        );
        let labels = ink(&img, 0, h / 5, w / 5, h - 60);
        assert!(labels > 300, "{name}: label column empty ({labels})");
        let title = ink(&img, 0, 0, w, 40);
        assert!(title > 300, "{name}: no title");
    }
}

#[test]
fn svg_parses_and_names_the_labels() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q.svg");
    render(&["quotes", "data/statements/seed"], &out);
    let svg = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect();
    assert!(texts.iter().any(|t| t == "elections"), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("57% quoted")), "{texts:?}");
    assert!(texts.iter().any(|t| t == "in scare quotes"));
    // Quoted phrases: the quotation whole, its count, scare count and cue at the bar's end.
    let texts = svg_texts(&["quoted-phrases", "data/statements"]);
    assert!(texts.iter().any(|t| t == "elections"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t == "7 (7 scare), so-called"),
        "{texts:?}"
    );
}

/// Runs a table command from the repository root; its CSV on standard output as a frame.
fn table_csv(args: &[&str]) -> polars::prelude::DataFrame {
    let o = verbale()
        .args(args)
        .args(["--format", "csv"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?}");
    crate::common::csv_bytes(o.stdout)
}

/// The texts of an SVG chart.
fn svg_texts(args: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.svg");
    render(args, &out);
    let svg = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect()
}

#[test]
fn dispersion_keeps_its_note_under_any_title_and_joins_terms_of_one_stem() {
    let docs = "tests/data/quotes/docs";
    let args = |title: &str| {
        let terms = "election,elections,peace";
        let mut a = vec!["dispersion", docs, "--terms", terms, "--top", "3"];
        if !title.is_empty() {
            a.extend(["--title", title]);
        }
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let long = "A title of a user's own, far too long for the width of this chart: ".repeat(3);
    for title in ["", "Elections and peace", long.as_str()] {
        let a = args(title);
        let texts = svg_texts(&a.iter().map(String::as_str).collect::<Vec<_>>());
        let top = &texts[0];
        assert!(top.starts_with(&title[..title.len().min(20)]), "{top}");
        assert!(
            top.ends_with("rows: each term's most scare-quoted in turn, in the corpus's order)"),
            "{top}"
        );
        // `election` and `elections` share the stem `elect`: one row per document for both.
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("election / elections · ")),
            "{texts:?}"
        );
    }
}

#[test]
fn a_heatmap_of_too_many_documents_is_refused_with_the_way_out() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..151 {
        std::fs::write(dir.path().join(format!("d{i}.txt")), "peace and elections").unwrap();
    }
    let o = verbale()
        .args(["chart", "similarity", "-q", "-o"])
        .arg(dir.path().join("s.png"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("151 documents") && err.contains("compare --table similarity"));
    assert!(!dir.path().join("s.png").exists());
}

#[test]
fn non_latin_labels_render() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("names.txt");
    std::fs::write(
        &doc,
        "Azərbaycan Azərbaycan Ελλάδα Ελλάδα Россия Россия العربية",
    )
    .unwrap();
    let out = dir.path().join("f.png");
    let o = verbale()
        .args(["chart", "freq", "--no-stem", "--stopwords", "none"])
        .arg(&doc)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let img = image::open(&out).unwrap().to_rgb8();
    let (w, h) = img.dimensions();
    assert!(ink(&img, 0, 60, w / 3, h - 60) > 300);
}

/// `chart docs --by year`: the measure's mean per year, a point per year that has documents,
/// the years in order along the x axis.
#[test]
fn the_docs_chart_follows_a_measure_over_a_time_field() {
    let (docs, names) = ("data/statements/ungd", "{country}_{session}_{year}");
    // The chart's texts, by a field.
    let by = |field: &str| {
        let args = [
            "docs",
            docs,
            "--measure",
            "ttr",
            "--by",
            field,
            "--meta-name",
            names,
        ];
        svg_texts(&args)
    };
    let texts = by("year");
    let df = table_csv(&["docs", docs, "-q", "--meta-name", names]);
    let mut years: Vec<i64> = crate::common::nums(&df, "year")
        .iter()
        .map(|&y| y as i64)
        .collect();
    years.sort();
    years.dedup();
    let shown: Vec<i64> = texts
        .iter()
        .filter_map(|t| t.parse().ok())
        .filter(|y| years.contains(y))
        .collect();
    assert_eq!(shown, years, "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Type-token ratio, mean per year")),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.starts_with("scare-quoted")),
        "no scare legend: {texts:?}"
    );
    // Over a field that is no number, a bar per value with its documents, not a line.
    let texts = by("country");
    let mut countries = crate::common::strs(&df, "country");
    countries.sort();
    countries.dedup();
    for c in &countries {
        let n = crate::common::strs(&df, "country")
            .iter()
            .filter(|x| *x == c)
            .count();
        let label = format!("{c} ({n} doc{})", if n == 1 { "" } else { "s" });
        assert!(texts.contains(&label), "{label} in {texts:?}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Type-token ratio, mean per country")),
        "{texts:?}"
    );
}

/// `chart docs --measure`: one bar per document, highest first, the value at the bar's end,
/// equal to the `docs` table's; a measure it does not know is a usage error naming those it
/// does, and so is a docs measure given to a similarity chart.
#[test]
fn the_docs_chart_draws_the_docs_tables_measure() {
    let texts = svg_texts(&["docs", "data/statements/ungd", "--measure", "ttr"]);
    let df = table_csv(&["docs", "data/statements/ungd", "-q"]);
    let (docs, ttr) = (
        crate::common::strs(&df, "doc"),
        crate::common::nums(&df, "ttr"),
    );
    let best = (0..docs.len())
        .max_by(|&x, &y| ttr[x].total_cmp(&ttr[y]))
        .unwrap();
    let id = docs[best].rsplit('/').next().unwrap().to_string();
    let at = |t: &str| texts.iter().position(|x| x == t);
    assert!(at(&id).is_some(), "{id} in {texts:?}");
    assert!(at(&format!("{:.3}", ttr[best])).is_some(), "{texts:?}");
    // Every document is drawn: the title says how many; only some: it says which.
    let title = |t: &[String]| {
        t.iter()
            .find(|x| x.starts_with("Type-token ratio per document"))
            .cloned()
    };
    let all = title(&texts).unwrap();
    assert!(
        all.ends_with(&format!("({} documents)", docs.len())),
        "{all}"
    );
    let some = svg_texts(&[
        "docs",
        "data/statements/ungd",
        "--measure",
        "ttr",
        "--top",
        "3",
    ]);
    let names: Vec<&str> = docs.iter().map(|d| d.rsplit('/').next().unwrap()).collect();
    let bars = some.iter().filter(|x| names.contains(&x.as_str())).count();
    assert_eq!(bars, 3, "{some:?}");
    let t = title(&some).unwrap();
    assert!(
        t.starts_with("Type-token ratio per document, the 3 highest: "),
        "{t}"
    );
    // A document with no scare quote makes no bar of scare quotes: counted, not drawn.
    let scare = crate::common::nums(&df, "scare_per_10k");
    let (zeros, above) = (
        scare.iter().filter(|&&v| v == 0.0).count(),
        scare.iter().filter(|&&v| v > 0.0).count(),
    );
    assert!(zeros > 0 && above > 0, "{scare:?}");
    let texts = svg_texts(&["docs", "data/statements/ungd", "--measure", "scare_per_10k"]);
    let t = texts
        .iter()
        .find(|x| x.starts_with("Scare quotes per 10,000 tokens per document"))
        .unwrap();
    assert!(
        t.starts_with(&format!(
            "Scare quotes per 10,000 tokens per document, the {above} above 0 ({zeros} at 0 not drawn)"
        )),
        "{t}"
    );
    let bars = texts.iter().filter(|x| names.contains(&x.as_str())).count();
    assert_eq!(bars, above, "{texts:?}");
    for (args, says) in [
        (
            &["docs", "--measure", "nope"][..],
            "a docs chart takes one of mtld",
        ),
        (
            &["similarity", "--measure", "mtld"][..],
            "cosine or jaccard",
        ),
        (
            &["collocates", "--terms", "peace", "--measure", "mtld"][..],
            "scored by ll, mi, t or dice",
        ),
    ] {
        let o = verbale()
            .arg("chart")
            .args(args)
            .arg("data/statements/ungd")
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(says),
            "{args:?}"
        );
    }
}

#[test]
fn bad_requests_fail_clearly() {
    let s = seed();
    let dir = tempfile::tempdir().unwrap();
    let o = verbale().args(["chart", "pie"]).arg(&s).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("invalid value 'pie'") && err.contains("possible values: freq, quotes"),
        "{err}"
    );
    // Usage errors are said as the run's own errors are.
    assert!(err.starts_with("verbale: error: "), "{err}");
    let o = verbale()
        .args(["chart", "dispersion", "--terms", "elections,zeppelin"])
        .arg(&s)
        .arg("-o")
        .arg(dir.path().join("d.png"))
        .output()
        .unwrap();
    // A term in none of the documents is named in the chart's note; the rest is drawn, as a
    // trend chart does; with none of them there, nothing is written (exit 1, as trend).
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dir.path().join("d.png").exists());
    let o = verbale()
        .args(["chart", "dispersion", "--terms", "zeppelin"])
        .arg(&s)
        .arg("-o")
        .arg(dir.path().join("z.png"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--terms zeppelin: in none of these documents"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!dir.path().join("z.png").exists());
    let o = verbale()
        .args(["chart", "freq"])
        .arg(&s)
        .args(["-o", "/no/such/folder/f.png"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not exist"));
    let o = verbale()
        .args(["chart", "freq"])
        .arg(&s)
        .arg("-o")
        .arg(dir.path().join("f.gif"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = verbale()
        .args(["chart", "quotes", "--stopwords", "none"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no documents"));
    let empty = dir.path().join("plain.txt");
    std::fs::write(&empty, "no quotation marks here at all").unwrap();
    let o = verbale()
        .args(["chart", "quotes"])
        .arg(&empty)
        .arg("-o")
        .arg(dir.path().join("q.png"))
        .output()
        .unwrap();
    // A valid run that finds nothing: exit 1 (not a usage error), and no chart.
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no quoted terms") && err.contains("nothing written"),
        "{err}"
    );
    assert!(!dir.path().join("q.png").exists());
}

#[test]
fn dispersion_over_many_documents_shares_rows_among_terms_by_scare_quotes() {
    // Over a whole folder a term-document row per document would not fit; the plot keeps the
    // `top` rows, the terms taking turns, each with its rows of most scare-quoted (then quoted,
    // then all) occurrences, and says so.
    use verbale::analysis::Options;
    use verbale::chart::{kinds, DispersionRow, Role, Spec};
    let docs = crate::common::fixture_docs();
    let opts = Options::new(verbale::text::Lang::english());
    let terms = ["elections".to_string(), "peace".to_string()];
    let positions = verbale::analysis::positions(&docs, &opts);
    let keyed: Vec<(String, String)> = terms
        .iter()
        .map(|t| (t.clone(), opts.term_key(t)))
        .collect();
    let rows = |top: usize| match kinds::dispersion(&positions, &keyed, "fixtures", top) {
        // What was kept is said apart from the title, so that `--title` cannot hide it.
        Ok(Spec::Dispersion { kept, rows, .. }) => (kept, rows),
        _ => panic!("no dispersion plot"),
    };
    let (all_kept, all) = rows(usize::MAX);
    assert!(all_kept.is_empty(), "{all_kept}");
    assert!(all.len() > 20, "{} rows", all.len());
    let score = |r: &DispersionRow| {
        let n = |role: Role| r.marks.iter().filter(|m| m.1 == role).count();
        (n(Role::Scare), r.marks.len(), n(Role::Quoted))
    };
    let (note, kept) = rows(5);
    assert_eq!(kept.len(), 5);
    assert!(
        note.contains(&format!("the 5 of {} rows", all.len())),
        "{note}"
    );
    assert!(note.contains("most scare-quoted in turn"), "{note}");
    let labels: Vec<&str> = kept.iter().map(|r| r.label.as_str()).collect();
    // The terms take turns (3 rows and 2), and each term's kept rows outrank its dropped ones.
    let of_term = |r: &DispersionRow, t: &str| r.label.starts_with(&format!("{t} · "));
    let mut shares = Vec::new();
    for t in &terms {
        let mine: Vec<&DispersionRow> = kept.iter().filter(|r| of_term(r, t)).collect();
        shares.push(mine.len());
        let lowest = mine.iter().map(|r| score(r)).min().unwrap();
        for r in all.iter().filter(|r| of_term(r, t)) {
            if !labels.contains(&r.label.as_str()) {
                assert!(score(r) <= lowest, "{} dropped: {:?}", r.label, score(r));
            }
        }
    }
    shares.sort_unstable();
    assert_eq!(shares, [2, 3], "{labels:?}");
    // With room for two rows, both terms keep one.
    let (_, two) = rows(2);
    for t in &terms {
        assert!(two.iter().any(|r| of_term(r, t)), "{t} lost");
    }
    // Kept rows stay in corpus order.
    let order: Vec<usize> = labels
        .iter()
        .map(|l| all.iter().position(|r| r.label == *l).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn grouped_freq_charts_show_each_groups_counts() {
    // data/manifest.csv gives each bundled statement its country.
    let texts = svg_texts(&["freq", "data", "--group-by", "country", "--top", "3"]);
    let df = table_csv(&["freq", "data", "--group-by", "country", "--top", "3"]);
    let col = |c: &str| crate::common::strs(&df, c);
    let (groups, forms, counts) = (col("country"), col("form"), col("count"));
    assert_eq!(groups.len(), 9, "three groups of three");
    for i in 0..groups.len() {
        let label = format!("{} · {}", groups[i], forms[i]);
        let at = texts
            .iter()
            .position(|t| *t == label)
            .unwrap_or_else(|| panic!("{label}: {texts:?}"));
        assert!(
            texts[at..].contains(&counts[i]),
            "{label}: count {}",
            counts[i]
        );
    }
    assert!(texts
        .iter()
        .any(|t| t.starts_with("Most frequent terms, by country")));
    let o = verbale()
        .args(["chart", "keyness", "data", "--group-by", "country"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--group-by draws freq, quotes and acts"));
}

/// The keyness chart of `chart` (`keyness data --top 5` and `extra`, ARM against AZE) and
/// the table of `compare` (`compare data --top 5` and `cmp`) on the same sides: each of the
/// table's rows is a bar labelled with its form and the value of `column` with one decimal.
/// Returns the chart's texts.
fn keyness_bars_match_compare(extra: &[&str], cmp: &[&str], column: &str) -> Vec<String> {
    let sides = [
        "--target-where",
        "country = 'ARM'",
        "--reference-where",
        "country = 'AZE'",
    ];
    let mut args = vec!["keyness", "data", "--top", "5"];
    args.extend(extra);
    args.extend(sides);
    let texts = svg_texts(&args);
    let mut c = vec!["compare", "data", "--top", "5"];
    c.extend(cmp);
    c.extend(sides);
    let df = table_csv(&c);
    assert!(df.height() >= 4, "{df}");
    let forms = df.column("form").unwrap().str().unwrap();
    let values = df.column(column).unwrap().f64().unwrap();
    for i in 0..df.height() {
        let label = forms.get(i).unwrap();
        let at = texts.iter().position(|t| t == label).expect(label);
        let value = format!("{:.1}", values.get(i).unwrap());
        assert!(
            texts[at..].contains(&value),
            "{label}: {value} in {texts:?}"
        );
    }
    texts
}

/// `chart keyness --sort log-odds` draws compare's log-odds z-scores of the same rows, with the
/// z guide; the default stays G².
#[test]
fn a_keyness_chart_draws_the_statistic_it_is_sorted_by() {
    let sort = ["--sort", "log-odds"];
    let texts = keyness_bars_match_compare(&sort, &sort, "log_odds_z");
    assert!(texts.iter().any(|t| t.starts_with("log-odds z-score")));
    assert!(texts.iter().any(|t| t.contains("|z| = 1.96")));
    let texts = keyness_bars_match_compare(&[], &[], "g2");
    assert!(texts
        .iter()
        .any(|t| t.starts_with("signed log-likelihood G²")));
}

/// `chart keyness --n 2` draws the key bigrams `compare --ngrams 2 --min-count 2` gives, with
/// their G², and says so in its title; `--n` on a chart that has no n-grams is named as ignored.
#[test]
fn a_keyness_chart_of_ngrams_draws_compares_key_ngrams() {
    let texts =
        keyness_bars_match_compare(&["--n", "2"], &["--ngrams", "2", "--min-count", "2"], "g2");
    let bigrams = texts.iter().filter(|t| t.split(' ').count() == 2).count();
    assert!(bigrams >= 4, "{texts:?}");
    assert!(
        texts.iter().any(|t| t.starts_with("Key 2-grams:")),
        "{texts:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let o = verbale()
        .args(["chart", "freq", "data", "--n", "3", "-o"])
        .arg(dir.path().join("f.svg"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("chart freq ignores --n (read by chart ngrams, keyness)"),
        "{err}"
    );
}

/// The legend of a grouped quotes chart names every colour its bars show: in `data/` the first
/// group (ARM) has no scare quote, a later one (the seed's AZE statement) has.
#[test]
fn a_grouped_quotes_legend_names_what_any_group_shows() {
    let texts = svg_texts(&["quotes", "data", "--group-by", "country"]);
    let df = table_csv(&["quotes", "data", "--kind", "scare"]);
    assert!(df.height() > 0, "data/ has scare quotes");
    for entry in [
        "in scare quotes",
        "in other quotations",
        "without quotation marks",
    ] {
        assert!(texts.iter().any(|t| t == entry), "{entry}: {texts:?}");
    }
}

#[test]
fn the_similarity_scale_spans_the_pairs_values() {
    let texts = svg_texts(&["similarity", "data/statements/ungd"]);
    let df = table_csv(&["compare", "data/statements/ungd", "--table", "similarity"]);
    let cos = crate::common::nums(&df, "cosine");
    let lo = cos.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = cos.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    assert!(
        hi - lo > 0.1 && lo > 0.3,
        "real speeches are alike: {lo}..{hi}"
    );
    for v in [lo, hi] {
        let label = format!("{v:.2}");
        assert!(texts.contains(&label), "scale label {label}: {texts:?}");
    }
    assert!(!texts.iter().any(|t| t == "0.5"), "no fixed 0–1 scale");
}

#[test]
fn the_dispersion_legend_lists_only_what_is_drawn() {
    // In the seed statement `azerbaijan` is never quoted: its ticks are all plain.
    let seed = seed();
    let texts = svg_texts(&[
        "dispersion",
        seed.to_str().unwrap(),
        "--terms",
        "azerbaijan",
    ]);
    assert!(
        texts.iter().any(|t| t == "without quotation marks"),
        "{texts:?}"
    );
    assert!(!texts
        .iter()
        .any(|t| t == "in scare quotes" || t == "in other quotations"));
    // A scare-quoted term brings its entry back.
    let texts = svg_texts(&[
        "dispersion",
        "tests/data/quotes/docs",
        "--terms",
        "elections",
    ]);
    assert!(texts.iter().any(|t| t == "in scare quotes"), "{texts:?}");
}

#[test]
fn the_keyness_chart_marks_the_threshold_and_sizes_each_side_by_its_bars() {
    let u = "data/statements/ungd";
    let texts = svg_texts(&[
        "keyness",
        &format!("{u}/AZE_75_2020.txt"),
        &format!("{u}/ARM_75_2020.txt"),
    ]);
    let guides = texts
        .iter()
        .filter(|t| *t == "dashed: |G²| = 3.84 (p = 0.05)")
        .count();
    // The dashed lines on each side are labelled once (two labels collided near zero).
    assert_eq!(guides, 1, "{texts:?}");
    assert!(!texts.iter().any(|t| t == "-0"), "no negative zero tick");
    // A target over-using little: the axis' left side only as wide as its longest bar needs.
    let texts = svg_texts(&["keyness", &format!("{u}/AZE_75_2020.txt"), u, "--top", "5"]);
    let ticks: Vec<f64> = texts.iter().filter_map(|t| t.parse::<f64>().ok()).collect();
    let lo = ticks.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = ticks.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    assert!(lo < 0.0 && hi > 0.0, "{ticks:?}");
    assert!(
        (hi / -lo - 1.0).abs() > 0.2 || (-lo / hi - 1.0).abs() > 0.2,
        "sides sized apart: {lo} {hi}"
    );
}

#[test]
fn trend_and_ngram_charts_name_the_scare_threshold_they_were_drawn_at() {
    for kind in [
        vec!["trend", "data", "--by", "year", "--terms", "elections"],
        vec!["ngrams", "data"],
    ] {
        let title = |extra: &[&str]| {
            let args: Vec<&str> = kind.iter().chain(extra).copied().collect();
            svg_texts(&args)[0].clone()
        };
        assert!(
            title(&["--min-confidence", "0.7"]).ends_with("(scare at p ≥ 0.7)"),
            "{kind:?}"
        );
        assert!(!title(&[]).contains("scare at p"), "{kind:?}");
    }
}

/// A speech-act chart says how many documents it leaves out for having no act, so that its
/// title's count matches its bars.
#[test]
fn an_acts_chart_names_the_documents_without_acts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "We strongly condemn the attack.").unwrap();
    std::fs::write(dir.path().join("b.txt"), "The weather was fine all week.").unwrap();
    let texts = svg_texts(&["acts", dir.path().to_str().unwrap()]);
    assert!(
        texts[0].contains("(2 documents); 1 without acts left out"),
        "{texts:?}"
    );
}

/// A chart of acts over years draws every year read, those without acts at the ends of the
/// period too, as empty bars: the axis is the period.
#[test]
fn an_acts_chart_over_years_draws_the_years_without_acts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, text) in [
        ("a_2001.txt", "The weather was fine all week."),
        ("b_2002.txt", "We strongly condemn the attack."),
        ("c_2003.txt", "The harvest was good this year."),
        ("d_2004.txt", "We welcome the agreement."),
        ("e_2005.txt", "The rains came late."),
    ] {
        std::fs::write(d.join(name), text).unwrap();
    }
    let by_year = |extra: &[&str]| {
        let args = ["acts", d.to_str().unwrap(), "--meta-name", "{slug}_{year}"];
        svg_texts(&[&args[..], &["--group-by", "year"], extra].concat())
    };
    let texts = by_year(&[]);
    for year in ["2001", "2002", "2003", "2004", "2005"] {
        assert!(texts.iter().any(|t| t == year), "{year}: {texts:?}");
    }
    assert_eq!(
        texts.iter().filter(|t| *t == "no act").count(),
        3,
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("without acts left out")),
        "{texts:?}"
    );
    // --top counts the years with acts: the first of them is drawn, not the empty years
    // before it.
    let texts = by_year(&["--top", "1"]);
    assert!(texts.iter().any(|t| t == "2002"), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t == "2001" || t == "no act"),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("the 1 first of 2; 3 without acts left out")),
        "{texts:?}"
    );
}

/// Runs `chart ARGS` from the repository root: its exit code and standard error.
fn chart_error(args: &[&str]) -> (Option<i32>, String) {
    let o = verbale()
        .arg("chart")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Without -o, charts of one folder under two --where conditions get two files, named by
/// their conditions; the same condition names the same file.
#[test]
fn default_chart_names_tell_where_conditions_apart() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = root().join("data/statements/ungd");
    let draw = |w: &str| {
        let o = verbale()
            .args([
                "chart",
                "freq",
                "-q",
                "--meta-name",
                "{country}_{session}_{year}",
                "--where",
                w,
            ])
            .arg(&corpus)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    draw("country = 'ARM'");
    draw("country = 'AZE'");
    draw("country = 'AZE'");
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("notebooks-out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].starts_with("freq-ungd-country-eq-ARM-"),
        "{names:?}"
    );
    assert!(
        names[1].starts_with("freq-ungd-country-eq-AZE-"),
        "{names:?}"
    );
}

/// `--format svg` draws SVG where no -o names the file, and must agree with -o's extension.
#[test]
fn the_format_is_given_or_follows_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let o = verbale()
        .args(["chart", "freq", "-q", "--format", "svg"])
        .arg(root().join("data/statements/seed"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(dir.path().join("notebooks-out/freq-seed.svg")).unwrap();
    assert!(roxmltree::Document::parse(&svg).is_ok());
    let (code, err) = chart_error(&["freq", "data", "-f", "svg", "-o", "x.png"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("name the file .svg"), "{err}");
}

/// Words typed where the paths go, as `trend` takes them: the --terms form is shown.
#[test]
fn a_trend_chart_of_words_given_as_paths_shows_terms() {
    let (code, err) = chart_error(&["trend", "terrorism", "data", "--by", "year"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("terrorism: no such file or folder; chart trend takes its words with --terms: chart trend PATH... --terms terrorism"),
        "{err}"
    );
}

/// More terms than lines a trend chart draws are refused before any reading (the folder
/// given does not exist, and that is not what is said).
#[test]
fn a_trend_chart_of_too_many_terms_is_refused_before_reading() {
    let (code, err) = chart_error(&[
        "trend",
        "no-such-folder",
        "--terms",
        "a,b,c,d,e,f,g",
        "--by",
        "year",
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("7 terms are too many lines for one chart (at most 6)"),
        "{err}"
    );
}

/// `chart collocates --measure mi` is scored as `--score mi` (the flag `collocates` uses).
#[test]
fn a_collocates_chart_takes_its_score_by_either_name() {
    let texts = |score: &[&str]| {
        let mut a = vec!["collocates", "data/statements/ungd", "--terms", "peace"];
        a.extend(score);
        svg_texts(&a)
    };
    let mi = texts(&["--score", "mi"]);
    assert_eq!(texts(&["--measure", "mi"]), mi);
    assert_ne!(texts(&[]), mi, "the default score is ll");
}

/// A stacked bar draws only the strengths its document has: no sliver of a colour for none.
#[test]
fn an_acts_chart_draws_no_empty_segment() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "We welcome the agreement.").unwrap();
    std::fs::write(dir.path().join("b.txt"), "We welcome the decision.").unwrap();
    let out = dir.path().join("c.svg");
    render(&["acts", dir.path().to_str().unwrap()], &out);
    let svg = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let fills: std::collections::BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("fill"))
        .filter(|f| *f != "#FFFFFF")
        .collect();
    assert_eq!(
        fills.len(),
        1,
        "one strength drawn, legend and bars: {fills:?}"
    );
}

/// A trend chart of words in no document draws nothing and says so (exit 1, no file); one of
/// them absent among others is named in a warning, as `trend` names it.
#[test]
fn a_trend_chart_of_absent_words_draws_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.png");
    let run = |terms: &str| {
        verbale()
            .args([
                "chart", "trend", "data", "--by", "year", "--terms", terms, "-o",
            ])
            .arg(&out)
            .current_dir(root())
            .output()
            .unwrap()
    };
    for terms in ["zzqxword", "zzqxword,zzqxword"] {
        let o = run(terms);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("--terms zzqxword: in none of these documents; nothing written"),
            "{err}"
        );
        assert!(!out.exists());
    }
    let o = run("elections,zzqxword");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("warning: 'zzqxword' is in none of these documents"),
        "{err}"
    );
    assert!(out.exists());
    // A size out of range is refused before any reading, naming its flag.
    let (code, err) = chart_error(&["freq", "data", "--width", "10"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("--width") && err.contains("200..=10000"),
        "{err}"
    );
}

/// A docs chart with more facet values than panels is refused as a trend chart is (it was
/// drawn blank, exit 0), and flags a kind does not read are named in a warning.
#[test]
fn a_docs_chart_of_too_many_facets_is_refused_and_ignored_flags_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut manifest = String::from("file,country,year\n");
    for i in 0..13 {
        let f = format!("c{i}.txt");
        std::fs::write(dir.path().join(&f), "We hold elections. Peace is near.").unwrap();
        manifest.push_str(&format!("{f},C{i},{}\n", 2000 + i % 2));
    }
    std::fs::write(dir.path().join("manifest.csv"), manifest).unwrap();
    let chart = |args: &[&str], out: &str| {
        verbale()
            .arg("chart")
            .args(args)
            .arg("-o")
            .arg(dir.path().join(out))
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let o = chart(
        &[
            "docs",
            "--measure",
            "ttr",
            "--by",
            "year",
            "--facet",
            "country",
        ],
        "f.svg",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("13 values of country are too many panels"),
        "{err}"
    );
    assert!(!dir.path().join("f.svg").exists());
    let o = chart(&["freq", "--measure", "ttr", "--terms", "peace"], "g.svg");
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("chart freq ignores --terms")
            && err.contains("--measure (read by chart similarity, docs, collocates)"),
        "{err}"
    );
    let o = chart(&["freq"], "h.svg");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("ignores"));
}

/// `docs --sort`: the rows ordered by a measure (largest first, or smallest with
/// `--ascending`) before `--top` keeps the first; a column the table lacks is a usage error.
#[test]
fn docs_sort_by_a_measure_before_top() {
    let all = table_csv(&["docs", "data", "-q"]);
    let mut mtld = crate::common::nums(&all, "mtld");
    mtld.sort_by(|a, b| b.total_cmp(a));
    let top = table_csv(&["docs", "data", "-q", "--sort", "mtld", "--top", "3"]);
    assert_eq!(crate::common::nums(&top, "mtld"), mtld[..3].to_vec());
    let low = table_csv(&["docs", "data", "-q", "--sort", "mtld", "--ascending"]);
    let mut asc = mtld.clone();
    asc.reverse();
    assert_eq!(crate::common::nums(&low, "mtld"), asc);
    let o = verbale()
        .args(["docs", "data", "-q", "--sort", "flesh"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean 'flesch'"));
}

/// A trend chart along a field that is no order (countries) with more values than a reader
/// can tell apart is refused with the ways to draw it; 30 values are drawn.
#[test]
fn a_trend_chart_along_many_categories_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for i in 1..=31 {
        std::fs::write(dir.path().join(format!("c{i:02}.txt")), "Peace and peace.").unwrap();
    }
    let run = |dir: &std::path::Path| {
        verbale()
            .args(["chart", "trend", "--terms", "peace", "--by", "country"])
            .args(["--meta-name", "{country}", "-o"])
            .arg(dir.join("t.png"))
            .arg(dir)
            .output()
            .unwrap()
    };
    let o = run(dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--by country has 31 values and is no order"),
        "{err}"
    );
    assert!(!dir.path().join("t.png").exists());
    std::fs::remove_file(dir.path().join("c31.txt")).unwrap();
    let o = run(dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// A month axis is in time order whichever panel first has a month: a month only a later
/// facet has was drawn after all the others (the White House `readout` panel's January 2021 at
/// the end), and its labels fall on Januaries or quarters.
#[test]
fn a_month_axis_is_in_time_order_across_facets() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("a_2021-02-01_x.txt", "peace and peace"),
        ("a_2021-03-01_x.txt", "peace"),
        ("b_2021-01-01_x.txt", "peace talks"),
        ("b_2021-03-01_x.txt", "no talks"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let texts = svg_texts(&[
        "trend",
        d,
        "--meta-name",
        "{type}_{date:%Y-%m-%d}_{slug}",
        "--terms",
        "peace",
        "--by",
        "month",
        "--facet",
        "type",
    ]);
    let months: Vec<&String> = texts.iter().filter(|t| t.starts_with("2021-")).collect();
    assert!(!months.is_empty(), "{texts:?}");
    // Each panel's labels run forward in time, from the first month.
    assert_eq!(months[0], "2021-01", "{months:?}");
    for w in months.windows(2) {
        assert!(w[0] < w[1] || w[1] == "2021-01", "{months:?}");
    }
}

/// A line chart of a measure that goes negative (Flesch reading ease of a very hard text) draws
/// its axis below 0, so the point is not drawn under the axis where no tick reaches it.
#[test]
fn a_negative_measure_gets_an_axis_below_zero() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "2020_a.txt",
            "The cat sat on the mat. It was a good day. We all went home.",
        ),
        (
            "2021_b.txt",
            "Internationalization institutionalization notwithstanding, multidimensional \
             intergovernmental organizational responsibilities necessitate extraordinarily \
             comprehensive interdisciplinary considerations.",
        ),
        ("2022_c.txt", "We met. We spoke. We agreed."),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let texts = svg_texts(&[
        "docs",
        d,
        "--meta-name",
        "{year:int}_{slug}",
        "--measure",
        "flesch",
        "--by",
        "year",
    ]);
    // Flesch of the second text is about -299: the axis goes down to -400.
    assert!(texts.iter().any(|t| t == "-400"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "0"), "{texts:?}");
}

/// A trend chart of 2020 and 2021 with a line per `(rate in 2020, its scare-quoted uses)`
/// (1.0 in 2021, none scare-quoted), drawn as SVG: each text with its `y`.
fn ring_chart_texts(rings: &[(f64, u64)]) -> Vec<(String, f64)> {
    use verbale::chart::{render, ImageFormat, LinePanel, LinePoint, LineSeries, Size, Spec};
    let point = |value: f64, scare: u64| {
        Some(LinePoint {
            value,
            docs: 5,
            scare,
        })
    };
    let series = rings
        .iter()
        .enumerate()
        .map(|(k, &(v, scare))| LineSeries {
            label: format!("s{k}"),
            points: vec![point(v, scare), point(1.0, 0)],
        })
        .collect();
    let spec = Spec::Lines {
        title: "t".into(),
        y_label: "per 10,000 tokens".into(),
        x: vec!["2020".into(), "2021".into()],
        panels: vec![LinePanel {
            title: String::new(),
            series,
        }],
    };
    let size = Size {
        width: 1000,
        height: 460,
    };
    let svg = String::from_utf8(render(&spec, size, ImageFormat::Svg).unwrap()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let y = n.attribute("y")?.parse().ok()?;
            Some((n.text()?.trim().to_string(), y))
        })
        .collect()
}

/// Scare-quote counts beside rings that crowd one group are set a line apart, not on top of
/// each other: three terms at nearly one rate in 2020, each scare-quoted there.
#[test]
fn crowded_scare_counts_do_not_overlap() {
    let texts = ring_chart_texts(&[(0.23, 1), (0.22, 5), (0.21, 2)]);
    let mut ys: Vec<f64> = texts
        .iter()
        .filter(|(t, _)| matches!(t.as_str(), "1" | "5" | "2"))
        .map(|t| t.1)
        .collect();
    ys.sort_by(f64::total_cmp);
    assert_eq!(ys.len(), 3, "{ys:?}");
    assert!(ys[1] - ys[0] >= 12.0 && ys[2] - ys[1] >= 12.0, "{ys:?}");
}

/// Scare-quote counts of rings near zero stay inside the plot: their stack moves up rather
/// than onto the axis labels.
#[test]
fn scare_counts_near_zero_stay_above_the_axis() {
    let texts = ring_chart_texts(&[(0.0, 1), (0.0, 2), (0.0, 3), (0.0, 4)]);
    let y_of = |t: &str| -> Vec<f64> { texts.iter().filter(|x| x.0 == t).map(|x| x.1).collect() };
    let axis = y_of("2020")[0];
    for count in ["1", "2", "3", "4"] {
        let ys = y_of(count);
        // The counts' baselines above the year labels' tops.
        assert!(
            ys.iter().all(|&y| y <= axis),
            "{count}: {ys:?} against the axis at {axis}"
        );
    }
}
