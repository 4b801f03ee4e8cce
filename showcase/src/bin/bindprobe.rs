//! bindprobe: binds each address given on the command line and prints what
//! the kernel said. A static program with no C library: `_start` to
//! exit_group(2) is rawbind and `core`.
//!
//! ```text
//! cargo run --release --bin bindprobe -- 127.0.0.1:0 '[::1]:0' unix:/tmp/probe.sock abstract:demo unnamed
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
//! before each bind(2) call, the address as strace decodes that call. Exit
//! status: 0 when every address bound, 1 otherwise, 2 for a malformed argument.
#![no_std]
#![no_main]
// entry!'s `_start` is inline asm, which mips64 still gates (feature `unstable-mips64`).
#![cfg_attr(target_arch = "mips64", feature(asm_experimental_arch))]

use core::fmt::{self, Write};
use core::net::SocketAddr;

use rawbind::rt::{self, Args};
use rawbind::{
    bind, getsockname, socket_with_protocol, AddressError, NetlinkAddr, PacketAddr, SocketAddress,
    SocketType, UnixAddr, VsockAddr, ABSTRACT_NAME_MAX,
};

rawbind::entry!(main);

const USAGE: &str = "usage: bindprobe [--strace] ADDR...
  ADDR: IPv4:PORT | [IPv6]:PORT (scope as [fe80::1%2]:PORT) | unix:PATH | abstract:NAME (\\xNN escapes) | unnamed
      | packet:IFINDEX[:PROTO] | netlink:GROUPS | vsock:CID:PORT (numbers decimal or 0x hex; CID and PORT may be `any`)";

const ETH_P_ALL: u16 = 3;

enum Malformed {
    Syntax,
    Address(AddressError),
}

fn parse(arg: &[u8]) -> Result<SocketAddress, Malformed> {
    let unix = |addr: Result<UnixAddr, AddressError>| {
        addr.map(SocketAddress::Unix).map_err(Malformed::Address)
    };
    if let Some(path) = arg.strip_prefix(b"unix:") {
        return unix(UnixAddr::new_path(path));
    }
    if let Some(name) = arg.strip_prefix(b"abstract:") {
        let mut buf = [0u8; ABSTRACT_NAME_MAX + 1];
        let len = unescape(name, &mut buf).ok_or(Malformed::Syntax)?;
        return unix(UnixAddr::new_abstract(&buf[..len]));
    }
    if arg == b"unnamed" {
        return Ok(SocketAddress::Unix(UnixAddr::new_unnamed()));
    }
    let text = core::str::from_utf8(arg).map_err(|_| Malformed::Syntax)?;
    let addr = match text.split_once(':') {
        Some(("packet", rest)) => packet(rest),
        Some(("netlink", groups)) => {
            number(groups).map(|groups| NetlinkAddr { port_id: 0, groups }.into())
        }
        Some(("vsock", rest)) => rest.split_once(':').and_then(|(cid, port)| {
            let cid = number_or_any(cid, VsockAddr::CID_ANY)?;
            let port = number_or_any(port, VsockAddr::PORT_ANY)?;
            Some(
                VsockAddr {
                    cid,
                    port,
                    flags: 0,
                }
                .into(),
            )
        }),
        _ => text.parse::<SocketAddr>().ok().map(SocketAddress::from),
    };
    addr.ok_or(Malformed::Syntax)
}

/// `IFINDEX[:PROTO]`.
fn packet(text: &str) -> Option<SocketAddress> {
    let (ifindex, protocol) = match text.split_once(':') {
        Some((ifindex, protocol)) => (ifindex, u16::try_from(number(protocol)?).ok()?),
        None => (text, ETH_P_ALL),
    };
    let ifindex = i32::try_from(number(ifindex)?).ok()?;
    Some(PacketAddr::new(ifindex, protocol).into())
}

fn number_or_any(text: &str, any: u32) -> Option<u32> {
    match text {
        "any" => Some(any),
        _ => number(text),
    }
}

/// A decimal or `0x` hexadecimal number.
fn number(text: &str) -> Option<u32> {
    match text.strip_prefix("0x") {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

/// Decodes `\xNN` and `\\` into `out`; `None` for a bad escape or a name
/// longer than `out` (which holds one byte more than any valid name, so an
/// over-long name still reaches UnixAddr's own, more precise, refusal).
fn unescape(text: &[u8], out: &mut [u8]) -> Option<usize> {
    let (mut read, mut len) = (0, 0);
    while read < text.len() {
        let byte = match &text[read..] {
            [b'\\', b'\\', ..] => (b'\\', 2),
            [b'\\', b'x', hi, lo, ..] => (hex(*hi)? << 4 | hex(*lo)?, 4),
            [b'\\', ..] => return None,
            [other, ..] => (*other, 1),
            [] => return None,
        };
        *out.get_mut(len)? = byte.0;
        len += 1;
        read += byte.1;
    }
    Some(len)
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

/// An argument as given, with `\xNN` for anything not printable ASCII.
struct Escaped<'a>(&'a [u8]);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.0 {
            match b {
                0x20..=0x7e => f.write_char(b as char)?,
                _ => write!(f, "\\x{b:02x}")?,
            }
        }
        Ok(())
    }
}

/// The socket type and protocol bindprobe uses for each family.
fn kind_of(addr: &SocketAddress) -> (SocketType, i32) {
    match addr {
        SocketAddress::Packet(p) => (SocketType::RAW, p.protocol().to_be() as i32),
        SocketAddress::Netlink(_) => (SocketType::RAW, 0), // NETLINK_ROUTE
        _ => (SocketType::STREAM, 0),
    }
}

fn probe(out: &mut rt::Output, arg: &[u8], addr: &SocketAddress, strace: bool) -> bool {
    let shown = Escaped(arg);
    let (kind, protocol) = kind_of(addr);
    let bound = socket_with_protocol(addr.family(), kind, protocol).and_then(|sock| {
        // What strace will show of the bind(2) call about to be made.
        if strace {
            let _ = writeln!(out, "strace: {}", addr.strace());
        }
        bind(&sock, addr)?;
        let reported = getsockname(&sock);
        // Kept open until exit, so a repeated address meets this one.
        let _ = sock.into_raw_fd();
        Ok(reported)
    });
    let _ = match bound {
        Ok(Ok(reported)) => writeln!(out, "ok {shown} {reported}"),
        Ok(Err(error)) => writeln!(out, "err {shown} getsockname: {error}"),
        Err(errno) => match errno.name() {
            Some(name) => writeln!(out, "err {shown} {name} {errno}"),
            None => writeln!(out, "err {shown} E{} {errno}", errno.raw()),
        }
        .and_then(|()| match errno.bind_hint(addr) {
            Some(hint) => writeln!(out, "hint: {hint}"),
            None => Ok(()),
        }),
    };
    matches!(bound, Ok(Ok(_)))
}

fn main(args: Args) -> i32 {
    let mut err = rt::stderr();
    let mut peek = args; // a copy: `args` still starts at argv[0]
    let strace = peek.nth(1) == Some(&b"--strace"[..]);
    let first = 1 + strace as usize;
    if args.len() <= first {
        let _ = writeln!(err, "{USAGE}");
        return 2;
    }
    // Every argument is checked before anything is bound.
    for arg in args.skip(first) {
        match parse(arg) {
            Ok(_) => {}
            Err(Malformed::Syntax) => {
                let _ = writeln!(
                    err,
                    "bindprobe: malformed address `{}`\n{USAGE}",
                    Escaped(arg)
                );
                return 2;
            }
            Err(Malformed::Address(why)) => {
                let _ = writeln!(err, "bindprobe: `{}`: {why}\n{USAGE}", Escaped(arg));
                return 2;
            }
        }
    }
    let mut out = rt::stdout();
    let mut all_bound = true;
    for arg in args.skip(first) {
        if let Ok(addr) = parse(arg) {
            all_bound &= probe(&mut out, arg, &addr, strace);
        }
    }
    (!all_bound) as i32
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    let _ = rt::stderr().write_all(b"bindprobe: panic\n");
    rt::exit(101)
}
