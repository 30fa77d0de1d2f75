//! Text for PNG charts, laid out and rasterised with ab_glyph directly (plotters 0.3.7's
//! ab_glyph path ignores each glyph's side bearing, which shifts narrow marks such as the full
//! stop). While a PNG is drawn, the chart's text calls are collected here and painted onto the
//! bitmap after the shapes; SVG output keeps plotters' `<text>` elements.

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use plotters::style::text_anchor::{HPos, VPos};
use std::cell::RefCell;
use std::sync::OnceLock;

/// One piece of text to paint.
#[derive(Clone)]
pub struct TextOp {
    /// The text.
    pub text: String,
    /// Size in pixels (as plotters' font size).
    pub size: f32,
    /// Bold face.
    pub bold: bool,
    /// Colour.
    pub rgb: (u8, u8, u8),
    /// Anchor point.
    pub x: i32,
    /// Anchor point.
    pub y: i32,
    /// Horizontal anchor.
    pub h: HPos,
    /// Vertical anchor.
    pub v: VPos,
    /// Turned 90° anticlockwise (reading upwards).
    pub rotated: bool,
}

fn face(bold: bool) -> &'static FontRef<'static> {
    static REGULAR: OnceLock<FontRef<'static>> = OnceLock::new();
    static BOLD: OnceLock<FontRef<'static>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, dejavu::sans::bold())
    } else {
        (&REGULAR, dejavu::sans::regular())
    };
    // Cannot fail on input: the font is compiled into the binary, and the chart tests parse it.
    cell.get_or_init(|| FontRef::try_from_slice(bytes).expect("the bundled DejaVu font parses"))
}

/// Plotters' font size is used as ab_glyph's pixel scale, as plotters does.
fn scale(size: f32) -> PxScale {
    PxScale::from(size)
}

/// Width and height in pixels of `text` at `size`.
pub fn measure(text: &str, size: f32, bold: bool) -> (f32, f32) {
    let font = face(bold).as_scaled(scale(size));
    let mut w = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            w += font.kern(p, id);
        }
        w += font.h_advance(id);
        prev = Some(id);
    }
    (w, font.ascent() - font.descent())
}

thread_local! {
    static COLLECT: RefCell<Option<Vec<TextOp>>> = const { RefCell::new(None) };
}

/// Starts collecting text calls on this thread (for a PNG).
pub fn start() {
    COLLECT.with(|c| *c.borrow_mut() = Some(Vec::new()));
}

/// Stops collecting and returns what was collected.
pub fn finish() -> Vec<TextOp> {
    COLLECT.with(|c| c.borrow_mut().take().unwrap_or_default())
}

/// Records `op` if collecting; returns false when text should be drawn by plotters (SVG).
pub fn collect(op: TextOp) -> bool {
    COLLECT.with(|c| match c.borrow_mut().as_mut() {
        Some(v) => {
            v.push(op);
            true
        }
        None => false,
    })
}

/// Paints the collected text onto an RGB buffer of `width` × `height`.
pub fn paint(ops: &[TextOp], buf: &mut [u8], width: u32, height: u32) {
    for op in ops {
        let font = face(op.bold).as_scaled(scale(op.size));
        let (w, h) = measure(&op.text, op.size, op.bold);
        // Top-left corner of the text box, in the text's own (unrotated) frame.
        let dx = match op.h {
            HPos::Left => 0.0,
            HPos::Center => -w / 2.0,
            HPos::Right => -w,
        };
        let dy = match op.v {
            VPos::Top => 0.0,
            VPos::Center => -h / 2.0,
            VPos::Bottom => -h,
        };
        let mut caret = 0.0;
        let mut prev = None;
        for c in op.text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                caret += font.kern(p, id);
            }
            prev = Some(id);
            let glyph = id.with_scale_and_position(scale(op.size), point(caret, font.ascent()));
            caret += font.h_advance(id);
            let Some(outline) = face(op.bold).outline_glyph(glyph) else {
                continue;
            };
            let b = outline.px_bounds();
            outline.draw(|gx, gy, cov| {
                // Position in the text frame, then on the canvas.
                let tx = b.min.x + gx as f32 + dx;
                let ty = b.min.y + gy as f32 + dy;
                let (px, py) = if op.rotated {
                    (op.x as f32 + ty, op.y as f32 - tx)
                } else {
                    (op.x as f32 + tx, op.y as f32 + ty)
                };
                let (px, py) = (px.round() as i64, py.round() as i64);
                if px < 0 || py < 0 || px >= width as i64 || py >= height as i64 {
                    return;
                }
                let i = (py as usize * width as usize + px as usize) * 3;
                let a = cov.clamp(0.0, 1.0);
                for (k, ch) in [op.rgb.0, op.rgb.1, op.rgb.2].into_iter().enumerate() {
                    let old = buf[i + k] as f32;
                    buf[i + k] = (old + (ch as f32 - old) * a).round() as u8;
                }
            });
        }
    }
}
