//! IPv4 and IPv6: `core::net`'s address types as `struct sockaddr_in` and
//! `struct sockaddr_in6`. Their short notation is `core::net`'s own.

use core::fmt::{self, Write};
use core::mem::{offset_of, size_of};
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use static_assertions::{assert_eq_align, assert_eq_size, const_assert_eq};

use super::{notation, put, sealed, AddressError, Found, ToSocketAddr};
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

impl sealed::Sealed for SocketAddrV4 {}
impl ToSocketAddr for SocketAddrV4 {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        let mut sin = [0; size_of::<SockaddrIn>()];
        put(
            &mut sin,
            offset_of!(SockaddrIn, family),
            Family::INET.0.to_ne_bytes(),
        );
        put(
            &mut sin,
            offset_of!(SockaddrIn, port_be),
            self.port().to_be_bytes(),
        );
        put(
            &mut sin,
            offset_of!(SockaddrIn, addr_be),
            self.ip().octets(),
        );
        f(&sin)
    }
}

impl sealed::Sealed for SocketAddrV6 {}
impl ToSocketAddr for SocketAddrV6 {
    /// `sin6_flowinfo` is sent in network byte order, as the C API has it.
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        let mut sin6 = [0; size_of::<SockaddrIn6>()];
        put(
            &mut sin6,
            offset_of!(SockaddrIn6, family),
            Family::INET6.0.to_ne_bytes(),
        );
        put(
            &mut sin6,
            offset_of!(SockaddrIn6, port_be),
            self.port().to_be_bytes(),
        );
        put(
            &mut sin6,
            offset_of!(SockaddrIn6, flowinfo_be),
            self.flowinfo().to_be_bytes(),
        );
        put(&mut sin6, offset_of!(SockaddrIn6, addr), self.ip().octets());
        put(
            &mut sin6,
            offset_of!(SockaddrIn6, scope_id),
            self.scope_id().to_ne_bytes(),
        );
        f(&sin6)
    }
}

pub(super) fn decode_v4(found: Found<'_>) -> Result<SocketAddrV4, AddressError> {
    found.needs(size_of::<SockaddrIn>())?;
    let port = u16::from_be_bytes(found.field(offset_of!(SockaddrIn, port_be)));
    let ip: [u8; 4] = found.field(offset_of!(SockaddrIn, addr_be));
    Ok(SocketAddrV4::new(Ipv4Addr::from(ip), port))
}

/// Also the 24-byte RFC 2133 form, whose scope id is 0.
pub(super) fn decode_v6(found: Found<'_>) -> Result<SocketAddrV6, AddressError> {
    found.needs(SOCKADDR_IN6_RFC2133_LEN)?;
    let port = u16::from_be_bytes(found.field(offset_of!(SockaddrIn6, port_be)));
    let flowinfo = u32::from_be_bytes(found.field(offset_of!(SockaddrIn6, flowinfo_be)));
    let ip: [u8; 16] = found.field(offset_of!(SockaddrIn6, addr));
    let scope_id = if found.len >= size_of::<SockaddrIn6>() {
        u32::from_ne_bytes(found.field(offset_of!(SockaddrIn6, scope_id)))
    } else {
        0
    };
    Ok(SocketAddrV6::new(
        Ipv6Addr::from(ip),
        port,
        flowinfo,
        scope_id,
    ))
}

/// `127.0.0.1:8080`, as core's `SocketAddrV4` writes it.
pub(super) fn short_v4(addr: &SocketAddrV4, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    notation::ipv4(f, *addr.ip())?;
    f.write_char(':')?;
    notation::decimal(f, addr.port().into())
}

/// `[fe80::1%2]:80`, as core's `SocketAddrV6` writes it (the scope only
/// when it is not 0).
pub(super) fn short_v6(addr: &SocketAddrV6, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_char('[')?;
    notation::ipv6(f, *addr.ip())?;
    if addr.scope_id() != 0 {
        f.write_char('%')?;
        notation::decimal(f, addr.scope_id())?;
    }
    f.write_str("]:")?;
    notation::decimal(f, addr.port().into())
}

/// strace's fields after `sa_family` for IPv4.
pub(super) fn strace_v4(addr: &SocketAddrV4, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(", sin_port=htons(")?;
    notation::decimal(f, addr.port().into())?;
    f.write_str("), sin_addr=inet_addr(\"")?;
    notation::ipv4(f, *addr.ip())?;
    f.write_str("\")")
}

/// strace's fields after `sa_family` for IPv6.
pub(super) fn strace_v6(addr: &SocketAddrV6, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(", sin6_port=htons(")?;
    notation::decimal(f, addr.port().into())?;
    f.write_str("), sin6_flowinfo=htonl(")?;
    notation::decimal(f, addr.flowinfo())?;
    f.write_str("), inet_pton(AF_INET6, \"")?;
    notation::ipv6(f, *addr.ip())?;
    f.write_str("\", &sin6_addr), sin6_scope_id=")?;
    notation::decimal(f, addr.scope_id())
}
