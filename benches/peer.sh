#!/usr/bin/env bash
# verbale as a peer of ../shared/bench/peers/run_peers.sh: `peer.sh DIR OUT.csv` writes the
# contract's doc,stem,count table (every word and number, no stopwords removed, hyphens and
# apostrophes split as \w+ does). VERBALE points at the binary (default: the release build).
set -euo pipefail
bin=${VERBALE:-${CARGO_TARGET_DIR:-target}/release/verbale}
"$bin" freq "$1" --ext txt --keep-ext --by doc --stopwords none --split-hyphens --split-apostrophes \
  --columns doc,stem=term,count --format csv -o "$2" --quiet
