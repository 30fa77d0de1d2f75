//! The quote evaluation: span detection and classification against the hand-labelled set in
//! `tests/data/quotes/` (label scheme in its README). Fails below the thresholds published in
//! the README; prints the figures and the confusion matrix (`cargo test quotes_eval -- --nocapture`).

use crate::common::data;
use std::collections::{BTreeMap, HashMap, HashSet};
use verbale::analysis::{self, Options};
use verbale::corpus::{self, LoadOptions};
use verbale::quotes::Kind;
use verbale::text::Lang;

type Key = (String, usize, usize);

struct Gold {
    spans: HashMap<Key, Kind>,
}

fn gold() -> Gold {
    let text = std::fs::read_to_string(data("quotes/labels.tsv")).unwrap();
    let mut spans = HashMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let kind = Kind::parse(f[4]).unwrap_or_else(|| panic!("bad kind in {line}"));
        spans.insert(
            (
                f[0].to_string(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
            ),
            kind,
        );
    }
    Gold { spans }
}

fn predicted() -> HashMap<Key, Kind> {
    let c = corpus::load(&[data("quotes/docs")], &LoadOptions::default()).unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let a = analysis::analyse(&c.docs, &Options::new(Lang::english()));
    let mut out = HashMap::new();
    for d in &a.docs {
        for s in &d.spans {
            out.insert((d.id.clone(), s.open, s.close), s.kind);
        }
    }
    out
}

fn prf(tp: usize, p: usize, g: usize) -> (f64, f64, f64) {
    let pr = if p == 0 { 0.0 } else { tp as f64 / p as f64 };
    let rc = if g == 0 { 0.0 } else { tp as f64 / g as f64 };
    let f = if pr + rc == 0.0 {
        0.0
    } else {
        2.0 * pr * rc / (pr + rc)
    };
    (pr, rc, f)
}

#[test]
fn quote_spans_and_kinds_meet_thresholds() {
    let g = gold();
    let p = predicted();
    assert!(
        g.spans.len() >= 200,
        "evaluation set has {} spans",
        g.spans.len()
    );
    let gk: HashSet<&Key> = g.spans.keys().collect();
    let pk: HashSet<&Key> = p.keys().collect();
    let tp = gk.intersection(&pk).count();
    let (sp, sr, sf) = prf(tp, p.len(), g.spans.len());
    println!(
        "spans: gold {} predicted {} matched {tp}: P {sp:.3} R {sr:.3} F1 {sf:.3}",
        g.spans.len(),
        p.len()
    );
    let mut missed: Vec<_> = gk.difference(&pk).collect();
    missed.sort();
    for m in missed.iter().take(40) {
        println!("  missed {m:?} {:?}", g.spans[**m]);
    }
    let mut extra: Vec<_> = pk.difference(&gk).collect();
    extra.sort();
    for m in extra.iter().take(40) {
        println!("  extra  {m:?}");
    }
    // Confusion matrix over matched spans: rows gold, columns predicted.
    let mut conf: BTreeMap<(Kind, Kind), usize> = BTreeMap::new();
    for k in gk.intersection(&pk) {
        *conf.entry((g.spans[*k], p[*k])).or_default() += 1;
    }
    println!("confusion (rows gold, columns predicted): scare term title direct");
    for gk_ in Kind::ALL {
        let row: Vec<String> = Kind::ALL
            .iter()
            .map(|pk_| format!("{:>5}", conf.get(&(gk_, *pk_)).copied().unwrap_or(0)))
            .collect();
        println!("  {:<7}{}", gk_.name(), row.join(""));
    }
    let mut f1 = HashMap::new();
    for k in Kind::ALL {
        let ktp = p
            .iter()
            .filter(|(key, pk_)| **pk_ == k && g.spans.get(*key) == Some(&k))
            .count();
        let kp = p.values().filter(|x| **x == k).count();
        let kg = g.spans.values().filter(|x| **x == k).count();
        let (a, b, c) = prf(ktp, kp, kg);
        println!(
            "  {:<7} P {a:.3} R {b:.3} F1 {c:.3} (gold {kg}, predicted {kp})",
            k.name()
        );
        f1.insert(k, c);
    }
    assert!(sf >= SPAN_F1, "span F1 {sf:.3} < {SPAN_F1}");
    assert!(
        f1[&Kind::Scare] >= SCARE_F1,
        "scare F1 {:.3} < {SCARE_F1}",
        f1[&Kind::Scare]
    );
    let macro_f1 = f1.values().sum::<f64>() / 4.0;
    println!("  macro F1 {macro_f1:.3}");
    assert!(macro_f1 >= MACRO_F1, "macro F1 {macro_f1:.3} < {MACRO_F1}");
}

// The fitted model never saw these documents (fit_model.py leaves them out): measured 0.633
// scare F1 and 0.754 macro F1 with the weights of 2026-12-03. The hand-set weights before it
// measured 0.773 and 0.687 on this set, which they had been tuned on.
const SPAN_F1: f64 = 0.97;
const SCARE_F1: f64 = 0.60;
const MACRO_F1: f64 = 0.72;

#[test]
fn unpaired_marks_are_reported() {
    let text = std::fs::read_to_string(data("quotes/unpaired.tsv")).unwrap();
    let c = corpus::load(&[data("quotes/docs")], &LoadOptions::default()).unwrap();
    let a = analysis::analyse(&c.docs, &Options::new(Lang::english()));
    let found: HashSet<(String, usize)> = a
        .docs
        .iter()
        .flat_map(|d| d.unpaired.iter().map(move |u| (d.id.clone(), u.offset)))
        .collect();
    let gold: Vec<(String, usize)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].parse().unwrap())
        })
        .collect();
    let hit = gold.iter().filter(|g| found.contains(g)).count();
    println!(
        "unpaired marks: gold {} found {} of them; {} reported in all",
        gold.len(),
        hit,
        found.len()
    );
}

/// `verbale quotes -q -f csv --explain ARGS... tests/data/quotes/docs`, which must succeed.
fn explained(args: &[&str]) -> polars::prelude::DataFrame {
    let all: Vec<&str> = ["quotes", "-q", "-f", "csv", "--explain"]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    crate::common::csv_of(&all, &data("quotes/docs"))
}

/// `quotes --explain`: every kind's probability (summing to 1), the call is the likeliest kind
/// and its confidence that kind's probability, and each span names its features.
#[test]
fn explain_shows_the_probabilities_behind_each_call() {
    use crate::common::{nums, strs};
    let df = explained(&[]);
    assert!(df.height() >= 200);
    let p: Vec<Vec<f64>> = Kind::ALL
        .iter()
        .map(|k| nums(&df, &format!("p_{}", k.name())))
        .collect();
    let (kinds, conf, feats) = (
        strs(&df, "kind"),
        nums(&df, "confidence"),
        strs(&df, "features"),
    );
    for i in 0..df.height() {
        let row: Vec<f64> = p.iter().map(|c| c[i]).collect();
        let sum: f64 = row.iter().sum();
        assert!((sum - 1.0).abs() < 0.003, "row {i}: {row:?}");
        let best = (0..4).max_by(|a, b| row[*a].total_cmp(&row[*b])).unwrap();
        // Rounded to 3 decimals: a tie within rounding may go either way.
        let k = Kind::parse(&kinds[i]).unwrap() as usize;
        assert!(row[k] >= row[best] - 0.001, "row {i}: {} {row:?}", kinds[i]);
        assert!((conf[i] - row[k]).abs() < 0.0015, "row {i}");
        assert!(!feats[i].is_empty(), "row {i} names no feature");
    }
}

/// `--min-confidence P`: a span is called scare only with a probability of P at least; the
/// spans stay, the scare calls only shrink as P grows, and a value outside [0, 1] is refused.
#[test]
fn min_confidence_raises_the_bar_for_scare() {
    use crate::common::{csv_bytes, nums, strs, verbale};
    let run = |p: &str| {
        let df = explained(&["--min-confidence", p]);
        let (kinds, ps) = (strs(&df, "kind"), nums(&df, "p_scare"));
        let scare: Vec<f64> = kinds
            .iter()
            .zip(ps)
            .filter(|(k, _)| *k == "scare")
            .map(|(_, p)| p)
            .collect();
        (df.height(), scare)
    };
    let (n0, s0) = run("0");
    let (n5, s5) = run("0.5");
    let (n8, s8) = run("0.8");
    let (n1, s1) = run("1");
    assert_eq!((n0, n5, n8), (n1, n1, n1), "the spans stay");
    assert!(s0.len() >= s5.len() && s5.len() >= s8.len() && s8.len() >= s1.len());
    assert!(
        s0.len() > s8.len(),
        "{} scare calls at 0, {} at 0.8",
        s0.len(),
        s8.len()
    );
    assert!(s5.iter().all(|p| *p >= 0.4995) && s8.iter().all(|p| *p >= 0.7995));
    assert!(s1.is_empty());
    // The calls turned down are shown apart: at 0.8, the scare calls of 0 that are not scare.
    let below = explained(&["--min-confidence", "0.8", "--below-threshold"]);
    assert_eq!(below.height(), s0.len() - s8.len());
    assert!(strs(&below, "kind").iter().all(|k| k != "scare"));
    assert!(nums(&below, "p_scare").iter().all(|p| *p < 0.8005));
    // The counts follow the calls: freq's scare column at 1 is all zeros.
    let out = verbale()
        .args(["freq", "-q", "-f", "csv", "--min-confidence", "1"])
        .arg(data("quotes/docs"))
        .output()
        .unwrap();
    assert!(nums(&csv_bytes(out.stdout), "scare")
        .iter()
        .all(|x| *x == 0.0));
    let bad = verbale()
        .args(["quotes", "--min-confidence", "1.5"])
        .arg(data("quotes/docs"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("probability from 0 to 1"));
    // Below a threshold of 0 there is nothing: refused, with the way out.
    let none = verbale()
        .args(["quotes", "--below-threshold", "--min-confidence", "0"])
        .arg(data("quotes/docs"))
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("--min-confidence 0.7"));
}

/// A quotation of over 1,000 words (a speech read out whole, or a closing mark a damaged file
/// puts far away) is named on standard error with its document, byte and length; shorter
/// ones, and `--quiet`, give no such note.
#[test]
fn quotations_of_over_a_thousand_words_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        "The envoy said: “{}” Then the debate went on.",
        "we must keep the peace and build it together "
            .repeat(120)
            .trim_end()
    );
    std::fs::write(dir.path().join("long.txt"), &long).unwrap();
    std::fs::write(dir.path().join("short.txt"), "They held “elections” there.").unwrap();
    let run = |path: &std::path::Path, extra: &[&str]| {
        let o = crate::common::verbale()
            .args(["quotes", "-f", "csv"])
            .args(extra)
            .arg(path)
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8_lossy(&o.stderr).to_string()
    };
    let err = run(dir.path(), &[]);
    assert!(
        err.contains("1 quotation runs over 1,000 words (long at byte 16, 1,080 words)"),
        "{err}"
    );
    assert!(!run(&dir.path().join("short.txt"), &[]).contains("over 1,000 words"));
    assert!(!run(dir.path(), &["-q"]).contains("over 1,000 words"));
    // The report, whose tables count every word inside as quoted, says so too, on standard
    // error and beside its quoted terms.
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("r");
    let o = crate::common::verbale()
        .arg("report")
        .arg(dir.path())
        .arg("-o")
        .arg(&report)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("1 quotation runs over 1,000 words (long at byte 16"),
        "{err}"
    );
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    assert!(
        md.contains("Note: 1 quotation runs over 1,000 words"),
        "{md}"
    );
}
