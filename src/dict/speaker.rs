//! Whose act: whether a speech act is reported of someone else rather than performed by the
//! text's author, told by the words at its trigger's edges (a passive with its agent, a
//! relative clause, a reporting subject, the act asked for by an earlier call), from the
//! words of the lexicon's `reported` map.

use super::acts::{form, run, words, words_in_order};
use super::scan::Words;
use crate::analysis::Positions;
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
    w: &Words,
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
    let ends = |f: &str, endings: &[String]| endings.iter().any(|e| f.ends_with(e.as_str()));
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
    let passive = participle
        && r.be_past.contains(s)
        && !(k > 0 && same(k - 1) && r.modal_passive.contains(form(p, w, k - 1)));
    passive
        || (joined && r.relative.contains(s))
        || (r.gerund_after.contains(s) && ends(head, &r.gerund_endings))
        || (joined && r.subjects.contains(s))
}
