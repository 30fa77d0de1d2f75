//! Whose act: whether a speech act is reported of someone else rather than performed by the
//! text's author, told by the words at its trigger's edges (a passive with its agent, a
//! relative clause, a reporting subject, the act asked for by an earlier call).

use super::acts::{form, run};
use super::scan::Words;
use crate::analysis::Positions;

/// Acts that ask a party to act: an act after them in their sentence, introduced by `to`
/// (`urged President Lula to support the mission`), is the one asked for, not performed.
pub(super) const ASKING: &[&str] = &["call", "urge", "demand"];

/// Words that may stand between an act's subject and its trigger: auxiliaries, modals and
/// adverbs (`we would also strongly`, `has repeatedly`).
const BETWEEN_SUBJECT: &[&str] = &[
    "also",
    "again",
    "once",
    "further",
    "fully",
    "strongly",
    "firmly",
    "deeply",
    "always",
    "therefore",
    "thus",
    "hereby",
    "still",
    "now",
    "today",
    "both",
    "all",
    "together",
    "only",
    "not",
    "never",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "must",
    "may",
    "might",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "to",
    "wish",
    "wishes",
    "want",
    "continue",
    "continues",
    "continued",
    "jointly",
    "unanimously",
    "resolutely",
    "categorically",
    "unequivocally",
    "vigorously",
    "emphatically",
    "repeatedly",
    "already",
    "recently",
    "previously",
    "consistently",
    "constantly",
    "publicly",
    "openly",
    "overwhelmingly",
    "rightly",
    "duly",
];

/// Words before `to` that say what the author means to do (`would like to commend`).
const WANTING: &[&str] = &[
    "like",
    "wish",
    "wishes",
    "want",
    "hope",
    "intend",
    "intends",
    "seek",
    "seeks",
    "ready",
    "prepared",
    "able",
    "willing",
    "decided",
    "agreed",
    "committed",
    "determined",
    "pleased",
    "happy",
    "glad",
    "honoured",
    "honored",
    "privilege",
    "opportunity",
    "take",
];

/// Past forms of `be`: a participle after one reports an act done (`has been recognized by`);
/// a present passive performs it (`the international community is invited to`).
const BE_PAST: &[&str] = &["was", "were", "been"];

/// Words before `be` that make a passive the author's own act (`is to be congratulated`,
/// `should be applauded`).
const MODAL_PASSIVE: &[&str] = &[
    "to", "should", "must", "shall", "will", "would", "can", "could", "may", "might",
];

/// Participles that say a feeling rather than a passive (`we are concerned`, `the United
/// States was horrified by`): the author's own act.
const FEELINGS: &[&str] = &[
    "concerned",
    "worried",
    "alarmed",
    "disturbed",
    "troubled",
    "preoccupied",
    "gratified",
    "pleased",
    "delighted",
    "encouraged",
    "heartened",
    "disappointed",
    "saddened",
    "shocked",
    "horrified",
    "dismayed",
    "committed",
    "distressed",
    "outraged",
    "appalled",
    "grieved",
];

/// Subjects whose acts a text reports (`the Security Council condemned`, `resolutions calling
/// for`, `those recommendations call for`, `the international community has called on`): a
/// trigger right after one is theirs.
const REPORTED_SUBJECTS: &[&str] = &[
    "council",
    "assembly",
    "resolution",
    "resolutions",
    "secretary-general",
    "charter",
    "conference",
    "committee",
    "court",
    "commission",
    "declaration",
    "report",
    "reports",
    "summit",
    "community",
    "world",
    "recommendations",
    "recommendation",
    "goals",
    "document",
    "plan",
    "text",
    "treaty",
    "agreement",
    "statement",
    "programme",
    "strategy",
    "mandate",
];

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
    p: &Positions,
    w: &Words,
    (first, last): (usize, usize),
    asked: bool,
) -> bool {
    let inside: Vec<&str> = (first..=last).map(|k| form(p, w, k)).collect();
    if inside.iter().any(|f| matches!(*f, "we" | "i")) {
        return false;
    }
    let (head, tail) = (inside[0], inside[inside.len() - 1]);
    let feeling = FEELINGS.contains(&head);
    let participle = !feeling && (tail.ends_with("ed") || head.ends_with("ed"));
    let sentence = p.tokens[w.tok[first] as usize].sentence;
    let same = |k: usize| k < w.tok.len() && p.tokens[w.tok[k] as usize].sentence == sentence;
    if participle && same(last + 1) && run(w, last, last + 1) && form(p, w, last + 1) == "by" {
        let agent = if same(last + 2) {
            form(p, w, last + 2)
        } else {
            ""
        };
        return !matches!(agent, "my" | "our" | "us" | "me");
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
        if matches!(f, "we" | "i") {
            return false;
        }
        if BETWEEN_SUBJECT.contains(&f) {
            to |= f == "to";
            continue;
        }
        break Some((k, f, run(w, k, first)));
    };
    // The act asked of a party (`urge President Lula to support`), not one the author wants
    // to perform (`call for restraint and would like to commend`).
    let volition = subject.is_some_and(|(_, s, _)| WANTING.contains(&s));
    if asked && to && !volition {
        return true;
    }
    let Some((k, s, joined)) = subject else {
        return false;
    };
    let passive = participle
        && BE_PAST.contains(&s)
        && !(k > 0 && same(k - 1) && MODAL_PASSIVE.contains(&form(p, w, k - 1)));
    passive
        || (joined && matches!(s, "that" | "which" | "who"))
        || (s == "for" && head.ends_with("ing"))
        || (joined && REPORTED_SUBJECTS.contains(&s))
}
