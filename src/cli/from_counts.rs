//! Loading counts folders (`verbale counts`) for the commands' `--from-counts`: the parts'
//! documents and fields, chosen and grouped as [`super::common::load`] does for texts.

use super::common::{flag_error, load_options, Ask, Loaded, SourceArgs};
use anyhow::Result;
use std::path::PathBuf;
use verbale::analysis::Options;
use verbale::frames::counts::NotRead;
use verbale::text::Rules;

/// The parts whose counts.json lists inputs that were not read, with them.
pub fn parts_not_read(dirs: &[PathBuf]) -> Result<Vec<(&PathBuf, Vec<NotRead>)>> {
    let mut out = Vec::new();
    for dir in dirs {
        let list = verbale::frames::counts::not_read(dir)?;
        if !list.is_empty() {
            out.push((dir, list));
        }
    }
    Ok(out)
}

/// [`load`] from counts folders (`verbale counts`) instead of documents: the parts' documents
/// and fields, chosen by --where, split by `ask.selectors` (a document of the target is left
/// out of the reference) and grouped by `ask.group_by`, as [`load`] does for texts.
pub fn load_counts(dirs: &[PathBuf], src: &SourceArgs, ask: Ask) -> Result<Loaded> {
    // A part that is not there is named as a missing input is (exit 1), before its counts.json.
    if let Some(missing) = dirs.iter().find(|d| !d.exists()) {
        return Err(verbale::Error::NotFound {
            path: missing.clone(),
        }
        .into());
    }
    warn_unused_with_counts(dirs, src)?;
    if !src.quiet {
        for (dir, list) in parts_not_read(dirs)? {
            let errors = list.iter().filter(|p| !p.warning).count();
            eprintln!(
                "verbale: warning: {}: when it was counted, {} (listed in its {})",
                dir.display(),
                [
                    (errors, "could not be read"),
                    (list.len() - errors, "skipped")
                ]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{} {what}", super::common::count_of(*n as u64, "file")))
                .collect::<Vec<_>>()
                .join(" and "),
                verbale::frames::counts::ABOUT
            );
        }
    }
    let (mut analysis, mut frame, part_notes) =
        verbale::frames::counts::read(dirs).map_err(|e| flag_error(e, src))?;
    if analysis.docs.is_empty() {
        return Err(verbale::Error::NoDocuments(
            "the counts folders hold no documents (none of their files could be read, or their folders had none)"
                .into(),
        )
        .into());
    }
    let fields: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .filter(|c| c != "doc")
        .collect();
    // The paths the parts were counted from (on their machines), as `docs` shows them.
    let paths = polars::prelude::Column::new(
        "path".into(),
        analysis
            .docs
            .iter()
            .map(|d| d.path.as_ref().map(|p| p.display().to_string()))
            .collect::<Vec<_>>(),
    );
    frame.insert_column(1, paths)?;
    let mut meta = verbale::meta::Metadata {
        frame,
        fields,
        notes: part_notes,
        counted: true,
        from_files: Vec::new(),
    };
    if let Some(w) = &src.meta.where_ {
        let keep = verbale::meta::filter(&meta, w).map_err(|e| flag_error(e, src))?;
        // Why it may have missed, read before the frame is cut (as over the texts).
        let hint = (!keep.iter().any(|k| *k)).then(|| {
            let m = &meta;
            verbale::meta::why_none(m, w)
        });
        analysis.keep_docs(&keep);
        let mask: polars::prelude::BooleanChunked = keep.iter().copied().collect();
        meta.frame = meta.frame.filter(&mask)?;
        if analysis.docs.is_empty() {
            let hint = hint.flatten().map_or(String::new(), |h| format!("; {h}"));
            return Err(verbale::Error::NoDocuments(format!(
                "--where {w} leaves no document of the counts{hint}"
            ))
            .into());
        }
    }
    let groups = sides(&mut meta, analysis.docs.len(), &ask, src)?;
    let grouping = if ask.group_by.is_empty() {
        None
    } else {
        Some(verbale::meta::group(&meta, &ask.group_by).map_err(|e| flag_error(e, src))?)
    };
    if let Some(note) = grouping.as_ref().and_then(|g| g.no_value_note()) {
        meta.notes.push(note);
    }
    src.say_notes(&meta.notes);
    Ok(Loaded {
        analysis,
        groups,
        meta,
        grouping,
        lopts: load_options(src),
        problems: Vec::new(),
        had_errors: false,
        emptied_by_where: false,
    })
}

/// The groups of the `n` documents: all of them, or those each of `ask`'s selectors chooses (a
/// document in the first that does), with a note of how many none chooses.
fn sides(
    meta: &mut verbale::meta::Metadata,
    n: usize,
    ask: &Ask,
    src: &SourceArgs,
) -> Result<Vec<Vec<usize>>> {
    if ask.selectors.is_empty() {
        return Ok(vec![(0..n).collect()]);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut taken = vec![false; n];
    for (k, s) in ask.selectors.iter().enumerate() {
        let keep = verbale::meta::filter(meta, s).map_err(|e| flag_error(e, src))?;
        let g: Vec<usize> = (0..n).filter(|&i| keep[i] && !taken[i]).collect();
        // Documents the condition chooses that an earlier side holds: compared on one side
        // only, as over the texts.
        let repeated = (0..n).filter(|&i| keep[i] && taken[i]).count();
        for &i in &g {
            taken[i] = true;
        }
        if g.is_empty() && repeated > 0 && k == 1 {
            return Err(super::problems::reference_in_target(repeated));
        }
        if g.is_empty() {
            let flag = ["--target-where", "--reference-where"].get(k);
            return Err(verbale::Error::NoDocuments(format!(
                "no document of the counts satisfies {} '{s}'",
                flag.copied().unwrap_or("the condition")
            ))
            .into());
        }
        if repeated > 0 && !src.quiet {
            super::problems::warn_repeated(repeated);
        }
        groups.push(g);
    }
    let chosen: usize = groups.iter().map(Vec::len).sum();
    if chosen < n {
        meta.notes.push(format!(
            "{} chosen by no condition: left out",
            super::common::count_of((n - chosen) as u64, "document")
        ));
    }
    Ok(groups)
}

/// Says (unless --quiet) that the flags of reading and counting do nothing with counts
/// folders, when some were given: the counts hold the words as they were counted, and the
/// documents' fields they were counted with.
fn warn_unused_with_counts(dirs: &[PathBuf], src: &SourceArgs) -> Result<()> {
    if src.quiet {
        return Ok(());
    }
    let default = Options::new(verbale::text::Lang::english()).fingerprint();
    let made = dirs
        .first()
        .map(|d| verbale::frames::counts::options(d))
        .transpose()?;
    let mut asked = src.text.options()?;
    // A threshold equal to the counts' is not ignored: it is the one they were made with.
    let bar = std::mem::take(&mut asked.min_scare);
    let other_bar = bar != 0.0 && made.as_ref().is_some_and(|o| o.min_scare != bar);
    let made = made.map_or(String::new(), |o| {
        format!(
            " (lang {}, stem {}, min confidence {})",
            o.lang.code, o.stem, o.min_scare
        )
    });
    let t = &src.text;
    let given: Vec<&str> = [
        (
            !verbale::text::Lang::parse(&t.lang).is_ok_and(|l| l.code == "en"),
            "--lang",
        ),
        (t.no_stem, "--no-stem"),
        (t.stemmer != Rules::NAMES[0], "--stemmer"),
        (t.stopwords.is_some(), "--stopwords"),
        (t.phrases.is_some(), "--phrases"),
        (t.no_numbers, "--no-numbers"),
        (t.split_hyphens, "--split-hyphens"),
        (t.split_apostrophes, "--split-apostrophes"),
        (other_bar, "--min-confidence"),
    ]
    .into_iter()
    .filter_map(|(given, flag)| given.then_some(flag))
    .collect();
    // --phrases is named whether or not its list can be read: the counts never read it.
    if other_bar || !given.is_empty() || asked.fingerprint() != default {
        // A flag this list does not name (an option set to its default value differently):
        // name the flags that change counting in general.
        let named = if given.is_empty() {
            "--lang, --no-stem, --stemmer, --stopwords, --phrases, --no-numbers, --split-* and \
             --min-confidence are"
                .to_string()
        } else {
            match given.split_last() {
                Some((last, [])) => format!("{last} is"),
                Some((last, rest)) => format!("{} and {last} are", rest.join(", ")),
                None => String::new(),
            }
        };
        eprintln!("verbale: warning: {named} not used with --from-counts: the counts hold the terms and scare calls as they were counted{made}");
    }
    // The reading flags: the parts were read with their own (and a part's section is in
    // its counts.json, so parts of different sections are not summed).
    let read: Vec<&str> = [
        (src.ext.join(",") != super::common::DEFAULT_EXT, "--ext"),
        (src.section.is_some(), "--section"),
        (src.encoding.is_some(), "--encoding"),
        (src.keep_ext, "--keep-ext"),
        (src.strict, "--strict"),
        (src.lossy, "--lossy"),
        (src.max_size != 100, "--max-size"),
        (src.text.compound_top.is_some(), "--compound-top"),
    ]
    .into_iter()
    .filter_map(|(given, flag)| given.then_some(flag))
    .collect();
    if !read.is_empty() {
        eprintln!(
            "verbale: warning: {} not used with --from-counts: the parts were read as they \
             were counted (give them to `verbale counts`)",
            read.join(", ")
        );
    }
    let m = &src.meta;
    if m.meta_name.is_some() || !m.meta.is_empty() || m.no_meta {
        eprintln!("verbale: warning: --meta-name, --meta and --no-meta are not used with --from-counts: the documents' fields are those the parts were counted with");
    }
    Ok(())
}
