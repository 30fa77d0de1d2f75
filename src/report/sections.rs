//! The report's sections, one function each, over what the report is made of.

use super::charts::{focus_doc, scare_spans, Chart, MIN_SCARE};
use super::doc::Block;
use super::tables::{table, Tables, SCARE_ROWS};
use super::{Parts, MAX_SIMILARITY_DOCS};
use crate::chart::MAX_HEATMAP_DOCS;
use crate::error::Result;
use crate::out::numbers::thousands;
use crate::quotes::Kind;
use crate::text::Rules;
use polars::prelude::*;

/// What the sections are written from.
pub(super) struct ReportData<'a> {
    pub(super) p: Parts<'a>,
    pub(super) tables: &'a Tables,
    pub(super) charts: &'a [Chart],
    /// The keyness chart's title (empty when there is nothing to compare).
    pub(super) key_title: &'a str,
}

fn s(x: &str) -> String {
    x.to_string()
}

impl ReportData<'_> {
    fn chart(&self, file: &str) -> Option<Block> {
        self.charts
            .iter()
            .find(|c| c.file == file)
            .map(|c| Block::Image {
                file: c.file.clone(),
                png: c.png.clone(),
                narrow: c.narrow.clone(),
                alt: c.alt.clone(),
            })
    }
}

/// Every section, in order.
pub(super) fn all(d: &ReportData) -> Result<Vec<Block>> {
    let mut b = Vec::new();
    let texts = d.p.r.texts;
    overview(d, &mut b);
    top_terms(d, &mut b);
    if texts {
        phrases(d, &mut b);
    }
    quoted_terms(d, &mut b)?;
    if texts {
        quotations(d, &mut b)?;
        cues(d, &mut b);
        speech_acts(d, &mut b);
    }
    profile(d, &mut b);
    groups(d, &mut b)?;
    keyness(d, &mut b)?;
    similarity(d, &mut b)?;
    if texts {
        dispersion(d, &mut b);
    }
    // A table with no rows says so in words rather than showing its header alone.
    for block in &mut b {
        if matches!(block, Block::Table { rows, .. } if rows.is_empty()) {
            *block = Block::Para(s("None in these documents."));
        }
    }
    Ok(b)
}

/// The overview's word on a language other than the run's: the corpus's, when its most
/// frequent words are another language's stopwords, or else the documents whose own words are.
fn languages(d: &ReportData, b: &mut Vec<Block>) {
    let (a, lang) = (d.p.a, d.p.opts.lang);
    if let Some((other, words)) = a.language_hint(lang) {
        b.push(Block::Para(format!(
            "The most frequent words ({}) are {} stopwords, not {}: is the text {}? \
             `--lang {}` reads it so.",
            words[..4.min(words.len())].join(", "),
            other.name,
            lang.name,
            other.name,
            other.code
        )));
        return;
    }
    let other: Vec<String> = (a.docs.iter())
        .filter_map(|doc| doc.other_lang.map(|l| format!("{} ({})", doc.id, l.name)))
        .collect();
    if !other.is_empty() {
        b.push(Block::Para(format!(
            "Documents whose most frequent words are another language's stopwords ({}), \
             counted here as {}: read them apart with that language's `--lang`.",
            other.len(),
            lang.name
        )));
        b.push(Block::List(other));
    }
}

fn overview(d: &ReportData, b: &mut Vec<Block>) {
    let (a, opts, r) = (d.p.a, d.p.opts, d.p.r);
    let n_scare = (0..a.docs.len()).map(|i| scare_spans(a, i)).sum::<usize>();
    let n_spans = a.docs.iter().map(|d| d.n_spans as usize).sum::<usize>();
    let stemming = match (opts.stem, opts.rules) {
        (false, _) => "off",
        (true, Rules::Snowball) => "on (current Snowball rules)",
        (true, Rules::Classic) => "on (classic Snowball rules, before 3.0)",
    };
    b.push(Block::Heading(2, s("Overview"), s("overview")));
    b.push(Block::List(vec![
        match &r.chosen_by {
            Some(how) => format!(
                "Documents: {}, chosen by {how}",
                thousands(a.docs.len() as u64)
            ),
            None => format!("Documents: {}", thousands(a.docs.len() as u64)),
        },
        format!(
            "Tokens (words and numbers, stopwords included): {}",
            thousands(a.total_tokens())
        ),
        format!(
            "Distinct terms (stems, stopwords left out): {}",
            thousands(a.distinct_terms() as u64)
        ),
        format!(
            "Quotation spans: {}, of which scare quotes: {}",
            thousands(n_spans as u64),
            thousands(n_scare as u64)
        ),
        format!(
            "Language: {} ({}), stemming {stemming}",
            opts.lang.name, opts.lang.code
        ),
        format!("Run: {}", r.date),
    ]));
    if !r.left_out.is_empty() {
        b.push(Block::Para(format!(
            "Inputs left out ({}), not counted anywhere in this report:",
            r.left_out.len()
        )));
        b.push(Block::List(r.left_out.clone()));
    }
    languages(d, b);
    if !r.texts {
        b.push(Block::Para(format!(
            "Made from counts (`verbale counts`), without the texts: left out, as they need the texts, are {}. `verbale report` on the documents themselves has them.",
            super::TEXT_SECTIONS.join(", ")
        )));
    }
    b.push(Block::Para(s("Command:")));
    b.push(Block::Code(r.command.clone()));
    let names = super::table_names(r.texts, d.tables.groups.is_some());
    b.push(Block::Para(format!(
        "Tables (Parquet and CSV) beside this report: {}. report.ipynb loads them.",
        names.join(", ")
    )));
}

fn top_terms(d: &ReportData, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, s("Top terms"), s("top-terms")));
    b.extend(d.chart("freq.png"));
    b.push(table(&d.tables.corpus_terms, 30));
}

fn phrases(d: &ReportData, b: &mut Vec<Block>) {
    let Some(t) = &d.tables.phrases else { return };
    b.push(Block::Heading(2, s("Phrases"), s("phrases")));
    b.push(Block::Para(s("The most frequent two- and three-word sequences (n-grams within a sentence, between punctuation, none starting or ending with a stopword; seen at least twice), with their occurrences inside quotation marks and scare quotes. The ngrams table beside the report has the first 100; `verbale ngrams` and `verbale collocations` give every one and their association scores.")));
    b.extend(d.chart("ngrams.png"));
    b.push(table(&t.ngrams, 20));
    let Some(node) = &t.node else { return };
    // The collocates are the stem's: every form counts, and the heading says which.
    let (title, forms) = match &t.node_forms {
        Some((stem, forms)) if forms.len() > 1 => (
            format!(
                "Words around “{node}” (the term {stem}: {})",
                forms.join(", ")
            ),
            format!(
                " Words are counted by their stem, so every form of {stem} is a node ({}); \
                 collocates of one form alone: `verbale collocates {node} PATH --no-stem`.",
                forms.join(", ")
            ),
        ),
        _ => (format!("Words around “{node}”"), String::new()),
    };
    b.push(Block::Heading(3, title, s("collocates")));
    b.push(Block::Para(format!("“{node}” is the term most often scare-quoted (or, when none is scare-quoted {MIN_SCARE} times or more, the most often quoted). Its collocates: the words within 5 words on either side (stopwords left out, seen there at least twice and more often than chance would put them there, log-likelihood at least 3.84, so p below 0.05), by log-likelihood as AntConc scores them; node_scare counts the co-occurrences where “{node}” itself stood in scare quotes, drawn apart in the chart.{forms}")));
    b.extend(d.chart("collocates.png"));
    b.push(table(&t.collocates, 20));
}

fn quoted_terms(d: &ReportData, b: &mut Vec<Block>) -> Result<()> {
    b.push(Block::Heading(
        2,
        s("Quoted terms and scare quotes"),
        s("quoted-terms"),
    ));
    b.push(Block::Para(s("Terms inside quotation marks, the most scare-quoted first, then by how often they are quoted (corpus_quoted_terms.csv keeps them by quoted count); scare counts only quotations the classifier reads as distancing (kind scare). quote_ratio = quoted occurrences / all occurrences.")));
    // Quotations that run on for pages make every word in them quoted: say so where the
    // quoted counts are shown.
    if let Some(note) = crate::frames::long_spans_note(d.p.a) {
        b.push(Block::Para(format!("Note: {note}.")));
    }
    b.extend(d.chart("quotes.png"));
    // In the chart's order: scare-quoted first, then quoted (the file keeps quoted first).
    let by_scare = d.tables.corpus_quoted.sort(
        ["scare", "quoted", "term"],
        polars::prelude::SortMultipleOptions::default()
            .with_order_descending_multi([true, true, false])
            .with_maintain_order(true),
    )?;
    b.push(table(&by_scare, 30));
    Ok(())
}

/// How this report's quotation kinds were called: by the fitted model (calibrated) or the
/// hand-set scores, and at which scare threshold.
fn how_kinds_are_called(opts: &crate::analysis::Options) -> String {
    let model = match opts.lexicons.model {
        Some(_) => "verbale's fitted classifier; confidence is the calibrated probability of that kind, checked on labelled quotations the model was not fitted on (the README's quotation section gives the figures)",
        None => "hand-set scores (this language has no fitted model); confidence is the share of the kind's score, not a calibrated probability",
    };
    let bar = match opts.min_scare {
        p if p > 0.0 => format!("This report calls scare only at probability {p} or above (--min-confidence); the calls below it are listed apart."),
        _ => "Run with --min-confidence P to call scare only at probability P or above.".to_string(),
    };
    format!("Each quotation's kind is called by {model}. {bar} verbale quotes --explain shows why each span got its kind.")
}

/// Quotations with their `text` between their own marks (`style`: `“”`, `«»`), as they stand
/// in the statement: a scare quote's marks are what the table is about.
fn marked(quotes: &DataFrame) -> Result<DataFrame> {
    let (text, style) = (
        quotes.column("text")?.str()?,
        quotes.column("style")?.str()?,
    );
    let shown: Vec<Option<String>> = text
        .iter()
        .zip(style.iter())
        .map(|(t, st)| {
            let t = t?;
            let st = st.unwrap_or("");
            let (open, close) = (st.chars().next(), st.chars().last());
            Some(match (open, close) {
                (Some(o), Some(c)) if st.chars().count() >= 2 => format!("{o}{t}{c}"),
                _ => t.to_string(),
            })
        })
        .collect();
    let mut out = quotes.clone();
    out.with_column(Column::new("text".into(), shown))?;
    Ok(out)
}

/// The quotations whole: quoted phrases, scare quotes in context, every kind.
fn quotations(d: &ReportData, b: &mut Vec<Block>) -> Result<()> {
    let a = d.p.a;
    b.push(Block::Heading(3, s("Quoted phrases"), s("quoted-phrases")));
    b.push(Block::Para(s("Each quotation whole (case-folded), where the table above splits it into stems: how often it is quoted, how often as a scare quote, in how many documents, and the cue most often before it (all of them, with an example each, in quoted_phrases.csv).")));
    b.extend(d.chart("quoted-phrases.png"));
    let phrases = d
        .tables
        .quoted_phrases
        .select(["phrase", "form", "count", "scare", "docs", "top_cue"])?;
    b.push(table(&phrases, 20));
    b.push(Block::Heading(
        3,
        s("Scare quotes in context"),
        s("scare-quotes"),
    ));
    let Some(((scare, n), (below, n_below))) = &d.tables.scare else {
        return Ok(());
    };
    b.push(Block::Para(format!(
        "{} The calls shown come most certain first.",
        how_kinds_are_called(d.p.opts)
    )));
    let view = marked(scare)?
        .select(["doc", "left", "text", "right", "cue", "confidence"])?
        .sort(
            ["confidence"],
            SortMultipleOptions::default()
                .with_order_descending(true)
                .with_maintain_order(true),
        )?;
    b.push(table(&view, SCARE_ROWS));
    if *n > SCARE_ROWS {
        b.push(Block::Para(format!(
            "The first {SCARE_ROWS} of {n} scare quotes in the documents' order; all are in quotes.csv."
        )));
    }
    if *n_below > 0 {
        b.push(Block::Heading(
            3,
            s("Uncertain scare calls"),
            s("uncertain-scare"),
        ));
        b.push(Block::Para(format!(
            "{} {} likeliest to be scare quotes, with a probability under {}, the --min-confidence threshold of this report: they are counted as the kind shown, not as scare quotes, in every table and chart of this report.",
            thousands(*n_below as u64),
            if *n_below == 1 { "quotation is" } else { "quotations are" },
            d.p.opts.min_scare,
        )));
        let view =
            marked(below)?.select(["doc", "left", "text", "right", "cue", "kind", "p_scare"])?;
        b.push(table(&view, SCARE_ROWS));
        if *n_below > SCARE_ROWS {
            b.push(Block::Para(format!(
                "First {SCARE_ROWS} of {n_below}; all are in `verbale quotes --below-threshold`."
            )));
        }
    }
    b.push(Block::Heading(
        3,
        s("All quotation kinds"),
        s("quote-kinds"),
    ));
    let mut of_kind = [0usize; Kind::ALL.len()];
    for d in 0..a.docs.len() {
        for s in a.spans(d).iter() {
            of_kind[Kind::ALL.iter().position(|k| *k == s.kind).unwrap_or(0)] += 1;
        }
    }
    let kinds_count: Vec<String> = (Kind::ALL.iter().zip(of_kind))
        .map(|(k, n)| format!("{}: {n}", k.name()))
        .collect();
    b.push(Block::List(kinds_count));
    Ok(())
}

fn cues(d: &ReportData, b: &mut Vec<Block>) {
    b.push(Block::Heading(2, s("Distancing cues"), s("cues")));
    b.push(Block::Para(s("Cue words and phrases (so-called, alleged, self-proclaimed, ...) anywhere in the text, and how often one stands right before a quotation. The table puts the cues most often before a quotation first: an adjective such as false or mere mostly distances nothing (this propaganda is false).")));
    b.extend(d.chart("cues.png"));
    let mut cue_rows = d.p.a.cue_totals(false);
    cue_rows.sort_by(|x, y| {
        (y.before_quote, y.count)
            .cmp(&(x.before_quote, x.count))
            .then_with(|| x.key.cmp(&y.key))
    });
    b.push(Block::Table {
        header: vec![s("cue"), s("count"), s("before_quote")],
        rows: cue_rows
            .iter()
            .take(40)
            .map(|r| {
                vec![
                    r.key.clone(),
                    r.count.to_string(),
                    r.before_quote.to_string(),
                ]
            })
            .collect(),
        numeric: vec![false, true, true],
    });
}

fn speech_acts(d: &ReportData, b: &mut Vec<Block>) {
    let Some(t) = &d.tables.acts else { return };
    b.push(Block::Heading(2, s("Speech acts"), s("speech-acts")));
    if t.lex.is_none() {
        b.push(Block::Para(format!(
            "verbale has no speech-act lexicon for {} yet (it has them for English, French, Spanish and Russian); `verbale acts --lexicon FILE` takes one.",
            d.p.opts.lang.name
        )));
        return;
    }
    b.push(Block::Para(s("What the statements do with words, by the strength diplomats give the verbs: acknowledge (1) < welcome, support, commend, call (2) < concern, regret, urge (3) < deplore, demand, warn (4) < condemn, reject (5); an intensifier (strongly, deeply, in the strongest terms, deep concern) adds one. Negated acts (does not support) are counted apart. Found by verbale's bundled lexicon, whose precision and recall on hand-labelled sentences it was not tuned on are in verbale's README. Every act, with its trigger, target and sentence, is in act_instances.csv; per document in acts.csv and act_profile.csv.")));
    b.push(Block::Para(match &d.p.r.meta_groups {
        Some(mg) => format!(
            "The chart has a bar per {} (the report's groups), in their order.",
            mg.by.fields.join(" · ")
        ),
        None => s("The chart has a bar per document, the strongest first (mean intensity drawn toward the corpus's, so that one strong act does not head it), 20 at most."),
    }));
    b.extend(d.chart("acts.png"));
    b.push(table(&t.corpus, 13));
    b.push(Block::Heading(
        3,
        s("The strongest acts and what they target"),
        s("strongest-acts"),
    ));
    let shown = match t.strong_acts {
        n if n > super::acts::STRONGEST_ROWS => format!(
            "The {} strongest of the {} acts",
            super::acts::STRONGEST_ROWS,
            thousands(n as u64)
        ),
        0 => s("There is no act"),
        1 => s("The one act"),
        n => format!("The {n} acts"),
    };
    b.push(Block::Para(format!("{shown} of intensity 4 and more, not negated and not marked as reported of others (\"I call on the Assembly to condemn\", \"the Council demanded\"; act_instances.csv marks them in its reported column). The words around a trigger show about a quarter of the acts reported of others, so some acts here are another's (\"141 nations came together to condemn\"). Of equal strength, each document's first act comes before any document's second, in the documents' order; when the table cannot hold all the acts of one strength and turn, those shown are spread evenly over the documents' order. Every act is in act_instances.csv.")));
    b.push(table(&t.strongest, super::acts::STRONGEST_ROWS));
    b.push(Block::Heading(
        3,
        s("What is deplored, condemned and rejected"),
        s("condemned"),
    ));
    b.push(Block::Para(s("The most frequent targets of the condemnatory acts: the first words after the trigger, articles dropped, a possessor alone (Russia's war: russia); acts reported of others are counted too (every act's in act_targets.csv, each act's reported flag in act_instances.csv).")));
    b.push(table(&t.condemned, 30));
}

fn profile(d: &ReportData, b: &mut Vec<Block>) {
    let a = d.p.a;
    b.push(Block::Heading(2, s("Per-document profile"), s("profile")));
    b.push(Block::Para(s("MTLD: lexical diversity (the mean length of word runs keeping a type-token ratio above 0.72; higher is more varied). Flesch: reading ease (lower is harder; diplomatic prose often scores 0-30). Both, with TTR, MATTR and Flesch-Kincaid, for every document in docs.csv.")));
    // Documents with the most scare quotes first, then the most quotations; long corpora
    // show the first 200.
    let mut order: Vec<usize> = (0..a.docs.len()).collect();
    let rank = |i: usize| (scare_spans(a, i), a.docs[i].n_spans);
    order.sort_by(|&x, &y| rank(y).cmp(&rank(x)).then(x.cmp(&y)));
    const PROFILE_ROWS: usize = 200;
    if order.len() > PROFILE_ROWS {
        b.push(Block::Para(format!(
            "The {PROFILE_ROWS} documents with the most scare quotes (then the most quotations), of {}; every document is in docs.csv and terms.csv{}.",
            order.len(),
            if d.p.r.texts { " (its quotations in quotes.csv)" } else { "" }
        )));
        order.truncate(PROFILE_ROWS);
    }
    // No acts column where no acts were looked for (a report from counts, a language without
    // a lexicon): an empty cell would read as none found.
    let with_acts = d.tables.acts.as_ref().is_some_and(|t| t.lex.is_some());
    let mut rows = Vec::new();
    for &i in &order {
        let (doc, counts) = (&a.docs[i], a.doc_terms.get(i));
        let mut top: Vec<_> = counts.iter().collect();
        top.sort_by(|x, y| y.count.cmp(&x.count).then(x.term.cmp(&y.term)));
        let top: Vec<&str> = top
            .iter()
            .take(5)
            .map(|c| a.terms[c.term as usize].form.as_str())
            .collect();
        let mut row = vec![
            doc.id.clone(),
            thousands(doc.tokens),
            top.join(", "),
            thousands(doc.n_spans as u64),
            thousands(scare_spans(a, i) as u64),
            format!(
                "{:.2}%",
                100.0 * doc.scare_tokens as f64 / doc.tokens.max(1) as f64
            ),
            shown(doc.measured().map(|m| m.mtld)),
            shown(doc.flesch()),
        ];
        if with_acts {
            row.push(acts_of(d, i));
        }
        rows.push(row);
    }
    let mut header = vec![
        s("doc"),
        s("tokens"),
        s("top terms"),
        s("quotes"),
        s("scare quotes"),
        s("tokens in scare quotes"),
        s("MTLD"),
        s("Flesch"),
    ];
    let mut numeric = vec![false, true, false, true, true, true, true, true];
    if with_acts {
        header.push(s("acts (mean intensity)"));
        numeric.push(true);
    }
    b.push(Block::Table {
        header,
        rows,
        numeric,
    });
}

/// A document's speech acts (not negated) and their mean intensity: `12 (2.4)`.
fn acts_of(d: &ReportData, i: usize) -> String {
    let Some(t) = &d.tables.acts else {
        return String::new();
    };
    let Some(&(n, sum)) = t.lex.as_ref().and_then(|_| t.per_doc.get(i)) else {
        return String::new();
    };
    match n {
        0 => s("0"),
        n => format!("{n} ({:.1})", sum as f64 / n as f64),
    }
}

/// A document's measure with one decimal (empty for a document without words or measures).
fn shown(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.1}"))
}

fn groups(d: &ReportData, b: &mut Vec<Block>) -> Result<()> {
    let (Some(mg), Some(g)) = (&d.p.r.meta_groups, &d.tables.groups) else {
        return Ok(());
    };
    let field = &mg.by.fields[0];
    b.push(Block::Heading(2, format!("Groups by {field}"), s("groups")));
    let grouped = mg.by.of_file.iter().flatten().count();
    let missing = d.p.a.docs.len() - grouped;
    b.push(Block::Para(format!(
        "{} in {} by the metadata field {field}{}. key_terms: the group's most over-used terms \
         against all the other documents (G², terms seen at least twice); group_keyness.csv has \
         each group's 10 most over- and under-used terms. A group's rates are pooled: its \
         scare quotes per 10,000 of all its tokens (`verbale docs --group-by` gives the mean of \
         its documents' rates instead).",
        crate::out::numbers::count_of(grouped as u64, "document"),
        count_groups(mg.by.groups.len()),
        if missing > 0 {
            format!(" ({missing} documents without a {field} are left out of this section)")
        } else {
            String::new()
        }
    )));
    b.push(table(&g.profile, 60));
    if g.profile.height() > 60 {
        b.push(Block::Para(format!(
            "First 60 of {} groups; all are in groups.csv.",
            g.profile.height()
        )));
    }
    let Some(time) = &mg.time else {
        return Ok(());
    };
    let by = &time.fields[0];
    b.push(Block::Heading(
        3,
        format!("Over time: by {by}"),
        s("trends"),
    ));
    let asked = if !d.p.r.terms.is_empty() {
        "the terms asked for (--terms), then "
    } else {
        ""
    };
    let key = format!(
        "named with its group: `term (in GROUP)` is counted in that group's documents only (its \
         rate in the group's own statements of each {by}), `term (GROUP)` in every document (a \
         group with documents of one {by} only)"
    );
    b.push(Block::Para(format!(
        "Rates per 10,000 tokens of each {by}'s documents; a ringed point has scare-quoted \
         uses (their count beside it), and a {by} of far fewer documents than the largest has \
         a smaller point. First {asked}the most scare-quoted terms (scare-quoted twice \
         or more, and in one use of a hundred or more), then the strongest \
         key term of each of the largest groups (by words), {key}. Every value is in trend.csv \
         (chosen_as says why each term is followed, counted_in which documents were counted)."
    )));
    if let Some(note) = thin_periods(d.p.a, time) {
        b.push(Block::Para(note));
    }
    b.extend(d.chart("trend-terms.png"));
    b.extend(d.chart("trend-scare.png"));
    b.extend(d.chart("trend-key.png"));
    Ok(())
}

/// A note naming the time groups whose rates rest on few words ([`crate::trend::thin_note`]).
fn thin_periods(a: &crate::analysis::Analysis, time: &crate::meta::Grouping) -> Option<String> {
    let mut periods: Vec<(String, u64, u64)> = time
        .groups
        .iter()
        .map(|(name, _)| (name.clone(), 0, 0))
        .collect();
    for (d, g) in a.docs.iter().zip(&time.of_file) {
        if let Some(p) = g.and_then(|g| periods.get_mut(g as usize)) {
            p.1 += 1;
            p.2 += d.tokens;
        }
    }
    let note = crate::trend::thin_note(&time.fields[0], &periods)?;
    let mut c = note.chars();
    Some(
        c.next()
            .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            + ".",
    )
}

/// `3 groups`, `1 group`.
fn count_groups(n: usize) -> String {
    crate::out::numbers::count_of(n as u64, "group")
}

fn keyness(d: &ReportData, b: &mut Vec<Block>) -> Result<()> {
    let (a, r, keyness) = (d.p.a, d.p.r, &d.tables.keyness);
    b.push(Block::Heading(2, s("Keyness"), s("keyness")));
    if keyness.height() == 0 {
        b.push(Block::Para(s("One document: nothing to compare.")));
        return Ok(());
    }
    if let (None, Some(mg), Some(g)) = (&r.groups, &r.meta_groups, &d.tables.groups) {
        if let Some(f) = g.focus {
            return group_keyness(d, b, mg, g, f);
        }
    }
    b.push(Block::Para(match &r.groups {
        Some(_) => format!("{}: G² (log-likelihood), positive = over-used in the target. The chart shows the {} terms each side over-uses most, the table 20; keyness.csv has every term.", d.key_title, super::charts::KEYNESS_TERMS),
        None => format!("Each document against all the others: its 10 most over-used and 10 most under-used terms (G², terms seen at least twice) are in keyness.csv. The chart and the table show the document with the most scare quotes (the longest one if none has {MIN_SCARE} or more)."),
    }));
    b.extend(d.chart("keyness.png"));
    let shown = match (&r.groups, focus_doc(a)) {
        (None, Some(f)) => {
            let mask = keyness.column("doc")?.str()?.equal(a.docs[f].id.as_str());
            keyness.filter(&mask)?
        }
        // Sorted by G², the reference's terms are the table's end: the first 20 of each side.
        (Some(_), _) => {
            let side = keyness.column("over_used_in")?.str()?;
            let over = keyness.column("g2")?.f64()?.gt(0.0);
            let target = keyness
                .filter(&(side.equal("target") & over))?
                .head(Some(20));
            let reference = keyness.filter(&side.equal("reference"))?;
            let n = reference.height();
            target.vstack(&reference.slice(n.saturating_sub(20) as i64, 20).reverse())?
        }
        _ => keyness.clone(),
    };
    b.push(table(&shown, 40));
    Ok(())
}

/// The keyness section of a report with groups: the group with the most scare quotes against
/// the rest.
fn group_keyness(
    d: &ReportData,
    b: &mut Vec<Block>,
    mg: &super::MetaGroups,
    g: &super::groups::GroupTables,
    f: usize,
) -> Result<()> {
    let field = &mg.by.fields[0];
    let why = if g.focus_scare >= MIN_SCARE {
        format!(
            "This is the group with the most scare quotes ({}; of groups tied on them, the one \
             with the most words)",
            g.focus_scare
        )
    } else {
        format!(
            "No group has {MIN_SCARE} scare quotes or more, so this is the group with the most \
             words"
        )
    };
    b.push(Block::Para(format!(
        "{}: G² (log-likelihood), positive = over-used in the group. {why}; every group \
         against the rest is in group_keyness.csv, and every document against the rest in \
         keyness.csv.",
        d.key_title
    )));
    b.extend(d.chart("keyness.png"));
    let name = &mg.by.groups[f].0;
    let col = g.keyness.column(field)?.as_materialized_series().rechunk();
    let mask: BooleanChunked = col
        .iter()
        .map(|v| Some(crate::meta::value_name(&v) == *name))
        .collect();
    b.push(table(&g.keyness.filter(&mask)?, 40));
    Ok(())
}

fn similarity(d: &ReportData, b: &mut Vec<Block>) -> Result<()> {
    let (a, similarity) = (d.p.a, &d.tables.similarity);
    b.push(Block::Heading(2, s("Similarity"), s("similarity")));
    if similarity.height() == 0 {
        b.push(Block::Para(s("One document: no pairs to compare.")));
        return Ok(());
    }
    let n = a.docs.len().min(MAX_SIMILARITY_DOCS);
    b.push(Block::Para(format!(
        "Cosine similarity of relative term frequencies and Jaccard overlap of term sets, for {n} documents{}; the heatmap shows up to {}. Its colours span the pairs of different documents, lowest to highest; the diagonal, each document with itself (1.00), takes the top colour.",
        if a.docs.len() > MAX_SIMILARITY_DOCS { " (the longest ones)" } else { "" },
        MAX_HEATMAP_DOCS
    )));
    b.extend(d.chart("similarity.png"));
    let top = similarity.sort(
        ["cosine"],
        SortMultipleOptions::default().with_order_descending(true),
    )?;
    b.push(table(&top, 15));
    Ok(())
}

fn dispersion(d: &ReportData, b: &mut Vec<Block>) {
    b.push(Block::Heading(
        2,
        s("Dispersion of the most quoted terms, the scare-quoted first"),
        s("dispersion"),
    ));
    match d.chart("dispersion.png") {
        Some(c) => {
            b.push(Block::Para(s("The terms most often held in scare quotes, then those most often in any quotation marks (numbers left out), in the (up to six) documents with the most scare quotes (then the most quotations): each tick is one occurrence, at its position in the document; scare-quoted occurrences are drawn apart.")));
            b.push(c);
        }
        None => b.push(Block::Para(s("No quoted terms to plot."))),
    }
}

#[cfg(test)]
mod tests {
    use super::thin_periods;

    #[test]
    fn a_period_with_a_fraction_of_the_words_is_named() {
        let long = "peace and security for all nations ".repeat(40);
        let a = crate::analysis::analysed(&[&long, &long, &long, "peace now"]);
        let time = |of_file: Vec<Option<u32>>| crate::meta::Grouping {
            fields: vec!["year".into()],
            groups: ["2020", "2021", "2022"]
                .map(|y| (y.to_string(), Vec::new()))
                .to_vec(),
            of_file,
        };
        let note = thin_periods(&a, &time(vec![Some(0), Some(1), Some(1), Some(2)])).unwrap();
        assert!(
            note.contains("2022 (1 document, 2 tokens)") && note.contains("median year"),
            "{note}"
        );
        assert!(!note.contains("2020") && !note.contains("2021"), "{note}");
        // Periods of like size: no note.
        assert!(thin_periods(&a, &time(vec![Some(0), Some(1), Some(2), Some(2)])).is_none());
    }
}
