//! The `verbale` binary: parses arguments, runs one command, maps errors to exit codes.

mod cli;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const EXIT_CODES: &str = "Exit codes: 0 success; 1 an input could not be read or the run failed \
(other files are still processed); 2 usage error.";

/// Measure the language of official statements: term frequencies, quoted and scare-quoted
/// terms, keyness, concordances, charts and reports.
#[derive(Parser, Debug)]
#[command(name = "verbale", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Freq(cli::freq::FreqArgs),
    Quotes(cli::quotes::QuotesArgs),
    Compare(cli::compare::CompareArgs),
    Kwic(cli::kwic::KwicArgs),
    Chart(cli::chart::ChartArgs),
    Report(cli::report::ReportArgs),
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<verbale::Error>().is_some_and(|v| {
                matches!(v, verbale::Error::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Freq(a) => cli::freq::run(a),
        Command::Quotes(a) => cli::quotes::run(a),
        Command::Compare(a) => cli::compare::run(a),
        Command::Kwic(a) => cli::kwic::run(a),
        Command::Chart(a) => cli::chart::run(a),
        Command::Report(a) => cli::report::run(a),
    };
    match result {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The chain without repeats (a message often quotes its cause).
            let mut msg = String::new();
            for part in e.chain().map(|c| c.to_string()) {
                if !msg.contains(&part) {
                    if !msg.is_empty() {
                        msg.push_str(": ");
                    }
                    msg.push_str(&part);
                }
            }
            eprintln!("verbale: error: {msg}");
            let usage = e.chain().any(|x| {
                matches!(
                    x.downcast_ref::<verbale::Error>(),
                    Some(verbale::Error::Invalid(_) | verbale::Error::UnknownLanguage(..))
                )
            });
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
