//! Addresses as text: a short form for people (`Display`) and strace's
//! notation ([`SocketAddress::strace`]). Nothing here is linked into a
//! program that formats no address.

use core::fmt::{self, Write};

use crate::{NetlinkAddr, PacketAddr, SocketAddress, UnixAddr, VsockAddr};

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

/// The path, `@name`, or `(unnamed)` (see [`SocketAddress`]'s `Display`).
impl fmt::Display for UnixAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.path(), self.abstract_name()) {
            (Some(path), _) => escaped(f, path),
            (_, Some(name)) => {
                f.write_char('@')?;
                escaped(f, name)
            }
            _ => f.write_str("(unnamed)"),
        }
    }
}

/// Printable ASCII as is, `\\` for a backslash, `\xNN` for anything else;
/// `\x40` for a leading `@` (a path would read as an abstract name; a name
/// is escaped the same way).
fn escaped(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
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

/// `packet:IFINDEX:0xPROTO`, then `/` and the hardware address if it has one.
impl fmt::Display for PacketAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "packet:{}:{:#06x}", self.ifindex(), self.protocol())?;
        for (i, b) in self.hardware_address().iter().enumerate() {
            f.write_str(if i == 0 { "/" } else { ":" })?;
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// `netlink:PORTID:0xGROUPS`.
impl fmt::Display for NetlinkAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "netlink:{}:{:#x}", self.port_id, self.groups)
    }
}

/// `vsock:CID:PORT`, with `any` for [`VsockAddr::CID_ANY`] and [`VsockAddr::PORT_ANY`].
impl fmt::Display for VsockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let any_or = |f: &mut fmt::Formatter<'_>, v: u32| match v {
            u32::MAX => f.write_str("any"),
            v => write!(f, "{v}"),
        };
        f.write_str("vsock:")?;
        any_or(f, self.cid)?;
        f.write_char(':')?;
        any_or(f, self.port)
    }
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
    pub fn strace(&self) -> Strace<'_> {
        Strace(self)
    }
}

impl fmt::Display for Strace<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{sa_family={}", self.0.family())?;
        match self.0 {
            SocketAddress::Inet(a) => write!(
                f,
                ", sin_port=htons({}), sin_addr=inet_addr(\"{}\")",
                a.port(),
                a.ip()
            )?,
            SocketAddress::Inet6(a) => write!(
                f,
                ", sin6_port=htons({}), sin6_flowinfo=htonl({}), inet_pton(AF_INET6, \"{}\", \
                 &sin6_addr), sin6_scope_id={}",
                a.port(),
                a.flowinfo(),
                a.ip(),
                a.scope_id()
            )?,
            SocketAddress::Unix(a) => match (a.path(), a.abstract_name()) {
                (Some(path), _) => write!(f, ", sun_path={}", Quoted(path))?,
                (_, Some(name)) => write!(f, ", sun_path=@{}", Quoted(name))?,
                _ => {}
            },
            SocketAddress::Packet(a) => {
                f.write_str(", sll_protocol=htons(")?;
                named(f, a.protocol().into(), ETHERTYPES, "ETH_P_???")?;
                write!(f, "), sll_ifindex={}, sll_hatype=", a.ifindex())?;
                named(f, a.hatype().into(), HARDWARE_TYPES, "ARPHRD_???")?;
                f.write_str(", sll_pkttype=")?;
                named(f, a.pkttype().into(), PACKET_TYPES, "PACKET_???")?;
                write!(f, ", sll_halen={}", a.hardware_address().len())?;
                for (i, &b) in a.hardware_address().iter().enumerate() {
                    f.write_str(if i == 0 { ", sll_addr=[" } else { ", " })?;
                    c_hex(f, b.into())?;
                }
                if !a.hardware_address().is_empty() {
                    f.write_char(']')?;
                }
            }
            SocketAddress::Netlink(a) => {
                // C's "%#08x": zero has no 0x, and the 0x counts in the width.
                write!(f, ", nl_pid={}, nl_groups=", a.port_id)?;
                match a.groups {
                    0 => f.write_str("00000000")?,
                    g => write!(f, "{g:#08x}")?,
                }
            }
            SocketAddress::Vsock(a) => {
                f.write_str(", svm_cid=")?;
                named(f, a.cid, VSOCK_CIDS, "")?;
                f.write_str(", svm_port=")?;
                named(f, a.port, &[(u32::MAX, "VMADDR_PORT_ANY")], "")?;
                f.write_str(", svm_flags=")?;
                match a.flags {
                    0 => f.write_char('0')?,
                    1 => f.write_str("VMADDR_FLAG_TO_HOST")?,
                    flags if flags & 1 != 0 => write!(f, "VMADDR_FLAG_TO_HOST|{:#x}", flags & !1)?,
                    flags => write!(f, "{flags:#x} /* VMADDR_FLAG_??? */")?,
                }
            }
        }
        f.write_char('}')
    }
}

/// C's `%#x`: `0` for zero, `0x..` otherwise.
fn c_hex(f: &mut fmt::Formatter<'_>, value: u32) -> fmt::Result {
    match value {
        0 => f.write_char('0'),
        v => write!(f, "{v:#x}"),
    }
}

/// The name of `value` in `table`, or strace's form for a value it cannot
/// name: `0x.. /* UNKNOWN */` (or plain hex where `unknown` is empty).
fn named(
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
struct Quoted<'a>(&'a [u8]);

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

const ETHERTYPES: &[(u32, &str)] = &[
    (0x0001, "ETH_P_802_3"),
    (0x0002, "ETH_P_AX25"),
    (0x0003, "ETH_P_ALL"),
    (0x0004, "ETH_P_802_2"),
    (0x0060, "ETH_P_LOOP"),
    (0x0800, "ETH_P_IP"),
    (0x0806, "ETH_P_ARP"),
    (0x8035, "ETH_P_RARP"),
    (0x8100, "ETH_P_8021Q"),
    (0x86dd, "ETH_P_IPV6"),
    (0x8847, "ETH_P_MPLS_UC"),
    (0x8863, "ETH_P_PPP_DISC"),
    (0x8864, "ETH_P_PPP_SES"),
    (0x888e, "ETH_P_PAE"),
    (0x88a8, "ETH_P_8021AD"),
    (0x88cc, "ETH_P_LLDP"),
];

const HARDWARE_TYPES: &[(u32, &str)] = &[
    (0, "ARPHRD_NETROM"),
    (1, "ARPHRD_ETHER"),
    (772, "ARPHRD_LOOPBACK"),
    (776, "ARPHRD_SIT"),
    (65534, "ARPHRD_NONE"),
    (65535, "ARPHRD_VOID"),
];

const PACKET_TYPES: &[(u32, &str)] = &[
    (0, "PACKET_HOST"),
    (1, "PACKET_BROADCAST"),
    (2, "PACKET_MULTICAST"),
    (3, "PACKET_OTHERHOST"),
    (4, "PACKET_OUTGOING"),
    (5, "PACKET_LOOPBACK"),
    (6, "PACKET_USER"),
    (7, "PACKET_KERNEL"),
];

const VSOCK_CIDS: &[(u32, &str)] = &[
    (u32::MAX, "VMADDR_CID_ANY"),
    (0, "VMADDR_CID_HYPERVISOR"),
    (1, "VMADDR_CID_LOCAL"),
    (2, "VMADDR_CID_HOST"),
];
