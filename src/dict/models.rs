//! Acts decided by fitted models where the lexicon's words cannot tell: whether a word such as
//! `support` or `backing` states a stance (`We support the two-State solution`) or names aid
//! (`support to the police`), and whether a word the lexicon leaves alone in its context
//! (`Our appeal`, `encouraging progress`, `grateful testimony`) performs an act. Each model is
//! a logistic regression over the words around its candidate words, fitted on the
//! hand-labelled sentences of `tests/data/acts/` by `tests/data/acts/fit_models.py`; its
//! weights are a TSV file beside the lexicon (`support-model.tsv`, `call-model.tsv`, ...):
//! `act`, `mode`, `bias`, `threshold`, `candidate` rows (the words it decides), optionally
//! `exceptions` and `near` (below), and one row per feature.
//!
//! A model either **decides** its act (`mode decide`, the support model: a trigger of the
//! lexicon whose candidate words it all turns down goes, and a candidate it accepts outside the
//! lexicon's triggers becomes an act) or **adds** to the lexicon (`mode add`: only candidates
//! outside every trigger of any act are looked at, and those accepted become acts; with
//! `exceptions heed`, not those in words the act's exceptions take away either; with `near N`,
//! not those within N words of a trigger of its act or of an act it has just added, in their
//! sentence). `acts --models` runs models read from files instead of the bundled ones.

use super::acts::{adjective_in_phrase, form, hit, retarget, run, ActLexicon, Span};
use super::hit::ActHit;
use super::scan::{Match, Words};
use super::Compiled;
use crate::analysis::Positions;
use crate::corpus::Document;
use crate::error::{Error, Result};
use ahash::{AHashMap, AHashSet};

/// Runs of words (first and last word index) where a model may not add an act.
type Ranges = [(usize, usize)];

/// Words on each side of a candidate whose position is a feature (`-1=our`).
const NEAR: usize = 3;
/// Words on each side of a candidate taken as a bag (`bL=discussed`).
const BAG: usize = 8;

/// The bundled models of English, in the order they run (the deciding one first).
const ENGLISH: &[&str] = &[
    include_str!("../../data/lexicons/en/support-model.tsv"),
    include_str!("../../data/lexicons/en/call-model.tsv"),
    include_str!("../../data/lexicons/en/welcome-model.tsv"),
    include_str!("../../data/lexicons/en/commend-model.tsv"),
    include_str!("../../data/lexicons/en/demand-model.tsv"),
];

/// A fitted model of one act.
#[derive(Debug, Clone)]
pub struct ActModel {
    /// The act it finds (`support`).
    pub act: String,
    /// Whether it decides its act's candidates inside the lexicon's triggers too (`mode
    /// decide`), or only adds acts outside every trigger (`mode add`).
    pub decides: bool,
    /// Whether a model that adds acts leaves alone the words its act's exceptions take away
    /// (`exceptions heed`: the demand model, kept from `the most demanding task`); by default
    /// it looks at them (the welcome model finds "looks forward to welcoming", which an
    /// exception of the word list turns down).
    pub heeds_exceptions: bool,
    /// For a model that adds acts (`near N`): a candidate within N words of a trigger of its
    /// act, or of an act it has just added, in the same sentence, is left alone: `reaffirmed
    /// the U.S. commitment to supporting` holds one support act, not two (0: no such rule).
    pub near: usize,
    bias: f32,
    /// The probability from which a candidate is an act.
    pub threshold: f32,
    /// The folded words the model decides (`support`, `supported`, `backing`).
    pub candidates: AHashSet<String>,
    weights: AHashMap<String, f32>,
}

/// One candidate word of a document, for `acts --explain-models`: what the model saw and
/// what it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelCandidate {
    /// The act of the model.
    pub act: String,
    /// Byte offset of the word in the file as stored.
    pub offset: u64,
    /// The word, folded.
    pub word: String,
    /// The word's number among the document's words (from 0).
    pub word_no: usize,
    /// The model's probability that it performs the act.
    pub p: f32,
    /// The features, space-free strings.
    pub features: Vec<String>,
}

/// Per distinct form of a document, which of `models` (the first 32) take it for a candidate,
/// as bits: each form is looked up once, whatever the number of models.
pub(super) fn candidate_forms(models: &[ActModel], p: &Positions) -> Vec<u32> {
    let mut of: AHashMap<&str, u32> = AHashMap::new();
    for (i, m) in models.iter().enumerate().take(32) {
        for c in &m.candidates {
            *of.entry(c.as_str()).or_default() |= 1 << i;
        }
    }
    p.form_keys
        .iter()
        .map(|f| of.get(&**f).copied().unwrap_or(0))
        .collect()
}

/// Whether verbale bundles act models for a language (without reading them).
pub fn has_bundled(lang: &str) -> bool {
    lang == "en"
}

/// The bundled models of a language (English has five; the others none).
pub fn bundled(lang: &str) -> Vec<ActModel> {
    match lang {
        "en" => ENGLISH
            .iter()
            .map(|t| ActModel::parse(t).expect("bundled act model"))
            .collect(),
        _ => Vec::new(),
    }
}

impl ActModel {
    /// Reads a model: TAB-separated `name value` rows, `#` comments (without `act` and `mode`
    /// rows, a deciding model of `support`).
    pub fn parse(text: &str) -> Result<ActModel> {
        let bad = |m: String| Error::Invalid(format!("act model: {m}"));
        let mut m = ActModel {
            act: "support".into(),
            decides: true,
            heeds_exceptions: false,
            near: 0,
            bias: 0.0,
            threshold: 0.5,
            candidates: AHashSet::new(),
            weights: AHashMap::new(),
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| bad(format!("line {}: no tab", i + 1)))?;
            let number = || {
                value
                    .parse::<f32>()
                    .map_err(|_| bad(format!("line {}: '{value}' is no number", i + 1)))
            };
            match name {
                "act" => m.act = value.to_string(),
                "mode" => {
                    m.decides = match value {
                        "decide" => true,
                        "add" => false,
                        _ => return Err(bad(format!("line {}: mode is decide or add", i + 1))),
                    }
                }
                "exceptions" => {
                    m.heeds_exceptions = match value {
                        "heed" => true,
                        "ignore" => false,
                        _ => {
                            return Err(bad(format!(
                                "line {}: exceptions is heed or ignore",
                                i + 1
                            )))
                        }
                    }
                }
                "bias" => m.bias = number()?,
                "near" => {
                    m.near = value
                        .parse()
                        .map_err(|_| bad(format!("line {}: near is a number of words", i + 1)))?
                }
                "threshold" => {
                    m.threshold = number()?;
                    if !(0.0..=1.0).contains(&m.threshold) {
                        return Err(bad(format!("line {}: a threshold is from 0 to 1", i + 1)));
                    }
                }
                "candidate" => {
                    m.candidates.insert(value.to_string());
                }
                _ => {
                    m.weights.insert(name.to_string(), number()?);
                }
            }
        }
        if m.decides && m.near > 0 {
            return Err(bad(
                "near is for a model that adds acts (mode add), not one that decides".into(),
            ));
        }
        Ok(m)
    }

    /// The words of `w` model `m` decides, in order, from [`candidate_forms`]'s marks.
    fn candidates_in(marks: &[u32], m: usize, p: &Positions, w: &Words) -> Vec<usize> {
        if m >= 32 {
            return Vec::new();
        }
        let bit = 1u32 << m;
        if !marks.iter().any(|&x| x & bit != 0) {
            return Vec::new();
        }
        (0..w.tok.len())
            .filter(|&k| marks[p.forms[w.tok[k] as usize] as usize] & bit != 0)
            .collect()
    }

    /// Whether word `k` stands within the model's `near` words of the words `first..=last`.
    fn is_near(&self, (first, last): (usize, usize), k: usize) -> bool {
        self.near > 0 && first.saturating_sub(self.near) <= k && k <= last + self.near
    }

    /// The accepted candidates `ks` (in order) that add an act: with `near`, not one close
    /// (`close(taken, k)`) after the last one taken.
    fn spaced<'a>(
        &'a self,
        ks: impl Iterator<Item = usize> + 'a,
        close: impl Fn(usize, usize) -> bool + 'a,
    ) -> impl Iterator<Item = usize> + 'a {
        let mut taken: Option<usize> = None;
        ks.filter(move |&k| {
            let close = self.near > 0 && taken.is_some_and(|t| close(t, k));
            if !close {
                taken = Some(k);
            }
            !close
        })
    }

    /// The probability that the candidate word of `features` performs the act.
    pub(super) fn probability(&self, features: &[String]) -> f32 {
        let z = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The features of candidate word `k`, each once: the word itself, whether it stands in a
/// trigger of the lexicon's act that the model decides (`lex=support`), the words at each position up to
/// [`NEAR`] before and after it (`<s>` past its sentence), the same words as a bag of the
/// left and of the right, and the words up to [`BAG`] on each side in its sentence.
pub(super) fn features(
    p: &Positions,
    w: &Words,
    k: usize,
    in_trigger: Option<&str>,
) -> Vec<String> {
    let sentence = |i: usize| p.tokens[w.tok[i] as usize].sentence;
    let s = sentence(k);
    let at = |d: isize| -> &str {
        match k.checked_add_signed(d) {
            Some(i) if i < w.tok.len() && sentence(i) == s => form(p, w, i),
            _ => "<s>",
        }
    };
    let mut out = vec![format!("w={}", form(p, w, k))];
    if let Some(act) = in_trigger {
        out.push(format!("lex={act}"));
    }
    for d in 1..=NEAR as isize {
        out.push(format!("-{d}={}", at(-d)));
        out.push(format!("+{d}={}", at(d)));
        out.push(format!("L={}", at(-d)));
        out.push(format!("R={}", at(d)));
    }
    for d in 1..=BAG as isize {
        let (l, r) = (at(-d), at(d));
        if l != "<s>" {
            out.push(format!("bL={l}"));
        }
        if r != "<s>" {
            out.push(format!("bR={r}"));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Runs the lexicon's models in order over a document's acts (`out`, with where each trigger
/// stands), returning the candidates explained when the lexicon asks. `vetoed`: the triggers
/// alone in a table's cell; `blocks`: the matches of the acts' exceptions.
pub(super) fn run_all(
    lex: &ActLexicon,
    dict: &Compiled,
    p: &Positions,
    doc: &Document,
    w: &Words,
    (out, spans): (&mut Vec<ActHit>, &mut Vec<Span>),
    (vetoed, blocks): (&[(usize, usize)], &[Match]),
) -> Vec<ModelCandidate> {
    let mut explained = Vec::new();
    if lex.models.is_empty() {
        return explained;
    }
    let marks = candidate_forms(&lex.models, p);
    for (i, m) in lex.models.iter().enumerate() {
        // A model that adds acts and heeds the exceptions reads none in the words they take
        // away (`the most demanding task`); the support model decides over its own.
        let excepted: Vec<(usize, usize)> = if !m.decides && m.heeds_exceptions {
            let except = format!("!{}", m.act);
            blocks
                .iter()
                .filter(|b| dict.keys[dict.entries[b.entry as usize].key as usize] == except)
                .map(|b| (b.first as usize, b.last as usize))
                .collect()
        } else {
            Vec::new()
        };
        explained.extend(decide(
            lex,
            (m, i, &marks),
            p,
            doc,
            w,
            (&mut *out, &mut *spans),
            (vetoed, &excepted),
        ));
    }
    explained
}

/// Lets `model` decide its act (`hits`: the acts so far in order, each with where its trigger
/// stands; `vetoed`: the triggers alone in a table's cell; `excepted`: words the act's
/// exceptions take away, for a model that heeds them). A deciding model (support): a
/// trigger of its act that holds candidate words (`reaffirmed our support for`) stays when the
/// model accepts one of them, or when it is denied (`cannot support`); the others go. Any
/// model: a candidate accepted outside every trigger it may not decide, and outside a table's
/// cell, becomes an act (`give our unwavering support to`, where `support to` reads as aid to
/// the word list; `Our appeal concerns`). The acts' targets are cut again where a trigger went
/// or came. Returns the candidates explained, when the lexicon asks.
pub(super) fn decide(
    lex: &ActLexicon,
    (model, m, marks): (&ActModel, usize, &[u32]),
    p: &Positions,
    doc: &Document,
    w: &Words,
    (out, spans): (&mut Vec<ActHit>, &mut Vec<Span>),
    (vetoed, excepted): (&Ranges, &Ranges),
) -> Vec<ModelCandidate> {
    let Some(act) = lex.act_of(&model.act) else {
        return Vec::new();
    };
    if !model.decides {
        let at = (p, w, doc.text.as_str());
        join_following(lex, (m, marks), at, act, (&mut out[..], &mut spans[..]));
    }
    let holds = |sp: &Span, k: usize| sp.first <= k && k <= sp.last;
    let within =
        |ranges: &[(usize, usize)], k: usize| ranges.iter().any(|&(f, l)| f <= k && k <= l);
    // A deciding model reads its act's triggers; an adding one leaves every trigger alone.
    let in_own = |k: usize| {
        out.iter()
            .zip(spans.iter())
            .any(|(h, sp)| h.act == act && holds(sp, k))
    };
    let in_any = |k: usize| spans.iter().any(|sp| holds(sp, k));
    // With `near`: word `k` within the model's distance of the words `first..=last`, in the
    // sentence of one of them.
    let sentence = |i: usize| p.tokens[w.tok[i] as usize].sentence;
    let near = |(first, last): (usize, usize), k: usize| {
        model.is_near((first, last), k)
            && (sentence(first) == sentence(k) || sentence(last) == sentence(k))
    };
    let near_own = |k: usize| {
        model.near > 0
            && (out.iter().zip(spans.iter()))
                .any(|(h, sp)| h.act == act && near((sp.first, sp.last), k))
    };
    let mut explained = Vec::new();
    let mut candidates: Vec<(usize, bool)> = Vec::new();
    for k in ActModel::candidates_in(marks, m, p, w) {
        if !model.decides
            && (in_any(k)
                || within(vetoed, k)
                || within(excepted, k)
                || near_own(k)
                || leads_into_trigger(lex, (p, w), spans, (act, &out[..]), k))
        {
            continue;
        }
        let own = (model.decides && in_own(k)).then_some(model.act.as_str());
        let features = features(p, w, k, own);
        let pr = model.probability(&features);
        candidates.push((k, pr >= model.threshold));
        if lex.explain_models {
            let t = &p.tokens[w.tok[k] as usize];
            explained.push(ModelCandidate {
                act: model.act.clone(),
                offset: doc.source_offset(t.start as usize) as u64,
                word: form(p, w, k).to_string(),
                word_no: k,
                p: pr,
                features,
            });
        }
    }
    if candidates.is_empty() {
        return explained;
    }
    let added: Vec<(ActHit, Span)> = model
        .spaced(
            (candidates.iter())
                .filter(|&&(k, yes)| yes && !in_own(k) && !within(vetoed, k))
                .map(|&(k, _)| k),
            |t, k| near((t, t), k),
        )
        .map(|k| accepted(lex, p, doc, w, (&out[..], &spans[..]), act, k))
        .collect();
    let (mut acts, removed) = kept((model, act), &candidates, (out, spans), added.len());
    if !added.is_empty() || !removed.is_empty() {
        let asks = |h: &ActHit| (lex.reporting.asking).contains(&lex.acts[h.act as usize].name);
        let asking: Vec<usize> = (added.iter().filter(|(h, _)| asks(h)))
            .map(|(_, sp)| sp.first)
            .collect();
        acts.extend(added);
        acts.sort_by_key(|(_, sp)| sp.first);
        mark_asked(lex, p, (w, &doc.text), &mut acts, &asking);
        recut(lex, p, w, doc, &mut acts, &removed);
    }
    let (hits, at): (Vec<ActHit>, Vec<Span>) = acts.into_iter().unzip();
    *out = hits;
    *spans = at;
    explained
}

/// Whether the candidate at word `k` of an adding model only leads into a trigger, in one run
/// of words:
/// - before a trigger of its own act with only the lexicon's joiners between (`thanks and
///   gratitude`, `happy to welcome the Gambia`): one act, the trigger's;
/// - before `to` and a trigger of an act as strong or stronger (`glad to support that
///   suggestion`): that act, which the adjective says is performed gladly (its own target
///   would be `to`); before a weaker one (`delighted to note that`), readers label the
///   gladness, so it stays. Not for an act that asks others to act (`was asked to condemn`,
///   `a call to reject`): the call stands, and the act after it is the one asked for.
fn leads_into_trigger(
    lex: &ActLexicon,
    (p, w): (&Positions, &Words),
    spans: &[Span],
    (act, acts): (u16, &[ActHit]),
    k: usize,
) -> bool {
    let strength = |a: u16| lex.acts[a as usize].intensity;
    let asking = lex.reporting.asking.contains(&lex.acts[act as usize].name);
    (acts.iter().zip(spans)).any(|(h, sp)| {
        sp.first > k
            && sp.first - k <= 3
            && run(w, k, sp.first)
            && if h.act == act {
                // As two triggers of one act join (`thank and congratulate`).
                super::acts::joins(lex, p, w, Some((act, k, false)), h.act, sp.first)
            } else {
                !asking
                    && sp.first == k + 2
                    && form(p, w, k + 1) == "to"
                    && strength(h.act) >= strength(act)
            }
    })
}

/// Joins to the act of its own trigger each candidate of an adding model that follows it in
/// one run of words with only joiners or `with` between (`welcomed with satisfaction the
/// agreement`, `our thanks and appreciation go to the Secretary-General`): one act, whose
/// trigger now ends at the candidate and whose target is the words after it.
fn join_following(
    lex: &ActLexicon,
    (m, marks): (usize, &[u32]),
    (p, w, text): (&Positions, &Words, &str),
    act: u16,
    (out, spans): (&mut [ActHit], &mut [Span]),
) {
    let joiner = |i: usize| lex.joiners.contains(form(p, w, i)) || form(p, w, i) == "with";
    for k in ActModel::candidates_in(marks, m, p, w) {
        let before = (out.iter().zip(spans.iter())).position(|(h, sp)| {
            h.act == act
                && sp.last < k
                && k - sp.last <= 2
                && k < sp.next
                && run(w, sp.last, k)
                && (sp.last + 1..k).all(joiner)
        });
        if let Some(j) = before {
            super::acts::join(&mut out[j], lex, p, w, text, (k, k, spans[j].next));
            spans[j].last = k;
        }
    }
}

/// The acts found so far, less a deciding model's triggers whose candidates it all turned
/// down (not those denied: `cannot support`), and where each of those removed started.
fn kept(
    (model, act): (&ActModel, u16),
    candidates: &[(usize, bool)],
    (out, spans): (&mut Vec<ActHit>, &mut Vec<Span>),
    room: usize,
) -> (Vec<(ActHit, Span)>, Vec<usize>) {
    let mut removed = Vec::new();
    let mut acts: Vec<(ActHit, Span)> = Vec::with_capacity(out.len() + room);
    for (h, sp) in std::mem::take(out).into_iter().zip(std::mem::take(spans)) {
        let mut inside = (candidates.iter())
            .filter(|(k, _)| sp.first <= *k && *k <= sp.last)
            .peekable();
        if !model.decides
            || h.act != act
            || h.negated
            || inside.peek().is_none()
            || inside.any(|c| c.1)
        {
            acts.push((h, sp));
        } else {
            removed.push(sp.first);
        }
    }
    (acts, removed)
}

/// An act added that asks a party to act (`a plea to all nations to support`; `asking`: where
/// each such act starts) makes the acts after it in its sentence asked, as a call of the word
/// list does.
fn mark_asked(
    lex: &ActLexicon,
    p: &Positions,
    (w, text): (&Words, &str),
    acts: &mut [(ActHit, Span)],
    asking: &[usize],
) {
    let sentence_of = |k: usize| p.tokens[w.tok[k] as usize].sentence;
    for &first in asking {
        let s = sentence_of(first);
        for (h, sp) in acts.iter_mut().filter(|(_, sp)| sp.first > first) {
            if sentence_of(sp.first) == s {
                h.reported = super::speaker::reported(
                    &lex.reporting,
                    p,
                    (w, text),
                    (sp.first, sp.last),
                    true,
                );
            }
        }
    }
}

/// A target stops at the next trigger (not at an adjective inside a noun phrase, `the
/// deplorable series of attacks`, as the word list's targets do not): where one went or came
/// (`removed`: where each act taken away started), it is cut again.
fn recut(
    lex: &ActLexicon,
    p: &Positions,
    w: &Words,
    doc: &Document,
    acts: &mut [(ActHit, Span)],
    removed: &[usize],
) {
    for i in 0..acts.len() {
        let next = acts[i + 1..]
            .iter()
            .filter(|(_, sp)| !adjective_in_phrase(p, w, sp.first, sp.last))
            .map(|(_, sp)| sp.first)
            .find(|&f| f > acts[i].1.last)
            .unwrap_or(w.tok.len());
        let (h, sp) = &mut acts[i];
        if next < sp.next || (next > sp.next && removed.contains(&sp.next)) {
            sp.next = next;
            retarget(lex, p, w, &doc.text, h, *sp);
        }
    }
}

/// The act of a candidate `k` the model accepted outside every trigger: its trigger the word
/// and up to two of the lexicon's `between` words just before it (`our unwavering support`;
/// not an article, nor a word of the act before it), its target up to the next act's trigger,
/// its modifiers from the previous act's end.
fn accepted(
    lex: &ActLexicon,
    p: &Positions,
    doc: &Document,
    w: &Words,
    (out, spans): (&[ActHit], &[Span]),
    act: u16,
    k: usize,
) -> (ActHit, Span) {
    let from = spans
        .iter()
        .map(|sp| sp.last + 1)
        .filter(|&e| e <= k)
        .max()
        .unwrap_or(0);
    let mut first = k;
    while first > from
        && k - first < 2
        && run(w, first - 1, k)
        && lex.between.contains(form(p, w, first - 1))
        && !matches!(form(p, w, first - 1), "the" | "a" | "an")
    {
        first -= 1;
    }
    let next = spans
        .iter()
        .map(|sp| sp.first)
        .find(|&f| f > k)
        .unwrap_or(w.tok.len());
    let sentence_of = |i: usize| p.tokens[w.tok[i] as usize].sentence;
    // Asked for by an act that asks a party to act, earlier in its sentence.
    let asked = out.iter().zip(spans).any(|(h, sp)| {
        sp.first < first
            && sentence_of(sp.first) == sentence_of(first)
            && lex
                .reporting
                .asking
                .contains(&lex.acts[h.act as usize].name)
    });
    let at = Span {
        first,
        last: k,
        next,
        from,
    };
    (hit(lex, p, w, doc, act, at, false, asked), at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_model_and_scores_features_once_each() {
        let m = ActModel::parse(
            "# a comment\nbias\t-1\nthreshold\t0.6\ncandidate\tsupport\nw=support\t1\n-1=we\t2\n",
        )
        .unwrap();
        assert_eq!(m.threshold, 0.6);
        assert!(m.candidates.contains("support"));
        let p = m.probability(&["w=support".into(), "-1=we".into(), "-1=they".into()]);
        assert!((p - 1.0 / (1.0 + (-2.0f32).exp())).abs() < 1e-6);
        assert!(ActModel::parse("bias\tx\n").is_err());
        assert!(ActModel::parse("threshold\tNaN\n").is_err());
        assert!(ActModel::parse("threshold\t1.5\n").is_err());
        assert!(ActModel::parse("bias 1\n").is_err());
        assert_eq!(m.near, 0);
        assert_eq!(ActModel::parse("mode\tadd\nnear\t4\n").unwrap().near, 4);
        assert!(ActModel::parse("mode\tdecide\nnear\t4\n").is_err());
        assert!(ActModel::parse("near\t-1\n").is_err());
    }
}
