//! `verbale report` in a real browser: headless Chromium (Debian's `chromium` and
//! `chromium-driver`, driven by `python3-selenium`) opens report.html at 1280 and 390 px, and
//! `tests/browser/check_report.py` checks that the page never scrolls sideways, every chart and
//! table is there and no console error is logged. Nothing is downloaded at test time.
//!
//! Ignored by default, as it needs a browser; `.ci/run` installs one and runs it. Run with
//! `--ignored`, it fails (never passes) when the browser is missing. The Python that has
//! Selenium is `/usr/bin/python3` (Debian's), or `VERBALE_BROWSER_PYTHON`.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs chromium, chromium-driver and python3-selenium; .ci/run installs them and runs it"]
fn report_holds_up_in_a_real_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    // The bundled corpus: every section, ten charts, the groups (data/manifest.csv).
    let o = Command::new(env!("CARGO_BIN_EXE_verbale"))
        .args(["report", "-q", "data", "-o"])
        .arg(&out)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "verbale report failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let python =
        std::env::var_os("VERBALE_BROWSER_PYTHON").unwrap_or_else(|| "/usr/bin/python3".into());
    let o = Command::new(&python)
        .arg(root.join("tests/browser/check_report.py"))
        .arg(out.join("report.html"))
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "browser missing: cannot run {python:?} ({e}); install python3, chromium, \
                 chromium-driver and python3-selenium (Debian), or set VERBALE_BROWSER_PYTHON"
            )
        });
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    match o.status.code() {
        Some(0) => println!("{said}"),
        // 3: no browser to test with. A failure, so that a missing browser is never a pass.
        Some(3) => panic!("{said}"),
        _ => panic!("report.html fails in the browser ({}):\n{said}", o.status),
    }
}
