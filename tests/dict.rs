//! Dictionaries and speech acts: quanteda's example dictionaries read as quanteda reads them,
//! lookup counts as its tests give them, and the bundled speech-act lexicon scored on the
//! hand-labelled sentences of `tests/data/acts/` (tuned on `dev`, scored on `test`).

use crate::common::{csv_bytes, csv_of, data, nums, root, strs, verbale};
use std::collections::BTreeMap;
use verbale::dict::{scan_docs, ActLexicon, Dictionary};
use verbale::{Document, Lang, Options};

fn tsv(path: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(data(path)).expect("fixture");
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .map(|l| {
            head.iter()
                .zip(l.split('\t').chain(std::iter::repeat("")))
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Precision and recall of act detection on one split, per act and overall.
#[derive(Default, Debug)]
struct Score {
    tp: BTreeMap<String, usize>,
    fp: BTreeMap<String, usize>,
    fneg: BTreeMap<String, usize>,
    intensity_right: usize,
    /// Of the acts found right: (labelled the author's or not, found reported or not) counts,
    /// indexed [own][reported].
    speaker: [[usize; 2]; 2],
    errors: Vec<String>,
}

impl Score {
    fn total(m: &BTreeMap<String, usize>) -> usize {
        m.values().sum()
    }
    fn precision(&self) -> f64 {
        let tp = Self::total(&self.tp) as f64;
        tp / (tp + Self::total(&self.fp) as f64)
    }
    fn recall(&self) -> f64 {
        let tp = Self::total(&self.tp) as f64;
        tp / (tp + Self::total(&self.fneg) as f64)
    }
}

/// Scores the lexicon on one split: `dev` and `test` (in `sentences.tsv`), or `fresh`.
fn score(split: &str) -> Score {
    let (sentences, labels) = match split {
        "fresh" => ("acts/fresh_sentences.tsv", "acts/fresh_labels.tsv"),
        "fresh2" => ("acts/fresh2_sentences.tsv", "acts/fresh2_labels.tsv"),
        "fresh3" => ("acts/fresh3_sentences.tsv", "acts/fresh3_labels.tsv"),
        "fresh4" => ("acts/fresh4_sentences.tsv", "acts/fresh4_labels.tsv"),
        "fresh5" => ("acts/fresh5_sentences.tsv", "acts/fresh5_labels.tsv"),
        "fresh6" => ("acts/fresh6_sentences.tsv", "acts/fresh6_labels.tsv"),
        "fresh7" => ("acts/fresh7_sentences.tsv", "acts/fresh7_labels.tsv"),
        "fresh8" => ("acts/fresh8_sentences.tsv", "acts/fresh8_labels.tsv"),
        "fresh9" => ("acts/fresh9_sentences.tsv", "acts/fresh9_labels.tsv"),
        "fresh10" => ("acts/fresh10_sentences.tsv", "acts/fresh10_labels.tsv"),
        "fresh11" => ("acts/fresh11_sentences.tsv", "acts/fresh11_labels.tsv"),
        "fresh12" => ("acts/fresh12_sentences.tsv", "acts/fresh12_labels.tsv"),
        "fresh13" => ("acts/fresh13_sentences.tsv", "acts/fresh13_labels.tsv"),
        "fresh14" => ("acts/fresh14_sentences.tsv", "acts/fresh14_labels.tsv"),
        "fresh15" => ("acts/fresh15_sentences.tsv", "acts/fresh15_labels.tsv"),
        "fresh16" => ("acts/fresh16_sentences.tsv", "acts/fresh16_labels.tsv"),
        "fresh17" => ("acts/fresh17_sentences.tsv", "acts/fresh17_labels.tsv"),
        "fresh18" => ("acts/fresh18_sentences.tsv", "acts/fresh18_labels.tsv"),
        "fresh19" => ("acts/fresh19_sentences.tsv", "acts/fresh19_labels.tsv"),
        "fresh20" => ("acts/fresh20_sentences.tsv", "acts/fresh20_labels.tsv"),
        "fresh21" => ("acts/fresh21_sentences.tsv", "acts/fresh21_labels.tsv"),
        "fresh22" => ("acts/fresh22_sentences.tsv", "acts/fresh22_labels.tsv"),
        "fresh23" => ("acts/fresh23_sentences.tsv", "acts/fresh23_labels.tsv"),
        "fresh24" => ("acts/fresh24_sentences.tsv", "acts/fresh24_labels.tsv"),
        "fresh25" => ("acts/fresh25_sentences.tsv", "acts/fresh25_labels.tsv"),
        "fresh26" => ("acts/fresh26_sentences.tsv", "acts/fresh26_labels.tsv"),
        "fresh27" => ("acts/fresh27_sentences.tsv", "acts/fresh27_labels.tsv"),
        "fresh28" => ("acts/fresh28_sentences.tsv", "acts/fresh28_labels.tsv"),
        "fresh29" => ("acts/fresh29_sentences.tsv", "acts/fresh29_labels.tsv"),
        "fresh30" => ("acts/fresh30_sentences.tsv", "acts/fresh30_labels.tsv"),
        "fresh31" => ("acts/fresh31_sentences.tsv", "acts/fresh31_labels.tsv"),
        "fresh32" => ("acts/fresh32_sentences.tsv", "acts/fresh32_labels.tsv"),
        "fresh33" => ("acts/fresh33_sentences.tsv", "acts/fresh33_labels.tsv"),
        "fresh34" => ("acts/fresh34_sentences.tsv", "acts/fresh34_labels.tsv"),
        "fresh35" => ("acts/fresh35_sentences.tsv", "acts/fresh35_labels.tsv"),
        "fresh36" => ("acts/fresh36_sentences.tsv", "acts/fresh36_labels.tsv"),
        "fresh37" => ("acts/fresh37_sentences.tsv", "acts/fresh37_labels.tsv"),
        "fresh38" => ("acts/fresh38_sentences.tsv", "acts/fresh38_labels.tsv"),
        "fresh39" => ("acts/fresh39_sentences.tsv", "acts/fresh39_labels.tsv"),
        "fresh40" => ("acts/fresh40_sentences.tsv", "acts/fresh40_labels.tsv"),
        "fresh41" => ("acts/fresh41_sentences.tsv", "acts/fresh41_labels.tsv"),
        "fresh42" => ("acts/fresh42_sentences.tsv", "acts/fresh42_labels.tsv"),
        "fresh43" => ("acts/fresh43_sentences.tsv", "acts/fresh43_labels.tsv"),
        "fresh44" => ("acts/fresh44_sentences.tsv", "acts/fresh44_labels.tsv"),
        "fresh45" => ("acts/fresh45_sentences.tsv", "acts/fresh45_labels.tsv"),
        "fresh46" => ("acts/fresh46_sentences.tsv", "acts/fresh46_labels.tsv"),
        "fresh47" => ("acts/fresh47_sentences.tsv", "acts/fresh47_labels.tsv"),
        "fresh48" => ("acts/fresh48_sentences.tsv", "acts/fresh48_labels.tsv"),
        "fresh49" => ("acts/fresh49_sentences.tsv", "acts/fresh49_labels.tsv"),
        "fresh50" => ("acts/fresh50_sentences.tsv", "acts/fresh50_labels.tsv"),
        "fresh51" => ("acts/fresh51_sentences.tsv", "acts/fresh51_labels.tsv"),
        "fresh52" => ("acts/fresh52_sentences.tsv", "acts/fresh52_labels.tsv"),
        "fresh53" => ("acts/fresh53_sentences.tsv", "acts/fresh53_labels.tsv"),
        // fresh38 and fresh39 read again, blind, by four other readers.
        "fresh38_second" => (
            "acts/fresh38_sentences.tsv",
            "acts/fresh38_second_labels.tsv",
        ),
        "fresh39_second" => (
            "acts/fresh39_sentences.tsv",
            "acts/fresh39_second_labels.tsv",
        ),
        // The same 600 sentences read again, blind, by two other readers.
        "fresh16_second" => (
            "acts/fresh16_sentences.tsv",
            "acts/fresh16_second_labels.tsv",
        ),
        _ => ("acts/sentences.tsv", "acts/labels.tsv"),
    };
    let split = split.trim_end_matches("_second");
    let sentences: Vec<_> = tsv(sentences)
        .into_iter()
        .filter(|r| r["split"] == split)
        .collect();
    let labels = tsv(labels);
    let lex = ActLexicon::bundled("en").unwrap();
    let opts = Options::new(Lang::english());
    let dict = lex.compile(&opts).unwrap();
    let docs: Vec<Document> = sentences
        .iter()
        .map(|r| Document::from_text(&r["id"], &r["sentence"]))
        .collect();
    let scanned = scan_docs(&docs, &opts, &dict, Some(&lex));
    let mut s = Score::default();
    for (r, d) in sentences.iter().zip(&scanned.docs) {
        let mut gold: BTreeMap<String, Vec<(u8, String, bool)>> = BTreeMap::new();
        for l in labels.iter().filter(|l| l["id"] == r["id"]) {
            gold.entry(l["act"].clone()).or_default().push((
                l["intensity"].parse().unwrap(),
                l["trigger"].clone(),
                l["speaker"] == "self",
            ));
        }
        let mut found: BTreeMap<String, Vec<(u8, String, bool)>> = BTreeMap::new();
        for a in &d.acts {
            found
                .entry(lex.acts[a.act as usize].name.clone())
                .or_default()
                .push((a.intensity, a.trigger().to_string(), a.reported));
        }
        let acts: std::collections::BTreeSet<&String> = gold.keys().chain(found.keys()).collect();
        for act in acts {
            let g = gold.get(act).map_or(&[][..], |v| v.as_slice());
            let f = found.get(act).map_or(&[][..], |v| v.as_slice());
            let tp = g.len().min(f.len());
            *s.tp.entry(act.clone()).or_default() += tp;
            s.intensity_right += g.iter().zip(f).filter(|(a, b)| a.0 == b.0).count();
            for (gi, fi) in g.iter().zip(f) {
                s.speaker[gi.2 as usize][fi.2 as usize] += 1;
                if gi.2 == fi.2 {
                    s.errors.push(format!(
                        "{} speaker {act}: labelled {}, found {} '{}': {}",
                        r["id"],
                        if gi.2 { "own" } else { "not own" },
                        if fi.2 { "reported" } else { "own" },
                        fi.1,
                        r["sentence"]
                    ));
                }
            }
            for (gi, fi) in g.iter().zip(f).filter(|(a, b)| a.0 != b.0) {
                s.errors.push(format!(
                    "{} intensity {act}: gold {} '{}', found {} '{}'",
                    r["id"], gi.0, gi.1, fi.0, fi.1
                ));
            }
            if f.len() > tp {
                *s.fp.entry(act.clone()).or_default() += f.len() - tp;
                for x in &f[tp..] {
                    s.errors
                        .push(format!("{} FP {act} '{}': {}", r["id"], x.1, r["sentence"]));
                }
            }
            if g.len() > tp {
                *s.fneg.entry(act.clone()).or_default() += g.len() - tp;
                for x in &g[tp..] {
                    s.errors
                        .push(format!("{} FN {act} '{}': {}", r["id"], x.1, r["sentence"]));
                }
            }
        }
    }
    s
}

/// The evaluation's table: per act, gold instances, found, precision and recall.
fn table(s: &Score) -> String {
    let mut out = String::from("| act | labelled | found | right | precision | recall |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
    let acts: std::collections::BTreeSet<&String> =
        s.tp.keys()
            .chain(s.fp.keys())
            .chain(s.fneg.keys())
            .collect();
    for a in acts {
        let tp = s.tp.get(a).copied().unwrap_or(0);
        let fp = s.fp.get(a).copied().unwrap_or(0);
        let fneg = s.fneg.get(a).copied().unwrap_or(0);
        let ratio = |x: usize, y: usize| {
            if y == 0 {
                "–".to_string()
            } else {
                format!("{:.2}", x as f64 / y as f64)
            }
        };
        out += &format!(
            "| {a} | {} | {} | {tp} | {} | {} |\n",
            tp + fneg,
            tp + fp,
            ratio(tp, tp + fp),
            ratio(tp, tp + fneg)
        );
    }
    out
}

fn show(split: &str, s: &Score) {
    println!(
        "{split}: precision {:.3}, recall {:.3}, tp {}, fp {}, fn {}, intensity right {} of {}\n{}",
        s.precision(),
        s.recall(),
        Score::total(&s.tp),
        Score::total(&s.fp),
        Score::total(&s.fneg),
        s.intensity_right,
        Score::total(&s.tp),
        table(s)
    );
    let sp = s.speaker;
    println!(
        "{split} speaker: labelled another's {} (found reported {}), labelled own {} (found reported {})",
        sp[0][0] + sp[0][1],
        sp[0][1],
        sp[1][0] + sp[1][1],
        sp[1][1]
    );
    for e in &s.errors {
        println!("  {e}");
    }
}

/// The fresh4 split (400 sentences drawn and labelled by an annotator who did not see the
/// lexicon) was held out when first scored with the fifth lexicon (precision 0.829, recall
/// 0.782); later lexicons were tuned on it as on the others, and must not fall below that.
#[test]
fn speech_acts_on_the_fresh4_split() {
    let s = score("fresh4");
    show("fresh4", &s);
    assert_eq!(
        Score::total(&s.tp) + Score::total(&s.fneg),
        87,
        "the fresh4 split has 87 acts"
    );
    assert!(s.precision() >= 0.82, "precision {:.3}", s.precision());
    assert!(s.recall() >= 0.78, "recall {:.3}", s.recall());
}

/// The fresh12 split (600 sentences labelled blind by two readers, 300 each), a
/// held-out measure: scored once with the twelfth lexicon. It checks that every labelled act
/// is scored and prints the errors; a floor set from this one scoring would only echo it.
#[test]
fn speech_acts_on_the_held_out_fresh12_split() {
    let s = score("fresh12");
    show("fresh12", &s);
    assert_eq!(
        Score::total(&s.tp) + Score::total(&s.fneg),
        157,
        "the fresh12 split has 157 acts"
    );
}

/// The fresh13 split (600 sentences labelled blind by two readers, 300 each), drawn after the
/// twelfth lexicon was committed and scored once with it (precision 0.843, recall 0.719); the
/// thirteenth was then tuned on its errors. It checks that every labelled act is scored and
/// prints the errors.
#[test]
fn speech_acts_on_the_held_out_fresh13_split() {
    let s = score("fresh13");
    show("fresh13", &s);
    assert_eq!(
        Score::total(&s.tp) + Score::total(&s.fneg),
        135,
        "the fresh13 split has 135 acts"
    );
}

/// Each text scanned with the bundled English lexicon, as one document.
fn scanned(texts: &[&str]) -> (ActLexicon, Vec<verbale::dict::DictDoc>) {
    scanned_with(ActLexicon::bundled("en").unwrap(), texts)
}

/// Each text scanned with `lex`, as one document.
fn scanned_with(lex: ActLexicon, texts: &[&str]) -> (ActLexicon, Vec<verbale::dict::DictDoc>) {
    let opts = Options::new(Lang::english());
    let dict = lex.compile(&opts).unwrap();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::from_text(&format!("d{i}"), t))
        .collect();
    let docs = scan_docs(&docs, &opts, &dict, Some(&lex)).docs;
    (lex, docs)
}

/// The acts of each text with the bundled English lexicon, as `act` names.
fn acts_in(texts: &[&str]) -> Vec<Vec<String>> {
    let (lex, docs) = scanned(texts);
    docs.iter()
        .map(|d| {
            d.acts
                .iter()
                .map(|a| lex.acts[a.act as usize].name.clone())
                .collect()
        })
        .collect()
}

/// Support the leaders only discussed is mentioned, not performed; a verb that performs it
/// again between the mention and the trigger (or as the trigger) makes it an act.
#[test]
fn support_only_discussed_is_no_act() {
    let found = acts_in(&[
        "The two leaders discussed a range of issues, including support for Ukraine.",
        "They discussed the summit and reaffirmed their support for Ukraine.",
        "They discussed the chairmanship of ASEAN, with the President reiterating our commitment to the Quad.",
        "We support the two-State solution.",
        "They discussed renewable energy and the declaration, and support for Ukraine.",
    ]);
    assert!(found[0].is_empty(), "{found:?}");
    assert_eq!(found[1], ["support"], "{found:?}");
    assert_eq!(found[2], ["support"], "{found:?}");
    assert_eq!(found[3], ["support"], "{found:?}");
    // Nouns that share a performing verb's beginning perform nothing.
    assert!(found[4].is_empty(), "{found:?}");
}

/// A target cut at its length in the middle of a name goes on to the name's end, so that
/// `--target-has` finds the state it names.
#[test]
fn a_target_is_not_cut_inside_a_name() {
    for text in [
        "They condemned the recent ballistic missile launch by the Democratic People’s Republic of Korea (DPRK) and pledged to act.",
        "They condemned recent ballistic missile launch by the Democratic People’s Republic of Korea and pledged to act.",
    ] {
        let df = csv_bytes(instances_of(text).into_bytes());
        let target = strs(&df, "target");
        assert!(target[0].ends_with("Republic of Korea"), "{target:?}");
    }
    // Only a name goes on: a target cut at its length elsewhere stays cut, without the next
    // clause's words.
    let df = csv_bytes(
        instances_of(
            "We condemn the attacks on the people of the town and its hospitals, which burned.",
        )
        .into_bytes(),
    );
    assert_eq!(
        strs(&df, "target")[0],
        "the attacks on the people of the town and its"
    );
    let df = csv_bytes(
        instances_of(
            "We urge the United Nations to remain seized of the situation and exercise restraint.",
        )
        .into_bytes(),
    );
    assert!(
        strs(&df, "target")[0].ends_with("of the situation and"),
        "{df}"
    );
    let df = csv_bytes(
        instances_of(
            "We condemn the brutal attacks on the people of the small northern town yesterday.",
        )
        .into_bytes(),
    );
    assert_eq!(
        strs(&df, "target")[0],
        "the brutal attacks on the people of the small northern"
    );
}

/// A profile's strong_share counts an act by its intensity as `--instances` gives it, the
/// base plus one when intensified: `deep concern` (3 + 1) is strong, as its row says.
#[test]
fn strong_share_is_the_share_of_acts_of_intensity_four_and_more() {
    let text = "The United States expresses deep concern about the detention of journalists.";
    let one = csv_bytes(
        verbale()
            .args(["acts", "-", "--profile", "-f", "csv"])
            .write_stdin(text)
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(nums(&one, "strong_share"), [1.0]);
    let corpus = root().join("data/statements");
    let profile = csv_of(&["acts", "--profile", "-f", "csv"], &corpus);
    let rows = csv_of(&["acts", "--instances", "-f", "csv"], &corpus);
    let negated = strs(&rows, "negated");
    let kept: Vec<f64> = (nums(&rows, "intensity").into_iter().zip(&negated))
        .filter(|(_, n)| *n == "false")
        .map(|(i, _)| i)
        .collect();
    let strong = kept.iter().filter(|&&i| i >= 4.0).count() as f64;
    let intensified = strs(&rows, "intensified")
        .iter()
        .filter(|x| *x == "true")
        .count();
    assert!(
        strong > 5.0 && intensified > 5,
        "a real test: {strong} strong acts"
    );
    assert_eq!(nums(&profile, "acts"), [kept.len() as f64]);
    let share = nums(&profile, "strong_share")[0];
    assert!(
        (share - strong / kept.len() as f64).abs() < 1e-12,
        "{share} against {strong}"
    );
}

/// An adjective or noun that an act model adds (`happy`, `glad`, `satisfaction`, `gratitude`)
/// is no act of its own where it only leads into a trigger or follows one of its act: "happy
/// to welcome" is one welcome, "glad to support" a support, "welcomed with satisfaction" one
/// welcome, "thanks and gratitude" one commendation. Before a weaker act it stays the act
/// readers label ("delighted to note").
#[test]
fn a_model_word_leaning_on_a_trigger_adds_no_act() {
    let found = acts_in(&[
        "We are very happy to welcome the Gambia to this Assembly.",
        "I am glad to support that suggestion.",
        "We welcomed with satisfaction the agreement.",
        "My delegation's thanks and gratitude also go to the Secretary-General.",
        "We are certainly delighted to note that the atmosphere is more relaxed.",
    ]);
    assert_eq!(found[0], ["welcome"], "{found:?}");
    assert_eq!(found[1], ["support"], "{found:?}");
    assert_eq!(found[2], ["welcome"], "{found:?}");
    assert_eq!(found[3], ["commend"], "{found:?}");
    assert!(found[4].contains(&"welcome".to_string()), "{found:?}");
    // The act that stays keeps the target after the word joined to it.
    let df = csv_bytes(
        instances_of("We welcome with satisfaction the peace agreement signed in Juba.")
            .into_bytes(),
    );
    assert_eq!(strs(&df, "target"), ["the peace agreement signed in Juba"]);
    let df = csv_bytes(
        instances_of("Our thanks and appreciation also go to the Secretary-General.").into_bytes(),
    );
    assert_eq!(strs(&df, "act"), ["commend"]);
    assert!(
        strs(&df, "target")[0].ends_with("to the Secretary-General"),
        "{df}"
    );
    // An act that asks others to act stands before `to`: the act asked for is reported.
    let df = csv_bytes(instances_of("The Council was asked to condemn the invasion.").into_bytes());
    assert_eq!(strs(&df, "act"), ["call", "condemn"]);
    assert_eq!(strs(&df, "reported")[1], "true");
}

/// Whether an act's trigger text is kept (`acts --instances`) or not (`acts` counting) changes
/// no act: a trigger joins the act before it once only either way ("assure him of my country’s
/// support and my own support" is two acts, the first joined to `assure ... of`).
#[test]
fn acts_are_the_same_with_and_without_their_texts() {
    let texts = [
        "I assure him of my country’s support and my own support as he carries out his mission.",
        "We thank and congratulate and thank the Secretary-General.",
        "We appeal to all parties to encourage and encourage restraint.",
    ];
    let acts_of = |keep_texts: bool| -> Vec<Vec<(u16, bool)>> {
        let mut lex = ActLexicon::bundled("en").unwrap();
        lex.texts = keep_texts;
        scanned_with(lex, &texts)
            .1
            .iter()
            .map(|d| d.acts.iter().map(|a| (a.act, a.negated)).collect())
            .collect()
    };
    let with = acts_of(true);
    assert_eq!(with[0].len(), 2, "{with:?}");
    assert_eq!(with, acts_of(false));
}

/// A commitment to one's own conduct (`commitment to *ing`, a gerund) is no act, but an
/// adjective in `-ing` after an article is no gerund: the commitment to a partnership stays.
#[test]
fn a_gerund_pattern_does_not_reach_over_an_article() {
    let found = acts_in(&[
        "The two leaders reaffirmed their commitment to deepening our bilateral ties.",
        "The two leaders reaffirmed their commitment to the enduring, strategic partnership.",
        "The leaders reaffirmed their commitment to further strengthening the alliance.",
    ]);
    assert!(found[0].is_empty(), "{found:?}");
    assert_eq!(found[1], ["support"], "{found:?}");
    assert!(found[2].is_empty(), "{found:?}");
    // A possessive may follow an article; "it's" is no possessive.
    let found = acts_in(&[
        "Recognizing the Council’s role, we move on.",
        "Recognizing it's late, we move on.",
    ]);
    assert_eq!(found[0], ["acknowledge"], "{found:?}");
    assert!(found[1].is_empty(), "{found:?}");
}

/// The splits tuned on, as regression checks. Each was held out when first scored: test
/// (precision 0.875, recall 0.854 with the first lexicon), fresh (0.793, 0.730 with the
/// second), fresh2 (0.892, 0.747 with the third), fresh3 (0.837, 0.673 with the fourth), fresh5
/// (0.870, 0.806 with the fifth), fresh6 (0.902, 0.790 with the sixth), fresh7 (0.850, 0.756
/// with the seventh), fresh8 (0.883, 0.702 with the eighth), fresh9 (0.864, 0.797 with the
/// ninth), fresh10 (0.859, 0.780 with the tenth), fresh11 (0.832, 0.791 with the eleventh); the
/// lexicon was then tuned on their errors.
#[test]
fn speech_acts_on_the_splits_tuned_on() {
    for (split, acts, least_precision, least_recall) in [
        ("test", 123, 0.89, 0.85),
        ("fresh", 63, 0.89, 0.85),
        ("fresh2", 99, 0.89, 0.85),
        ("fresh3", 107, 0.89, 0.85),
        ("fresh5", 108, 0.89, 0.85),
        ("fresh6", 105, 0.89, 0.82),
        ("fresh7", 90, 0.88, 0.85),
        ("fresh8", 151, 0.92, 0.78),
        ("fresh9", 128, 0.88, 0.83),
        ("fresh10", 164, 0.90, 0.82),
        ("fresh11", 163, 0.85, 0.82),
    ] {
        let s = score(split);
        show(split, &s);
        assert_eq!(Score::total(&s.tp) + Score::total(&s.fneg), acts, "{split}");
        assert!(
            s.precision() >= least_precision && s.recall() >= least_recall,
            "{split}: {:.3} {:.3}",
            s.precision(),
            s.recall()
        );
    }
}

#[test]
fn speech_acts_on_the_dev_split() {
    let s = score("dev");
    show("dev", &s);
    assert!(
        Score::total(&s.tp) + Score::total(&s.fneg) == 44,
        "the dev split has 44 acts"
    );
    assert!(
        s.precision() >= 0.85 && s.recall() >= 0.80,
        "{:.3} {:.3}",
        s.precision(),
        s.recall()
    );
}

/// Per document, each category's count, from `scan_docs` over `texts`.
fn lookup(
    dict: &str,
    origin: &str,
    texts: &[&str],
    levels: Option<usize>,
) -> Vec<BTreeMap<String, u64>> {
    let d = Dictionary::parse(dict, origin, None).unwrap();
    let opts = Options::new(Lang::english());
    let c = d
        .compile(levels, verbale::dict::MatchOn::Form, &opts)
        .unwrap();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::from_text(&format!("d{}", i + 1), t))
        .collect();
    scan_docs(&docs, &opts, &c, None)
        .docs
        .iter()
        .map(|doc| {
            let counted: Vec<usize> = c.counted().collect();
            (doc.hits.iter())
                .filter(|(k, h)| counted.contains(&(*k as usize)) && h.count > 0)
                .map(|(k, h)| (c.keys[*k as usize].clone(), h.count))
                .collect()
        })
        .collect()
}

/// `[("key", count), ...]` as a map, for comparing with `lookup`.
fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

fn entries_of(d: &Dictionary, key: &str) -> Vec<String> {
    let mut e: Vec<String> = d
        .entries
        .iter()
        .filter(|(p, _)| p.join(".") == key)
        .map(|(_, e)| e.clone())
        .collect();
    e.sort();
    e
}

#[test]
fn quanteda_example_dictionaries_load_as_quanteda_reads_them() {
    // tests/data/dict/README.md: quanteda's read_dict_liwc keeps the category names with their
    // spaces; values are the words under each.
    let liwc = Dictionary::read(&data("dict/mary.dic")).unwrap();
    assert_eq!(
        liwc.categories,
        [
            vec!["A category".to_string()],
            vec!["Another category".to_string()]
        ]
    );
    assert_eq!(entries_of(&liwc, "A category"), ["lamb", "little", "more"]);
    assert_eq!(entries_of(&liwc, "Another category"), ["had", "mary"]);
    let yml = Dictionary::read(&data("dict/mary.yml")).unwrap();
    assert_eq!(entries_of(&yml, "A CATEGORY"), ["lamb", "little", "more"]);
    assert_eq!(entries_of(&yml, "ANOTHER"), ["category", "had", "mary"]);
    // Nested, with quanteda's empty key putting a value on its parent.
    let nested = Dictionary::read(&data("dict/newsmap2.yml")).unwrap();
    assert_eq!(nested.depth(), 2);
    assert_eq!(entries_of(&nested, "US"), ["Washingon DC"]);
    assert_eq!(entries_of(&nested, "US.MA"), ["Boston"]);
    assert_eq!(entries_of(&nested, "JP"), ["Tokyo"]);
    let text = std::fs::read_to_string(data("dict/newsmap2.yml")).unwrap();
    let got = lookup(
        &text,
        "newsmap2.yml",
        &["From Boston to Washingon DC, then Tokyo."],
        Some(1),
    );
    assert_eq!(got[0], counts(&[("US", 2), ("JP", 1)]));
    let got = lookup(
        &text,
        "newsmap2.yml",
        &["From Boston to Washingon DC, then Tokyo."],
        None,
    );
    assert_eq!(got[0], counts(&[("US.MA", 1), ("US", 1), ("JP", 1)]));
}

// The texts of quanteda's tests/testthat/test-tokens_lookup.R (tests/data/dict/cases.md).
const STATES: [&str; 6] = [
    "The United States is bordered by the Atlantic Ocean and the Pacific Ocean.",
    "The Supreme Court of the United States is seldom in a united state.",
    "It's Arsenal versus Manchester United, states the announcer.",
    "We need Manchester Unity in the Federal Republic of Germany today.",
    "United statehood is a good state.",
    "luv the united states XXOO!",
];

#[test]
fn lookups_count_as_quanteda_tests_assert() {
    // Case 2, case-insensitive: Countries c(1, 1, 1, 1, 0, 1), team in d3 = 2.
    let dict = "Countries: [States, Germany]\noceans: [Atlantic, Pacific]\nInstitutions: [government, Court]\nteam: [Manchester, Arsenal]\n";
    let got = lookup(dict, "case2.yml", &STATES, None);
    let countries: Vec<u64> = got
        .iter()
        .map(|d| d.get("Countries").copied().unwrap_or(0))
        .collect();
    assert_eq!(countries, [1, 1, 1, 1, 0, 1]);
    assert_eq!(got[2]["team"], 2);
    // Case 1, case-insensitive: quanteda gives Countries c(1, 1, 1, 1, 0, 1) after
    // `remove_punct = TRUE`, which lets "Manchester United, states" match "United States"
    // across the comma. verbale never matches a phrase across punctuation: d3 is 0.
    let dict = "Countries: [United States, Federal Republic of Germany]\noceans: [Atlantic Ocean, Pacific Ocean]\nInstitutions: [federal government, Supreme Court]\nteam: [Manchester United, Arsenal]\n";
    let got = lookup(dict, "case1.yml", &STATES, None);
    let countries: Vec<u64> = got
        .iter()
        .map(|d| d.get("Countries").copied().unwrap_or(0))
        .collect();
    assert_eq!(countries, [1, 1, 0, 1, 0, 1]);
    assert_eq!(got[2]["team"], 2);
    assert_eq!(got[0]["oceans"], 2);
    // Case 3: globs, one token in two keys; `*s` matches whole tokens only.
    let dict =
        "Countries: [Stat*]\noceans: ['*ic']\ngameconsoles: ['?box', 'Nintendo*']\nswords: '*s'\n";
    let got = lookup(dict, "case3.yml", &STATES[..2], None);
    assert_eq!(
        got[0],
        counts(&[("Countries", 1), ("oceans", 2), ("swords", 2)])
    );
    assert_eq!(got[1], counts(&[("Countries", 2), ("swords", 2)]));
    // Case 4: values nested in one key count once.
    let dict = "Countries: [United States, United States of America]\noceans: [Ocean]\n";
    let texts = [
        "The United States of America is bordered by the Atlantic Ocean and the Pacific Ocean.",
        STATES[1],
    ];
    let got = lookup(dict, "case4.yml", &texts, None);
    assert_eq!(got[0], counts(&[("Countries", 1), ("oceans", 2)]));
    assert_eq!(got[1], counts(&[("Countries", 1)]));
    for d in ["key: [A B, A B C]", "key: [B C, A B C]"] {
        assert_eq!(
            lookup(d, "abc.yml", &["A B C"], None)[0],
            counts(&[("key", 1)]),
            "{d}"
        );
    }
    // Case 5: a value nested in another key's value counts in both keys.
    let got = lookup(
        "pos: good\nfarewell: good bye\n",
        "case5.yml",
        &["say good bye to Hollywood"],
        None,
    );
    assert_eq!(got[0], counts(&[("pos", 1), ("farewell", 1)]));
    // Case 6, nested_scope = "key".
    let dict = "AS: [American Samoa, American Samoan*, Pago Pago]\nWS: [Samoa, Samoan*, Apia]\nVG: [British Virgin Islands, Virgin Island*, Road Town]\nGB: [UK, United Kingdom, Britain, British, Briton*, Brit*, London]\nUS: [United States, US, American*, Washington, New York]\n";
    let texts = [
        "British Virgin Islands is a British overseas territory",
        "Samoa is an independent state",
        "American Samoa is in the South Pacific",
    ];
    let got = lookup(dict, "case6.yml", &texts, None);
    assert_eq!(got[0], counts(&[("VG", 1), ("GB", 2)]));
    assert_eq!(got[1], counts(&[("WS", 1)]));
    assert_eq!(got[2], counts(&[("AS", 1), ("US", 1), ("WS", 1)]));
    // Case 8: a hierarchical dictionary at levels 1 and 1:2.
    let dict = "geo:\n  Countries: [States]\n  oceans: [Atlantic, Pacific]\nother:\n  gameconsoles: [Xbox, Nintendo]\n  swords: [States]\n";
    let got = lookup(dict, "case8.yml", &STATES[..2], Some(1));
    assert_eq!(got[0], counts(&[("geo", 3), ("other", 1)]));
    assert_eq!(got[1], counts(&[("geo", 1), ("other", 1)]));
    let got = lookup(dict, "case8.yml", &STATES[..2], Some(2));
    assert_eq!(
        got[0],
        counts(&[("geo.Countries", 1), ("geo.oceans", 2), ("other.swords", 1)])
    );
    // Case 9: multiword values under a third level, levels 1 and 1:2.
    let dict = "US:\n  Countries: [States]\n  oceans: [Atlantic, Pacific]\nEurope:\n  Countries: [Britain, Ireland]\n  oceans:\n    west: Irish Sea\n    east: English Channel\n";
    let texts = [
        "The United States has the Atlantic Ocean and the Pacific Ocean.",
        "Britain and Ireland have the Irish Sea and the English Channel.",
    ];
    let got = lookup(dict, "case9.yml", &texts, Some(1));
    assert_eq!(got[0], counts(&[("US", 3)]));
    assert_eq!(got[1], counts(&[("Europe", 4)]));
    let got = lookup(dict, "case9.yml", &texts, Some(2));
    assert_eq!(
        got[1],
        counts(&[("Europe.Countries", 2), ("Europe.oceans", 2)])
    );
}

/// A command's CSV over the seed statement (with the dictionary file `dict` after `args`).
fn seed_csv(args: &[&str], dict: Option<&std::path::Path>) -> polars::prelude::DataFrame {
    let mut cmd = verbale();
    cmd.args(args);
    if let Some(d) = dict {
        cmd.arg(d);
    }
    let out = cmd.arg(crate::common::seed()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
    csv_bytes(out.stdout)
}

#[test]
fn dict_counts_matches_with_their_quotation_marks_and_audits_entries() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("votes.yml");
    std::fs::write(&d, "voting:\n  polls: [election*, vote*]\n  bodies: [parliament*]\nwar: [occupation, occupied, military force]\n").unwrap();
    let df = seed_csv(&["dict", "-f", "csv", "--dict"], Some(&d));
    assert_eq!(
        strs(&df, "category"),
        ["voting.polls", "voting.bodies", "war"]
    );
    // Counted independently: words starting with "election" or "vote" in the seed.
    let text = std::fs::read_to_string(crate::common::seed())
        .unwrap()
        .to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let polls = words
        .iter()
        .filter(|w| w.starts_with("election") || w.starts_with("vote"))
        .count();
    assert_eq!(nums(&df, "count")[0], polls as f64);
    // Every "elections" of the MFA statement in marks is a scare quote.
    assert!(nums(&df, "scare")[0] >= 3.0, "{:?}", nums(&df, "scare"));
    assert_eq!(nums(&df, "quoted")[0], nums(&df, "scare")[0]);
    let occupied = words
        .iter()
        .filter(|w| **w == "occupation" || **w == "occupied")
        .count();
    let force = text.matches("military force").count();
    assert_eq!(nums(&df, "count")[2], (occupied + force) as f64);
    // --levels 1 folds voting.polls and voting.bodies into voting.
    let df1 = seed_csv(&["dict", "-f", "csv", "--levels", "1", "--dict"], Some(&d));
    assert_eq!(strs(&df1, "category"), ["voting", "war"]);
    assert_eq!(
        nums(&df1, "count")[0],
        nums(&df, "count")[0] + nums(&df, "count")[1]
    );
    // --entries: what each entry matched.
    let e = seed_csv(&["dict", "-f", "csv", "--entries", "--dict"], Some(&d));
    let matched = strs(&e, "matched");
    assert!(matched.contains(&"elections".to_string()), "{matched:?}");
    assert!(
        matched.contains(&"military force".to_string()),
        "{matched:?}"
    );
    assert_eq!(
        nums(&e, "count").iter().sum::<f64>(),
        nums(&df, "count").iter().sum::<f64>()
    );
}

/// `--wide` lays the long table out as quanteda's dfm_lookup does: every cell is the long
/// table's count (or rate) of that document and category, and every document has its row.
#[test]
fn dict_wide_is_the_long_table_laid_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("acts.yml");
    std::fs::write(
        &d,
        "condemn: [condemn*, deplor*]\nwelcome: [welcom*]\npeace: [peace, \"peaceful settlement\"]\n",
    )
    .unwrap();
    let docs = data("quotes/docs");
    let run = |extra: &[&str]| {
        let mut args = vec!["dict", "--by-doc", "-f", "csv", "--quiet", "--dict"];
        args.push(d.to_str().unwrap());
        args.extend(extra);
        crate::common::csv_of(&args, &docs)
    };
    let long = run(&[]);
    let wide = run(&["--wide"]);
    let rates = run(&["--wide=per_10k"]);
    let cats = ["condemn", "welcome", "peace"];
    let cols: Vec<String> = wide
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(cols, ["doc", "condemn", "welcome", "peace", "words"]);
    let docs_long: std::collections::BTreeSet<String> = strs(&long, "doc").into_iter().collect();
    assert_eq!(wide.height(), docs_long.len());
    assert!(wide.height() > 50, "{}", wide.height());
    let (ld, lc, ln, lr) = (
        strs(&long, "doc"),
        strs(&long, "category"),
        nums(&long, "count"),
        nums(&long, "per_10k"),
    );
    let wd = strs(&wide, "doc");
    let mut matched = 0.0;
    for c in cats {
        let (w, r) = (nums(&wide, c), nums(&rates, c));
        for i in 0..ld.len() {
            if lc[i] != c {
                continue;
            }
            let row = wd
                .iter()
                .position(|x| *x == ld[i])
                .expect("a row per document");
            assert_eq!(w[row], ln[i], "{} {c}", ld[i]);
            assert!((r[row] - lr[i]).abs() < 1e-9, "{} {c}", ld[i]);
            matched += ln[i];
        }
    }
    assert!(matched > 0.0);
}

/// `dict --dict FILE` over the seed statement.
fn dict_with(dict: &std::path::Path) -> std::process::Output {
    verbale()
        .args(["dict", "--dict"])
        .arg(dict)
        .arg(crate::common::seed())
        .output()
        .unwrap()
}

#[test]
fn a_bad_dictionary_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("bad.dic");
    std::fs::write(&d, "%\n1\tpositive\n%\ngood\t1\nbad\t7\n").unwrap();
    let out = dict_with(&d);
    assert_eq!(
        out.status.code(),
        Some(2),
        "not a dictionary: a usage error"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.dic, line 5") && err.contains("category 7"),
        "{err}"
    );
    let missing = dir.path().join("missing.yml");
    let out = dict_with(&missing);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a dictionary that cannot be read"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.yml: cannot read"));
    // A name with no extension that names no file is a misspelt bundled name.
    let out = dict_with(std::path::Path::new("speech-act"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the bundled one is `speech-acts`"));
    let y = dir.path().join("bad.yml");
    std::fs::write(&y, "a: [unclosed\n").unwrap();
    let out = dict_with(&y);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid YAML"));
    // Each message speaks of the file as it is: empty, a list without headers, a YAML key
    // written twice (as written, not as the parser's Rust value).
    for (name, text, says) in [
        ("empty.txt", "\n", "empty.txt: the file is empty"),
        (
            "words.txt",
            "elections\nsham\n",
            "a list of `[category]` lines",
        ),
        (
            "twice.yml",
            "a: [x]\nb: [y]\na: [z]\n",
            "not valid YAML: 'a': duplicated key",
        ),
        (
            "long.txt",
            "[long]\none two three four five six seven eight nine\n",
            "long.txt: entry 'one two three four five six seven eight nine' has 9 words",
        ),
    ] {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        let out = dict_with(&f);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(says) && !err.contains("speech-acts"),
            "{name}: {err}"
        );
        assert!(err.contains("error: --dict: "), "the flag named: {err}");
    }
}

#[test]
fn the_seed_statement_acts_have_their_intensity() {
    // The MFA statement: the international community "deplored in the strongest terms" (4+1),
    // the Security Council was "condemning" (5) and "demanded" (4), and the international
    // community "unequivocally ... rejected" the "elections" (5+1).
    let df = seed_csv(&["acts", "--instances", "-f", "csv"], None);
    assert_eq!(strs(&df, "act"), ["deplore", "condemn", "demand", "reject"]);
    assert_eq!(nums(&df, "intensity"), [5.0, 5.0, 4.0, 6.0]);
    let targets = strs(&df, "target");
    assert!(
        targets[0].starts_with("the use of military force"),
        "{targets:?}"
    );
    assert!(
        targets[3].starts_with("the previous “elections”"),
        "{targets:?}"
    );
    // The profile of the one document.
    let p = seed_csv(&["acts", "--profile", "-f", "csv"], None);
    assert_eq!(nums(&p, "acts"), [4.0]);
    assert_eq!(nums(&p, "mean_intensity"), [5.0]);
    assert_eq!(nums(&p, "max_intensity"), [6.0]);
    assert_eq!(nums(&p, "condemnatory_share"), [0.75]);
}

#[test]
fn negation_and_intensifiers_change_the_act() {
    let lex = ActLexicon::bundled("en").unwrap();
    let opts = Options::new(Lang::english());
    let dict = lex.compile(&opts).unwrap();
    let docs = [
        Document::from_text("a", "We do not support the proposal."),
        Document::from_text("b", "We strongly condemn the attack on the embassy."),
        Document::from_text("c", "We will never accept the annexation."),
        Document::from_text("d", "Thanks to our partners, the road was built."),
        Document::from_text("e", "Canada expressed its deep concern about the violence."),
        // "Cannot but" and "cannot help but" affirm the act they stand before.
        Document::from_text("f", "We cannot but condemn the attack on the embassy."),
        Document::from_text("g", "One cannot help but welcome the agreement."),
        Document::from_text("h", "We cannot welcome the agreement."),
        // A refusal or a failure to act denies it; "refuse and reject" affirms.
        Document::from_text("i", "We refuse to condemn the protesters."),
        Document::from_text("j", "It was our collective failure to condemn the attacks."),
        Document::from_text("k", "We refuse and reject any annexation."),
        Document::from_text("l", "After the failed talks we welcome the agreement."),
    ];
    let s = scan_docs(&docs, &opts, &dict, Some(&lex));
    let name = |d: usize| -> Vec<(String, u8, bool)> {
        s.docs[d]
            .acts
            .iter()
            .map(|a| {
                (
                    lex.acts[a.act as usize].name.clone(),
                    a.intensity,
                    a.negated,
                )
            })
            .collect()
    };
    assert_eq!(name(0), [("support".into(), 2, true)]);
    assert_eq!(name(1), [("condemn".into(), 6, false)]);
    assert_eq!(s.docs[1].acts[0].target(), "the attack on the embassy");
    assert_eq!(name(2), [("reject".into(), 5, false)]);
    assert!(name(3).is_empty(), "{:?}", name(3));
    assert_eq!(name(4), [("concern".into(), 4, false)]);
    assert_eq!(name(5), [("condemn".into(), 5, false)]);
    assert_eq!(name(6), [("welcome".into(), 2, false)]);
    assert_eq!(name(7), [("welcome".into(), 2, true)]);
    assert_eq!(name(8), [("condemn".into(), 5, true)]);
    assert_eq!(name(9), [("condemn".into(), 5, true)]);
    assert_eq!(name(10), [("reject".into(), 5, false)]);
    assert_eq!(name(11), [("welcome".into(), 2, false)]);
}

/// The French, Spanish and Russian lexicons on sentences in the wording of UN resolutions and
/// ministry statements (not a labelled sample: what each lexicon must find in its plainest
/// use, with its intensity, negation and target).
#[test]
fn french_spanish_and_russian_acts_in_their_plainest_wording() {
    // Language, sentence, and each act found: its name, intensity and negation.
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, u8, bool)]);
    let cases: [Case; 15] = [
        ("fr", "Le Conseil condamne fermement l'attaque contre la mission.", &[("condemn", 6, false)]),
        // The strongest wording further on in the clause, as `in the strongest terms`.
        ("fr", "La France condamne cette attaque dans les termes les plus énergiques.", &[("condemn", 6, false)]),
        ("es", "España condena el atentado en los términos más enérgicos.", &[("condemn", 6, false)]),
        ("ru", "Россия осуждает этот теракт в самых решительных выражениях.", &[("condemn", 6, false)]),
        ("fr", "La France se félicite de l'accord et appuie pleinement le processus de paix.", &[("welcome", 2, false), ("support", 2, false)]),
        ("fr", "Nous ne soutenons pas cette proposition.", &[("support", 2, true)]),
        ("fr", "Le Ministère se déclare profondément préoccupé par la situation et exige le retrait des forces.", &[("concern", 4, false), ("demand", 4, false)]),
        ("es", "El Gobierno condena enérgicamente el atentado terrorista.", &[("condemn", 6, false)]),
        ("es", "Acogemos con beneplácito la decisión y exhortamos a las partes a dialogar.", &[("welcome", 2, false), ("call", 2, false)]),
        ("es", "Rechazamos categóricamente las llamadas elecciones en los territorios ocupados.", &[("reject", 6, false)]),
        ("es", "Expresamos nuestra profunda preocupación por la violencia.", &[("concern", 4, false)]),
        ("ru", "Министерство решительно осуждает нападение на посольство.", &[("condemn", 6, false)]),
        ("ru", "Россия приветствует решение и поддерживает усилия посредников.", &[("welcome", 2, false), ("support", 2, false)]),
        ("ru", "Мы не признаем так называемые выборы.", &[("reject", 5, false)]),
        ("ru", "Совет выражает глубокую обеспокоенность и настоятельно призывает стороны прекратить огонь.", &[("concern", 4, false), ("urge", 3, false)]),
    ];
    for (lang, text, want) in cases {
        let lex = ActLexicon::bundled(lang).unwrap();
        let opts = Options::new(Lang::parse(lang).unwrap());
        let dict = lex.compile(&opts).unwrap();
        let s = scan_docs(&[Document::from_text("d", text)], &opts, &dict, Some(&lex));
        let got: Vec<(&str, u8, bool)> = s.docs[0]
            .acts
            .iter()
            .map(|a| {
                (
                    lex.acts[a.act as usize].name.as_str(),
                    a.intensity,
                    a.negated,
                )
            })
            .collect();
        assert_eq!(got, want, "{lang}: {text}");
    }
}

/// The acts the bundled lexicon of `lang` finds in `text`: each one's act, negation and target.
fn acts_said(lang: &str, text: &str) -> Vec<(String, bool, String)> {
    let lex = ActLexicon::bundled(lang).unwrap();
    let opts = Options::new(Lang::parse(lang).unwrap());
    let dict = lex.compile(&opts).unwrap();
    let s = scan_docs(&[Document::from_text("d", text)], &opts, &dict, Some(&lex));
    (s.docs[0].acts.iter())
        .map(|a| {
            let target = a.texts.as_ref().map_or("", |t| t.target.as_str());
            let act = &lex.acts[a.act as usize].name;
            (act.clone(), a.negated, target.to_string())
        })
        .collect()
}

#[test]
fn a_negation_of_a_negation_affirms_the_act() {
    // Before a refusal or a failure of several words; two negation words are one negation
    // (French `ne pas`, Russian `никогда не`).
    for (lang, text, act, negated) in [
        (
            "en",
            "We never fail to condemn terrorism.",
            "condemn",
            false,
        ),
        (
            "en",
            "We cannot fail to welcome this agreement.",
            "welcome",
            false,
        ),
        ("en", "We refuse to condemn the strike.", "condemn", true),
        ("en", "We cannot welcome this agreement.", "welcome", true),
        (
            "fr",
            "La France a choisi de ne pas avoir soutenu ce texte.",
            "support",
            true,
        ),
        (
            "ru",
            "Мы никогда не осуждаем эти действия.",
            "condemn",
            true,
        ),
    ] {
        let got: Vec<(String, bool)> = (acts_said(lang, text).into_iter())
            .map(|(a, n, _)| (a, n))
            .collect();
        assert_eq!(got, [(act.to_string(), negated)], "{text}");
    }
}

#[test]
fn a_restrictive_french_negation_does_not_deny_the_act() {
    // `ne … que` is "only": the act is stated, and `que` is no part of its target; with `pas`
    // after the verb, the act is denied as before.
    for (text, negated, target) in [
        (
            "La France ne condamne que cette attaque.",
            false,
            "cette attaque",
        ),
        ("Nous n'appuyons que ce projet.", false, "ce projet"),
        (
            "Nous n’appuyons qu’une seule proposition.",
            false,
            "une seule proposition",
        ),
        (
            "Nous n'appuyons qu'Israël dans cette affaire.",
            false,
            "Israël dans cette affaire",
        ),
        (
            "La France ne condamne pas cette attaque.",
            true,
            "cette attaque",
        ),
    ] {
        let got = acts_said("fr", text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!((got[0].1, got[0].2.as_str()), (negated, target), "{text}");
    }
}

/// French elides `ne` before a vowel into the verb (`n'appuie pas`, `n’approuvons pas`): the
/// trigger is found in the rest of the word and the act is negated. The `pas` after a verb is
/// not its target, elided or not; `approuve` is a support act, as `endorse` is in English.
#[test]
fn a_negation_elided_into_a_french_trigger_denies_it() {
    let cases = [
        (
            "La France n'appuie pas ce projet.",
            "support",
            true,
            "ce projet",
        ),
        (
            "Nous n’approuvons pas cette mesure.",
            "support",
            true,
            "cette mesure",
        ),
        (
            "La France ne condamne pas cette attaque.",
            "condemn",
            true,
            "cette attaque",
        ),
        (
            "La France n'a jamais rejeté cette offre.",
            "reject",
            true,
            "cette offre",
        ),
        (
            "La France approuve le rapport du Comité.",
            "support",
            false,
            "le rapport du Comité",
        ),
    ];
    for (text, act, negated, target) in cases {
        let want = (act.to_string(), negated, target.to_string());
        assert_eq!(acts_said("fr", text), [want], "{text}");
    }
}

#[test]
fn acts_targets_count_the_keys_of_the_instances_targets() {
    let inst = seed_csv(&["acts", "--instances", "-f", "csv"], None);
    let targets = seed_csv(&["acts", "--targets", "-f", "csv"], None);
    let mut want: Vec<(String, String)> = strs(&inst, "act")
        .into_iter()
        .zip(
            strs(&inst, "target")
                .iter()
                .map(|t| verbale::dict::target_key(t, true)),
        )
        .filter(|(_, k)| !k.is_empty())
        .collect();
    want.sort();
    let mut got: Vec<(String, String)> = strs(&targets, "act")
        .into_iter()
        .zip(strs(&targets, "target"))
        .collect();
    got.sort();
    assert_eq!(got, want);
    assert!(
        got.contains(&("condemn".into(), "occupation of the territories".into())),
        "{got:?}"
    );
    assert!(nums(&targets, "count").iter().all(|&c| c == 1.0));
}

/// A state or body named several ways is one target (`DPRK`, `the Democratic People’s Republic
/// of Korea`, `North Korea`; `the Russian Federation` and `Russia`), in the targets table and
/// in what `--target-has` finds, by any name and inside a longer target; other targets keep
/// their own keys.
#[test]
fn a_state_named_several_ways_is_one_target() {
    use verbale::dict::target_key;
    for (written, key) in [
        ("the DPRK’s missile launches", "north korea"),
        ("the Democratic People’s Republic of Korea", "north korea"),
        ("North Korea for its tests", "north korea"),
        ("the Russian Federation", "russia"),
        (
            "the United Kingdom of Great Britain and Northern Ireland",
            "united kingdom",
        ),
        ("the attack on the embassy", "attack on the embassy"),
        ("Korea’s reunification", "korea"),
    ] {
        assert_eq!(target_key(written, true), key, "{written}");
    }
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("s.txt");
    std::fs::write(
        &text,
        "We condemn the DPRK for its launches. We condemn the Democratic People's Republic of \
         Korea's nuclear test. We condemn North Korea's provocations. We condemn the Russian \
         Federation's aggression.",
    )
    .unwrap();
    let targets = crate::common::csv_of(&["acts", "--targets", "-f", "csv"], &text);
    let rows: Vec<(String, f64)> = strs(&targets, "target")
        .into_iter()
        .zip(nums(&targets, "count"))
        .collect();
    assert_eq!(
        rows,
        [
            ("north korea".to_string(), 3.0),
            ("russia".to_string(), 1.0)
        ]
    );
    // The word as asked is looked for too: `US` finds `US efforts` as well as `the United
    // States`.
    std::fs::write(
        dir.path().join("u.txt"),
        "We welcome US efforts. We welcome the United States.",
    )
    .unwrap();
    let found = crate::common::csv_of(
        &["acts", "--instances", "--target-has", "US", "-f", "csv"],
        &dir.path().join("u.txt"),
    );
    assert_eq!(found.height(), 2, "{found}");
    // Every name of the state is looked for, inside a longer target too; `us` as a pronoun is
    // none of them.
    std::fs::write(
        dir.path().join("r.txt"),
        "We condemn the Russian Federation forces in Ukraine. We condemn Russia. We urge the \
         world to join us.",
    )
    .unwrap();
    for (asked, acts) in [("russia", 2), ("united states", 0)] {
        let found = crate::common::csv_of(
            &["acts", "--instances", "--target-has", asked, "-f", "csv"],
            &dir.path().join("r.txt"),
        );
        assert_eq!(found.height(), acts, "{asked}: {found}");
    }
    for asked in [
        "dprk",
        "North Korea",
        "Democratic People's Republic of Korea",
    ] {
        let found = crate::common::csv_of(
            &["acts", "--instances", "--target-has", asked, "-f", "csv"],
            &text,
        );
        assert_eq!(found.height(), 3, "{asked}");
    }
}

/// A denial of support is a negated support act, though `support` alone is no trigger: the
/// lexicon's `denied` triggers (`do not support`); `we support` stays a support, not negated.
#[test]
fn denied_support_is_a_negated_support() {
    let lex = ActLexicon::bundled("en").unwrap();
    let opts = Options::new(Lang::english());
    let dict = lex.compile(&opts).unwrap();
    let texts = [
        ("a", "We do not support the plan."),
        ("b", "France does not support this approach."),
        ("c", "We don’t support unilateral sanctions."),
        ("d", "We will never support the annexation."),
        ("e", "We support the plan."),
        ("f", "We provide support to the police."),
    ];
    let docs: Vec<Document> = texts
        .iter()
        .map(|(id, t)| Document::from_text(id, t))
        .collect();
    let scanned = scan_docs(&docs, &opts, &dict, Some(&lex));
    let got: Vec<Vec<(String, bool)>> = scanned
        .docs
        .iter()
        .map(|d| {
            d.acts
                .iter()
                .map(|a| (lex.acts[a.act as usize].name.clone(), a.negated))
                .collect()
        })
        .collect();
    let support = |negated| vec![("support".to_string(), negated)];
    for (i, want) in [
        support(true),
        support(true),
        support(true),
        support(true),
        support(false),
        vec![],
    ]
    .into_iter()
    .enumerate()
    {
        assert_eq!(got[i], want, "{}", texts[i].1);
    }
}

/// A title's full stop (`Mr.`, `Dr.`) does not end an act's target: the name after it is part
/// of it (UNGD's commonest commend target was the bare `mr`).
#[test]
fn a_target_goes_on_past_a_title() {
    let lex = ActLexicon::bundled("en").unwrap();
    let opts = Options::new(Lang::english());
    let dict = lex.compile(&opts).unwrap();
    let text = "We commend Mr. Csaba Kőrösi on his election. We commend Dr. Tedros for his \
                leadership. We thank H.E. Mr. Guterres.";
    let docs = [Document::from_text("a", text)];
    let scanned = scan_docs(&docs, &opts, &dict, Some(&lex));
    let targets: Vec<&str> = scanned.docs[0].acts.iter().map(|a| a.target()).collect();
    assert_eq!(
        targets,
        [
            "Mr. Csaba Kőrösi on his election",
            "Dr. Tedros for his leadership",
            "H.E. Mr. Guterres"
        ]
    );
}

/// A table per group counts its rows and its categories apart (it called its rows categories).
#[test]
fn a_grouped_dictionary_table_names_rows_and_categories() {
    let o = verbale()
        .current_dir(crate::common::root())
        .args([
            "dict",
            "data/statements",
            "--dict",
            "speech-acts",
            "--group-by",
            "folder",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    let first = out.lines().next().unwrap();
    let rows = out.lines().count() - 2;
    assert!(
        first.starts_with(&format!("{rows} rows of ")) && first.contains(" categories of "),
        "{first}"
    );
}

/// The audit table counts its rows as rows (an entry and a word it matched), not entries, and
/// `--top` without `--entries`, which it would not cut, is refused.
#[test]
fn the_entries_table_counts_rows_and_top_needs_entries() {
    let run = |extra: &[&str]| {
        verbale()
            .current_dir(crate::common::root())
            .args(["dict", "data/statements", "--dict", "speech-acts"])
            .args(extra)
            .output()
            .unwrap()
    };
    let o = run(&["--entries", "--top", "2"]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    let first = out.lines().next().unwrap();
    let rows = out.lines().count() - 2;
    assert!(
        first.starts_with(&format!("{rows} of "))
            && first.contains(" rows (entries and the words they matched)"),
        "{first}"
    );
    let o = run(&["--top", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--entries"));
}

/// `acts --instances` as CSV for one text.
fn instances_of(text: &str) -> String {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.txt");
    std::fs::write(&f, text).unwrap();
    let o = verbale()
        .args(["acts", "--instances", "-f", "csv"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// "in the strongest terms" after the act's object intensifies it as it does after the verb,
/// and is no part of the target; in the next sentence, or after the next trigger, it
/// intensifies that act only.
#[test]
fn in_the_strongest_terms_later_in_the_sentence_intensifies() {
    let df = csv_bytes(
        instances_of(
            "We condemned these terrorist attacks in the strongest possible terms and call for \
             calm. We condemn the attack. We reject in the strongest terms the claims. We \
             welcome the agreement and condemn in the strongest terms the raid. We support the \
             plan; we deplore, in the strongest terms, the delay.",
        )
        .into_bytes(),
    );
    let rows: Vec<(String, String, String)> = strs(&df, "act")
        .into_iter()
        .zip(strs(&df, "intensity"))
        .zip(strs(&df, "target"))
        .map(|((a, i), t)| (a, i, t))
        .collect();
    let row = |a: &str, i: &str, t: &str| (a.to_string(), i.to_string(), t.to_string());
    assert_eq!(
        rows,
        vec![
            row("condemn", "6", "these terrorist attacks"),
            row("call", "2", "calm"),
            row("condemn", "5", "the attack"),
            row("reject", "6", "the claims"),
            // A later act's phrase is that act's alone.
            row("welcome", "2", "the agreement"),
            row("condemn", "6", "the raid"),
            row("support", "2", "the plan"),
            row("deplore", "5", "the delay"),
        ],
        "{df}"
    );
}

/// "as opposed to" compares; it rejects nothing.
#[test]
fn as_opposed_to_is_no_rejection() {
    let out = instances_of(
        "The world of today, as opposed to 1945, is different. We reject the annexation.",
    );
    let rejects: Vec<&str> = out.lines().filter(|l| l.contains(",reject,")).collect();
    assert_eq!(rejects.len(), 1, "{out}");
    assert!(rejects[0].contains("annexation"), "{out}");
}

/// A target that opens a quotation keeps its closing mark; one that holds a whole quotation
/// is unchanged.
#[test]
fn a_target_keeps_the_closing_mark_of_its_quotation() {
    let df = csv_bytes(
        instances_of(
            "We reject the “referendum”. We condemn the so-called “elections” in the occupied \
             territories.",
        )
        .into_bytes(),
    );
    assert_eq!(
        strs(&df, "target"),
        [
            "the “referendum”",
            "the so-called “elections” in the occupied territories"
        ],
        "{df}"
    );
}

/// "without" before a trigger negates it, as "not" does.
#[test]
fn without_negates_the_act() {
    let df = csv_bytes(
        instances_of("The meeting ended without condemning the coup. We condemn the attack.")
            .into_bytes(),
    );
    let negated = strs(&df, "negated");
    assert_eq!(negated.len(), 2, "{df}");
    assert_eq!(negated.iter().filter(|n| *n == "true").count(), 1, "{df}");
}

/// A warning as a thing ("early warning systems", "a travel warning", "missile warning data
/// to") is no act of warning; a warning given is.
#[test]
fn a_warning_system_is_no_warning() {
    let out = instances_of(
        "We will cooperate on early warning systems to detect disruptions. A travel warning that \
         states the risk remains. We shared missile warning data to deter attacks. We warn \
         against any threat of the use of chemical weapons.",
    );
    let warns: Vec<&str> = out.lines().filter(|l| l.contains(",warn,")).collect();
    assert_eq!(warns.len(), 1, "{out}");
    assert!(warns[0].contains("chemical"), "{out}");
}

/// "Condemning our children to the ravages of": doomed, not condemned; a condemnation of
/// "their attempts to" or of "this threat to the lives of" stays one.
#[test]
fn condemned_to_a_fate_is_no_condemnation() {
    let out = instances_of(
        "Inaction is condemning our children to the ravages of a warming climate. We are \
         condemning them to remain victims. We condemn their attempts to destabilize the region. \
         We condemn this threat to the lives of civilians. Sanctions condemn millions of people \
         to poverty. We condemn the use of children to carry out attacks.",
    );
    let condemns: Vec<&str> = out.lines().filter(|l| l.contains(",condemn,")).collect();
    assert_eq!(condemns.len(), 3, "{out}");
    assert!(condemns[0].contains("their attempts") && condemns[1].contains("this threat"));
    assert!(condemns[2].contains("the use of children"), "{out}");
}

/// A target runs on through an abbreviation joined by a hyphen (`the U.S.-Japan Alliance`),
/// where it stopped at `the U.S` (about 70 targets of the White House statements).
#[test]
fn a_target_goes_on_through_a_hyphenated_abbreviation() {
    let out = instances_of(
        "The President reaffirmed his commitment to the U.S.-Japan Alliance. We condemn the \
         U.S.-led strikes. We welcome progress made by the U.S. and Japan.",
    );
    for target in [
        "the U.S.-Japan Alliance",
        "the U.S.-led strikes",
        "progress made by the U.S. and Japan",
    ] {
        assert!(out.contains(&format!(",{target},")), "{target}: {out}");
    }
}

/// A --target-has that no target names leaves no act, and the warning says that, not that the
/// text may be in another language.
#[test]
fn a_target_no_act_names_is_said_so() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.txt");
    std::fs::write(
        &f,
        "We condemn Russia’s invasion of Ukraine. We support Ukraine. We reject Russian claims.",
    )
    .unwrap();
    let o = verbale()
        .args(["acts", "--target-has", "rusia", "--instances"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "warning: no act is left of the 3 found: 3 whose target names none of \"rusia\" \
             (--target-has; check the spelling"
        ),
        "{err}"
    );
    assert!(!err.contains("another language"), "{err}");
    // With --act, of the acts of its kinds: other kinds left do not hide that none is.
    let o = verbale()
        .args(["acts", "--act", "condemn", "--target-has", "ukraine"])
        .arg(&f)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "warning: no act (condemn) is left of the 1 found: 1 whose target names \
                      none of \"ukraine\""
        ),
        "{err}"
    );
    // A stopword names no one: said so.
    let o = verbale()
        .args(["acts", "--target-has", "the"])
        .arg(&f)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: --target-has the: a stopword, which names no one"),
        "{err}"
    );
}

/// `acts --target-has russia` keeps the acts whose target's first words name Russia (as a
/// term: `Russia’s`), not those that mention it further on, and says how many it left out.
#[test]
fn target_has_keeps_the_acts_aimed_at_a_word() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.txt");
    std::fs::write(
        &f,
        "We condemn Russia’s invasion of Ukraine. We support Ukraine in the face of Russia’s \
         aggression. We condemn the attack on Kyiv. We reject Russian claims.",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let o = verbale()
            .args(["acts", "--target-has", "russia"])
            .args(extra)
            .arg(&f)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let out = run(&["--instances", "-f", "csv"]);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{out}");
    assert!(rows[0].contains("Russia’s invasion"), "{out}");
    let table = run(&[]);
    assert!(
        table.contains("3 acts whose target names none of \"russia\" left out"),
        "{table}"
    );
    // With --act, the acts left out are counted among those it chooses.
    let table = run(&["--act", "condemn"]);
    assert!(
        table.contains("1 act whose target names none of \"russia\" left out"),
        "{table}"
    );
    // An abbreviation finds the pieces of a hyphenated word; a phrase its words in a row.
    std::fs::write(
        &f,
        "We welcome the U.S.-Japan Alliance. We support the United States Congress. We support \
         the United Nations. We condemn the Russia—Iran arms deals.",
    )
    .unwrap();
    let count = |word: &str| {
        let o = verbale()
            .args(["acts", "--instances", "-f", "csv", "--target-has", word])
            .arg(&f)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap().lines().count() - 1
    };
    // `U.S.` and `the United States` are names of one state (target-names.list): each finds
    // the Alliance and the Congress.
    assert_eq!(
        (count("U.S."), count("united states"), count("united")),
        (2, 2, 2)
    );
    // A compound's parts are words: an em dash, and a phrase across a hyphen.
    assert_eq!((count("iran"), count("japan alliance")), (1, 1));
}

/// A doer named after `by` is aimed at too (`the occupation of Crimea by Russia` condemns
/// Russia), but not one inside what the target is asked to do (`the Assembly to adopt a
/// resolution initiated by Russia` calls on the Assembly).
#[test]
fn target_has_finds_the_doer_after_by() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.txt");
    std::fs::write(
        &f,
        "We condemn the occupation of Crimea by the Russian Federation. We condemn the war \
         crimes committed by Russia in Ukraine. We call on the Assembly to adopt a resolution \
         initiated by Russia. We condemn the attack on Kyiv.",
    )
    .unwrap();
    let o = verbale()
        .args([
            "acts",
            "--instances",
            "-f",
            "csv",
            "--target-has",
            "russia,russian federation",
        ])
        .arg(&f)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains("occupation of Crimea"), "{out}");
    assert!(rows[1].contains("war crimes"), "{out}");
    // A `by` after another preposition, one before a gerund, and a phrasal verb's are no
    // doer; a participle's after the trigger's `of` is. Whom an attack befell (`attacks on
    // Russia`) is not whom its condemnation aims at.
    std::fs::write(
        &f,
        "We welcome the efforts of the Assembly. We stand with Kuwait against \
         occupation by Russia. We support missions by engaging Russia. We support the States \
         that abided by Russia. We reiterate our rejection of all measures taken by Russia. \
         We welcome the efforts of Guinea-Bissau. We condemn the rocket attacks on Russia.",
    )
    .unwrap();
    let kept = |word: &str| {
        let o = verbale()
            .args(["acts", "--instances", "-f", "csv", "--target-has", word])
            .arg(&f)
            .output()
            .unwrap();
        let out = String::from_utf8(o.stdout).unwrap();
        out.lines().skip(1).map(str::to_string).collect::<Vec<_>>()
    };
    let russia = kept("russia");
    assert_eq!(russia.len(), 1, "{russia:?}");
    assert!(russia[0].contains("measures taken by Russia"), "{russia:?}");
    // A hyphenated word is wanted as the target's words are cut.
    assert_eq!(kept("guinea-bissau").len(), 1);
}

/// `acts --profile --act condemn` profiles the condemnations alone: the strength of the acts
/// chosen, as the rows per act and `chart acts` choose them.
#[test]
fn the_profile_is_of_the_acts_chosen() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.txt");
    std::fs::write(
        &f,
        "We condemn the attack. We welcome the plan. We note the report.",
    )
    .unwrap();
    let profile = |extra: &[&str]| {
        let o = verbale()
            .args(["acts", "--profile", "-f", "csv"])
            .args(extra)
            .arg(&f)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8(o.stdout).unwrap();
        let head: Vec<&str> = out.lines().next().unwrap().split(',').collect();
        let row: Vec<String> = out
            .lines()
            .nth(1)
            .unwrap()
            .split(',')
            .map(String::from)
            .collect();
        let col = |c: &str| row[head.iter().position(|h| *h == c).unwrap()].clone();
        (col("acts"), col("mean_intensity"))
    };
    assert_eq!(profile(&[]).0, "3");
    let (acts, mean) = profile(&["--act", "condemn"]);
    assert_eq!(acts, "1");
    assert_eq!(mean.parse::<f64>().unwrap(), 5.0);
}

/// `chart acts` takes the choices of `acts`: --act, --own and --target-has narrow the acts
/// drawn and the title says so; a chart of nothing is refused, an act not in the lexicon named.
#[test]
fn chart_acts_draws_the_acts_chosen() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("s.txt");
    std::fs::write(
        &f,
        "We condemn Russia’s invasion of Ukraine. We welcome the agreement. The Council \
         condemned the attack on Kyiv.",
    )
    .unwrap();
    let svg = d.path().join("a.svg");
    let chart = |extra: &[&str]| {
        verbale()
            .args(["chart", "acts", "-o"])
            .arg(&svg)
            .args(["--force", "--quiet"])
            .args(extra)
            .arg(&f)
            .output()
            .unwrap()
    };
    let o = chart(&["--act", "condemn", "--own", "--target-has", "russia"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawn.contains("condemn; own acts; targets naming russia"),
        "the title says what was chosen"
    );
    assert!(drawn.contains("1 act,"), "one act drawn");
    // Without --own the Council's condemnation is drawn as well.
    let o = chart(&["--act", "condemn"]);
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&svg).unwrap().contains("2 acts,"));
    // A title too long for two lines goes on three, not cut.
    let o = chart(&[
        "--act",
        "condemn,reject,deplore,demand,warn,concern,regret,urge",
        "--target-has",
        "russia,russian federation,the government of the russian federation,kremlin",
    ]);
    assert!(o.status.success());
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(!drawn.contains('…'), "the title is cut");
    assert!(drawn.contains("kremlin)"), "the title's end is drawn");
    let o = chart(&["--act", "warn"]);
    assert_eq!(o.status.code(), Some(1), "no act to draw");
    let o = chart(&["--top", "0"]);
    assert_eq!(o.status.code(), Some(2), "no bar to draw is a usage error");
    let o = chart(&["--act", "condem"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean 'condemn'"));
}

/// An entry no word can match (it holds a parenthesis, as LIWC's conditional entries do) is
/// warned of, and with --entries the entries that matched nothing are named: an audit of the
/// dictionary sees what it misses, not only what it found.
#[test]
fn entries_that_match_nothing_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let dic = dir.path().join("d.dic");
    std::fs::write(
        &dic,
        "%\n1\tdiscrepancy\n%\n(discrepancy) like\t1\noccupied\t1\nshoulda\t1\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let o = verbale()
            .args(["dict", "--dict"])
            .arg(&dic)
            .arg(data("seed"))
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stderr).unwrap()
    };
    let err = run(&[]);
    assert!(
        err.contains("1 entry can match no word") && err.contains("(discrepancy) like"),
        "{err}"
    );
    assert!(!err.contains("matched no word in these documents"), "{err}");
    let err = run(&["--entries"]);
    assert!(
        err.contains("2 entries matched no word in these documents: (discrepancy) like, shoulda"),
        "{err}"
    );
    assert!(run(&["--quiet"]).is_empty());
}

/// `dict` without --dict is a usage error that says what --dict takes; a first path that is a
/// dictionary file (given as `freq` takes its paths) is named, with the command that reads it.
#[test]
fn a_dictionary_given_as_a_path_is_pointed_to_dict() {
    let dir = tempfile::tempdir().unwrap();
    let yml = dir.path().join("sov.yml");
    std::fs::write(&yml, "sovereignty: [sovereign*]\n").unwrap();
    let o = verbale()
        .arg("dict")
        .arg(&yml)
        .arg(data("seed"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("looks like the dictionary; give it with --dict: verbale dict --dict")
            && err.contains("sov.yml"),
        "{err}"
    );
    let o = verbale().arg("dict").arg(data("seed")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("dict needs --dict FILE") && !err.contains("looks like"),
        "{err}"
    );
    let o = verbale()
        .args(["dict", "--dict"])
        .arg(&yml)
        .arg(data("seed"))
        .output()
        .unwrap();
    assert!(o.status.success());
}

/// The fresh14 to fresh53 splits (600 sentences each, labelled blind by two readers, 300
/// each), each drawn after the lexicon before it was committed (fresh17 to fresh22,
/// fresh24 to fresh26 and fresh36 to fresh53 while it was being built, unread until it was
/// committed) and scored once
/// with it: fresh14 with the
/// thirteenth (precision 0.873, recall 0.761), fresh15 with the fourteenth (0.904, 0.689),
/// fresh16 with the fifteenth (0.850, 0.729), fresh17 with the sixteenth (0.826, 0.740),
/// fresh18 with the seventeenth (0.881, 0.748), fresh19 with the eighteenth (0.864, 0.711),
/// fresh20 with the nineteenth and the support model (0.853, 0.805), fresh21 with the
/// twentieth and the model refitted (0.894, 0.759), fresh22 with the twenty-first (0.894,
/// 0.697), fresh23 with the twenty-second (0.906, 0.710), fresh24 with the twenty-third and
/// the model refitted (0.905, 0.780), fresh25 with the twenty-fourth and the model refitted
/// (0.939, 0.780), fresh26 with the twenty-fifth and the model refitted (0.930, 0.682),
/// fresh27 with the twenty-sixth and the model refitted (0.907, 0.741), fresh28 with the
/// twenty-seventh and the model refitted (0.884, 0.824), fresh29 with the twenty-eighth and the
/// model refitted (0.942, 0.843), fresh30 and fresh31 with the same (0.894, 0.722; 0.901,
/// 0.724), fresh32 and fresh33 with the twenty-ninth and the model refitted (0.947, 0.724;
/// 0.906, 0.746), fresh34 and fresh35 with the thirtieth and the model refitted (0.911, 0.770;
/// 0.917, 0.727), fresh36 and fresh37 with the thirtieth, the support model refitted and the
/// models that add call, welcome, commend and demand acts (0.902, 0.795; 0.908, 0.733),
/// fresh38 and fresh39 with the thirty-first and the models refitted (0.839, 0.865; 0.850,
/// 0.788), fresh40 and fresh41 with the thirty-second and the models refitted (0.918, 0.738;
/// 0.939, 0.717), fresh42 and fresh43 with the thirty-third and the models refitted (0.916,
/// 0.780; 0.881, 0.694), fresh44 and fresh45 with the thirty-fourth and the models refitted
/// (0.858, 0.794; 0.837, 0.779), fresh46 and fresh47 with the thirty-fifth and the models
/// refitted (0.854, 0.763; 0.891, 0.714), fresh48 and fresh49 with the thirty-sixth and the
/// models refitted (0.899, 0.769; 0.927, 0.745), fresh50 and fresh51 with the thirty-seventh
/// and the models refitted (0.901, 0.743; 0.911, 0.790), fresh52 and fresh53 with the
/// thirty-eighth and the models refitted (0.862, 0.744; 0.876, 0.751); each lexicon up to the
/// twenty-seventh was then tuned on the split it had been scored on, the twenty-ninth on
/// fresh29 to fresh31, the thirtieth on fresh32 and fresh33, the thirty-first on fresh34 to
/// fresh37, the thirty-second on fresh38 and fresh39, the thirty-third on fresh40 and fresh41,
/// the thirty-fourth on fresh42 and fresh43, the thirty-fifth on fresh44 and fresh45, the
/// thirty-sixth on fresh46 and fresh47, the thirty-seventh on fresh48 and fresh49 and the
/// thirty-eighth on fresh50 and fresh51. It checks that every labelled act is scored, that the
/// pooled precision and recall stay where today's lexicon puts them, and prints the errors.
#[test]
fn speech_acts_on_the_later_held_out_splits() {
    let mut pooled = [0usize; 3];
    for (split, acts) in [
        ("fresh14", 163),
        ("fresh15", 151),
        ("fresh16", 140),
        ("fresh17", 154),
        ("fresh18", 159),
        ("fresh19", 152),
        ("fresh20", 159),
        ("fresh21", 133),
        ("fresh22", 145),
        ("fresh23", 176),
        ("fresh24", 159),
        ("fresh25", 159),
        ("fresh26", 195),
        ("fresh27", 197),
        ("fresh28", 148),
        ("fresh29", 172),
        ("fresh30", 176),
        ("fresh31", 163),
        ("fresh32", 174),
        ("fresh33", 193),
        ("fresh34", 187),
        ("fresh35", 183),
        ("fresh36", 185),
        ("fresh37", 176),
        ("fresh38", 156),
        ("fresh39", 151),
        ("fresh40", 183),
        ("fresh41", 173),
        ("fresh42", 182),
        ("fresh43", 160),
        ("fresh44", 175),
        ("fresh45", 145),
        ("fresh46", 169),
        ("fresh47", 161),
        ("fresh48", 173),
        ("fresh49", 188),
        ("fresh50", 183),
        ("fresh51", 181),
        ("fresh52", 160),
        ("fresh53", 169),
    ] {
        let s = score(split);
        show(split, &s);
        assert_eq!(
            Score::total(&s.tp) + Score::total(&s.fneg),
            acts,
            "the {split} split has {acts} acts"
        );
        pooled[0] += Score::total(&s.tp);
        pooled[1] += Score::total(&s.fp);
        pooled[2] += Score::total(&s.fneg);
    }
    // Pooled with today's lexicon and models (fresh14 to fresh51 tuned on, fresh52 and fresh53
    // not yet): 5,582 right, 429 false, 963 missed, 0.929 and 0.853. A change that loses acts
    // or adds false ones over the forty splits fails here.
    let [tp, fp, fneg] = pooled.map(|n| n as f64);
    let (precision, recall) = (tp / (tp + fp), tp / (tp + fneg));
    assert!(
        precision >= 0.92 && recall >= 0.845,
        "fresh14 to fresh53 pooled: {precision:.3} {recall:.3}"
    );
}

/// Per sentence id, each act's number of labelled instances in a labels file.
fn acts_per_sentence(labels: &str) -> BTreeMap<(String, String), usize> {
    let mut n = BTreeMap::new();
    for l in tsv(labels) {
        *n.entry((l["id"].clone(), l["act"].clone())).or_default() += 1;
    }
    n
}

/// fresh16 read twice: the same 600 sentences labelled blind by a second pair of readers. The
/// two readings agree at F1 0.949 (acts matched per sentence as `score` matches them), far
/// above the lexicon's F1 of about 0.80 against either reading: the readers' disagreement is
/// not what keeps the lexicon from the goal. Checks both readings are whole and that they
/// agree at 0.9 or more, and checks the lexicon's F1 against the second reading stays below
/// their agreement (the README's claim; a lexicon that passes it should say so there).
#[test]
fn fresh16_read_twice() {
    let first = acts_per_sentence("acts/fresh16_labels.tsv");
    let second = acts_per_sentence("acts/fresh16_second_labels.tsv");
    let both: usize = first
        .iter()
        .map(|(k, n)| (*n).min(second.get(k).copied().unwrap_or(0)))
        .sum();
    let (n1, n2) = (
        first.values().sum::<usize>(),
        second.values().sum::<usize>(),
    );
    let agreement = 2.0 * both as f64 / (n1 + n2) as f64;
    println!("fresh16 readings: first {n1} acts, second {n2}, {both} in both, F1 {agreement:.3}");
    assert_eq!((n1, n2), (140, 136));
    assert!(agreement >= 0.9, "the readings agree at F1 {agreement:.3}");
    let s = score("fresh16_second");
    show("fresh16_second", &s);
    assert_eq!(Score::total(&s.tp) + Score::total(&s.fneg), n2);
    let lexicon = 2.0 * s.precision() * s.recall() / (s.precision() + s.recall());
    assert!(
        lexicon < agreement,
        "the lexicon ({lexicon:.3}) now agrees with the second reading as well as the readers \
         agree ({agreement:.3}): update the README"
    );
}

/// fresh38 and fresh39 read twice: the two splits, whose first readings hold fewer acts than the
/// splits before them and on which the lexicon's precision fell to 0.844, were labelled blind a
/// second time by four other readers. The readings agree at F1 0.957 (307 and 318 acts, 299 in
/// both), and the lexicon's precision against the second reading is 0.860: the false acts are
/// the lexicon's, not one reader's omissions. Checks both readings are whole, that they agree at
/// 0.9 or more, and scores the lexicon against the second.
#[test]
fn fresh38_and_fresh39_read_twice() {
    let (mut n1, mut n2, mut both) = (0, 0, 0);
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for split in ["fresh38", "fresh39"] {
        let first = acts_per_sentence(&format!("acts/{split}_labels.tsv"));
        let second = acts_per_sentence(&format!("acts/{split}_second_labels.tsv"));
        both += first
            .iter()
            .map(|(k, n)| (*n).min(second.get(k).copied().unwrap_or(0)))
            .sum::<usize>();
        n1 += first.values().sum::<usize>();
        n2 += second.values().sum::<usize>();
        let s = score(&format!("{split}_second"));
        show(&format!("{split}_second"), &s);
        assert_eq!(
            Score::total(&s.tp) + Score::total(&s.fneg),
            second.values().sum::<usize>()
        );
        (tp, fp, fneg) = (
            tp + Score::total(&s.tp),
            fp + Score::total(&s.fp),
            fneg + Score::total(&s.fneg),
        );
    }
    let agreement = 2.0 * both as f64 / (n1 + n2) as f64;
    println!(
        "fresh38 and fresh39 readings: first {n1}, second {n2}, {both} in both, F1 {agreement:.3}"
    );
    assert_eq!((n1, n2), (307, 318));
    assert!(agreement >= 0.9, "the readings agree at F1 {agreement:.3}");
    let lexicon = 2.0 * tp as f64 / (2 * tp + fp + fneg) as f64;
    assert!(
        lexicon < agreement,
        "the lexicon ({lexicon:.3}) now agrees with the second reading as well as the readers \
         agree ({agreement:.3}): update the README"
    );
}

/// Whether each act of each text is reported of someone else, with the bundled lexicon.
fn reported_in(texts: &[&str]) -> Vec<Vec<bool>> {
    scanned(texts)
        .1
        .iter()
        .map(|d| d.acts.iter().map(|a| a.reported).collect())
        .collect()
}

/// An act reported of someone else is told from the author's own by the words at its edges.
#[test]
fn acts_reported_of_others_are_told_apart() {
    let found = reported_in(&[
        "We strongly condemn the attack.",
        "The coup in Ukraine was supported by the West.",
        "We see factions that reject those who would divide the country.",
        "I would like to thank leaders in this Hall for condemning the regime.",
        "The Security Council demanded the withdrawal of all forces.",
        "We call on all States to condemn the attack.",
        // The author's own: a feeling, a present passive, a passive by the author.
        "We are deeply concerned about the violence.",
        "The international community is invited to support that programme.",
        "These acts have been energetically rejected by my Government.",
        "We call for restraint and would like to commend the mediators.",
        // Two words that may stand between, joined: as one of them alone.
        "The international community has unequivocally and consistently rejected the elections.",
        "We strongly and unequivocally condemn the attack.",
    ]);
    let want: [&[bool]; 12] = [
        &[false],
        &[true],
        &[true],
        &[false, true],
        &[true],
        &[false, true],
        &[false],
        // The call is the author's; the support it asks for (the support model finds it) is
        // not.
        &[false, true],
        &[false],
        &[false, false],
        &[true],
        &[false],
    ];
    for (i, (f, w)) in found.iter().zip(want).enumerate() {
        assert_eq!(f.as_slice(), w, "text {i}: {found:?}");
    }
}

/// Of the acts found right on the splits the rule was not written on (fresh8 to fresh21),
/// those called reported are nearly all someone else's, and the author's own are kept: with
/// the twenty-second lexicon and the support model, 67 of 70 calls right, 1,532 of 1,535 own
/// acts kept, 67 of 238 others' acts found, when measured.
#[test]
fn reported_acts_on_the_held_out_splits() {
    let splits: Vec<String> = (8..=21).map(|i| format!("fresh{i}")).collect();
    reported_at_least(&splits, 0.9, 0.25);
}

/// `acts --own` leaves out the acts reported of others, says how many, and `--instances`
/// marks them.
#[test]
fn acts_own_leaves_out_acts_reported_of_others() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.txt");
    std::fs::write(
        &f,
        "We condemn the attack. The Security Council condemned the attack too. \
         We thank leaders for condemning the regime.",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let o = verbale()
            .args(["acts", "-f", "csv", "--act", "condemn"])
            .args(extra)
            .arg(&f)
            .output()
            .unwrap();
        assert!(o.status.success());
        csv_bytes(o.stdout)
    };
    let all = run(&[]);
    assert_eq!(nums(&all, "count"), [3.0]);
    let own = run(&["--own"]);
    assert_eq!(nums(&own, "count"), [1.0]);
    // A table's header says how many were left out.
    let o = verbale()
        .args(["acts", "--act", "condemn", "--own"])
        .arg(&f)
        .output()
        .unwrap();
    let shown =
        String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(
        shown.contains("2 acts left out, reported of others (--own)"),
        "{shown}"
    );
    let inst = run(&["--instances"]);
    assert_eq!(strs(&inst, "reported"), ["false", "true", "true"]);
}

/// Of the acts found right on `splits`: (labelled someone else's, of them marked reported,
/// labelled the author's, of them marked reported).
fn speaker_totals(splits: &[String]) -> [usize; 4] {
    let mut sp = [[0usize; 2]; 2];
    for split in splits {
        let s = score(split);
        for (own, row) in s.speaker.iter().enumerate() {
            for (rep, n) in row.iter().enumerate() {
                sp[own][rep] += n;
            }
        }
    }
    [sp[0][0] + sp[0][1], sp[0][1], sp[1][0] + sp[1][1], sp[1][1]]
}

/// Of the acts found right on `splits`, the acts marked reported are someone else's at least
/// `precision` of the time, and at least `recall` of someone else's are marked.
fn reported_at_least(splits: &[String], precision: f64, recall: f64) {
    let [others, caught, own, wrong] = speaker_totals(splits);
    println!(
        "{} to {}: others {others}, called reported {caught}, own {own}, own called reported \
         {wrong}",
        splits[0],
        splits[splits.len() - 1]
    );
    assert!(
        caught as f64 / (caught + wrong) as f64 >= precision,
        "{caught} {wrong}"
    );
    assert!(caught as f64 / others as f64 >= recall, "{caught} {others}");
}

/// The acts of the splits labelled after the rule of whose act was written and first
/// measured (fresh22 to fresh53, never read to set it): of those the readers give to someone
/// else (`other`, `general`), a share are marked reported, and few of the author's are.
/// Measured when the bodies' nouns and numbered resolutions were added (2026-12-07): 197 of
/// 727 marked reported, 37 of 3,931 of the author's (precision 0.842, recall 0.271; the rule
/// before them: 172 and 32, 0.843 and 0.237).
#[test]
fn reported_acts_on_the_later_splits() {
    let splits: Vec<String> = (22..=53).map(|i| format!("fresh{i}")).collect();
    reported_at_least(&splits, 0.82, 0.26);
}

/// A body's act named by its resolutions' numbers, by a gerund after a comma, or by a noun
/// whose body stands before it as a genitive or after it through `of`/`by`/`from` is reported;
/// `in support of`, `the support of our friends` and a verb after a numbered resolution and
/// a comma (a list of the author's acts) are not.
#[test]
fn acts_of_bodies_named_around_them_are_reported() {
    let reported = |text: &str| {
        let df = csv_bytes(instances_of(text).into_bytes());
        strs(&df, "reported")
    };
    for text in [
        "Security Council resolutions 384 (1975) and 389 (1976) once again call on the \
         Government to withdraw.",
        "Security Council resolution 1624 (2005), calling on all States to prohibit incitement, \
         sends a message.",
        "In response to the Secretary-General's appeal, our Government has acted.",
        "Latvia backs the UN Secretary-General's call to build back better.",
        "We heed the call of the international community to end the blockade.",
        "Zimbabwe notes calls by the UN Secretary General for a vaccine.",
    ] {
        assert_eq!(reported(text), ["true"], "{text}");
    }
    for text in [
        // `in support of` and a body after it: the author's support.
        "We voted in support of the Council.",
        // The author's own noun, a body after it.
        "Kenya renews our support of the African Union.",
        // Friends of ours, however a body follows.
        "My delegation, with the support of our friends in the Union, will introduce a draft.",
        "Burkina Faso recalls resolution 1813 (2008), supports the efforts of the envoy, and \
         hopes for talks.",
    ] {
        let r = reported(text);
        assert!(
            !r.is_empty() && r.iter().all(|r| r == "false"),
            "{text}: {r:?}"
        );
    }
}

/// `acts --profile --top N` keeps the profile's first N documents (in their order); CSV
/// without it keeps every one.
#[test]
fn acts_profile_takes_top() {
    let run = |extra: &[&str]| {
        let o = verbale()
            .args(["acts", "data", "--profile", "--by-doc", "-f", "csv", "-q"])
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        csv_bytes(o.stdout)
    };
    let all = run(&[]);
    let two = run(&["--top", "2"]);
    assert!(all.height() > 2);
    assert_eq!(strs(&two, "doc"), strs(&all, "doc")[..2].to_vec());
    // Without a listing, --top is refused with what to give, in verbale's words.
    let o = verbale()
        .args(["acts", "data", "--top", "3"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--top 3 keeps the first rows of a listing: give --instances"),
        "{err}"
    );
}

/// An adjective that is a trigger of its own (`deplorable`) inside a target does not cut it:
/// the condemnation's target is the whole noun phrase, not `the`.
#[test]
fn an_adjective_trigger_does_not_cut_a_target() {
    let instances = |text: &str| {
        let df = csv_bytes(instances_of(text).into_bytes());
        (strs(&df, "act"), strs(&df, "target"))
    };
    let (acts, targets) =
        instances("The countries condemn the deplorable series of terrorist attacks.");
    let condemn = acts.iter().position(|a| a == "condemn").unwrap();
    assert_eq!(
        targets[condemn],
        "the deplorable series of terrorist attacks"
    );
    // An adjective after its noun still ends the target before it, and the next act's trigger
    // too.
    let (_, targets) = instances(
        "We support the talks yet find the delay regrettable and condemn the violence. We \
         condemn the attack and call it deplorable.",
    );
    assert!(
        targets.iter().all(|t| !t.contains("condemn")),
        "{targets:?}"
    );
    assert!(
        targets
            .iter()
            .all(|t| !t.contains("deplorable") && !t.contains("regrettable")),
        "{targets:?}"
    );
}

/// A trigger alone in a table's cell (a UPR list's `Supported` column) is a value, not an act;
/// the same word in a sentence is one. French `salue les efforts` is one act (commend), and a
/// narrow no-break space (U+202F) parts the words it stands between.
#[test]
fn a_table_cell_is_no_act_and_french_acts_count_once() {
    let acts = |text: &str, lang: &str| {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("s.txt");
        std::fs::write(&f, text).unwrap();
        let o = verbale()
            .args(["acts", "--instances", "-f", "csv", "--lang", lang])
            .arg(&f)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        strs(&csv_bytes(o.stdout), "act")
    };
    let table = "140.7 Ratify the Optional Protocol (Maldives); Source of Position: A/HRC/59/15 \
                 \tSupported \t- Ratification\n140.8 Accede to the Convention (Malawi)\tSupported\n";
    assert!(acts(table, "en").is_empty());
    assert_eq!(acts("We supported the plan.", "en"), ["support"]);
    assert_eq!(
        acts("La France salue les efforts du médiateur.", "fr"),
        ["commend"]
    );
    assert_eq!(
        acts(
            "Elle rejette\u{202F}le soi-disant «\u{202F}référendum\u{202F}».",
            "fr"
        ),
        ["reject"]
    );
    // `--lang FR` and `--lang french` name the French lexicon, as every command reads them.
    assert_eq!(acts("La France condamne l'attaque.", "FR"), ["condemn"]);
    assert_eq!(acts("La France condamne l'attaque.", "french"), ["condemn"]);
}

/// A text of some length with no act at all is warned of: the lexicon is --lang's, and a text
/// in another language finds none.
#[test]
fn no_act_in_a_long_text_is_warned_of() {
    let text = "We condemn the attack and welcome the talks. ".repeat(70);
    let err = |lang: &str| crate::common::stderr_on_text(&["acts", "--lang", lang], &text);
    assert!(
        err("ru").contains("no speech act in 560 words"),
        "{}",
        err("ru")
    );
    assert!(!err("en").contains("no speech act"), "{}", err("en"));
}

#[test]
fn an_adverb_after_the_trigger_and_the_preposition_of_concern_are_not_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(
        &f,
        "The Ministry condemns strongly the attack on the embassy. We express our deep concern \
         about the situation in Yemen. We welcome once again the agreement of the parties.\n",
    )
    .unwrap();
    let df = crate::common::csv_of(&["acts", "--targets", "-f", "csv"], &f);
    let mut keys = strs(&df, "target");
    keys.sort();
    assert_eq!(
        keys,
        [
            "agreement of the parties",
            "attack on the embassy",
            "situation"
        ]
    );
    let examples = strs(&df, "example");
    assert!(
        examples.iter().any(|e| e == "the attack on the embassy"),
        "the adverb is not in the example either: {examples:?}"
    );
}

#[test]
fn a_multiword_entry_matches_across_a_sentence_wrapped_over_lines() {
    // One paragraph per line, and one sentence hard-wrapped over two of them: the entry, the
    // phrase list and kwic find the wrapped occurrence alike.
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("wrapped.txt");
    std::fs::write(
        &text,
        "We speak of global warming and of global\nwarming again in this sentence.\n\
         Another paragraph about global warming.\nA list:\n",
    )
    .unwrap();
    let yml = dir.path().join("d.yml");
    std::fs::write(&yml, "climate:\n  - global warming\n").unwrap();
    let count = |args: &[&str]| {
        let o = verbale()
            .args(args)
            .arg(&text)
            .args(["-f", "csv", "-o", "-"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        csv_bytes(o.stdout)
    };
    let yml = yml.to_str().unwrap();
    let dict = count(&["dict", "--dict", yml]);
    assert_eq!(nums(&dict, "count"), [3.0]);
    let lines = count(&["kwic", "global warming"]);
    assert_eq!(lines.height(), 3);
}

/// The support model decides where the word list cannot: support given in a noun after a
/// verb the list does not hold (`give our unwavering support to`, which the list's `support
/// to` takes for aid) is found, aid and a mention are not, and a lexicon without the model
/// (no models) keeps to its words.
#[test]
fn the_support_model_tells_stance_from_aid() {
    let texts = [
        "We wish to give our unwavering support to a policy designed to save the citizens of Latin America.",
        "The Programme provides support to the police and to health services in rural areas.",
        "The leaders discussed a range of issues, including support for Ukraine.",
        "He reaffirmed U.S. support to build back better.",
    ];
    let (lex, docs) = scanned(&texts);
    let support = |d: &verbale::dict::DictDoc| -> Vec<String> {
        d.acts
            .iter()
            .filter(|a| lex.acts[a.act as usize].name == "support")
            .map(|a| a.trigger().to_string())
            .collect()
    };
    let found: Vec<Vec<String>> = docs.iter().map(support).collect();
    assert_eq!(
        found,
        [
            vec!["our unwavering support".to_string()],
            vec![],
            vec![],
            vec!["U.S. support".to_string()],
        ]
    );
    // `unwavering` is no intensifier of the scheme.
    assert!(!docs[0].acts[0].intensified);
    let mut plain = ActLexicon::bundled("en").unwrap();
    plain.models.clear();
    let opts = Options::new(Lang::english());
    let dict = plain.compile(&opts).unwrap();
    let docs: Vec<Document> = texts.iter().map(|t| Document::from_text("d", t)).collect();
    let without = scan_docs(&docs, &opts, &dict, Some(&plain)).docs;
    assert!(without[0].acts.is_empty() && without[3].acts.is_empty());
}

/// A model that adds acts looks only at its words outside every trigger of the word list, and
/// never takes a trigger away: with a model that accepts `appeal` after `our` and nothing else,
/// "Our appeal" becomes a call, "Their appeal" does not, "our appeal to" stays the list's one act
/// (not two), "We call upon" stays although the model would turn `call` down, and `our support`
/// in the list's trigger "reaffirm our support" is no call.
#[test]
fn a_model_that_adds_acts_leaves_the_word_lists_triggers_alone() {
    let model = verbale::dict::models::ActModel::parse(
        "act\tcall\nmode\tadd\nbias\t-5\nthreshold\t0.5\ncandidate\tappeal\ncandidate\tcall\n\
         candidate\tsupport\n-1=our\t10\n",
    )
    .unwrap();
    assert!(!model.decides);
    assert!(verbale::dict::models::ActModel::parse("mode\tsometimes\n").is_err());
    let mut lex = ActLexicon::bundled("en").unwrap();
    lex.models = vec![model];
    let (lex, docs) = scanned_with(
        lex,
        &[
            "Our appeal concerns the need for close collaboration.",
            "Their appeal concerns the need for close collaboration.",
            "Today our appeal to all States is to ratify the treaty.",
            "We call upon all States to ratify the treaty.",
            "We reaffirm our support for the treaty.",
        ],
    );
    let calls: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            d.acts
                .iter()
                .filter(|a| lex.acts[a.act as usize].name == "call")
                .map(|a| a.trigger().to_string())
                .collect()
        })
        .collect();
    assert_eq!(calls[0], ["Our appeal"]);
    assert!(calls[1].is_empty(), "{calls:?}");
    assert_eq!(calls[2].len(), 1, "{calls:?}");
    assert_eq!(calls[3].len(), 1, "{calls:?}");
    // `our support` would be accepted, but it stands in the list's support trigger.
    assert!(calls[4].is_empty(), "{calls:?}");
    assert_eq!(docs[4].acts.len(), 1);
    // The bundled lexicon runs the support model first, then the four that add.
    let bundled = ActLexicon::bundled("en").unwrap();
    let order: Vec<(&str, bool)> = bundled
        .models
        .iter()
        .map(|m| (m.act.as_str(), m.decides))
        .collect();
    assert_eq!(
        order,
        [
            ("support", true),
            ("call", false),
            ("welcome", false),
            ("commend", false),
            ("demand", false)
        ]
    );
}

/// "demanding" the adjective is no demand, in the word list (`is demanding` holding `the
/// most`) nor where the demand model looks (it heeds the act's exceptions); the verb is.
#[test]
fn the_adjective_demanding_is_no_demand() {
    let (lex, docs) = scanned(&[
        "Climate change is the most demanding challenge of our time.",
        "Peacebuilding is a demanding task for the whole Organization.",
        "These are the most demanding times the Organization has known.",
        "We must be equally demanding in the social sphere.",
        "Young people around the world are demanding that we act now.",
        "The resolutions adopted by the Council, demanding the immediate withdrawal of the troops, were ignored.",
    ]);
    let demands: Vec<usize> = docs
        .iter()
        .map(|d| {
            d.acts
                .iter()
                .filter(|a| lex.acts[a.act as usize].name == "demand")
                .count()
        })
        .collect();
    assert_eq!(demands, [0, 0, 0, 0, 1, 1]);
    assert!(
        lex.models
            .iter()
            .any(|m| m.act == "demand" && m.heeds_exceptions),
        "the demand model heeds the exceptions"
    );
}

/// Where the support model turns a trigger of the list down, the act before it is no longer cut
/// there: its target runs on over the words the trigger held.
#[test]
fn a_target_runs_on_where_the_support_model_took_a_trigger_away() {
    let (lex, docs) = scanned(&[
        "The ministers welcomed the support for economic recovery and development in the region.",
    ]);
    let name = |a: &verbale::dict::ActHit| lex.acts[a.act as usize].name.clone();
    let acts: Vec<(String, String)> = docs[0]
        .acts
        .iter()
        .map(|a| (name(a), a.target().to_string()))
        .collect();
    assert!(acts.iter().all(|(act, _)| act != "support"), "{acts:?}");
    assert_eq!(
        acts,
        [(
            "welcome".to_string(),
            "the support for economic recovery and development in the region".to_string()
        )]
    );
}

/// What `acts` says to a user who asks the wrong thing: an empty folder as `freq` says it,
/// `--target-has ''` and `--by year` refused as usage errors (the second pointing to
/// `--group-by`), and a lexicon read from a file warned of having no act models.
#[test]
fn acts_says_what_went_wrong_and_what_to_do() {
    let d = tempfile::tempdir().unwrap();
    let empty = d.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let text = d.path().join("s.txt");
    std::fs::write(&text, "We strongly condemn the attack.").unwrap();
    let run = |args: &[&str]| {
        let o = verbale().arg("acts").args(args).output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, err) = run(&[empty.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("no readable txt/") && err.contains("--ext"),
        "{err}"
    );
    let t = text.to_str().unwrap();
    let (code, err) = run(&[t, "--target-has", ""]);
    assert_eq!(code, Some(2), "{err}");
    let (code, err) = run(&[t, "--by", "year"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--group-by year"), "{err}");
    let lexicon = root().join("data/lexicons/en/speech-acts.yml");
    let (code, err) = run(&[t, "--lexicon", lexicon.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("no act models"), "{err}");
}

/// `acts --models`: models read from files run instead of the bundled ones (`none`: the words
/// alone decide), a model that adds acts with `near N` adds one act, not two, for candidate
/// words within N words of each other or of a trigger of its act, and a bad model file is
/// named with its line (exit 2).
#[test]
fn acts_models_from_files_replace_the_bundled_ones() {
    let d = tempfile::tempdir().unwrap();
    let text = d.path().join("s.txt");
    // "solidarity" stands 2 words after "commitment"; the second "commitment" 3 words after
    // the trigger "support".
    std::fs::write(
        &text,
        "Our commitment and solidarity are firm.\nWe support Ukraine with commitment.",
    )
    .unwrap();
    let model = |near: &str| {
        let p = d.path().join(format!("m{near}.tsv"));
        let mut m = String::from("act\tsupport\nmode\tadd\nbias\t10\nthreshold\t0.5\n");
        m += "candidate\tcommitment\ncandidate\tsolidarity\n";
        if !near.is_empty() {
            m += &format!("near\t{near}\n");
        }
        std::fs::write(&p, m).unwrap();
        p
    };
    let support = |models: &str| -> usize {
        let o = verbale()
            .args(["acts", text.to_str().unwrap(), "--instances", "-f", "csv"])
            .args(["--act", "support", "--models", models])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).lines().count() - 1
    };
    // The word list finds "We support"; a model accepting every candidate adds three acts,
    // with `near 3` only the first "commitment".
    assert_eq!(support("none"), 1);
    assert_eq!(support(model("").to_str().unwrap()), 4);
    assert_eq!(support(model("3").to_str().unwrap()), 2);
    assert_eq!(support(model("1").to_str().unwrap()), 4);
    // Not across a sentence's end: two acts, a word apart.
    std::fs::write(&text, "Our commitment. Solidarity, always.").unwrap();
    assert_eq!(support(model("3").to_str().unwrap()), 2);
    std::fs::write(&text, "Our commitment and solidarity, always.").unwrap();
    assert_eq!(support(model("3").to_str().unwrap()), 1);
    // A model of an act the lexicon does not have is refused, naming the act.
    let typo = d.path().join("typo.tsv");
    std::fs::write(&typo, "act\tsuport\nmode\tadd\ncandidate\tcommitment\n").unwrap();
    let o = verbale()
        .args(["acts", text.to_str().unwrap(), "--models"])
        .arg(&typo)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("'suport'") && err.contains("did you mean"),
        "{err}"
    );
    let bad = d.path().join("bad.tsv");
    std::fs::write(&bad, "act\tsupport\nnear\tfour\n").unwrap();
    let o = verbale()
        .args(["acts", text.to_str().unwrap(), "--models"])
        .arg(&bad)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("bad.tsv") && err.contains("line 2"), "{err}");
}

/// `chart acts` by a field of words (country) draws the strongest groups first; by a field of
/// numbers (year) it keeps their order, so that a change over time shows.
#[test]
fn chart_acts_orders_named_groups_by_strength_and_years_by_time() {
    let d = tempfile::tempdir().unwrap();
    let texts = [
        (
            "a.txt",
            "We welcome the agreement. We support the process, which has been long.",
        ),
        (
            "b.txt",
            "We strongly condemn the attack. We reject the annexation.",
        ),
        ("c.txt", "We note the report. We welcome the plan."),
    ];
    for (f, t) in texts {
        std::fs::write(d.path().join(f), t).unwrap();
    }
    std::fs::write(
        d.path().join("manifest.csv"),
        "file,country,year\na.txt,AAA,2001\nb.txt,BBB,2002\nc.txt,CCC,2003\n",
    )
    .unwrap();
    let warned = |field: &str| {
        let o = verbale()
            .args(["chart", "acts"])
            .arg(d.path())
            .args(["--group-by", field, "--top", "1", "-o"])
            .arg(d.path().join(format!("{field}.png")))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    assert!(warned("country").contains("leaves out 2 groups with acts (it draws the 1 strongest)"));
    assert!(
        warned("year").contains("leaves out 2 groups with acts (it draws the 1 first): --top 3")
    );
    // Chosen acts, whose means differ little, are drawn most per 10,000 words first; a year
    // without any of them is drawn empty, not left out, so that the gap shows.
    let svg = d.path().join("w.svg");
    let drawn = |extra: &[&str]| {
        let o = verbale()
            .args([
                "chart", "acts", "--act", "welcome", "--quiet", "--force", "-o",
            ])
            .arg(&svg)
            .args(extra)
            .arg(d.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(&svg).unwrap()
    };
    let by_country = drawn(&["--group-by", "country"]);
    assert!(by_country.contains("order: acts per 10,000 words"));
    let (a, c) = (
        by_country.find(">\nAAA").unwrap(),
        by_country.find(">\nCCC").unwrap(),
    );
    assert!(c < a, "CCC (1 welcome in 8 words) before AAA (1 in 11)");
    assert!(
        !by_country.contains("BBB"),
        "a country with none has no bar"
    );
    let by_year = drawn(&["--group-by", "year"]);
    assert!(by_year.contains("2002") && by_year.contains(">\nno act\n"));
}

/// The English act lexicon and its scan of `texts`, documents `d0`, `d1`, ...
fn acts_of(texts: &[&str]) -> (ActLexicon, verbale::dict::Scanned) {
    let lex = ActLexicon::bundled("en").unwrap();
    let opts = Options::new(Lang::english());
    let dict = lex.compile(&opts).unwrap();
    let docs: Vec<Document> = (texts.iter().enumerate())
        .map(|(i, t)| Document::from_text(&format!("d{i}"), t))
        .collect();
    let scanned = scan_docs(&docs, &opts, &dict, Some(&lex));
    (lex, scanned)
}

/// The report sets each act's texts aside in a temporary file while it reads, and writes
/// them back into act_instances: the same table, row for row, as with the texts held.
#[test]
fn act_sentences_set_aside_come_back_in_act_instances() {
    use verbale::analysis::spill::Spill;
    use verbale::dict::{act_targets, instances_frame, instances_in_pieces, TextsAside};
    let (lex, held) = acts_of(&[
        "We strongly condemn the attack. We welcome the agreement and urge restraint.",
        "Nothing to see here.",
        "The Council demanded a ceasefire. We deplore the violence.",
    ]);
    let (whole, _) = instances_frame(&held, &lex, |_| true).unwrap();
    assert!(whole.height() >= 4, "{whole}");
    let mut aside = held.clone();
    let spill = Spill::new().unwrap();
    let at: Vec<_> = (aside.docs.iter_mut())
        .map(|d| TextsAside::set_aside(d, &spill))
        .collect();
    assert_eq!(
        at.iter().map(Option::is_some).collect::<Vec<_>>(),
        [true, false, true]
    );
    assert!(aside
        .docs
        .iter()
        .flat_map(|d| &d.acts)
        .all(|a| a.sentence().is_empty()));
    // The acts keep no text at all: the trigger, target and place went with the sentence.
    assert!(aside
        .docs
        .iter()
        .flat_map(|d| &d.acts)
        .all(|a| a.texts.is_none()));
    aside.aside = Some(std::sync::Arc::new(TextsAside::of(spill, at)));
    let (again, _) = instances_frame(&aside, &lex, |_| true).unwrap();
    assert_eq!(again, whole);
    // What the acts target, counted from the texts read back.
    let targets = act_targets(&held, &lex).unwrap().0;
    assert!(targets.height() >= 3, "{targets}");
    assert_eq!(act_targets(&aside, &lex).unwrap().0, targets);
    // Only the strong acts: their documents' texts are read back, the others' not needed.
    let strong = |a: &verbale::dict::ActHit| a.intensity >= 4;
    assert_eq!(
        instances_frame(&aside, &lex, strong).unwrap().0,
        instances_frame(&held, &lex, strong).unwrap().0
    );
    // In pieces of two rows, a document's acts split between pieces.
    let pieces: Vec<_> = instances_in_pieces(&aside, &lex, 2)
        .collect::<verbale::Result<_>>()
        .unwrap();
    let mut stacked = pieces[0].clone();
    for p in &pieces[1..] {
        stacked.vstack_mut(p).unwrap();
    }
    assert_eq!(stacked, whole);
}

/// The per-document act tables made a range of documents at a time (as the report writes
/// them) stack up to the tables of the whole scan, row for row.
#[test]
fn act_tables_of_document_ranges_stack_up_to_the_whole() {
    use verbale::dict::{acts_frames, acts_frames_of_docs, Bins};
    let (lex, s) = acts_of(&[
        "We strongly condemn the attack and welcome the agreement.",
        "Nothing to see here.",
        "The Council demanded a ceasefire. We deplore the violence. We urge restraint.",
        "We support the plan.",
    ]);
    let whole = || acts_frames(&s, &lex, Bins { n: 4 }).unwrap();
    // A row per act of each of the four documents.
    assert_eq!(whole().acts.0.height(), 4 * lex.acts.len());
    for table in [
        |f: verbale::dict::ActsFrames| f.acts,
        |f: verbale::dict::ActsFrames| f.profile,
    ] {
        let (all, all_bins) = table(whole());
        let (mut stacked, mut bins) = (None::<polars::prelude::DataFrame>, Vec::new());
        // Ranges that cut the documents unevenly, one past the scan's end.
        for r in [0..1, 1..3, 3..6] {
            let start = r.start as u32;
            let (df, of_row) = table(acts_frames_of_docs(&s, &lex, r).unwrap());
            bins.extend(of_row.iter().map(|b| b + start));
            match &mut stacked {
                Some(x) => {
                    x.vstack_mut(&df).unwrap();
                }
                None => stacked = Some(df),
            }
        }
        assert_eq!(stacked.unwrap(), all);
        assert_eq!(bins, all_bins);
    }
}

/// `verbale ARGS...` on the bundled statements, CSV on standard output, as rows of fields
/// (none of these tables quotes a field).
fn statement_rows(args: &[&str]) -> Vec<Vec<String>> {
    let o = verbale()
        .current_dir(root())
        .args(args)
        .args(["data/statements", "-f", "csv"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

/// The sums `acts` and `dict` make as the corpus is read (a run of the corpus or of groups
/// keeps no act and no category per document) are those of the rows per document, which keep
/// each one: per act or category, of the corpus and of each folder.
#[test]
fn sums_made_while_reading_are_the_sums_of_the_documents() {
    // Sums of the rows per document (doc, then the key: act or category), by key and by
    // folder and key, of the columns `cols`; and the documents with a first column above 0.
    type Sums = BTreeMap<(String, String), Vec<u64>>;
    let by_doc = |args: &[&str], cols: &[usize]| -> Sums {
        let mut sums = Sums::new();
        for r in statement_rows(args) {
            let folder = r[0].split('/').next().unwrap().to_string();
            for at in [String::new(), folder] {
                let s = (sums.entry((at, r[1].clone()))).or_insert(vec![0; cols.len() + 1]);
                for (i, &c) in cols.iter().enumerate() {
                    s[i] += r[c].parse::<u64>().unwrap();
                }
                s[cols.len()] += (r[cols[0]] != "0") as u64;
            }
        }
        sums
    };
    // Rows of the corpus (no folder) or per folder, keyed as above.
    let read = |args: &[&str], grouped: bool, cols: &[usize], with_docs: bool| -> Sums {
        (statement_rows(args).into_iter())
            .map(|r| {
                let (at, r) = if grouped {
                    (r[0].clone(), r[1..].to_vec())
                } else {
                    (String::new(), r)
                };
                let mut v: Vec<u64> = cols.iter().map(|&c| r[c].parse().unwrap()).collect();
                if !with_docs {
                    v.push(0);
                }
                ((at, r[0].clone()), v)
            })
            .collect()
    };
    let group = ["--group-by", "folder"];
    // acts: count, intensified, negated, quoted (the documents with an act are not a column).
    let mut acts = by_doc(&["acts", "--by-doc"], &[3, 5, 6, 7]);
    acts.values_mut().for_each(|v| v[4] = 0);
    let corpus = read(&["acts"], false, &[2, 4, 5, 6], false);
    let groups = read(
        &[&["acts"][..], &group].concat(),
        true,
        &[2, 4, 5, 6],
        false,
    );
    assert_eq!(corpus.len() + groups.len(), acts.len());
    for (k, v) in corpus.iter().chain(&groups) {
        assert_eq!(v, &acts[k], "{k:?}");
    }
    let total: u64 = corpus.values().map(|v| v[0]).sum();
    assert!(total > 100, "{total} acts");
    assert!(groups.keys().any(|(f, _)| f == "wh") && groups.keys().any(|(f, _)| f == "ungd"));
    // The profile: acts, highest intensity, of the corpus.
    let (mut most, mut with_acts) = (0u64, 0);
    for r in statement_rows(&["acts", "--by-doc", "--profile"]) {
        if r[1] != "0" {
            with_acts += 1;
            most = most.max(r[4].parse().unwrap());
        }
    }
    let profile = &statement_rows(&["acts", "--profile"])[0];
    assert_eq!(profile[0].parse::<u64>().unwrap(), total);
    assert_eq!(profile[3].parse::<u64>().unwrap(), most);
    assert!(with_acts > 10, "{with_acts} documents with an act");
    // dict: count, quoted, scare, and the documents with a match (its `docs` column).
    let cats = by_doc(
        &["dict", "--dict", "speech-acts", "--by", "doc"],
        &[2, 4, 5],
    );
    let args = ["dict", "--dict", "speech-acts"];
    let corpus = read(&args, false, &[1, 3, 4, 5], true);
    let groups = read(&[&args[..], &group].concat(), true, &[1, 3, 4, 5], true);
    assert_eq!(corpus.len() + groups.len(), cats.len());
    for (k, v) in corpus.iter().chain(&groups) {
        assert_eq!(v, &cats[k], "{k:?}");
    }
    assert!(corpus.values().any(|v| v[0] > 0));
    // The headers count the same acts, documents and words from the sums.
    let header = |args: &[&str], from: &str| -> String {
        let o = verbale()
            .current_dir(root())
            .args(args)
            .arg("data/statements")
            .output()
            .unwrap();
        let out = String::from_utf8(o.stdout).unwrap();
        let first = out.lines().next().unwrap_or_default().to_string();
        first[first.find(from).unwrap_or_else(|| panic!("{first}"))..].to_string()
    };
    for act in [&[][..], &["--act", "condemn,support"][..]] {
        let summed = header(&[&["acts"][..], act].concat(), " (");
        assert_eq!(
            summed,
            header(&[&["acts", "--by-doc"][..], act].concat(), " (")
        );
        assert!(
            summed.contains(" acts found) in 21 documents, "),
            "{summed}"
        );
    }
    let summed = header(&args, " in ");
    assert_eq!(
        summed,
        header(&[&args[..], &["--by", "doc"]].concat(), " in ")
    );
}
