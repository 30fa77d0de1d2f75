//! A small document model for reports, rendered to self-contained HTML and to Markdown. Every
//! string is text, never markup: the renderers escape it.

use crate::out::markdown::escape as md_escape;
use base64::Engine;

/// One block of a report.
#[derive(Debug, Clone)]
pub enum Block {
    /// A section heading with an anchor id.
    Heading(u8, String, String),
    /// A paragraph of plain text.
    Para(String),
    /// A list of plain-text items.
    List(Vec<String>),
    /// A table: header, rows, which columns are numeric (right-aligned).
    Table {
        /// Column names.
        header: Vec<String>,
        /// Cells.
        rows: Vec<Vec<String>>,
        /// Right-align these columns.
        numeric: Vec<bool>,
    },
    /// A chart: file name beside the report, the PNG bytes, alt text.
    Image {
        /// File name (for Markdown).
        file: String,
        /// PNG bytes (embedded in HTML).
        png: Vec<u8>,
        /// PNG bytes of the chart drawn for a phone's width (shown below 600 pixels; empty:
        /// none).
        narrow: Vec<u8>,
        /// Alternative text.
        alt: String,
    },
    /// Preformatted text (the command line).
    Code(String),
}

/// Escapes text for HTML content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\
h1{font-size:1.7em;border-bottom:2px solid #0072B2;padding-bottom:.2em}h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{padding:.25em .6em;border-bottom:1px solid #e5e5e5;vertical-align:top}\
th{background:#f3f6f9;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\
img{max-width:100%;height:auto;border:1px solid #eee}pre{background:#f6f6f6;padding:.6em;overflow-x:auto;white-space:pre-wrap}\
nav ul{columns:2}.note{color:#555;font-size:.9em}code{background:#f6f6f6;padding:0 .2em}\
.scroll{overflow-x:auto;max-width:100%}td.n{white-space:nowrap}pre{overflow-wrap:anywhere}\
h1,h2,h3,p,li{overflow-wrap:anywhere}\
a.top{font-size:.6em;margin-left:.6em;text-decoration:none;color:#0072B2}\
@media (max-width:600px){body{margin:1em auto;padding:0 .6em}nav ul{columns:1}table{font-size:.8em}}\
@media print{body{max-width:none;margin:0}h2{page-break-after:avoid}table,img{page-break-inside:avoid}nav{display:none}}";

/// A paragraph's text with its `code` spans (between backticks, which come in pairs) written
/// by `code` and the rest by `text`; a text with an odd number of backticks is all `text`.
fn with_code(t: &str, text: impl Fn(&str) -> String, code: impl Fn(&str) -> String) -> String {
    let pieces: Vec<&str> = t.split('`').collect();
    if pieces.len().is_multiple_of(2) {
        return text(t);
    }
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 2 == 1 && !p.is_empty() {
                code(p)
            } else {
                text(p)
            }
        })
        .collect()
}

/// A chart as an HTML picture of data URIs: on a phone the chart drawn for its width
/// (`narrow`, when there is one), whose text keeps its size.
fn html_image(png: &[u8], narrow: &[u8], alt: &str) -> String {
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let phone = if narrow.is_empty() {
        String::new()
    } else {
        format!(
            "<source media=\"(max-width: 600px)\" srcset=\"data:image/png;base64,{}\"/>",
            b64(narrow)
        )
    };
    format!(
        "<p><picture>{phone}<img alt=\"{}\" src=\"data:image/png;base64,{}\"/></picture></p>\n",
        html_escape(alt),
        b64(png)
    )
}

/// Renders the blocks as one self-contained HTML page (inline CSS, charts as data URIs).
pub fn to_html(title: &str, blocks: &[Block]) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    h.push_str(&format!(
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        html_escape(title)
    ));
    h.push_str(&format!("<h1>{}</h1>\n", html_escape(title)));
    let toc: Vec<(&str, &str)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(2, t, id) => Some((t.as_str(), id.as_str())),
            _ => None,
        })
        .collect();
    h.push_str("<nav id=\"contents\"><ul>\n");
    for (t, id) in toc {
        h.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>\n",
            html_escape(id),
            html_escape(t)
        ));
    }
    h.push_str("</ul></nav>\n");
    for b in blocks {
        match b {
            // Each section leads back to the contents (on a phone, a long way up).
            Block::Heading(2, t, id) => h.push_str(&format!(
                "<h2 id=\"{}\">{}<a class=\"top\" href=\"#contents\" \
                 title=\"back to the contents\">↑ contents</a></h2>\n",
                html_escape(id),
                html_escape(t)
            )),
            Block::Heading(l, t, id) => h.push_str(&format!(
                "<h{l} id=\"{}\">{}</h{l}>\n",
                html_escape(id),
                html_escape(t)
            )),
            Block::Para(t) => h.push_str(&format!(
                "<p>{}</p>\n",
                with_code(t, html_escape, |c| format!(
                    "<code>{}</code>",
                    html_escape(c)
                ))
            )),
            Block::List(items) => {
                h.push_str("<ul>\n");
                for i in items {
                    h.push_str(&format!("<li>{}</li>\n", html_escape(i)));
                }
                h.push_str("</ul>\n");
            }
            Block::Code(t) => h.push_str(&format!("<pre>{}</pre>\n", html_escape(t))),
            Block::Image {
                png, narrow, alt, ..
            } => h.push_str(&html_image(png, narrow, alt)),
            Block::Table {
                header,
                rows,
                numeric,
            } => {
                // Wide tables scroll in their own box instead of widening the page.
                h.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
                for c in header {
                    h.push_str(&format!("<th>{}</th>", html_escape(c)));
                }
                h.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    h.push_str("<tr>");
                    for (i, c) in r.iter().enumerate() {
                        let class = if numeric.get(i).copied().unwrap_or(false) {
                            " class=\"n\""
                        } else {
                            ""
                        };
                        h.push_str(&format!("<td{class}>{}</td>", html_escape(c)));
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody>\n</table></div>\n");
            }
        }
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// Renders the blocks as Markdown; charts are referenced as the PNG files beside it.
pub fn to_markdown(title: &str, blocks: &[Block]) -> String {
    let mut m = format!("# {}\n\n", md_escape(title));
    for b in blocks {
        match b {
            Block::Heading(l, t, _) => {
                m.push_str(&format!("{} {}\n\n", "#".repeat(*l as usize), md_escape(t)))
            }
            Block::Para(t) => m.push_str(&format!(
                "{}\n\n",
                with_code(t, md_escape, |c| format!("`{c}`"))
            )),
            Block::List(items) => {
                for i in items {
                    m.push_str(&format!("- {}\n", md_escape(i)));
                }
                m.push('\n');
            }
            Block::Code(t) => {
                // A fence longer than any run of backticks inside (CommonMark), whatever the
                // text holds (a path with ``` and ~~~~ lines).
                let mut longest = 0;
                let mut run = 0;
                for c in t.chars() {
                    run = if c == '`' { run + 1 } else { 0 };
                    longest = longest.max(run);
                }
                let fence = "`".repeat((longest + 1).max(3));
                m.push_str(&format!("{fence}\n{t}\n{fence}\n\n"));
            }
            Block::Image { file, alt, .. } => {
                m.push_str(&format!("![{}]({file})\n\n", md_escape(alt)))
            }
            Block::Table {
                header,
                rows,
                numeric,
            } => {
                m.push_str(&crate::out::markdown::grid(
                    header,
                    rows.iter().cloned(),
                    numeric,
                ));
                m.push('\n');
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_show_paired_backticks_as_code_and_escape_the_rest() {
        let html = to_html("t", &[Block::Para("run `verbale a<b` & see".into())]);
        assert!(
            html.contains("<p>run <code>verbale a&lt;b</code> &amp; see</p>"),
            "{html}"
        );
        let md = to_markdown("t", &[Block::Para("run `a_b` (now)".into())]);
        assert!(md.contains("run `a_b` \\(now\\)"), "{md}");
        // An odd backtick is text.
        let odd = to_html("t", &[Block::Para("a `b` c`d".into())]);
        assert!(odd.contains("<p>a `b` c`d</p>"), "{odd}");
    }
}
