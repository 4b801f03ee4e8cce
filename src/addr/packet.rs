//! Link-layer addresses (`struct sockaddr_ll`, packet(7)).

use core::fmt::{self, Write};
use core::mem::{offset_of, size_of};
use static_assertions::{assert_eq_align, assert_eq_size, const_assert_eq};

use super::notation::{c_hex, named};
use super::{family_start, field, notation, set, AddressError, Found};
use crate::Family;

/// `MAX_ADDR_LEN`: the longest hardware address a device has.
pub const HARDWARE_ADDRESS_MAX: usize = 32;

/// `struct sockaddr_ll` (`include/uapi/linux/if_packet.h`), with room for
/// the longest hardware address (`MAX_ADDR_LEN`, 32) where the kernel's
/// struct has 8: getsockname(2) reports `12 + sll_halen` bytes, which passes
/// 20 for hardware addresses over 8 bytes (InfiniBand's are 20).
#[repr(C)]
#[allow(dead_code)] // a layout mirror: only its size and offsets are read
struct SockaddrLl {
    family: u16,
    protocol_be: u16,
    ifindex: i32,
    hatype: u16,
    pkttype: u8,
    halen: u8,
    addr: [u8; HARDWARE_ADDRESS_MAX],
}

/// `sizeof(struct sockaddr_ll)`: what bind(2) wants at least.
const SOCKADDR_LL_LEN: usize = 20;

assert_eq_size!(SockaddrLl, [u8; 12 + HARDWARE_ADDRESS_MAX]);
assert_eq_align!(SockaddrLl, u32);
const_assert_eq!(offset_of!(SockaddrLl, protocol_be), 2);
const_assert_eq!(offset_of!(SockaddrLl, ifindex), 4);
const_assert_eq!(offset_of!(SockaddrLl, hatype), 8);
const_assert_eq!(offset_of!(SockaddrLl, pkttype), 10);
const_assert_eq!(offset_of!(SockaddrLl, halen), 11);
const_assert_eq!(offset_of!(SockaddrLl, addr), 12);
const_assert_eq!(offset_of!(SockaddrLl, addr) + 8, SOCKADDR_LL_LEN);

/// An `AF_PACKET` address (`struct sockaddr_ll`, packet(7)): an interface
/// by index and an ethertype; as the kernel reports it, also the device's
/// hardware type, packet type and hardware address.
///
/// ```
/// use rawbind::PacketAddr;
/// const ETH_P_IP: u16 = 0x0800;
/// let lo = PacketAddr::new(1, ETH_P_IP); // the loopback interface is always index 1
/// assert_eq!((lo.ifindex(), lo.protocol()), (1, ETH_P_IP));
/// assert_eq!(lo.hardware_address(), &[] as &[u8]);
/// ```
///
/// The address is kept as the `struct sockaddr_ll` the kernel reads.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct PacketAddr {
    /// 20, or `12 + sll_halen` for a hardware address over 8 bytes.
    encoded: u32,
    sll: [u8; SLL_ROOM],
}

/// Room for `sll`: `struct sockaddr_ll` with the longest hardware address.
const SLL_ROOM: usize = size_of::<SockaddrLl>();

super::starts_alike!(PacketAddr, sll);

impl PacketAddr {
    /// Interface `ifindex` (0: every interface) and `protocol`, an ethertype
    /// (`ETH_P_*`) in host byte order; rawbind stores it in network order.
    #[must_use]
    pub const fn new(ifindex: i32, protocol: u16) -> PacketAddr {
        let mut sll: [u8; SLL_ROOM] = family_start(Family::PACKET);
        sll = set(
            sll,
            offset_of!(SockaddrLl, protocol_be),
            protocol.to_be_bytes(),
        );
        sll = set(sll, offset_of!(SockaddrLl, ifindex), ifindex.to_ne_bytes());
        PacketAddr {
            encoded: SOCKADDR_LL_LEN as u32,
            sll,
        }
    }

    /// The interface index (`sll_ifindex`).
    #[must_use]
    pub const fn ifindex(&self) -> i32 {
        i32::from_ne_bytes(field(&self.sll, offset_of!(SockaddrLl, ifindex)))
    }

    /// The ethertype (`sll_protocol`), in host byte order.
    #[must_use]
    pub const fn protocol(&self) -> u16 {
        u16::from_be_bytes(field(&self.sll, offset_of!(SockaddrLl, protocol_be)))
    }

    /// The device's `ARPHRD_*` hardware type (`sll_hatype`; 772 is loopback).
    #[must_use]
    pub const fn hatype(&self) -> u16 {
        u16::from_ne_bytes(field(&self.sll, offset_of!(SockaddrLl, hatype)))
    }

    /// The `PACKET_*` packet type (`sll_pkttype`).
    #[must_use]
    pub const fn pkttype(&self) -> u8 {
        self.sll[offset_of!(SockaddrLl, pkttype)]
    }

    /// The hardware address, `sll_halen` bytes of it.
    #[must_use]
    pub fn hardware_address(&self) -> &[u8] {
        let halen = usize::from(self.sll[offset_of!(SockaddrLl, halen)]);
        let at = offset_of!(SockaddrLl, addr);
        &self.sll[at..at + halen.min(HARDWARE_ADDRESS_MAX)]
    }

    /// Decodes `12 + sll_halen` bytes or more; a halen over 32 is refused.
    pub(super) fn decode(found: Found<'_>) -> Result<PacketAddr, AddressError> {
        let addr_at = offset_of!(SockaddrLl, addr);
        found.needs(addr_at)?;
        let [halen] = found.field(offset_of!(SockaddrLl, halen));
        let halen = halen as usize;
        if halen > HARDWARE_ADDRESS_MAX {
            return Err(AddressError::TooLong {
                family: Some(found.family),
                len: addr_at + halen,
                max: size_of::<SockaddrLl>(),
            });
        }
        found.needs(addr_at + halen)?;
        // The fixed fields as reported, the hardware address's bytes and
        // zeros past them, whatever the kernel left there.
        let mut sll = [0; SLL_ROOM];
        sll[..addr_at].copy_from_slice(&found.field::<12>(0));
        if let Some(bytes) = found.bytes.get(addr_at..addr_at + halen) {
            sll[addr_at..addr_at + halen].copy_from_slice(bytes);
        }
        Ok(PacketAddr {
            encoded: SOCKADDR_LL_LEN.max(addr_at + halen) as u32,
            sll,
        })
    }

    /// strace's fields after `sa_family`, with its names for ethertypes,
    /// hardware and packet types.
    pub(super) fn strace(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(", sll_protocol=htons(")?;
        named(f, self.protocol().into(), ETHERTYPES, "ETH_P_???")?;
        f.write_str("), sll_ifindex=")?;
        notation::signed(f, self.ifindex())?;
        f.write_str(", sll_hatype=")?;
        named(f, self.hatype().into(), HARDWARE_TYPES, "ARPHRD_???")?;
        f.write_str(", sll_pkttype=")?;
        named(f, self.pkttype().into(), PACKET_TYPES, "PACKET_???")?;
        f.write_str(", sll_halen=")?;
        notation::decimal(f, self.hardware_address().len() as u32)?;
        for (i, &b) in self.hardware_address().iter().enumerate() {
            f.write_str(if i == 0 { ", sll_addr=[" } else { ", " })?;
            c_hex(f, b.into())?;
        }
        if !self.hardware_address().is_empty() {
            f.write_char(']')?;
        }
        Ok(())
    }
}

super::lend_encoded!(PacketAddr);

impl fmt::Debug for PacketAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PacketAddr")
            .field("protocol", &self.protocol())
            .field("ifindex", &self.ifindex())
            .field("hatype", &self.hatype())
            .field("pkttype", &self.pkttype())
            .field("hardware_address", &self.hardware_address())
            .finish()
    }
}

/// `packet:IFINDEX:0xPROTO`, then `/` and the hardware address if it has one.
impl fmt::Display for PacketAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("packet:")?;
        notation::signed(f, self.ifindex())?;
        f.write_str(":0x")?;
        notation::number(f, self.protocol().into(), 16, 4)?;
        for (i, &b) in self.hardware_address().iter().enumerate() {
            f.write_str(if i == 0 { "/" } else { ":" })?;
            notation::number(f, b.into(), 16, 2)?;
        }
        Ok(())
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
