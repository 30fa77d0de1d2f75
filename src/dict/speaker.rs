//! Whose act: whether a speech act is reported of someone else rather than performed by the
//! text's author, told by the words at its trigger's edges (a passive with its agent, a
//! relative clause, a reporting subject, the act asked for by an earlier call), from the
//! words of the lexicon's `reported` map.

use super::acts::{form, run, words, words_in_order};
use super::scan::Words;
use crate::analysis::Positions;
use crate::text::TokenKind;
use ahash::AHashSet;
use yaml_rust2::Yaml;

/// The words of a lexicon's `reported` map (see `data/lexicons/en/speech-acts.yml`): what
/// shows an act reported of someone else. Empty (no act reported) when the lexicon has none.
#[derive(Debug, Clone, Default)]
pub struct Reporting {
    own: AHashSet<String>,
    agent: AHashSet<String>,
    own_agents: AHashSet<String>,
    participle_endings: Vec<String>,
    gerund_endings: Vec<String>,
    gerund_after: AHashSet<String>,
    relative: AHashSet<String>,
    be_past: AHashSet<String>,
    modal_passive: AHashSet<String>,
    feelings: AHashSet<String>,
    subjects: AHashSet<String>,
    bodies: AHashSet<String>,
    after_noun: AHashSet<String>,
    between: AHashSet<String>,
    to: AHashSet<String>,
    /// Acts that ask a party to act (`call`, `urge`): an act after them in their sentence,
    /// introduced by `to`, is the one asked for, not performed.
    pub(super) asking: AHashSet<String>,
    wanting: AHashSet<String>,
}

impl Reporting {
    /// The `reported` map of a lexicon (`Yaml::BadValue` when it has none).
    pub(super) fn parse(y: &Yaml) -> Reporting {
        Reporting {
            own: words(&y["own"]),
            agent: words(&y["agent"]),
            own_agents: words(&y["own_agents"]),
            participle_endings: words_in_order(&y["participle_endings"]),
            gerund_endings: words_in_order(&y["gerund_endings"]),
            gerund_after: words(&y["gerund_after"]),
            relative: words(&y["relative"]),
            be_past: words(&y["be_past"]),
            modal_passive: words(&y["modal_passive"]),
            feelings: words(&y["feelings"]),
            subjects: words(&y["subjects"]),
            bodies: words(&y["bodies"]),
            after_noun: words(&y["after_noun"]),
            between: words(&y["between"]),
            to: words(&y["to"]),
            asking: words(&y["asking"]),
            wanting: words(&y["wanting"]),
        }
    }

    /// Whether the lexicon tells reported acts at all.
    fn any(&self) -> bool {
        !(self.agent.is_empty() && self.relative.is_empty() && self.subjects.is_empty())
    }
}

/// Whether the act whose trigger is words `first..=last` is reported of someone else rather
/// than performed by the author, by the words at its edges: a passive with its agent
/// (`supported by the West`, but not `by my Government`) or after a past `be` (`has been
/// recognized`); a relative clause (`countries that reject`); a gerund after `for` (`thank
/// leaders for condemning`); a reporting subject (`the Security Council demanded`,
/// `resolutions calling for`); or the act asked for by an earlier one in its sentence
/// (`asked`: `call on all States to support`). An act with `we` or `I` as its subject, a
/// feeling (`we are concerned`) and a present or modal passive (`is invited to`, `is to be
/// congratulated`) are the author's.
pub(super) fn reported(
    r: &Reporting,
    p: &Positions,
    (w, text): (&Words, &str),
    (first, last): (usize, usize),
    asked: bool,
) -> bool {
    if !r.any() {
        return false;
    }
    let inside: Vec<&str> = (first..=last).map(|k| form(p, w, k)).collect();
    if inside.iter().any(|f| r.own.contains(*f)) {
        return false;
    }
    let (head, tail) = (inside[0], inside[inside.len() - 1]);
    let participle = !r.feelings.contains(head)
        && (ends(tail, &r.participle_endings) || ends(head, &r.participle_endings));
    let sentence = p.tokens[w.tok[first] as usize].sentence;
    let same = |k: usize| k < w.tok.len() && p.tokens[w.tok[k] as usize].sentence == sentence;
    let agent_next =
        same(last + 1) && run(w, last, last + 1) && r.agent.contains(form(p, w, last + 1));
    if participle && agent_next {
        let agent = if same(last + 2) {
            form(p, w, last + 2)
        } else {
            ""
        };
        return !r.own_agents.contains(agent);
    }
    // The subject: the first word before the trigger that is no auxiliary or adverb.
    let mut k = first;
    let mut to = false;
    let subject = loop {
        if k == 0 || !same(k - 1) || first - k == 6 {
            break None;
        }
        k -= 1;
        let f = form(p, w, k);
        if r.own.contains(f) {
            return false;
        }
        if r.between.contains(f) || r.to.contains(f) {
            to |= r.to.contains(f);
            continue;
        }
        // Two such words joined (`has unequivocally and consistently rejected`).
        let joins = matches!(f, "and" | "or")
            && k + 1 < first
            && r.between.contains(form(p, w, k + 1))
            && k > 0
            && same(k - 1)
            && r.between.contains(form(p, w, k - 1));
        if joins {
            continue;
        }
        break Some((k, f, run(w, k, first)));
    };
    // The act asked of a party (`urge President Lula to support`), not one the author wants
    // to perform (`call for restraint and would like to commend`).
    let volition = subject.is_some_and(|(_, s, _)| r.wanting.contains(s));
    if asked && to && !volition {
        return true;
    }
    let Some((k, s, joined)) = subject else {
        return false;
    };
    let number = |k: usize| p.tokens[w.tok[k] as usize].kind == TokenKind::Number;
    // Whether a comma stands between word `k` and the next.
    let comma_after =
        |k: usize| (w.tok[k] + 1..w.tok[k + 1]).any(|t| p.tokens[t as usize].text(text) == ",");
    let gerund = ends(head, &r.gerund_endings);
    let comma = (k..first).any(comma_after);
    // A body named before the numbers of its resolutions (`resolutions 384 (1975) and 389
    // (1976) once again call on`), or before a comma and a gerund (`resolution 1624 (2005),
    // calling on`, `the international community, calling for`).
    if (number(k) && !comma) || (gerund && comma_after(first - 1)) {
        let mut j = k;
        while (number(j) || form(p, w, j) == "and") && j > 0 && same(j - 1) && k - j < 12 {
            j -= 1;
        }
        if r.subjects.contains(form(p, w, j)) {
            return true;
        }
    }
    if body_names_noun(r, p, w, (first, last), &same) {
        return true;
    }
    let passive = participle
        && r.be_past.contains(s)
        && !(k > 0 && same(k - 1) && r.modal_passive.contains(form(p, w, k - 1)));
    passive
        || (joined && r.relative.contains(s))
        || (r.gerund_after.contains(s) && ends(head, &r.gerund_endings))
        || (joined && r.subjects.contains(s))
}

/// Whether the trigger `first..=last` (with a word before it in its sentence: a trigger that
/// opens its sentence is not asked about) is a noun whose act a body's name gives as its own: a
/// body's genitive before it (`the Assembly's endorsement of`, `the Secretary-General's call`,
/// an adjective between allowed), or a body named after it (`the appeal of the Conference`,
/// `calls by the UN Secretary General`, `the support of the international community`, but
/// not `in support of`, `our support of the Union` nor `the support of our friends`). Whether
/// the trigger is a noun is not parsed: a verb before `of` and a body reads the same (`warns
/// of the Security Council`).
fn body_names_noun(
    r: &Reporting,
    p: &Positions,
    w: &Words,
    (first, last): (usize, usize),
    same: &dyn Fn(usize) -> bool,
) -> bool {
    let tail = form(p, w, last);
    if ends(tail, &r.participle_endings)
        || ends(tail, &r.gerund_endings)
        || r.to.contains(tail)
        || r.after_noun.contains(tail)
        || r.agent.contains(tail)
    {
        return false;
    }
    // The author's own noun (`our support of the African Union`, `my delegation's call`),
    // the possessive inside the trigger or up to two words before it.
    let own = (first.saturating_sub(2)..=last).any(|k| {
        same(k) && (k >= first || run(w, k, first)) && r.own_agents.contains(form(p, w, k))
    });
    if own {
        return false;
    }
    let body = |k: usize| r.bodies.contains(form(p, w, k));
    let genitive = |k: usize| {
        let f = form(p, w, k);
        f.strip_suffix("'s")
            .or_else(|| f.strip_suffix('\''))
            .is_some_and(|b| r.bodies.contains(b))
    };
    for back in 1..=2 {
        if first < back || !same(first - back) || !run(w, first - back, first) {
            break;
        }
        if genitive(first - back) {
            return true;
        }
    }
    let before = first
        .checked_sub(1)
        .filter(|&k| same(k) && run(w, k, first));
    if before.is_some_and(|k| r.to.contains(form(p, w, k)) || form(p, w, k) == "in") {
        return false;
    }
    let next = last + 1;
    if !(same(next) && run(w, last, next) && r.after_noun.contains(form(p, w, next))) {
        return false;
    }
    for k in next + 1..(next + 5).min(w.tok.len()) {
        if !same(k) || !run(w, next, k) || r.own_agents.contains(form(p, w, k)) {
            return false;
        }
        if body(k) {
            return true;
        }
    }
    false
}

/// Whether `f` ends with one of `endings`.
fn ends(f: &str, endings: &[String]) -> bool {
    endings.iter().any(|e| f.ends_with(e.as_str()))
}
