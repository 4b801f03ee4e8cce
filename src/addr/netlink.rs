//! Netlink addresses (`struct sockaddr_nl`, netlink(7)).

use core::fmt;
use core::mem::{offset_of, size_of};
use static_assertions::{assert_eq_size, const_assert_eq};

use super::{family_start, field, notation, set, AddressError, Found};
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
/// groups to join. Kept as the 12 bytes the kernel reads.
///
/// ```
/// use rawbind::NetlinkAddr;
/// const RTMGRP_LINK: u32 = 1;
/// let addr = NetlinkAddr::new(0, RTMGRP_LINK);
/// assert_eq!((addr.port_id(), addr.groups()), (0, RTMGRP_LINK));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct NetlinkAddr {
    /// Always 12 (see [`InetAddr`](crate::InetAddr)'s).
    encoded: u32,
    snl: [u8; size_of::<SockaddrNl>()],
}

super::starts_alike!(NetlinkAddr, snl);

impl NetlinkAddr {
    /// `nl_pid` `port_id` (the process id is only a convention) and
    /// `nl_groups` `groups`, multicast groups 1 to 32, one bit each.
    #[must_use]
    pub const fn new(port_id: u32, groups: u32) -> NetlinkAddr {
        let mut snl: [u8; size_of::<SockaddrNl>()] = family_start(Family::NETLINK);
        snl = set(snl, offset_of!(SockaddrNl, port_id), port_id.to_ne_bytes());
        snl = set(snl, offset_of!(SockaddrNl, groups), groups.to_ne_bytes());
        NetlinkAddr {
            encoded: size_of::<SockaddrNl>() as u32,
            snl,
        }
    }

    /// The port id (`nl_pid`).
    #[must_use]
    pub const fn port_id(&self) -> u32 {
        u32::from_ne_bytes(field(&self.snl, offset_of!(SockaddrNl, port_id)))
    }

    /// The multicast groups (`nl_groups`), one bit each.
    #[must_use]
    pub const fn groups(&self) -> u32 {
        u32::from_ne_bytes(field(&self.snl, offset_of!(SockaddrNl, groups)))
    }

    pub(super) fn decode(found: Found<'_>) -> Result<NetlinkAddr, AddressError> {
        found.needs(size_of::<SockaddrNl>())?;
        Ok(NetlinkAddr::new(
            u32::from_ne_bytes(found.field(offset_of!(SockaddrNl, port_id))),
            u32::from_ne_bytes(found.field(offset_of!(SockaddrNl, groups))),
        ))
    }

    /// strace's fields after `sa_family`; groups as C's `%#08x` (zero has no
    /// 0x, and the 0x counts in the width).
    pub(super) fn strace(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(", nl_pid=")?;
        notation::decimal(f, self.port_id())?;
        f.write_str(", nl_groups=")?;
        match self.groups() {
            0 => f.write_str("00000000"),
            g => {
                f.write_str("0x")?;
                notation::number(f, g, 16, 6)
            }
        }
    }
}

super::lend_whole!(NetlinkAddr, snl);

impl fmt::Debug for NetlinkAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NetlinkAddr")
            .field("port_id", &self.port_id())
            .field("groups", &self.groups())
            .finish()
    }
}

/// `netlink:PORTID:0xGROUPS`.
impl fmt::Display for NetlinkAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("netlink:")?;
        notation::decimal(f, self.port_id())?;
        f.write_str(":0x")?;
        notation::number(f, self.groups(), 16, 1)
    }
}
