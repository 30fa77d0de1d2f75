//! The spelling a term is shown in: its display form (folded) written as the corpus most
//! often writes it (`Azerbaijan`, `United`, `the`), from the slices the workers counted.

use super::interner::Worker;
use super::Term;
use ahash::AHashMap;
use std::sync::Arc;

/// Gives each term's `form` the spelling the corpus uses most often for it among those that
/// differ from it only by case or apostrophe (ties: the folded form itself, then the first in
/// code-point order). A form no slice spells that way stays as it is.
pub(super) fn spell(terms: &mut [Term], workers: &[Worker]) {
    let of_form = by_form(terms);
    let mut seen: Vec<Vec<(String, u64)>> = vec![Vec::new(); terms.len()];
    for w in workers {
        let int = &w.interner;
        // Per local form id: the term it is the display form of.
        let wanted: Vec<Option<usize>> = int
            .forms
            .iter()
            .map(|(f, _)| of_form.get(&**f).copied())
            .collect();
        for (id, slice, n) in int.spellings(|id| wanted[id as usize].is_some()) {
            if let Some(t) = wanted[id as usize] {
                add(&mut seen[t], &terms[t].form, slice, n as u64);
            }
        }
    }
    choose(terms, seen);
}

/// [`spell`] from (folded form, spelling, occurrences) triples, such as parts of a corpus
/// counted apart give when summed.
pub(super) fn spell_with<'a>(
    terms: &mut [Term],
    spellings: impl Iterator<Item = (&'a str, &'a str, u64)>,
) {
    let of_form = by_form(terms);
    let mut seen: Vec<Vec<(String, u64)>> = vec![Vec::new(); terms.len()];
    for (form, slice, n) in spellings {
        if let Some(&t) = of_form.get(form) {
            add(&mut seen[t], &terms[t].form, slice.to_string(), n);
        }
    }
    choose(terms, seen);
}

/// Each term's index by its display form.
fn by_form(terms: &[Term]) -> AHashMap<&str, usize> {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.form.as_str(), i))
        .collect()
}

/// Adds `n` uses of spelling `slice` of display form `form`, if it differs from it only by case
/// or by the apostrophes folding made straight (`Russia’s`, `d’Escoto`).
fn add(seen: &mut Vec<(String, u64)>, form: &str, slice: String, n: u64) {
    let apostrophes = crate::text::APOSTROPHES;
    let same = |s: &str| s == form || s.to_lowercase() == form;
    let straightened = || same(&slice.replace(apostrophes, "'"));
    if !(same(&slice) || slice.contains(apostrophes) && straightened()) {
        return;
    }
    match seen.iter_mut().find(|(x, _)| *x == slice) {
        Some(x) => x.1 += n,
        None => seen.push((slice, n)),
    }
}

/// Each term's most used spelling (ties: the folded form itself, then the first in code-point
/// order).
fn choose(terms: &mut [Term], seen: Vec<Vec<(String, u64)>>) {
    for (t, spellings) in terms.iter_mut().zip(seen) {
        if let Some(s) = best(&t.form, spellings) {
            t.form = s;
        }
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
        if let Some(f) = forms.get(i) {
            add(&mut seen[i], f, slice, n);
        }
    }
    forms
        .iter()
        .zip(seen)
        .map(|(f, s)| best(f, s).map_or_else(|| f.clone(), Arc::from))
        .collect()
}
