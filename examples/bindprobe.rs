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
//! `abstract:NAME` (`\xNN` for any byte) or `unnamed`. Each gets a stream
//! socket of its family, kept open until exit. Exit status: 0 when every
//! address bound, 1 otherwise, 2 for a malformed argument.
#![cfg_attr(panic = "abort", no_std, no_main)]

/// `cargo test` builds examples with a profile that unwinds, which a program
/// without std cannot do; there this stub only proves the crate compiles.
#[cfg(panic = "unwind")]
fn main() {
    eprintln!("bindprobe is a libc-free program: build it with panic = \"abort\" (cargo run --release --example bindprobe)");
    std::process::exit(2);
}

#[cfg(panic = "abort")]
mod program {
    use core::fmt::{self, Write};
    use core::net::SocketAddr;

    use rawbind::rt::{self, Args};
    use rawbind::{
        bind, getsockname, socket, AddressError, SocketAddress, SocketType, UnixAddr,
        ABSTRACT_NAME_MAX,
    };

    rawbind::entry!(main);

    const USAGE: &str = "usage: bindprobe ADDR...
      ADDR: IPv4:PORT | [IPv6]:PORT (scope as [fe80::1%2]:PORT) | unix:PATH | abstract:NAME (\\xNN escapes) | unnamed";

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
        text.parse::<SocketAddr>()
            .map(SocketAddress::from)
            .map_err(|_| Malformed::Syntax)
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

    /// Bytes with `\xNN` for anything not printable ASCII; with `escape_backslash`,
    /// `\\` for `\` too, so that the result reads back as the same bytes.
    struct Escaped<'a>(&'a [u8], bool);

    impl fmt::Display for Escaped<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let Escaped(bytes, escape_backslash) = *self;
            for &b in bytes {
                match b {
                    b'\\' if escape_backslash => f.write_str("\\\\")?,
                    0x20..=0x7e => f.write_char(b as char)?,
                    _ => write!(f, "\\x{b:02x}")?,
                }
            }
            Ok(())
        }
    }

    /// An address in the notation bindprobe reads.
    struct Notation(SocketAddress);

    impl fmt::Display for Notation {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match &self.0 {
                SocketAddress::Inet(v4) => write!(f, "{v4}"),
                SocketAddress::Inet6(v6) => write!(f, "{v6}"),
                SocketAddress::Unix(unix) => match (unix.path(), unix.abstract_name()) {
                    (Some(path), _) => write!(f, "unix:{}", Escaped(path, false)),
                    (_, Some(name)) => write!(f, "abstract:{}", Escaped(name, true)),
                    _ => f.write_str("unnamed"),
                },
                _ => f.write_str("(unknown family)"),
            }
        }
    }

    fn probe(out: &mut rt::Output, arg: &[u8], addr: &SocketAddress) -> bool {
        let shown = Escaped(arg, false);
        let bound = socket(addr.family(), SocketType::STREAM).and_then(|sock| {
            bind(&sock, addr)?;
            let reported = getsockname(&sock);
            // Kept open until exit, so a repeated address meets this one.
            let _ = sock.into_raw_fd();
            Ok(reported)
        });
        let _ = match bound {
            Ok(Ok(reported)) => writeln!(out, "ok {shown} {}", Notation(reported)),
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
        if args.len() < 2 {
            let _ = writeln!(err, "{USAGE}");
            return 2;
        }
        // Every argument is checked before anything is bound.
        for arg in args.skip(1) {
            match parse(arg) {
                Ok(_) => {}
                Err(Malformed::Syntax) => {
                    let _ = writeln!(
                        err,
                        "bindprobe: malformed address `{}`\n{USAGE}",
                        Escaped(arg, false)
                    );
                    return 2;
                }
                Err(Malformed::Address(why)) => {
                    let _ = writeln!(err, "bindprobe: `{}`: {why}\n{USAGE}", Escaped(arg, false));
                    return 2;
                }
            }
        }
        let mut out = rt::stdout();
        let mut all_bound = true;
        for arg in args.skip(1) {
            if let Ok(addr) = parse(arg) {
                all_bound &= probe(&mut out, arg, &addr);
            }
        }
        (!all_bound) as i32
    }

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        let _ = rt::stderr().write_all(b"bindprobe: panic\n");
        rt::exit(101)
    }
}
