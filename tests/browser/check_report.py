#!/usr/bin/env python3
"""Opens a verbale report.html in headless Chromium at 1280 and 390 px and checks it.

    python3 tests/browser/check_report.py REPORT.html [--screenshot PREFIX]

Checks at each width: (a) the page does not scroll sideways (tables may, in their own box),
(b) every chart is loaded, one <img> per chart file beside the report, none wider than the
screen, (c) every table is there and has rows, (d) no console errors; at 390 px also (e) no
text under 12 px and (f) charts shown at 80% or more of their drawn width (drawn for the
phone). Exit 0: all pass; 1: a check failed (listed); 3: no browser to test with.
Needs Debian's chromium, chromium-driver and python3-selenium (for /usr/bin/python3); the
driver is given by path, so Selenium never downloads one. VERBALE_CHROMEDRIVER and
VERBALE_CHROMIUM override the Debian paths. --screenshot PREFIX saves PREFIX390.png and
PREFIX1280.png (the whole page)."""

import base64
import glob
import os
import pathlib
import shutil
import sys

WIDTHS = (1280, 390)
MISSING = 3
DRIVER = os.environ.get("VERBALE_CHROMEDRIVER", "/usr/bin/chromedriver")
BROWSER = os.environ.get("VERBALE_CHROMIUM", "/usr/bin/chromium")


def missing(why):
    print(f"browser missing: install chromium, chromium-driver and python3-selenium (Debian: "
          f"apt-get install chromium chromium-driver python3-selenium) and run this with the "
          f"python that has selenium (Debian's: /usr/bin/python3), or set VERBALE_CHROMEDRIVER "
          f"and VERBALE_CHROMIUM. Here: {why}")
    sys.exit(MISSING)


try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
except ImportError as e:
    missing(f"{sys.executable} cannot import selenium ({e})")

# Measured in the page: overflow, images, tables, the smallest text.
PROBE = """
const de = document.documentElement, vw = de.clientWidth;
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '');
// Inside a box that scrolls or clips sideways (a table in div.scroll): allowed to be wider.
const boxed = p => { for (; p && p !== document.body; p = p.parentElement) {
  if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
// Elements, and text (an unbroken word overflows its box without widening it), past the edge.
const wide = [];
const out = (e, r, what, box) => { if (r.width > 0 && (r.right > vw + 1 || r.left < -1) && !boxed(box) && wide.length < 8)
  wide.push(`${what}${name(e)} left ${Math.round(r.left)} width ${Math.round(r.width)} (box ${Math.round(e.getBoundingClientRect().width)})`); };
document.body.querySelectorAll('*').forEach(e => out(e, e.getBoundingClientRect(), '', e.parentElement));
const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n; (n = texts.nextNode());) { const g = document.createRange(); g.selectNodeContents(n);
  out(n.parentElement, g.getBoundingClientRect(), `text ${JSON.stringify(n.textContent.trim().slice(0, 30))} in `, n.parentElement); }
// A <picture> may pick a narrow chart on a phone: currentSrc is the one shown.
const imgs = [...document.images].map(i => ({src: i.currentSrc || i.getAttribute('src') || '', ok: i.complete && i.naturalWidth > 0, nw: i.naturalWidth,
  w: i.getBoundingClientRect().width, alt: i.alt}));
const tables = [...document.querySelectorAll('table')].map((t, k) => ({n: k + 1, rows: t.querySelectorAll('tr td').length > 0 ? t.rows.length : 0,
  shown: t.offsetHeight > 0, head: (t.rows[0] ? t.rows[0].innerText : '').slice(0, 40)}));
let small = {px: 1e9, el: ''};
const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n; (n = walk.nextNode());) {
  const e = n.parentElement; if (!n.textContent.trim() || !e.getClientRects().length) continue;
  const px = parseFloat(getComputedStyle(e).fontSize); if (px < small.px) small = {px: px, el: name(e)};
}
return {vw: vw, sw: de.scrollWidth, wide: wide, imgs: imgs, tables: tables, small: small};
"""


def check(driver, url, html, charts, width, shot):
    """Loads the page at one width; returns the failures (and prints every check)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get_log("browser")  # forget what earlier loads logged
    driver.get(url)
    m = driver.execute_script(PROBE)
    fails = []

    def line(ok, what):
        print(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            fails.append(f"{width}px: {what}")

    line(m["vw"] == width, f"viewport clientWidth {m['vw']} (asked {width})")
    fits = m["sw"] <= m["vw"] + 1
    line(fits, f"no horizontal overflow: scrollWidth {m['sw']} <= clientWidth {m['vw']}"
         + ("" if fits else "; wider than the page: " + (", ".join(m["wide"]) or "(not found)")))
    imgs = m["imgs"]
    broken = [i["alt"] or i["src"][:40] for i in imgs if not i["ok"]]
    nws = [i["nw"] for i in imgs] or [0]
    line(not broken and len(imgs) > 0, f"{len(imgs)} images, all loaded (natural widths {min(nws)}-{max(nws)}px)"
         + (f"; not loaded: {broken}" if broken else ""))
    line(len(imgs) == len(charts) == html.count("<img "),
         f"{len(imgs)} images for {len(charts)} chart files beside the report ({html.count('<img ')} <img> in the source)")
    # An image refers to a chart file that exists, or embeds one (data: URI).
    lost = [i["src"] for i in imgs if not i["src"].startswith(("data:image/png", "data:image/svg"))
            and os.path.basename(i["src"]) not in charts]
    line(not lost, "every image is a chart (embedded or beside the report)" + (f"; not: {lost}" if lost else ""))
    over = [f"{i['alt'][:40]!r} {i['w']:.0f}px" for i in imgs if i["w"] > m["vw"] + 1]
    line(not over, f"no image wider than {m['vw']}px (widest {max([i['w'] for i in imgs] or [0]):.0f}px)"
         + (f"; wider: {over}" if over else ""))
    tables = m["tables"]
    empty = [f"table {t['n']} {t['head']!r}" for t in tables if not t["rows"] or not t["shown"]]
    line(len(tables) > 0 and len(tables) == html.count("<table") and not empty,
         f"{len(tables)} tables ({html.count('<table')} in the source), all shown with rows"
         + (f"; empty or hidden: {empty}" if empty else ""))
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    line(not errors, "no console errors" + (f": {errors}" if errors else ""))
    if width < 600:
        s = m["small"]
        line(s["px"] >= 12, f"smallest text {s['px']:.2f}px >= 12px (in {s['el']})")
        # Charts draw their text at 12-15 px: shown at 80% of their drawn width or more, it
        # stays at about 10 px or more (a 1000 px chart squeezed to a phone's width would
        # leave it at 4).
        scales = [i["w"] / i["nw"] for i in imgs if i["nw"]]
        least = min(scales or [0])
        line(least >= 0.8, f"charts shown at {least:.0%} or more of their drawn width (>= 80%)")
    if shot:
        # The whole page, not only the first screen.
        png = driver.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True, "format": "png"})
        with open(f"{shot}{width}.png", "wb") as f:
            f.write(base64.b64decode(png["data"]))
        print(f"  screenshot: {shot}{width}.png")
    return fails


def main():
    args = sys.argv[1:]
    shot = None
    if "--screenshot" in args:
        i = args.index("--screenshot")
        shot = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1 or not os.path.isfile(args[0]):
        print(__doc__)
        return 2
    report = os.path.abspath(args[0])
    with open(report, encoding="utf-8") as f:
        html = f.read()
    folder = os.path.dirname(report)
    charts = {os.path.basename(p) for p in glob.glob(os.path.join(folder, "*.png"))
              + glob.glob(os.path.join(folder, "*.svg"))}
    for what, path in (("chromedriver", DRIVER), ("chromium", BROWSER)):
        if not (os.path.isfile(path) or shutil.which(path)):
            missing(f"no {what} at {path}")

    opts = webdriver.ChromeOptions()
    opts.binary_location = BROWSER
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--window-size=1280,900", "--hide-scrollbars"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    os.environ.setdefault("SE_OFFLINE", "true")  # newer Selenium: never fetch a driver or browser
    try:
        driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    except WebDriverException as e:
        missing(f"chromedriver {DRIVER} could not start {BROWSER}: {e.msg or e}")
    fails = []
    try:
        url = pathlib.Path(report).as_uri()
        for width in WIDTHS:
            print(f"{width}px:")
            fails += check(driver, url, html, charts, width, shot)
    finally:
        driver.quit()
    if fails:
        print(f"FAILED: {len(fails)} check(s) of {report}:")
        for f in fails:
            print("  - " + f)
        return 1
    print(f"all checks pass at {' and '.join(map(str, WIDTHS))} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
