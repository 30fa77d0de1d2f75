//! The speech-act chart: a stacked bar per document or group, its acts per 10,000 words split by
//! base intensity (acknowledge on the left, condemn and reject on the right), with the number of
//! acts and their mean intensity at the bar's end.

use super::{BarRow, Role, Spec};
use crate::dict::{ActLexicon, Scanned};
use crate::error::{Error, Result};
use crate::frames::per_10k;
use crate::out::numbers::{count_of, thousands};

/// How far a document's rank among the strongest is drawn toward the corpus: its mean
/// intensity is ranked as if it had this many more acts of the corpus's mean intensity.
const SHRINK: f64 = 5.0;

/// The order of the bars of [`acts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Strongest first: by mean intensity drawn toward the corpus's ([`SHRINK`]), so that a
    /// document of one strong act does not head the chart (documents, countries).
    Strength,
    /// Most acts per 10,000 words first, the bars' length (a chart of chosen acts, whose
    /// means differ little: who condemns Russia most).
    Rate,
    /// The bins' own order (groups such as years), those without acts drawn empty so that a
    /// gap in time shows.
    Given,
}

impl Order {
    /// Which bars a cut keeps, said after their number: (the 20) strongest, with the most
    /// per 10,000 words, first.
    pub fn which(self) -> &'static str {
        match self {
            Order::Strength => "strongest",
            Order::Rate => "with the most per 10,000 words",
            Order::Given => "first",
        }
    }

    /// The order of the bars named `names`: groups (`groups`) named by numbers or dates
    /// (years, sessions, months) in their order, so that a change shows; with some acts
    /// chosen (`chosen`: `--act`, `--target-has`), whose means differ little, the most per
    /// 10,000 words first; else the strongest first (documents, countries).
    pub fn of(names: &[String], groups: bool, chosen: bool) -> Order {
        // Groups come sorted by their names: dates written alike sort as times do (`2021-02`
        // before `2021-10`, not `2021-2`).
        let numbers = names.iter().all(|n| n.trim().parse::<f64>().is_ok());
        let alike = names.iter().all(|n| n.len() == names[0].len());
        if groups && (numbers || (alike && names.iter().all(|n| a_date(n)))) {
            Order::Given
        } else if chosen {
            Order::Rate
        } else {
            Order::Strength
        }
    }
}

/// Whether a group's name is a date or period written from its year (`2024-01`,
/// `2024-01-15`, `1990s`, `2024-Q1`).
fn a_date(name: &str) -> bool {
    let b = name.trim().as_bytes();
    b.len() > 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4..]
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'/' | b's' | b'Q'))
}

/// Bars of the acts of `s`, one per bin (`bins`: each document's, as [`Scanned::bins`]) named
/// by `names` (bins without documents are left out, and those without acts but in the bins'
/// own order), in `order`. At most `top` bars with acts (in the bins' own order, with the
/// empty ones between them); also returns how many bars with acts `top` left out, and the
/// `top` that draws them all.
pub fn acts(
    s: &Scanned,
    bins: &[u32],
    lex: &ActLexicon,
    names: &[String],
    order: Order,
    top: usize,
    what: &str,
) -> Result<(Spec, usize, usize)> {
    let n = names.len();
    let Tally {
        by,
        sum,
        words,
        seen,
    } = tally(s, bins, lex, n);
    let total = |b: usize| by[b].iter().sum::<u64>();
    if (0..n).all(|b| total(b) == 0) {
        return Err(Error::Nothing("no speech acts to chart".into()));
    }
    // Bins in their own order keep those with documents but no act (a year with none), at
    // the ends of the period too: the axis is the period read.
    let drawn = |b: usize| total(b) > 0 || (order == Order::Given && words[b] > 0);
    let mut shown: Vec<usize> = (0..n).filter(|&b| drawn(b)).collect();
    let mean = |b: usize| sum[b] as f64 / total(b).max(1) as f64;
    // A document of one condemnation is not the strongest of a corpus: each mean is drawn
    // toward the corpus's by SHRINK acts (a Bayesian average), so few acts weigh less.
    let acts: u64 = shown.iter().map(|&b| total(b)).sum();
    let prior = shown.iter().map(|&b| sum[b]).sum::<u64>() as f64 / acts.max(1) as f64;
    let rate = |b: usize| total(b) as f64 / words[b].max(1) as f64;
    match order {
        Order::Strength => {
            let rank = |b: usize| (sum[b] as f64 + SHRINK * prior) / (total(b) as f64 + SHRINK);
            shown.sort_by(|&x, &y| rank(y).total_cmp(&rank(x)).then(total(y).cmp(&total(x))));
        }
        Order::Rate => {
            shown.sort_by(|&x, &y| rate(y).total_cmp(&rate(x)).then(total(y).cmp(&total(x))))
        }
        Order::Given => {}
    }
    let with_acts = |bins: &[usize]| bins.iter().filter(|&&b| total(b) > 0).count();
    let all = with_acts(&shown);
    let every = if order == Order::Given {
        all
    } else {
        shown.len()
    };
    if order != Order::Given {
        shown.truncate(top);
    } else if all > top {
        shown = first_with_acts(&shown, top, total);
    }
    let rows = shown
        .iter()
        .map(|&b| BarRow {
            label: names[b].clone(),
            segments: (0..5)
                .map(|k| (per_10k(by[b][k], words[b]), Role::Strength(k as u8 + 1)))
                .collect(),
            note: Some(match total(b) {
                0 => "no act".to_string(),
                t => format!("{}, mean {:.1}", count_of(t, "act"), mean(b)),
            }),
        })
        .collect::<Vec<_>>();
    let strengths: Vec<u8> = (1..=5u8)
        .filter(|&i| shown.iter().any(|&b| by[b][(i - 1) as usize] > 0))
        .collect();
    let drawn_acts: Vec<bool> = (0..lex.acts.len())
        .map(|a| shown.iter().any(|&b| seen[b][a]))
        .collect();
    let legend = legend(lex, &drawn_acts, &strengths);
    let kept = kept_note(
        with_acts(&shown),
        all,
        n - (shown.len() - with_acts(&shown)),
        order,
    );
    // The order is not quite the bars' own means: say how it was drawn.
    let order = match order {
        Order::Strength if shown.len() > 1 => {
            format!("; order: mean intensity, few acts drawn toward the corpus's {prior:.1}")
        }
        Order::Rate if shown.len() > 1 => "; order: acts per 10,000 words".to_string(),
        _ => String::new(),
    };
    let left_out = all - with_acts(&shown);
    let spec = Spec::Bars {
        title: format!("Speech acts by strength: {what}{kept}"),
        x_label: format!(
            "acts per 10,000 words, by base intensity (number and mean intensity at bar end){order}"
        ),
        rows,
        legend,
        diverging: false,
        guide: None,
    };
    Ok((spec, left_out, every))
}

/// In the bins' own order, `shown` cut to its first `top` bars with acts: from the first with
/// acts to the top-th, the bins without acts between them kept (drawn empty).
fn first_with_acts(shown: &[usize], top: usize, total: impl Fn(usize) -> u64) -> Vec<usize> {
    let first = shown.iter().position(|&b| total(b) > 0).unwrap_or(0);
    let mut taken = 0;
    let end = (shown.iter().enumerate().skip(first))
        .find(|&(_, &b)| {
            taken += (total(b) > 0) as usize;
            taken == top
        })
        .map_or(shown.len(), |(k, _)| k + 1);
    shown[first..end].to_vec()
}

/// Per bin: acts by base intensity (not negated), intensity sum, words; and the acts seen
/// (by act), which the legend names for the bins drawn.
struct Tally {
    by: Vec<[u64; 5]>,
    sum: Vec<u64>,
    words: Vec<u64>,
    seen: Vec<Vec<bool>>,
}

/// The [`Tally`] of the `n` bins; a document outside every bin (no value for the grouping
/// field) is left out.
fn tally(s: &Scanned, bins: &[u32], lex: &ActLexicon, n: usize) -> Tally {
    let mut t = Tally {
        by: vec![[0u64; 5]; n],
        sum: vec![0u64; n],
        words: vec![0u64; n],
        seen: vec![vec![false; lex.acts.len()]; n],
    };
    for (d, &b) in s.docs.iter().zip(bins).filter(|(_, &b)| (b as usize) < n) {
        let b = b as usize;
        t.words[b] += d.words;
        for a in d.acts.iter().filter(|a| !a.negated) {
            let base = lex.acts[a.act as usize].intensity.clamp(1, 5);
            t.by[b][(base - 1) as usize] += 1;
            t.sum[b] += a.intensity as u64;
            t.seen[b][a.act as usize] = true;
        }
    }
    t
}

/// The legend: each strength drawn with the acts of it that were drawn (`seen`, by act).
fn legend(lex: &ActLexicon, seen: &[bool], strengths: &[u8]) -> Vec<(String, Role)> {
    strengths
        .iter()
        .map(|&i| {
            let names: Vec<&str> = lex
                .acts
                .iter()
                .zip(seen)
                .filter(|(a, &seen)| a.intensity == i && seen)
                .map(|(a, _)| a.name.as_str())
                .collect();
            (format!("{i} {}", names.join(", ")), Role::Strength(i))
        })
        .collect()
}

/// What the title says of the bars left out: `shown` of the `all` bins with acts drawn (the
/// strongest, the most frequent, or the first), and the bins without acts left out, of `n`
/// (all bins but those drawn empty).
fn kept_note(shown: usize, all: usize, n: usize, order: Order) -> String {
    let mut kept = if all > shown {
        format!(
            ", the {shown} {} of {}",
            order.which(),
            thousands(all as u64)
        )
    } else {
        String::new()
    };
    // Those with no act have no bar: say so, or the title's count would not match the bars.
    if n > all {
        kept.push_str(&format!(
            // A semicolon: `of 25, 168 without acts` wrapped would read as 25,168.
            "; {} without acts left out",
            thousands((n - all) as u64)
        ));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_named_by_dates_keep_their_order() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for times in [
            &["2005", "2006"][..],
            &["2021-12", "2022-01"],
            &["2022-01-31", "2022-02-01"],
            &["1990s", "2000s"],
        ] {
            assert_eq!(
                Order::of(&names(times), true, false),
                Order::Given,
                "{times:?}"
            );
        }
        // Dates not written alike do not sort as times: the strongest first.
        assert_eq!(
            Order::of(&names(&["2021-10", "2021-2"]), true, false),
            Order::Strength
        );
        // Names that are not times, or documents: the strongest first.
        assert_eq!(
            Order::of(&names(&["RUS", "2022"]), true, false),
            Order::Strength
        );
        assert_eq!(
            Order::of(&names(&["2021-12", "2022-01"]), false, false),
            Order::Strength
        );
        assert_eq!(Order::of(&names(&["2021-12"]), true, true), Order::Given);
        assert_eq!(Order::of(&names(&["RUS"]), true, true), Order::Rate);
    }
}
