//! Addresses as text, what every family shares: the short form's dispatch
//! (`Display` for [`SocketAddress`]) and escaping, and strace's notation
//! ([`SocketAddress::strace`]) with its quoting and number forms. Each
//! family's own fields are written in its file. Nothing here is linked into
//! a program that formats no address.

use core::fmt::{self, Write};

use super::{inet, SocketAddress};

/// `127.0.0.1:8080`, `[fe80::1%2]:80`, a Unix path, `@name` for an abstract
/// name, `(unnamed)`, `packet:IFINDEX:0xPROTO`, `netlink:PORTID:0xGROUPS`,
/// `vsock:CID:PORT`. In paths and names, bytes outside printable ASCII and a
/// leading `@` are written `\xNN`, a backslash `\\`, so every form reads
/// unambiguously.
///
/// ```
/// use core::net::{Ipv6Addr, SocketAddrV6};
/// use rawbind::{SocketAddress, UnixAddr};
/// let v6 = SocketAddress::from(SocketAddrV6::new(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1), 80, 0, 2));
/// assert_eq!(v6.to_string(), "[fe80::1%2]:80");
/// let name = SocketAddress::from(UnixAddr::new_abstract(b"db\0x")?);
/// assert_eq!(name.to_string(), "@db\\x00x");
/// assert_eq!(SocketAddress::from(UnixAddr::new_unnamed()).to_string(), "(unnamed)");
/// # Ok::<(), rawbind::AddressError>(())
/// ```
impl fmt::Display for SocketAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SocketAddress::Inet(a) => inet::short_v4(a, f),
            SocketAddress::Inet6(a) => inet::short_v6(a, f),
            SocketAddress::Unix(a) => a.fmt(f),
            SocketAddress::Packet(a) => a.fmt(f),
            SocketAddress::Netlink(a) => a.fmt(f),
            SocketAddress::Vsock(a) => a.fmt(f),
        }
    }
}

/// `value` in `radix` (8, 10 or 16, lowercase), with at least `min_digits`
/// digits. Every number in an address's text goes through here rather than
/// `core::fmt`'s integer formatting, which would add kilobytes to a program
/// that prints an address; like the rest of these forms it ignores a
/// format's width and fill. Not inlined: one copy serves every caller.
#[inline(never)]
pub(crate) fn number(
    f: &mut fmt::Formatter<'_>,
    value: u32,
    radix: u32,
    min_digits: usize,
) -> fmt::Result {
    let mut digits = [0u8; 32];
    let (mut value, mut at) = (value, digits.len());
    while at > 0 && (value != 0 || digits.len() - at < min_digits.max(1)) {
        at -= 1;
        digits[at] = b"0123456789abcdef"[(value % radix) as usize & 15];
        value /= radix;
    }
    digits[at..]
        .iter()
        .try_for_each(|&d| f.write_char(char::from(d)))
}

/// `value` in decimal.
pub(crate) fn decimal(f: &mut fmt::Formatter<'_>, value: u32) -> fmt::Result {
    number(f, value, 10, 1)
}

/// `value` in decimal, with a `-` when negative.
pub(crate) fn signed(f: &mut fmt::Formatter<'_>, value: i32) -> fmt::Result {
    if value < 0 {
        f.write_char('-')?;
    }
    decimal(f, value.unsigned_abs())
}

/// `a.b.c.d`.
#[inline(never)]
pub(super) fn ipv4(f: &mut fmt::Formatter<'_>, ip: core::net::Ipv4Addr) -> fmt::Result {
    for (i, octet) in ip.octets().into_iter().enumerate() {
        if i > 0 {
            f.write_char('.')?;
        }
        decimal(f, octet.into())?;
    }
    Ok(())
}

/// RFC 5952's text, as core's `Ipv6Addr` writes it: lowercase groups, the
/// first longest run of two or more zero groups as `::`, and an
/// IPv4-mapped address as `::ffff:a.b.c.d`.
#[inline(never)]
pub(super) fn ipv6(f: &mut fmt::Formatter<'_>, ip: core::net::Ipv6Addr) -> fmt::Result {
    if let Some(v4) = ip.to_ipv4_mapped() {
        f.write_str("::ffff:")?;
        return ipv4(f, v4);
    }
    let groups = ip.segments();
    // Through black_box the compiler does not know there are 8 groups, so
    // it keeps each loop a loop instead of 8 copies of its body (a
    // kilobyte more in every program that prints an address).
    let groups: &[u16] = core::hint::black_box(&groups);
    // (start, len) of the first longest run of zero groups.
    let (mut best, mut run) = ((0, 0), (0, 0));
    for (i, &group) in groups.iter().enumerate() {
        run = match group {
            0 if run.1 == 0 => (i, 1),
            0 => (run.0, run.1 + 1),
            _ => (0, 0),
        };
        if run.1 > best.1 {
            best = run;
        }
    }
    // Groups apart from that run (if it has two or more), `:` between
    // neighbours, `::` in its place.
    let run = if best.1 >= 2 {
        best.0..best.0 + best.1
    } else {
        0..0
    };
    for (i, &group) in groups.iter().enumerate() {
        if run.contains(&i) {
            if i == run.start {
                f.write_str("::")?;
            }
            continue;
        }
        if i > 0 && i != run.end {
            f.write_char(':')?;
        }
        number(f, group.into(), 16, 1)?;
    }
    Ok(())
}

/// Printable ASCII as is, `\\` for a backslash, `\xNN` for anything else;
/// `\x40` for a leading `@` (a path would read as an abstract name; a name
/// is escaped the same way).
pub(super) fn escaped(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'@' if i == 0 => f.write_str("\\x40")?,
            b'\\' => f.write_str("\\\\")?,
            0x20..=0x7e => f.write_char(b as char)?,
            _ => {
                f.write_str("\\x")?;
                number(f, b.into(), 16, 2)?;
            }
        }
    }
    Ok(())
}

/// An address in strace's notation; see [`SocketAddress::strace`].
#[derive(Clone, Copy, Debug)]
pub struct Strace<'a>(&'a SocketAddress);

impl SocketAddress {
    /// The address as strace (6.x) decodes it in a bind(2) call, e.g.
    /// `{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}`.
    ///
    /// strace names an interface index it can resolve
    /// (`if_nametoindex("lo")`); rawbind makes no system call to format, so
    /// it writes the number, as strace does for an index it cannot resolve.
    /// Ethertypes, hardware and packet types are named from the common
    /// subset of strace's tables; any other value is written as strace
    /// writes an unknown one.
    ///
    /// ```
    /// use core::net::{Ipv4Addr, SocketAddrV4};
    /// use rawbind::{SocketAddress, UnixAddr};
    /// let v4 = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8080));
    /// assert_eq!(
    ///     v4.strace().to_string(),
    ///     r#"{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}"#
    /// );
    /// let name = SocketAddress::from(UnixAddr::new_abstract("name")?);
    /// assert_eq!(name.strace().to_string(), r#"{sa_family=AF_UNIX, sun_path=@"name"}"#);
    /// # Ok::<(), rawbind::AddressError>(())
    /// ```
    #[must_use]
    pub fn strace(&self) -> Strace<'_> {
        Strace(self)
    }
}

impl fmt::Display for Strace<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{sa_family=")?;
        fmt::Display::fmt(&self.0.family(), f)?;
        match self.0 {
            SocketAddress::Inet(a) => inet::strace_v4(a, f)?,
            SocketAddress::Inet6(a) => inet::strace_v6(a, f)?,
            SocketAddress::Unix(a) => a.strace(f)?,
            SocketAddress::Packet(a) => a.strace(f)?,
            SocketAddress::Netlink(a) => a.strace(f)?,
            SocketAddress::Vsock(a) => a.strace(f)?,
        }
        f.write_char('}')
    }
}

/// C's `%#x`: `0` for zero, `0x..` otherwise.
pub(super) fn c_hex(f: &mut fmt::Formatter<'_>, value: u32) -> fmt::Result {
    match value {
        0 => f.write_char('0'),
        v => {
            f.write_str("0x")?;
            number(f, v, 16, 1)
        }
    }
}

/// The name of `value` in `table`, or strace's form for a value it cannot
/// name: `0x.. /* UNKNOWN */` (or plain hex where `unknown` is empty).
pub(super) fn named(
    f: &mut fmt::Formatter<'_>,
    value: u32,
    table: &[(u32, &str)],
    unknown: &str,
) -> fmt::Result {
    match table.iter().find(|(v, _)| *v == value) {
        Some((_, name)) => f.write_str(name),
        None if unknown.is_empty() => c_hex(f, value),
        None => {
            c_hex(f, value)?;
            f.write_str(" /* ")?;
            f.write_str(unknown)?;
            f.write_str(" */")
        }
    }
}

/// A string as strace quotes it: `\"`, `\\`, `\f\n\r\t\v`, printable ASCII
/// as is, any other byte in octal, with three digits when an octal digit follows.
pub(super) struct Quoted<'a>(pub(super) &'a [u8]);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for (i, &b) in self.0.iter().enumerate() {
            match b {
                b'"' | b'\\' => {
                    f.write_char('\\')?;
                    f.write_char(char::from(b))?;
                }
                b'\x0c' => f.write_str("\\f")?,
                b'\n' => f.write_str("\\n")?,
                b'\r' => f.write_str("\\r")?,
                b'\t' => f.write_str("\\t")?,
                b'\x0b' => f.write_str("\\v")?,
                0x20..=0x7e => f.write_char(b as char)?,
                _ => {
                    // Three digits when an octal digit follows, so it is not
                    // read as part of the escape.
                    let width = match self.0.get(i + 1) {
                        Some(b'0'..=b'7') => 3,
                        _ => 1,
                    };
                    f.write_char('\\')?;
                    number(f, b.into(), 8, width)?;
                }
            }
        }
        f.write_char('"')
    }
}
