//! The bad-input suite: every case through the binary, with its message and exit code (0 ok or
//! only warnings, 1 an input or output failed, 2 usage). Nothing panics, no partial output is
//! left behind, and in a folder the good files are still analysed.

use crate::common::verbale;
use std::fs;
use std::path::{Path, PathBuf};

/// Runs verbale; returns (exit code, stdout, stderr).
fn run(args: &[&str], dir: &Path) -> (i32, String, String) {
    let o = verbale().current_dir(dir).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        err,
    )
}

/// What a run that must exit with `code` says on standard error.
fn says(args: &[&str], dir: &Path, code: i32) -> String {
    let (got, _, err) = run(args, dir);
    assert_eq!(got, code, "{args:?}: {err}");
    err
}

fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    dir
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn empty_and_wordless_files_are_skipped_with_a_warning() {
    let d = folder(&[
        ("c/good.txt", b"peace and elections"),
        ("c/empty.txt", b""),
        ("c/blank.txt", b"  \n\t \r\n"),
        ("c/punct.txt", b"... !!! -- \xe2\x80\x9c\xe2\x80\x9d ;"),
        // An empty file named as a document is empty, not a damaged document.
        ("c/empty.docx", b""),
        ("c/empty.pdf", b""),
    ]);
    let (code, out, err) = run(&["freq", "c", "--format", "csv"], d.path());
    assert_eq!(code, 0, "warnings only: {err}");
    for f in [
        "empty.txt",
        "blank.txt",
        "punct.txt",
        "empty.docx",
        "empty.pdf",
    ] {
        assert!(
            err.contains(&format!(
                "verbale: warning: c/{f}: no words (the file is empty or has only spaces and punctuation); skipped"
            )),
            "{err}"
        );
    }
    assert!(out.contains("peac,peace,1,1,"), "{out}");
    // Alone, an empty file leaves nothing to analyse.
    let (code, _, err) = run(&["freq", "c/empty.txt"], d.path());
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "verbale: error: no documents to analyse: none of the files named could be read or had words"
        ),
        "{err}"
    );
    // A folder of such files: they were found, so the message does not send the user to --ext.
    let e = folder(&[("one.txt", b""), ("two.txt", b" ... ")]);
    let (code, _, err) = run(&["freq", "."], e.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("no documents to analyse: 2 files found and none could be analysed")
            && !err.contains("--ext"),
        "{err}"
    );
}

#[test]
fn a_report_written_inside_the_corpus_is_not_read_back() {
    let d = folder(&[(
        "a.txt",
        b"The so-called \xe2\x80\x9celections\xe2\x80\x9d were held.",
    )]);
    let (code, _, err) = run(&["report", ".", "-o", "rep", "-q"], d.path());
    assert_eq!(code, 0, "{err}");
    assert!(d.path().join("rep/report.md").is_file());
    let (code, out, err) = run(&["freq", ".", "--format", "csv"], d.path());
    assert_eq!(code, 0, "{err}");
    // Only a.txt's words: none of the report's own (its headings, its tables' columns).
    assert!(out.contains("election"), "{out}");
    assert!(!out.contains("report") && !out.contains("keyness"), "{out}");
    // A folder named on the command line is read as asked, marker or not.
    let (_, out, _) = run(&["freq", "rep", "--format", "csv"], d.path());
    assert!(out.to_lowercase().contains("keyness"), "{out}");
}

#[test]
fn latin1_text_is_named_with_its_line_and_a_fix() {
    let d = folder(&[(
        "latin1.txt",
        b"The communiqu\xe9\nwas issued in Bras\xedlia \x93today\x94.\n",
    )]);
    let (code, out, err) = run(&["freq", "latin1.txt"], d.path());
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(
        err.trim(),
        "verbale: error: latin1.txt: invalid UTF-8 at byte 13 (line 1), perhaps \
         Latin-1/Windows-1252 text (a guess from few bytes); re-encode the file as UTF-8 from its \
         encoding (iconv -f WINDOWS-1252 -t UTF-8, then check that its accented letters came out \
         right), or read it as it is with --encoding windows-1252 or pass --lossy to replace bad \
         bytes\nverbale: error: no documents to analyse: \
         none of the files named could be read or had words"
    );
    let (code, out, _) = run(
        &["freq", "--lossy", "--format", "csv", "latin1.txt"],
        d.path(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("issu,issued,1,"), "{out}");
    // Damaged UTF-8 (a cut multi-byte sequence) is not called Latin-1.
    let d = folder(&[("cut.txt", b"a\nb \xe2\x80 c")]);
    let (_, _, err) = run(&["freq", "cut.txt"], d.path());
    assert!(
        err.contains("invalid UTF-8 at byte 4 (line 2); re-encode"),
        "{err}"
    );
}

#[test]
fn binary_files_in_a_folder_are_skipped_and_the_rest_analysed() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00";
    let d = folder(&[
        ("c/a.txt", b"sovereignty and peace"),
        ("c/photo.txt", png),
        ("c/archive.txt", zip),
    ]);
    let (code, out, err) = run(&["freq", "c", "--format", "csv"], d.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "verbale: warning: c/photo.txt: looks like a binary file (NUL byte at 8); skipped"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "verbale: warning: c/archive.txt: ZIP file: a ZIP archive that is not a Word or OpenDocument text"
        ),
        "{err}"
    );
    assert!(out.contains("sovereignti,sovereignty,1,1,"), "{out}");
    let (_, _, err) = run(&["freq", "c", "--quiet"], d.path());
    assert!(err.is_empty(), "--quiet hides warnings: {err}");
    // --strict stops at a file it would leave out, as at one it cannot read.
    let (code, out, err) = run(&["freq", "c", "--strict"], d.path());
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("stopping (--strict): c/") && !err.contains("skipped"),
        "{err}"
    );
}

#[test]
fn unreadable_files_and_link_loops_do_not_stop_a_folder() {
    let d = folder(&[("c/a.txt", b"peace"), ("c/sub/b.txt", b"war")]);
    let c = d.path().join("c");
    std::os::unix::fs::symlink("missing.txt", c.join("broken.txt")).unwrap();
    std::os::unix::fs::symlink("self.txt", c.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("..", c.join("sub/up")).unwrap();
    // A second name for a folder, sorting before it: the folder is still read under its own.
    std::os::unix::fs::symlink("sub", c.join("0alias")).unwrap();
    let (code, out, err) = run(&["freq", "c", "--format", "csv"], d.path());
    assert_eq!(code, 1, "an input failed: {err}");
    assert!(err.contains("verbale: error: c/broken.txt: cannot read: No such file or directory (os error 2); check the path (a broken symbolic link?)"), "{err}");
    assert!(err.contains("verbale: error: c/self.txt: cannot read: Too many levels of symbolic links (os error 40); a loop of symbolic links; fix or remove the link"), "{err}");
    assert!(
        err.contains(
            "verbale: warning: c/sub/up: a folder already read, reached again through a symbolic link; skipped"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "verbale: warning: c/0alias: a folder already read, reached again through a symbolic link; skipped"
        ),
        "{err}"
    );
    let (_, by_doc, _) = run(&["freq", "c", "--by", "doc", "--format", "csv"], d.path());
    assert!(by_doc.contains("\nsub/b,war,war,1,"), "{by_doc}");
    assert!(
        out.contains("peac,peace,1,1,") && out.contains("war,war,1,1,"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 3, "each file once: {out}");
    // --strict stops at the first failure, with no table.
    let (code, out, err) = run(&["freq", "c", "--strict"], d.path());
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("verbale: error: stopping (--strict): c/broken.txt: cannot read"),
        "{err}"
    );
}

#[test]
fn oversized_files_are_refused_before_reading() {
    let d = tempfile::tempdir().unwrap();
    // 1 GB, one line with no spaces: sparse, so the test costs no disk.
    let f = fs::File::create(d.path().join("huge.txt")).unwrap();
    f.set_len(1_000_000_000).unwrap();
    fs::write(d.path().join("ok.txt"), "peace").unwrap();
    let (code, out, err) = run(&["freq", ".", "--format", "csv"], d.path());
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "huge.txt: 1000.0 MB is over the 100.0 MB limit; split the file or raise --max-size"
        ),
        "{err}"
    );
    assert!(out.contains("peac,peace,1,1,"), "{out}");
    // A one-line, space-free file under the limit is read (one long token), and the limit moves.
    fs::write(d.path().join("line.txt"), "x".repeat(2_000_000)).unwrap();
    let (code, out, err) = run(&["freq", "line.txt", "--format", "csv"], d.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2);
    let (code, _, err) = run(&["freq", "line.txt", "--max-size", "1"], d.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("line.txt: 2.0 MB is over the 1.0 MB limit"),
        "{err}"
    );
    let (code, _, _) = run(&["freq", "line.txt", "--max-size", "5000"], d.path());
    assert_eq!(code, 2, "over 4000 MB is a usage error");
}

#[test]
fn unbalanced_marks_and_one_word_ten_million_times() {
    let marks = "word \u{201C} ".repeat(100_000);
    let words = "peace ".repeat(10_000_000);
    let d = folder(&[
        ("marks.txt", marks.as_bytes()),
        ("words.txt", words.as_bytes()),
    ]);
    let (code, out, err) = run(
        &["quotes", "marks.txt", "--unpaired", "--format", "csv"],
        d.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 100_001, "every mark reported once");
    // --top keeps the first of them.
    let (code, top, err) = run(
        &[
            "quotes",
            "marks.txt",
            "--unpaired",
            "--top",
            "8",
            "--format",
            "csv",
        ],
        d.path(),
    );
    assert_eq!((code, top.lines().count()), (0, 9), "{err}");
    // --kind all, the default written out, goes with --unpaired; a kind does not.
    let (code, all, err) = run(
        &[
            "quotes",
            "marks.txt",
            "--unpaired",
            "--kind",
            "all",
            "--format",
            "csv",
        ],
        d.path(),
    );
    assert_eq!((code, all == out), (0, true), "{err}");
    let (code, _, err) = run(
        &["quotes", "marks.txt", "--unpaired", "--kind", "scare"],
        d.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("leave out --kind scare"), "{err}");
    let (code, out, err) = run(&["freq", "words.txt", "--format", "csv"], d.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("peac,peace,10000000,1,10000.0"), "{out}");
}

#[test]
fn mixed_scripts_right_to_left_and_control_characters() {
    let text = "Peace \u{0633}\u{0644}\u{0627}\u{0645} \u{05E9}\u{05DC}\u{05D5}\u{05DD} \u{043C}\u{0438}\u{0440} \
                \u{548C}\u{5E73} peace \u{0633}\u{0644}\u{0627}\u{0645}\u{200F}\u{001B}]0;pwned\u{0007} red\u{0008} \
                \u{202E}txet desrever\u{202C}";
    let d = folder(&[("mixed.txt", text.as_bytes())]);
    let (code, out, err) = run(
        &["freq", "mixed.txt", "--no-stem", "--format", "csv"],
        d.path(),
    );
    assert_eq!(code, 0, "{err}");
    for row in [
        "peace,peace,2,",
        "\u{0633}\u{0644}\u{0627}\u{0645},\u{0633}\u{0644}\u{0627}\u{0645},2,",
        "\u{05E9}\u{05DC}\u{05D5}\u{05DD},",
        "\u{043C}\u{0438}\u{0440},",
        "red,red,1,",
        "pwned,pwned,1,",
        "desrever,desrever,1,",
    ] {
        assert!(out.contains(row), "{row}: {out}");
    }
    // The terminal table shows control and bidi characters as escapes, never raw.
    let (code, out, _) = run(&["kwic", "mixed.txt", "red"], d.path());
    assert_eq!(code, 0);
    assert!(
        !out.contains('\u{1B}') && !out.contains('\u{202E}') && !out.contains('\u{7}'),
        "{out:?}"
    );
    assert!(out.contains("\\u{1b}"), "{out}");
}

#[test]
fn a_missing_manifest_fails_as_a_missing_input() {
    let d = folder(&[("in.txt", b"peace and elections")]);
    let (code, _, err) = run(&["freq", "in.txt", "--meta", "nometa.csv"], d.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("verbale: error: nometa.csv: cannot read:")
            && err.contains("check the path"),
        "{err}"
    );
}

#[test]
fn output_failures_leave_nothing_behind() {
    let d = folder(&[("in.txt", b"peace and elections")]);
    // A folder as the output, a missing folder, a folder nobody may write.
    // Both refused before any input is read: the missing input is never reached.
    let (code, _, err) = run(&["freq", "in.txt", "gone.txt", "-o", "."], d.path());
    assert_eq!(code, 2, "a folder as -o is a usage error");
    assert_eq!(
        err.trim(),
        "verbale: error: .: -o names a folder; give a file name (inside it, or elsewhere)"
    );
    let (code, _, err) = run(&["freq", "in.txt", "gone.txt", "-o", "nope/"], d.path());
    assert_eq!(code, 2, "a folder, though it does not exist: {err}");
    let (code, _, err) = run(
        &["freq", "in.txt", "gone.txt", "-o", "nope/out.csv"],
        d.path(),
    );
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "verbale: error: nope/out.csv: cannot write: folder nope does not exist; create the folder first or choose another -o path");
    // A link to a file in a missing folder: refused before reading too, as its writing would be.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nope/out.csv", d.path().join("link.csv")).unwrap();
        // And through a chain of links: the last one is not replaced by a file.
        std::os::unix::fs::symlink("link.csv", d.path().join("chain.csv")).unwrap();
        for link in ["link.csv", "chain.csv"] {
            let (code, _, err) = run(&["freq", "in.txt", "gone.txt", "-o", link], d.path());
            assert_eq!(code, 1);
            assert_eq!(err.trim(), format!("verbale: error: {link}: cannot write: folder nope does not exist; create the folder first or choose another -o path"));
            assert!(fs::symlink_metadata(d.path().join("link.csv"))
                .unwrap()
                .file_type()
                .is_symlink());
        }
    }
    let root = is_root();
    let locked = if root {
        // root may write anywhere a mode allows; sysfs takes no new files from anyone.
        Path::new("/sys").to_path_buf()
    } else {
        let p = d.path().join("locked");
        fs::create_dir(&p).unwrap();
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&p, fs::Permissions::from_mode(0o555)).unwrap();
        p
    };
    let target = locked.join("verbale-out.csv");
    let (code, _, err) = run(
        &["freq", "in.txt", "-o", target.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(code, 1);
    let folder = locked.display().to_string();
    assert!(
        err.contains(&format!(
            "cannot write: Permission denied (os error 13) in folder {folder}; check the folder's permissions"
        )),
        "{err}"
    );
    // The temporary file's name means nothing to the reader.
    assert!(!err.contains(".verbale-"), "{err}");
    assert!(!target.exists());
    // It is found before any input is read: with an input that is missing too, the output's
    // folder is what the run says (a corpus is not read in full to fail at its end).
    let (code, _, err) = run(
        &["freq", "missing.txt", "-o", target.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains(&format!("in folder {folder}")), "{err}");
    assert!(!err.contains("missing.txt"), "{err}");
    // A full disk: /dev/full fails every write.
    let (code, _, err) = run(
        &["freq", "in.txt", "-f", "csv", "-o", "/dev/full"],
        d.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("verbale: error: /dev/full: cannot write: No space left on device (os error 28); the disk is full"), "{err}");
    // A write cut short (file size limit, as when a disk fills mid-write): no partial file,
    // no temporary file, the earlier output intact; the limit's signal (SIGXFSZ, which would
    // kill the process with no message) is not trapped here: verbale ignores it itself.
    fs::write(d.path().join("out.csv"), "earlier").unwrap();
    let bin = assert_cmd::cargo::cargo_bin("verbale");
    let docs = crate::common::data("quotes/docs");
    let o = std::process::Command::new("bash")
        .current_dir(d.path())
        .arg("-c")
        .arg(format!(
            "ulimit -f 1; '{}' freq '{}' --by doc -o out.csv",
            bin.display(),
            docs.display()
        ))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("out.csv: cannot write: File too large (os error 27)"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(d.path().join("out.csv")).unwrap(),
        "earlier"
    );
    assert_eq!(
        names(d.path())
            .iter()
            .filter(|n| n.contains(".tmp"))
            .count(),
        0,
        "{:?}",
        names(d.path())
    );
    // Devices are written in place, never replaced.
    let (code, _, _) = run(
        &["freq", "in.txt", "-f", "csv", "-o", "/dev/null"],
        d.path(),
    );
    assert_eq!(code, 0);
    assert!(!fs::metadata("/dev/null").unwrap().file_type().is_file());
}

/// Whether the tests run as root (permissions do not bind root).
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[test]
fn a_pipe_whose_text_waits_for_the_corpus_is_read_once() {
    // A document with a hyphen at a line break waits for the corpus's words and is read again
    // from its file; a pipe (`<(zcat speech.gz)`) cannot be, so its text is kept.
    let d = folder(&[("other.txt", b"Negotiation matters.")]);
    let fifo = d.path().join("speech.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let writer = std::thread::spawn(move || fs::write(fifo, "The nego-\ntiation of peace.\n"));
    let (code, out, err) = run(
        &["freq", "speech.txt", "other.txt", "--format", "csv"],
        d.path(),
    );
    writer.join().unwrap().unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("negoti,negotiation,2,2,"), "{out}");
}

#[test]
fn a_glob_that_reached_verbale_says_the_shell_expands_globs() {
    let dir = folder(&[("a.txt", b"Some words here.")]);
    let (code, _, err) = run(&["freq", "*.text"], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("*.text: no such file or folder"), "{err}");
    assert!(err.contains("the shell expands globs"), "{err}");
    let (_, _, err) = run(&["freq", "missing.txt"], dir.path());
    assert!(!err.contains("glob"), "no hint without a wildcard: {err}");
}

#[test]
fn kwic_keeps_no_break_spaces_in_its_contexts() {
    let dir = folder(&[(
        "fr.txt",
        "Le budget est de 10\u{202F}000 euros, dit-il.".as_bytes(),
    )]);
    let (code, out, _) = run(&["kwic", "fr.txt", "euros", "--format", "csv"], dir.path());
    assert_eq!(code, 0);
    assert!(out.contains("de 10\u{202F}000,euros"), "{out}");
}

/// Usage slips get exit 2 and verbale's own words, and nothing is written: `--top 0`, a column
/// named twice, an output extension verbale does not write, a negative probability.
#[test]
fn usage_slips_are_named() {
    let dir = folder(&[("a.txt", b"The so-called \"elections\" were held.\n")]);
    let d = dir.path();
    for (args, says) in [
        (
            &["freq", "a.txt", "--top", "0"][..],
            "not a count of at least 1",
        ),
        (
            &["freq", "a.txt", "--columns", "term,term"][..],
            "'term' is asked for twice",
        ),
        // Per-document rows as CSV are formatted straight from the counts: refused as well.
        (
            &[
                "freq",
                "a.txt",
                "--by",
                "doc",
                "--columns",
                "a=doc,a=term",
                "-o",
                "a.csv",
            ][..],
            "'a' is asked for twice",
        ),
        (
            &["freq", "a.txt", "-o", "out.xlsx"][..],
            "does not write .xlsx files",
        ),
        (
            &["quotes", "a.txt", "--min-confidence", "-0.1"][..],
            "probability from 0 to 1",
        ),
    ] {
        let (code, _, err) = run(args, d);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(names(d), ["a.txt"]);
}

/// An abbreviation is one term, not stemmed (`U.S.` was `u.`), and kwic finds it as typed.
#[test]
fn abbreviations_are_terms_and_kwic_finds_them_as_typed() {
    let dir = folder(&[("us.txt", b"The U.S. and the U.S. Congress. The U.N. met.\n")]);
    let (code, out, err) = run(
        &["freq", "us.txt", "-f", "csv", "--columns", "term,count"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\nu.s,2\n") && out.contains("\nu.n,1\n"),
        "{out}"
    );
    for (pattern, hits) in [("U.S.", 2), ("u.n.", 1), ("U.S", 2)] {
        let (code, out, err) = run(&["kwic", "us.txt", pattern, "-f", "csv"], dir.path());
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.lines().count() - 1, hits, "{pattern}: {out}");
    }
}

/// Punctuation around a kwic pattern's words is taken away, with a warning (no word token
/// holds it, so the pattern could never match); a pattern of punctuation only is refused.
#[test]
fn kwic_patterns_with_punctuation_find_the_words() {
    let text = "The so-called \u{201c}elections\u{201d} in the occupied territories. Elections were held.\n";
    let dir = folder(&[("n.txt", text.as_bytes())]);
    let hits = |pattern: &str| {
        let (code, out, err) = run(&["kwic", "n.txt", pattern, "-f", "csv"], dir.path());
        assert_eq!(code, 0, "{err}");
        (out.lines().count() - 1, err)
    };
    let (n, err) = hits("occupied territories.");
    assert_eq!(n, 1);
    assert!(err.contains("looking for 'occupied territories'"), "{err}");
    let (n, err) = hits("\u{201c}elections\u{201d}");
    assert_eq!(n, 2);
    assert!(err.contains("--quoted-only"), "{err}");
    assert_eq!(hits("elections"), (2, String::new()));
    let (code, _, err) = run(&["kwic", "n.txt", "\u{201c}"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("has no word"), "{err}");
}

/// A phrase reads over an abbreviation's full stop, as the counts do (`Mr. President`), but
/// not over a sentence's end.
#[test]
fn kwic_phrases_read_over_an_abbreviation() {
    let text = "Mr. President, the U.S. commitment stands. It is no matter. Mr Smith agreed.\n";
    let dir = folder(&[("n.txt", text.as_bytes())]);
    let hits = |pattern: &str| {
        let (code, out, err) = run(&["kwic", "n.txt", pattern, "-f", "csv", "-q"], dir.path());
        assert_eq!(code, 0, "{err}");
        out.lines().count() - 1
    };
    assert_eq!(hits("mr. president"), 1);
    assert_eq!(hits("mr president"), 1);
    assert_eq!(hits("u.s. commitment"), 1);
    assert_eq!(hits("matter mr"), 0);
}

/// `kwic` over files none of which has words ends as the other commands do: exit 1, the
/// files' warnings, no table.
#[test]
fn kwic_over_files_without_words_fails_as_the_others_do() {
    let dir = folder(&[("empty.txt", b""), ("blank.txt", b"  \n...\n")]);
    for (kwic, freq, says) in [
        (
            &["kwic", ".", "peace"][..],
            &["freq", "."][..],
            "2 files found and none could be analysed",
        ),
        (
            &["kwic", "empty.txt", "peace"][..],
            &["freq", "empty.txt"][..],
            "none of the files named could be read or had words",
        ),
    ] {
        let mut errors = Vec::new();
        for cmd in [kwic, freq] {
            let (code, out, err) = run(cmd, dir.path());
            assert_eq!(code, 1, "{cmd:?}: {err}");
            assert!(out.is_empty(), "{cmd:?}: {out}");
            assert!(
                err.contains("empty.txt: no words") && err.contains(says),
                "{cmd:?}: {err}"
            );
            errors.push(
                err.lines()
                    .find(|l| l.contains("error:"))
                    .map(str::to_string),
            );
        }
        assert_eq!(errors[0], errors[1]);
    }
}

/// A phrase does not run over a paragraph's end, in `kwic` as in `dict`: a file of a paragraph
/// per line whose line ends on `Climate` and whose next starts with `Change` (a heading).
#[test]
fn kwic_phrases_stop_at_a_paragraphs_end_as_dict_does() {
    let long = "We speak of the work of this Organization and of its Members, year after year, \
                with the same words and the same hopes for peace and for development. ";
    let text = format!(
        "{long}{long}We must act on climate change now.\n{long}{long}The Convention on Climate\n\
         Change and its protocols bind us all. {long}\n{long}{long}\n"
    );
    let dir = folder(&[
        ("p.txt", text.as_bytes()),
        ("d.yml", b"cc: [climate change]\n"),
    ]);
    let (code, out, err) = run(
        &["kwic", "p.txt", "climate change", "-f", "csv", "-q"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count() - 1, 1, "{out}");
    let (code, out, err) = run(
        &["dict", "p.txt", "--dict", "d.yml", "-f", "csv", "-q"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines().nth(1).is_some_and(|l| l.starts_with("cc,1,")),
        "{out}"
    );
}

/// A French text read as English (the default `--lang`) counts `de`, `la`, `les` as its top
/// terms: a warning names the language the words are stopwords of. English text does not
/// warn, nor does the French text with `--lang fr`, nor anything under `--quiet`.
#[test]
fn a_lang_that_does_not_match_the_text_is_warned_of() {
    let fr = crate::common::data("lang/fr_assemblee_2003_excerpt.txt");
    let fr = fr.to_str().unwrap();
    let seed = crate::common::data("seed");
    let dir = std::env::temp_dir();
    let (code, _, err) = run(&["freq", fr, "--top", "1"], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("are French stopwords, not English") && err.contains("--lang fr"),
        "{err}"
    );
    for args in [
        &["freq", fr, "--top", "1", "--lang", "fr"][..],
        &["freq", fr, "--top", "1", "--quiet"][..],
        &["freq", seed.to_str().unwrap(), "--top", "1"][..],
        &[
            "freq",
            seed.to_str().unwrap(),
            "--top",
            "1",
            "--stopwords",
            "none",
        ][..],
    ] {
        let (code, _, err) = run(args, &dir);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!err.contains("stopwords, not"), "{args:?}: {err}");
    }
}

/// In a folder of English speeches, a French and a Portuguese text are each named, with the
/// `--lang` that reads them, by `freq` (through the reading's documents), by `acts` and
/// `dict` (through their own scan), by `ngrams` (through the words it holds) and by `trend`:
/// the corpus as a whole is English, so no corpus-wide hint is given.
/// The English speeches alone, or `--quiet`, warn of nothing. The Portuguese text shares four
/// short stopwords with English (`a`, `do`, `as`, `no`), which used to hide it.
#[test]
fn documents_in_another_language_among_english_ones_are_named() {
    let english = [
        "ungd_SRB_68_2013.txt",
        "ungd_AZE_75_2020.txt",
        "ungd_ATG_65_2010.txt",
        "ungd_ESP_75_2020.txt",
        "ungd_SLB_76_2021.txt",
    ];
    let read = |p: &str| fs::read(crate::common::data(p)).unwrap();
    let mut files: Vec<(String, Vec<u8>)> = english
        .iter()
        .map(|n| (n.to_string(), read(&format!("quotes/docs/{n}"))))
        .collect();
    let only_english = folder(
        &files
            .iter()
            .map(|(n, b)| (n.as_str(), &b[..]))
            .collect::<Vec<_>>(),
    );
    files.push(("fr.txt".into(), read("lang/fr_assemblee_2003_excerpt.txt")));
    files.push(("pt.txt".into(), read("lang/pt_timor_2021.txt")));
    let mixed = folder(
        &files
            .iter()
            .map(|(n, b)| (n.as_str(), &b[..]))
            .collect::<Vec<_>>(),
    );
    let dir = mixed.path().to_str().unwrap();
    for (args, also) in [
        (&["freq", dir, "--top", "1"][..], ""),
        (
            &["acts", dir, "--no-meta"][..],
            " with the English lexicon of acts",
        ),
        (&["dict", dir, "--no-meta", "--dict", "speech-acts"][..], ""),
        (&["ngrams", dir, "--no-meta"][..], ""),
        (
            &[
                "trend",
                "peace",
                dir,
                "--meta-name",
                "{name}",
                "--by",
                "name",
            ][..],
            "",
        ),
    ] {
        let (code, _, err) = run(args, mixed.path());
        assert_eq!(code, 0, "{args:?}: {err}");
        for (name, lang, code) in [("fr", "French", "fr"), ("pt", "Portuguese", "pt")] {
            let line = format!(
                "1 of 7 documents looks {lang}, not English ({name}): its most frequent words are \
                 {lang} stopwords, and it is read as English{also}; read it apart with --lang {code}"
            );
            assert!(err.contains(&line), "{args:?}: {err}");
        }
        assert!(!err.contains("is the text"), "{args:?}: {err}");
        let mut quiet = args.to_vec();
        quiet.push("--quiet");
        let (code, _, err) = run(&quiet, mixed.path());
        assert_eq!((code, err.as_str()), (0, ""), "{quiet:?}");
    }
    let dir = only_english.path().to_str().unwrap();
    for args in [
        &["freq", dir, "--top", "1"][..],
        &["acts", dir, "--no-meta"][..],
    ] {
        let (code, _, err) = run(args, only_english.path());
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!err.contains("documents look"), "{args:?}: {err}");
    }
    // Among three short English readouts, whose words it outnumbers, the Portuguese speech
    // heads the corpus's words; it is named alone, not the corpus taken for Portuguese.
    let wh = crate::common::root().join("data/statements/wh");
    let mut readouts: Vec<PathBuf> = fs::read_dir(&wh)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    readouts.sort();
    let mut few: Vec<(String, Vec<u8>)> = readouts[..3]
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(p).unwrap())
        })
        .collect();
    few.push(("pt.txt".into(), read("lang/pt_timor_2021.txt")));
    let short = folder(
        &few.iter()
            .map(|(n, b)| (n.as_str(), &b[..]))
            .collect::<Vec<_>>(),
    );
    let dir = short.path().to_str().unwrap();
    let (code, _, err) = run(&["freq", dir, "--top", "1", "--no-meta"], short.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 of 4 documents looks Portuguese") && !err.contains("is the text"),
        "{err}"
    );
    // Alone, with no stopwords left out (its terms then hold `a`, `do`, `as`, `no`), the
    // Portuguese text gets the corpus-wide hint.
    let pt = crate::common::data("lang/pt_timor_2021.txt");
    let args = [
        "freq",
        pt.to_str().unwrap(),
        "--stopwords",
        "none",
        "--top",
        "1",
    ];
    let (code, _, err) = run(&args, mixed.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("are Portuguese stopwords, not English"),
        "{err}"
    );
}

/// `--where` that keeps no document says so in every command (not "none could be read", not
/// an empty table), names the flag, and points at a text written in another case than the
/// field holds.
#[test]
fn a_where_that_keeps_nothing_says_so_in_every_command() {
    let dir = folder(&[
        (
            "RUS_1.txt",
            b"We condemn the attack. We support the plan and the treaty.\n",
        ),
        (
            "USA_1.txt",
            b"We welcome the treaty. We urge restraint on all sides.\n",
        ),
        (
            "manifest.csv",
            b"file,country,year\nRUS_1.txt,RUS,2020\nUSA_1.txt,USA,2021\n",
        ),
    ]);
    let d = dir.path();
    for cmd in [
        &["freq", "."][..],
        &["acts", "."][..],
        &["dict", ".", "--dict", "speech-acts"][..],
        &["docs", "."][..],
        &["kwic", ".", "treaty"][..],
        &["trend", "treaty", ".", "--by", "year"][..],
        &["trend", "the treaty", ".", "--by", "year"][..],
        &["ngrams", "."][..],
    ] {
        let mut args = cmd.to_vec();
        args.extend(["--where", "country = 'rus'"]);
        let (code, out, err) = run(&args, d);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(
            err.contains("no document satisfies --where country = 'rus'")
                && err.contains("country holds 'RUS', not 'rus'"),
            "{args:?}: {err}"
        );
        args.truncate(cmd.len());
        args.extend(["--where", "year > 2030"]);
        let (code, _, err) = run(&args, d);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("no document satisfies --where year > 2030") && !err.contains("holds"),
            "{args:?}: {err}"
        );
        // A field of numbers that kept none: its span in the documents is said.
        assert!(
            err.contains("in these documents year runs from 2020 to 2021"),
            "{args:?}: {err}"
        );
    }
    // compare's sides: the condition that chose none is named, not the files' extensions.
    for (extra, blamed) in [
        (
            &["--target-where", "year > 2030"][..],
            "--target-where year > 2030",
        ),
        (
            &[
                "--target-where",
                "year > 2020",
                "--reference-where",
                "year > 2030",
            ][..],
            "--reference-where year > 2030",
        ),
        (
            &["--target-where", "year > 2020", "--where", "year > 2030"][..],
            "--where year > 2030",
        ),
        // --where kept documents: the sides' conditions are to blame, the first one named.
        (
            &[
                "--where",
                "year >= 2020",
                "--target-where",
                "year > 2030",
                "--reference-where",
                "year < 1900",
            ][..],
            "--target-where year > 2030",
        ),
    ] {
        let mut args = vec!["compare", "."];
        args.extend(extra);
        let (code, _, err) = run(&args, d);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains(&format!("no document satisfies {blamed}")),
            "{args:?}: {err}"
        );
    }
    // compare --ngrams reads the sides apart, and names the same conditions.
    let (code, _, err) = run(
        &[
            "compare",
            ".",
            "--ngrams",
            "2",
            "--target-where",
            "year > 2030",
        ],
        d,
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("no document satisfies --target-where year > 2030"),
        "{err}"
    );
    // The reference as the rest, when the target holds every document.
    let (code, _, err) = run(&["compare", ".", "--target-where", "year > 1"], d);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "the reference is empty: every document satisfies --target-where year > 1; choose a \
             reference with --reference-where"
        ),
        "{err}"
    );
}

/// `kwic` takes the pattern last, or first as `trend` and `collocates` do when it names no
/// file: both orders give the same lines.
#[test]
fn kwic_takes_the_pattern_first_or_last() {
    let dir = folder(&[(
        "a.txt",
        b"The so-called \xe2\x80\x9celections\xe2\x80\x9d were a sham. Elections matter.\n",
    )]);
    let last = run(&["kwic", "a.txt", "elections", "-f", "csv"], dir.path());
    let first = run(&["kwic", "elections", "a.txt", "-f", "csv"], dir.path());
    assert_eq!(last.0, 0, "{}", last.2);
    assert_eq!(last.1.lines().count(), 3, "{}", last.1);
    assert_eq!(first, last);
    // A phrase typed without quotes: its first word is no file, and the error says to quote it.
    let (code, out, err) = run(&["kwic", "a.txt", "so-called", "elections"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("so-called: no such file or folder; to find the phrase, give it as one argument in quotes: verbale kwic PATH 'so-called elections'"),
        "{err}"
    );
}

/// `trend` takes terms, then paths: a mistyped path among them (it holds a `/` or ends in a
/// statement's extension) is a missing file, not a term counted nowhere beside the rest.
#[test]
fn a_mistyped_trend_path_is_not_a_term() {
    let dir = folder(&[
        ("a/RUS_1.txt", b"We condemn the sanctions.\n"),
        ("a/manifest.csv", b"file,year\nRUS_1.txt,2020\n"),
    ]);
    for typo in ["b/", "a/typo", "./speeches", "RUS_2.txt"] {
        let (code, out, err) = run(
            &["trend", "sanctions", typo, "a", "--by", "year"],
            dir.path(),
        );
        assert_eq!(code, 1, "{typo}: {err}");
        assert!(out.is_empty(), "{typo}: {out}");
        assert!(
            err.contains(&format!("{typo}: no such file or folder")),
            "{err}"
        );
    }
    let (code, out, err) = run(&["trend", "sanctions", "a", "--by", "year"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("sanctions"), "{out}");
    // A term with a slash whose first part is no folder is a term (found nowhere).
    let (code, out, err) = run(&["trend", "9/11", "a", "--by", "year"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("9/11"), "{out}");
}

/// `--format` and an `-o` data file whose extension says another format (`-f json -o
/// out.csv`) are refused, with nothing written; a text file (`.txt`) takes any format.
#[test]
fn a_format_the_output_extension_contradicts_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let o = verbale()
        .args(["freq", "-q", "-f", "json", "-o"])
        .arg(&out)
        .arg(crate::common::data("seed"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("the file's extension says csv, and --format json"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out.exists());
    let txt = dir.path().join("out.txt");
    let o = verbale()
        .args(["freq", "-q", "-f", "csv", "-o"])
        .arg(&txt)
        .arg(crate::common::data("seed"))
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&txt).unwrap().starts_with("term,"));
}

#[test]
fn a_wide_kwic_window_shows_its_words_and_cuts_none() {
    // 300 words on each side of the hit: a window of 100 shows 100 whole words each side
    // (contexts were once cut at 400 bytes, mid-word).
    let left: Vec<String> = (0..300).map(|i| format!("leftword{i}")).collect();
    let right: Vec<String> = (0..300).map(|i| format!("rightword{i}")).collect();
    let text = format!("{} elections {}.\n", left.join(" "), right.join(" "));
    let dir = folder(&[("a.txt", text.as_bytes())]);
    let df = crate::common::csv_of(
        &["kwic", "elections", "--window", "100", "-f", "csv"],
        dir.path(),
    );
    let l = crate::common::strs(&df, "left");
    let r = crate::common::strs(&df, "right");
    let lw: Vec<&str> = l[0].split_whitespace().collect();
    let rw: Vec<&str> = r[0].split_whitespace().collect();
    assert_eq!(lw.len(), 100, "{}", l[0]);
    assert_eq!(lw[0], "leftword200");
    assert_eq!(rw.len(), 100, "{}", r[0]);
    assert_eq!(rw[99], "rightword99");
}

#[test]
fn a_few_windows_1252_quotation_marks_get_a_guess_and_a_stray_nul_is_binary() {
    // The seed's “elections” typed on Windows: only two non-ASCII bytes, both curly marks.
    let dir = folder(&[
        ("quotes.txt", b"The \x93elections\x94 were held.\n"),
        ("nul.txt", b"hello\0world"),
    ]);
    let out = verbale()
        .arg("freq")
        .arg(dir.path().join("quotes.txt"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("perhaps Latin-1/Windows-1252 text (a guess from few bytes)")
            && err.contains("iconv -f WINDOWS-1252"),
        "{err}"
    );
    let out = verbale()
        .arg("freq")
        .arg(dir.path().join("nul.txt"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("looks like a binary file"), "{err}");
    assert!(!err.contains("UTF-16"), "{err}");
}

/// Arguments in another command's order, or a field that is a row of its own, are named with
/// what to write instead.
#[test]
fn arguments_out_of_order_are_named_with_the_order() {
    let d = folder(&[
        ("c/a.txt", b"Sanctions and sanctions again."),
        ("c/manifest.csv", b"file,year\na.txt,2001\n"),
    ]);
    let err = says(&["collocates", "c", "sanctions", "-q"], d.path(), 2);
    assert!(err.contains("`verbale collocates sanctions c`"), "{err}");
    let err = says(&["acts", "c", "--group-by", "doc", "-q"], d.path(), 2);
    assert!(err.contains("--by-doc"), "{err}");
    let err = says(&["freq", "c", "--where", "dco = 'a'", "-q"], d.path(), 2);
    assert!(err.contains("doc and path"), "{err}");
}

/// An output never replaces the metadata a run reads (a folder's manifest, a --meta file), and
/// a table written as text inside an input folder is refused: later runs would count it.
#[test]
fn outputs_spare_the_metadata_and_stay_out_of_the_inputs() {
    let d = folder(&[
        ("c/a.txt", b"Peace and elections."),
        ("c/manifest.csv", b"file,year\na.txt,2001\n"),
        ("meta.csv", b"file,year\na.txt,2001\n"),
    ]);
    let manifest = std::fs::read(d.path().join("c/manifest.csv")).unwrap();
    for args in [
        &["freq", "c", "-o", "c/manifest.csv"][..],
        &[
            "freq",
            "c",
            "--no-meta",
            "--meta",
            "meta.csv",
            "-o",
            "meta.csv",
        ],
        &["freq", "c", "-o", "c/table.md"],
    ] {
        says(args, d.path(), 2);
    }
    assert_eq!(
        std::fs::read(d.path().join("c/manifest.csv")).unwrap(),
        manifest
    );
    assert!(!d.path().join("c/table.md").exists());
    // As CSV, or outside the folder, it is written.
    for args in [
        &["freq", "c", "-o", "c/t.csv"][..],
        &["freq", "c", "-o", "t.md"],
    ] {
        says(args, d.path(), 0);
    }
}

/// A wildcard where stems are matched is refused, not a silent zero (`trend` warns of one and
/// follows the other terms: `trend_names_what_it_cannot_follow_or_group_by`).
#[test]
fn wildcards_where_terms_are_whole_are_refused() {
    let d = folder(&[
        ("c/a.txt", b"Security and secure elections."),
        ("c/manifest.csv", b"file,year\na.txt,2001\n"),
    ]);
    let (code, out, err) = run(&["kwic", "c", "secur*", "--stem"], d.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("wildcard") && out.is_empty(), "{err}");
    // Sorting by a word the context does not hold.
    let (code, _, err) = run(&["kwic", "c", "secur*", "--sort", "7R"], d.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--window"), "{err}");
    let (code, out, err) = run(&["kwic", "c", "secur*"], d.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Security") && out.contains("secure"), "{out}");
}

/// A web page or plain text saved under a PDF's or a Word document's name (a download that went
/// wrong) is refused with what it holds; the other files are read.
#[test]
fn a_web_page_named_as_a_pdf_is_refused() {
    let d = folder(&[
        ("c/good.txt", b"Peace and security for all nations."),
        (
            "c/fake.pdf",
            b"<!DOCTYPE html><html><body><h1>Not Found</h1><p>The requested URL was not found.</p></body></html>",
        ),
        ("c/plain.docx", b"Plain words under a Word document's name."),
    ]);
    let (code, out, err) = run(&["freq", "c", "-f", "csv"], d.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("fake.pdf") && err.contains("it holds a web page"),
        "{err}"
    );
    assert!(
        err.contains("plain.docx") && err.contains("it holds plain text"),
        "{err}"
    );
    assert!(out.contains("secur") && !out.contains("found"), "{out}");
}

/// A file named more than once (twice, or in its folder too, or by another path) is read once,
/// with one warning naming both paths; a folder given alone still reads each file once.
#[test]
fn a_file_named_twice_is_read_once() {
    let dir = folder(&[("s/a.txt", b"Peace and peace again."), ("s/b.txt", b"War.")]);
    let count = |args: &[&str]| -> (String, String) {
        let (code, out, err) = run(args, dir.path());
        assert_eq!(code, 0, "{args:?}: {err}");
        let peace = out
            .lines()
            .find(|l| l.starts_with("peac,"))
            .unwrap_or_default()
            .split(',')
            .take(4) // term, form, count, docs
            .collect::<Vec<_>>()
            .join(",");
        (peace, err)
    };
    let csv = ["--format", "csv", "--stopwords", "none"];
    let (alone, err) = count(&[&["freq", "s/a.txt"][..], &csv].concat());
    assert!(!err.contains("read once"), "{err}");
    assert_eq!(alone, "peac,peace,2,1");
    for args in [
        vec!["freq", "s/a.txt", "s/a.txt"],
        vec!["freq", "s", "s/a.txt"],
        vec!["freq", "s/a.txt", "s/../s/a.txt"],
    ] {
        let (twice, err) = count(&[&args[..], &csv].concat());
        assert_eq!(twice, alone, "{args:?}");
        assert!(
            err.contains("the same file as") && err.contains("read once"),
            "{args:?}: {err}"
        );
    }
    let (code, out, err) = run(&["docs", "s", "s", "--format", "csv"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        err.contains("(and 1 more file named more than once)"),
        "{err}"
    );
}

/// `compare` with one side that has no words names that side, not "none of the files".
#[test]
fn compare_names_the_side_that_has_no_document() {
    let dir = folder(&[
        ("good.txt", b"We welcome the agreement on peace."),
        ("empty.txt", b""),
    ]);
    let err = says(&["compare", "good.txt", "empty.txt"], dir.path(), 1);
    assert!(err.contains("the reference (empty.txt) has none"), "{err}");
    let err = says(&["compare", "empty.txt", "good.txt"], dir.path(), 1);
    assert!(err.contains("the target (empty.txt) has none"), "{err}");
}

/// A folder with nothing to read, beside inputs that have words, is named in a warning and the
/// run goes on (exit 0); alone, it is the run's error (exit 1).
#[test]
fn an_empty_folder_beside_others_is_named() {
    let dir = folder(&[
        ("s/a.txt", b"Peace and peace again."),
        ("e/notes.xyz", b"x"),
    ]);
    let err = says(&["freq", "s", "e"], dir.path(), 0);
    assert!(err.contains("e: no readable txt/md"), "{err}");
    let err = says(&["freq", "s"], dir.path(), 0);
    assert!(!err.contains("no readable"), "{err}");
    let err = says(&["freq", "e"], dir.path(), 1);
    assert!(err.contains("no readable"), "{err}");
}

/// A manifest header written with spaces after its commas names its fields without them, as
/// `--group-by` takes them; two names that are then one are refused.
#[test]
fn manifest_field_names_lose_their_spaces() {
    let dir = folder(&[
        ("s/a.txt", b"Peace and peace again."),
        ("s/b.txt", b"War and war."),
        (
            "s/manifest.csv",
            b"file, country, year\na.txt, FRA, 2001\nb.txt, RUS, 2002\n",
        ),
    ]);
    let (code, out, err) = run(
        &["docs", "s", "--group-by", "country", "-f", "csv"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("country,documents"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
    fs::write(
        dir.path().join("s/manifest.csv"),
        "file,year, year\na.txt,2001,1\nb.txt,2002,2\n",
    )
    .unwrap();
    let err = says(&["docs", "s"], dir.path(), 2);
    assert!(err.contains("'year' is named twice in the header"), "{err}");
}

/// `extract -` is a usage error (exit 2) said once, and `trend --by doc` names the commands
/// that give a row per document, not flags `trend` does not have.
#[test]
fn extract_of_stdin_and_trend_by_doc_say_what_to_do() {
    let d = folder(&[("c/a.txt", b"We condemn the attack on France.")]);
    let err = says(&["extract", "-"], d.path(), 2);
    assert_eq!(err.matches("verbale: error").count(), 1, "{err}");
    assert!(
        err.contains("extract reads files, not standard input"),
        "{err}"
    );
    let err = says(&["trend", "France", "c", "--by", "doc"], d.path(), 2);
    assert!(
        err.contains("`freq --by doc`") && !err.contains("--by-doc, or"),
        "{err}"
    );
}
