//! The fitted quotation classifier: each span's features (the [`Evidence`] of
//! [`classify`](super::classify), the words at its marks, its own form, stance words in its
//! sentence, framing before it, its other quotations in the document) weighed by a multinomial
//! logistic regression, fitted and calibrated by `tests/data/scare/fit_model.py` and bundled
//! per language as `data/lexicons/<lang>/quote-model.tsv`.

use super::classify::{Evidence, Kind, SpanAt};
use crate::text::{fold, Lang, Token};
use ahash::AHashSet;
use std::sync::{Arc, OnceLock};

/// Number of features.
pub const N: usize = 74;

/// The features' names, in the order of [`features`]' values (the rows of a model file).
pub const FEATURES: [&str; N] = [
    // The evidence of the quotes table.
    "bias",
    "words_log",
    "one_word",
    "short",
    "long",
    "cue_so_called",
    "cue_strong",
    "cue_naming",
    "cue_other",
    "cue_title",
    "reporting",
    "colon",
    "sentence_punct",
    "title_case",
    "title_case_multi",
    "naming",
    "contrast",
    "contrast_short",
    "condemning_1",
    "condemning_2",
    "contrast_condemning",
    "nested",
    // The same text quoted elsewhere in the document.
    "d_quoted_elsewhere",
    "d_cue_elsewhere",
    // The token before the opening mark and after the closing one.
    "b_prev_none",
    "b_prev_det",
    "b_prev_the",
    "b_prev_prep",
    "b_prev_of",
    "b_prev_conj",
    "b_prev_be",
    "b_prev_naming",
    "b_prev_as",
    "b_known_as",
    "b_meta_before",
    "b_meta_the_before",
    "b_naming_firstp",
    "b_naming_thirdp",
    "b_next_none",
    "b_next_of",
    "b_next_conj",
    "b_next_be",
    "b_next_prep",
    "b_next_cap",
    "b_next_comma",
    "b_next_period",
    "b_next_paren",
    "b_next_noun_like",
    "b_the_cap_after",
    "b_det_before_short",
    // The quoted text's form.
    "s_lower_start",
    "s_all_lower",
    "s_plural",
    "s_paren",
    "s_hyphen",
    "s_digit",
    "s_end_punct",
    "s_first_person",
    "s_adj_like",
    "s_ism",
    "s_single_quotes",
    // Negative stance and irony in the sentence around the span.
    "st_neg_1",
    "st_neg_2",
    "st_neg_log",
    "st_neg_window",
    "st_irony",
    "st_negation",
    "st_neg_short",
    // Attribution and framing right before the span.
    "a_prev_possessive",
    "a_prev_propername",
    "a_eval_before",
    "a_frame_window",
    "a_word_as_word",
    "a_possessive_or_eval_short",
];

/// Cues that reject or doubt what they qualify, stronger than the ambiguous `so-called`
/// (matched as parts of the cue: `prétendu` also finds `prétendues`), in the four bundled
/// languages.
const STRONG_CUES: &[&str] = &[
    "self-proclaimed",
    "self-styled",
    "self-declared",
    "self-appointed",
    "self-described",
    "self-professed",
    "purported",
    "alleged",
    "supposed",
    "ostensib",
    "professed",
    "pseudo",
    "sham",
    "bogus",
    "fake",
    "misnamed",
    "mislabel",
    "illegitimate",
    "phony",
    "phoney",
    "fictitious",
    "fictional",
    "spurious",
    "trumped-up",
    "would-be",
    "quasi",
    "prétendu",
    "supposé",
    "présumé",
    "autoproclam",
    "auto-proclam",
    "fantoche",
    "fictif",
    "fictive",
    "simulacre",
    "parodie",
    "mal nomm",
    "supuest",
    "autoproclamad",
    "autodenominad",
    "pretendid",
    "presunt",
    "falso",
    "falsa",
    "fictici",
    "títere",
    "mal llamad",
    "seudo",
    "самопровозглаш",
    "мним",
    "пресловут",
    "марионеточ",
    "фиктивн",
    "самозван",
    "якобы",
    "псевдо",
    "лже",
];

/// Cues that say "so-called", in the four bundled languages.
const SO_CALLED_CUES: &[&str] = &[
    "so-called",
    "so called",
    "soi-disant",
    "soi disant",
    "dit",
    "llamad",
    "denominad",
    "так называем",
    "т н",
];

/// Cues that report someone's naming (`what they call`), in the four bundled languages.
const NAMING_CUES: &[&str] = &[
    "call",
    "term",
    "dub",
    "name",
    "known",
    "appel",
    "llama",
    "называ",
];

/// The English word classes the features read (folded words, separated by spaces).
struct Words {
    det: AHashSet<&'static str>,
    prep: AHashSet<&'static str>,
    conj: AHashSet<&'static str>,
    be: AHashSet<&'static str>,
    naming_verbs: AHashSet<&'static str>,
    meta: AHashSet<&'static str>,
    first_person: AHashSet<&'static str>,
    third_person: AHashSet<&'static str>,
    negative: AHashSet<&'static str>,
    negation: AHashSet<&'static str>,
    evaluative: AHashSet<&'static str>,
}

const DET: &str = "the a an this that these those its their his her our your my such any every \
    no some whose each";
const PREP: &str = "of in on for to by with at from into against under between through about \
    towards toward within without over upon among behind beyond";
const CONJ: &str = "and or but nor";
const BE: &str = "is are was were be been being has have had will would can could must should \
    may might shall does do did";
const NAMING_VERBS: &str = "called termed dubbed named labelled labeled styled christened branded \
    baptized baptised so-called call calls term terms";
const META: &str = "word words term terms concept concepts notion slogan slogans motto phrase \
    expression principle principles theme title label formula doctrine idea catchword watchword \
    buzzword maxim adage saying policy strategy programme program initiative report campaign \
    resolution declaration agenda plan project conference summit document book theory approach \
    vision model mechanism process framework partnership movement operation so-called known";
const FIRST_PERSON: &str = "we i our my us";
const THIRD_PERSON: &str = "they them their some others he she who which";
const NEGATIVE: &str = "illegal illegally illegitimate occupation occupied occupying occupier \
    occupiers aggression aggressive aggressor aggressors regime regimes puppet puppets separatist \
    separatists separatism terrorist terrorists terrorism propaganda racist racism apartheid \
    colonial colonialist colonialists colonialism neo-colonialism neocolonialism imperialist \
    imperialists imperialism zionist zionists fascist fascists expansionist expansionism \
    annexation annexed invasion invader invaders lie lies lying false falsely pretext pretence \
    pretense sham hypocrisy hypocritical cynical cynicism slander slanderous fabricated \
    fabrication fabrications distort distorted distortion myth myths deceive deception deceptive \
    manoeuvre manoeuvres maneuver maneuvers farce mockery clique junta usurper usurpers bogus \
    fake notorious mercenaries mercenary hegemonist hegemonism hegemony reactionary reactionaries \
    chauvinist chauvinism racists criminal crimes oppressors oppression oppressive subversion \
    subversive provocation provocations provocative camouflage disguise disguised guise \
    smokescreen fraud fraudulent rigged puppet-regime unlawful unacceptable condemn condemned \
    condemns rejected reject rejects denounce denounced so-called alleged supposed purported \
    self-proclaimed self-styled";
const NEGATION: &str = "not no never neither nor nothing hardly cannot";
const EVALUATIVE: &str = "spurious artificial supposed supposedly alleged allegedly false \
    fictitious pretended notorious vaunted much-vaunted touted much-touted proclaimed professed \
    ostensible ostensibly apparent famous infamous celebrated their new-found self-proclaimed \
    self-styled so-called pseudo sham mere fine nice grand";
/// Phrases of irony or unmasking anywhere in the sentence (matched in its lower-cased text).
const IRONY: &[&str] = &[
    "in fact",
    "in reality",
    "actually",
    "nothing but",
    "nothing more than",
    "nothing less than",
    "under the guise",
    "in the name of",
    "under the pretext",
    "under the cover",
    "so-called",
    "the real",
    "true ",
    "genuine",
    "in quotation marks",
    "quote",
    "unquote",
    "what they call",
    "they call",
    "pretend",
    "claim",
];
/// Framing words within eight tokens before the span (`under the rubric of`).
const FRAME: &[&str] = &[
    "rubric",
    "guise",
    "cover of",
    "pretext",
    "banner of",
    "name of",
    "disguise",
    "mask",
    "façade",
    "facade",
    "veneer",
    "pretence",
    "pretense",
    "emptied",
    "misused",
    "abused",
    "fiction",
    "delusion",
    "myth",
];
/// A word mentioned as a word, within five tokens before the span (`the term`).
const WORD_AS_WORD: &[&str] = &[
    "the word",
    "the term",
    "the expression",
    "the phrase",
    "the concept",
    "the notion",
    "defined as",
    "call it",
    "called it",
    "we call",
    "what we call",
    "i call",
    "we have called",
    "i have called",
    "known as",
    "referred to as",
    "translated",
    "the motto",
    "the slogan",
    "the theme",
    "the principle",
    "the idea",
];
/// Verbs before `as` that name (`known as`, `referred to as` is a WORD_AS_WORD phrase).
const AS_VERBS: &[&str] = &[
    "known",
    "referred",
    "described",
    "regarded",
    "seen",
    "defined",
    "characterized",
    "characterised",
];

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let set = |s: &'static str| s.split_whitespace().collect();
        Words {
            det: set(DET),
            prep: set(PREP),
            conj: set(CONJ),
            be: set(BE),
            naming_verbs: set(NAMING_VERBS),
            meta: set(META),
            first_person: set(FIRST_PERSON),
            third_person: set(THIRD_PERSON),
            negative: set(NEGATIVE),
            negation: set(NEGATION),
            evaluative: set(EVALUATIVE),
        }
    })
}

/// What the span's document says about its quoted text elsewhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct Elsewhere {
    /// The same text (folded words) is quoted again in the document.
    pub quoted: bool,
    /// Another quotation of it has a distancing cue.
    pub cued: bool,
}

/// Tokens kept on each side of a span.
const SIDE: usize = 12;
/// Tokens of a sentence read on each side of a span for its stance words.
const SENTENCE_SIDE: usize = 80;
/// Tokens inside a span read for its form (spans nest: reading all would be quadratic).
const INSIDE: usize = 64;

fn starts(s: &str, f: impl Fn(char) -> bool) -> bool {
    s.chars().next().is_some_and(f)
}

/// The cue's strength class: `strong` (rejecting or doubting), `so_called`, `naming` or
/// `other` (pretexts and the rest).
fn cue_class(cue: &str) -> &'static str {
    let has = |list: &[&str]| list.iter().any(|c| cue.contains(c));
    if has(STRONG_CUES) {
        "strong"
    } else if has(SO_CALLED_CUES) {
        "so_called"
    } else if has(NAMING_CUES) {
        "naming"
    } else {
        "other"
    }
}

/// The features of a span (in [`FEATURES`] order; 0 or 1 but for `words_log` and
/// `st_neg_log`).
pub fn features(
    text: &str,
    tokens: &[Token],
    at: SpanAt,
    ev: &Evidence,
    elsewhere: Elsewhere,
) -> [f64; N] {
    let w = words();
    let (open, close) = (at.open, at.close);
    let raw = |i: usize| tokens[i].text(text);
    // The tokens before the span, its cue left out: the cue has its own features, and the
    // words around it are read as if it were not there.
    let cue_words: Vec<String> = ev.cue.as_deref().map_or(Vec::new(), |c| {
        c.split([' ', '-']).map(str::to_string).collect()
    });
    let mut before = open;
    while before > 0 && open - before < 8 && !cue_words.is_empty() {
        let t = fold(raw(before - 1));
        if t == "-"
            || cue_words.contains(&t)
            || cue_words.join("-") == t
            || cue_words.join(" ") == t
        {
            before -= 1;
        } else {
            break;
        }
    }
    // At most SIDE tokens each side, across sentence ends (a stance can be in the sentence
    // before: this read better on held-out spans than the sentence alone).
    let left_raw: Vec<&str> = (before.saturating_sub(SIDE)..before).map(raw).collect();
    let right_raw: Vec<&str> = (close + 1..(close + 1 + SIDE).min(tokens.len()))
        .map(raw)
        .collect();
    let left: Vec<String> = left_raw.iter().map(|s| fold(s)).collect();
    let right: Vec<String> = right_raw.iter().map(|s| fold(s)).collect();
    let last = |v: &[String], k: usize| v[v.len().saturating_sub(k)..].to_vec();
    let n = ev.words;
    let mut x = [0.0; N];
    let mut k = 0;
    let mut put = |v: f64| {
        x[k] = v;
        k += 1;
    };
    let b = |c: bool| if c { 1.0 } else { 0.0 };

    // The evidence.
    let cue = ev.cue.as_deref().map(cue_class);
    let cond = ev.condemning;
    put(1.0);
    put((1.0 + n as f64).ln());
    put(b(n == 1));
    put(b(n <= 3));
    put(b(n >= 8));
    put(b(cue == Some("so_called")));
    put(b(cue == Some("strong")));
    put(b(cue == Some("naming")));
    put(b(cue == Some("other")));
    put(b(cue.is_some() && ev.title_case));
    put(b(ev.reporting.is_some()));
    put(b(ev.colon));
    put(b(ev.sentence_punct));
    put(b(ev.title_case));
    put(b(ev.title_case && n >= 2));
    put(b(ev.naming.is_some()));
    put(b(ev.contrast));
    put(b(ev.contrast && n <= 3));
    put(b(cond >= 1));
    put(b(cond >= 2));
    put(b(ev.contrast && cond >= 1));
    put(b(ev.nested));
    put(b(elsewhere.quoted));
    put(b(elsewhere.cued));

    // The boundary.
    let prev = left.last().map_or("", String::as_str);
    let prev2 = left.len().checked_sub(2).map_or("", |i| left[i].as_str());
    let prev_word = starts(prev, char::is_alphanumeric);
    let next_raw = right_raw.first().copied().unwrap_or("");
    let next = right.first().map_or("", String::as_str);
    let next_word = starts(next, char::is_alphanumeric);
    let last4 = last(&left, 4);
    let last6 = last(&left, 6);
    let naming_before = last4
        .iter()
        .any(|t| w.naming_verbs.contains(t.as_str()) || t == "as");
    let noun_like = next_word
        && !(w.det.contains(next)
            || w.prep.contains(next)
            || w.conj.contains(next)
            || w.be.contains(next))
        && !starts(next_raw, char::is_uppercase);
    put(b(!prev_word));
    put(b(w.det.contains(prev)));
    put(b(prev == "the"));
    put(b(w.prep.contains(prev)));
    put(b(prev == "of"));
    put(b(w.conj.contains(prev)));
    put(b(w.be.contains(prev)));
    put(b(w.naming_verbs.contains(prev)));
    put(b(prev == "as"));
    put(b(prev == "as" && AS_VERBS.contains(&prev2)));
    put(b(last4.iter().any(|t| w.meta.contains(t.as_str()))));
    put(b(prev2 == "the" && w.meta.contains(prev)));
    put(b(naming_before
        && last6
            .iter()
            .any(|t| w.first_person.contains(t.as_str()))));
    put(b(naming_before
        && last6
            .iter()
            .any(|t| w.third_person.contains(t.as_str()))));
    put(b(!next_word));
    put(b(next == "of"));
    put(b(w.conj.contains(next)));
    put(b(w.be.contains(next)));
    put(b(w.prep.contains(next)));
    put(b(next_word && starts(next_raw, char::is_uppercase)));
    put(b(next == ","));
    put(b(matches!(next, "." | ";" | "!" | "?")));
    put(b(next == ")"));
    put(b(noun_like));
    put(b(prev == "the"
        && next_word
        && starts(next_raw, char::is_uppercase)));
    put(b(w.det.contains(prev) && n <= 3));

    // The quoted text's form, read over at most INSIDE tokens at each end.
    let inner: Vec<&str> = if close - open - 1 <= 2 * INSIDE {
        (open + 1..close).map(raw).collect()
    } else {
        (open + 1..open + 1 + INSIDE)
            .chain(close - INSIDE..close)
            .map(raw)
            .collect()
    };
    let first_char = inner.iter().find_map(|s| s.chars().next());
    let alpha: Vec<String> = inner
        .iter()
        .filter(|s| starts(s, char::is_alphabetic))
        .map(|s| fold(s))
        .collect();
    let last_alpha = alpha.last().map_or("", String::as_str);
    let has_alpha = !alpha.is_empty();
    let end_char = inner.last().and_then(|s| s.chars().last());
    put(b(first_char.is_some_and(char::is_lowercase)));
    put(b(
        has_alpha && inner.iter().all(|s| !s.chars().any(char::is_uppercase))
    ));
    put(b(last_alpha.chars().count() > 3
        && last_alpha.ends_with('s')
        && !["ss", "us", "is"]
            .iter()
            .any(|e| last_alpha.ends_with(e))));
    put(b(left_raw.last() == Some(&"(") && next_raw == ")"));
    put(b(inner.iter().any(|s| s.contains('-'))));
    put(b(inner
        .iter()
        .any(|s| s.chars().any(|c| c.is_ascii_digit()))));
    put(b(end_char.is_some_and(|c| ".!?,;".contains(c))));
    put(b(alpha.iter().any(|s| {
        matches!(
            s.as_str(),
            "we" | "i" | "our" | "us" | "my" | "you" | "your"
        )
    })));
    put(b(alpha.len() == 1
        && ["ive", "al", "ic", "ous", "ful", "ian", "ist"]
            .iter()
            .any(|e| last_alpha.ends_with(e))));
    put(b(alpha.iter().any(|s| {
        ["ism", "ist", "ists"].iter().any(|e| s.ends_with(e))
    })));
    put(b(starts(raw(open), |c| c == '\u{2018}' || c == '\'')));

    // Stance: the span's sentence on either side of it, and twelve tokens either side.
    let (s_open, s_close) = (tokens[open].sentence, tokens[close].sentence);
    let mut first = open;
    while first > 0 && open - first < SENTENCE_SIDE && tokens[first - 1].sentence == s_open {
        first -= 1;
    }
    let mut end = close + 1;
    while end < tokens.len() && end - close <= SENTENCE_SIDE && tokens[end].sentence == s_close {
        end += 1;
    }
    let first = first.min(before);
    let sentence: Vec<String> = (first..before)
        .chain(close + 1..end)
        .map(|i| fold(raw(i)))
        .collect();
    let neg = sentence
        .iter()
        .filter(|t| w.negative.contains(t.as_str()))
        .count();
    let neg_window = left
        .iter()
        .chain(right.iter())
        .any(|t| w.negative.contains(t.as_str()));
    let sentence_text = {
        let l = &text[tokens[first].start as usize..tokens[before].start as usize];
        let r = if end > close + 1 {
            &text[tokens[close].end as usize..tokens[end - 1].end as usize]
        } else {
            ""
        };
        format!("{l} {r}").to_lowercase()
    };
    put(b(neg >= 1));
    put(b(neg >= 2));
    put((1.0 + neg as f64).ln());
    put(b(neg_window));
    put(b(IRONY.iter().any(|p| sentence_text.contains(p))));
    put(b(sentence.iter().any(|t| w.negation.contains(t.as_str()))));
    put(b(neg >= 1 && n <= 3));

    // Attribution and framing.
    let prev_raw = left_raw.last().copied().unwrap_or("");
    let possessive = ["'s", "s'"].iter().any(|e| prev.ends_with(e)) || prev == "their";
    let proper = starts(prev_raw, char::is_uppercase)
        && !matches!(prev2, "." | "!" | "?" | ":" | ";" | "")
        && !w.det.contains(prev)
        && prev != "i";
    let evaluative = last(&left, 2)
        .iter()
        .any(|t| w.evaluative.contains(t.as_str()));
    let window8 = last(&left, 8).join(" ");
    let window5 = last(&left, 5).join(" ");
    put(b(possessive));
    put(b(proper));
    put(b(evaluative));
    put(b(FRAME.iter().any(|f| window8.contains(f))));
    put(b(WORD_AS_WORD.iter().any(|f| window5.contains(f))));
    put(b((possessive || evaluative) && n <= 3));
    debug_assert_eq!(k, N);
    x
}

/// The non-zero features, as `name` (value 1) or `name=value`: why a span got its kind.
pub fn explain(x: &[f64; N]) -> String {
    let mut out = String::new();
    for (name, &v) in FEATURES.iter().zip(x).skip(1) {
        if v == 0.0 {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(name);
        if v != 1.0 {
            out.push_str(&format!("={v:.3}"));
        }
    }
    out
}

/// A fitted model: one weight per feature and kind, and the temperature that calibrates its
/// probabilities.
#[derive(Debug, Clone)]
pub struct Model {
    weights: Vec<[f64; 4]>,
    temperature: f64,
}

impl Model {
    /// Reads a model file: `#` comments, a `temperature` line, a header (`feature` and the
    /// kinds), then one line per feature of [`FEATURES`] (a feature left out weighs 0).
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut m = Model {
            weights: vec![[0.0; 4]; N],
            temperature: 1.0,
        };
        let mut header = false;
        for (i, line) in text.lines().enumerate() {
            let at = || format!("line {}", i + 1);
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let num = |s: &str| {
                s.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("{}: {s:?} is not a number", at()))
            };
            match f[0] {
                "temperature" if f.len() == 2 => m.temperature = num(f[1])?,
                "feature" => {
                    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                    if f[1..] != kinds[..] {
                        return Err(format!("{}: the header names {:?}", at(), &f[1..]));
                    }
                    header = true;
                }
                name if header && f.len() == 5 => {
                    let j = FEATURES
                        .iter()
                        .position(|x| *x == name)
                        .ok_or_else(|| format!("{}: no feature {name:?}", at()))?;
                    for k in 0..4 {
                        m.weights[j][k] = num(f[k + 1])?;
                    }
                }
                _ => return Err(format!("{}: expected a feature and 4 weights", at())),
            }
        }
        if !header {
            return Err("no header line (feature, scare, term, title, direct)".into());
        }
        if m.temperature <= 0.0 {
            return Err("the temperature must be positive".into());
        }
        Ok(m)
    }

    /// The bundled model of a language, if it has one (English).
    pub fn bundled(lang: Lang) -> Option<Arc<Model>> {
        static EN: OnceLock<Arc<Model>> = OnceLock::new();
        match lang.code {
            "en" => Some(
                EN.get_or_init(|| {
                    let text = include_str!("../../data/lexicons/en/quote-model.tsv");
                    // Checked by a test: the bundled file always parses.
                    Arc::new(
                        Model::parse(text)
                            .unwrap_or_else(|e| unreachable!("bundled quote-model.tsv: {e}")),
                    )
                })
                .clone(),
            ),
            _ => None,
        }
    }

    /// The calibrated probability of each kind, in [`Kind::ALL`] order.
    pub fn probabilities(&self, x: &[f64; N]) -> [f64; 4] {
        let mut z = [0.0; 4];
        for (xj, wj) in x.iter().zip(&self.weights) {
            if *xj != 0.0 {
                for k in 0..4 {
                    z[k] += xj * wj[k];
                }
            }
        }
        softmax(z.map(|v| v / self.temperature))
    }
}

/// Softmax of four scores.
pub fn softmax(s: [f64; 4]) -> [f64; 4] {
    let top = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = s.map(|v| (v - top).exp());
    let z: f64 = e.iter().sum();
    e.map(|v| v / z)
}

/// The kind called from the probabilities: the likeliest, except that scare needs at least
/// `min_scare` (below it, the likeliest other kind); with its probability.
pub fn decide(p: [f64; 4], min_scare: f64) -> (Kind, f64) {
    let best = |from: usize| {
        (from..4)
            .max_by(|a, b| p[*a].total_cmp(&p[*b]))
            .unwrap_or(from)
    };
    let mut k = best(0);
    if k == 0 && p[0] < min_scare {
        k = best(1);
    }
    (Kind::ALL[k], p[k])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_model_parses_with_every_feature() {
        let text = include_str!("../../data/lexicons/en/quote-model.tsv");
        let m = Model::parse(text).unwrap();
        let named = text
            .lines()
            .filter(|l| FEATURES.contains(&l.split('\t').next().unwrap_or("")))
            .count();
        assert_eq!(named, N, "every feature has a row");
        assert!(m.temperature > 0.0);
    }

    #[test]
    fn bad_model_files_are_refused() {
        assert!(Model::parse("").is_err());
        assert!(Model::parse("feature\tscare\tterm\ttitle\tdirect\nnope\t1\t1\t1\t1").is_err());
        assert!(Model::parse("feature\tscare\tterm\ttitle\tdirect\nbias\t1\tx\t1\t1").is_err());
        assert!(Model::parse("temperature\t0\nfeature\tscare\tterm\ttitle\tdirect").is_err());
    }

    #[test]
    fn scare_below_the_threshold_takes_the_next_kind() {
        let p = [0.5, 0.3, 0.1, 0.1];
        assert_eq!(decide(p, 0.0), (Kind::Scare, 0.5));
        assert_eq!(decide(p, 0.6), (Kind::Term, 0.3));
        assert_eq!(decide([0.2, 0.6, 0.1, 0.1], 0.9).0, Kind::Term);
    }
}
