//! minimal: the smallest useful libc-free program rawbind makes. It binds a
//! TCP socket to 127.0.0.1 with a kernel-chosen port and exits 0, or exits
//! with the errno. Nothing formats an address, so none of rawbind's notation
//! code is linked in; `cargo xtask test` reports its size and checks that.
#![cfg_attr(panic = "abort", no_std, no_main)]
// entry!'s `_start` is inline asm, which mips64 still gates (feature `unstable-mips64`).
#![cfg_attr(target_arch = "mips64", feature(asm_experimental_arch))]

// The program, built with `panic = "abort"` as every profile here sets.
#[cfg(panic = "abort")]
#[path = "../src/minimal.rs"]
mod program;

/// `cargo test` builds every example with a profile that unwinds, which a
/// program without std cannot do; there this stands in for it.
#[cfg(panic = "unwind")]
fn main() {
    eprintln!("minimal is a libc-free program: cargo run --release --example minimal");
    std::process::exit(2);
}
