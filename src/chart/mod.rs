//! Charts to PNG and SVG with plotters, drawn with a font the binary carries (DejaVu Sans via
//! the `dejavu` crate and plotters' `ab_glyph` feature): no fontconfig, no system libraries.
//!
//! A chart is first described as a [`Spec`] (rows, values, colours, labels), built from the
//! frames by [`kinds`]; [`draw`] lays it out so labels never overlap or leave the canvas.

pub mod act_kinds;
mod doc_kinds;
pub(crate) mod draw;
pub mod kinds;
mod lines;
pub mod phrase_kinds;
pub(crate) mod text;

use crate::error::{Error, Result};
use plotters::prelude::*;
use std::path::Path;
use std::sync::Once;

/// Documents in one similarity heatmap at most: past this, cells shrink under 15 pixels at
/// the heatmap's 900-pixel height and labels crowd. `verbale chart similarity` refuses more;
/// a report shows the longest documents up to it.
pub const MAX_HEATMAP_DOCS: usize = 60;

/// Okabe–Ito colour-blind-safe palette. The scare-quote colour is the same in every chart.
pub mod palette {
    use plotters::style::RGBColor;
    /// Plain (unquoted) occurrences, target side, main bars.
    pub const PLAIN: RGBColor = RGBColor(0x00, 0x72, 0xB2);
    /// Occurrences inside scare quotes.
    pub const SCARE: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
    /// Occurrences inside other quotations.
    pub const QUOTED: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
    /// The reference side of a comparison.
    pub const REFERENCE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
    /// Secondary series.
    pub const OTHER: RGBColor = RGBColor(0x00, 0x9E, 0x73);
    /// Axes, grid and text.
    pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
    /// Light grid lines.
    pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
    /// Speech acts by base intensity, 1 (acknowledge) to 5 (condemn, reject): blues for the
    /// mild acts, oranges to a dark red for the strong ones.
    pub const STRENGTH: [RGBColor; 5] = [
        RGBColor(0x9E, 0xCA, 0xE1),
        RGBColor(0x31, 0x82, 0xBD),
        RGBColor(0xFD, 0xAE, 0x6B),
        RGBColor(0xE6, 0x55, 0x0D),
        RGBColor(0xA5, 0x0F, 0x15),
    ];
}

/// What one bar segment or tick stands for (decides its colour and legend entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Plain occurrences / the main series.
    Plain,
    /// Inside scare quotes.
    Scare,
    /// Inside other quotations.
    Quoted,
    /// The reference side.
    Reference,
    /// A secondary series.
    Other,
    /// Speech acts of this base intensity (1-5).
    Strength(u8),
}

impl Role {
    /// The role's colour.
    pub fn color(self) -> RGBColor {
        match self {
            Role::Plain => palette::PLAIN,
            Role::Scare => palette::SCARE,
            Role::Quoted => palette::QUOTED,
            Role::Reference => palette::REFERENCE,
            Role::Other => palette::OTHER,
            Role::Strength(i) => palette::STRENGTH[(i.clamp(1, 5) - 1) as usize],
        }
    }
}

/// One row of a bar chart: stacked segments (or one signed value for diverging charts).
#[derive(Debug, Clone)]
pub struct BarRow {
    /// Label on the left.
    pub label: String,
    /// Stacked segments, left to right.
    pub segments: Vec<(f64, Role)>,
    /// Small text after the bar (a ratio, a count).
    pub note: Option<String>,
}

/// One row of a dispersion plot.
#[derive(Debug, Clone)]
pub struct DispersionRow {
    /// Label (term, or term and document).
    pub label: String,
    /// Occurrences: relative position in the document (0..1) and role.
    pub marks: Vec<(f64, Role)>,
}

/// A point of a line: its value, the documents of its group (the point's size) and the
/// scare-quoted occurrences behind it (marked).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinePoint {
    /// The value (a rate per 10,000 tokens).
    pub value: f64,
    /// Documents in the group.
    pub docs: u64,
    /// Scare-quoted occurrences.
    pub scare: u64,
}

/// One line: a term across the groups (`None` where its group has no documents).
#[derive(Debug, Clone)]
pub struct LineSeries {
    /// The term.
    pub label: String,
    /// A point per group of the x axis.
    pub points: Vec<Option<LinePoint>>,
}

/// One panel of lines (a facet's).
#[derive(Debug, Clone)]
pub struct LinePanel {
    /// The facet's value (empty for a single panel).
    pub title: String,
    /// The lines.
    pub series: Vec<LineSeries>,
}

/// A chart, ready to draw.
#[derive(Debug, Clone)]
pub enum Spec {
    /// Horizontal bars; `diverging` puts negative values left of a centre line.
    Bars {
        /// Title.
        title: String,
        /// X axis label, with units.
        x_label: String,
        /// Rows, top to bottom.
        rows: Vec<BarRow>,
        /// Legend entries.
        legend: Vec<(String, Role)>,
        /// Signed values around zero.
        diverging: bool,
        /// A value marked by a dashed line on each side of zero, with its label (the
        /// significance threshold of a keyness chart).
        guide: Option<(f64, String)>,
    },
    /// Lexical dispersion ("x-ray") plot.
    Dispersion {
        /// Title.
        title: String,
        /// Said after the title, even a caller's own: which rows were kept when not all fit
        /// (empty when all are drawn).
        kept: String,
        /// Rows, top to bottom.
        rows: Vec<DispersionRow>,
        /// Legend entries.
        legend: Vec<(String, Role)>,
    },
    /// Lines over an ordered axis of groups (years): one per term, a panel per facet.
    Lines {
        /// Title.
        title: String,
        /// What the values are (the y axis).
        y_label: String,
        /// The groups along the x axis, in order.
        x: Vec<String>,
        /// One panel, or one per facet (a country).
        panels: Vec<LinePanel>,
    },
    /// A square heatmap of pairwise values in 0..1.
    Heatmap {
        /// Title.
        title: String,
        /// Row and column labels.
        labels: Vec<String>,
        /// values[i][j].
        values: Vec<Vec<f64>>,
        /// What the colour means.
        scale_label: String,
    },
}

impl Spec {
    /// The spec with every text shown as text: control characters and direction overrides
    /// (from a file name or a `--title`) as visible escapes, so that no label can make an SVG
    /// invalid XML or reorder the words around it.
    pub fn shown(&self) -> Spec {
        let v = crate::out::table::visible;
        let legend = |l: &[(String, Role)]| l.iter().map(|(s, r)| (v(s), *r)).collect();
        match self {
            Spec::Bars {
                title,
                x_label,
                rows,
                legend: lg,
                diverging,
                guide,
            } => Spec::Bars {
                title: v(title),
                x_label: v(x_label),
                rows: rows
                    .iter()
                    .map(|r| BarRow {
                        label: v(&r.label),
                        segments: r.segments.clone(),
                        note: r.note.as_deref().map(v),
                    })
                    .collect(),
                legend: legend(lg),
                diverging: *diverging,
                guide: guide.clone(),
            },
            Spec::Dispersion {
                title,
                kept,
                rows,
                legend: lg,
            } => Spec::Dispersion {
                title: v(title),
                kept: v(kept),
                rows: rows
                    .iter()
                    .map(|r| DispersionRow {
                        label: v(&r.label),
                        marks: r.marks.clone(),
                    })
                    .collect(),
                legend: legend(lg),
            },
            Spec::Lines {
                title,
                y_label,
                x,
                panels,
            } => Spec::Lines {
                title: v(title),
                y_label: v(y_label),
                x: x.iter().map(|l| v(l)).collect(),
                panels: panels
                    .iter()
                    .map(|p| LinePanel {
                        title: v(&p.title),
                        series: p
                            .series
                            .iter()
                            .map(|s| LineSeries {
                                label: v(&s.label),
                                points: s.points.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            },
            Spec::Heatmap {
                title,
                labels,
                values,
                scale_label,
            } => Spec::Heatmap {
                title: v(title),
                labels: labels.iter().map(|l| v(l)).collect(),
                values: values.clone(),
                scale_label: v(scale_label),
            },
        }
    }
}

static FONTS: Once = Once::new();

/// Registers the bundled DejaVu Sans faces with plotters (once per process).
pub(crate) fn register_fonts() {
    FONTS.call_once(|| {
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold());
    });
}

/// Chart size in pixels.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

impl Size {
    /// The size a chart gets unless told otherwise: 26 pixels per row plus 150, from 360 to
    /// `max_height`, and 1000 wide. A heatmap, whose cells are square, counts its labels and
    /// six rows more (for the labels below it), is at most 900 high, and is only as wide as its
    /// square needs (about 100 pixels more than the height) and its title at a readable size.
    pub fn for_spec(spec: &Spec, width: Option<u32>, height: Option<u32>, max_height: u32) -> Size {
        let rows = |n: usize| (150 + (n as u32).saturating_mul(26)).clamp(360, max_height);
        let (title, labels) = match spec {
            Spec::Heatmap { title, labels, .. } => (title, labels),
            Spec::Bars { rows: r, .. } => return Size::rows(width, height, rows(r.len())),
            Spec::Dispersion { rows: r, .. } => return Size::rows(width, height, rows(r.len())),
            // Panels three to a row (one when narrower than 600), 320 pixels high each.
            Spec::Lines { panels, .. } => {
                let cols = lines::columns(panels.len(), width.unwrap_or(1000));
                let grid = panels.len().div_ceil(cols).max(1) as u32;
                let fit = (140 + 320 * grid).clamp(420, max_height.max(420));
                return Size::rows(width, height, fit);
            }
        };
        // Beside the square come the row labels and the colour bar: about 100 pixels.
        let title_w = text::measure(title, 15.0, true).0 as u32 + 2 * draw::MARGIN as u32;
        let (width, height) = match (width, height) {
            (Some(w), Some(h)) => (w, h),
            (None, Some(h)) => (h.saturating_add(100).max(title_w), h),
            (Some(w), None) => (w, w.saturating_sub(100).clamp(360, max_height)),
            (None, None) => {
                let h = rows(labels.len() + 6).min(900);
                ((h + 100).max(title_w).min(1000), h)
            }
        };
        Size { width, height }
    }

    /// A chart of rows: 1000 wide and `fit` high unless told otherwise.
    fn rows(width: Option<u32>, height: Option<u32>, fit: u32) -> Size {
        Size {
            width: width.unwrap_or(1000),
            height: height.unwrap_or(fit),
        }
    }
}

/// The output format, from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// SVG.
    Svg,
}

impl ImageFormat {
    /// From a path's extension (`.png` or `.svg`).
    pub fn from_path(p: &Path) -> Result<Self> {
        match p
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .as_deref()
        {
            Some("png") => Ok(ImageFormat::Png),
            Some("svg") => Ok(ImageFormat::Svg),
            _ => Err(Error::Invalid(format!(
                "{}: charts are written as .png or .svg; choose one of these extensions",
                p.display()
            ))),
        }
    }
}

/// Renders a chart to PNG or SVG bytes.
pub fn render(spec: &Spec, size: Size, format: ImageFormat) -> Result<Vec<u8>> {
    register_fonts();
    let shown = spec.shown();
    let spec = &shown;
    if size.width < 200 || size.height < 150 || size.width > 10_000 || size.height > 10_000 {
        return Err(Error::Invalid(format!(
            "chart size {}x{} is outside 200x150 .. 10000x10000",
            size.width, size.height
        )));
    }
    match format {
        ImageFormat::Png => {
            let mut buf = vec![255u8; (size.width * size.height * 3) as usize];
            {
                let area = BitMapBackend::with_buffer(&mut buf, (size.width, size.height))
                    .into_drawing_area();
                text::start();
                let drawn = draw::draw(&area, spec);
                let ops = text::finish();
                drawn.map_err(Error::Chart)?;
                area.present().map_err(|e| Error::Chart(e.to_string()))?;
                drop(area);
                text::paint(&ops, &mut buf, size.width, size.height);
            }
            let mut png = Vec::new();
            let enc = image::codecs::png::PngEncoder::new(&mut png);
            image::ImageEncoder::write_image(
                enc,
                &buf,
                size.width,
                size.height,
                image::ColorType::Rgb8,
            )
            .map_err(|e| Error::Chart(e.to_string()))?;
            Ok(png)
        }
        ImageFormat::Svg => {
            let mut s = String::new();
            {
                let area =
                    SVGBackend::with_string(&mut s, (size.width, size.height)).into_drawing_area();
                draw::draw(&area, spec).map_err(|e| Error::Chart(e.to_string()))?;
                area.present().map_err(|e| Error::Chart(e.to_string()))?;
            }
            Ok(s.into_bytes())
        }
    }
}

/// Renders a chart and writes it atomically to `path` (format from the extension); a read-only
/// file is replaced only with `force`.
pub fn write(spec: &Spec, size: Size, path: &Path, force: bool) -> Result<()> {
    let format = ImageFormat::from_path(path)?;
    let bytes = render(spec, size, format)?;
    crate::out::write_atomic(path, &bytes, force)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heatmap(n: usize) -> Spec {
        Spec::Heatmap {
            title: "Document similarity (cosine)".into(),
            labels: (0..n).map(|i| format!("doc{i}")).collect(),
            values: vec![vec![0.5; n]; n],
            scale_label: "cosine".into(),
        }
    }

    #[test]
    fn default_sizes_follow_rows_and_heatmaps_stay_square() {
        let bars = Spec::Bars {
            title: "t".into(),
            x_label: "x".into(),
            rows: Vec::new(),
            legend: Vec::new(),
            diverging: false,
            guide: None,
        };
        let s = Size::for_spec(&bars, None, None, 2400);
        assert_eq!((s.width, s.height), (1000, 360));
        // Ten documents: 16 rows of 26 pixels and 150 more; the square needs 100 beside it.
        let s = Size::for_spec(&heatmap(10), None, None, 2400);
        assert_eq!((s.width, s.height), (666, 566));
        // Eighty: no higher than 900, so that the square fits the 1000 pixels of width.
        let s = Size::for_spec(&heatmap(80), None, None, 2400);
        assert_eq!((s.width, s.height), (1000, 900));
        // A height asked for sets the width; both asked for are kept.
        let s = Size::for_spec(&heatmap(80), None, Some(1500), 2400);
        assert_eq!((s.width, s.height), (1600, 1500));
        let s = Size::for_spec(&heatmap(2), Some(700), Some(300), 2400);
        assert_eq!((s.width, s.height), (700, 300));
        // Two documents and a long title: wide enough for the title.
        let mut two = heatmap(2);
        if let Spec::Heatmap { title, .. } = &mut two {
            *title = "Document similarity (cosine): ARM_67_2012.txt ARM_71_2016.txt \
                      AZE_67_2012.txt (3 documents)"
                .into();
        }
        let s = Size::for_spec(&two, None, None, 2400);
        assert_eq!(s.height, 360);
        assert!(s.width > 600 && s.width < 1000, "{}", s.width);
    }
}
