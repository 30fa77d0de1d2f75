//! Drawing a trend: a line per term over an ordered axis of groups (years), in one panel or
//! small multiples (one per facet, sharing the y scale), each point sized by its group's
//! documents and ringed in the scare-quote colour where the term was scare-quoted.

use super::draw::{
    bold, fit, fmt_tick, font, header, line, nice_step, text, width, Cut, MARGIN, R,
};
use super::{palette, LinePanel, LineSeries, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Line colours (Okabe–Ito without the scare-quote vermilion and the pale yellow), the sky
/// blue last: up to five lines have five different hues (it was fifth, beside the first's
/// blue: `nato` and `west` read as one).
const SERIES: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x22, 0x22, 0x22),
    RGBColor(0x56, 0xB4, 0xE9),
];

fn colour(i: usize) -> RGBColor {
    SERIES[i % SERIES.len()]
}

/// Draws the point of series `i` at `at`, of the area of a circle of radius `r`: a circle, a
/// triangle, a diamond, a square, then again. The points of a group are drawn last series
/// first ([`panel`]), so that where several terms sit on one value (a year where each is 0)
/// the smaller circle lies on the triangle, the triangle on the diamond, the diamond on the
/// square, and each shape shows past the one above it.
fn marker<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    i: usize,
    (x, y): (i32, i32),
    r: i32,
    c: RGBColor,
) -> R {
    let style = c.filled();
    let at = |k: f64| (k * r as f64).round() as i32;
    let drawn = match i % 4 {
        0 => a.draw(&Circle::new((x, y), r, style)),
        // Triangle: half its base 1.35 r, from 1.4 r above the centre to 0.95 r below.
        1 => a.draw(&Polygon::new(
            vec![
                (x, y - at(1.4)),
                (x + at(1.35), y + at(0.95)),
                (x - at(1.35), y + at(0.95)),
            ],
            style,
        )),
        // Diamond: 1.3 r from its centre to each corner.
        2 => a.draw(&Polygon::new(
            vec![
                (x, y - at(1.3)),
                (x + at(1.3), y),
                (x, y + at(1.3)),
                (x - at(1.3), y),
            ],
            style,
        )),
        // Square: 0.89 r from its centre to each side.
        _ => a.draw(&Rectangle::new(
            [(x - at(0.89), y - at(0.89)), (x + at(0.89), y + at(0.89))],
            style,
        )),
    };
    drawn.map_err(|e| e.to_string())
}

/// Draws a [`Spec::Lines`].
pub(super) fn draw<DB: DrawingBackend>(a: &DrawingArea<DB, Shift>, spec: &Spec) -> R {
    let Spec::Lines {
        title,
        y_label,
        x,
        panels,
    } = spec
    else {
        return Ok(());
    };
    let (w, h) = a.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let docs = || {
        panels
            .iter()
            .flat_map(|p| &p.series)
            .flat_map(|s| s.points.iter().flatten())
            .map(|p| p.docs)
    };
    // Points are sized by their group's documents only where the groups differ in size enough
    // to be seen (the smallest under 70% of the largest: 185 and 196 documents a year would
    // draw points all but one size, under a legend that promises a difference).
    let (min_docs, max_docs) = (docs().min().unwrap_or(1), docs().max().unwrap_or(1).max(1));
    let sized = (min_docs as f64) < 0.7 * max_docs as f64;
    let mut top = header(a, title, "", &[])?;
    top = legend(a, panels, top, w, sized)?;
    let values = || {
        panels
            .iter()
            .flat_map(|p| &p.series)
            .flat_map(|s| s.points.iter().flatten())
            .map(|p| p.value)
    };
    // The axis starts at 0, or below it for a measure that goes negative (Flesch reading ease
    // of very hard texts).
    let (min, max) = (values().fold(0.0, f64::min), values().fold(0.0, f64::max));
    let step = nice_step(max - min, 4.0);
    let top_v = (max / step).ceil().max(1.0) * step;
    let low_v = (min / step).floor() * step;
    let cols = columns(panels.len(), w as u32);
    let rows = panels.len().div_ceil(cols).max(1);
    let cell_w = (w - 2 * MARGIN) / cols as i32;
    let cell_h = (h - top - MARGIN) / rows as i32;
    for (k, p) in panels.iter().enumerate() {
        let (cx, cy) = ((k % cols) as i32, (k / cols) as i32);
        let area = Panel {
            x0: MARGIN + cx * cell_w,
            y0: top + cy * cell_h,
            w: cell_w,
            h: cell_h,
            top_v,
            low_v,
            step,
            max_docs: if sized { max_docs } else { 0 },
            small: panels.len() > 1,
        };
        panel(a, p, x, &area, y_label)?;
    }
    Ok(())
}

/// What a legend entry shows before its label.
enum Swatch {
    /// The line of the term at this index, in its colour, with its point's shape.
    Line(usize),
    /// The scare-quote ring.
    Ring,
    /// Two points of two sizes (points sized by their group's documents).
    Sizes,
}

/// The legend: each term's colour, the scare-quote ring, and what a point's size says.
fn legend<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    panels: &[LinePanel],
    mut y: i32,
    w: i32,
    sized: bool,
) -> Result<i32, String> {
    let st = font(13.0);
    let mut x = MARGIN;
    let labels = panels.first().map(|p| &p.series[..]).unwrap_or(&[]);
    let mut items: Vec<(String, Swatch)> = labels
        .iter()
        .enumerate()
        .map(|(i, s)| (s.label.clone(), Swatch::Line(i)))
        .collect();
    let any_scare = panels
        .iter()
        .flat_map(|p| &p.series)
        .flat_map(|s| s.points.iter().flatten())
        .any(|pt| pt.scare > 0);
    if any_scare {
        items.push(("scare-quoted (ring; count beside)".into(), Swatch::Ring));
    }
    if sized {
        items.push(("point size: documents in the group".into(), Swatch::Sizes));
    }
    for (label, c) in items {
        let lw = width(a, &label, &st) + 40;
        if x + lw > w - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 20;
        }
        match c {
            Swatch::Sizes => {
                let grey = RGBColor(0x77, 0x77, 0x77);
                for (cx, r) in [(x + 3, 2), (x + 12, 5)] {
                    a.draw(&Circle::new((cx, y + 8), r, grey.filled()))
                        .map_err(|e| e.to_string())?;
                }
            }
            Swatch::Line(i) => {
                line(a, (x, y + 8), (x + 16, y + 8), colour(i), 3)?;
                marker(a, i, (x + 8, y + 8), 4, colour(i))?;
            }
            Swatch::Ring => {
                a.draw(&Circle::new(
                    (x + 8, y + 8),
                    6,
                    palette::SCARE.stroke_width(2),
                ))
                .map_err(|e| e.to_string())?;
            }
        }
        text(a, &label, &st, x + 22, y + 8, HPos::Left, VPos::Center)?;
        x += lw;
    }
    Ok(y + 28)
}

/// Where a panel goes and the scales it shares with the others.
struct Panel {
    x0: i32,
    y0: i32,
    w: i32,
    h: i32,
    top_v: f64,
    /// The axis's lowest value: 0, or below for negative values.
    low_v: f64,
    step: f64,
    /// The largest group's documents (0: points all one size).
    max_docs: u64,
    /// One of several panels: smaller points.
    small: bool,
}

/// A panel's plotting box and how values and groups map into it.
struct Scale {
    left: i32,
    right: i32,
    top: i32,
    bottom: i32,
    top_v: f64,
    low_v: f64,
    /// Each group's place along the x axis, 0..1.
    place: Vec<f64>,
}

impl Scale {
    fn x(&self, i: usize) -> i32 {
        self.left + ((self.right - self.left) as f64 * self.place[i]).round() as i32
    }

    fn y(&self, v: f64) -> i32 {
        let share = (v - self.low_v) / (self.top_v - self.low_v);
        self.bottom - (share * (self.bottom - self.top) as f64).round() as i32
    }
}

/// Groups' places along the x axis: numbers (years) at their values and months evenly, from
/// end to end; other labels (countries) evenly, each in the middle of its share of the axis,
/// so that the first and last points and labels are not drawn on the plot's edges.
fn places(x: &[String]) -> Vec<f64> {
    let n = x.len().max(1);
    let nums: Option<Vec<f64>> = x.iter().map(|l| l.parse::<f64>().ok()).collect();
    match nums {
        Some(v) if v.len() > 1 && v[v.len() - 1] > v[0] => v
            .iter()
            .map(|&x| (x - v[0]) / (v[v.len() - 1] - v[0]))
            .collect(),
        // Months (`2021-02`) are times too: end to end, evenly.
        _ if n > 1 && x.iter().all(|l| month_number(l).is_some()) => {
            (0..n).map(|i| i as f64 / (n - 1) as f64).collect()
        }
        _ => (0..n).map(|i| (i as f64 + 0.5) / n as f64).collect(),
    }
}

fn panel<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    p: &LinePanel,
    x: &[String],
    at: &Panel,
    y_label: &str,
) -> R {
    let tick = font(11.0);
    let axis_w = width(a, &fmt_tick(at.top_v, at.step), &tick) + 10;
    let title_h = if p.title.is_empty() { 0 } else { 20 };
    let sc = Scale {
        left: at.x0 + axis_w + 18,
        right: at.x0 + at.w - 24,
        top: at.y0 + title_h + 8,
        bottom: at.y0 + at.h - 40,
        top_v: at.top_v,
        low_v: at.low_v,
        place: places(x),
    };
    if sc.right <= sc.left + 20 || sc.bottom <= sc.top + 20 {
        return Ok(());
    }
    if title_h > 0 {
        let t = fit(a, &p.title, &bold(13.0), at.w - 10, Cut::End);
        text(a, &t, &bold(13.0), at.x0 + 4, at.y0, HPos::Left, VPos::Top)?;
    }
    axes(a, &sc, x, at, y_label)?;
    // Points grow by at most 5 pixels, less in small panels or where groups crowd the axis.
    let spacing = (sc.right - sc.left) as f64 / (x.len().max(2) - 1) as f64;
    let grow = (spacing * 0.3 - 2.0).clamp(1.0, if at.small { 3.0 } else { 5.0 });
    // Lines join points along an order (years, dates, numbers), never across categories
    // such as countries, where they would draw a trend that is not there.
    let ordered = in_order(x);
    let gaps = gaps(x);
    // Every term's lines, then every term's points, then the scare counts, so that no line
    // is drawn over another term's point or count.
    for layer in [Layer::Lines, Layer::Points] {
        // Points last series first: the first term's circle, the smallest shape, on top.
        let order: Vec<usize> = match layer {
            Layer::Points => (0..p.series.len()).rev().collect(),
            _ => (0..p.series.len()).collect(),
        };
        for si in order {
            let s = &p.series[si];
            let how = How {
                grow,
                max_docs: at.max_docs,
                joined: ordered,
                layer,
            };
            series(a, s, si, &sc, how, &gaps)?;
        }
    }
    let how = How {
        grow,
        max_docs: at.max_docs,
        joined: ordered,
        layer: Layer::Counts,
    };
    counts(a, &p.series, &sc, how)
}

/// The scare-quote counts beside the rings, drawn after every line and point. Where rings
/// of several terms crowd one group, their counts are set one under the other, at least a
/// line apart, instead of on top of each other.
fn counts<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    series: &[LineSeries],
    sc: &Scale,
    how: How,
) -> R {
    // Per ringed point: its group, its label's place (x, the bottom of the text) and text.
    let mut labels: Vec<(usize, i32, i32, String)> = Vec::new();
    for s in series {
        for (i, pt) in s.points.iter().enumerate() {
            let Some(pt) = pt.filter(|pt| pt.scare > 0) else {
                continue;
            };
            let r = radius(&pt, how);
            let (px, py) = (sc.x(i), sc.y(pt.value));
            labels.push((i, px + r + 4, py - r - 2, pt.scare.to_string()));
        }
    }
    labels.sort_by_key(|l| (l.0, l.2));
    const LINE: i32 = 13;
    for k in 1..labels.len() {
        if labels[k].0 == labels[k - 1].0 && labels[k].2 < labels[k - 1].2 + LINE {
            labels[k].2 = labels[k - 1].2 + LINE;
        }
    }
    // A group's stack that runs below the plot (rings near zero) moves up as a whole.
    let mut k = 0;
    while k < labels.len() {
        let group = labels[k].0;
        let end = (k..labels.len())
            .find(|&j| labels[j].0 != group)
            .unwrap_or(labels.len());
        let over = labels[end - 1].2 - sc.bottom;
        if over > 0 {
            for l in &mut labels[k..end] {
                l.2 -= over;
            }
        }
        k = end;
    }
    let st = bold(12.0).color(&palette::SCARE);
    for (_, x, y, label) in &labels {
        text(a, label, &st, *x, *y, HPos::Left, VPos::Bottom)?;
    }
    Ok(())
}

/// A point's radius: 2 pixels and up to `how.grow` more by its group's documents.
fn radius(pt: &super::LinePoint, how: How) -> i32 {
    let share = match how.max_docs {
        0 => 0.4,
        m => (pt.docs as f64 / m as f64).sqrt(),
    };
    2 + (how.grow * share).round() as i32
}

/// Per group of the x axis, whether a gap in time stands before it: a step from the group
/// before of more than one and a half the usual one (years 1946 → 1954, or 2009 → 2011, where
/// the others follow year by year), so that no line is drawn across a year without documents
/// as if it had been measured.
fn gaps(x: &[String]) -> Vec<bool> {
    let values: Option<Vec<f64>> = x
        .iter()
        .map(|l| {
            l.parse::<f64>()
                .ok()
                .or_else(|| month_number(l).map(|m| m as f64))
        })
        .collect();
    let Some(v) = values.filter(|v| v.len() > 2) else {
        return vec![false; x.len()];
    };
    let mut steps: Vec<f64> = v
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0.0)
        .collect();
    if steps.is_empty() {
        return vec![false; x.len()];
    }
    steps.sort_by(f64::total_cmp);
    let usual = steps[(steps.len() - 1) / 2];
    std::iter::once(false)
        .chain(v.windows(2).map(|w| w[1] - w[0] > 1.5 * usual))
        .collect()
}

/// The grid, the y ticks and title, and the x labels (thinned to what fits: the last always,
/// each other one where it collides neither with the one drawn before it nor with the last).
fn axes<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    sc: &Scale,
    x: &[String],
    at: &Panel,
    y_label: &str,
) -> R {
    let tick = font(11.0);
    let mut v = at.low_v;
    while v <= at.top_v + at.step * 0.01 {
        let y = sc.y(v);
        line(a, (sc.left, y), (sc.right, y), palette::GRID, 1)?;
        let label = fmt_tick(v, at.step);
        text(a, &label, &tick, sc.left - 6, y, HPos::Right, VPos::Center)?;
        v += at.step;
    }
    let yl = fit(a, y_label, &tick, at.h - 60, Cut::End);
    let rotated = tick.transform(plotters::style::FontTransform::Rotate270);
    let middle = (sc.top + sc.bottom) / 2;
    text(a, &yl, &rotated, at.x0 + 2, middle, HPos::Center, VPos::Top)?;
    let label_w = x.iter().map(|l| width(a, l, &tick)).max().unwrap_or(10) + 8;
    // Years are placed by value: labelled at round years, whether or not a group stands there
    // (1970 on an axis of sparse years), so that a reader can place each point.
    let years: Option<Vec<i64>> = x.iter().map(|l| l.parse::<i64>().ok()).collect();
    let labels: Vec<(i32, String)> = match years {
        Some(v) if v.len() > 1 && v[v.len() - 1] > v[0] => {
            let (first, last) = (v[0], v[v.len() - 1]);
            let px = |y: i64| {
                let share = (y - first) as f64 / (last - first) as f64;
                sc.left + ((sc.right - sc.left) as f64 * share).round() as i32
            };
            year_labels(&v, label_w, px)
                .into_iter()
                .map(|y| (px(y), y.to_string()))
                .collect()
        }
        _ => labelled(x, label_w, |i| sc.x(i))
            .into_iter()
            .map(|i| (sc.x(i), x[i].clone()))
            .collect(),
    };
    for (px, label) in labels {
        text(a, &label, &tick, px, sc.bottom + 6, HPos::Center, VPos::Top)?;
    }
    line(
        a,
        (sc.left, sc.bottom),
        (sc.right, sc.bottom),
        palette::INK,
        1,
    )
}

/// The years an axis of years `first..=last` is labelled at (`px`: a year's pixel; labels
/// `label_w` wide): a round step, 1, 2, 5, 10, 20, 25 or 50 ..., the smallest whose labels do
/// not touch, every multiple of it in the range whether or not a group stands there, and both
/// ends where there is room (1946, 1950, 1955, ... 2020, 2022).
fn year_labels(years: &[i64], label_w: i32, px: impl Fn(i64) -> i32) -> Vec<i64> {
    const YEARS: &[i64] = &[1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return Vec::new();
    };
    if last <= first {
        return vec![first];
    }
    // Groups a whole number of units apart (decades: 10) are labelled at multiples of it.
    let unit = years.windows(2).fold(0, |g, w| gcd(g, w[1] - w[0])).max(1);
    let per_unit = (px(last) - px(first)) as f64 / (last - first) as f64;
    let step = YEARS
        .iter()
        .copied()
        .filter(|s| s % unit == 0)
        .find(|&s| per_unit * s as f64 >= label_w as f64)
        .unwrap_or(i64::MAX / 2);
    let room = |a: i64, b: i64| (px(a) - px(b)).abs() >= label_w;
    let first_round = first + (step - first.rem_euclid(step)) % step;
    let mut out = Vec::new();
    if first_round != first && (first_round > last || room(first_round, first)) {
        out.push(first);
    }
    let mut y = first_round;
    while y <= last {
        out.push(y);
        y += step;
    }
    // The last group always has its label, in place of a round one too near it.
    if out.last() != Some(&last) {
        if out.last().is_some_and(|&l| !room(last, l)) {
            out.pop();
        }
        out.push(last);
    }
    out
}

/// The greatest common divisor of two whole numbers (0 with any n is n).
fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

/// Which of the x axis's groups get a label (`at`: a group's pixel; labels `label_w` wide).
/// Months are labelled at a round step of months (quarters, half years, Januaries or every
/// few Januaries), the smallest whose labels do not touch, and at both ends where there is
/// room; other labels from the first, each where there is room for it, the last always.
/// (Years are labelled by [`year_labels`].)
fn labelled(x: &[String], label_w: i32, at: impl Fn(usize) -> i32) -> Vec<usize> {
    let n = x.len();
    const MONTHS: &[i64] = &[1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600];
    let nums: Option<(Vec<i64>, &[i64])> = x
        .iter()
        .map(|l| month_number(l))
        .collect::<Option<Vec<_>>>()
        .map(|v| (v, MONTHS));
    let mut out: Vec<usize> = Vec::new();
    match nums {
        Some((v, steps)) if n > 1 && v[n - 1] > v[0] => {
            let per_unit = (at(n - 1) - at(0)) as f64 / (v[n - 1] - v[0]) as f64;
            let step = steps
                .iter()
                .copied()
                .find(|&s| per_unit * s as f64 >= label_w as f64)
                .unwrap_or(i64::MAX);
            let round: Vec<usize> = (0..n).filter(|&i| v[i].rem_euclid(step) == 0).collect();
            let room = |i: usize, j: usize| (at(i) - at(j)).abs() >= label_w;
            if round.first().is_none_or(|&r| r != 0 && room(r, 0)) {
                out.push(0);
            }
            // Round values a step apart are far enough apart where the axis places groups by
            // value; where it does not, a label too near the one before is left out.
            for &r in &round {
                if out.last().is_none_or(|&l| room(r, l)) {
                    out.push(r);
                }
            }
            if out.last().is_none_or(|&l| l != n - 1 && room(n - 1, l)) {
                out.push(n - 1);
            }
        }
        _ => {
            let mut drawn = i32::MIN / 2;
            for i in 0..n {
                let px = at(i);
                if i + 1 == n || (px - drawn >= label_w && at(n - 1) - px >= label_w) {
                    out.push(i);
                    drawn = px;
                }
            }
        }
    }
    out
}

/// Puts the x axis's groups in order when they are numbers (years) or dates (`2021-02`,
/// `2021-2`, `2021-02-15`, by their numbers), wherever a facet first had them: a month only a
/// later panel has is not put after the others. Categories keep their order.
pub(super) fn time_order(x: &mut [String]) {
    if x.iter().all(|v| v.parse::<f64>().is_ok()) {
        x.sort_by(|a, b| {
            a.parse::<f64>()
                .unwrap_or(0.0)
                .total_cmp(&b.parse().unwrap_or(0.0))
        });
    } else if in_order(x) {
        x.sort_by_cached_key(|l| {
            let parts: Vec<u64> = l
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .map(|p| p.parse().unwrap_or(u64::MAX))
                .collect();
            (parts, l.clone())
        });
    }
}

/// A month `YYYY-MM` (or `YYYY-M`) as months since year 0 (January of a year is a multiple of
/// 12).
fn month_number(l: &str) -> Option<i64> {
    let (y, m) = l.split_once('-')?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4..=4) || !digits(m, 1..=2) {
        return None;
    }
    let (y, m) = (y.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
    (1..=12).contains(&m).then_some(y * 12 + m - 1)
}

/// Whether groups' labels are an order a line may join (numbers, years, dates: `2024-02`)
/// rather than categories such as countries.
pub(super) fn in_order(x: &[String]) -> bool {
    x.iter().all(|l| {
        l.parse::<f64>().is_ok()
            || l.get(..4)
                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// What of a term [`series`] draws.
#[derive(Clone, Copy, PartialEq)]
enum Layer {
    /// The line joining its points.
    Lines,
    /// Its points, ringed where the term was scare-quoted.
    Points,
    /// The scare-quote count beside each ring.
    Counts,
}

/// How a term's points are drawn: sized by their group's documents (`max_docs` 0: all one
/// size, `grow` pixels at most), joined by a line or not, and which layer.
#[derive(Clone, Copy)]
struct How {
    grow: f64,
    max_docs: u64,
    joined: bool,
    layer: Layer,
}

/// One layer of one term: its line (when `joined`) or its points, ringed where the term was
/// scare-quoted ([`counts`] draws the counts beside the rings).
fn series<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    s: &LineSeries,
    si: usize,
    sc: &Scale,
    how: How,
    gaps: &[bool],
) -> R {
    let c = colour(si);
    if how.layer == Layer::Lines {
        // The line joins consecutive groups that have documents, with no gap in time between.
        for i in
            (1..s.points.len()).filter(|&i| how.joined && !gaps.get(i).copied().unwrap_or(false))
        {
            if let (Some(p0), Some(p1)) = (s.points[i - 1], s.points[i]) {
                let (from, to) = ((sc.x(i - 1), sc.y(p0.value)), (sc.x(i), sc.y(p1.value)));
                line(a, from, to, c, 2)?;
            }
        }
        return Ok(());
    }
    for (i, pt) in s.points.iter().enumerate() {
        let Some(pt) = pt else { continue };
        let r = radius(pt, how);
        let (px, py) = (sc.x(i), sc.y(pt.value));
        marker(a, si, (px, py), r, c)?;
        if pt.scare > 0 {
            let ring = palette::SCARE.stroke_width(2);
            a.draw(&Circle::new((px, py), r + 3, ring))
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Panels to a row in a chart `width` pixels wide: up to three, one when narrower than 600
/// (a chart drawn for a phone).
pub(super) fn columns(panels: usize, width: u32) -> usize {
    match panels {
        _ if width < 600 => 1,
        // Two rows of two, not three and one beside two empty places.
        4 => 2,
        n => n.clamp(1, 3),
    }
}

#[cfg(test)]
mod tests {
    use super::{columns, labelled, month_number, year_labels};

    /// Four panels make two rows of two; others fill rows of three, one to a row on a phone.
    #[test]
    fn panels_fill_their_rows() {
        let got: Vec<usize> = (1..=7).map(|n| columns(n, 1000)).collect();
        assert_eq!(got, [1, 2, 3, 2, 3, 3, 3]);
        assert_eq!(columns(4, 500), 1);
    }

    /// Months are labelled at Januaries, half years or quarters, as their spacing allows.
    #[test]
    fn months_are_labelled_at_januaries_or_quarters() {
        let months: Vec<String> = (2021..=2025)
            .flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}")))
            .skip(1)
            .take(48)
            .collect();
        let shown = |px: i32| -> Vec<String> {
            labelled(&months, 60, |i| i as i32 * px)
                .into_iter()
                .map(|i| months[i].clone())
                .collect()
        };
        // 8 px a month: a label every year, at January, the first month where there is room.
        assert_eq!(
            shown(8),
            ["2021-02", "2022-01", "2023-01", "2024-01", "2025-01"]
        );
        // 10 px a month: every half year.
        assert_eq!(shown(10)[..3], ["2021-07", "2022-01", "2022-07"]);
        // 25 px a month: every quarter.
        let q = shown(25);
        assert!(q
            .iter()
            .skip(1)
            .all(|m| ["01", "04", "07", "10"].iter().any(|s| m.ends_with(s)) || m == "2025-01"));
        assert!(q.contains(&"2022-04".to_string()), "{q:?}");
        assert_eq!(month_number("2021-13"), None);
        assert_eq!(month_number("2021-2"), month_number("2021-02"));
        assert_eq!(month_number("21-01"), None);
    }

    #[test]
    fn a_gap_in_time_breaks_the_line() {
        let x = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let years = x(&["1946", "1954", "1955", "1956", "1957", "1965"]);
        assert_eq!(
            super::gaps(&years),
            [false, true, false, false, false, true]
        );
        assert_eq!(
            super::gaps(&x(&["2021-01", "2021-02", "2021-06"])),
            [false, false, true]
        );
        // One year missing in yearly groups breaks the line too.
        assert_eq!(
            super::gaps(&x(&["2008", "2009", "2011", "2012"])),
            [false, false, true, false]
        );
        // Groups every other year are joined.
        assert_eq!(
            super::gaps(&x(&["2008", "2010", "2012", "2014"])),
            [false; 4]
        );
        assert_eq!(super::gaps(&x(&["ARM", "AZE", "GEO"])), [false; 3]);
    }

    /// Years are labelled at a round step, the ends where there is room; other labels where
    /// they fit, the last always.
    #[test]
    fn years_are_labelled_at_a_round_step() {
        let years = |a: i64, b: i64| (a..=b).collect::<Vec<i64>>();
        let shown = |(a, b): (i64, i64), px: i32, w: i32| -> Vec<i64> {
            year_labels(&years(a, b), w, |y| (y - a) as i32 * px)
        };
        let s = shown((1946, 2022), 12, 40);
        assert_eq!(s[..3], [1946, 1950, 1955]);
        // The last year takes the place of 2020, too near it.
        assert_eq!(s[s.len() - 2..], [2015, 2022]);
        assert!(s[..s.len() - 1]
            .windows(2)
            .skip(1)
            .all(|w| w[1] - w[0] == 5));
        assert_eq!(shown((2005, 2022), 50, 40), years(2005, 2022));
        // 2005 stands too close to 2006 to be labelled too.
        let s = shown((2005, 2022), 30, 40);
        assert_eq!(
            s,
            years(2006, 2022).into_iter().step_by(2).collect::<Vec<_>>()
        );
        // Sparse years (1954, 1960, 1973 ...) are labelled at round years all the same: the
        // axis places them by value; the last group has its label.
        let sparse = [
            1946, 1947, 1954, 1960, 1961, 1973, 1977, 1982, 1986, 1990, 1993, 1995,
        ];
        let s = year_labels(&sparse, 40, |y| (y - 1946) as i32 * 10);
        assert_eq!(
            s,
            [1946, 1950, 1955, 1960, 1965, 1970, 1975, 1980, 1985, 1990, 1995]
        );
        let s = year_labels(&[1982, 2004], 40, |y| (y - 1982) as i32 * 6);
        assert_eq!(s.last(), Some(&2004), "{s:?}");
        // Decades are labelled at decades, never at the years between.
        let decades: Vec<i64> = (1940..=2000).step_by(10).collect();
        let s = year_labels(&decades, 40, |y| (y - 1940) as i32 * 3);
        assert!(s.iter().all(|y| y % 10 == 0) && s.contains(&2000), "{s:?}");
        // Categories: from the first, where they fit, and the last.
        let c: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        let cats: Vec<String> = labelled(&c, 15, |i| i as i32 * 10)
            .into_iter()
            .map(|i| c[i].clone())
            .collect();
        assert_eq!(cats, ["a", "c", "e"]);
    }
}
