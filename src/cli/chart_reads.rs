//! The `chart` kinds that read their documents their own way (a trend's streamed count, the
//! corpus held as word ids for n-grams, collocates and key n-grams, the speech acts) rather than
//! from the analysis `chart` loads for the other kinds.

use super::chart::{describe, scare_at, score_of, usage, write, ChartArgs, Kind};
use super::common::{count_of, load_held, RowsPer, Sides};
use anyhow::Result;
use std::path::Path;
use verbale::analysis::Options;
use verbale::chart::{self, act_kinds, kinds, phrase_kinds};
use verbale::compare::KeynessOptions;
use verbale::phrases::{self, collocates, ngrams, NgramOptions};

/// Draws a trend chart (its own streamed count, as `verbale trend`).
pub(super) fn trend_chart(args: &ChartArgs, name: &str, output: &Path) -> Result<bool> {
    let by = args.by.clone().unwrap_or_default();
    // Too many lines is known before any reading.
    if args.terms.len() > kinds::MAX_LINES {
        return Err(usage(format!(
            "{} terms are too many lines for one chart (at most {}); draw them in two charts",
            args.terms.len(),
            kinds::MAX_LINES
        )));
    }
    let mut fields: Vec<String> = args.facet.iter().cloned().collect();
    fields.push(by.clone());
    let t = if args.from_counts.is_empty() {
        super::trend::trend_frame(&args.paths, &args.source, &args.terms, &fields)
    } else {
        super::trend::trend_from_counts(&args.from_counts, &args.source, &args.terms, &fields)
    }
    .map_err(|e| super::trend::facet_named(e, args.facet.as_deref()))?;
    // The scare rings are the counts' calls when drawn from counts.
    let bar = match args.from_counts.first() {
        Some(d) => verbale::frames::counts::options(d)?.min_scare,
        None => args.source.text.min_confidence,
    };
    // With none of the terms in any document there is nothing to draw; some absent are named
    // as `trend` names them.
    let drawn = t
        .frame
        .column("count")?
        .as_materialized_series()
        .sum::<u64>()?;
    if drawn == 0 {
        let absent = super::trend::absent_terms(&t.frame)?;
        return Err(verbale::Error::Nothing(format!(
            "--terms {}: in none of these documents",
            absent.join(", ")
        ))
        .into());
    }
    super::trend::warn_absent(&t.frame, &t.warned, args.source.quiet)?;
    // The periods of few words, whose points can jump, as `trend` notes them.
    if !args.source.quiet && args.facet.is_none() {
        super::trend::note_thin_periods(&t.frame, &by)?;
    }
    let what = scare_at(describe(name, t.counted), bar);
    let mut spec = kinds::trend(&t.frame, &by, args.facet.as_deref(), &what)?;
    write(&mut spec, args, output)?;
    Ok(t.had_errors)
}

/// Draws an n-gram or collocates chart from the corpus held as word ids (as `verbale ngrams`
/// and `verbale collocates` count).
pub(super) fn phrase_chart(
    args: &ChartArgs,
    name: &str,
    options: &Options,
    output: &Path,
) -> Result<bool> {
    let with_node;
    let options = match (args.kind, args.terms.first()) {
        (Kind::Collocates, Some(term)) => {
            with_node = super::held::with_phrase_node(options.clone(), term)?;
            &with_node
        }
        _ => options,
    };
    let h = load_held(&args.paths, &args.source, options, &RowsPer::Corpus)?;
    let what = describe(name, h.held.docs.len());
    let what = match args.kind {
        Kind::Ngrams => scare_at(what, options.min_scare),
        _ => what,
    };
    let top = args.top;
    let mut spec = if args.kind == Kind::Ngrams {
        let o = NgramOptions {
            n_min: args.n.unwrap_or(2) as usize,
            n_max: args.n.unwrap_or(2) as usize,
            min_count: 2,
            across_sentences: false,
            stop_edges: true,
        };
        let levels = ngrams::count(&h.held, &o)?;
        let rows = phrases::ngram_rows(&h.held, &levels, &o, Some(top));
        phrase_kinds::ngrams(&phrases::ngram_frame(&h.held, &rows)?, top, &what)?
    } else {
        let Some(term) = args.terms.first() else {
            return Err(usage(
                "chart collocates needs the word: --terms elections".into(),
            ));
        };
        let key = options.term_key(term);
        let node = h.held.term_id(&key).ok_or_else(|| {
            verbale::Error::Nothing(format!("'{term}' (stem '{key}') is not in these documents"))
        })?;
        let o = collocates::CollocateOptions {
            left: args.window.unwrap_or(5) as usize,
            right: args.window.unwrap_or(5) as usize,
            min_count: 2,
            node_in: collocates::NodeIn::All,
            skip_stopwords: true,
        };
        let c = collocates::collocates(&h.held, node, &o)?;
        let (measure, column) = score_of(args)?.measure();
        let df = phrases::collocate_frame(&h.held, &c, measure, Some(top))?;
        phrase_kinds::collocates(&df, term, column, (o.left, o.right), top, &what)?
    };
    write(&mut spec, args, output)?;
    Ok(h.had_errors)
}

/// Draws the keyness of n-grams of length `n` (`--n`), target against reference, as
/// `compare --ngrams` tests them.
pub(super) fn ngram_keyness_chart(
    args: &ChartArgs,
    sides: &Sides,
    options: &Options,
    n: usize,
    output: &Path,
) -> Result<bool> {
    if !args.group_by.is_empty() || !args.from_counts.is_empty() {
        return Err(usage(
            "chart keyness --n draws a target against a reference from the texts; leave out \
             --group-by and --from-counts"
                .into(),
        ));
    }
    let sort = args.sort.unwrap_or(super::compare::SortArg::G2).key();
    let k = KeynessOptions {
        sort,
        min_count: 2,
        ..KeynessOptions::default()
    };
    let key = super::compare::ngram_keyness_of(&args.source, sides, options, n, k)?;
    let mut spec = kinds::keyness_by(&key.df, args.top, &sides.names[0], &sides.names[1], sort)?;
    if let chart::Spec::Bars { title, .. } = &mut spec {
        *title = format!(
            "Key {n}-grams: {} vs {}",
            describe(&sides.names[0], key.docs[0] as usize),
            describe(&sides.names[1], key.docs[1] as usize)
        );
    }
    write(&mut spec, args, output)?;
    Ok(key.had_errors)
}

/// Draws the speech-act chart: a bar per document or group, in [`act_kinds::Order`].
pub(super) fn acts_chart(
    args: &ChartArgs,
    name: &str,
    options: &Options,
    output: &Path,
) -> Result<bool> {
    let by_doc = args.group_by.is_empty();
    let per = super::held::RowsArgs {
        by: None,
        by_doc,
        group_by: args.group_by.clone(),
    }
    .per();
    let mut b = super::held::bin_files(&args.paths, &args.source, &per)?;
    let mut lex = super::dict::bundled_acts(&args.source.text.lang)?;
    super::acts::check_act_names(&lex, &args.acts.act)?;
    // A target is read from the text after its trigger.
    lex.texts = !args.acts.target_has.is_empty();
    let compiled = lex.compile(options)?;
    let both = (&compiled, Some(&lex));
    let (mut scanned, read) =
        verbale::dict::scan(&b.found, &b.bins, &b.lopts, options, both, None)?;
    b.problems.extend(read);
    args.acts.keep_named(&mut scanned, &lex);
    args.acts.keep(&mut scanned, &lex, options);
    let had_errors = super::held::after_reading(&b.problems, scanned.docs.len(), &args.source)?;
    let names = b.labels.names(name);
    // What was chosen, inside the title's brackets: `ungd (3,473 documents; condemn; own
    // acts; targets naming russia)`.
    let mut chosen = vec![count_of(scanned.docs.len() as u64, "document")];
    chosen.extend(args.acts.said());
    let what = format!("{name} ({})", chosen.join("; "));
    let order = act_kinds::Order::of(&names, !by_doc, args.acts.narrows());
    args.acts.some_left(&scanned)?;
    let (mut spec, left_out, every) = act_kinds::acts(
        &scanned,
        &scanned.bins,
        &lex,
        &names,
        order,
        args.top,
        &what,
    )?;
    if !by_doc && left_out > 0 && !args.source.quiet {
        eprintln!(
            "verbale: warning: the chart leaves out {left_out} groups with acts (it draws the {} \
             {}): --top {every} draws them all, --where narrows them",
            args.top,
            order.which(),
        );
    }
    write(&mut spec, args, output)?;
    Ok(had_errors)
}
