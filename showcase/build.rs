//! Links this package's example programs (and the test kit's runner, a
//! bin, whose package shares this file) as static programs without the C start files: they are
//! `#![no_std] #![no_main]` with `rawbind::entry!`'s `_start`. `cc` must be
//! told; rust-lld adds no start files and does not know the flag.
//! (A program of your own takes the README's `.cargo/config.toml` instead.)

use std::env;

/// Whether rustc links with lld directly (`-C linker=rust-lld`, in the
/// rustflags or as cargo's `target.<triple>.linker`) rather than through `cc`.
fn links_with_lld() -> bool {
    let mut linker = env::var("RUSTC_LINKER").unwrap_or_default();
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let mut flags = flags.split('\x1f').peekable();
    while let Some(flag) = flags.next() {
        let value = match flag {
            "-C" => flags.peek().and_then(|next| next.strip_prefix("linker=")),
            _ => flag.strip_prefix("-Clinker="),
        };
        if let Some(value) = value {
            linker = value.to_string();
        }
    }
    linker.ends_with("rust-lld") || linker.ends_with("ld.lld")
}

fn main() {
    println!("cargo::rerun-if-changed={}", file!());
    // The showcase's programs are examples, the test kit's runner a bin:
    // the package's own layout says which.
    let dir = std::path::PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let kind = if dir.join("examples").is_dir() {
        "examples"
    } else {
        "bins"
    };
    if !links_with_lld() {
        println!("cargo::rustc-link-arg-{kind}=-nostartfiles");
    }
    println!("cargo::rustc-link-arg-{kind}=-static");
}
