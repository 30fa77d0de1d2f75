//! A document's quotations as bytes and back ([`encode`], [`decode`]): a run that writes every
//! quotation once, at its end (the report), sets them aside in a temporary file as each
//! document is read rather than holding every quotation's text and contexts until then.

use super::spill::{put_str, put_u32, put_u64, Unput};
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

/// Appends `spans` to `out`, each field in turn ([`put_u32`], [`put_u64`], [`put_str`]; a
/// text that may be missing after a byte that says whether it is there).
pub fn encode(spans: &[Span], out: &mut Vec<u8>) {
    put_u32(out, spans.len() as u32);
    for s in spans {
        let e = &s.evidence;
        let page = s.page.unwrap_or(u32::MAX);
        let (marks, kind) = (
            s.marks.map(u32::from),
            Kind::ALL.iter().position(|k| *k == s.kind),
        );
        for x in [
            s.number,
            s.open_tok,
            s.close_tok,
            s.sentence,
            marks[0],
            marks[1],
            page,
        ] {
            put_u32(out, x);
        }
        put_u32(out, e.words);
        put_u32(out, e.condemning);
        for x in [s.open as u64, s.close as u64, s.confidence.to_bits()] {
            put_u64(out, x);
        }
        for p in s.probabilities {
            put_u32(out, p.to_bits());
        }
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
        out.extend_from_slice(&[kind.unwrap_or(0) as u8, flags, s.page.is_some() as u8]);
        for text in [&s.text, &s.left, &s.right, &s.features] {
            put_str(out, text);
        }
        for text in [&e.cue, &e.reporting, &e.naming] {
            out.push(text.is_some() as u8);
            put_str(out, text.as_deref().unwrap_or_default());
        }
        put_u32(out, s.content.len() as u32);
        for w in s.content.iter() {
            put_str(out, w);
        }
    }
}

/// The quotations [`encode`] wrote in `b`; `None` when `b` is not what it wrote (cut short,
/// or changed).
pub fn decode(b: &[u8]) -> Option<Vec<Span>> {
    let mut r = Unput::new(b);
    let n = r.u32()? as usize;
    // Each quotation takes some 90 bytes at least: a count no file could hold is refused
    // before any room is made for it.
    let mut spans = Vec::with_capacity(n.min(b.len() / 64));
    for _ in 0..n {
        let (number, open_tok, close_tok, sentence) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        let marks = [char::from_u32(r.u32()?)?, char::from_u32(r.u32()?)?];
        let page = r.u32()?;
        let (words, condemning) = (r.u32()?, r.u32()?);
        let (open, close) = (r.u64()? as usize, r.u64()? as usize);
        let confidence = f64::from_bits(r.u64()?);
        let mut probabilities = [0f32; 4];
        for p in &mut probabilities {
            *p = f32::from_bits(r.u32()?);
        }
        let (kind, flags, has_page) = (r.u8()?, r.u8()?, r.u8()?);
        let flag = |k: u8| flags & (1 << k) != 0;
        let mut text = || r.str().map(String::into_boxed_str);
        let (quoted, left, right, features) = (text()?, text()?, text()?, text()?);
        let mut maybe = || -> Option<Option<Box<str>>> {
            let there = r.u8()? == 1;
            let s = r.str()?;
            Some(there.then(|| s.into_boxed_str()))
        };
        let (cue, reporting, naming) = (maybe()?, maybe()?, maybe()?);
        let words_inside = r.u32()? as usize;
        let mut content = Vec::with_capacity(words_inside.min(b.len() / 4));
        for _ in 0..words_inside {
            content.push(r.str()?);
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
    r.is_done().then_some(spans)
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
