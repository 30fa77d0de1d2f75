//! A document's quotations as bytes and back ([`encode`], [`decode`]): a run that writes every
//! quotation once, at its end (the report), sets them aside in a temporary file as each
//! document is read rather than holding every quotation's text and contexts until then.

use super::spill::{put_str, take_str};
use crate::quotes::{Evidence, Kind, Span};

/// Sets a document's quotations aside in `store`'s file when the store keeps things aside
/// and the file takes them ([`super::Analysis::spans`] reads them back).
pub(super) fn set_aside(store: &super::packed::Store, r: &mut super::DocResult) {
    if r.spans.is_empty() || !store.spills() {
        return;
    }
    let mut b = Vec::new();
    encode(&r.spans, &mut b);
    if let Some(at) = store.set_aside(&b) {
        r.spans = Vec::new();
        r.spans_aside = Some(at);
    }
}

/// Appends `spans` to `out`, each field in turn (numbers little-endian, texts with their
/// length before them, a missing text as length `u32::MAX`).
pub fn encode(spans: &[Span], out: &mut Vec<u8>) {
    let u32s = |out: &mut Vec<u8>, xs: &[u32]| {
        for x in xs {
            out.extend_from_slice(&x.to_le_bytes());
        }
    };
    let maybe = |out: &mut Vec<u8>, s: &Option<Box<str>>| match s {
        Some(s) => put_str(out, s),
        None => out.extend_from_slice(&u32::MAX.to_le_bytes()),
    };
    out.extend_from_slice(&(spans.len() as u32).to_le_bytes());
    for s in spans {
        let e = &s.evidence;
        u32s(out, &[s.number, s.open_tok, s.close_tok, s.sentence]);
        u32s(
            out,
            &[
                s.marks[0] as u32,
                s.marks[1] as u32,
                s.page.unwrap_or(u32::MAX),
            ],
        );
        u32s(out, &[e.words, e.condemning]);
        out.extend_from_slice(&(s.open as u64).to_le_bytes());
        out.extend_from_slice(&(s.close as u64).to_le_bytes());
        out.extend_from_slice(&s.confidence.to_le_bytes());
        for p in s.probabilities {
            out.extend_from_slice(&p.to_le_bytes());
        }
        let kind = Kind::ALL.iter().position(|k| *k == s.kind).unwrap_or(0) as u8;
        let flags = [
            e.colon,
            e.sentence_punct,
            e.title_case,
            e.contrast,
            e.nested,
        ]
        .iter()
        .enumerate()
        .fold(0u8, |f, (i, &b)| f | (u8::from(b) << i));
        out.extend_from_slice(&[kind, flags, s.page.is_some() as u8]);
        for text in [&s.text, &s.left, &s.right, &s.features] {
            put_str(out, text);
        }
        for text in [&e.cue, &e.reporting, &e.naming] {
            maybe(out, text);
        }
        out.extend_from_slice(&(s.content.len() as u32).to_le_bytes());
        for w in s.content.iter() {
            put_str(out, w);
        }
    }
}

/// The quotations [`encode`] wrote in `b`; `None` when `b` is not what it wrote (cut short,
/// or changed).
pub fn decode(b: &[u8]) -> Option<Vec<Span>> {
    let n = u32::from_le_bytes(b.get(..4)?.try_into().ok()?) as usize;
    // Each quotation takes some 90 bytes at least: a count no file could hold is refused
    // before any room is made for it.
    let mut spans = Vec::with_capacity(n.min(b.len() / 64));
    let mut i = 4;
    for _ in 0..n {
        let word = |i: &mut usize| -> Option<u32> {
            let w = u32::from_le_bytes(b.get(*i..*i + 4)?.try_into().ok()?);
            *i += 4;
            Some(w)
        };
        let wide = |i: &mut usize| -> Option<u64> {
            let w = u64::from_le_bytes(b.get(*i..*i + 8)?.try_into().ok()?);
            *i += 8;
            Some(w)
        };
        let (number, open_tok, close_tok, sentence) =
            (word(&mut i)?, word(&mut i)?, word(&mut i)?, word(&mut i)?);
        let marks = [
            char::from_u32(word(&mut i)?)?,
            char::from_u32(word(&mut i)?)?,
        ];
        let page = word(&mut i)?;
        let (words, condemning) = (word(&mut i)?, word(&mut i)?);
        let (open, close) = (wide(&mut i)? as usize, wide(&mut i)? as usize);
        let confidence = f64::from_bits(wide(&mut i)?);
        let mut probabilities = [0f32; 4];
        for p in &mut probabilities {
            *p = f32::from_bits(word(&mut i)?);
        }
        let [kind, flags, has_page] = *b.get(i..i + 3)?.first_chunk::<3>()?;
        i += 3;
        let flag = |k: u8| flags & (1 << k) != 0;
        let text = |i: &mut usize| take_str(b, i).map(String::into_boxed_str);
        let (quoted, left, right, features) =
            (text(&mut i)?, text(&mut i)?, text(&mut i)?, text(&mut i)?);
        let maybe = |i: &mut usize| -> Option<Option<Box<str>>> {
            if b.get(*i..*i + 4)? == u32::MAX.to_le_bytes() {
                *i += 4;
                return Some(None);
            }
            text(i).map(Some)
        };
        let (cue, reporting, naming) = (maybe(&mut i)?, maybe(&mut i)?, maybe(&mut i)?);
        let words_inside = word(&mut i)? as usize;
        let mut content = Vec::with_capacity(words_inside.min(b.len() / 4));
        for _ in 0..words_inside {
            content.push(take_str(b, &mut i)?);
        }
        spans.push(Span {
            number,
            open,
            close,
            page: (has_page == 1).then_some(page),
            open_tok,
            close_tok,
            marks,
            sentence,
            text: quoted,
            left,
            right,
            kind: *Kind::ALL.get(kind as usize)?,
            confidence,
            probabilities,
            features,
            evidence: Evidence {
                words,
                cue,
                reporting,
                colon: flag(0),
                sentence_punct: flag(1),
                title_case: flag(2),
                naming,
                contrast: flag(3),
                condemning,
                nested: flag(4),
            },
            content: content.into_boxed_slice(),
        });
    }
    (i == b.len()).then_some(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyse, Options};
    use crate::corpus::Document;
    use crate::text::Lang;

    /// Spans of every kind and with every kind of evidence: a cue, a reporting verb, a name,
    /// nesting, sentence punctuation, and the model's explanation.
    fn spans() -> Vec<Span> {
        let text = "The so-called “elections” were a farce, elections that no one believes. \
                    The minister said: “We will “never” surrender.” We welcome the “Belt and \
                    Road Initiative”. He called it “démocratie”; the ‘regime’ «refused».";
        let mut o = Options::new(Lang::english());
        o.explain_quotes = true;
        let a = analyse(&[Document::from_text("d", text)], &o);
        a.docs[0].spans.clone()
    }

    #[test]
    fn quotations_come_back_as_they_went() {
        let mut spans = spans();
        assert!(spans.len() >= 6, "{spans:?}");
        let kinds: Vec<Kind> = spans.iter().map(|s| s.kind).collect();
        assert!(kinds.contains(&Kind::Scare) && kinds.contains(&Kind::Direct));
        assert!(spans.iter().any(|s| s.evidence.cue.is_some()));
        assert!(spans.iter().any(|s| s.evidence.reporting.is_some()));
        assert!(spans.iter().any(|s| s.evidence.nested));
        assert!(spans.iter().any(|s| !s.content.is_empty()));
        assert!(spans.iter().all(|s| !s.features.is_empty()));
        // A PDF's page, and a page of u32::MAX, which is not a missing one.
        spans[0].page = Some(3);
        spans[1].page = Some(u32::MAX);
        let mut b = Vec::new();
        encode(&spans, &mut b);
        let back = decode(&b).expect("what encode wrote");
        assert_eq!(format!("{back:?}"), format!("{spans:?}"));
        // None, and bytes cut short or grown, are refused.
        let mut none = Vec::new();
        encode(&[], &mut none);
        assert!(decode(&none).is_some_and(|v| v.is_empty()));
        assert!(decode(&b[..b.len() - 1]).is_none());
        assert!(decode(&b[..b.len() / 2]).is_none());
        b.push(0);
        assert!(decode(&b).is_none());
        assert!(decode(&[]).is_none());
    }
}
