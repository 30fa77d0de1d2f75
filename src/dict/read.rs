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
    walk(top, &mut Vec::new(), d)
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn walk(map: &yaml_rust2::yaml::Hash, path: &mut Vec<String>, d: &mut Dictionary) -> Result<()> {
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
            Yaml::Hash(inner) => walk(inner, path, d)?,
            Yaml::Array(items) => {
                d.categories.push(path.clone());
                for item in items {
                    match item {
                        // quanteda allows a list holding a map (entries and subcategories).
                        Yaml::Hash(inner) => walk(inner, path, d)?,
                        other => match scalar(other) {
                            Some(s) => d.entries.push((path.clone(), s)),
                            None => {
                                return Err(Error::Invalid(format!(
                                    "{}: category '{}' has an entry that is not text",
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

fn liwc(text: &str, d: &mut Dictionary) -> Result<()> {
    let mut lines = text.lines().enumerate();
    // The category table, between the first two lines that are `%`.
    let mut ids: Vec<(String, String)> = Vec::new();
    let mut seen_open = false;
    for (n, line) in lines.by_ref() {
        let t = line.trim();
        if t == "%" {
            if seen_open {
                break;
            }
            seen_open = true;
            continue;
        }
        if t.is_empty() {
            continue;
        }
        if !seen_open {
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
        if name.is_empty() {
            return Err(Error::Invalid(format!(
                "{}, line {}: category '{id}' has no name",
                d.origin,
                n + 1
            )));
        }
        ids.push((id.to_string(), name.clone()));
        d.categories.push(vec![name]);
    }
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
                    .position(|w| ids.iter().any(|(id, _)| id == w))
                    .unwrap_or(words.len());
                (words[..first_num].join(" "), words[first_num..].join("\t"))
            }
        };
        for c in cats
            .split(['\t', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            // LIWC 2007's conditional codes (`(02 134)125/464`) depend on the word before;
            // they are left out, as quanteda leaves them out.
            if c.contains(['(', ')', '/']) {
                continue;
            }
            match ids.iter().find(|(id, _)| id == c) {
                Some((_, name)) => d.entries.push((vec![name.clone()], entry.clone())),
                None => {
                    return Err(Error::Invalid(format!(
                        "{}, line {}: '{entry}' names category {c}, which the table at the top \
                         does not have",
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
}
