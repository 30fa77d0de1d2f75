//! The spelling a term is shown in: its display form (folded) written as the corpus most
//! often writes it (`Azerbaijan`, `United`, `the`), from the slices the workers counted.

use super::interner::Worker;
use super::Term;
use ahash::AHashMap;

/// Gives each term's `form` the spelling the corpus uses most often for it among those that
/// differ from it only by case (ties: the folded form itself, then the first in code-point
/// order). A form no slice spells that way (such as one whose apostrophe was folded) stays
/// as it is.
pub(super) fn spell(terms: &mut [Term], workers: &[Worker]) {
    let of_form: AHashMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.form.as_str(), i))
        .collect();
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
            let Some(t) = wanted[id as usize] else {
                continue;
            };
            if slice != terms[t].form && slice.to_lowercase() != terms[t].form {
                continue;
            }
            let s = &mut seen[t];
            match s.iter_mut().find(|(x, _)| *x == slice) {
                Some(x) => x.1 += n as u64,
                None => s.push((slice, n as u64)),
            }
        }
    }
    for (t, spellings) in terms.iter_mut().zip(seen) {
        let folded = t.form.clone();
        let best = spellings.into_iter().max_by(|(a, m), (b, n)| {
            m.cmp(n)
                .then_with(|| (*a == folded).cmp(&(*b == folded)))
                .then_with(|| b.cmp(a))
        });
        if let Some((s, _)) = best {
            t.form = s;
        }
    }
}
