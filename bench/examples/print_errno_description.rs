//! print_errno_description: adds an errno's description. A libc-free static program that
//! `cargo xtask bench` builds for every target and measures.
#![cfg_attr(panic = "abort", no_std, no_main)]
#![cfg_attr(target_arch = "mips64", feature(asm_experimental_arch))]

#[cfg(panic = "abort")]
#[path = "../programs/printing.rs"]
mod program;

/// What `printing.rs` prints.
#[cfg(panic = "abort")]
const SHOW: program::Show = program::Show::ErrnoDescription;

/// `cargo test` builds examples with a profile that unwinds, which a
/// program without std cannot do; there this stands in for it.
#[cfg(panic = "unwind")]
fn main() {
    eprintln!("print_errno_description is a libc-free program: cargo xtask bench builds it");
    std::process::exit(2);
}
