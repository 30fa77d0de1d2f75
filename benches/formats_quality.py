#!/usr/bin/env python3
"""Word-level agreement of `verbale extract` with the reference texts of the formats corpus.

    python3 benches/formats_quality.py [CORPUS_FORMATS_DIR] [--verbale target/release/verbale]

For every document of MANIFEST.csv with a reference text, extracts it with verbale and with a
baseline (pdftotext for PDF; antiword for .doc when installed; a tags-stripped text with
entities decoded, as html2text-style tools give, for HTML; the raw XML's text for DOCX), and
prints precision, recall and F1 of the bag of words (lower-cased \\w+ tokens, counted with
multiplicity) against the reference. When the `pdf_oxide` Python package is installed
(`pip install pdf_oxide`: the Python binding of that Rust PDF reader, the other candidate
reader), its raw text is scored too, in a last table. Means are over files, per reference kind. The reference
kinds are the corpus README's: `gold` (human-made, the web pages), `parser` (validated by the
source repository's tests: the Hansards) and `machine` (pdftotext-style dumps; partly circular
for a pdftotext baseline).
"""
import argparse, collections, csv, html, html.parser, os, re, shutil, subprocess, sys, tempfile, zipfile

WORD = re.compile(r"\w+")


def bag(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def prf(got, ref):
    a, b = bag(got), bag(ref)
    common = sum((a & b).values())
    p = common / max(1, sum(a.values()))
    r = common / max(1, sum(b.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Strip(html.parser.HTMLParser):
    """Every text node outside <script>/<style>, as a tags-stripping converter gives."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def baseline(path, fmt):
    if fmt == "pdf" and shutil.which("pdftotext"):
        return "pdftotext", subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    if fmt == "doc" and shutil.which("antiword"):
        return "antiword", subprocess.run(["antiword", path], capture_output=True, text=True, errors="replace").stdout
    if fmt == "html":
        raw = open(path, "rb").read()
        m = re.search(rb'charset=["\']?([\w-]+)', raw[:4096], re.I)
        s = Strip()
        s.feed(raw.decode(m.group(1).decode() if m else "utf-8", errors="replace"))
        return "tags stripped", " ".join(s.out)
    if fmt in ("docx", "doc"):
        try:
            xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8", "replace")
            return "XML text", html.unescape(re.sub(r"<[^>]+>", " ", xml))
        except (zipfile.BadZipFile, KeyError):
            return None, None
    return None, None


def oxide(rows, corpus):
    """pdf_oxide's raw text of each PDF with a reference, when the package is installed."""
    try:
        from pdf_oxide import PdfDocument
    except ImportError:
        return
    print()
    print("| PDF | pdf_oxide F1 (raw text) |")
    print("| --- | ---: |")
    for r in rows:
        if r["format"] != "pdf":
            continue
        d = PdfDocument(os.path.join(corpus, r["file"]))
        text = "\n".join(d.extract_text(i) for i in range(d.page_count()))
        ref = open(os.path.join(corpus, r["reference_file"]), encoding="utf-8", errors="replace").read()
        print("| %s | %.3f |" % (os.path.basename(r["file"])[:60], prf(text, ref)[2]))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(here, "..", "..", "shared", "corpus", "formats"))
    ap.add_argument("--verbale", default=os.path.join(here, "..", "target", "release", "verbale"))
    a = ap.parse_args()
    rows = [r for r in csv.DictReader(open(os.path.join(a.corpus, "MANIFEST.csv"))) if r["reference_file"]]
    kinds = collections.defaultdict(lambda: collections.defaultdict(list))
    print("| file | reference | verbale P | R | F1 | baseline | F1 |")
    print("| --- | --- | ---: | ---: | ---: | --- | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for r in rows:
            path = os.path.join(a.corpus, r["file"])
            ref = open(os.path.join(a.corpus, r["reference_file"]), encoding="utf-8", errors="replace").read()
            kind = r["reference_kind"].split(":")[0].split(" ")[0]
            kind = {"gold": "gold", "parser": "parser", "machine": "machine"}.get(kind, kind)
            got = subprocess.run([a.verbale, "extract", path], capture_output=True, text=True).stdout
            p, rc, f = prf(got, ref)
            name, base = baseline(path, r["format"])
            bf = prf(base, ref)[2] if base is not None else None
            kinds[(r["format"], kind)]["verbale"].append(f)
            if bf is not None:
                kinds[(r["format"], kind)][name].append(bf)
            print("| %s | %s | %.3f | %.3f | %.3f | %s | %s |" % (
                os.path.basename(r["file"])[:60], kind, p, rc, f, name or "–",
                "%.3f" % bf if bf is not None else "–"))
    oxide(rows, a.corpus)
    print()
    print("| format | reference | files | verbale F1 (mean) | baseline | baseline F1 (mean) |")
    print("| --- | --- | ---: | ---: | --- | ---: |")
    for (fmt, kind), d in sorted(kinds.items()):
        v = d["verbale"]
        others = [(k, x) for k, x in d.items() if k != "verbale"]
        bl = others[0] if others else ("–", [])
        print("| %s | %s | %d | %.3f | %s | %s |" % (
            fmt, kind, len(v), sum(v) / len(v), bl[0],
            "%.3f" % (sum(bl[1]) / len(bl[1])) if bl[1] else "–"))


if __name__ == "__main__":
    main()
