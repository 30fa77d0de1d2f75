//! `verbale completions` and `verbale man`: the shell completion script and the man page, made
//! from clap's description of the command line (so they list every command and flag as built).

use anyhow::Result;
use clap::{Args, ValueEnum};
use std::io::Write;

/// The shells `completions` writes for.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    /// bash: `verbale completions bash > ~/.local/share/bash-completion/completions/verbale`.
    Bash,
    /// zsh: into a folder of `$fpath`, as `_verbale`.
    Zsh,
    /// fish: `~/.config/fish/completions/verbale.fish`.
    Fish,
    /// PowerShell: source it from `$PROFILE`.
    Powershell,
    /// Elvish.
    Elvish,
}

/// Print the shell completion script for verbale's commands and flags.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale completions bash > ~/.local/share/bash-completion/completions/verbale
  verbale completions zsh > ~/.zfunc/_verbale
  verbale completions fish > ~/.config/fish/completions/verbale.fish")]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print verbale's man page (roff) on standard output.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  verbale man > verbale.1 && man ./verbale.1
  verbale man | gzip > ~/.local/share/man/man1/verbale.1.gz")]
pub struct ManArgs {}

/// Writes the completion script of `cmd` for `args.shell`.
pub fn run(args: CompletionsArgs, mut cmd: clap::Command) -> Result<bool> {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    let name = cmd.get_name().to_string();
    // Made in memory, then written: clap_complete panics on a failed write (`| head`).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(false)
}

/// Writes the man page of `cmd`.
pub fn man(_: ManArgs, cmd: clap::Command) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    out.flush()?;
    Ok(false)
}
