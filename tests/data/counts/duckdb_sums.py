#!/usr/bin/env python3
"""The reduce step of a corpus counted in parts, as an engine runs it: DuckDB sums the parts'
terms.parquet files with a GROUP BY and the result is compared with verbale's corpus table of
one run (term, count, docs, quoted, scare, and the total of tokens).

    python3 duckdb_sums.py FOLDER_OF_PARTS ONE_RUN.csv   (parts: FOLDER/c*/)
"""
import sys

import duckdb
import polars as pl

folder, one_csv = sys.argv[1], sys.argv[2]
sums = duckdb.sql(
    f"""SELECT term, sum(count)::BIGINT AS count, count(DISTINCT doc)::BIGINT AS docs,
               sum(quoted)::BIGINT AS quoted, sum(scare)::BIGINT AS scare
        FROM '{folder}/c*/terms.parquet' GROUP BY term"""
).pl()
one = pl.read_csv(one_csv).select("term", "count", "docs", "quoted", "scare")
both = one.join(sums, on="term", how="full", suffix="_db")
differ = both.filter(
    pl.col("term").is_null()
    | pl.col("term_db").is_null()
    | (pl.col("count") != pl.col("count_db"))
    | (pl.col("docs") != pl.col("docs_db"))
    | (pl.col("quoted") != pl.col("quoted_db"))
    | (pl.col("scare") != pl.col("scare_db"))
)
tokens = duckdb.sql(f"SELECT sum(tokens)::BIGINT FROM '{folder}/c*/docs.parquet'").fetchall()[0][0]
per_10k = one.select((pl.col("count") * 10_000 / tokens).alias("p"))["p"]
ours = pl.read_csv(one_csv)["per_10k"]
rate_ok = ((per_10k - ours).abs() < 1e-9).all()
print(f"{one.height} terms in one run, {sums.height} summed by DuckDB, {differ.height} differences; "
      f"{tokens} tokens, rates {'agree' if rate_ok else 'DISAGREE'}")
if differ.height or sums.height != one.height or not rate_ok:
    print(differ.head(10))
    sys.exit(1)
