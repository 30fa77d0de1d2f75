#!/usr/bin/env python3
"""Opens every Parquet file of the folders given with pyarrow and with DuckDB, as users of
older and newer releases of both do, and checks that each reads whole: the same rows in both,
text columns as plain strings (large_string, never string_view).

    python3 tests/readers/check_parquet.py DIR...

Exit 0: every table reads; 1: a table failed (listed); 3: pyarrow or duckdb is missing."""

import glob
import os
import sys

try:
    import duckdb
    import pyarrow.parquet as pq
except ImportError as e:
    print(f"readers missing ({e}): pip install pyarrow duckdb")
    sys.exit(3)


def main():
    files = sorted(f for d in sys.argv[1:] for f in glob.glob(os.path.join(d, "*.parquet")))
    if not files:
        print("no Parquet files in", sys.argv[1:])
        return 1
    fails = []
    for f in files:
        name = os.path.basename(f)
        try:
            t = pq.read_table(f)
            kinds = {str(fld.type) for fld in t.schema}
            rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{f}')").fetchall()[0][0]
            ok = rows == t.num_rows and "string_view" not in kinds
            print(f"  [{'ok' if ok else 'FAIL'}] {name}: {t.num_rows} rows (DuckDB {rows}), "
                  f"types {sorted(kinds)}")
            if not ok:
                fails.append(name)
        except Exception as e:  # a reader's own error is the finding
            print(f"  [FAIL] {name}: {e}")
            fails.append(name)
    print(f"pyarrow {pq.__name__ and __import__('pyarrow').__version__}, duckdb {duckdb.__version__}: "
          f"{len(files) - len(fails)} of {len(files)} tables read")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
