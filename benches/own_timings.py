"""Times verbale's own commands on one corpus: freq to Parquet, quotes to CSV, report, and the
peer-contract CSV; with FLOOR set (the binary of benches/floor.rs), the bare counter too.
Usage: own_timings.py VERBALE CORPUS_DIR OUT.tsv REPS. Each command runs REPS times after one
warm-up; the TSV has wall seconds per run and the peak RSS (MiB) over them, read from wait4's
rusage of each child."""
import os
import subprocess
import sys
import tempfile
import time

binary, corpus, out, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
tmp = tempfile.mkdtemp()
commands = {
    "freq-parquet": [binary, "freq", corpus, "-o", f"{tmp}/f.parquet", "--quiet"],
    "freq-by-doc-csv": [binary, "freq", corpus, "--by", "doc", "-o", f"{tmp}/d.csv", "--quiet"],
    "quotes-csv": [binary, "quotes", corpus, "-o", f"{tmp}/q.csv", "--quiet"],
    "report": [binary, "report", corpus, "-o", f"{tmp}/report", "--quiet"],
}
if os.environ.get("FLOOR"):
    commands["floor"] = [os.environ["FLOOR"], corpus]
with open(out, "w") as f:
    f.write("command\trun\twall_s\tmaxrss_mib\n")
    for name, argv in commands.items():
        for run in range(reps + 1):
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            if status != 0:
                sys.exit(f"{name} failed: {proc.stderr.read().decode()}")
            if run > 0:  # run 0 warms up
                f.write(f"{name}\t{run}\t{wall:.4f}\t{usage.ru_maxrss / 1024:.1f}\n")
