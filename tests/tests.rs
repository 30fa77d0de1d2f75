//! All integration tests in one binary (one link step with polars in the build).

mod bad_inputs;
mod charts;
mod common;
mod compare;
mod counts;
mod dict;
mod formats;
mod freq;
mod fuzz_regressions;
mod groups;
mod hardening;
mod inputs;
mod layering;
mod parquet_readers;
mod phrases;
mod quotes_eval;
mod quotes_props;
mod readers;
mod report;
mod report_browser;
