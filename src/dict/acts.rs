//! Diplomatic speech acts: a lexicon of acts (acknowledge < welcome < ... < condemn), each with
//! its base intensity and its triggers, and what turns a dictionary match into an act: an
//! intensifier (`strongly`, `deep concern`, `in the strongest terms`) adds one to the
//! intensity, a negation before the trigger (`does not support`) marks it negated, and the
//! words after the trigger up to a clause boundary are its target (`condemns` → `the attack
//! on the embassy`).
//!
//! A lexicon is a YAML file: `acts` maps each act to its `intensity` (1-5), its `triggers`
//! (dictionary entries) and its `except` entries (what looks like a trigger but is not:
//! `support to` is aid) and its `denied` triggers (the act stated negated: `do not support`);
//! `intensifiers`, `negators` and `between` (modifiers that may stand
//! inside a multiword trigger: `expressed *their deep* concern`) are lists of folded forms,
//! as are `intensifiers_after` (`condemns strongly`) and `target_skips` (words right after a
//! trigger that are no part of its target: `welcome once again the agreement`) and
//! `restrictive` (words right after a trigger that make the negation before it "only":
//! French `ne condamne que`);
//! `reported` holds the words that show an act reported of someone else
//! ([`super::speaker`]; a lexicon without it marks no act reported). The bundled English
//! lexicon also has fitted models: one decides the `support` act, others add `call`,
//! `welcome`, `commend` and `demand` acts the words miss ([`super::models`]).

use super::hit::{ActHit, ActTexts};
use super::models::{self, ActModel, ModelCandidate};
use super::scan::{Match, Words};
use super::targets::{comma_only, target};
use super::{Compiled, Dictionary, MatchOn};
use crate::analysis::{Options, Positions};
use crate::corpus::Document;
use crate::error::{Error, Result};
use ahash::AHashSet;
use yaml_rust2::Yaml;

/// The intensity from which an act is strong (`strong_share`, the report's strongest acts):
/// deplore, demand and warn (4), condemn and reject (5), and a concern intensified.
pub const STRONG: u8 = 4;

/// Highest intensity an act can reach (a base of 5 and an intensifier).
pub const MAX_INTENSITY: u8 = 6;

/// One act of a lexicon.
#[derive(Debug, Clone)]
pub struct Act {
    /// Its name (`condemn`).
    pub name: String,
    /// Its base intensity, 1 (acknowledge) to 5 (condemn, reject).
    pub intensity: u8,
    /// Phrases (folded words) that, standing in the next [`UNLESS_SPAN`] words of its
    /// sentence, show that a trigger is not this act: "will welcome the Prime Minister of Italy
    /// to the White House" hosts a visit.
    pub unless_after: Vec<Vec<String>>,
    /// Words that, standing earlier in the trigger's sentence (within [`UNLESS_SPAN`] words and
    /// with no word of the lexicon's `performed` between), show that the act is only
    /// mentioned: "the leaders discussed a range of issues, including support for Ukraine".
    pub unless_before: AHashSet<String>,
    /// Triggers that state the act denied (`do not support`, where `support` alone is no
    /// trigger, being also a noun): matched as triggers, and the act is negated.
    pub denied: AHashSet<String>,
}

/// How many words after a trigger `unless_after` looks at (and before it, `unless_before`).
pub const UNLESS_SPAN: usize = 12;

/// A lexicon of speech acts for one language.
#[derive(Debug, Clone)]
pub struct ActLexicon {
    /// The acts, weakest first.
    pub acts: Vec<Act>,
    /// The triggers as a dictionary: one category per act, and `!act` for its exceptions.
    pub dictionary: Dictionary,
    intensifiers: AHashSet<String>,
    /// Intensifiers that may also follow the act (`condemns strongly`, `condamne fermement`).
    pub(super) intensifiers_after: AHashSet<String>,
    /// Words that, right after a trigger, are not its target's (`welcome once again the`).
    pub(super) target_skips: AHashSet<String>,
    /// Negations of one word (`not`, `never`) and of several, matched as words in a row
    /// (`refuse to`).
    negators: AHashSet<String>,
    negator_phrases: Vec<Vec<String>>,
    /// Words that, right after a trigger, make a negation before it restrictive (French
    /// `ne condamne que`: condemns only), which does not deny the act; an entry ending in an
    /// apostrophe is elided into the next word (`qu'`).
    restrictive: AHashSet<String>,
    /// Phrases that, further on in an act's clause, intensify it (`in the strongest terms`,
    /// `dans les termes les plus énergiques`), as folded words.
    strongest: Vec<Vec<String>>,
    pub(super) between: AHashSet<String>,
    /// Words after which a target ends (`which`, `because`).
    pub(super) target_stops: AHashSet<String>,
    /// Words that, first after a trigger, say it has no target after it (`condemned by`).
    pub(super) no_target: AHashSet<String>,
    /// Words that join two triggers of one act into one act (`appeal to encourage`).
    pub(super) joiners: AHashSet<String>,
    /// Verbs (every form) that perform an act again after a mention (`reaffirmed`,
    /// `expressing`): an `unless_before` word before one of them does not reach the trigger.
    performed: AHashSet<String>,
    /// What shows an act reported of someone else (the lexicon's `reported` map).
    pub(super) reporting: super::speaker::Reporting,
    /// Whether acts keep where they stand and their words: offset, page, trigger, target and
    /// sentence (what `--instances` shows); without them a scan only counts.
    pub texts: bool,
    /// The fitted models that decide acts where the lexicon's words cannot
    /// ([`super::models`]), in the order they run: bundled for English; a lexicon read from
    /// a file has none.
    pub models: Vec<ActModel>,
    /// Whether a scan keeps every candidate of the models with its features
    /// (`acts --explain-models`, for fitting them).
    pub explain_models: bool,
    /// Whether its targets' keys merge the names of a state or body (`DPRK`, `North Korea`)
    /// of the English list `data/lexicons/en/target-names.list`: the bundled English lexicon,
    /// and one's own read with `--lang en`; not French `UN`, Portuguese `eu`.
    pub names: bool,
}

impl ActLexicon {
    /// The bundled lexicon of a language (`en`, `fr`, `es`, `ru`), if verbale has one.
    pub fn bundled(lang: &str) -> Option<ActLexicon> {
        let text = match lang {
            "en" => include_str!("../../data/lexicons/en/speech-acts.yml"),
            "fr" => include_str!("../../data/lexicons/fr/speech-acts.yml"),
            "es" => include_str!("../../data/lexicons/es/speech-acts.yml"),
            "ru" => include_str!("../../data/lexicons/ru/speech-acts.yml"),
            _ => return None,
        };
        let mut lex =
            ActLexicon::parse(text, &format!("speech-acts ({lang})")).expect("bundled lexicon");
        lex.models = models::bundled(lang);
        lex.names = lang == "en";
        Some(lex)
    }

    /// Reads a lexicon (see the module's documentation for the format).
    pub fn parse(text: &str, origin: &str) -> Result<ActLexicon> {
        let bad = |m: &str| Error::Invalid(format!("{origin}: {m}"));
        let docs = yaml_rust2::YamlLoader::load_from_str(text)
            .map_err(|e| bad(&format!("not valid YAML: {e}")))?;
        let top = docs.first().ok_or_else(|| bad("empty"))?;
        let Yaml::Hash(acts) = &top["acts"] else {
            return Err(bad("no `acts:` map (act: {intensity, triggers, except})"));
        };
        let mut lex = ActLexicon {
            acts: Vec::new(),
            dictionary: Dictionary {
                origin: origin.to_string(),
                ..Default::default()
            },
            intensifiers: words(&top["intensifiers"]),
            intensifiers_after: words(&top["intensifiers_after"]),
            target_skips: words(&top["target_skips"]),
            negators: words(&top["negators"]),
            negator_phrases: Vec::new(),
            restrictive: words(&top["restrictive"]),
            strongest: strongest_of(&top["strongest"]),
            between: words(&top["between"]),
            target_stops: words(&top["target_stops"]),
            no_target: words(&top["no_target"]),
            joiners: words(&top["joiners"]),
            performed: words(&top["performed"]),
            reporting: super::speaker::Reporting::parse(&top["reported"]),
            texts: true,
            models: Vec::new(),
            explain_models: false,
            names: false,
        };
        lex.negator_phrases = lex
            .negators
            .iter()
            .filter(|n| n.contains(' '))
            .map(|n| n.split(' ').map(str::to_string).collect())
            .collect();
        for (name, spec) in acts {
            let name = name
                .as_str()
                .ok_or_else(|| bad("an act's name is not text"))?;
            let intensity = spec["intensity"]
                .as_i64()
                .filter(|i| (1..MAX_INTENSITY as i64).contains(i))
                .ok_or_else(|| bad(&format!("act '{name}' needs an intensity from 1 to 5")))?;
            lex.acts.push(Act {
                name: name.to_string(),
                intensity: intensity as u8,
                unless_after: words_in_order(&spec["unless_after"])
                    .iter()
                    .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                    .collect(),
                unless_before: words(&spec["unless_before"]),
                denied: words(&spec["denied"]),
            });
            let d = &mut lex.dictionary;
            d.categories.push(vec![name.to_string()]);
            for t in words_in_order(&spec["triggers"])
                .into_iter()
                .chain(words_in_order(&spec["denied"]))
            {
                d.entries.push((vec![name.to_string()], t));
            }
            let except = words_in_order(&spec["except"]);
            if !except.is_empty() {
                let key = vec![format!("!{name}")];
                d.categories.push(key.clone());
                d.entries
                    .extend(except.into_iter().map(|e| (key.clone(), e)));
            }
        }
        lex.acts.sort_by_key(|a| a.intensity);
        Ok(lex)
    }

    /// The triggers compiled for matching (forms, with the lexicon's modifiers allowed between
    /// the words of a trigger).
    pub fn compile(&self, opts: &Options) -> Result<Compiled> {
        let mut c = self.dictionary.compile(None, MatchOn::Form, opts)?;
        c.between = self.between.clone();
        // The acts come from the matches; what each entry matched is `dict --entries`' only.
        c.keep_matched = false;
        Ok(c)
    }

    /// Whether a phrase of the act's `unless_after` follows its trigger (ending at word `last`)
    /// within [`UNLESS_SPAN`] words of the same run.
    fn unless_after(&self, act: u16, p: &Positions, w: &Words, last: usize) -> bool {
        let phrases = &self.acts[act as usize].unless_after;
        if phrases.is_empty() {
            return false;
        }
        let next: Vec<&str> = (last + 1..(last + 1 + UNLESS_SPAN).min(w.tok.len()))
            .take_while(|&k| run(w, last, k))
            .map(|k| form(p, w, k))
            .collect();
        phrases.iter().any(|ph| {
            !ph.is_empty()
                && next
                    .windows(ph.len())
                    .any(|win| win.iter().zip(ph).all(|(a, b)| a == b))
        })
    }

    /// Whether a word of the act's `unless_before` stands before its trigger (starting at word
    /// `first`) in the same sentence, within [`UNLESS_SPAN`] words, with no verb of `performed`
    /// between them.
    fn unless_before(&self, act: u16, p: &Positions, w: &Words, first: usize) -> bool {
        let mentions = &self.acts[act as usize].unless_before;
        if mentions.is_empty() {
            return false;
        }
        let performed = |k: usize| self.performed.contains(form(p, w, k));
        // A trigger that is itself a performing verb (`reiterating the commitment to`) is
        // performed.
        if performed(first) {
            return false;
        }
        let sentence = p.tokens[w.tok[first] as usize].sentence;
        for k in (first.saturating_sub(UNLESS_SPAN)..first).rev() {
            if p.tokens[w.tok[k] as usize].sentence != sentence {
                return false;
            }
            if performed(k) {
                return false;
            }
            if mentions.contains(form(p, w, k)) {
                return true;
            }
        }
        false
    }

    /// Whether an intensifier modifies a trigger of words `inside`: among them, among the words
    /// `before` it, or first `after` it (`condamne fermement`); the lexicon's `strongest`
    /// phrases further on are [`strongest_later`]'s.
    fn intensified(&self, inside: &[&str], before: &[&str], after: &[&str]) -> bool {
        inside
            .iter()
            .chain(before)
            .any(|f| self.intensifiers.contains(*f))
            || after
                .first()
                .is_some_and(|f| self.intensifiers_after.contains(*f))
    }

    /// The rest of `form` after a negation elided into it (`appuie` of `n'appuie`): a
    /// negator of the lexicon that ends in an apostrophe starts it, and a letter follows.
    pub(super) fn elided_negation<'f>(&self, form: &'f str) -> Option<&'f str> {
        elided(&self.negators, form)
    }

    /// Whether a negation before a trigger of words `inside` denies it (`does not condemn`,
    /// `we refuse to condemn`; not `not only condemn`, `cannot but express our rejection`,
    /// `cannot help but welcome` or `we refuse and reject`, which affirm it, nor a trigger that
    /// holds its own negation, `cannot accept`). A negation elided into the trigger's first
    /// word denies it too (`n'appuie pas`). A negation right before a refusal or a failure of
    /// several words affirms it (`cannot fail to express`, `never fail to condemn`; not French
    /// `ne pas` nor Russian `никогда не`, one negation of two words). A restrictive word after
    /// the trigger makes it no negation (`n'appuie que ce projet`: supports only this project).
    /// Returns whether the act is negated, and whether a negation was made restrictive.
    fn negation(&self, inside: &[&str], before: &[&str], after: &[&str]) -> (bool, bool) {
        let affirms = |rest: &[&str]| {
            matches!(
                rest,
                ["only", ..] | ["but", ..] | ["help", "but", ..] | ["and", ..]
            )
        };
        // How many words a negation starting at `before[i]` takes, if one does.
        let negates_at = |i: usize| -> Option<usize> {
            if self.negators.contains(before[i]) {
                return Some(1);
            }
            self.negator_phrases
                .iter()
                .find(|n| {
                    n.len() <= before.len() - i && n.iter().zip(&before[i..]).all(|(a, b)| a == b)
                })
                .map(Vec::len)
        };
        let elided = inside
            .first()
            .is_some_and(|f| self.elided_negation(f).is_some());
        // A negation right before a failure or refusal of several words affirms (`cannot fail
        // to express`); two negation words stay one negation (`ne pas`, `никогда не`).
        let mut denied = false;
        let mut i = 0;
        while i < before.len() {
            let Some(n) = negates_at(i) else {
                i += 1;
                continue;
            };
            match (i + n < before.len()).then(|| negates_at(i + n)).flatten() {
                Some(m) if m > 1 => i += n + m,
                _ => {
                    denied |= !affirms(&before[i + n..]);
                    i += n;
                }
            }
        }
        let negation = !inside.iter().any(|f| self.negators.contains(*f)) && (elided || denied);
        let restricted = negation && after.first().is_some_and(|f| self.restricts(f));
        (negation && !restricted, restricted)
    }

    /// Whether `form`, right after a trigger, makes the negation before it restrictive (`que`,
    /// or `qu'` elided into the next word).
    fn restricts(&self, form: &str) -> bool {
        self.restrictive.contains(form) || elided(&self.restrictive, form).is_some()
    }

    /// The act a category of the compiled triggers stands for.
    pub(super) fn act_of(&self, key: &str) -> Option<u16> {
        self.acts
            .iter()
            .position(|a| a.name == key)
            .map(|i| i as u16)
    }
}

pub(super) fn words_in_order(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(|s| s.trim().to_lowercase()))
            .filter(|s| !s.is_empty())
            .collect(),
        Yaml::String(s) => vec![s.trim().to_lowercase()],
        _ => Vec::new(),
    }
}

pub(super) fn words(y: &Yaml) -> AHashSet<String> {
    words_in_order(y).into_iter().collect()
}

/// The lexicon's `strongest` phrases as words, the longest first (of two that start alike,
/// the longer is the one written).
fn strongest_of(y: &Yaml) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = words_in_order(y)
        .iter()
        .map(|p| p.split_whitespace().map(str::to_string).collect())
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out
}

/// The folded form of word `k`.
pub(super) fn form<'a>(p: &'a Positions, w: &Words, k: usize) -> &'a str {
    &p.form_keys[p.forms[w.tok[k] as usize] as usize]
}

/// The words of a trigger of words `first..=last`, up to three before it in its run (from word
/// `from` on, where the previous trigger ended), and up to four after it in its run.
fn around<'a>(
    p: &'a Positions,
    w: &Words,
    (first, last): (usize, usize),
    from: usize,
) -> [Vec<&'a str>; 3] {
    let inside = (first..=last).map(|k| form(p, w, k)).collect();
    let before = (first.saturating_sub(3).max(from)..first)
        .filter(|&k| run(w, k, first))
        .map(|k| form(p, w, k))
        .collect();
    let after = (last + 1..(last + 5).min(w.tok.len()))
        .take_while(|&k| run(w, last, k))
        .map(|k| form(p, w, k))
        .collect();
    [inside, before, after]
}

/// The first word of the first of `later` matches that starts after word `last`.
fn next_trigger(later: &[Match], last: usize, p: &Positions, w: &Words) -> Option<usize> {
    later
        .iter()
        .map(|n| (n.first as usize, n.last as usize))
        .find(|&(f, l)| f > last && !adjective_in_phrase(p, w, f, l))
        .map(|(f, _)| f)
}

/// Whether the trigger at words `first..=last` fills a table's cell on its own, with a tab on
/// one side and a tab or a line end on the other: a column's value (the position of a State on
/// each recommendation of a UPR list, `Supported` or `Noted`), not an act.
fn alone_in_cell(text: &str, p: &Positions, w: &Words, (first, last): (usize, usize)) -> bool {
    let (start, end) = (
        p.tokens[w.tok[first] as usize].start as usize,
        p.tokens[w.tok[last] as usize].end as usize,
    );
    let b = text.as_bytes();
    let edge = |mut k: usize, step: isize| -> Option<u8> {
        // The first byte other than a space from `k` on, walking by `step`.
        loop {
            let c = *b.get(k)?;
            if c != b' ' {
                return Some(c);
            }
            k = k.checked_add_signed(step)?;
        }
    };
    let before = start.checked_sub(1).and_then(|k| edge(k, -1));
    let after = edge(end, 1);
    let line = |c: Option<u8>| matches!(c, None | Some(b'\n') | Some(b'\t'));
    (before == Some(b'\t') || after == Some(b'\t')) && line(before) && line(after)
}

/// Whether the trigger at words `first..=last` is one adjective right after a determiner, a
/// trigger of its own inside the noun phrase of the act before it, which it does not cut
/// (`condemn the deplorable series of attacks`, `welcome the laudable efforts`).
pub(super) fn adjective_in_phrase(p: &Positions, w: &Words, first: usize, last: usize) -> bool {
    const DETERMINERS: [&str; 9] = [
        "the", "a", "an", "this", "these", "those", "such", "its", "their",
    ];
    first == last
        && first > 0
        && form(p, w, first).ends_with("able")
        && w.joined[first]
        && DETERMINERS.contains(&form(p, w, first - 1))
}

/// Whether words `from..=to` stand in one run (no punctuation or sentence end between them).
pub(super) fn run(w: &Words, from: usize, to: usize) -> bool {
    (from + 1..=to).all(|k| w.joined[k])
}

/// The acts of a document's matches, and the act models' candidates when the lexicon
/// asks to explain them.
pub(super) fn detect(
    lex: &ActLexicon,
    dict: &Compiled,
    p: &Positions,
    doc: &Document,
    w: &Words,
    (matches, blocks): (&[Match], &[Match]),
) -> (Vec<ActHit>, Vec<ModelCandidate>) {
    let text = &doc.text;
    let mut out: Vec<ActHit> = Vec::new();
    // Where each act's trigger stands (a joined act's last trigger's end).
    let mut spans: Vec<Span> = Vec::new();
    // Triggers standing alone in a table's cell: no act of any kind, whatever the act
    // models (which have seen no tables) make of their words.
    let mut vetoed: Vec<(usize, usize)> = Vec::new();
    // The previous act's index, its last word and whether it was joined already (whether or
    // not its trigger's text is kept), to join `appeal to encourage` into one act.
    let mut prev: Option<(u16, usize, bool)> = None;
    // Words before a trigger that may modify it start after the previous act's trigger.
    let mut prev_end = 0;
    // The sentence of the last act that asks a party to act (`urge`, `call`).
    let mut asking: Option<u32> = None;
    for (mi, m) in matches.iter().enumerate() {
        let key = &dict.keys[dict.entries[m.entry as usize].key as usize];
        let Some(act) = lex.act_of(key) else { continue };
        let denied = lex.acts[act as usize]
            .denied
            .contains(&dict.entries[m.entry as usize].text);
        let (first, last) = (m.first as usize, m.last as usize);
        // A target, and the look-ahead for `in the strongest terms`, stop at the next trigger.
        let next = next_trigger(&matches[mi + 1..], last, p, w).unwrap_or(w.tok.len());
        let after_prev = prev_end;
        if joins(lex, p, w, prev, act, first) {
            if let Some(h) = out.last_mut().filter(|_| lex.texts) {
                join(h, lex, p, w, text, (first, last, next));
            }
            if let Some(sp) = spans.last_mut() {
                sp.last = last;
                sp.next = next;
            }
            prev = Some((act, last, true));
            prev_end = last + 1;
            continue;
        }
        prev_end = last + 1;
        // A trigger that is not the act joins nothing after it.
        let in_cell = alone_in_cell(text, p, w, (first, last));
        if in_cell {
            vetoed.push((first, last));
        }
        if in_cell || lex.unless_after(act, p, w, last) || lex.unless_before(act, p, w, first) {
            prev = None;
            continue;
        }
        prev = Some((act, last, false));
        let sentence_of = |k: usize| p.tokens[w.tok[k] as usize].sentence;
        let asked = asking.is_some_and(|s| s == sentence_of(first));
        let at = Span {
            first,
            last,
            next,
            from: after_prev,
        };
        out.push(hit(lex, p, w, doc, act, at, denied, asked));
        spans.push(at);
        if lex.reporting.asking.contains(&lex.acts[act as usize].name) {
            asking = Some(sentence_of(first));
        }
    }
    let explained = models::run_all(
        lex,
        dict,
        p,
        doc,
        w,
        (&mut out, &mut spans),
        (&vetoed, blocks),
    );
    (out, explained)
}

/// Where a trigger stands: its first and last word, the first word of the next trigger (where
/// its target stops) and the first word after the previous act (where its modifiers start).
#[derive(Clone, Copy)]
pub(super) struct Span {
    pub first: usize,
    pub last: usize,
    pub next: usize,
    pub from: usize,
}

/// The act `act` of the trigger at `at`: its intensity, negation, quotation, whose act it is
/// (`asked`: an act asking a party to act stands before it in its sentence), and its texts.
#[allow(clippy::too_many_arguments)]
pub(super) fn hit(
    lex: &ActLexicon,
    p: &Positions,
    w: &Words,
    doc: &Document,
    act: u16,
    at: Span,
    denied: bool,
    asked: bool,
) -> ActHit {
    let text = &doc.text;
    let Span {
        first,
        last,
        next,
        from,
    } = at;
    let [inside, before, after] = around(p, w, (first, last), from);
    let intensified =
        lex.intensified(&inside, &before, &after) || strongest_later(lex, p, w, (text, last, next));
    let (negation, restricted) = lex.negation(&inside, &before, &after);
    let negated = denied || negation;
    // `ne condamne que cette attaque`: the restrictive word is no part of the target.
    let restricted = restricted && !denied;
    let base = lex.acts[act as usize].intensity;
    let tl = trigger_end(p, w, first, last);
    let (t0, t1) = (
        &p.tokens[w.tok[first] as usize],
        &p.tokens[w.tok[tl] as usize],
    );
    ActHit {
        act,
        intensity: (base + intensified as u8).min(MAX_INTENSITY),
        intensified,
        negated,
        quoted: p
            .innermost_holding(w.tok[first] as usize, w.tok[last] as usize)
            .is_some(),
        reported: super::speaker::reported(&lex.reporting, p, (w, &doc.text), (first, last), asked),
        texts: lex.texts.then(|| {
            Box::new(ActTexts {
                offset: doc.source_offset(t0.start as usize) as u64,
                page: doc.page(t0.start as usize),
                trigger: collapse(&text[t0.start as usize..t1.end as usize]),
                target: restricted_target(lex, (p, w, text), (tl, last, next), restricted),
                sentence: sentence(p, text, w.tok[first] as usize),
            })
        }),
    }
}

/// The rest of `form` after an entry of `set` that ends in an apostrophe and is elided into
/// it (`appuie` of `n'appuie`, `une` of `qu'une`), a letter first: forms are folded, so `'`
/// stands for every apostrophe.
fn elided<'f>(set: &AHashSet<String>, form: &'f str) -> Option<&'f str> {
    (set.iter())
        .filter(|n| n.ends_with('\''))
        .find_map(|n| form.strip_prefix(n.as_str()))
        .filter(|rest| rest.chars().next().is_some_and(char::is_alphabetic))
}

/// The target of a trigger ending at word `last` (`tl` as shown), without the restrictive word
/// after it when `restricted` (`que` of `ne condamne que cette attaque`; the `qu'` elided into
/// `qu'une seule proposition`).
fn restricted_target(
    lex: &ActLexicon,
    (p, w, text): (&Positions, &Words, &str),
    (tl, last, next): (usize, usize, usize),
    restricted: bool,
) -> String {
    if !restricted {
        return target(lex, p, w, text, tl, next);
    }
    if lex.restrictive.contains(form(p, w, last + 1)) {
        return target(lex, p, w, text, last + 1, next);
    }
    let t = target(lex, p, w, text, last, next);
    t.split_once(['\'', '\u{2019}'])
        .map_or(t.clone(), |(_, rest)| rest.to_string())
}

/// The last word of a trigger of words `first..=last` as shown: its closing `the`/`that`
/// (`demanded the`) belongs to its target.
fn trigger_end(p: &Positions, w: &Words, first: usize, mut last: usize) -> usize {
    while last > first && matches!(form(p, w, last), "the" | "that" | "a" | "an") {
        last -= 1;
    }
    last
}

/// Cuts again the target of act `h` of trigger `at`, now that the next trigger starts at word
/// `at.next` (an act model took a trigger away or added one).
pub(super) fn retarget(
    lex: &ActLexicon,
    p: &Positions,
    w: &Words,
    text: &str,
    h: &mut ActHit,
    at: Span,
) {
    if let Some(t) = h.texts.as_mut() {
        t.target = target(
            lex,
            p,
            w,
            text,
            trigger_end(p, w, at.first, at.last),
            at.next,
        );
    }
}

/// Whether a trigger of `act` starting at word `first` joins the act before it (`appeal to
/// encourage`): the same act (`prev`: its act, last word and whether it was joined already),
/// only joiners between them, and the act not joined already (a trigger is joined once only, so
/// a run of repeated triggers costs no more than separate acts).
pub(super) fn joins(
    lex: &ActLexicon,
    p: &Positions,
    w: &Words,
    prev: Option<(u16, usize, bool)>,
    act: u16,
    first: usize,
) -> bool {
    let Some((pa, pl, joined)) = prev else {
        return false;
    };
    pa == act
        && pl < first
        && !joined
        && run(w, pl, first)
        && (pl + 1..first).all(|k| lex.joiners.contains(form(p, w, k)))
}

/// Joins the trigger of words `first..=last` to act `h` (`appeal … to encourage`), its target
/// now the words after the second trigger (up to word `next`, the next trigger's first).
pub(super) fn join(
    h: &mut ActHit,
    lex: &ActLexicon,
    p: &Positions,
    w: &Words,
    text: &str,
    at: (usize, usize, usize),
) {
    let (first, last, next) = at;
    let end = p.tokens[w.tok[last] as usize].end as usize;
    let start = text
        .len()
        .min(p.tokens[w.tok[first] as usize].start as usize);
    if let Some(t) = h.texts.as_mut() {
        t.trigger = format!("{} … {}", t.trigger, collapse(&text[start..end]));
        t.target = target(lex, p, w, text, last, next);
    }
}

/// Words after a trigger, in its sentence, where `in the strongest terms` still intensifies it.
const LATER_WORDS: usize = 12;

/// Whether one of the lexicon's `strongest` phrases stands further on in the clause of word
/// `last`, the trigger's last, before word `next`, the next trigger's first (`condemn these
/// attacks in the strongest terms`, `condamne dans les termes les plus énergiques`): it
/// intensifies the act too.
fn strongest_later(
    lex: &ActLexicon,
    p: &Positions,
    w: &Words,
    (text, last, next): (&str, usize, usize),
) -> bool {
    let in_sentence = p.tokens[w.tok[last] as usize].sentence;
    // In the sentence and the clause (a comma may stand between), before the next trigger.
    let in_clause = |&k: &usize| {
        p.tokens[w.tok[k] as usize].sentence == in_sentence
            && (w.joined[k] || comma_only(p, text, w.tok[k - 1] as usize, w.tok[k] as usize))
    };
    let upto = (last + 1..(last + 1 + LATER_WORDS).min(next))
        .take_while(in_clause)
        .last()
        .map_or(last + 1, |k| k + 1);
    (last + 1..upto).any(|k| strongest_at(lex, p, w, k, upto).is_some())
}

/// The length of the lexicon's `strongest` phrase (`in the strongest terms`, `in the strongest
/// possible terms`) that starts at word `k`, within words before `upto`.
pub(super) fn strongest_at(
    lex: &ActLexicon,
    p: &Positions,
    w: &Words,
    k: usize,
    upto: usize,
) -> Option<usize> {
    let upto = upto.min(w.tok.len());
    lex.strongest
        .iter()
        .find(|ph| {
            k + ph.len() <= upto && ph.iter().enumerate().all(|(i, x)| form(p, w, k + i) == x)
        })
        .map(Vec::len)
}

/// Tokens of a sentence shown on each side of an act's trigger, at most.
const SENTENCE_TOKENS: usize = 40;

/// The sentence holding token `tok`, whitespace collapsed: at most [`SENTENCE_TOKENS`] tokens on
/// each side of it, `…` where the sentence goes on (so a sentence of any length costs the same).
fn sentence(p: &Positions, text: &str, tok: usize) -> String {
    let s = p.tokens[tok].sentence;
    let in_sentence = |i: &usize| p.tokens[*i].sentence == s;
    let first = (tok.saturating_sub(SENTENCE_TOKENS)..=tok)
        .rev()
        .take_while(in_sentence)
        .last()
        .unwrap_or(tok);
    let last = (tok..(tok + SENTENCE_TOKENS + 1).min(p.tokens.len()))
        .take_while(in_sentence)
        .last()
        .unwrap_or(tok);
    let cut_before = first > 0 && p.tokens[first - 1].sentence == s;
    let cut_after = last + 1 < p.tokens.len() && p.tokens[last + 1].sentence == s;
    let body = collapse(&text[p.tokens[first].start as usize..p.tokens[last].end as usize]);
    format!(
        "{}{body}{}",
        if cut_before { "… " } else { "" },
        if cut_after { " …" } else { "" }
    )
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_lexicon_reads_and_orders_its_acts() {
        for lang in ["fr", "es", "ru"] {
            let lex = ActLexicon::bundled(lang).unwrap();
            assert_eq!(lex.acts.len(), 13, "{lang}");
        }
        let lex = ActLexicon::bundled("en").unwrap();
        assert!(lex.acts.len() >= 12, "{}", lex.acts.len());
        assert_eq!(lex.acts[0].name, "acknowledge");
        assert!(lex
            .acts
            .windows(2)
            .all(|w| w[0].intensity <= w[1].intensity));
        assert!(lex.negators.contains("not") && lex.intensifiers.contains("strongly"));
        let bad =
            ActLexicon::parse("acts:\n  condemn:\n    triggers: [condemn]\n", "t").unwrap_err();
        assert!(bad.to_string().contains("intensity"), "{bad}");
    }
}
