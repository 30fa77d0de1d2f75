//! The spelling a term is shown in: its display form (folded) written as the corpus most
//! often writes it (`Azerbaijan`, `United`, `the`), from the slices the workers counted.

use super::interner::Worker;
use super::Term;
use ahash::AHashMap;
use std::sync::Arc;

/// Gives each term's `form` (and each of its [`Term::words`]) the spelling the corpus uses
/// most often for it among those that differ from it only by case or apostrophe (ties: the
/// folded form itself, then the first in code-point order), then composes the form shown
/// ([`shown`]). A form no slice spells that way stays as it is.
pub(super) fn spell(terms: &mut [Term], workers: &[Worker]) {
    let targets = Targets::of(terms);
    // One worker after the other: a slice both met is held once. Side by side, with each
    // worker's list held whole, the step took 10 ms less and `freq` peaked 2 MB higher on UNGD.
    let mut seen: Vec<Vec<(String, u64)>> = vec![Vec::new(); targets.folded.len()];
    for w in workers {
        let int = &w.interner;
        // Per local form id: the target it spells.
        let wanted: Vec<Option<usize>> = int
            .forms
            .iter()
            .map(|(f, _)| targets.index.get(&**f).copied())
            .collect();
        for (id, slice, n) in int.spellings(|id| wanted[id as usize].is_some()) {
            if let Some(t) = wanted[id as usize].filter(|&t| spells(&targets.folded[t], &slice)) {
                add(&mut seen[t], slice, n as u64);
            }
        }
    }
    targets.choose(terms, seen);
}

/// [`spell`] from (folded form, spelling, occurrences) triples, such as parts of a corpus
/// counted apart give when summed.
pub(super) fn spell_with<'a>(
    terms: &mut [Term],
    spellings: impl Iterator<Item = (&'a str, &'a str, u64)>,
) {
    let targets = Targets::of(terms);
    let mut seen: Vec<Vec<(String, u64)>> = vec![Vec::new(); targets.folded.len()];
    for (form, slice, n) in spellings {
        if let Some(&t) = targets.index.get(form) {
            if spells(&targets.folded[t], slice) {
                add(&mut seen[t], slice.to_string(), n);
            }
        }
    }
    targets.choose(terms, seen);
}

/// The folded forms to spell: each term's form and words.
struct Targets {
    folded: Vec<String>,
    /// Each target's index in `folded`.
    index: AHashMap<String, usize>,
}

impl Targets {
    fn of(terms: &[Term]) -> Targets {
        let mut t = Targets {
            folded: Vec::with_capacity(terms.len()),
            index: AHashMap::with_capacity(terms.len()),
        };
        for term in terms {
            let forms = std::iter::once(&term.word).chain(term.words.iter().map(|w| &w.0));
            for f in forms {
                // A folded form belongs to one term; as a word it is spelt as its form is.
                if !t.index.contains_key(f.as_str()) {
                    t.index.insert(f.clone(), t.folded.len());
                    t.folded.push(f.clone());
                }
            }
        }
        t
    }

    /// Writes each target's most used spelling where it goes, then composes every term's
    /// shown form.
    fn choose(self, terms: &mut [Term], seen: Vec<Vec<(String, u64)>>) {
        let spelt: Vec<String> = self
            .folded
            .into_iter()
            .zip(seen)
            .map(|(f, s)| stopped(best(&f, s).unwrap_or(f)))
            .collect();
        use rayon::prelude::*;
        terms.par_iter_mut().for_each(|term| {
            let of = |f: &str| self.index.get(f).map(|&i| spelt[i].clone());
            for w in &mut term.words {
                if let Some(s) = of(&w.0) {
                    w.0 = s;
                }
            }
            term.word = of(&term.word).unwrap_or_else(|| term.word.clone());
            term.form = shown(&term.word, &term.words);
        });
    }
}

/// The form shown for a term whose most frequent form is `form` and whose words are `words`:
/// the form, then after a slash the most frequent other word when it makes up a tenth or more
/// of the occurrences, then `/…` when the words not shown make up a tenth or more.
pub fn shown(form: &str, words: &[(String, u64)]) -> String {
    let total: u64 = words.iter().map(|w| w.1).sum();
    let tenth = |n: u64| n * 10 >= total;
    let folded = |w: &str| w.to_lowercase();
    let mine = folded(form);
    // The word of the form itself: the one spelt as it is (its plural or possessive is one
    // word with it).
    let own = words.iter().position(|w| folded(&w.0) == mine);
    let Some(second) = words
        .iter()
        .enumerate()
        .find(|&(i, _)| Some(i) != own)
        .filter(|(_, w)| tenth(w.1))
    else {
        return form.to_string();
    };
    let rest: u64 = words
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != own && i != second.0)
        .map(|(_, w)| w.1)
        .sum();
    let more = if tenth(rest) && rest > 0 { "/…" } else { "" };
    format!("{form}/{}{more}", second.1 .0)
}

/// Whether `slice` spells the display form `form`: it differs from it only by case or by the
/// apostrophes folding made straight (`Russia’s`, `d’Escoto`).
fn spells(form: &str, slice: &str) -> bool {
    // Most slices are ASCII: compared byte by byte, with no lower-cased copy.
    let same = |s: &str| {
        s == form
            || if s.is_ascii() {
                s.len() == form.len()
                    && s.bytes()
                        .zip(form.bytes())
                        .all(|(a, b)| a.to_ascii_lowercase() == b)
            } else {
                s.to_lowercase() == form
            }
    };
    let apostrophes = crate::text::APOSTROPHES;
    same(slice) || slice.contains(apostrophes) && same(&slice.replace(apostrophes, "'"))
}

/// Adds `n` uses of spelling `slice` (one [`spells`] takes) to those of its form.
fn add(seen: &mut Vec<(String, u64)>, slice: String, n: u64) {
    match seen.iter_mut().find(|(x, _)| *x == slice) {
        Some(x) => x.1 += n,
        None => seen.push((slice, n)),
    }
}

/// The most used of the spellings of folded form `folded` (ties: the folded form itself, then
/// the first in code-point order).
fn best(folded: &str, spellings: Vec<(String, u64)>) -> Option<String> {
    spellings
        .into_iter()
        .max_by(|(a, m), (b, n)| {
            m.cmp(n)
                .then_with(|| (a == folded).cmp(&(b == folded)))
                .then_with(|| b.cmp(a))
        })
        .map(|(s, _)| s)
}

/// Each folded form of `forms` as the corpus most often writes it, by the rules of `spell`,
/// from (index into `forms`, spelling, occurrences) triples (one spelling may come several
/// times, from several workers).
pub fn spell_forms(
    forms: &[Arc<str>],
    spellings: impl IntoIterator<Item = (usize, String, u64)>,
) -> Vec<Arc<str>> {
    let mut seen: Vec<Vec<(String, u64)>> = vec![Vec::new(); forms.len()];
    for (i, slice, n) in spellings {
        if forms.get(i).is_some_and(|f| spells(f, &slice)) {
            add(&mut seen[i], slice, n);
        }
    }
    forms
        .iter()
        .zip(seen)
        .map(|(f, s)| match best(f, s) {
            Some(b) => Arc::from(stopped(b)),
            None if is_initialism(f) => Arc::from(stopped(f.to_string())),
            None => f.clone(),
        })
        .collect()
}

/// Whether `s` is an initialism written with stops whose last stop a word does not keep
/// (`U.S` of `the U.S. delegation`, `U.N`, `U.S.S.R`): capitals, a stop between each two.
fn is_initialism(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b.len() % 2 == 1
        && (b.iter().enumerate()).all(|(i, &c)| match i % 2 {
            0 => c.is_ascii_uppercase(),
            _ => c == b'.',
        })
}

/// `s` shown as written: an initialism gets back the stop a word does not keep (`U.S.`);
/// the stop ends the word in the text, but is read as the end of a sentence when it is one.
fn stopped(s: String) -> String {
    match is_initialism(&s) {
        true => s + ".",
        false => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_initialism_gets_back_its_last_stop() {
        for (word, shown) in [
            ("U.S", "U.S."),
            ("U.S.S.R", "U.S.S.R."),
            ("U.N", "U.N."),
            ("u.s", "u.s"),
            ("US", "US"),
            ("U.", "U."),
            ("Mr", "Mr"),
            ("U.Sa", "U.Sa"),
        ] {
            assert_eq!(stopped(word.to_string()), shown, "{word}");
        }
    }
}
