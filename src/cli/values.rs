//! Parsers of option values that clap's own do not give: counts of at least one,
//! probabilities.

/// A count of at least one (`--top 0` would show nothing; `--min-count 0` would mean the same
/// as `--min-count 1`, so it is refused rather than shown as "seen at least 0 times").
pub fn at_least_one<T: std::str::FromStr + PartialOrd + From<u8>>(s: &str) -> Result<T, String> {
    match s.parse::<T>() {
        Ok(n) if n >= T::from(1) => Ok(n),
        _ => Err(format!("'{s}' is not a count of at least 1")),
    }
}

/// A probability from 0 to 1.
pub fn probability(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        // `-0` is 0 (one fingerprint for both).
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p + 0.0),
        _ => Err(format!("expected a probability from 0 to 1, not {s:?}")),
    }
}
