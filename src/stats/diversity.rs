//! Lexical diversity and readability of one document, from the sequence of its words' types
//! (any ids that are equal for equal words) and its counts of words, sentences and syllables.
//!
//! * TTR = types / tokens.
//! * MATTR (Covington & McFall 2010): the mean TTR of every window of `w` consecutive words
//!   (all `n − w + 1` of them); a document shorter than the window gets its TTR.
//! * MTLD (McCarthy & Jarvis 2010), as lexicalrichness computes it: reading forward, a factor
//!   ends where the running TTR of the words since the last factor falls to 0.72 or below; the
//!   words left at the end count as `(1 − TTR) / (1 − 0.72)` of a factor; MTLD = tokens /
//!   factors, averaged over a forward and a backward reading.
//! * Flesch reading ease = 206.835 − 1.015 · words/sentences − 84.6 · syllables/words, and the
//!   Flesch–Kincaid grade = 0.39 · words/sentences + 11.8 · syllables/words − 15.59 (Kincaid et
//!   al. 1975), with syllables by [`syllables`].

/// MTLD's TTR threshold.
pub const MTLD_THRESHOLD: f64 = 0.72;

/// MATTR over windows of `window` words of `seq` (types as ids below `n_types`).
pub fn mattr(seq: &[u32], n_types: usize, window: usize) -> f64 {
    let n = seq.len();
    if n == 0 {
        return f64::NAN;
    }
    let w = window.clamp(1, n);
    let mut count = vec![0u32; n_types];
    let mut distinct = 0usize;
    for &t in &seq[..w] {
        count[t as usize] += 1;
        distinct += (count[t as usize] == 1) as usize;
    }
    let mut sum = distinct as f64;
    for i in w..n {
        let (out, inn) = (seq[i - w] as usize, seq[i] as usize);
        count[out] -= 1;
        distinct -= (count[out] == 0) as usize;
        count[inn] += 1;
        distinct += (count[inn] == 1) as usize;
        sum += distinct as f64;
    }
    sum / ((n - w + 1) as f64 * w as f64)
}

/// MTLD of `seq` (types as ids below `n_types`): the mean of a forward and a backward reading.
pub fn mtld(seq: &[u32], n_types: usize) -> f64 {
    if seq.is_empty() {
        return f64::NAN;
    }
    let mut seen = vec![u32::MAX; n_types];
    let forward = mtld_one_way(seq.iter().copied(), seq.len(), &mut seen);
    seen.fill(u32::MAX);
    let backward = mtld_one_way(seq.iter().rev().copied(), seq.len(), &mut seen);
    (forward + backward) / 2.0
}

/// One reading of MTLD; `seen[t]` holds the factor in which type `t` was last seen.
fn mtld_one_way(words: impl Iterator<Item = u32>, n: usize, seen: &mut [u32]) -> f64 {
    let (mut factor, mut factors) = (0u32, 0.0f64);
    let (mut words_in, mut types_in) = (0usize, 0usize);
    let mut ttr = 1.0;
    for t in words {
        words_in += 1;
        if seen[t as usize] != factor {
            seen[t as usize] = factor;
            types_in += 1;
        }
        ttr = types_in as f64 / words_in as f64;
        if ttr <= MTLD_THRESHOLD {
            factors += 1.0;
            factor += 1;
            words_in = 0;
            types_in = 0;
        }
    }
    if words_in > 0 {
        factors += (1.0 - ttr) / (1.0 - MTLD_THRESHOLD);
    }
    if factors == 0.0 {
        // Only when every word differs (the running TTR stayed 1): one factor.
        factors = 1.0;
    }
    n as f64 / factors
}

/// Flesch reading ease.
pub fn flesch(words: u64, sentences: u64, syllables: u64) -> f64 {
    let (w, s, y) = (words as f64, sentences.max(1) as f64, syllables as f64);
    206.835 - 1.015 * w / s - 84.6 * y / w
}

/// Flesch–Kincaid grade level.
pub fn flesch_kincaid(words: u64, sentences: u64, syllables: u64) -> f64 {
    let (w, s, y) = (words as f64, sentences.max(1) as f64, syllables as f64);
    0.39 * w / s + 11.8 * y / w - 15.59
}

/// Syllables of an English word by vowel groups: each run of vowels (a e i o u y, and their
/// accented forms) is one syllable, a final silent `e` (not `le` after a consonant) is none,
/// and every word has at least one. Numbers and other words without vowels count one.
pub fn syllables(word: &str) -> u32 {
    let mut n = 0u32;
    let mut prev = false;
    // The last three letters, the last one first.
    let mut last = ['\0'; 3];
    let mut k = 0usize;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        let v = vowel(c);
        n += (v && !prev) as u32;
        prev = v;
        last = [c, last[0], last[1]];
        k += 1;
    }
    if k >= 3 && n > 1 && last[0].eq_ignore_ascii_case(&'e') {
        let before = last[1];
        let le = before.eq_ignore_ascii_case(&'l') && !vowel(last[2]);
        if !vowel(before) && !le {
            n -= 1;
        }
    }
    n.max(1)
}

/// Whether a letter is a vowel of [`syllables`] (a e i o u y, accented or not).
fn vowel(c: char) -> bool {
    match c.to_ascii_lowercase() {
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' => true,
        c if c.is_ascii() => false,
        c => "àáâäèéêëìíîïòóôöùúûüÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ".contains(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_by_vowel_groups() {
        for (w, n) in [
            ("peace", 1),
            ("table", 2),
            ("nations", 2),
            ("international", 5),
            ("the", 1),
            ("security", 4),
            ("1993", 1),
            ("make", 1),
            ("agreed", 2),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn mattr_of_a_short_text_is_its_ttr_and_windows_average() {
        // a b a b c: windows of 2 are all distinct pairs; TTR of the whole 3/5.
        let seq = [0, 1, 0, 1, 2];
        assert_eq!(mattr(&seq, 3, 2), 1.0);
        assert!((mattr(&seq, 3, 10) - 0.6).abs() < 1e-12);
        // Windows of 3: {a b a} 2, {b a b} 2, {a b c} 3 → (2+2+3)/9.
        assert!((mattr(&seq, 3, 3) - 7.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn flesch_formulas() {
        // 100 words, 5 sentences, 150 syllables.
        assert!((flesch(100, 5, 150) - (206.835 - 20.3 - 126.9)).abs() < 1e-9);
        assert!((flesch_kincaid(100, 5, 150) - (7.8 + 17.7 - 15.59)).abs() < 1e-9);
    }
}
