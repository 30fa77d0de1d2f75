//! Dictionary files: quanteda's YAML (nested keys allowed), LIWC `.dic` (LIWC 2007/2015: the
//! category table between `%` lines, then one entry per line with its category numbers), and
//! a plain list (`[category]` or `[parent.child]` headers, one entry per line, `#` comments).

use super::Dictionary;
use crate::error::{Error, Result};
use yaml_rust2::Yaml;

/// A dictionary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// quanteda's YAML: `category: [entry, ...]`, nested maps for nested categories.
    Yaml,
    /// LIWC `.dic`.
    Liwc,
    /// `[category]` headers with one entry per line.
    List,
}

impl Format {
    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Liwc => "LIWC",
            Format::List => "a plain list",
        }
    }

    /// Whether a text is a plain list: its first line is a `[category]` header, or a header
    /// stands on some line and no line has the colon of YAML's `category:` (so that an entry
    /// before the first header is told as such, not as bad YAML).
    fn looks_like_list(text: &str) -> bool {
        let mut lines = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        let header = |l: &str| l.starts_with('[') && l.ends_with(']') && !l.contains(',');
        match lines.next() {
            Some(first) if first.starts_with('[') => true,
            Some(first) => {
                let rest: Vec<&str> = lines.collect();
                rest.iter().any(|l| header(l))
                    && !std::iter::once(&first)
                        .chain(&rest)
                        .any(|l| l.contains(':'))
            }
            None => false,
        }
    }

    /// The format of a file, by its name's extension, else by its first line.
    pub fn guess(origin: &str, text: &str) -> Format {
        let lower = origin.to_lowercase();
        if lower.ends_with(".yml") || lower.ends_with(".yaml") {
            Format::Yaml
        } else if lower.ends_with(".dic") || text.trim_start().starts_with('%') {
            Format::Liwc
        } else if Self::looks_like_list(text) {
            Format::List
        } else {
            Format::Yaml
        }
    }
}

pub(super) fn parse(text: &str, origin: &str, format: Format) -> Result<Dictionary> {
    let mut d = Dictionary {
        origin: origin.to_string(),
        ..Default::default()
    };
    match format {
        Format::Yaml => yaml(text, &mut d)?,
        Format::Liwc => liwc(text, &mut d)?,
        Format::List => list(text, &mut d)?,
    }
    Ok(d)
}

fn yaml(text: &str, d: &mut Dictionary) -> Result<()> {
    let docs = yaml_rust2::YamlLoader::load_from_str(text).map_err(|e| {
        // The parser names a key as Rust would print it (`String("a")`): shown as written.
        let e = regex::Regex::new(r#"^String\("(.*?)"\)"#)
            .map(|re| re.replace(&e.to_string(), "'$1'").into_owned())
            .unwrap_or_else(|_| e.to_string());
        Error::Invalid(format!(
            "{}: not valid YAML: {e}; quanteda's format is `category: [entry, entry]`",
            d.origin
        ))
    })?;
    let Some(Yaml::Hash(top)) = docs.first() else {
        let lower = d.origin.to_lowercase();
        let what = if text.trim().is_empty() {
            "the file is empty".to_string()
        } else if lower.ends_with(".yml") || lower.ends_with(".yaml") {
            "a YAML dictionary is a map of categories (`category: [entry, entry]`)".to_string()
        } else {
            "not a dictionary verbale reads: give a YAML map of categories (`category: [entry, \
             entry]`), a LIWC `.dic` file, or a list of `[category]` lines, each followed by \
             its entries one per line"
                .to_string()
        };
        return Err(Error::Invalid(format!("{}: {what}", d.origin)));
    };
    walk(top, &mut Vec::new(), d, text)
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn walk(
    map: &yaml_rust2::yaml::Hash,
    path: &mut Vec<String>,
    d: &mut Dictionary,
    text: &str,
) -> Result<()> {
    for (k, v) in map {
        let Some(key) = scalar(k) else {
            return Err(Error::Invalid(format!(
                "{}: a category name under '{}' is not text",
                d.origin,
                path.join(".")
            )));
        };
        // quanteda's empty key puts values on the parent (`US: {MA: Boston, '': Washington}`).
        let pushed = !key.is_empty() || path.is_empty();
        if pushed {
            path.push(key);
        }
        match v {
            Yaml::Hash(inner) => walk(inner, path, d, text)?,
            Yaml::Array(items) => {
                d.categories.push(path.clone());
                for item in items {
                    match item {
                        // quanteda allows a list holding a map (entries and subcategories).
                        Yaml::Hash(inner) => walk(inner, path, d, text)?,
                        Yaml::Null => {
                            return Err(Error::Invalid(format!(
                                "{}{}: category '{}' has an empty entry (a `-` with nothing \
                                 after it); remove it or write the entry",
                                d.origin,
                                empty_item_line(text, path.last().map_or("", |k| k))
                                    .map(|n| format!(", line {n}"))
                                    .unwrap_or_default(),
                                path.join(".")
                            )))
                        }
                        other => match scalar(other) {
                            Some(s) => d.entries.push((path.clone(), s)),
                            None => {
                                return Err(Error::Invalid(format!(
                                    "{}: category '{}' has an entry that is not text (a list \
                                     inside its list?); write each entry as a word or phrase",
                                    d.origin,
                                    path.join(".")
                                )))
                            }
                        },
                    }
                }
            }
            Yaml::Null => d.categories.push(path.clone()),
            other => {
                d.categories.push(path.clone());
                if let Some(s) = scalar(other) {
                    d.entries.push((path.clone(), s));
                }
            }
        }
        if pushed {
            path.pop();
        }
    }
    Ok(())
}

/// The line (from 1) of the first empty list item (`-` alone) after the line that opens
/// category `key`, if the text shows one: the YAML reader keeps no lines for its values.
fn empty_item_line(text: &str, key: &str) -> Option<usize> {
    // A line without its comment (`- # todo` is an empty entry too).
    let bare = |l: &str| l.split(" #").next().unwrap_or("").trim_end().to_string();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let opens = |l: &str| {
        let t = l.trim_start().trim_start_matches("- ");
        let t = t.trim_start_matches(['"', '\'']);
        t.strip_prefix(key)
            .is_some_and(|r| r.trim_start_matches(['"', '\'']).starts_with(':'))
    };
    let start = text.lines().position(opens)?;
    let depth = indent(text.lines().nth(start)?);
    for (n, l) in text.lines().enumerate().skip(start + 1) {
        let b = bare(l);
        let t = b.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        // The category ends at a line no deeper than its key (a list may stand at its depth).
        if indent(&b) < depth || (indent(&b) == depth && !t.starts_with('-')) {
            return None;
        }
        if matches!(t, "-" | "- ~" | "- null" | "- Null" | "- NULL") {
            return Some(n + 1);
        }
    }
    None
}

fn liwc(text: &str, d: &mut Dictionary) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::Invalid(format!("{}: the file is empty", d.origin)));
    }
    let mut lines = text.lines().enumerate();
    let ids = liwc_table(&mut lines, d)?;
    liwc_entries(lines, &ids, d)
}

/// A LIWC category: its number, its name and the line (from 1) that gives it.
type LiwcCategory = (String, String, usize);

/// The category table of a LIWC file, between its first two lines that are `%` (the lines
/// are read up to the second).
fn liwc_table<'a>(
    lines: &mut impl Iterator<Item = (usize, &'a str)>,
    d: &mut Dictionary,
) -> Result<Vec<LiwcCategory>> {
    let mut ids: Vec<LiwcCategory> = Vec::new();
    let mut opened = None;
    let mut closed = false;
    for (n, line) in lines {
        let t = line.trim();
        if t == "%" {
            if opened.is_some() {
                closed = true;
                break;
            }
            opened = Some(n + 1);
            continue;
        }
        if t.is_empty() {
            continue;
        }
        if opened.is_none() {
            return Err(Error::Invalid(format!(
                "{}, line {}: a LIWC dictionary starts with a line `%`, its categories, and \
                 another `%`",
                d.origin,
                n + 1
            )));
        }
        let mut parts = t.split_whitespace();
        let (Some(id), name) = (parts.next(), parts.collect::<Vec<_>>().join(" ")) else {
            continue;
        };
        // A table row starts with a number: a word there is an entry, read as a row because
        // the `%` that closes the table is missing.
        if !id.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::Invalid(format!(
                "{}, line {}: '{id}' is not a category number; is the `%` that closes the \
                 table (opened on line {}) missing?",
                d.origin,
                n + 1,
                opened.unwrap_or(1)
            )));
        }
        if name.is_empty() {
            return Err(Error::Invalid(format!(
                "{}, line {}: category '{id}' has no name",
                d.origin,
                n + 1
            )));
        }
        if let Some((_, first, at)) = ids.iter().find(|(i, _, _)| i == id) {
            return Err(Error::Invalid(format!(
                "{}, line {}: category number {id} is given twice ('{first}' on line {at}, \
                 '{name}' here); give each category its own number",
                d.origin,
                n + 1
            )));
        }
        ids.push((id.to_string(), name.clone(), n + 1));
        d.categories.push(vec![name]);
    }
    if !closed {
        return Err(Error::Invalid(format!(
            "{}, line {}: the category table opened here is never closed; a LIWC dictionary's \
             table of categories ends with a line `%`, and its entries follow",
            d.origin,
            opened.unwrap_or(1)
        )));
    }
    Ok(ids)
}

/// The entries of a LIWC file, after its category table: each entry with its categories.
fn liwc_entries<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    ids: &[LiwcCategory],
    d: &mut Dictionary,
) -> Result<()> {
    let numbers = ids
        .iter()
        .map(|(i, _, _)| i.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    for (n, line) in lines {
        let t = line.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        // The entry is everything before the first tab or the first category number (LIWC 2015
        // entries can hold spaces: `take note`).
        let (entry, cats) = match t.split_once('\t') {
            Some((e, c)) => (e.trim().to_string(), c.to_string()),
            None => {
                let words: Vec<&str> = t.split_whitespace().collect();
                let first_num = words
                    .iter()
                    .position(|w| ids.iter().any(|(id, _, _)| id == w))
                    .unwrap_or(words.len());
                (words[..first_num].join(" "), words[first_num..].join("\t"))
            }
        };
        let codes: Vec<&str> = cats
            .split(['\t', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if codes.is_empty() {
            return Err(Error::Invalid(format!(
                "{}, line {}: '{entry}' has no category number; follow it with a tab and one or \
                 more of the table's numbers ({numbers})",
                d.origin,
                n + 1
            )));
        }
        for c in codes {
            // LIWC 2007's conditional codes (`(02 134)125/464`) depend on the word before;
            // they are left out, as quanteda leaves them out.
            if c.contains(['(', ')', '/']) {
                continue;
            }
            match ids.iter().find(|(id, _, _)| id == c) {
                Some((_, name, _)) => d.entries.push((vec![name.clone()], entry.clone())),
                None if c.parse::<u64>().is_ok() => {
                    return Err(Error::Invalid(format!(
                        "{}, line {}: '{entry}' names category {c}, which the table at the top \
                         does not have (its numbers: {numbers})",
                        d.origin,
                        n + 1
                    )))
                }
                None => {
                    return Err(Error::Invalid(format!(
                        "{}, line {}: '{c}' after '{entry}' is not a category number; an entry \
                         is followed by numbers of the table at the top ({numbers})",
                        d.origin,
                        n + 1
                    )))
                }
            }
        }
    }
    Ok(())
}

fn list(text: &str, d: &mut Dictionary) -> Result<()> {
    let mut path: Option<Vec<String>> = None;
    for (n, line) in text.lines().enumerate() {
        let t = line.split('#').next().unwrap_or("").trim();
        if t.is_empty() {
            continue;
        }
        if let Some(h) = t.strip_prefix('[') {
            let name = h.strip_suffix(']').unwrap_or(h).trim();
            let p: Vec<String> = name.split('.').map(|s| s.trim().to_string()).collect();
            d.categories.push(p.clone());
            path = Some(p);
            continue;
        }
        match &path {
            Some(p) => d.entries.push((p.clone(), t.to_string())),
            None => {
                return Err(Error::Invalid(format!(
                    "{}, line {}: '{t}' comes before any `[category]` header",
                    d.origin,
                    n + 1
                )))
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_nests_and_lists_read_the_same_categories() {
        let y = "econ:\n  tax: [tax*, fiscal]\n  trade: trade\nwar: [war, \"armed conflict\"]\n";
        let d = parse(y, "t.yml", Format::Yaml).unwrap();
        assert_eq!(d.categories.len(), 3);
        assert_eq!(
            d.entries[0],
            (vec!["econ".into(), "tax".into()], "tax*".into())
        );
        assert_eq!(d.entries[4].1, "armed conflict");
        let l = "[econ.tax]\ntax*\nfiscal\n[econ.trade]\ntrade\n[war]\nwar # a comment\narmed conflict\n";
        let d2 = parse(l, "t.txt", Format::List).unwrap();
        assert_eq!(Format::guess("t.lst", "peace\n[war]\nwar\n"), Format::List);
        assert_eq!(
            Format::guess("t.lst", "peace: [a, b]\n[war]\n"),
            Format::Yaml
        );
        assert_eq!(Format::guess("t.lst", "peace:\n  - war\n"), Format::Yaml);
        assert_eq!(d.entries, d2.entries);
    }

    #[test]
    fn liwc_reads_the_table_and_skips_conditional_codes() {
        let t = "%\n1\tfunct\n2\tpronoun\n%\nlike\t(02 134)125/464\t1\nwe\t1\t2\ntake note\t2\n";
        let d = parse(t, "t.dic", Format::Liwc).unwrap();
        assert_eq!(d.categories.len(), 2);
        let e: Vec<(&str, &str)> = d
            .entries
            .iter()
            .map(|(p, e)| (p[0].as_str(), e.as_str()))
            .collect();
        assert_eq!(
            e,
            [
                ("funct", "like"),
                ("funct", "we"),
                ("pronoun", "we"),
                ("pronoun", "take note")
            ]
        );
        let bad = parse("%\n1\ta\n%\nword\t7\n", "b.dic", Format::Liwc).unwrap_err();
        assert!(bad.to_string().contains("line 4"), "{bad}");
    }

    /// A malformed LIWC file is refused with the line and what to do, never read silently
    /// wrong: a number given to two categories would count every entry of the second under
    /// the first.
    #[test]
    fn liwc_mistakes_name_their_line() {
        let err = |t: &str| parse(t, "b.dic", Format::Liwc).unwrap_err().to_string();
        let twice = err("%\n1\tcondemn\n1\tpraise\n%\ncondemn*\t1\n");
        assert!(
            twice.contains("line 3") && twice.contains("given twice"),
            "{twice}"
        );
        let open = err("%\n1\tcondemn\n\n2\tpraise\n");
        assert!(
            open.contains("line 1") && open.contains("never closed"),
            "{open}"
        );
        // Entries read as rows of a table left open: the missing `%` is named.
        let open = err("%\n1\tcondemn\n\ncondemn*\t1\n");
        assert!(
            open.contains("line 4") && open.contains("closes the table (opened on line 1)"),
            "{open}"
        );
        let bare = err("%\n1\tcondemn\n%\ncondemn*\n");
        assert!(
            bare.contains("line 4") && bare.contains("no category number"),
            "{bare}"
        );
        let word = err("%\n1\tcondemn\n%\ncondemn*\tone\n");
        assert!(word.contains("'one'") && word.contains("not a category number"));
        assert!(err("\n  \n").contains("the file is empty"));
    }

    /// An empty YAML entry is named with its line, and only a line of its own category.
    #[test]
    fn an_empty_yaml_entry_names_its_line() {
        let e = parse("a:\n  - \n  - war\n", "e.yml", Format::Yaml).unwrap_err();
        let e = e.to_string();
        assert!(e.contains("line 2") && e.contains("empty entry"), "{e}");
        let y = "a:\n  - # todo\n  - war\nb:\n  - peace\n  -\n";
        let e = parse(y, "e.yml", Format::Yaml).unwrap_err().to_string();
        assert!(e.contains("e.yml, line 2: category 'a'"), "{e}");
        // Flow style gives no line of its own: the category is named without one.
        let e = parse("a: [war, ~]\nb:\n  -\n", "e.yml", Format::Yaml).unwrap_err();
        assert!(e.to_string().starts_with("e.yml: category 'a'"), "{e}");
    }
}
