//! Numbers for people: thousands separators and counted nouns, the same in headers, reports and
//! charts.

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A table cell's whole number with thousands separators (`3464` → `3,464`, `-1234` →
/// `-1,234`); other text unchanged.
pub fn group_digits(s: &str) -> String {
    let (sign, digits) = match s.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", s),
    };
    match digits.parse::<u64>() {
        Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => format!("{sign}{}", thousands(n)),
        _ => s.to_string(),
    }
}

/// `N things`, with thousands separators and the plural when N is not 1 (`1 document`,
/// `3,473 documents`).
pub fn count_of(n: u64, what: &str) -> String {
    let plural = match what.strip_suffix('y') {
        _ if n == 1 => what.to_string(),
        // `category` → `categories`, `entry` → `entries`; `day` → `days`.
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{what}s"),
    };
    format!("{} {plural}", thousands(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_plurals() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(count_of(65, "category"), "65 categories");
        assert_eq!(count_of(1, "category"), "1 category");
        assert_eq!(count_of(2, "day"), "2 days");
        assert_eq!(count_of(2, "term"), "2 terms");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(group_digits("3464"), "3,464");
        assert_eq!(group_digits("-1234"), "-1,234");
        assert_eq!(group_digits("12345"), "12,345");
        assert_eq!(group_digits("+12"), "+12");
        assert_eq!(group_digits("12a45"), "12a45");
        assert_eq!(count_of(1, "document"), "1 document");
        assert_eq!(count_of(3473, "document"), "3,473 documents");
    }
}
