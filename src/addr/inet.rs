//! IPv4 and IPv6: [`InetAddr`] and [`Inet6Addr`], kept as `struct
//! sockaddr_in` and `struct sockaddr_in6`, and `core::net`'s types encoded
//! through them. Their short notation is `core::net`'s own.

use core::fmt::{self, Write};
use core::mem::{offset_of, size_of};
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use static_assertions::{assert_eq_align, assert_eq_size, const_assert_eq};

use super::{family_start, field, notation, sealed, set, AddressError, Found, ToSocketAddr};
use crate::Family;

/// `struct sockaddr_in` (`include/uapi/linux/in.h`).
#[repr(C)]
#[allow(dead_code)] // a layout mirror: only its size and offsets are read
struct SockaddrIn {
    family: u16,
    port_be: u16,
    addr_be: u32,
    zero: [u8; 8],
}

/// `struct sockaddr_in6` (`include/uapi/linux/in6.h`).
#[repr(C)]
#[allow(dead_code)] // a layout mirror: only its size and offsets are read
struct SockaddrIn6 {
    family: u16,
    port_be: u16,
    flowinfo_be: u32,
    addr: [u8; 16],
    scope_id: u32,
}

assert_eq_size!(SockaddrIn, [u8; 16]);
assert_eq_align!(SockaddrIn, u32);
const_assert_eq!(offset_of!(SockaddrIn, port_be), 2);
const_assert_eq!(offset_of!(SockaddrIn, addr_be), 4);
const_assert_eq!(offset_of!(SockaddrIn, zero), 8);
assert_eq_size!(SockaddrIn6, [u8; 28]);
assert_eq_align!(SockaddrIn6, u32);
const_assert_eq!(offset_of!(SockaddrIn6, port_be), 2);
const_assert_eq!(offset_of!(SockaddrIn6, flowinfo_be), 4);
const_assert_eq!(offset_of!(SockaddrIn6, addr), 8);
const_assert_eq!(offset_of!(SockaddrIn6, scope_id), 24);

/// `sockaddr_in6` without `sin6_scope_id`, as RFC 2133 had it; the kernel accepts it.
const SOCKADDR_IN6_RFC2133_LEN: usize = 24;

/// An `AF_INET` address (ip(7)) kept as the `struct sockaddr_in` the kernel
/// reads, so that binding it lends those 16 bytes and encodes nothing.
/// `core::net::SocketAddrV4` converts both ways; bind(2) takes either, and
/// encodes the core type on each call.
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::InetAddr;
/// let addr = InetAddr::new(Ipv4Addr::LOCALHOST, 8080);
/// assert_eq!((addr.ip(), addr.port()), (Ipv4Addr::LOCALHOST, 8080));
/// assert_eq!(SocketAddrV4::from(addr), SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8080));
/// assert_eq!(addr.to_string(), "127.0.0.1:8080");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct InetAddr {
    /// Always 16: here so that every address type starts alike (see
    /// [`SocketAddress`](crate::SocketAddress)'s `with_sockaddr`).
    encoded: u32,
    sin: [u8; size_of::<SockaddrIn>()],
}

/// An `AF_INET6` address (ipv6(7)) kept as the `struct sockaddr_in6` the
/// kernel reads (flow info and scope id included), so that binding it lends those 28
/// bytes and encodes nothing. `core::net::SocketAddrV6` converts both ways.
///
/// ```
/// use core::net::Ipv6Addr;
/// use rawbind::Inet6Addr;
/// let addr = Inet6Addr::new(Ipv6Addr::LOCALHOST, 80, 0, 2);
/// assert_eq!((addr.port(), addr.scope_id()), (80, 2));
/// assert_eq!(addr.to_string(), "[::1%2]:80");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct Inet6Addr {
    /// Always 28, as [`InetAddr`]'s is 16.
    encoded: u32,
    sin6: [u8; size_of::<SockaddrIn6>()],
}

super::starts_alike!(InetAddr, sin);
super::starts_alike!(Inet6Addr, sin6);

impl InetAddr {
    /// `ip` and `port`, encoded once.
    #[must_use]
    pub const fn new(ip: Ipv4Addr, port: u16) -> InetAddr {
        let mut sin: [u8; size_of::<SockaddrIn>()] = family_start(Family::INET);
        sin = set(sin, offset_of!(SockaddrIn, port_be), port.to_be_bytes());
        sin = set(sin, offset_of!(SockaddrIn, addr_be), ip.octets());
        InetAddr {
            encoded: size_of::<SockaddrIn>() as u32,
            sin,
        }
    }

    /// The IPv4 address (`sin_addr`).
    #[must_use]
    pub const fn ip(&self) -> Ipv4Addr {
        let [a, b, c, d] = field(&self.sin, offset_of!(SockaddrIn, addr_be));
        Ipv4Addr::new(a, b, c, d)
    }

    /// The port (`sin_port`), in host byte order.
    #[must_use]
    pub const fn port(&self) -> u16 {
        u16::from_be_bytes(field(&self.sin, offset_of!(SockaddrIn, port_be)))
    }
}

impl Inet6Addr {
    /// `ip`, `port`, `flowinfo` and `scope_id`, as `SocketAddrV6::new`
    /// takes them, encoded once. `sin6_flowinfo` is stored in network
    /// byte order, as the C API has it.
    #[must_use]
    pub const fn new(ip: Ipv6Addr, port: u16, flowinfo: u32, scope_id: u32) -> Inet6Addr {
        let mut sin6: [u8; size_of::<SockaddrIn6>()] = family_start(Family::INET6);
        sin6 = set(sin6, offset_of!(SockaddrIn6, port_be), port.to_be_bytes());
        sin6 = set(
            sin6,
            offset_of!(SockaddrIn6, flowinfo_be),
            flowinfo.to_be_bytes(),
        );
        sin6 = set(sin6, offset_of!(SockaddrIn6, addr), ip.octets());
        sin6 = set(
            sin6,
            offset_of!(SockaddrIn6, scope_id),
            scope_id.to_ne_bytes(),
        );
        Inet6Addr {
            encoded: size_of::<SockaddrIn6>() as u32,
            sin6,
        }
    }

    /// The IPv6 address (`sin6_addr`).
    #[must_use]
    pub const fn ip(&self) -> Ipv6Addr {
        Ipv6Addr::from_bits(u128::from_be_bytes(field(
            &self.sin6,
            offset_of!(SockaddrIn6, addr),
        )))
    }

    /// The port (`sin6_port`), in host byte order.
    #[must_use]
    pub const fn port(&self) -> u16 {
        u16::from_be_bytes(field(&self.sin6, offset_of!(SockaddrIn6, port_be)))
    }

    /// The flow information (`sin6_flowinfo`), in host byte order.
    #[must_use]
    pub const fn flowinfo(&self) -> u32 {
        u32::from_be_bytes(field(&self.sin6, offset_of!(SockaddrIn6, flowinfo_be)))
    }

    /// The scope id (`sin6_scope_id`): an interface index for a link-local address.
    #[must_use]
    pub const fn scope_id(&self) -> u32 {
        u32::from_ne_bytes(field(&self.sin6, offset_of!(SockaddrIn6, scope_id)))
    }
}

impl From<SocketAddrV4> for InetAddr {
    fn from(addr: SocketAddrV4) -> InetAddr {
        InetAddr::new(*addr.ip(), addr.port())
    }
}

impl From<InetAddr> for SocketAddrV4 {
    fn from(addr: InetAddr) -> SocketAddrV4 {
        SocketAddrV4::new(addr.ip(), addr.port())
    }
}

impl From<SocketAddrV6> for Inet6Addr {
    fn from(addr: SocketAddrV6) -> Inet6Addr {
        Inet6Addr::new(*addr.ip(), addr.port(), addr.flowinfo(), addr.scope_id())
    }
}

impl From<Inet6Addr> for SocketAddrV6 {
    fn from(addr: Inet6Addr) -> SocketAddrV6 {
        SocketAddrV6::new(addr.ip(), addr.port(), addr.flowinfo(), addr.scope_id())
    }
}

super::lend_whole!(InetAddr, sin);

super::lend_whole!(Inet6Addr, sin6);

impl sealed::Sealed for SocketAddrV4 {}
impl ToSocketAddr for SocketAddrV4 {
    /// Encoded on the stack on each call; an [`InetAddr`] is encoded once.
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        InetAddr::from(*self).with_sockaddr(f)
    }
}

impl sealed::Sealed for SocketAddrV6 {}
impl ToSocketAddr for SocketAddrV6 {
    /// Encoded on the stack on each call; an [`Inet6Addr`] is encoded once.
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        Inet6Addr::from(*self).with_sockaddr(f)
    }
}

pub(super) fn decode_v4(found: Found<'_>) -> Result<InetAddr, AddressError> {
    found.needs(size_of::<SockaddrIn>())?;
    let port = u16::from_be_bytes(found.field(offset_of!(SockaddrIn, port_be)));
    let ip: [u8; 4] = found.field(offset_of!(SockaddrIn, addr_be));
    Ok(InetAddr::new(Ipv4Addr::from(ip), port))
}

/// Also the 24-byte RFC 2133 form, whose scope id is 0.
pub(super) fn decode_v6(found: Found<'_>) -> Result<Inet6Addr, AddressError> {
    found.needs(SOCKADDR_IN6_RFC2133_LEN)?;
    let port = u16::from_be_bytes(found.field(offset_of!(SockaddrIn6, port_be)));
    let flowinfo = u32::from_be_bytes(found.field(offset_of!(SockaddrIn6, flowinfo_be)));
    let ip: [u8; 16] = found.field(offset_of!(SockaddrIn6, addr));
    let scope_id = if found.len >= size_of::<SockaddrIn6>() {
        u32::from_ne_bytes(found.field(offset_of!(SockaddrIn6, scope_id)))
    } else {
        0
    };
    Ok(Inet6Addr::new(Ipv6Addr::from(ip), port, flowinfo, scope_id))
}

/// `127.0.0.1:8080`, as core's `SocketAddrV4` writes it.
impl fmt::Display for InetAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        short_v4(self, f)
    }
}

/// `[fe80::1%2]:80`, as core's `SocketAddrV6` writes it.
impl fmt::Display for Inet6Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        short_v6(self, f)
    }
}

/// As `Display`, like core's types.
impl fmt::Debug for InetAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        short_v4(self, f)
    }
}

/// As `Display`, like core's types.
impl fmt::Debug for Inet6Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        short_v6(self, f)
    }
}

/// `127.0.0.1:8080`, as core's `SocketAddrV4` writes it.
pub(super) fn short_v4(addr: &InetAddr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    notation::ipv4(f, addr.ip())?;
    f.write_char(':')?;
    notation::decimal(f, addr.port().into())
}

/// `[fe80::1%2]:80`, as core's `SocketAddrV6` writes it (the scope only
/// when it is not 0).
pub(super) fn short_v6(addr: &Inet6Addr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_char('[')?;
    notation::ipv6(f, addr.ip())?;
    if addr.scope_id() != 0 {
        f.write_char('%')?;
        notation::decimal(f, addr.scope_id())?;
    }
    f.write_str("]:")?;
    notation::decimal(f, addr.port().into())
}

/// strace's fields after `sa_family` for IPv4.
pub(super) fn strace_v4(addr: &InetAddr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(", sin_port=htons(")?;
    notation::decimal(f, addr.port().into())?;
    f.write_str("), sin_addr=inet_addr(\"")?;
    notation::ipv4(f, addr.ip())?;
    f.write_str("\")")
}

/// strace's fields after `sa_family` for IPv6.
pub(super) fn strace_v6(addr: &Inet6Addr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(", sin6_port=htons(")?;
    notation::decimal(f, addr.port().into())?;
    f.write_str("), sin6_flowinfo=htonl(")?;
    notation::decimal(f, addr.flowinfo())?;
    f.write_str("), inet_pton(AF_INET6, \"")?;
    notation::ipv6(f, addr.ip())?;
    f.write_str("\", &sin6_addr), sin6_scope_id=")?;
    notation::decimal(f, addr.scope_id())
}
