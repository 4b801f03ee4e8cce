//! Every case, written once without std. `tests/host.rs` runs them under
//! `cargo test`; `examples/selftest.rs` runs them as a static libc-free
//! program on each target (natively and under qemu-user).

// A failure carries its message inline: the libc-free runner has no allocator.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

use core::fmt::{self, Write};
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use core::sync::atomic::{AtomicU32, Ordering};

use rawbind::selftest;
use rawbind::{
    bind, getsockname, raw, socket, AddressError, Errno, Family, OwnedSocket, RawSocketAddr,
    SocketAddress, SocketType, ToSocketAddr, UnixAddr, ABSTRACT_NAME_MAX, UNIX_PATH_MAX,
};

/// A short message in a fixed buffer; a message that does not fit ends in `...`.
pub struct Text {
    buf: [u8; 240],
    len: usize,
}

impl Text {
    pub fn new() -> Text {
        Text {
            buf: [0; 240],
            len: 0,
        }
    }

    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("(message cut inside a character)")
    }
}

impl Write for Text {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for &b in s.as_bytes() {
            if self.len == self.buf.len() {
                self.buf[self.len - 3..].copy_from_slice(b"...");
                return Ok(());
            }
            self.buf[self.len] = b;
            self.len += 1;
        }
        Ok(())
    }
}

/// Why a case did not pass.
pub enum NotPassed {
    Fail(Text),
    Skip(&'static str),
}

pub type Outcome = Result<(), NotPassed>;

pub struct Case {
    pub name: &'static str,
    pub run: fn() -> Outcome,
}

macro_rules! fail {
    ($($fmt:tt)*) => {{
        let mut text = Text::new();
        let _ = write!(text, "line {}: ", line!());
        let _ = write!(text, $($fmt)*);
        return Err(NotPassed::Fail(text));
    }};
}

/// `left == right`, or the case fails naming both values.
macro_rules! ensure_eq {
    ($left:expr, $right:expr) => {{
        let (left, right) = (&$left, &$right);
        if left != right {
            fail!("{} = {:?}, expected {:?}", stringify!($left), left, right);
        }
    }};
}

/// Unwraps `Ok`, or fails with the error.
macro_rules! ok {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => fail!("{} failed: {:?}", stringify!($result), error),
        }
    };
}

macro_rules! cases {
    ($($name:ident,)*) => {
        pub static CASES: &[Case] = &[$(Case { name: stringify!($name), run: $name },)*];

        #[cfg(test)]
        mod libtest {
            $(#[test] fn $name() { super::super::run_in_libtest(stringify!($name), super::$name) })*
        }
    };
}

cases! {
    inet_loopback_binds_with_kernel_port,
    inet6_loopback_binds_with_kernel_port,
    unix_path_round_trips,
    unix_path_of_108_bytes_round_trips,
    unix_abstract_name_round_trips,
    unix_unnamed_autobinds,
    unix_unbound_reports_unnamed,
    sockaddr_bytes_are_exact,
    inet6_flowinfo_and_scope_survive,
    unix_limits_refused_before_kernel,
    decoder_refuses_inconsistent_input,
    ebadf_for_closed_descriptor,
    enotsock_for_pipe,
    einval_when_bound_twice,
    eaddrinuse_when_port_taken,
    eaddrnotavail_for_foreign_address,
    eafnosupport_for_inet6_address_on_inet_socket,
    enoent_for_missing_directory,
}

/// A path under /tmp no other case or process uses: `/tmp/rawbind-PID-N-tag`.
struct TempPath {
    buf: [u8; 128],
    len: usize,
}

impl TempPath {
    fn new(tag: &str) -> TempPath {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut path = TempPath {
            buf: [0; 128],
            len: 0,
        };
        let _ = write!(path, "/tmp/rawbind-{}-{}-{}", selftest::getpid(), n, tag);
        path
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl Write for TempPath {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn stream(family: Family) -> Result<OwnedSocket, NotPassed> {
    match socket(family, SocketType::STREAM) {
        Err(Errno::EAFNOSUPPORT) => Err(NotPassed::Skip(
            "the kernel offers no socket of this family here",
        )),
        other => Ok(ok!(other)),
    }
}

fn bound_to(sock: &OwnedSocket) -> Result<SocketAddress, NotPassed> {
    Ok(ok!(getsockname(sock)))
}

fn inet_loopback_binds_with_kernel_port() -> Outcome {
    let sock = stream(Family::INET)?;
    ok!(bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    match bound_to(&sock)? {
        SocketAddress::Inet(a) if *a.ip() == Ipv4Addr::LOCALHOST && a.port() != 0 => Ok(()),
        other => fail!("getsockname = {other:?}, expected 127.0.0.1 with a kernel-chosen port"),
    }
}

fn inet6_loopback_binds_with_kernel_port() -> Outcome {
    let sock = stream(Family::INET6)?;
    ok!(bind(
        &sock,
        &SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)
    ));
    match bound_to(&sock)? {
        SocketAddress::Inet6(a)
            if *a.ip() == Ipv6Addr::LOCALHOST
                && a.port() != 0
                && a.flowinfo() == 0
                && a.scope_id() == 0 =>
        {
            Ok(())
        }
        other => fail!("getsockname = {other:?}, expected [::1] with a kernel-chosen port"),
    }
}

/// Binds a Unix stream socket to `path`, checks getsockname gives it back
/// exactly, and removes the socket file.
fn unix_path_round_trip(path: &[u8]) -> Outcome {
    let addr = ok!(UnixAddr::new_path(path));
    let sock = stream(Family::UNIX)?;
    let bound = bind(&sock, &addr);
    let reported = getsockname(&sock);
    let removed = selftest::unlink(path, false);
    ok!(bound);
    ensure_eq!(ok!(reported), SocketAddress::Unix(addr));
    ok!(removed);
    Ok(())
}

fn unix_path_round_trips() -> Outcome {
    unix_path_round_trip(TempPath::new("path.sock").bytes())
}

/// 108 bytes fill sun_path with no room for a NUL; the kernel then reports
/// length 111 and the decoder must still return exactly the 108 bytes.
fn unix_path_of_108_bytes_round_trips() -> Outcome {
    let mut path = TempPath::new("full-");
    while path.len < UNIX_PATH_MAX {
        ok!(path.write_str("x"));
    }
    ensure_eq!(path.bytes().len(), 108);
    unix_path_round_trip(path.bytes())
}

fn unix_abstract_name_round_trips() -> Outcome {
    // A NUL inside the name: abstract names are bytes, not C strings.
    let mut name = TempPath::new("abstract");
    ok!(name.write_str("\0end"));
    let addr = ok!(UnixAddr::new_abstract(name.bytes()));
    let sock = stream(Family::UNIX)?;
    ok!(bind(&sock, &addr));
    ensure_eq!(bound_to(&sock)?, SocketAddress::Unix(addr));
    Ok(())
}

fn unix_unnamed_autobinds() -> Outcome {
    let sock = stream(Family::UNIX)?;
    ok!(bind(&sock, &UnixAddr::new_unnamed()));
    let bound = bound_to(&sock)?;
    let name = match bound {
        SocketAddress::Unix(addr) => addr
            .abstract_name()
            .map(|n| (n.len(), n.iter().all(u8::is_ascii_hexdigit))),
        _ => None,
    };
    if name != Some((5, true)) {
        fail!("getsockname = {bound:?}, expected an autobind name of five hex digits");
    }
    Ok(())
}

fn unix_unbound_reports_unnamed() -> Outcome {
    let sock = stream(Family::UNIX)?;
    ensure_eq!(
        bound_to(&sock)?,
        SocketAddress::Unix(UnixAddr::new_unnamed())
    );
    Ok(())
}

fn sockaddr_bytes_are_exact() -> Outcome {
    let inet = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::new(127, 0, 0, 1), 8080)).encode();
    let af_inet = 2u16.to_ne_bytes();
    let expected: [u8; 16] = [
        af_inet[0], af_inet[1], 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    ensure_eq!(inet.as_bytes(), &expected[..]);

    let ip6 = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
    let inet6 = SocketAddress::from(SocketAddrV6::new(ip6, 443, 0x12345, 7)).encode();
    let b = inet6.as_bytes();
    ensure_eq!(b.len(), 28);
    ensure_eq!(b[..2], 10u16.to_ne_bytes());
    ensure_eq!(b[2..4], [0x01, 0xbb]);
    ensure_eq!(b[4..8], [0x00, 0x01, 0x23, 0x45]); // sin6_flowinfo, network order
    ensure_eq!(b[8..24], ip6.octets());
    ensure_eq!(b[24..28], 7u32.to_ne_bytes()); // sin6_scope_id, host order

    let path = SocketAddress::from(ok!(UnixAddr::new_path("/a"))).encode();
    let af_unix = 1u16.to_ne_bytes();
    ensure_eq!(
        path.as_bytes(),
        &[af_unix[0], af_unix[1], b'/', b'a', 0][..]
    );
    let abstract_name = SocketAddress::from(ok!(UnixAddr::new_abstract("x"))).encode();
    ensure_eq!(
        abstract_name.as_bytes(),
        &[af_unix[0], af_unix[1], 0, b'x'][..]
    );
    let empty_abstract = SocketAddress::from(ok!(UnixAddr::new_abstract(""))).encode();
    ensure_eq!(empty_abstract.as_bytes(), &[af_unix[0], af_unix[1], 0][..]);
    let unnamed = SocketAddress::from(UnixAddr::new_unnamed()).encode();
    ensure_eq!(unnamed.as_bytes(), &af_unix[..]);
    Ok(())
}

fn inet6_flowinfo_and_scope_survive() -> Outcome {
    let addr = SocketAddress::from(SocketAddrV6::new(
        Ipv6Addr::LOCALHOST,
        9,
        0x000a_bcde,
        0xfeed_f00d,
    ));
    ensure_eq!(addr.encode().decode(), Ok(addr));
    Ok(())
}

fn unix_limits_refused_before_kernel() -> Outcome {
    let long = [b'p'; UNIX_PATH_MAX + 1];
    ensure_eq!(
        UnixAddr::new_path(&long[..]),
        Err(AddressError::PathTooLong { len: 109 })
    );
    ensure_eq!(
        UnixAddr::new_path("/tmp/a\0b"),
        Err(AddressError::InteriorNul { position: 6 })
    );
    ensure_eq!(UnixAddr::new_path(""), Err(AddressError::EmptyPath));
    ensure_eq!(
        UnixAddr::new_abstract(&long[..ABSTRACT_NAME_MAX + 1]),
        Err(AddressError::AbstractNameTooLong { len: 108 })
    );
    ensure_eq!(
        ok!(UnixAddr::new_abstract(&long[..ABSTRACT_NAME_MAX])).encoded_len(),
        110
    );
    Ok(())
}

/// bind(2) through the raw entry with an encoded `addr`.
fn raw_bind(fd: i32, addr: &impl ToSocketAddr) -> Result<(), Errno> {
    // SAFETY: `with_sockaddr` lends `len` readable bytes for the call.
    addr.with_sockaddr(|ptr, len| unsafe { raw::bind(fd, ptr, len) })
}

fn ebadf_for_closed_descriptor() -> Outcome {
    let fd = stream(Family::INET)?.into_raw_fd();
    ok!(selftest::close(fd));
    ensure_eq!(
        raw_bind(fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
        Err(Errno::EBADF)
    );
    ensure_eq!(
        raw_bind(-1, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
        Err(Errno::EBADF)
    );
    Ok(())
}

fn enotsock_for_pipe() -> Outcome {
    let (read_end, write_end) = ok!(selftest::pipe());
    let answer = raw_bind(read_end, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
    let _ = (selftest::close(read_end), selftest::close(write_end));
    ensure_eq!(answer, Err(Errno::ENOTSOCK));
    Ok(())
}

fn einval_when_bound_twice() -> Outcome {
    let sock = stream(Family::INET)?;
    ok!(bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    ensure_eq!(
        bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
        Err(Errno::EINVAL)
    );
    Ok(())
}

fn eaddrinuse_when_port_taken() -> Outcome {
    let first = stream(Family::INET)?;
    ok!(bind(&first, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    let SocketAddress::Inet(taken) = bound_to(&first)? else {
        fail!("not an IPv4 address")
    };
    let second = stream(Family::INET)?;
    ensure_eq!(bind(&second, &taken), Err(Errno::EADDRINUSE));
    Ok(())
}

fn eaddrnotavail_for_foreign_address() -> Outcome {
    // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): never a local address.
    let sock = stream(Family::INET)?;
    ensure_eq!(
        bind(&sock, &SocketAddrV4::new(Ipv4Addr::new(203, 0, 113, 1), 0)),
        Err(Errno::EADDRNOTAVAIL)
    );
    Ok(())
}

fn eafnosupport_for_inet6_address_on_inet_socket() -> Outcome {
    let sock = stream(Family::INET)?;
    ensure_eq!(
        bind(&sock, &SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)),
        Err(Errno::EAFNOSUPPORT)
    );
    Ok(())
}

fn enoent_for_missing_directory() -> Outcome {
    let mut path = TempPath::new("missing-dir");
    ok!(path.write_str("/s.sock"));
    let sock = stream(Family::UNIX)?;
    ensure_eq!(
        bind(&sock, &ok!(UnixAddr::new_path(path.bytes()))),
        Err(Errno::ENOENT)
    );
    Ok(())
}

fn decoder_refuses_inconsistent_input() -> Outcome {
    let decode = |bytes: &[u8]| RawSocketAddr::from_bytes(bytes).and_then(|raw| raw.decode());
    ensure_eq!(
        decode(&[]),
        Err(AddressError::TooShort {
            family: None,
            len: 0,
            needed: 2
        })
    );
    let mut inet = [0u8; 16];
    inet[..2].copy_from_slice(&2u16.to_ne_bytes());
    ensure_eq!(
        decode(&inet[..15]),
        Err(AddressError::TooShort {
            family: Some(2),
            len: 15,
            needed: 16
        })
    );
    let mut unknown = inet;
    unknown[..2].copy_from_slice(&99u16.to_ne_bytes());
    ensure_eq!(
        decode(&unknown),
        Err(AddressError::UnsupportedFamily { family: 99 })
    );
    ensure_eq!(
        decode(&[0; 129]),
        Err(AddressError::TooLong {
            family: Some(0),
            len: 129,
            max: 128
        })
    );
    Ok(())
}
