//! Collocates of a word: the words that stand within a window of it (`left` words before,
//! `right` after, inside its document, across punctuation as AntConc counts them), scored
//! against what their frequencies would give by chance ([`crate::stats::assoc::window_scores`]),
//! and counted apart inside quotation marks: how often the pair stands inside one quotation,
//! and how often the word itself is scare-quoted (which words keep "elections" company when
//! it is held at arm's length?).

use super::held::Held;
use crate::error::{Error, Result};
use crate::stats::assoc::{self, WindowScores};
use ahash::AHashMap;
use rayon::prelude::*;

/// Which occurrences of the node word count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NodeIn {
    /// Every occurrence.
    #[default]
    All,
    /// Only occurrences inside quotation marks.
    Quoted,
    /// Only occurrences inside scare quotes.
    Scare,
}

/// How collocates are counted and kept.
#[derive(Debug, Clone, Copy)]
pub struct CollocateOptions {
    /// Words before the node.
    pub left: usize,
    /// Words after the node.
    pub right: usize,
    /// Fewest co-occurrences for a collocate to be kept.
    pub min_count: u64,
    /// Which occurrences of the node count.
    pub node_in: NodeIn,
    /// Leave out collocates written as stopwords.
    pub skip_stopwords: bool,
}

impl Default for CollocateOptions {
    fn default() -> Self {
        CollocateOptions {
            left: 5,
            right: 5,
            min_count: 2,
            node_in: NodeIn::All,
            skip_stopwords: true,
        }
    }
}

/// One collocate.
#[derive(Debug, Clone, Copy)]
pub struct Collocate {
    /// Its term id.
    pub term: u32,
    /// Its most frequent form in the windows (form id).
    pub form: u32,
    /// Co-occurrences in the windows.
    pub count: u64,
    /// Of them, before the node.
    pub left: u64,
    /// Of them, after the node.
    pub right: u64,
    /// Of them, with the node inside one quotation.
    pub quoted: u64,
    /// Of them, with the node scare-quoted.
    pub node_scare: u64,
    /// The collocate's occurrences in the corpus.
    pub freq: u64,
    /// Its scores.
    pub scores: WindowScores,
}

/// The collocates of a node and what they were scored against.
#[derive(Debug, Clone)]
pub struct Collocates {
    /// The collocates kept.
    pub rows: Vec<Collocate>,
    /// The node's occurrences counted.
    pub node_freq: u64,
    /// Of them, inside scare quotes.
    pub node_scare: u64,
    /// Words in the corpus.
    pub tokens: u64,
}

/// Per collocate term: co-occurrences, left, right, quoted, scare; and per (term, form) its
/// count.
#[derive(Default)]
struct Tallies {
    terms: AHashMap<u32, [u64; 5]>,
    forms: AHashMap<(u32, u32), u64>,
    node: u64,
    node_scare: u64,
}

impl Tallies {
    fn merge(mut self, o: Tallies) -> Tallies {
        for (k, v) in o.terms {
            let e = self.terms.entry(k).or_default();
            for i in 0..5 {
                e[i] += v[i];
            }
        }
        for (k, v) in o.forms {
            *self.forms.entry(k).or_default() += v;
        }
        self.node += o.node;
        self.node_scare += o.node_scare;
        self
    }
}

/// The collocates of term `node` (a term id of `held`).
pub fn collocates(held: &Held, node: u32, o: &CollocateOptions) -> Result<Collocates> {
    if o.left + o.right == 0 {
        return Err(Error::Invalid(
            "the window is empty: give it at least one word to the left or the right".into(),
        ));
    }
    let t = held
        .docs
        .par_iter()
        .map(|d| {
            let d = &*d;
            let mut t = Tallies::default();
            for i in (0..d.len()).filter(|&i| held.term(d, i) == node) {
                let q = d.quoting.at(i);
                let counted = match o.node_in {
                    NodeIn::All => true,
                    NodeIn::Quoted => q.inner().is_some(),
                    NodeIn::Scare => q.scare(),
                };
                if !counted {
                    continue;
                }
                t.node += 1;
                t.node_scare += q.scare() as u64;
                let (lo, hi) = (i.saturating_sub(o.left), (i + o.right).min(d.len() - 1));
                for j in (lo..=hi).filter(|&j| j != i) {
                    if o.skip_stopwords && held.form_stop[d.forms.get(j) as usize] {
                        continue;
                    }
                    let quoted = d.quoted(i.min(j), i.max(j)).0;
                    let term = held.term(d, j);
                    let e = t.terms.entry(term).or_default();
                    e[0] += 1;
                    e[1] += (j < i) as u64;
                    e[2] += (j > i) as u64;
                    e[3] += quoted as u64;
                    e[4] += q.scare() as u64;
                    *t.forms.entry((term, d.forms.get(j))).or_default() += 1;
                }
            }
            t
        })
        .reduce(Tallies::default, Tallies::merge);
    let tokens = held.tokens();
    let span = (o.left + o.right) as f64;
    let mut best_form: AHashMap<u32, (u32, u64)> = AHashMap::new();
    for (&(term, form), &n) in &t.forms {
        let e = best_form.entry(term).or_insert((form, 0));
        // On a tie, the form first in alphabetical order (ids follow the reading's order,
        // which the threads vary from run to run).
        if n > e.1 || (n == e.1 && held.forms[form as usize] < held.forms[e.0 as usize]) {
            *e = (form, n);
        }
    }
    let rows = t
        .terms
        .iter()
        .filter(|(_, v)| v[0] >= o.min_count.max(1))
        .map(|(&term, v)| {
            let freq = held.term_count[term as usize];
            Collocate {
                term,
                form: best_form.get(&term).map_or(0, |f| f.0),
                count: v[0],
                left: v[1],
                right: v[2],
                quoted: v[3],
                node_scare: v[4],
                freq,
                scores: assoc::window_scores(
                    v[0] as f64,
                    t.node as f64,
                    span,
                    freq as f64,
                    tokens as f64,
                ),
            }
        })
        .collect();
    held.docs.check()?;
    Ok(Collocates {
        rows,
        node_freq: t.node,
        node_scare: t.node_scare,
        tokens,
    })
}
