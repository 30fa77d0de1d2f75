//! Laying out and drawing a [`Spec`]: label columns sized from the measured text, font sizes
//! adapted to the number of rows, labels shortened with an ellipsis rather than clipped.

use super::{palette, BarRow, DispersionRow, Role, Spec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;

pub(super) type R = Result<(), String>;

pub(crate) const MARGIN: i32 = 16;

pub(super) fn font(size: f64) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&palette::INK)
}

pub(super) fn bold(size: f64) -> TextStyle<'static> {
    ("sans-serif", size, FontStyle::Bold)
        .into_font()
        .color(&palette::INK)
}

pub(super) fn width<DB: DrawingBackend>(
    _a: &DrawingArea<DB, Shift>,
    s: &str,
    st: &TextStyle,
) -> i32 {
    let bold = matches!(st.font.get_style(), FontStyle::Bold);
    super::text::measure(s, st.font.get_size() as f32, bold)
        .0
        .ceil() as i32
}

/// Width of the label column: the widest label, at most `share` of the chart's width `w`.
fn label_column<'s, DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    labels: impl Iterator<Item = &'s str>,
    st: &TextStyle,
    w: i32,
    share: f64,
) -> i32 {
    labels
        .map(|l| width(a, l, st))
        .max()
        .unwrap_or(0)
        .min((w as f64 * share) as i32)
}

/// Where [`fit`] puts its ellipsis.
#[derive(Clone, Copy)]
pub(super) enum Cut {
    /// At the end (titles).
    End,
    /// In the middle (row labels): ids that share a long beginning
    /// (`2021-01-22_statement-by-…`) stay apart by their ends.
    Middle,
}

/// `s` if it fits in `max` pixels, else `s` shortened with an ellipsis where `cut` says,
/// keeping as many characters as fit (found by bisection).
pub(super) fn fit<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    s: &str,
    st: &TextStyle,
    max: i32,
    cut: Cut,
) -> String {
    if width(a, s, st) <= max {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let keep = |k: usize| -> String {
        let head = match cut {
            Cut::End => k,
            Cut::Middle => k.div_ceil(2),
        };
        let tail = &chars[chars.len() - (k - head)..];
        chars[..head]
            .iter()
            .chain(['…'].iter())
            .chain(tail)
            .collect()
    };
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if width(a, &keep(mid), st) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    keep(lo)
}

pub(super) fn text<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    s: &str,
    st: &TextStyle,
    x: i32,
    y: i32,
    h: HPos,
    v: VPos,
) -> R {
    let op = super::text::TextOp {
        text: s.to_string(),
        size: st.font.get_size() as f32,
        bold: matches!(st.font.get_style(), FontStyle::Bold),
        rgb: st.color.rgb,
        x,
        y,
        h,
        v,
        rotated: matches!(st.font.get_transform(), FontTransform::Rotate270),
    };
    if super::text::collect(op) {
        return Ok(());
    }
    a.draw_text(s, &st.pos(Pos::new(h, v)), (x, y))
        .map_err(|e| e.to_string())
}

pub(super) fn rect<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
    c: RGBColor,
) -> R {
    let (l, r) = (x0.min(x1), x0.max(x1));
    a.draw(&Rectangle::new([(l, y0), (r.max(l + 1), y1)], c.filled()))
        .map_err(|e| e.to_string())
}

pub(super) fn line<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    p: (i32, i32),
    q: (i32, i32),
    c: RGBColor,
    w: u32,
) -> R {
    a.draw(&PathElement::new(vec![p, q], c.stroke_width(w)))
        .map_err(|e| e.to_string())
}

/// "Nice" axis step for a maximum value and about `n` ticks.
pub(super) fn nice_step(max: f64, n: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / n;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

pub(super) fn fmt_tick(v: f64, step: f64) -> String {
    if step >= 1.0 {
        format!("{v:.0}")
    } else if step >= 0.1 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Draws the title, then `note` after it, and the legend; returns the y where the plot may
/// start. A title too long for the width is cut before the note, which stays whole.
pub(super) fn header<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    title: &str,
    note: &str,
    legend: &[(String, Role)],
) -> Result<i32, String> {
    let (w, _) = a.dim_in_pixel();
    let w = w as i32;
    let room = w - 2 * MARGIN;
    let full = format!("{title}{note}");
    let mut size = 19.0;
    while size > 15.0 && width(a, &full, &bold(size)) > room {
        size -= 1.0;
    }
    // A title too long for one line at 15 px goes on two (after its `: ` if it has one), or
    // three, so that a long --where or a chart's choices are still read whole instead of in
    // tiny print or cut short.
    if note.is_empty() && width(a, &full, &bold(size)) > room {
        let st = bold(size);
        if let Some((first, rest)) = two_lines(a, &full, &st, room) {
            let mut lines = vec![first];
            match two_lines(a, &rest, &st, room) {
                Some((second, third)) if width(a, &rest, &st) > room => {
                    lines.push(second);
                    lines.push(fit(a, &third, &st, room, Cut::End));
                }
                _ => lines.push(fit(a, &rest, &st, room, Cut::End)),
            }
            let mut y = MARGIN;
            for line in &lines {
                text(a, line, &st, MARGIN, y, HPos::Left, VPos::Top)?;
                y += size as i32 + 4;
            }
            return legend_rows(a, legend, y + 6, w);
        }
    }
    while size > 11.0 && width(a, &full, &bold(size)) > room {
        size -= 1.0;
    }
    let note_w = width(a, note, &bold(size));
    let t = if note.is_empty() || note_w > room * 2 / 3 {
        fit(a, &full, &bold(size), room, Cut::End)
    } else {
        format!(
            "{}{note}",
            fit(a, title, &bold(size), room - note_w, Cut::End)
        )
    };
    text(a, &t, &bold(size), MARGIN, MARGIN, HPos::Left, VPos::Top)?;
    legend_rows(a, legend, MARGIN + size as i32 + 10, w)
}

/// A title cut in two lines that each fit `room`: after its last `: ` that leaves a first
/// line short enough, else after its last space that does.
fn two_lines<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    title: &str,
    st: &TextStyle,
    room: i32,
) -> Option<(String, String)> {
    let fits = |i: usize| width(a, &title[..i], st) <= room;
    let at_colon = title
        .rmatch_indices(": ")
        .map(|(i, _)| i)
        .find(|&i| fits(i + 1))
        .map(|i| (i + 1, i + 2));
    let at_space = || {
        title
            .match_indices(' ')
            .map(|(i, _)| i)
            .rfind(|&i| fits(i))
            .map(|i| (i, i + 1))
    };
    let (end, start) = at_colon.or_else(at_space)?;
    Some((title[..end].to_string(), title[start..].to_string()))
}

/// The legend's rows from `y` down; returns where the chart may start.
fn legend_rows<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    legend: &[(String, Role)],
    mut y: i32,
    w: i32,
) -> Result<i32, String> {
    if legend.is_empty() {
        return Ok(y + 4);
    }
    let st = font(13.0);
    let mut x = MARGIN;
    for (label, role) in legend {
        let lw = width(a, label, &st) + 12 + 6 + 18;
        if x + lw > w - MARGIN && x > MARGIN {
            x = MARGIN;
            y += 20;
        }
        rect(a, x, y + 2, x + 12, y + 14, role.color())?;
        let label = fit(a, label, &st, w - MARGIN - x - 18, Cut::End);
        text(a, &label, &st, x + 18, y + 8, HPos::Left, VPos::Center)?;
        x += lw;
    }
    Ok(y + 26)
}

/// Draws any spec onto an area.
pub fn draw<DB: DrawingBackend>(a: &DrawingArea<DB, Shift>, spec: &Spec) -> R {
    a.fill(&WHITE).map_err(|e| e.to_string())?;
    match spec {
        Spec::Bars {
            title,
            x_label,
            rows,
            legend,
            diverging,
            guide,
        } => bars(a, title, x_label, rows, legend, *diverging, guide.as_ref()),
        Spec::Dispersion {
            title,
            kept,
            rows,
            legend,
        } => dispersion(a, title, kept, rows, legend),
        Spec::Heatmap {
            title,
            labels,
            values,
            scale_label,
        } => heatmap(a, title, labels, values, scale_label),
        Spec::Lines { .. } => super::lines::draw(a, spec),
    }
}

/// Where the rows of a bar or dispersion chart go, below the title and legend.
struct Rows {
    w: i32,
    top: i32,
    bottom: i32,
    /// Rows that fit at the minimum row height: the first ones are drawn, and the chart says
    /// how many were left out (bar charts come top rows first; dispersion plots in corpus order,
    /// already cut to `--top`).
    n: usize,
    row_h: f64,
}

/// Says, under the rows, that only the first `n` of `all` rows fit.
fn too_many_rows<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    n: usize,
    all: usize,
    bottom: i32,
) -> R {
    text(
        a,
        &format!("first {n} of {all} rows: a taller chart shows them all"),
        &font(12.0),
        MARGIN,
        bottom + 40,
        HPos::Left,
        VPos::Top,
    )
}

/// The rows of a bar chart under its header and `gap` more pixels, at least `min_h` pixels
/// each: how many fit, and their height.
fn row_layout<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    title: &str,
    note: &str,
    legend: &[(String, Role)],
    rows: usize,
    (min_h, gap): (i32, i32),
) -> Result<Rows, String> {
    let (w, h) = a.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let top = header(a, title, note, legend)? + gap;
    let bottom = h - MARGIN - 40;
    let n = rows.min(((bottom - top) / min_h).max(1) as usize);
    Ok(Rows {
        w,
        top,
        bottom,
        n,
        row_h: (bottom - top) as f64 / n.max(1) as f64,
    })
}

fn bars<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    title: &str,
    x_label: &str,
    rows: &[BarRow],
    legend: &[(String, Role)],
    diverging: bool,
    guide: Option<&(f64, String)>,
) -> R {
    // A guide's label gets a line of its own between the legend and the bars (it ran into
    // the legend).
    let gap = if guide.is_some() { 14 } else { 0 };
    let Rows {
        w,
        top,
        bottom,
        n,
        row_h,
    } = row_layout(a, title, "", legend, rows.len(), (8, gap))?;
    if n < rows.len() {
        too_many_rows(a, n, rows.len(), bottom)?;
    }
    let rows = &rows[..n];
    let fs = (row_h * 0.62).clamp(8.0, 15.0);
    let st = font(fs);
    let small = font((fs * 0.9).max(8.0));
    let label_w = label_column(a, rows.iter().map(|r| r.label.as_str()), &st, w, 0.38);
    let note_w = rows
        .iter()
        .filter_map(|r| r.note.as_ref())
        .map(|s| width(a, s, &small) + 8)
        .max()
        .unwrap_or(0);
    let x0 = MARGIN + label_w + 8 + if diverging { note_w } else { 0 };
    let x1 = w - MARGIN - note_w.max(8);
    let total = |r: &BarRow| r.segments.iter().map(|s| s.0).sum::<f64>();
    let most = |f: &dyn Fn(f64) -> f64| rows.iter().map(|r| f(total(r))).fold(0.0, f64::max);
    let (max, min) = (most(&|t| t), most(&|t| -t));
    let step = nice_step(max.max(min), if diverging { 3.0 } else { 5.0 });
    let top_v = (max / step).ceil().max(1.0) * step;
    // A diverging axis gives each side the width its longest bar needs (not half each), so a
    // weak side does not leave half the chart empty; a side with no bar still keeps one step.
    let low_v = if diverging {
        (min / step).ceil().max(1.0) * step
    } else {
        0.0
    };
    let scale = (x1 - x0) as f64 / (top_v + low_v);
    let zero = x0 + (low_v * scale).round() as i32;
    let ax = Axis {
        zero,
        scale,
        top_v,
        low_v,
        step,
        x0,
        x1,
        top,
        bottom,
    };
    value_axis(a, &ax, x_label)?;
    if let Some((g, label)) = guide {
        guide_lines(a, &ax, *g, label)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top as f64 + i as f64 * row_h;
        let yc = (y + row_h * 0.5) as i32;
        row_label(a, &r.label, &st, label_w, yc)?;
        let ys = [(y + row_h * 0.15) as i32, (y + row_h * 0.85) as i32, yc];
        bar(a, &ax, r, ys, &small)?;
    }
    Ok(())
}

/// A row's label, right-aligned in the label column, shortened in the middle to fit.
fn row_label<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    label: &str,
    st: &TextStyle,
    label_w: i32,
    yc: i32,
) -> R {
    let label = fit(a, label, st, label_w, Cut::Middle);
    text(
        a,
        &label,
        st,
        MARGIN + label_w,
        yc,
        HPos::Right,
        VPos::Center,
    )
}

/// A horizontal value axis: where 0 is, pixels per unit, the top value and the tick step,
/// between `x0` and `x1` over the rows from `top` to `bottom`.
struct Axis {
    zero: i32,
    scale: f64,
    /// The largest value shown right of zero.
    top_v: f64,
    /// The largest shown left of zero, as a positive number (0 unless the axis diverges).
    low_v: f64,
    step: f64,
    x0: i32,
    x1: i32,
    top: i32,
    bottom: i32,
}

/// The grid, tick labels, zero line, axis line and axis title.
fn value_axis<DB: DrawingBackend>(a: &DrawingArea<DB, Shift>, ax: &Axis, x_label: &str) -> R {
    let tick_st = font(12.0);
    let mut v = if ax.low_v > 0.0 { -ax.low_v } else { 0.0 };
    while v <= ax.top_v + ax.step * 0.01 {
        let x = ax.zero + (v * ax.scale).round() as i32;
        line(a, (x, ax.top), (x, ax.bottom), palette::GRID, 1)?;
        let tick = fmt_tick(v, ax.step);
        text(
            a,
            &tick,
            &tick_st,
            x,
            ax.bottom + 4,
            HPos::Center,
            VPos::Top,
        )?;
        v += ax.step;
    }
    line(a, (ax.zero, ax.top), (ax.zero, ax.bottom), palette::INK, 1)?;
    line(a, (ax.x0, ax.bottom), (ax.x1, ax.bottom), palette::INK, 1)?;
    // Centred under the bars; a label wider than them moves left as far as it must to stay
    // in the chart, and is cut only when wider than the chart.
    let st = font(13.0);
    let room = a.dim_in_pixel().0 as i32 - 2 * MARGIN;
    let label = fit(a, x_label, &st, room, Cut::End);
    let half = width(a, &label, &st) / 2;
    let mid = ((ax.x0 + ax.x1) / 2)
        .min(MARGIN + room - half)
        .max(MARGIN + half);
    text(a, &label, &st, mid, ax.bottom + 22, HPos::Center, VPos::Top)
}

/// Where text set left-aligned at `x` starts so that it ends inside the chart's margin.
fn left_within<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    s: &str,
    st: &TextStyle,
    x: i32,
) -> i32 {
    let right = a.dim_in_pixel().0 as i32 - MARGIN;
    x.min(right - width(a, s, st)).max(MARGIN)
}

/// Dashed lines at ±`g` (where they fall inside the axis), labelled once at the top: beside
/// the line at +`g`, or the one at −`g` when only that one is drawn (two labels collided when
/// the lines stood close).
fn guide_lines<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    ax: &Axis,
    g: f64,
    label: &str,
) -> R {
    // Lines within a few pixels of zero would only thicken the zero line (a G² axis of
    // thousands): they are not drawn, and the label says where the value lies.
    if g * ax.scale < 4.0 {
        let what = label.strip_prefix("dashed: ").unwrap_or(label);
        let note = format!("{what} lies within 4 pixels of zero at this scale (not drawn)");
        let st = font(11.0);
        let x = left_within(a, &note, &st, ax.zero + 3);
        return text(a, &note, &st, x, ax.top - 2, HPos::Left, VPos::Bottom);
    }
    let mut labelled = false;
    for v in [g, -g] {
        if v > ax.top_v || -v > ax.low_v {
            continue;
        }
        let x = ax.zero + (v * ax.scale).round() as i32;
        let mut y = ax.top;
        while y < ax.bottom {
            line(a, (x, y), (x, (y + 4).min(ax.bottom)), palette::INK, 1)?;
            y += 8;
        }
        if !labelled {
            let st = font(11.0);
            let side = if v > 0.0 { HPos::Left } else { HPos::Right };
            let at = if v > 0.0 {
                left_within(a, label, &st, x + 3)
            } else {
                x - 3
            };
            text(a, label, &st, at, ax.top - 2, side, VPos::Bottom)?;
            labelled = true;
        }
    }
    Ok(())
}

/// One bar, its segments from the zero line (leftwards when its total is negative), and its
/// note at its end: from `y0` to `y1`, the note centred on `yc`.
fn bar<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    ax: &Axis,
    r: &BarRow,
    [y0, y1, yc]: [i32; 3],
    small: &TextStyle,
) -> R {
    let total: f64 = r.segments.iter().map(|s| s.0).sum();
    let mut x = ax.zero as f64;
    let sign = if total < 0.0 { -1.0 } else { 1.0 };
    // A segment of nothing draws nothing (`rect` gives any other at least a pixel).
    for (val, role) in r.segments.iter().filter(|s| s.0 != 0.0) {
        let len = val.abs() * ax.scale * sign;
        let (from, to) = (x.round() as i32, (x + len).round() as i32);
        rect(a, from, y0, to, y1.max(y0 + 1), role.color())?;
        x += len;
    }
    if let Some(note) = &r.note {
        let (hp, nx) = if sign < 0.0 {
            (HPos::Right, x.round() as i32 - 4)
        } else {
            (HPos::Left, x.round() as i32 + 4)
        };
        text(a, note, small, nx, yc, hp, VPos::Center)?;
    }
    Ok(())
}

fn dispersion<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    title: &str,
    kept: &str,
    rows: &[DispersionRow],
    legend: &[(String, Role)],
) -> R {
    let Rows {
        w,
        top,
        bottom,
        n,
        row_h,
    } = row_layout(a, title, kept, legend, rows.len(), (10, 0))?;
    let all = rows.len();
    let rows = &rows[..n];
    let st = font((row_h * 0.5).clamp(8.0, 14.0));
    let label_w = label_column(a, rows.iter().map(|r| r.label.as_str()), &st, w, 0.35);
    let x0 = MARGIN + label_w + 10;
    let x1 = w - MARGIN - 10;
    for k in 0..=4 {
        let x = x0 + (x1 - x0) * k / 4;
        line(a, (x, top), (x, bottom), palette::GRID, 1)?;
        text(
            a,
            &format!("{}%", k * 25),
            &font(12.0),
            x,
            bottom + 4,
            HPos::Center,
            VPos::Top,
        )?;
    }
    line(a, (x0, bottom), (x1, bottom), palette::INK, 1)?;
    text(
        a,
        "position in the document (% of its length)",
        &font(13.0),
        (x0 + x1) / 2,
        bottom + 22,
        HPos::Center,
        VPos::Top,
    )?;
    let tick = ((row_h * 0.35) as i32).clamp(3, 14);
    if n < all {
        too_many_rows(a, n, all, bottom)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let yc = top + (i as f64 * row_h + row_h * 0.5) as i32;
        row_label(a, &r.label, &st, label_w, yc)?;
        line(a, (x0, yc), (x1, yc), palette::GRID, 1)?;
        for pass in [Role::Plain, Role::Quoted, Role::Scare] {
            for (pos, role) in r.marks.iter().filter(|m| m.1 == pass) {
                let x = x0 + ((x1 - x0) as f64 * pos.clamp(0.0, 1.0)).round() as i32;
                match role {
                    Role::Scare => {
                        line(a, (x, yc - tick), (x, yc + tick), role.color(), 3)?;
                        a.draw(&TriangleMarker::new(
                            (x, yc - tick - 4),
                            (tick / 2 + 3).min(7),
                            role.color().filled(),
                        ))
                        .map_err(|e| e.to_string())?;
                    }
                    Role::Quoted => line(a, (x, yc - tick), (x, yc + tick), role.color(), 3)?,
                    _ => line(a, (x, yc - tick), (x, yc + tick), role.color(), 2)?,
                }
            }
        }
    }
    Ok(())
}

/// Colour-blind-safe sequential scale (viridis stops).
fn viridis(t: f64) -> RGBColor {
    const STOPS: [(u8, u8, u8); 5] = [
        (68, 1, 84),
        (59, 82, 139),
        (33, 145, 140),
        (94, 201, 98),
        (253, 231, 37),
    ];
    let t = t.clamp(0.0, 1.0) * 4.0;
    let i = (t.floor() as usize).min(3);
    let f = t - i as f64;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The lowest and highest value between two different documents (0 to 1 when all are alike).
fn pair_range(values: &[Vec<f64>]) -> (f64, f64) {
    let pairs = values.iter().enumerate().flat_map(|(i, row)| {
        row.iter()
            .enumerate()
            .filter(move |(j, _)| *j != i)
            .map(|(_, &v)| v)
    });
    let (lo, hi) = pairs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if hi - lo > 1e-9 {
        (lo, hi)
    } else {
        (0.0, 1.0)
    }
}

fn heatmap<DB: DrawingBackend>(
    a: &DrawingArea<DB, Shift>,
    title: &str,
    labels: &[String],
    values: &[Vec<f64>],
    scale_label: &str,
) -> R {
    let (w, h) = a.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let top = header(a, title, "", &[])?;
    let n = labels.len().max(1) as i32;
    let bar_w = 84;
    // The largest labels (14 px down to 7) whose rows still fit the cells.
    let mut fs = 14.0;
    let (label_w, cell) = loop {
        let st = font(fs);
        let lw = labels
            .iter()
            .map(|l| width(a, l, &st))
            .max()
            .unwrap_or(0)
            .min((w.min(h) as f64 * 0.3) as i32);
        let side = (w - 2 * MARGIN - lw - 8 - bar_w).min(h - top - MARGIN - lw - 8);
        let cell = side / n;
        if cell as f64 >= fs * 1.1 || fs <= 7.0 {
            break (lw, cell.max(1));
        }
        fs -= 1.0;
    };
    let st = font(fs);
    // The square, its labels and the colour bar, centred across the width (a square of a few
    // documents in a wide image had left its right half empty).
    let block = label_w + 8 + n * cell + bar_w;
    let x0 = MARGIN.max((w - block) / 2) + label_w + 8;
    let y0 = top;
    // The colours span the pairs' own range (real documents lie in 0.4–0.9, where a 0–1 scale
    // shows one colour); the diagonal, each document with itself, takes the top colour.
    let (lo, hi) = pair_range(values);
    let shade = |v: f64| viridis(((v - lo) / (hi - lo)).clamp(0.0, 1.0));
    for (i, row) in values.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            let (cx, cy) = (x0 + j as i32 * cell, y0 + i as i32 * cell);
            rect(a, cx, cy, cx + cell - 1, cy + cell - 1, shade(*v))?;
            if cell >= 34 {
                let c = shade(*v);
                let lum = 0.299 * c.0 as f64 + 0.587 * c.1 as f64 + 0.114 * c.2 as f64;
                let ink = if lum > 140.0 { BLACK } else { WHITE };
                text(
                    a,
                    &format!("{v:.2}"),
                    &font((cell as f64 * 0.3).min(13.0)).color(&ink),
                    cx + cell / 2,
                    cy + cell / 2,
                    HPos::Center,
                    VPos::Center,
                )?;
            }
        }
    }
    for (i, l) in labels.iter().enumerate() {
        let l = fit(a, l, &st, label_w, Cut::Middle);
        let c = (i as i32) * cell + cell / 2;
        text(a, &l, &st, x0 - 6, y0 + c, HPos::Right, VPos::Center)?;
        let rot = st.transform(FontTransform::Rotate270);
        text(
            a,
            &l,
            &rot,
            x0 + c,
            y0 + n * cell + 6,
            HPos::Right,
            VPos::Center,
        )?;
    }
    // Colour bar.
    let bx = x0 + n * cell + 24;
    let bh = (n * cell).max(60);
    for k in 0..bh {
        let t = 1.0 - k as f64 / bh as f64;
        rect(a, bx, y0 + k, bx + 16, y0 + k + 1, viridis(t))?;
    }
    for t in [1.0, 0.5, 0.0] {
        let y = y0 + ((1.0 - t) * bh as f64) as i32;
        let lab = format!("{:.2}", lo + t * (hi - lo));
        text(a, &lab, &font(12.0), bx + 20, y, HPos::Left, VPos::Center)?;
    }
    let rot = font(12.0).transform(FontTransform::Rotate270);
    text(
        a,
        scale_label,
        &rot,
        (bx + 62).min(w - 8),
        y0 + bh / 2,
        HPos::Center,
        VPos::Center,
    )?;
    Ok(())
}
