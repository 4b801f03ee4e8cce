//! baseline_rawbind: the baseline program, written with rawbind. A libc-free static program that
//! `cargo xtask bench` builds for every target and measures.
#![cfg_attr(panic = "abort", no_std, no_main)]
#![cfg_attr(target_arch = "mips64", feature(asm_experimental_arch))]

#[cfg(panic = "abort")]
#[path = "../programs/baseline_rawbind.rs"]
mod program;

/// `cargo test` builds examples with a profile that unwinds, which a
/// program without std cannot do; there this stands in for it.
#[cfg(panic = "unwind")]
fn main() {
    eprintln!("baseline_rawbind is a libc-free program: cargo xtask bench builds it");
    std::process::exit(2);
}
