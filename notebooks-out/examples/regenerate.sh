#!/usr/bin/env bash
# Regenerates the example charts shown in the README from the bundled data/ corpus.
# Run from the repository root: bash notebooks-out/examples/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/verbale
out=notebooks-out/examples
"$bin" chart quotes data/statements -o "$out/quotes.png" --top 15 --quiet
"$bin" chart keyness data/statements/ungd/AZE_75_2020.txt data/statements/ungd/ARM_75_2020.txt -o "$out/keyness.png" --top 12 --quiet
"$bin" chart dispersion data/statements/seed --terms elections,occupied,armenia -o "$out/dispersion.png" --height 380 --quiet
"$bin" chart similarity data/statements/ungd -o "$out/similarity.png" --quiet
"$bin" chart freq data/statements/seed -o "$out/freq.png" --top 15 --quiet
"$bin" chart cues data/statements -o "$out/cues.png" --quiet
"$bin" chart quotes data/statements -o "$out/quotes.svg" --top 15 --quiet
"$bin" chart ngrams data/statements -o "$out/ngrams.png" --top 15 --quiet
"$bin" chart collocates data/statements --terms elections -o "$out/collocates.png" --top 15 --quiet
"$bin" chart quoted-phrases data/statements -o "$out/quoted-phrases.png" --top 12 --quiet
"$bin" chart acts data/statements -o "$out/acts.png" --top 10 --quiet
# Trends need years: from the UN General Debate corpus beside the repository, when it is there.
ungd=../shared/corpus/ungd
if [ -d "$ungd" ]; then
  "$bin" chart trend "$ungd" --by year --terms "terrorism,climate change,sanctions,nato" -o "$out/trend.png" --quiet
  "$bin" chart trend "$ungd" --by year --facet country --where "country in ('ARM', 'AZE', 'GEO', 'RUS', 'UKR', 'USA')" \
    --terms "territorial integrity,occupation,sanctions" -o "$out/trend-facets.png" --quiet
  "$bin" chart acts "$ungd" --group-by year -o "$out/acts-by-year.png" --quiet
  "$bin" chart acts "$ungd" --group-by country --act condemn,reject,deplore,demand,warn,concern \
    --target-has "russia,russian federation,russian" --own --top 30 -o "$out/acts-aimed-at-russia.png" --quiet
  "$bin" chart docs "$ungd" --measure flesch --by year --facet country \
    --where "country in ('CHN', 'FRA', 'RUS', 'USA')" -o "$out/flesch-by-year.png" --quiet
fi
