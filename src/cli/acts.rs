//! `verbale acts`: diplomatic speech acts (acknowledge < welcome < ... < condemn, reject) per
//! corpus, document or group, their strength profile, or every act with its trigger and target.

use super::common::{count_of, thousands, InputArgs, OutputArgs};
use super::dict::{bundled_acts, keep_rows, scan_files, top_per_bin, top_per_group};
use super::held::{after_reading, bin_files, BinLabels, RowsArgs};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use verbale::dict::{self, ActLexicon, Bins};
use verbale::out::{self, Format};

/// Find the speech acts of statements: who is welcomed, supported, urged, condemned. Each act
/// has a base intensity (acknowledge 1; welcome, support, commend, call 2; concern, regret,
/// urge 3; deplore, demand, warn 4; condemn, reject 5) and one more when intensified
/// (`strongly condemns`, `deep concern`, `in the strongest terms`); a negated act (`does not
/// support`) is counted apart. By default one row per act; --profile gives the strength of
/// the corpus, or of each document (--by-doc) or group (--group-by) (mean and highest
/// intensity, share of condemnatory acts);
/// --instances lists every act with its trigger, its target (the words after it) and its
/// sentence; --targets counts what each act targets (who is condemned most).
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("listing").args(["instances", "targets", "profile"])))]
#[command(after_help = "Examples:
  verbale acts statement.txt --instances
  verbale acts speeches/ --group-by year --profile -o strength.csv
  verbale acts speeches/ --by-doc --act condemn --instances
  verbale acts speeches/ --act condemn,reject --targets --top 15")]
pub struct ActsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// A lexicon of acts (YAML: acts with intensity, triggers and exceptions; intensifiers,
    /// negators) instead of the bundled one for --lang. It has no act models: the words alone
    /// decide support, and the calls, welcomes, commends and demands the bundled English
    /// models add are not found (a copy of the bundled lexicon counts fewer acts).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Act models to run instead of the bundled ones, in the order given (comma-separated TSV
    /// files as `tests/data/acts/fit_models.py` writes them: a deciding model first), also
    /// for a --lexicon read from a file; `none` runs no model, so that the words alone decide.
    #[arg(long, value_delimiter = ',', value_name = "FILE")]
    pub models: Vec<PathBuf>,
    /// One row per document or group: acts, per_10k, mean_intensity, max_intensity,
    /// condemnatory_share, strong_share, negated, top_act.
    #[arg(long, conflicts_with = "instances")]
    pub profile: bool,
    /// Every act: doc, offset, page, act, intensity, intensified, negated, quoted, reported (of
    /// someone else, see --own), trigger, target, sentence.
    #[arg(long, conflicts_with = "targets")]
    pub instances: bool,
    /// What the acts target, counted: act, target (its first words, articles dropped; pronouns
    /// such as `it` or `us` not counted), count, docs, example; the most frequent first
    /// within each act.
    #[arg(long, conflicts_with = "profile")]
    pub targets: bool,
    #[command(flatten)]
    pub choice: ActChoice,
    /// Keep the first N instances (per document or group), the N most frequent targets of
    /// each act, or the profile's first N documents or groups (with --instances, --targets or
    /// --profile; the table of acts has a row per act). Default:
    /// 20 in table format (no -f, -f table or a .txt output; piped too), all rows in
    /// other formats.
    #[arg(long, value_name = "N", value_parser = super::values::at_least_one::<usize>)]
    pub top: Option<usize>,
    #[command(flatten)]
    pub rows: RowsArgs,
    /// For fitting the act models (`tests/data/acts/fit_models.py`): every candidate word of
    /// each model as TSV (doc, act, offset, word_no, word, p, features) instead of the acts.
    #[arg(long, hide = true, conflicts_with_all = ["instances", "profile", "targets"])]
    pub explain_models: bool,
}

/// Which acts to keep: `acts` and `chart acts` take the same choices.
#[derive(Args, Debug, Clone, Default)]
pub struct ActChoice {
    /// Only these acts (comma-separated): in the rows per act, the instances, the targets and
    /// the profile (its strength is then of these acts), or the bars of `chart acts`.
    #[arg(long, value_delimiter = ',', value_name = "ACT")]
    pub act: Vec<String>,
    /// Only the acts the author performs: leave out those the words around the trigger show
    /// reported of someone else (the `reported` column of --instances: `supported by the
    /// West`, `countries that reject`, `the Security Council demanded`, `thank leaders for
    /// condemning`, the act asked for in `call on all States to support`, the Secretary-General's
    /// appeal). It finds about a quarter of such acts, and few others.
    #[arg(long)]
    pub own: bool,
    /// Only the acts whose target names one of these words or phrases in its first words (in
    /// the key --targets counts, the part before its first `on`, `upon` or `against`, which
    /// --targets shows whole: `Ukraine in the face of Russia's invasion` names Ukraine, not
    /// Russia, and `attacks on Israel` not Israel) or as the doer
    /// after a `by` (`the annexation of Crimea by Russia`), matched as terms are counted
    /// (`russia` finds `Russia's war`, `U.S.` finds `U.S.-Japan`; `russia` does not find
    /// `Russian`), and every other name of a state the bundled list knows (`russia` finds `the
    /// Russian Federation`, `dprk` finds `North Korea`; English only); comma-separated. Who
    /// condemns or supports Russia, in every table.
    #[arg(long, value_delimiter = ',', value_name = "WORD", value_parser = super::values::word)]
    pub target_has: Vec<String>,
}

impl ActsArgs {
    /// Whether a table or a choice needs each act: else the rows per act and the profile are
    /// summed as the corpus is read.
    fn each_act(&self) -> bool {
        let c = &self.choice;
        (self.instances || self.targets || self.explain_models)
            || (c.own || !c.target_has.is_empty() || (self.profile && !c.act.is_empty()))
    }
}

impl ActChoice {
    /// Leaves out the acts of someone else (--own) and those aimed elsewhere (--target-has);
    /// returns how many of the --act acts each left out.
    pub(super) fn keep(
        &self,
        scanned: &mut dict::Scanned,
        lex: &ActLexicon,
        options: &verbale::analysis::Options,
    ) -> (usize, usize) {
        let own = if self.own {
            keep_acts(scanned, &self.act, lex, |a| !a.reported)
        } else {
            0
        };
        let aimed = keep_targets_naming(&self.target_has, &self.act, lex, options, scanned);
        (own, aimed)
    }

    /// Whether the choices keep some acts only, of some kinds or aimed at someone (--own
    /// leaves the kinds as they were).
    pub(super) fn narrows(&self) -> bool {
        !self.act.is_empty() || !self.target_has.is_empty()
    }

    /// Refuses a chart the choices left no act to draw, naming them.
    pub(super) fn some_left(&self, scanned: &dict::Scanned) -> Result<()> {
        let said = self.said();
        if !said.is_empty() && scanned.docs.iter().all(|d| d.acts.is_empty()) {
            return Err(verbale::Error::Nothing(format!(
                "no speech act is left after {}",
                said.join("; ")
            ))
            .into());
        }
        Ok(())
    }

    /// Whether --act chooses act `a` (an index into the lexicon's acts; all when not given).
    pub(super) fn chooses(&self, lex: &ActLexicon, a: usize) -> bool {
        self.act.is_empty() || self.act.contains(&lex.acts[a].name)
    }

    /// Leaves out the acts --act does not name.
    pub(super) fn keep_named(&self, scanned: &mut dict::Scanned, lex: &ActLexicon) {
        if !self.act.is_empty() {
            keep_acts(scanned, &[], lex, |a| self.chooses(lex, a.act as usize));
        }
    }

    /// What the choices keep, said for a title: `condemn`, `own acts`, `targets naming russia`.
    pub(super) fn said(&self) -> Vec<String> {
        let mut said = Vec::new();
        if !self.act.is_empty() {
            said.push(self.act.join(", "));
        }
        if self.own {
            said.push("own acts".into());
        }
        if !self.target_has.is_empty() {
            said.push(format!("targets naming {}", self.target_has.join(", ")));
        }
        said
    }
}

/// The lexicon of --lexicon, or the bundled one for --lang.
fn lexicon(args: &ActsArgs) -> Result<ActLexicon> {
    let mut lex = lexicon_words(args)?;
    if !args.models.is_empty() {
        lex.models = act_models(&args.models)?;
        // A model of an act the lexicon lacks (`act suport`) would find nothing, silently.
        if let Some((p, m)) = (args.models.iter().zip(&lex.models))
            .find(|(_, m)| !lex.acts.iter().any(|a| a.name == m.act))
        {
            let names: Vec<&str> = lex.acts.iter().map(|a| a.name.as_str()).collect();
            return Err(verbale::Error::Invalid(format!(
                "--models {}: its act '{}' is not an act of the lexicon{}; the acts are {}",
                p.display(),
                m.act,
                verbale::error::did_you_mean(&m.act, names.iter().copied()),
                names.join(", ")
            ))
            .into());
        }
    }
    Ok(lex)
}

/// The models of --models, each read from its file (`none`: no model).
fn act_models(paths: &[PathBuf]) -> Result<Vec<dict::models::ActModel>> {
    if paths.len() == 1 && paths[0].as_os_str() == "none" {
        return Ok(Vec::new());
    }
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(|e| verbale::Error::Read {
                path: p.clone(),
                source: e,
            })?;
            dict::models::ActModel::parse(&text).map_err(|e| {
                verbale::Error::Invalid(format!("--models {}: {e}", p.display())).into()
            })
        })
        .collect()
}

/// The lexicon of --lexicon, or the bundled one of --lang (with its models).
fn lexicon_words(args: &ActsArgs) -> Result<ActLexicon> {
    match &args.lexicon {
        None => bundled_acts(&args.input.source.text.lang),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| verbale::Error::Read {
                path: p.clone(),
                source: e,
            })?;
            let mut lex = ActLexicon::parse(&text, &format!("--lexicon {}", p.display()))?;
            let lang = &args.input.source.text.lang;
            lex.names = lang == "en";
            if !args.input.source.quiet
                && args.models.is_empty()
                && verbale::dict::models::has_bundled(lang)
            {
                eprintln!(
                    "verbale: warning: --lexicon {}: a lexicon read from a file has no act \
                     models; its words alone decide support, and the acts the bundled {lang} \
                     models add (call, welcome, commend, demand) are not found",
                    p.display()
                );
            }
            Ok(lex)
        }
    }
}

/// The lexicon of the run, keeping what the asked output needs, its --act names checked.
fn prepared_lexicon(args: &ActsArgs) -> Result<ActLexicon> {
    let mut lex = lexicon(args)?;
    lex.texts = args.instances || args.targets || !args.choice.target_has.is_empty();
    lex.explain_models = args.explain_models;
    if args.explain_models && lex.models.is_empty() {
        return Err(verbale::Error::Invalid(
            "--explain-models: this lexicon has no fitted models (the bundled English one has)"
                .into(),
        )
        .into());
    }
    check_act_names(&lex, &args.choice.act)?;
    Ok(lex)
}

/// Refuses an --act name the lexicon does not have, naming those it has.
pub(super) fn check_act_names(lex: &ActLexicon, acts: &[String]) -> Result<()> {
    if let Some(bad) = acts
        .iter()
        .find(|a| !lex.acts.iter().any(|x| &x.name == *a))
    {
        let names: Vec<&str> = lex.acts.iter().map(|a| a.name.as_str()).collect();
        return Err(verbale::Error::Invalid(format!(
            "--act {bad}: not an act of the lexicon{}; choose from {}",
            verbale::error::did_you_mean(bad, names.iter().copied()),
            names.join(", ")
        ))
        .into());
    }
    Ok(())
}

/// `--top` keeps the first rows of a listing: refused, with what to give, without one.
fn top_needs_listing(args: &ActsArgs) -> Result<()> {
    match args.top {
        Some(n) if !(args.instances || args.targets || args.profile) => {
            Err(verbale::Error::Invalid(format!(
                "--top {n} keeps the first rows of a listing: give --instances (the first {n} \
                 acts), --targets (the {n} most frequent targets of each act) or --profile (the \
                 first {n} documents or groups); the table of acts shows every act it counts"
            ))
            .into())
        }
        _ => Ok(()),
    }
}

/// Runs `acts`. Returns whether some input failed.
pub fn run(args: ActsArgs) -> Result<bool> {
    top_needs_listing(&args)?;
    let format = args.output.format()?;
    // The lexicon and the models read are inputs too.
    // (`--models none` names no file.)
    let models = args.models.iter().filter(|m| m.as_os_str() != "none");
    let read: Vec<std::path::PathBuf> = args.lexicon.iter().chain(models).cloned().collect();
    let dest = args
        .output
        .destination_also(&args.input.paths, &args.input.source, &read)?;
    let options = args.input.source.options(&args.input.paths)?;
    let lex = prepared_lexicon(&args)?;
    let compiled = lex.compile(&options)?;
    let mut b = bin_files(&args.input.paths, &args.input.source, &args.rows.per())?;
    let mut scanned = scan_files(&mut b, &options, (&compiled, Some(&lex)), !args.each_act())?;
    if args.explain_models {
        return explain_models(&scanned, &b.problems, &args, &dest);
    }
    let (left_out, without_target) = args.choice.keep(&mut scanned, &lex, &options);
    if args.profile {
        // The profile has no row per act to choose: its strength is of the acts chosen.
        args.choice.keep_named(&mut scanned, &lex);
    }
    let had_errors = after_reading(
        &b.problems,
        scanned.documents() as usize,
        &args.input.source,
    )?;
    warn_no_acts(
        (&scanned, &lex),
        &options,
        &args,
        (left_out, without_target),
    );
    warn_stopword_targets(&args, &options);
    let frames = dict::acts_frames(&scanned, &lex, Bins { n: b.n_bins() })?;
    let pick = |(df, of_row): (polars::prelude::DataFrame, Vec<u32>)| -> Result<_> {
        if args.choice.act.is_empty() {
            return Ok((df, of_row));
        }
        let keep: Vec<bool> = df
            .column("act")?
            .str()?
            .iter()
            .map(|a| a.is_some_and(|a| args.choice.act.iter().any(|x| x == a)))
            .collect();
        keep_rows(df, &of_row, &keep)
    };
    // Rows before a table's --top cut (the header says what it shows of how many).
    let mut all_rows = None;
    let (what, (df, of_row)) = if args.profile {
        let (df, rows) = frames.profile;
        let top = args.top.or((format == Format::Table).then_some(20));
        let n = top.map_or(df.height(), |t| t.min(df.height()));
        all_rows = Some(df.height());
        ("profile", (df.head(Some(n)), rows[..n].to_vec()))
    } else if args.targets {
        let top = args.top.or((format == Format::Table).then_some(20));
        let (df, rows) = pick(dict::act_targets(&scanned, &lex)?)?;
        // The top targets of each act (of each document or group).
        let acts = df.column("act")?.str()?.clone();
        let mut groups = Vec::with_capacity(rows.len());
        for i in 0..rows.len() {
            let same = i > 0 && rows[i - 1] == rows[i] && acts.get(i - 1) == acts.get(i);
            groups.push(groups.last().map_or(0, |g: &u32| g + (!same) as u32));
        }
        all_rows = Some(df.height());
        ("target", top_per_group(df, rows, &groups, top)?)
    } else if args.instances {
        let top = args.top.or((format == Format::Table).then_some(20));
        let (df, rows) = pick(dict::instances_frame(&scanned, &lex, |_| true)?)?;
        all_rows = Some(df.height());
        ("act", top_per_bin(df, rows, top)?)
    } else {
        ("row", pick(frames.acts)?)
    };
    // Instances name their document already.
    let df = match (&b.labels, args.instances) {
        (BinLabels::Docs(_), true) => df,
        (labels, _) => labels.prepend(df, &of_row)?,
    };
    let mut header = header(&args, &lex, &scanned, what, (df.height(), all_rows));
    if args.choice.own {
        header.push_str(&format!(
            "; {} left out, reported of others (--own)",
            count_of(left_out as u64, "act")
        ));
    }
    if !args.choice.target_has.is_empty() {
        header.push_str(&format!(
            "; {} whose target names none of {} left out (--target-has)",
            count_of(without_target as u64, "act"),
            quoted_words(&args.choice.target_has)
        ));
    }
    let mut df = args.output.select(df)?;
    out::write(&mut df, format, args.output.options(Some(&header)), &dest)?;
    Ok(had_errors)
}

/// Warns (unless --quiet) of a stopword asked for with --target-has: it names no one.
fn warn_stopword_targets(args: &ActsArgs, options: &verbale::analysis::Options) {
    let stop = stopwords_asked(args, options);
    if !stop.is_empty() && !args.input.source.quiet {
        eprintln!(
            "verbale: warning: --target-has {}: a stopword, which names no one; name whom or \
             what the acts aim at (a state, a body, a thing: --target-has russia)",
            stop.join(", ")
        );
    }
}

/// The words of --target-has that are stopwords of the language.
fn stopwords_asked<'a>(args: &'a ActsArgs, options: &verbale::analysis::Options) -> Vec<&'a str> {
    (args.choice.target_has.iter())
        .filter(|w| (options.lexicons.stopwords).contains(w.to_lowercase().as_str()))
        .map(String::as_str)
        .collect()
}

/// Words asked for, each in quotation marks: `"russia", "ukraine"`.
fn quoted_words(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    quoted.join(", ")
}

/// Writes every candidate of the act models with its probability and features
/// (`--explain-models`).
fn explain_models(
    scanned: &dict::Scanned,
    problems: &[verbale::corpus::Problem],
    args: &ActsArgs,
    dest: &out::Destination,
) -> Result<bool> {
    let mut text = String::from("doc\tact\toffset\tword_no\tword\tp\tfeatures\n");
    for (id, d) in scanned.ids.iter().zip(&scanned.docs) {
        for c in &d.candidates {
            text += &format!(
                "{id}\t{}\t{}\t{}\t{}\t{:.6}\t{}\n",
                c.act,
                c.offset,
                c.word_no,
                c.word,
                c.p,
                c.features.join(" ")
            );
        }
    }
    out::write_rows_with(Format::Tsv, dest, args.output.options(None), |w| {
        Ok(w.write_all(text.as_bytes())?)
    })?;
    after_reading(problems, scanned.docs.len(), &args.input.source)
}

/// Keeps the acts whose target's key ([`dict::target_key`], read up to its `on`, `upon` or
/// `against`: [`aimed_at`]) or whose doer after `by` ([`doer`]) names one of `words` (none
/// asked: all of them): a word of the same term (`russia` finds `Russia's`), or a phrase's
/// words in a row; the pieces of a hyphenated word count too (`U.S.` finds `U.S.-Japan`).
/// Returns how many of the acts `acts` chooses (all when empty) were left out.
fn keep_targets_naming(
    words: &[String],
    acts: &[String],
    lex: &ActLexicon,
    options: &verbale::analysis::Options,
    scanned: &mut dict::Scanned,
) -> usize {
    if words.is_empty() {
        return 0;
    }
    // A word without the marks at its ends, as the target's key keeps it (`U.S.`: `U.S`).
    let bare = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut keys: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut key = |w: &str| -> String {
        let w = bare(w);
        keys.entry(w.clone())
            .or_insert_with(|| options.term_key(&w))
            .clone()
    };
    // Words as a target's key is cut, a compound's parts as words of their own (`U.S.-Japan`,
    // `Russia–Belarus`, `States/Mexico`, and a wanted `guinea-bissau`): an abbreviation's
    // stops stay in it.
    let words_of = |k: &str| -> Vec<String> {
        k.split(|c: char| !c.is_alphanumeric() && !".'’".contains(c))
            .filter(|w| !w.trim_matches('.').is_empty())
            .map(str::to_string)
            .collect()
    };
    // A word as asked, and every name of a state it names (`DPRK`: `north korea`, and `Russia`
    // finds `the aggression of the Russian Federation`; `US` finds `US efforts` too).
    let wanted: Vec<Vec<String>> = words
        .iter()
        .flat_map(|w| {
            let names = if lex.names {
                dict::names_of(w)
            } else {
                Vec::new()
            };
            std::iter::once(w.as_str()).chain(names)
        })
        .map(|w| words_of(w).iter().map(|w| key(w)).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    keep_acts(scanned, acts, lex, |a| {
        // The key's words; a doer the target names after `by` is aimed at too: `the
        // occupation of Crimea by the Russian Federation`, `war crimes committed by Russia`.
        let mut names_wanted = |k: &str| {
            let words: Vec<String> = words_of(k).iter().map(|w| key(w)).collect();
            wanted
                .iter()
                .any(|w| words.windows(w.len()).any(|x| x == w.as_slice()))
        };
        let key = |t: &str| dict::target_key(t, lex.names);
        names_wanted(aimed_at(&key(a.target())))
            || doer(a.target()).is_some_and(|d| names_wanted(aimed_at(&key(d))))
    })
}

/// A key up to its `on`, `upon` or `against`, after which it names whom what it names befell
/// (`missile attacks on Israel`, `sanctions against Russia`), not whom the act aims at.
fn aimed_at(key: &str) -> &str {
    [" on ", " upon ", " against "]
        .iter()
        .filter_map(|p| key.find(p))
        .min()
        .map_or(key, |i| &key[..i])
}

/// Words before a doer's `by` past which it names someone else's doer: `to` (`the Assembly to
/// adopt a resolution initiated by Israel` aims at the Assembly), a preposition that opens
/// another phrase (`Kuwait against occupation by Saddam`, `faithful to it in spite of
/// violations by`, `efforts aimed at nullifying the measures taken by`).
const NOT_PAST: [&str; 14] = [
    "to",
    "against",
    "on",
    "at",
    "in",
    "despite",
    "with",
    "for",
    "from",
    "regarding",
    "towards",
    "toward",
    "over",
    "about",
];

/// Verbs whose `by` names no doer: `abided by the Charter`, `stand by the people`.
const PHRASAL_BY: [&str; 7] = [
    "abide", "abides", "abided", "abiding", "stand", "stands", "stood",
];

/// The words after a target's `by`, whom it names as the doer of what it names (`the
/// occupation of Crimea by the Russian Federation`): within its first seven words, not past
/// [`NOT_PAST`] after its first word (which is often the preposition the trigger takes: `about
/// the use of chemical weapons by the Syrian Government`), not after `abide` or `stand`, and
/// not before a gerund (`missions by sending experts`, not `violations by Beijing`).
fn doer(target: &str) -> Option<&str> {
    let mut at = 0;
    let mut before = String::new();
    for (i, w) in target.split_inclusive(char::is_whitespace).enumerate() {
        at += w.len();
        let w = w.trim().to_lowercase();
        if i > 6 || (i > 0 && NOT_PAST.contains(&w.as_str())) {
            return None;
        }
        if w == "by" {
            if PHRASAL_BY.contains(&before.as_str()) {
                return None;
            }
            let rest = &target[at..];
            let gerund = rest
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .find(|w| !["the", "a", "an"].contains(&w.to_lowercase().as_str()))
                .is_some_and(|f| f.starts_with(char::is_lowercase) && f.ends_with("ing"));
            return (!gerund).then_some(rest);
        }
        before = w;
    }
    None
}

/// Keeps the acts `keep` keeps; returns how many it left out of those `acts` chooses (all
/// when empty: --act), as the header tells them.
fn keep_acts(
    scanned: &mut dict::Scanned,
    acts: &[String],
    lex: &ActLexicon,
    mut keep: impl FnMut(&verbale::dict::ActHit) -> bool,
) -> usize {
    let mut left_out = 0;
    for d in &mut scanned.docs {
        d.acts.retain(|a| {
            let kept = keep(a);
            let chosen = acts.is_empty() || acts.contains(&lex.acts[a.act as usize].name);
            left_out += (!kept && chosen) as usize;
            kept
        });
    }
    left_out
}

/// Warns (unless --quiet) when a text of some length holds no act at all: the lexicon is of
/// --lang's language, and a text in another one finds none (`--lang ru` over English speeches).
/// When acts were found and --own or --target-has (the acts of --act's kinds each left out)
/// left none of --act's kinds, says so instead.
fn warn_no_acts(
    (scanned, lex): (&dict::Scanned, &ActLexicon),
    options: &verbale::analysis::Options,
    args: &ActsArgs,
    (own_out, aimed_out): (usize, usize),
) {
    if args.lexicon.is_none() {
        let what = format!(" with the {} lexicon of acts", options.lang.name);
        super::dict::warn_other_languages(scanned, options, (&what, true), args.input.source.quiet);
    }
    let words = scanned.words();
    let any = scanned.acts_of(|_| true) != (0, 0);
    // Of the kinds --act chooses: other kinds may be left, and the table shows none of them.
    let left = scanned.acts_of(|a| args.choice.chooses(lex, a)) != (0, 0);
    if !left && own_out + aimed_out > 0 {
        if !args.input.source.quiet {
            let mut why = Vec::new();
            if own_out > 0 {
                why.push(format!(
                    "{} reported of others (--own)",
                    thousands(own_out as u64)
                ));
            }
            if aimed_out > 0 {
                // Stopwords asked for have their own warning: their spelling is not the fault.
                let all_stop = stopwords_asked(args, options).len() == args.choice.target_has.len();
                let check = match all_stop {
                    true => "",
                    false => {
                        "; check the spelling: `verbale acts --targets` lists what the acts target"
                    }
                };
                why.push(format!(
                    "{} whose target names none of {} (--target-has{check})",
                    thousands(aimed_out as u64),
                    quoted_words(&args.choice.target_has)
                ));
            }
            let kinds = match args.choice.act.as_slice() {
                [] => String::new(),
                acts => format!(" ({})", acts.join(", ")),
            };
            eprintln!(
                "verbale: warning: no act{kinds} is left of the {} found: {}",
                thousands((own_out + aimed_out) as u64),
                why.join(", and ")
            );
        }
        return;
    }
    // Documents each named as in another language have had their warning.
    let none = !any && scanned.other_lang.len() < scanned.documents() as usize;
    if none && words >= 500 && args.lexicon.is_none() && !args.input.source.quiet {
        eprintln!(
            "verbale: warning: no speech act in {}: the lexicon is the {} one (--lang {}); is \
             the text in another language? (lexicons: --lang en, fr, es, ru)",
            count_of(words, "word"),
            options.lang.name,
            options.lang.code
        );
    }
}

/// The table's header: its rows (of how many, when --top cut them), the acts found (of
/// --act's choosing; the negated ones apart, as the count column leaves them out), documents
/// and words.
fn header(
    args: &ActsArgs,
    lex: &ActLexicon,
    scanned: &dict::Scanned,
    what: &str,
    (shown, all_rows): (usize, Option<usize>),
) -> String {
    let words = scanned.words();
    // The acts of --act only, when it chooses some. Negated acts are not in the count column:
    // they are told apart here as there.
    let (acts, negated) = scanned.acts_of(|a| args.choice.chooses(lex, a));
    let negated = match negated {
        0 => String::new(),
        n => format!(", and {} negated", thousands(n)),
    };
    let cut = all_rows.filter(|&n| n > shown);
    format!(
        "{} ({} found{negated}) in {}, {}{}",
        match cut {
            Some(n) => format!(
                "{} of {}",
                thousands(shown as u64),
                count_of(n as u64, what)
            ),
            None => count_of(shown as u64, what),
        },
        count_of(acts, "act"),
        count_of(scanned.documents(), "document"),
        count_of(words, "word"),
        if cut.is_some() {
            " (--top N, or -f csv for all)"
        } else {
            ""
        }
    )
}
