//! Netlink addresses (`struct sockaddr_nl`, netlink(7)).

use core::fmt;
use core::mem::{offset_of, size_of};
use static_assertions::{assert_eq_size, const_assert_eq};

use super::{notation, put, sealed, AddressError, Found, ToSocketAddr};
use crate::Family;

/// `struct sockaddr_nl` (`include/uapi/linux/netlink.h`).
#[repr(C)]
#[allow(dead_code)] // a layout mirror: only its size and offsets are read
struct SockaddrNl {
    family: u16,
    pad: u16,
    port_id: u32,
    groups: u32,
}

assert_eq_size!(SockaddrNl, [u8; 12]);
const_assert_eq!(offset_of!(SockaddrNl, port_id), 4);
const_assert_eq!(offset_of!(SockaddrNl, groups), 8);

/// An `AF_NETLINK` address (`struct sockaddr_nl`, netlink(7)): a port id
/// (0 in bind(2) lets the kernel choose one) and a bit mask of multicast
/// groups to join.
///
/// ```
/// use rawbind::NetlinkAddr;
/// const RTMGRP_LINK: u32 = 1;
/// let addr = NetlinkAddr { port_id: 0, groups: RTMGRP_LINK };
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct NetlinkAddr {
    /// `nl_pid`: the socket's port id (the process id is only a convention).
    pub port_id: u32,
    /// `nl_groups`: multicast groups 1 to 32, one bit each.
    pub groups: u32,
}

impl NetlinkAddr {
    pub(super) fn decode(found: Found<'_>) -> Result<NetlinkAddr, AddressError> {
        found.needs(size_of::<SockaddrNl>())?;
        Ok(NetlinkAddr {
            port_id: u32::from_ne_bytes(found.field(offset_of!(SockaddrNl, port_id))),
            groups: u32::from_ne_bytes(found.field(offset_of!(SockaddrNl, groups))),
        })
    }

    /// strace's fields after `sa_family`; groups as C's `%#08x` (zero has no
    /// 0x, and the 0x counts in the width).
    pub(super) fn strace(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(", nl_pid=")?;
        notation::decimal(f, self.port_id)?;
        f.write_str(", nl_groups=")?;
        match self.groups {
            0 => f.write_str("00000000"),
            g => {
                f.write_str("0x")?;
                notation::number(f, g, 16, 6)
            }
        }
    }
}

impl sealed::Sealed for NetlinkAddr {}
impl ToSocketAddr for NetlinkAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        let mut snl = [0; size_of::<SockaddrNl>()];
        put(
            &mut snl,
            offset_of!(SockaddrNl, family),
            Family::NETLINK.0.to_ne_bytes(),
        );
        put(
            &mut snl,
            offset_of!(SockaddrNl, port_id),
            self.port_id.to_ne_bytes(),
        );
        put(
            &mut snl,
            offset_of!(SockaddrNl, groups),
            self.groups.to_ne_bytes(),
        );
        f(&snl)
    }
}

/// `netlink:PORTID:0xGROUPS`.
impl fmt::Display for NetlinkAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("netlink:")?;
        notation::decimal(f, self.port_id)?;
        f.write_str(":0x")?;
        notation::number(f, self.groups, 16, 1)
    }
}
