#!/usr/bin/env python3
"""Builds the document-reader fixtures of `tests/data/formats/` (run once; the files are kept).

    python3 tests/data/formats/make_fixtures.py [FORMATS_CORPUS_DIR]

Copies eight small real documents with their reference texts from the formats corpus
(`../shared/corpus/formats`, whose README gives their sources and terms) and makes the bad
inputs: an encrypted PDF (needs qpdf), a truncated PDF, a PDF whose one page's content
inflates to 4 MB of text operators (a PDF bomb in miniature), a DOCX whose body inflates past
any small size limit (a ZIP bomb in miniature), a web page with nothing but navigation, an RTF
file, a spreadsheet-like ZIP, a minimal ODT and a windows-1251 page; and a two-page PDF whose
footnotes stand under drawn separators (`footnote-rule.pdf`).
"""
import os, shutil, subprocess, sys, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', '..', 'shared', 'corpus', 'formats')

COPIES = [
    ('pdf/un-ohchr_upr7-advance-questions-to-slovenia_2010_en.pdf', 'reference/un-ohchr_upr7-advance-questions-to-slovenia_2010_en.txt'),
    ('pdf/kenya_national-assembly-hansard-sample_2011-09-01_en.pdf', 'reference/kenya_national-assembly-hansard-sample_2011-09-01_en.txt'),
    ('pdf/un_a-hrc-dec-43-112_hrc-decision-upr-slovenia_2020_en.pdf', None),
    ('pdf/un-ola_note-verbale-to-permanent-mission-of-ukraine_2022-03-04_en_scanned.pdf', None),
    ('doc/kenya_national-assembly-hansard-sample_2011-09-01_en.doc', None),
    ('doc/un-ohchr_upr20-advance-questions-to-slovenia-add1_2014_en.doc', None),
    ('docx/un-ohchr_upr48-advance-questions-to-slovenia_2025_en.docx', 'reference/un-ohchr_upr48-advance-questions-to-slovenia_2025_en.txt'),
    ('html/un-pga58_introductory-statement-panel-tax-cooperation_2003-10-24_en.html', 'reference/un-pga58_introductory-statement-panel-tax-cooperation_2003-10-24_en.txt'),
    ('html/us-dos_biotech-products-rigorously-regulated-official-says_2005-06-15_en.html', 'reference/us-dos_biotech-products-rigorously-regulated-official-says_2005-06-15_en.txt'),
]


def write_pdf(path, contents, compress=False):
    """A PDF of Letter pages with `contents` (one content stream per page), Helvetica as F1."""
    n = len(contents)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n)), n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, c in enumerate(contents):
        data = zlib.compress(c, 9) if compress else c
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i))
        objs.append(b"<< /Length %d%s >>\nstream\n" % (len(data), b" /Filter /FlateDecode" if compress else b"")
                    + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(path, "wb").write(out)


def pdf_bomb(path, inflated=4_000_000):
    """A one-page PDF whose FlateDecode content stream inflates to `inflated` bytes."""
    unit = b"BT /F1 12 Tf 72 712 Td (elections) Tj ET\n"
    write_pdf(path, [unit * (inflated // len(unit))], compress=True)


def lines(size, x, y, leading, texts):
    """Text lines at `size` points from (x, y) down, `leading` apart."""
    out = b"BT /F1 %d Tf %d TL %d %d Td\n" % (size, leading, x, y)
    for t in texts:
        out += b"(%s) Tj T*\n" % t.encode()
    return out + b"ET\n"


def footnote_rule(path):
    """Two pages whose footnotes stand under a drawn separator (a stroked line on page 1, a
    thin filled rectangle on page 2), as Word draws it; a sentence runs over the page break,
    and page 2 has a full-width rule over body text, which is no footnote rule."""
    one = (lines(12, 72, 700, 16, [
        'The Ministry of Foreign Affairs condemns the so-called "elections" held',
        'in the occupied territory on 5 March.1 It calls upon the authorities to',
    ]) + b"0.5 w 72 150 m 216 150 l S\n"
        + lines(9, 72, 138, 11, ['1 See resolution 68/262 of 27 March 2014.'])
        + lines(10, 300, 40, 12, ['1']))
    two = (lines(12, 72, 700, 16, [
        'respect the will of the people, and recalls its statement of 2 April.2',
    ]) + b"0.5 w 72 330 m 540 330 l S\n"
        + lines(12, 72, 310, 16, ['The Ministry will keep the matter under review.'])
        + b"72 120 144 0.6 re f\n"
        + lines(9, 72, 108, 11, ['2 Statement of the Ministry, 2 April 2014.'])
        + lines(10, 300, 40, 12, ['2']))
    write_pdf(path, [one, two])


def main():
    docs = os.path.join(HERE, 'docs')
    refs = os.path.join(HERE, 'reference')
    bad = os.path.join(HERE, 'bad')
    for d in (docs, refs, bad):
        os.makedirs(d, exist_ok=True)
    for doc, ref in COPIES:
        into = bad if '_scanned' in doc else docs
        shutil.copyfile(os.path.join(SRC, doc), os.path.join(into, os.path.basename(doc)))
        if ref:
            shutil.copyfile(os.path.join(SRC, ref), os.path.join(refs, os.path.basename(ref)))
    upr7 = os.path.join(docs, os.path.basename(COPIES[0][0]))
    subprocess.run(['qpdf', '--encrypt', 'secret', 'owner-secret', '256', '--', upr7,
                    os.path.join(bad, 'encrypted.pdf')], check=True)
    data = open(upr7, 'rb').read()
    open(os.path.join(bad, 'truncated.pdf'), 'wb').write(data[:len(data) // 3])
    pdf_bomb(os.path.join(bad, 'inflates.pdf'))
    footnote_rule(os.path.join(docs, 'footnote-rule.pdf'))
    body = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            + ' ' * 3_000_000 + '</w:t></w:r></w:p></w:body></w:document>')
    with zipfile.ZipFile(os.path.join(bad, 'inflates.docx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<Types/>')
        z.writestr('word/document.xml', body)
    open(os.path.join(bad, 'navigation.html'), 'w').write(
        '<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><ul>'
        + ''.join('<li><a href="/p%d">Page %d</a></li>' % (i, i) for i in range(5))
        + '</ul></nav></body></html>\n')
    open(os.path.join(bad, 'statement.rtf'), 'w').write('{\\rtf1\\ansi The Ministry condemns the so-called elections.}\n')
    with zipfile.ZipFile(os.path.join(bad, 'table.xlsx'), 'w') as z:
        z.writestr('xl/workbook.xml', '<workbook/>')
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
    with zipfile.ZipFile(os.path.join(docs, 'statement.odt'), 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.text')
        z.writestr('content.xml', '<office:document-content %s><office:body><office:text>'
                   '<text:h>Statement by the Ministry</text:h>'
                   '<text:p>The Ministry condemns the so-called<text:s/>“elections”<text:note><text:note-citation>1</text:note-citation>'
                   '<text:note-body><text:p>Held on 31 March 2020.</text:p></text:note-body></text:note> held in the occupied territories.</text:p>'
                   '<text:tracked-changes><text:changed-region><text:deletion><text:p>withdrawn words</text:p></text:deletion></text:changed-region></text:tracked-changes>'
                   '</office:text></office:body></office:document-content>' % ns)
        z.writestr('meta.xml', '<office:document-meta %s><office:meta><dc:title>Statement on the elections</dc:title>'
                   '<meta:initial-creator>Ministry of Foreign Affairs</meta:initial-creator>'
                   '<meta:creation-date>2020-04-01T10:00:00</meta:creation-date></office:meta></office:document-meta>' % ns)
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            '<title>Заявление</title></head><body><div id="content"><h1>Заявление МИД</h1>'
            + '<p>Министерство осуждает так называемые «выборы» в оккупированных территориях. ' * 1
            + 'Мы призываем международное сообщество не признавать их результаты.</p>' * 3
            + '</div></body></html>\n')
    open(os.path.join(docs, 'statement-1251.html'), 'wb').write(page.encode('windows-1251'))
    print('fixtures written to', HERE)


if __name__ == '__main__':
    main()
