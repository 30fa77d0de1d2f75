//! What each act targets, counted: the first words of every act's target (leading articles and
//! determiners dropped, lower-cased, four words, or up to six to go past a word such as `of`;
//! a possessor or a party before `for its` alone, so that `Russia’s war` and `Russia’s
//! illegal annexation` share `russia`),
//! per act and bin, with the documents and an example as written. "Who is condemned, and what
//! is welcomed?" One state or body named several ways is one key (`DPRK`, `North Korea`). A
//! target that is a pronoun (`condemn it`, `support us`) names no one the table could show and
//! is not counted. The target itself is cut here too, from the words after the trigger
//! ([`target`]).

use super::acts::{collapse, form, strongest_at, ActLexicon};
use super::scan::{Scanned, Words};
use crate::analysis::Positions;
use crate::error::Result;
use crate::text::TokenKind;
use ahash::AHashMap;
use polars::prelude::{Column, DataFrame};

/// Words after a trigger taken as its target, at most.
const TARGET_WORDS: usize = 10;

/// Words of a target's key at most.
const KEY_WORDS: usize = 4;

/// Words a target's key does not start with (`condemnation of terrorism`: `terrorism`;
/// `concern about the situation`: `situation`).
const LEADING: [&str; 18] = [
    "the",
    "a",
    "an",
    "all",
    "any",
    "this",
    "these",
    "those",
    "such",
    "its",
    "their",
    "our",
    "of",
    "for",
    "about",
    "at",
    "over",
    "regarding",
];

/// Pronouns: a target starting with one (`it in all its forms`, `them`, `us in this fight`)
/// refers back to what the sentence before named, and has no key.
const PRONOUNS: [&str; 9] = [
    "it",
    "them",
    "us",
    "him",
    "me",
    "you",
    "itself",
    "themselves",
    "ourselves",
];

/// Words that end a target's key after its first word (`terrorism in all its forms`:
/// `terrorism`).
const ENDING: [&str; 7] = ["in", "and", "or", "by", "that", "which", "as"];

/// The key of a target: its first words, lower-cased, without leading articles, determiners
/// and `of`, up to `in`, `and`, `by` ... (`the attack on the embassy` and `The attack on the
/// embassy, which` share `attack on the embassy`); a state or body named otherwise is merged
/// under one name (`DPRK`, `the Democratic People's Republic of Korea`: `north korea`; see
/// `data/lexicons/en/target-names.list`), when `names` asks for it (English lexicons:
/// [`ActLexicon::names`]).
pub fn target_key(target: &str, names: bool) -> String {
    let key = written_key(target);
    match names
        .then(|| self::names().get(&key.replace('’', "'")))
        .flatten()
    {
        Some(name) => name.clone(),
        None => key,
    }
}

/// Every name of `data/lexicons/en/target-names.list` for the state or body `words` names
/// (`russia`: `russia`, `russian federation`), as the list writes them, but one that is also a
/// pronoun (`us`: a target's words are lower-cased, and `join us` names no state); none when
/// it is not in the list.
pub fn names_of(words: &str) -> Vec<&'static str> {
    let key = written_key(&words.to_uppercase()).replace('’', "'");
    let name = names().get(&key).map_or(key.as_str(), String::as_str);
    (name_lines())
        .find(|(n, _)| *n == name)
        .map_or_else(Vec::new, |(n, others)| {
            let others = others.split('|').filter(|o| !written_key(o).is_empty());
            std::iter::once(n).chain(others).collect()
        })
}

/// The lines of `data/lexicons/en/target-names.list`: each name and its others (`|` apart).
fn name_lines() -> impl Iterator<Item = (&'static str, &'static str)> {
    let text = include_str!("../../data/lexicons/en/target-names.list");
    (text.lines())
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
}

/// The keys of `data/lexicons/en/target-names.list` (each name cut as a target is) and the
/// name each is merged under (`dprk`: `north korea`).
fn names() -> &'static AHashMap<String, String> {
    static NAMES: std::sync::OnceLock<AHashMap<String, String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = AHashMap::new();
        for (name, others) in name_lines() {
            // Keyed as a name written in capitals is (`US`, not the pronoun `us`).
            for other in others.split('|') {
                let key = written_key(&other.to_uppercase());
                if !key.is_empty() {
                    names.insert(key.replace('’', "'"), name.to_string());
                }
            }
        }
        names
    })
}

/// [`target_key`] as the target writes it, before names are merged.
fn written_key(target: &str) -> String {
    let written: Vec<&str> = target
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && !"'’-".contains(c)))
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
    // Leading articles and determiners, and a clause's `that` or `the fact that`: the key is
    // what the clause is about (`welcome the fact that the parties agreed`: `parties agreed`).
    let mut start = 0;
    loop {
        let at = |k: usize| words.get(start + k).map(String::as_str);
        match (at(0), at(1)) {
            (Some(w), _) if LEADING.contains(&w) || w == "that" => start += 1,
            (Some("fact"), Some("that")) => start += 2,
            _ => break,
        }
    }
    let rest = &words[start..];
    // `us`, `all of us`; `US` (the United States) is no pronoun.
    let pronoun = rest.first().is_some_and(|w| PRONOUNS.contains(&w.as_str()))
        && written[start].chars().any(char::is_lowercase);
    if pronoun {
        return String::new();
    }
    let mut end = rest
        .iter()
        .skip(1)
        .position(|w| ENDING.contains(&w.as_str()))
        .map_or(rest.len(), |i| i + 1);
    // `Russia for its war`: the key is whom the act is aimed at, before `for` and what of
    // theirs is named.
    if let Some(i) = rest
        .get(1..end)
        .unwrap_or_default()
        .windows(2)
        .position(|w| {
            w[0] == "for" && ["its", "their", "his", "her", "our"].contains(&w[1].as_str())
        })
    {
        end = i + 1;
    }
    // `Russia’s unprovoked war`, `Russia’s illegal annexation`: the possessor is who is
    // targeted, so that one actor's acts share a key (not `People’s` of a country's name).
    if let Some(i) = rest[..end.min(KEY_WORDS)].iter().position(|w| {
        let owner = w.trim_end_matches("’s").trim_end_matches("'s");
        owner.len() < w.len() && !w.starts_with("people") && !TIMES.contains(&owner)
    }) {
        end = i + 1;
    }
    // A key does not end on a word that joins it to the next (`democratic people’s republic
    // of` goes on to `korea`), two words more at most.
    let mut take = end.min(KEY_WORDS);
    while take < end.min(KEY_WORDS + 2) && JOINING.contains(&rest[take - 1].as_str()) {
        take += 1;
    }
    let mut key = rest[..take].join(" ");
    // Who is targeted, not what of theirs the key was cut before (`korea’s` of `Korea’s
    // launches`).
    for s in ["’s", "'s"] {
        if key.ends_with(s) && key.len() > s.len() {
            key.truncate(key.len() - s.len());
        }
    }
    key
}

/// Possessors that say when, not whose (`today’s terrorist attack`, `this year’s session`):
/// the key goes on past them.
const TIMES: [&str; 12] = [
    "today",
    "yesterday",
    "tonight",
    "tomorrow",
    "day",
    "week",
    "weekend",
    "month",
    "year",
    "decade",
    "century",
    "world",
];

/// Words that join a key's last word to the next: a key does not end on one if it can go on.
const JOINING: [&str; 7] = ["of", "the", "on", "against", "to", "for", "with"];

/// Per bin, act and target key (acts not negated, with a target): act, target, count, docs
/// and an example (the first target as written); within a bin, by act (weakest first), then
/// most frequent first.
pub fn act_targets(s: &Scanned, lex: &ActLexicon) -> Result<(DataFrame, Vec<u32>)> {
    // (bin, act, key) -> (count, docs, last doc counted, example)
    type Tally = (u64, u64, usize, String);
    let mut t: AHashMap<(u32, u16, String), Tally> = AHashMap::new();
    for (d, (doc, &b)) in s.docs.iter().zip(&s.bins).enumerate() {
        if doc.acts.is_empty() {
            continue;
        }
        // The acts' texts, read back when they were set aside.
        let texts = s.texts(d)?;
        let acts = doc.acts.iter().zip(&texts);
        for (a, x) in acts.filter(|(a, x)| !a.negated && !x.target.is_empty()) {
            let key = target_key(&x.target, lex.names);
            if key.is_empty() {
                continue;
            }
            let e = t
                .entry((b, a.act, key))
                .or_insert_with(|| (0, 0, usize::MAX, x.target.clone()));
            e.0 += 1;
            if e.2 != d {
                e.1 += 1;
                e.2 = d;
            }
        }
    }
    let mut rows: Vec<((u32, u16, String), Tally)> = t.into_iter().collect();
    rows.sort_by(|(ka, va), (kb, vb)| {
        (ka.0, ka.1, std::cmp::Reverse(va.0), &ka.2).cmp(&(
            kb.0,
            kb.1,
            std::cmp::Reverse(vb.0),
            &kb.2,
        ))
    });
    let df = DataFrame::new_infer_height(vec![
        Column::new(
            "act".into(),
            rows.iter()
                .map(|(k, _)| lex.acts[k.1 as usize].name.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "target".into(),
            rows.iter().map(|(k, _)| k.2.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            rows.iter().map(|(_, v)| v.0).collect::<Vec<u64>>(),
        ),
        Column::new(
            "docs".into(),
            rows.iter().map(|(_, v)| v.1).collect::<Vec<u64>>(),
        ),
        Column::new(
            "example".into(),
            rows.iter().map(|(_, v)| v.3.as_str()).collect::<Vec<_>>(),
        ),
    ])?;
    Ok((df, rows.iter().map(|(k, _)| k.0).collect()))
}

/// The last word of a target cut at its length (word `end`) in a name's middle (`launch by the
/// Democratic People’s Republic of`, `… People’s Republic`): on while a capitalised word goes on
/// after a capitalised one or after `of`, `the` or `and` (`Republic of Korea`, `Bosnia and
/// Herzegovina`), or `of` joins two capitalised words, four words at most, before word `next`.
/// A target cut elsewhere (`… the situation and`) stays cut.
fn past_limit(
    lex: &ActLexicon,
    (p, w, text): (&Positions, &Words, &str),
    mut end: usize,
    next: usize,
) -> usize {
    let capital = |k: usize| {
        k < next && {
            let t = &p.tokens[w.tok[k] as usize];
            text[t.start as usize..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        }
    };
    let limit = end + 4;
    while end < limit
        && end + 1 < next
        && w.joined[end + 1]
        && !lex.target_stops.contains(form(p, w, end + 1))
        && ((capital(end + 1) && (capital(end) || matches!(form(p, w, end), "of" | "the" | "and")))
            || (capital(end)
                && form(p, w, end + 1) == "of"
                && end + 2 < next
                && w.joined[end + 2]
                && capital(end + 2)))
    {
        end += 1;
    }
    end
}

/// The words after word `last` up to a clause boundary (punctuation, a sentence end, a word of
/// `target_stops`, word `next`: the next trigger's first), [`TARGET_WORDS`] at most, as
/// written.
pub(super) fn target(
    lex: &ActLexicon,
    p: &Positions,
    w: &Words,
    text: &str,
    last: usize,
    next: usize,
) -> String {
    // `condemns in the strongest (possible) terms the attack`: the phrase is no target.
    let mut last = last + strongest_at(lex, p, w, last + 1, w.tok.len()).unwrap_or(0);
    // `condemns strongly the attack`, `welcome once again the agreement`: an adverb right
    // after the trigger says how, not whom.
    while last + 1 < next.min(w.tok.len()) && w.joined[last + 1] && {
        let f = form(p, w, last + 1);
        lex.intensifiers_after.contains(f) || lex.target_skips.contains(f)
    } {
        last += 1;
    }
    if last + 1 < w.tok.len() && lex.no_target.contains(form(p, w, last + 1)) {
        return String::new();
    }
    let sentence = p.tokens[w.tok[last] as usize].sentence;
    let mut end = last;
    while end + 1 < next
        && end - last < TARGET_WORDS
        // A comma may stand among the first words (`the immediate, complete and unconditional
        // withdrawal`); other punctuation ends the target.
        && (w.joined[end + 1]
            || (end - last < 3
                && p.tokens[w.tok[end + 1] as usize].sentence == sentence
                && comma_only(p, text, w.tok[end] as usize, w.tok[end + 1] as usize)))
        && !lex.target_stops.contains(form(p, w, end + 1))
        && strongest_at(lex, p, w, end + 1, w.tok.len()).is_none()
    {
        end += 1;
    }
    if end - last == TARGET_WORDS {
        end = past_limit(lex, (p, w, text), end, next);
    }
    // Cut by the next trigger: the words that led to it are not the target's (`the agreement
    // and` of `welcome the agreement and condemn the raid`).
    if end + 1 == next {
        while end > last
            && matches!(
                form(p, w, end),
                "and" | "or" | "but" | "while" | "we" | "also"
            )
        {
            end -= 1;
        }
    }
    if end == last {
        return String::new();
    }
    let (a, mut b) = (w.tok[last + 1], w.tok[end]);
    // A quotation the target opens keeps its closing mark when only marks follow its last
    // word (`the “referendum”`, not `the “referendum`).
    let last_word = b;
    // The marks come in order of their opening marks: those opened inside the target only.
    let from = p.marks.partition_point(|m| m.open_tok < a);
    for m in p.marks[from..]
        .iter()
        .take_while(|m| m.open_tok < last_word)
    {
        let marks_only = (last_word + 1..=m.close_tok).all(|t| {
            p.tokens
                .get(t as usize)
                .is_some_and(|t| t.kind == TokenKind::Quote)
        });
        if m.close_tok > last_word && marks_only {
            b = b.max(m.close_tok);
        }
    }
    let (a, b) = (&p.tokens[a as usize], &p.tokens[b as usize]);
    collapse(&text[a.start as usize..b.end as usize])
}

/// Whether only a comma (and spaces) stands between tokens `a` and `b`.
pub(super) fn comma_only(p: &Positions, text: &str, a: usize, b: usize) -> bool {
    text[p.tokens[a].end as usize..p.tokens[b].start as usize].trim() == ","
}

#[cfg(test)]
mod tests {
    use super::{target_key, written_key};

    #[test]
    fn names_are_merged_for_english_lexicons_only() {
        // A French target `UN` is an article, a Portuguese `eu` the first person.
        assert_eq!(target_key("the DPRK", true), "north korea");
        assert_eq!(target_key("UN", true), "united nations");
        assert_eq!(target_key("the DPRK", false), "dprk");
        assert_eq!(target_key("UN", false), "un");
        let names = |lang| crate::dict::ActLexicon::bundled(lang).unwrap().names;
        assert!(names("en") && !names("fr") && !names("es") && !names("ru"));
    }

    #[test]
    fn keys_drop_articles_case_and_punctuation() {
        assert_eq!(
            target_key("the attack on the embassy", true),
            "attack on the embassy"
        );
        assert_eq!(
            target_key("The Attack on the Embassy, which", true),
            "attack on the embassy"
        );
        assert_eq!(target_key("all “elections” held", true), "elections held");
        assert_eq!(
            target_key("of terrorism in all its forms", true),
            "terrorism"
        );
        // One actor's acts share a key: the possessor (not `People’s` of a name), or the
        // party before `for its`.
        assert_eq!(
            target_key("Russia’s war of aggression against Ukraine", true),
            "russia"
        );
        assert_eq!(
            target_key("Russia’s unprovoked and unjustified war", true),
            "russia"
        );
        // As written (the names the keys merge are `target_key`'s: `north korea`).
        assert_eq!(written_key("the DPRK's missile launches"), "dprk");
        assert_eq!(
            target_key("the DPRK's missile launches", true),
            "north korea"
        );
        assert_eq!(target_key("Russia for its illegal war", true), "russia");
        // A possessor that says when is no one: `today’s terrorist attack`.
        assert_eq!(
            target_key("today’s terrorist attack in Abu Dhabi", true),
            "today’s terrorist attack"
        );
        assert_eq!(target_key("this year’s session", true), "year’s session");
        assert_eq!(
            written_key("the People’s Republic of China’s"),
            "people’s republic of china"
        );
        assert_eq!(
            target_key("the People’s Republic of China’s", true),
            "china"
        );
        assert_eq!(target_key("the", true), "");
        // A pronoun refers back: no key ("her" is left alone, as often a determiner).
        assert_eq!(
            target_key("it in all its forms and manifestations", true),
            ""
        );
        assert_eq!(target_key("us in this fight", true), "");
        assert_eq!(target_key("her efforts", true), "her efforts");
        assert_eq!(target_key("all of us", true), "");
        assert_eq!(target_key("US efforts", true), "us efforts");
        assert_eq!(target_key("this initiative", true), "initiative");
        // A clause is keyed by what it is about.
        assert_eq!(
            target_key("the fact that the parties agreed to talk", true),
            "parties agreed to talk"
        );
        assert_eq!(
            target_key("that progress was made", true),
            "progress was made"
        );
        // A key goes on past a joining word, two words at most.
        assert_eq!(
            written_key("the Democratic People’s Republic of Korea for its test"),
            "democratic people’s republic of korea"
        );
        assert_eq!(
            written_key("the Democratic People’s Republic of Korea’s"),
            "democratic people’s republic of korea"
        );
        assert_eq!(
            target_key("the use of force against it", true),
            "use of force against it"
        );
    }
}
