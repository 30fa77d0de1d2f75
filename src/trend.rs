//! Trends: how often terms (words matched by their stem, or phrases) are used, quoted and
//! scare-quoted in each group of documents (a year, a country), with the groups where a term
//! is absent kept as zeros. Documents are streamed: each one's counts of the terms asked for are
//! all that is kept.

use crate::analysis::{Analyser, Options, Positions};
use crate::corpus::{self, Document, GroupedFiles, LoadOptions, Problem};
use crate::error::{Error, Result};
use crate::frames::per_10k;
use crate::meta::Grouping;
use crate::text::TokenKind;
use polars::prelude::*;

/// One document's counts of the terms asked for.
#[derive(Debug, Clone, Default)]
pub struct DocCounts {
    /// Words and numbers in the document.
    pub tokens: u64,
    /// Per term: occurrences, inside quotation marks, inside scare quotes.
    pub counts: Vec<[u64; 3]>,
    /// The language its most frequent words say it is in, when that is not the run's
    /// ([`Positions::other_lang`]).
    pub other_lang: Option<crate::text::Lang>,
}

/// The terms asked for, each as the sequence of term keys it matches (one for a word, several
/// for a phrase).
#[derive(Debug, Clone)]
pub struct Terms {
    /// The terms as asked.
    pub names: Vec<String>,
    keys: Vec<Vec<String>>,
    /// The options the keys were made with (a word inside a phrase is stemmed as they say).
    opts: Options,
}

impl Terms {
    /// Each term's keys: its words, folded and stemmed.
    pub fn keys(&self) -> &[Vec<String>] {
        &self.keys
    }

    /// The terms, each folded and stemmed as the analysis counts words: a word by its stem, a
    /// phrase as a compound of `--phrases` is keyed, its words as written (folded) and the
    /// last by its stem (`developing countries` holds `developing country`, not `developed
    /// countries`).
    pub fn new(names: &[String], opts: &Options) -> Result<Terms> {
        // The key a phrase counted as one term has (`developing countri`), word by word.
        let keys: Vec<Vec<String>> = names
            .iter()
            .map(|n| {
                // Cut as the texts are (`U.S.-China` is two words there).
                let key = opts.term_key(&crate::text::words_as_read(n).join(" "));
                key.split(' ')
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect()
            })
            .collect();
        if let Some(i) = keys.iter().position(|k: &Vec<String>| k.is_empty()) {
            return Err(Error::Invalid(format!("term {} is empty", i + 1)));
        }
        Ok(Terms {
            names: names.to_vec(),
            keys,
            opts: opts.clone(),
        })
    }

    /// Counts the terms in one document's positions (`text`, the document's text, tells the
    /// full stop of an abbreviation: `U.S. policy` and `U.S.-Russia` are phrases).
    pub fn count(&self, p: &Positions, text: &str) -> DocCounts {
        let words: Vec<usize> = p.words().collect();
        let mut counts = vec![[0u64; 3]; self.keys.len()];
        for (w, &i) in words.iter().enumerate() {
            for (t, key) in self.keys.iter().enumerate() {
                // A phrase's words but the last are matched as written (folded), the last (a
                // word's only one) by its stem.
                let word_at = |k: usize, at: usize| {
                    if k + 1 == key.len() {
                        return p.term(at) == Some(key[k].as_str());
                    }
                    // As written, Russian `ё` read as `е` (as the phrase's key has it).
                    p.form(at).is_some_and(|f| {
                        f == key[k] || (f.contains('ё') && f.replace('ё', "е") == key[k])
                    })
                };
                if w + key.len() > words.len() || !word_at(0, i) {
                    continue;
                }
                // A phrase's words follow one another; only quotation marks or the full stop
                // of an abbreviation (with a hyphen joining the next word) may stand between.
                let matched = (1..key.len()).all(|k| {
                    let (a, b) = (words[w + k - 1], words[w + k]);
                    word_at(k, b)
                        && (p.tokens[a + 1..b]
                            .iter()
                            .all(|t| t.kind == TokenKind::Quote)
                            || p.abbreviation_stop_between(a, b, text))
                });
                if !matched {
                    continue;
                }
                let last = words[w + key.len() - 1];
                counts[t][0] += 1;
                if p.innermost_holding(i, last).is_some() {
                    counts[t][1] += 1;
                    if p.quoting[i].scare() && p.quoting[last].scare() {
                        counts[t][2] += 1;
                    }
                }
            }
        }
        DocCounts {
            tokens: words.len() as u64,
            counts,
            other_lang: p.other_lang,
        }
    }
}

/// Terms counted while a corpus was read for something else (the report's reading counts the
/// phrases of `--terms` from each document's positions): per document, by its index in the
/// analysis, its counts ([`Terms::count`]).
#[derive(Debug, Clone)]
pub struct Counted {
    /// The terms counted.
    pub terms: Terms,
    /// Per document read: its index and its counts.
    pub docs: Vec<(usize, DocCounts)>,
}

/// The trend consumer: each document's counts of the terms.
struct Counter<'a> {
    run: Analyser<'a>,
    terms: &'a Terms,
}

impl corpus::Consumer for Counter<'_> {
    type Output = DocCounts;

    fn consume(&self, doc: &Document) -> DocCounts {
        self.terms.count(&self.run.positions(doc), &doc.text)
    }
}

/// Counts `terms` in every file of `found`, streamed; returns per document (in file order,
/// failed files left out) its counts and the index of its file, with the problems.
pub fn count(
    found: &GroupedFiles,
    lopts: &LoadOptions,
    opts: &Options,
    terms: &Terms,
) -> (Vec<(usize, DocCounts)>, Vec<Problem>) {
    let c = Counter {
        run: Analyser::new(opts),
        terms,
    };
    let mut out = Vec::with_capacity(found.files.len());
    let mut problems = Vec::new();
    corpus::stream_each(
        &found.files,
        |_| true,
        lopts,
        &c,
        |k, r| match r {
            Ok(d) => out.push((k, d)),
            Err(e) => problems.push(Problem::from(e)),
        },
    );
    (out, problems)
}

/// The `trend` frame: per group (its fields first) and term, in group order: the term as
/// asked, its stem (what it is counted as), count, quoted, scare, documents using the term, the group's documents and tokens, and the rate per 10,000
/// of the group's tokens. Every group has a row for every term (zeros where it is absent).
/// `docs` are the counted documents with their file index; `g` groups the files.
pub fn frame(docs: &[(usize, DocCounts)], g: &Grouping, terms: &Terms) -> Result<DataFrame> {
    let (ng, nt) = (g.groups.len(), terms.names.len());
    let mut sums = Sums {
        terms: vec![[0u64; 4]; ng * nt],
        docs: vec![0u64; ng],
        tokens: vec![0u64; ng],
    };
    for (file, d) in docs {
        let Some(k) = g.of_file.get(*file).copied().flatten() else {
            continue;
        };
        let k = k as usize;
        sums.docs[k] += 1;
        sums.tokens[k] += d.tokens;
        for (t, c) in d.counts.iter().enumerate() {
            let s = &mut sums.terms[k * nt + t];
            s[0] += c[0];
            s[1] += c[1];
            s[2] += c[2];
            s[3] += (c[0] > 0) as u64;
        }
    }
    build(g, terms, &sums)
}

/// Whether every term is one word: then a trend is read from a binned totals run's sums
/// ([`from_totals`]) instead of from each document's token positions.
pub fn single_words(terms: &Terms) -> bool {
    terms.keys.iter().all(|k| k.len() == 1)
}

/// The `trend` frame (see [`frame`]) of one-word terms from an analysis whose documents `g`
/// groups (`g.of_file`: each analysed document's group): from the per-group sums of a totals
/// run binned by `g`'s groups ([`crate::analysis::Analyser::binned`]), or else from each
/// document's counts.
///
/// Each term's counted terms are itself and the phrases (--phrases, one term each, words
/// joined by a space) that hold its words, each as many times as it holds them, so that
/// "rights" counts inside "human rights council" as a reading of the texts does.
pub fn from_totals(
    a: &crate::analysis::Analysis,
    g: &Grouping,
    terms: &Terms,
) -> Result<DataFrame> {
    let ids: Vec<Vec<(usize, u64)>> = terms
        .keys
        .iter()
        .map(|k| holding(a, k, &terms.opts))
        .collect();
    totals_of(a, g, terms, ids)
}

/// [`from_totals`] of each term alone, not inside the phrases (`--phrases`) that hold it:
/// a term as keyness and `freq` count it (`nations` outside `United Nations`).
pub fn from_totals_alone(
    a: &crate::analysis::Analysis,
    g: &Grouping,
    terms: &Terms,
) -> Result<DataFrame> {
    let ids: Vec<Vec<(usize, u64)>> = terms
        .keys
        .iter()
        .map(|k| {
            let joined = k.join(" ");
            a.terms
                .iter()
                .position(|t| t.term == joined)
                .map(|i| (i, 1))
                .into_iter()
                .collect()
        })
        .collect();
    totals_of(a, g, terms, ids)
}

/// The frame of [`from_totals`] from each term's counted terms (`ids`: term index and how
/// many times it holds the term).
fn totals_of(
    a: &crate::analysis::Analysis,
    g: &Grouping,
    terms: &Terms,
    ids: Vec<Vec<(usize, u64)>>,
) -> Result<DataFrame> {
    let (ng, nt) = (g.groups.len(), terms.names.len());
    let mut sums = Sums {
        terms: vec![[0u64; 4]; ng * nt],
        docs: vec![0u64; ng],
        tokens: vec![0u64; ng],
    };
    for (d, k) in g.of_file.iter().enumerate() {
        if let Some(k) = k {
            sums.docs[*k as usize] += 1;
            sums.tokens[*k as usize] += a.docs[d].tokens;
        }
    }
    let exact = ids
        .iter()
        .all(|v| v.len() <= 1 && v.iter().all(|&(_, m)| m == 1));
    if a.bin_totals.len() >= ng && (exact || a.doc_terms.is_empty()) {
        for (k, bin) in a.bin_totals.iter().enumerate().take(ng) {
            for (t, held) in ids.iter().enumerate() {
                let s = &mut sums.terms[k * nt + t];
                for &(i, m) in held {
                    if let Ok(j) = bin.binary_search_by_key(&(i as u32), |e| e.0) {
                        let c = &bin[j].1;
                        s[0] += m * c.count;
                        s[1] += m * c.quoted;
                        s[2] += m * c.scare;
                        // Documents of one counted term (the union of several is not kept).
                        s[3] = s[3].max(c.docs as u64);
                    }
                }
            }
        }
    } else {
        for (d, k) in g.of_file.iter().enumerate() {
            // A document in no group is not read back.
            let Some(k) = k.filter(|_| d < a.doc_terms.len()) else {
                continue;
            };
            let counts = a.doc_terms.get(d);
            for (t, held) in ids.iter().enumerate() {
                let s = &mut sums.terms[k as usize * nt + t];
                let mut used = false;
                for &(id, m) in held {
                    if let Ok(i) = counts.binary_search_by_key(&(id as u32), |c| c.term) {
                        let c = &counts[i];
                        s[0] += m * c.count as u64;
                        s[1] += m * c.quoted as u64;
                        s[2] += m * c.scare as u64;
                        used = true;
                    }
                }
                s[3] += used as u64;
            }
        }
    }
    build(g, terms, &sums)
}

/// Whether the analysis counts the words `key` as one term (a word, or a phrase `--phrases`
/// made one).
pub fn is_term(a: &crate::analysis::Analysis, key: &[String]) -> bool {
    let joined = key.join(" ");
    a.terms.iter().any(|t| t.term == joined)
}

/// The counted terms that hold the words `key` in a row, each with how many times: the term
/// itself, and for a single word or a counted phrase, the longer phrases holding it.
pub fn holding(a: &crate::analysis::Analysis, key: &[String], opts: &Options) -> Vec<(usize, u64)> {
    let joined = key.join(" ");
    a.terms
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            if t.term == joined {
                return Some((i, 1));
            }
            if !t.term.contains(' ') {
                return None;
            }
            // A phrase's key is its words as written (folded) and its last word's stem; the
            // key's last word is matched against a word inside the phrase by that word's stem.
            let words: Vec<&str> = t.term.split(' ').collect();
            let last = key.len() - 1;
            let stem_of = |k: usize| -> String {
                if k + 1 == words.len() {
                    words[k].to_string()
                } else {
                    opts.term_key(words[k])
                }
            };
            let n = (0..words.len().saturating_sub(last))
                .filter(|&s| {
                    key[..last].iter().zip(&words[s..]).all(|(k, w)| k == w)
                        && stem_of(s + last) == key[last]
                })
                .count() as u64;
            (n > 0).then_some((i, n))
        })
        .collect()
}

/// The hyphenated terms counted in `a` with a part whose term is `key` (`counter-terrorism`
/// and `terrorism-related` for `terror`), each shown as the corpus writes it with its
/// occurrences, the most frequent first. They are terms of their own: a trend of the word
/// leaves them out (an [`Options::only_compounds`](crate::analysis::Options) run counts them).
pub fn compounds_holding(
    a: &crate::analysis::Analysis,
    key: &str,
    opts: &Options,
) -> Vec<(String, u64)> {
    let counts = a.corpus_counts();
    let mut out: Vec<(String, u64)> = a
        .terms
        .iter()
        .zip(&counts)
        .filter(|(t, c)| c.count > 0 && t.term != key && t.word.contains('-'))
        .filter(|(t, _)| {
            t.word
                .split('-')
                .filter(|p| !p.is_empty())
                .any(|p| opts.term_key(p) == key)
        })
        .map(|(t, c)| (t.word.clone(), c.count))
        .collect();
    out.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    out
}

/// Per group and term: count, quoted, scare, documents; per group: documents and tokens.
struct Sums {
    terms: Vec<[u64; 4]>,
    docs: Vec<u64>,
    tokens: Vec<u64>,
}

/// The `trend` frame from the sums: a row per group with documents and term, in order.
fn build(g: &Grouping, terms: &Terms, s: &Sums) -> Result<DataFrame> {
    let nt = terms.names.len();
    let (sums, group_docs, group_tokens) = (&s.terms, &s.docs, &s.tokens);
    let rows: Vec<(usize, usize)> = (0..g.groups.len())
        .filter(|&k| group_docs[k] > 0)
        .flat_map(|k| (0..nt).map(move |t| (k, t)))
        .collect();
    let of_row: Vec<u32> = rows.iter().map(|r| r.0 as u32).collect();
    let mut cols = crate::frames::group_columns(g, &of_row)?;
    let u = |name: &str, f: &dyn Fn(&(usize, usize)) -> u64| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<u64>>())
    };
    cols.push(Column::new(
        "term".into(),
        rows.iter()
            .map(|r| terms.names[r.1].as_str())
            .collect::<Vec<_>>(),
    ));
    // What each term is counted as: its stem, or a phrase's words with the last one's stem
    // (`colonialism` counts `coloni`: colonial, colonies and colonialism).
    let keys: Vec<String> = terms.keys.iter().map(|k| k.join(" ")).collect();
    cols.push(Column::new(
        "stem".into(),
        rows.iter().map(|r| keys[r.1].as_str()).collect::<Vec<_>>(),
    ));
    cols.push(u("count", &|r| sums[r.0 * nt + r.1][0]));
    cols.push(u("quoted", &|r| sums[r.0 * nt + r.1][1]));
    cols.push(u("scare", &|r| sums[r.0 * nt + r.1][2]));
    cols.push(u("docs", &|r| sums[r.0 * nt + r.1][3]));
    cols.push(u("group_docs", &|r| group_docs[r.0]));
    cols.push(u("group_tokens", &|r| group_tokens[r.0]));
    cols.push(Column::new(
        "per_10k".into(),
        rows.iter()
            .map(|r| per_10k(sums[r.0 * nt + r.1][0], group_tokens[r.0]))
            .collect::<Vec<_>>(),
    ));
    Ok(DataFrame::new_infer_height(cols)?)
}

/// A note naming the periods (each a name, its documents and its tokens) with under a quarter
/// of the median period's tokens (a year the corpus has only begun, a decade of a few
/// speeches), whose rates rest on little text and can jump; `None` when there are none.
pub fn thin_note(by: &str, periods: &[(String, u64, u64)]) -> Option<String> {
    let mut tokens: Vec<u64> = periods.iter().map(|p| p.2).collect();
    tokens.sort_unstable();
    let median = *tokens.get(tokens.len() / 2)?;
    let thin: Vec<String> = periods
        .iter()
        .filter(|p| p.1 > 0 && p.2 * 4 < median)
        .map(|(name, docs, tokens)| {
            format!(
                "{name} ({}, {})",
                crate::out::numbers::count_of(*docs, "document"),
                crate::out::numbers::count_of(*tokens, "token")
            )
        })
        .collect();
    let shown = match thin.len() {
        0 => return None,
        n if n > 8 => format!("{}, and {} more", thin[..8].join(", "), n - 8),
        _ => thin.join(", "),
    };
    Some(format!(
        "few words in some {by}s, whose rates rest on little text and can jump: {shown}; the \
         median {by} has {}",
        crate::out::numbers::count_of(median, "token")
    ))
}

#[cfg(test)]
mod tests {
    use super::thin_note;

    #[test]
    fn only_periods_under_a_quarter_of_the_median_are_named() {
        let p = |name: &str, docs: u64, tokens: u64| (name.to_string(), docs, tokens);
        let periods = [
            p("1940", 32, 82_243),
            p("1950", 400, 685_664),
            p("1960", 500, 700_000),
            p("1970", 300, 171_417),
        ];
        // 171,417 is a quarter of the median (685,664) or more: not named.
        assert_eq!(
            thin_note("decade", &periods).as_deref(),
            Some(
                "few words in some decades, whose rates rest on little text and can jump: 1940 \
                 (32 documents, 82,243 tokens); the median decade has 685,664 tokens"
            )
        );
        assert_eq!(thin_note("year", &periods[1..]), None);
        // A period with no document is no period of few words.
        assert_eq!(
            thin_note("year", &[p("a", 0, 0), p("b", 2, 10), p("c", 2, 10)]),
            None
        );
        assert_eq!(thin_note("year", &[]), None);
    }
}
