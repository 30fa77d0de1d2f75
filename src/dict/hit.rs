//! One speech act found in a document: its act, intensity and marks, which every table counts,
//! and, boxed apart, where it stands and its words, which only the tables that list acts need
//! (so that a run counting acts holds 16 bytes an act).

/// One speech act in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct ActHit {
    /// The act (an index into [`super::ActLexicon::acts`]).
    pub act: u16,
    /// Its intensity: the act's base, plus one when intensified.
    pub intensity: u8,
    /// An intensifier modifies it.
    pub intensified: bool,
    /// A negation before it denies it (`does not support`).
    pub negated: bool,
    /// It stands inside quotation marks (someone else's words, or a scare quote).
    pub quoted: bool,
    /// The act is reported of someone else, not performed by the text's author, as far as
    /// the words around the trigger tell ([`super::speaker`]).
    pub reported: bool,
    /// Where it stands and its words, when the lexicon keeps them ([`super::ActLexicon::texts`]): a
    /// run that counts acts holds none, and 16 bytes an act.
    pub texts: Option<Box<ActTexts>>,
}

/// An act in its text: where it stands and its words, as written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActTexts {
    /// Byte offset of the trigger in the file as stored.
    pub offset: u64,
    /// For a PDF, the page of the trigger.
    pub page: Option<u32>,
    /// The trigger's words.
    pub trigger: String,
    /// What the act targets: the words after the trigger up to a clause boundary (empty when
    /// none follow).
    pub target: String,
    /// The sentence, whitespace collapsed (40 tokens at most on each side of the trigger).
    pub sentence: String,
}

impl ActHit {
    /// Byte offset of the trigger in the file as stored (0 when the run keeps no texts).
    pub fn offset(&self) -> u64 {
        self.texts.as_ref().map_or(0, |t| t.offset)
    }

    /// For a PDF, the page of the trigger.
    pub fn page(&self) -> Option<u32> {
        self.texts.as_ref().and_then(|t| t.page)
    }

    /// The trigger's words as written (empty when the run keeps no texts).
    pub fn trigger(&self) -> &str {
        self.texts.as_ref().map_or("", |t| &t.trigger)
    }

    /// What the act targets, as written (empty when none follow, or the run keeps no texts).
    pub fn target(&self) -> &str {
        self.texts.as_ref().map_or("", |t| &t.target)
    }

    /// The act's sentence (empty when the run keeps no texts, or set it aside).
    pub fn sentence(&self) -> &str {
        self.texts.as_ref().map_or("", |t| &t.sentence)
    }
}
