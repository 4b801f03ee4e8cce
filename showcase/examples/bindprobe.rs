//! bindprobe: binds each address given on the command line and prints what
//! the kernel said. A static program with no C library: `_start` to
//! exit_group(2) is rawbind and `core`.
//!
//! ```text
//! cargo run --release --example bindprobe -- 127.0.0.1:0 '[::1]:0' unix:/tmp/probe.sock abstract:demo unnamed
//! ok 127.0.0.1:0 127.0.0.1:41655
//! ...
//! ```
//!
//! ADDR is `IPv4:port`, `[IPv6]:port` (scope as `%index`), `unix:PATH`,
//! `abstract:NAME` (`\xNN` for any byte), `unnamed`, `packet:IFINDEX[:PROTO]`
//! (ethertype, default ETH_P_ALL), `netlink:GROUPS` (NETLINK_ROUTE, port id 0)
//! or `vsock:CID:PORT` (`any` for either). Each gets a socket of its family
//! (stream; raw for packet and netlink), kept open until exit. BOUND is what
//! getsockname(2) reports, in rawbind's short notation. `--strace` prints,
//! before each bind(2) call, the address as strace decodes that call;
//! `--v6only=on|off` sets IPV6_V6ONLY and `--reuseaddr` SO_REUSEADDR on each
//! IP socket before it binds. Exit status: 0 when every address bound, 1
//! otherwise, 2 for a malformed argument.
//!
//! It also serves: `--serve ADDR` binds a stream socket, listens, prints its
//! `ok` line, then echoes each line a client sends, one client after another,
//! until a client sends `quit`; `--activated` serves the first socket
//! systemd passed instead (`rt::listen_fds`), after an `ok activated` line
//! per socket; `--drop UID:GID` drops privileges once bound
//! (`drop_privileges`, bounding set included) and says so.
#![cfg_attr(panic = "abort", no_std, no_main)]
// entry!'s `_start` is inline asm, which mips64 still gates (feature `unstable-mips64`).
#![cfg_attr(target_arch = "mips64", feature(asm_experimental_arch))]

// The program, built with `panic = "abort"` as every profile here sets.
#[cfg(panic = "abort")]
#[path = "../src/bindprobe.rs"]
mod program;

/// `cargo test` builds every example with a profile that unwinds, which a
/// program without std cannot do; there this stands in for it.
#[cfg(panic = "unwind")]
fn main() {
    eprintln!("bindprobe is a libc-free program: cargo run --release --example bindprobe");
    std::process::exit(2);
}
