//! What a fresh machine lacks, installed before anything runs, each step
//! said as it is taken. A step that cannot be taken is reported; the checks
//! that need it then skip or fail with their own reason.

use crate::targets::TARGETS;
use crate::{cmd, installed, run, Suite};

/// Installs qemu-user and strace (Debian's packages), the rustup targets
/// whose `core` rustup ships, and rust-src (for the others).
pub(crate) fn install(suite: &mut Suite) {
    if !suite.section(
        "setup",
        "apt-get install qemu-user strace valgrind systemd python3 (if missing); rustup target add of the prebuilt targets and i686-unknown-linux-musl; rustup component add rust-src",
    ) {
        return;
    }
    let tools = [
        "qemu-aarch64",
        "qemu-i386",
        "qemu-x86_64",
        "strace",
        "readelf",
        "valgrind",
    ];
    if tools.iter().any(|tool| !installed(tool)) {
        println!("  installing qemu-user, strace and valgrind with apt-get (some of {tools:?} are missing)");
        let update = run(&mut cmd("apt-get", ["update", "-qq"]));
        let install = run(cmd(
            "apt-get",
            [
                "install",
                "-y",
                "-qq",
                "qemu-user",
                "strace",
                "binutils",
                "valgrind",
            ],
        )
        .env("DEBIAN_FRONTEND", "noninteractive"));
        if !update.ok() || !install.ok() {
            println!(
                "  could not install them (apt-get needs root and the network); their checks will skip: {}",
                crate::tail(&install.all(), 2)
            );
        }
    }
    let mut prebuilt: Vec<&str> = TARGETS
        .iter()
        .filter(|t| !t.build_std && suite.selection.wants(t.triple))
        .map(|t| t.triple)
        .collect();
    // The 32-bit std program the cost table runs under callgrind.
    prebuilt.push("i686-unknown-linux-musl");
    if !prebuilt.is_empty() {
        println!("  rustup target add {}", prebuilt.join(" "));
        let added = run(cmd("rustup", ["target", "add"]).args(&prebuilt));
        if !added.ok() {
            println!(
                "  rustup target add failed: {}",
                crate::tail(&added.all(), 2)
            );
        }
    }
    println!("  rustup component add rust-src");
    let src = run(&mut cmd("rustup", ["component", "add", "rust-src"]));
    if !src.ok() {
        println!(
            "  rustup component add rust-src failed: {}",
            crate::tail(&src.all(), 2)
        );
    }
}
