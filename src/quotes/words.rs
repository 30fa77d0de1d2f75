//! The word classes the quotation model's features read: cue strength classes in the four
//! bundled languages, and English function words, naming verbs, stance and framing words.

use ahash::AHashSet;
use std::sync::OnceLock;

/// Cues that reject or doubt what they qualify, stronger than the ambiguous `so-called`, in
/// the four bundled languages. Each entry matches the cue's words from the start of one (`prétendu`
/// also finds `prétendues`, `dubbed` does not find `dubious`).
pub(super) const STRONG_CUES: &[&str] = &[
    "self-proclaimed",
    "false",
    "wrongly",
    "euphemis",
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

/// Cues that say "so-called", in the four bundled languages (matched as [`STRONG_CUES`]).
pub(super) const SO_CALLED_CUES: &[&str] = &[
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

/// Cues that report someone's naming (`what they call`), in the four bundled languages
/// (matched as [`STRONG_CUES`]).
pub(super) const NAMING_CUES: &[&str] = &[
    "call",
    "term",
    "dubbed",
    "named",
    "known",
    "appel",
    "llama",
    "называ",
];

/// The English word classes the features read (folded words, separated by spaces).
pub(super) struct Words {
    pub(super) det: AHashSet<&'static str>,
    pub(super) prep: AHashSet<&'static str>,
    pub(super) conj: AHashSet<&'static str>,
    pub(super) be: AHashSet<&'static str>,
    pub(super) naming_verbs: AHashSet<&'static str>,
    pub(super) meta: AHashSet<&'static str>,
    pub(super) first_person: AHashSet<&'static str>,
    pub(super) third_person: AHashSet<&'static str>,
    pub(super) negative: AHashSet<&'static str>,
    pub(super) negation: AHashSet<&'static str>,
    pub(super) evaluative: AHashSet<&'static str>,
}

pub(super) const DET: &str =
    "the a an this that these those its their his her our your my such any every \
    no some whose each";
pub(super) const PREP: &str =
    "of in on for to by with at from into against under between through about \
    towards toward within without over upon among behind beyond";
pub(super) const CONJ: &str = "and or but nor";
pub(super) const BE: &str =
    "is are was were be been being has have had will would can could must should \
    may might shall does do did";
pub(super) const NAMING_VERBS: &str =
    "called termed dubbed named labelled labeled styled christened branded \
    baptized baptised call calls term terms";
pub(super) const META: &str =
    "word words term terms concept concepts notion slogan slogans motto phrase \
    expression principle principles theme title label formula doctrine idea catchword watchword \
    buzzword maxim adage saying policy strategy programme program initiative report campaign \
    resolution declaration agenda plan project conference summit document book theory approach \
    vision model mechanism process framework partnership movement operation";
pub(super) const FIRST_PERSON: &str = "we i our my us";
pub(super) const THIRD_PERSON: &str = "they them their some others he she who which";
pub(super) const NEGATIVE: &str =
    "illegal illegally illegitimate occupation occupied occupying occupier \
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
pub(super) const NEGATION: &str = "not no never neither nor nothing hardly cannot";
pub(super) const EVALUATIVE: &str =
    "spurious artificial supposed supposedly alleged allegedly false \
    fictitious pretended notorious vaunted much-vaunted touted much-touted proclaimed professed \
    ostensible ostensibly apparent famous infamous celebrated their new-found self-proclaimed \
    self-styled so-called pseudo sham mere fine nice grand";
/// Phrases of irony or unmasking anywhere in the sentence. This list and the two below are
/// matched as whole words in the folded tokens (`the real` does not find `the realm`).
pub(super) const IRONY: &[&str] = &[
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
    "true",
    "genuine",
    "in quotation marks",
    "quote",
    "unquote",
    "what they call",
    "they call",
    "pretend",
    "pretends",
    "pretended",
    "pretending",
    "claim",
    "claims",
    "claimed",
    "claiming",
];
/// Framing words within eight tokens before the span (`under the rubric of`).
pub(super) const FRAME: &[&str] = &[
    "rubric",
    "guise",
    "cover of",
    "pretext",
    "pretexts",
    "banner of",
    "name of",
    "disguise",
    "disguised",
    "mask",
    "masks",
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
    "myths",
];
/// A word mentioned as a word, within five tokens before the span (`the term`).
pub(super) const WORD_AS_WORD: &[&str] = &[
    "the word",
    "the words",
    "the term",
    "the terms",
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
/// Verbs before `as` that name (`known as`; `referred to as` is a WORD_AS_WORD phrase).
pub(super) const AS_VERBS: &[&str] = &[
    "known",
    "described",
    "regarded",
    "seen",
    "defined",
    "characterized",
    "characterised",
];

pub(super) fn words() -> &'static Words {
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
