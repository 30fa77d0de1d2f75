#!/usr/bin/env bash
# Speed of the document readers on one core: PDF pages per second and HTML megabytes per second
# over ../shared/corpus/formats (`verbale extract --jobs 1`, text to /dev/null), best of 5 runs.
#
#     bash benches/readers.sh [FORMATS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-../shared/corpus/formats}"
bin=target/release/verbale
[ -x "$bin" ] || cargo build --release
best() { # best wall time of 5 runs, in seconds
  local b=999
  for _ in 1 2 3 4 5; do
    local s e
    s=$(date +%s.%N)
    "$bin" extract --jobs 1 "$@" > /dev/null 2>&1 || true
    e=$(date +%s.%N)
    b=$(python3 -c "print(min($b, $e - $s))")
  done
  echo "$b"
}
pages=$(python3 - "$dir" <<'PY'
import csv, os, sys
d = sys.argv[1]
n = 0
for r in csv.DictReader(open(os.path.join(d, 'MANIFEST.csv'))):
    if r['format'] == 'pdf' and r['text_layer'].startswith(('yes', 'OCR')):
        n += int(r['pages'])
print(n)
PY
)
bytes=$(cat "$dir"/html/*.html | wc -c)
t_pdf=$(best "$dir/pdf")
t_html=$(best "$dir/html")
t_doc=$(best "$dir/doc" "$dir/docx")
python3 - "$pages" "$t_pdf" "$bytes" "$t_html" "$t_doc" <<'PY'
import sys
pages, tp, b, th, td = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
print("PDF: %d pages with a text layer (and 3 scans refused) in %.3f s on one core: %.0f pages/s" % (pages, tp, pages / tp))
print("HTML: %.2f MB in %.3f s on one core: %.1f MB/s" % (b / 1e6, th, b / 1e6 / th))
print("DOC and DOCX: 14 files in %.3f s on one core" % td)
PY
