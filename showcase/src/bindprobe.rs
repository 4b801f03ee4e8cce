//! The bindprobe program itself; `examples/bindprobe.rs` is its crate root.

use core::fmt::{self, Write};
use core::net::SocketAddr;

use rawbind::rt::{self, Args};
use rawbind::{
    accept, bind, drop_privileges, getsockname, listen, recv, send_all, set_reuse_address,
    set_v6only, socket_with_protocol, AddressError, AsSocket, DropOptions, Family, MsgFlags,
    NetlinkAddr, PacketAddr, SocketAddress, SocketType, UnixAddr, VsockAddr, ABSTRACT_NAME_MAX,
};

rawbind::entry!(main);

const USAGE: &str = "usage: bindprobe [--strace] [--v6only=on|off] [--reuseaddr] ADDR...
       bindprobe --serve ADDR [--drop UID:GID]
       bindprobe --activated [--drop UID:GID]
  ADDR: IPv4:PORT | [IPv6]:PORT (scope as [fe80::1%2]:PORT) | unix:PATH | abstract:NAME (\\xNN escapes) | unnamed
      | packet:IFINDEX[:PROTO] | netlink:GROUPS | vsock:CID:PORT (numbers decimal or 0x hex; CID and PORT may be `any`)";

const ETH_P_ALL: u16 = 3;

enum Malformed {
    Syntax,
    Address(AddressError),
}

/// `bindprobe: WHY` and the usage on standard error; exit status 2.
/// (`{}` of a `&str` would link core's padding code: text goes out whole.)
fn usage_error(why: fmt::Arguments<'_>) -> i32 {
    let mut err = rt::stderr();
    let _ = err.write_fmt(why);
    let _ = err.write_str(USAGE);
    let _ = err.write_char('\n');
    2
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
            number(groups).map(|groups| NetlinkAddr::new(0, groups).into())
        }
        Some(("vsock", rest)) => rest.split_once(':').and_then(|(cid, port)| {
            let cid = number_or_any(cid, VsockAddr::CID_ANY)?;
            let port = number_or_any(port, VsockAddr::PORT_ANY)?;
            Some(VsockAddr::new(cid, port).into())
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

/// Socket options to set on each IP socket before it binds.
#[derive(Clone, Copy, Default)]
struct Options {
    strace: bool,
    v6only: Option<bool>,
    reuse_address: bool,
}

fn probe(out: &mut rt::Output, arg: &[u8], addr: &SocketAddress, options: Options) -> bool {
    let shown = Escaped(arg);
    let (kind, protocol) = kind_of(addr);
    let bound = socket_with_protocol(addr.family(), kind, protocol).and_then(|sock| {
        let ip = matches!(addr.family(), Family::INET | Family::INET6);
        if ip && options.reuse_address {
            set_reuse_address(&sock, true)?;
        }
        if let (Family::INET6, Some(on)) = (addr.family(), options.v6only) {
            set_v6only(&sock, on)?;
        }
        // What strace will show of the bind(2) call about to be made.
        if options.strace {
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
            Some(_) => writeln!(out, "err {shown} {errno:?} {errno}"),
            None => writeln!(out, "err {shown} E{} {errno}", errno.raw()),
        }
        .and_then(|()| match errno.bind_hint(addr) {
            Some(hint) => {
                out.write_str("hint: ")?;
                out.write_str(hint)?;
                out.write_char('\n')
            }
            None => Ok(()),
        }),
    };
    matches!(bound, Ok(Ok(_)))
}

/// `UID:GID`, decimal.
fn ids(arg: &[u8]) -> Option<(u32, u32)> {
    let text = core::str::from_utf8(arg).ok()?;
    let (uid, gid) = text.split_once(':')?;
    Some((uid.parse().ok()?, gid.parse().ok()?))
}

/// Echoes each line the clients of `listener` send, one client after
/// another, until one sends `quit`.
fn serve(listener: impl AsSocket, out: &mut rt::Output) -> i32 {
    let mut line = [0u8; 4096];
    loop {
        let (conn, _) = match accept(&listener) {
            Ok(accepted) => accepted,
            Err(errno) => {
                let _ = writeln!(out, "err accept {errno:?} {errno}");
                return 1;
            }
        };
        let mut len = 0;
        loop {
            let got = match recv(&conn, &mut line[len..], MsgFlags::NONE) {
                Ok(0) | Err(_) => break, // the client left: the next one
                Ok(got) => got,
            };
            len += got;
            // Every whole line is echoed as it arrives; a line longer than
            // the buffer goes back in pieces.
            while let Some(end) = line[..len].iter().position(|&b| b == b'\n') {
                let quit = &line[..end] == b"quit" || &line[..end] == b"quit\r";
                if send_all(&conn, &line[..=end], MsgFlags::NOSIGNAL).is_err() {
                    len = 0;
                    break;
                }
                if quit {
                    return 0;
                }
                line.copy_within(end + 1..len, 0);
                len -= end + 1;
            }
            if len == line.len() {
                let _ = send_all(&conn, &line, MsgFlags::NOSIGNAL);
                len = 0;
            }
        }
    }
}

/// `--drop UID:GID`, after the binds.
fn drop_to(out: &mut rt::Output, to: Option<(u32, u32)>) -> bool {
    let Some((uid, gid)) = to else { return true };
    match drop_privileges(
        uid,
        gid,
        DropOptions {
            clear_bounding_set: true,
        },
    ) {
        Ok(()) => writeln!(out, "dropped to {uid}:{gid}").is_ok(),
        Err(error) => {
            let _ = writeln!(out, "err drop: {error}");
            false
        }
    }
}

fn type_name(kind: SocketType) -> &'static str {
    match kind {
        SocketType::STREAM => "stream",
        SocketType::DGRAM => "dgram",
        SocketType::SEQPACKET => "seqpacket",
        SocketType::RAW => "raw",
        _ => "other",
    }
}

fn serve_address(out: &mut rt::Output, arg: &[u8], drop: Option<(u32, u32)>) -> i32 {
    let addr = match parse(arg) {
        Ok(addr) => addr,
        Err(_) => {
            return usage_error(format_args!(
                "bindprobe: malformed address `{}`\n",
                Escaped(arg)
            ));
        }
    };
    let listener = socket_with_protocol(addr.family(), SocketType::STREAM, 0).and_then(|sock| {
        if matches!(addr.family(), Family::INET | Family::INET6) {
            set_reuse_address(&sock, true)?;
        }
        bind(&sock, &addr)?;
        listen(&sock, 16)?;
        Ok(sock)
    });
    let listener = match listener {
        Ok(listener) => listener,
        Err(errno) => {
            let _ = writeln!(out, "err {} {errno:?} {errno}", Escaped(arg));
            return 1;
        }
    };
    match getsockname(&listener) {
        Ok(bound) => {
            let _ = writeln!(out, "ok {} {bound}", Escaped(arg));
        }
        Err(error) => {
            let _ = writeln!(out, "err {} getsockname: {error}", Escaped(arg));
            return 1;
        }
    }
    if !drop_to(out, drop) {
        return 1;
    }
    let _ = out.flush();
    serve(&listener, out)
}

fn serve_activated(out: &mut rt::Output, drop: Option<(u32, u32)>) -> i32 {
    let sockets = match rt::listen_fds() {
        Ok(sockets) => sockets,
        Err(error) => {
            let _ = writeln!(out, "err activated: {error}");
            return 1;
        }
    };
    let mut first = None;
    for passed in sockets {
        let bound = getsockname(&passed.socket);
        let _ = write!(
            out,
            "ok activated fd {} {} ",
            passed.socket.as_raw_fd(),
            passed.family,
        );
        let _ = out.write_str(type_name(passed.kind));
        let _ = write!(out, " name={} ", Escaped(passed.name));
        let _ = match bound {
            Ok(bound) => writeln!(out, "{bound}"),
            Err(error) => writeln!(out, "({error})"),
        };
        first = first.or(Some(passed.socket));
    }
    let Some(listener) = first else {
        let _ = writeln!(
            out,
            "err activated: no sockets were passed (LISTEN_FDS unset)"
        );
        return 1;
    };
    if !drop_to(out, drop) {
        return 1;
    }
    let _ = out.flush();
    serve(&listener, out)
}

fn main(args: Args) -> i32 {
    let mut out = rt::stdout();
    let mut options = Options::default();
    let (mut serve_arg, mut activated, mut drop) = (None, false, None);
    let mut rest = args.skip(1).peekable();
    while let Some(&arg) = rest.peek() {
        match arg {
            b"--strace" => options.strace = true,
            b"--v6only=on" => options.v6only = Some(true),
            b"--v6only=off" => options.v6only = Some(false),
            b"--reuseaddr" => options.reuse_address = true,
            b"--activated" => activated = true,
            b"--serve" | b"--drop" => {
                rest.next();
                let Some(value) = rest.peek().copied() else {
                    return usage_error(format_args!(
                        "bindprobe: {} needs a value\n",
                        Escaped(arg)
                    ));
                };
                if arg == b"--serve" {
                    serve_arg = Some(value);
                } else if let Some(to) = ids(value) {
                    drop = Some(to);
                } else {
                    return usage_error(format_args!(
                        "bindprobe: --drop takes UID:GID, not `{}`\n",
                        Escaped(value)
                    ));
                }
            }
            _ => break,
        }
        rest.next();
    }
    match (serve_arg, activated) {
        (Some(arg), false) if rest.peek().is_none() => return serve_address(&mut out, arg, drop),
        (None, true) if rest.peek().is_none() => return serve_activated(&mut out, drop),
        (None, false) if drop.is_none() && rest.peek().is_some() => {}
        _ => return usage_error(format_args!("")),
    }
    let first = args.len() - rest.clone().count();
    // Every argument is checked before anything is bound.
    for arg in args.skip(first) {
        match parse(arg) {
            Ok(_) => {}
            Err(Malformed::Syntax) => {
                return usage_error(format_args!(
                    "bindprobe: malformed address `{}`\n",
                    Escaped(arg)
                ));
            }
            Err(Malformed::Address(why)) => {
                return usage_error(format_args!("bindprobe: `{}`: {why}\n", Escaped(arg)));
            }
        }
    }
    let mut all_bound = true;
    for arg in args.skip(first) {
        if let Ok(addr) = parse(arg) {
            all_bound &= probe(&mut out, arg, &addr, options);
        }
    }
    (!all_bound) as i32
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    let _ = rt::stderr().write_all(b"bindprobe: panic\n");
    rt::exit(101)
}
