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
            SocketAddress::Inet(a) => a.fmt(f),
            SocketAddress::Inet6(a) => a.fmt(f),
            SocketAddress::Unix(a) => a.fmt(f),
            SocketAddress::Packet(a) => a.fmt(f),
            SocketAddress::Netlink(a) => a.fmt(f),
            SocketAddress::Vsock(a) => a.fmt(f),
        }
    }
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
            _ => write!(f, "\\x{b:02x}")?,
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
        write!(f, "{{sa_family={}", self.0.family())?;
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
        v => write!(f, "{v:#x}"),
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
            write!(f, " /* {unknown} */")
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
                b'"' | b'\\' => write!(f, "\\{}", b as char)?,
                b'\x0c' => f.write_str("\\f")?,
                b'\n' => f.write_str("\\n")?,
                b'\r' => f.write_str("\\r")?,
                b'\t' => f.write_str("\\t")?,
                b'\x0b' => f.write_str("\\v")?,
                0x20..=0x7e => f.write_char(b as char)?,
                _ if matches!(self.0.get(i + 1), Some(b'0'..=b'7')) => write!(f, "\\{b:03o}")?,
                _ => write!(f, "\\{b:o}")?,
            }
        }
        f.write_char('"')
    }
}
