//! Socket addresses: the kernel's structs mirrored exactly, an encoder per
//! family, and a decoder that never reads past the length it is given.

use core::ffi::c_void;
use core::fmt;
use core::mem::{offset_of, size_of};
use core::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use static_assertions::{assert_eq_align, assert_eq_size, const_assert_eq};

use crate::Family;

/// Bytes in `sun_path` (`UNIX_PATH_MAX`): the longest filesystem path a Unix
/// address holds. A path of exactly this length has no room for a NUL and is
/// still accepted by the kernel.
pub const UNIX_PATH_MAX: usize = 108;

/// The longest abstract name: `sun_path` less the leading NUL that marks it.
pub const ABSTRACT_NAME_MAX: usize = UNIX_PATH_MAX - 1;

/// `sizeof(struct __kernel_sockaddr_storage)`: no address is longer.
pub const SOCKADDR_STORAGE_LEN: usize = 128;

/// `sizeof(sa_family_t)`: every address starts with its family.
const FAMILY_LEN: usize = 2;

/// `struct sockaddr_in` (`include/uapi/linux/in.h`).
#[repr(C)]
struct SockaddrIn {
    family: u16,
    port_be: u16,
    addr_be: u32,
    zero: [u8; 8],
}

/// `struct sockaddr_in6` (`include/uapi/linux/in6.h`).
#[repr(C)]
struct SockaddrIn6 {
    family: u16,
    port_be: u16,
    flowinfo_be: u32,
    addr: [u8; 16],
    scope_id: u32,
}

/// `struct sockaddr_un` (`include/uapi/linux/un.h`).
#[repr(C)]
struct SockaddrUn {
    family: u16,
    path: [u8; UNIX_PATH_MAX],
}

/// `struct sockaddr_ll` (`include/uapi/linux/if_packet.h`), with room for
/// the longest hardware address (`MAX_ADDR_LEN`, 32) where the kernel's
/// struct has 8: getsockname(2) reports `12 + sll_halen` bytes, which passes
/// 20 for hardware addresses over 8 bytes (InfiniBand's are 20).
#[repr(C)]
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

/// `MAX_ADDR_LEN`: the longest hardware address a device has.
pub const HARDWARE_ADDRESS_MAX: usize = 32;

/// `struct sockaddr_nl` (`include/uapi/linux/netlink.h`).
#[repr(C)]
struct SockaddrNl {
    family: u16,
    pad: u16,
    port_id: u32,
    groups: u32,
}

/// `struct sockaddr_vm` (`include/uapi/linux/vm_sockets.h`).
#[repr(C)]
struct SockaddrVm {
    family: u16,
    reserved: u16,
    port: u32,
    cid: u32,
    flags: u8,
    zero: [u8; 3],
}

/// `struct __kernel_sockaddr_storage` (`include/uapi/linux/socket.h`): 128
/// bytes aligned like a pointer.
#[derive(Clone, Copy)]
#[repr(C)]
struct SockaddrStorage {
    bytes: [u8; SOCKADDR_STORAGE_LEN],
    align: [usize; 0],
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
assert_eq_size!(SockaddrUn, [u8; 110]);
assert_eq_align!(SockaddrUn, u16);
const_assert_eq!(offset_of!(SockaddrUn, path), FAMILY_LEN);
assert_eq_size!(SockaddrLl, [u8; 12 + HARDWARE_ADDRESS_MAX]);
assert_eq_align!(SockaddrLl, u32);
const_assert_eq!(offset_of!(SockaddrLl, protocol_be), 2);
const_assert_eq!(offset_of!(SockaddrLl, ifindex), 4);
const_assert_eq!(offset_of!(SockaddrLl, hatype), 8);
const_assert_eq!(offset_of!(SockaddrLl, pkttype), 10);
const_assert_eq!(offset_of!(SockaddrLl, halen), 11);
const_assert_eq!(offset_of!(SockaddrLl, addr), 12);
const_assert_eq!(offset_of!(SockaddrLl, addr) + 8, SOCKADDR_LL_LEN);
assert_eq_size!(SockaddrNl, [u8; 12]);
const_assert_eq!(offset_of!(SockaddrNl, port_id), 4);
const_assert_eq!(offset_of!(SockaddrNl, groups), 8);
assert_eq_size!(SockaddrVm, [u8; 16]);
const_assert_eq!(offset_of!(SockaddrVm, port), 4);
const_assert_eq!(offset_of!(SockaddrVm, cid), 8);
const_assert_eq!(offset_of!(SockaddrVm, flags), 12);
assert_eq_size!(SockaddrStorage, [u8; 128]);
assert_eq_align!(SockaddrStorage, *const u8);

/// sockaddr_in6 without `sin6_scope_id`, as RFC 2133 had it; the kernel accepts it.
const SOCKADDR_IN6_RFC2133_LEN: usize = 24;

/// The kernel structs above: `repr(C)` and free of padding, so every byte is initialized.
trait KernelStruct: Sized {}
impl KernelStruct for SockaddrIn {}
impl KernelStruct for SockaddrIn6 {}
impl KernelStruct for SockaddrUn {}
impl KernelStruct for SockaddrLl {}
impl KernelStruct for SockaddrNl {}
impl KernelStruct for SockaddrVm {}

fn struct_bytes<T: KernelStruct>(value: &T) -> &[u8] {
    // SAFETY: `T` is a padding-free repr(C) struct (KernelStruct), so all
    // `size_of::<T>()` bytes behind the reference are initialized.
    unsafe { core::slice::from_raw_parts((value as *const T).cast::<u8>(), size_of::<T>()) }
}

/// Why an address was refused, before or after the kernel saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddressError {
    /// A Unix path longer than [`UNIX_PATH_MAX`] bytes.
    PathTooLong {
        /// The path's length in bytes.
        len: usize,
    },
    /// An empty Unix path: its encoding would be the empty abstract name.
    EmptyPath,
    /// A NUL byte inside a Unix path, which would cut it short.
    InteriorNul {
        /// Byte offset of the first NUL.
        position: usize,
    },
    /// An abstract name longer than [`ABSTRACT_NAME_MAX`] bytes.
    AbstractNameTooLong {
        /// The name's length in bytes.
        len: usize,
    },
    /// A length too short for the family (or, under two bytes, for any family).
    TooShort {
        /// The family read from the address, if there were two bytes to read.
        family: Option<u16>,
        /// The length given.
        len: usize,
        /// The least length the family needs.
        needed: usize,
    },
    /// A length longer than the family's struct, or than [`SOCKADDR_STORAGE_LEN`].
    TooLong {
        /// The family read from the address, if any.
        family: Option<u16>,
        /// The length given.
        len: usize,
        /// The most the family takes.
        max: usize,
    },
    /// A family rawbind does not decode.
    UnsupportedFamily {
        /// The `sa_family` value.
        family: u16,
    },
}

impl core::error::Error for AddressError {}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            AddressError::PathTooLong { len } => write!(
                f,
                "Unix socket path is {len} bytes; sun_path holds at most {UNIX_PATH_MAX}"
            ),
            AddressError::EmptyPath => f.write_str(
                "empty Unix socket path (for an unbound address use UnixAddr::new_unnamed)",
            ),
            AddressError::InteriorNul { position } => {
                write!(f, "Unix socket path has a NUL byte at offset {position}")
            }
            AddressError::AbstractNameTooLong { len } => write!(
                f,
                "abstract socket name is {len} bytes; at most {ABSTRACT_NAME_MAX} fit"
            ),
            AddressError::TooShort {
                family: Some(family),
                len,
                needed,
            } => write!(
                f,
                "address of family {} is {len} bytes; it needs at least {needed}",
                Family(family)
            ),
            AddressError::TooShort {
                family: None,
                len,
                needed,
            } => {
                write!(f, "address is {len} bytes; even its family needs {needed}")
            }
            AddressError::TooLong {
                family: Some(family),
                len,
                max,
            } => write!(
                f,
                "address of family {} is {len} bytes; at most {max} are meaningful",
                Family(family)
            ),
            AddressError::TooLong {
                family: None,
                len,
                max,
            } => {
                write!(f, "address is {len} bytes; no address exceeds {max}")
            }
            AddressError::UnsupportedFamily { family } => {
                write!(
                    f,
                    "address family {} is not one rawbind decodes",
                    Family(family)
                )
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum UnixKind {
    Path,
    Abstract,
    Unnamed,
}

/// A Unix-domain socket address in one of its three forms (see unix(7)):
/// a filesystem path, an abstract name, or unnamed.
///
/// Each form is encoded with the exact length the kernel expects: a path
/// gets `2 + len + 1` (its NUL; a 108-byte path has none), an abstract name
/// `2 + 1 + len` and no padding, unnamed `2` (bind(2) then autobinds).
///
/// ```
/// use rawbind::UnixAddr;
/// let path = UnixAddr::new_path("/run/demo.sock")?;
/// assert_eq!(path.path(), Some(&b"/run/demo.sock"[..]));
/// assert_eq!(path.encoded_len(), 2 + 14 + 1);
/// let name = UnixAddr::new_abstract(b"demo\0with nul")?;
/// assert_eq!(name.encoded_len(), 2 + 1 + 13);
/// assert_eq!(UnixAddr::new_unnamed().encoded_len(), 2);
/// # Ok::<(), rawbind::AddressError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnixAddr {
    kind: UnixKind,
    len: u8,
    /// The path or the abstract name (without its leading NUL); zero past `len`.
    bytes: [u8; UNIX_PATH_MAX],
}

impl UnixAddr {
    fn with(kind: UnixKind, name: &[u8]) -> UnixAddr {
        let mut bytes = [0; UNIX_PATH_MAX];
        let len = name.len().min(UNIX_PATH_MAX);
        bytes[..len].copy_from_slice(&name[..len]);
        UnixAddr {
            kind,
            len: len as u8,
            bytes,
        }
    }

    /// A filesystem path of 1 to [`UNIX_PATH_MAX`] bytes, without NUL bytes.
    pub fn new_path(path: impl AsRef<[u8]>) -> Result<UnixAddr, AddressError> {
        let path = path.as_ref();
        if path.is_empty() {
            return Err(AddressError::EmptyPath);
        }
        if path.len() > UNIX_PATH_MAX {
            return Err(AddressError::PathTooLong { len: path.len() });
        }
        if let Some(position) = path.iter().position(|&b| b == 0) {
            return Err(AddressError::InteriorNul { position });
        }
        Ok(UnixAddr::with(UnixKind::Path, path))
    }

    /// An abstract name: any bytes, NULs included, at most [`ABSTRACT_NAME_MAX`].
    pub fn new_abstract(name: impl AsRef<[u8]>) -> Result<UnixAddr, AddressError> {
        let name = name.as_ref();
        if name.len() > ABSTRACT_NAME_MAX {
            return Err(AddressError::AbstractNameTooLong { len: name.len() });
        }
        Ok(UnixAddr::with(UnixKind::Abstract, name))
    }

    /// The unnamed address: binding it makes the kernel pick an abstract name (autobind).
    pub const fn new_unnamed() -> UnixAddr {
        UnixAddr {
            kind: UnixKind::Unnamed,
            len: 0,
            bytes: [0; UNIX_PATH_MAX],
        }
    }

    fn name(&self) -> &[u8] {
        &self.bytes[..(self.len as usize).min(UNIX_PATH_MAX)]
    }

    /// The filesystem path, if this is one.
    pub fn path(&self) -> Option<&[u8]> {
        (self.kind == UnixKind::Path).then(|| self.name())
    }

    /// The abstract name (without the leading NUL of its encoding), if this is one.
    pub fn abstract_name(&self) -> Option<&[u8]> {
        (self.kind == UnixKind::Abstract).then(|| self.name())
    }

    /// Whether this is the unnamed address.
    pub fn is_unnamed(&self) -> bool {
        self.kind == UnixKind::Unnamed
    }

    /// The `addrlen` bind(2) receives for this address.
    pub fn encoded_len(&self) -> u32 {
        let len = self.len as u32;
        (FAMILY_LEN as u32)
            + match self.kind {
                UnixKind::Path if (len as usize) < UNIX_PATH_MAX => len + 1,
                UnixKind::Path => len,
                UnixKind::Abstract => 1 + len,
                UnixKind::Unnamed => 0,
            }
    }

    fn to_kernel(self) -> SockaddrUn {
        let mut path = [0; UNIX_PATH_MAX];
        let skip = (self.kind == UnixKind::Abstract) as usize;
        let name = self.name();
        let end = (skip + name.len()).min(UNIX_PATH_MAX);
        path[skip..end].copy_from_slice(&name[..end - skip]);
        SockaddrUn {
            family: Family::UNIX.0,
            path,
        }
    }

    /// Decodes `sun_path` as the kernel reports it: `path` is the bytes after
    /// the family, cut at the reported length.
    fn from_kernel(path: &[u8], len: usize) -> Result<UnixAddr, AddressError> {
        let family = Some(Family::UNIX.0);
        match path.split_first() {
            None => Ok(UnixAddr::new_unnamed()),
            Some((0, name)) if name.len() <= ABSTRACT_NAME_MAX => {
                Ok(UnixAddr::with(UnixKind::Abstract, name))
            }
            Some((0, _)) => Err(AddressError::TooLong {
                family,
                len,
                max: size_of::<SockaddrUn>(),
            }),
            // The kernel counts the NUL after a path, even the one past a full
            // 108-byte sun_path (length 111): the path ends at the first NUL.
            Some(_) if len > size_of::<SockaddrUn>() + 1 => Err(AddressError::TooLong {
                family,
                len,
                max: size_of::<SockaddrUn>() + 1,
            }),
            Some(_) => {
                let path = &path[..path.len().min(UNIX_PATH_MAX)];
                let end = path.iter().position(|&b| b == 0).unwrap_or(path.len());
                Ok(UnixAddr::with(UnixKind::Path, &path[..end]))
            }
        }
    }
}

impl fmt::Debug for UnixAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            UnixKind::Path => write!(f, "UnixAddr::Path(\"{}\")", self.name().escape_ascii()),
            UnixKind::Abstract => {
                write!(f, "UnixAddr::Abstract(\"{}\")", self.name().escape_ascii())
            }
            UnixKind::Unnamed => f.write_str("UnixAddr::Unnamed"),
        }
    }
}

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
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct PacketAddr {
    protocol: u16,
    ifindex: i32,
    hatype: u16,
    pkttype: u8,
    halen: u8,
    addr: [u8; HARDWARE_ADDRESS_MAX],
}

impl PacketAddr {
    /// Interface `ifindex` (0: every interface) and `protocol`, an ethertype
    /// (`ETH_P_*`) in host byte order; rawbind stores it in network order.
    pub const fn new(ifindex: i32, protocol: u16) -> PacketAddr {
        PacketAddr {
            protocol,
            ifindex,
            hatype: 0,
            pkttype: 0,
            halen: 0,
            addr: [0; HARDWARE_ADDRESS_MAX],
        }
    }

    /// The interface index (`sll_ifindex`).
    pub const fn ifindex(&self) -> i32 {
        self.ifindex
    }

    /// The ethertype (`sll_protocol`), in host byte order.
    pub const fn protocol(&self) -> u16 {
        self.protocol
    }

    /// The device's `ARPHRD_*` hardware type (`sll_hatype`; 772 is loopback).
    pub const fn hatype(&self) -> u16 {
        self.hatype
    }

    /// The `PACKET_*` packet type (`sll_pkttype`).
    pub const fn pkttype(&self) -> u8 {
        self.pkttype
    }

    /// The hardware address, `sll_halen` bytes of it.
    pub fn hardware_address(&self) -> &[u8] {
        &self.addr[..(self.halen as usize).min(HARDWARE_ADDRESS_MAX)]
    }

    /// The length this address encodes to: the kernel's struct, or more for
    /// a hardware address over 8 bytes.
    fn encoded_len(&self) -> usize {
        SOCKADDR_LL_LEN.max(offset_of!(SockaddrLl, addr) + self.hardware_address().len())
    }
}

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

/// An `AF_VSOCK` address (`struct sockaddr_vm`, vsock(7)): a context id
/// (which machine) and a port.
///
/// ```
/// use rawbind::VsockAddr;
/// let any = VsockAddr { cid: VsockAddr::CID_ANY, port: VsockAddr::PORT_ANY, flags: 0 };
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct VsockAddr {
    /// `svm_cid`: the context id.
    pub cid: u32,
    /// `svm_port`.
    pub port: u32,
    /// `svm_flags` (`VMADDR_FLAG_TO_HOST` is 1).
    pub flags: u8,
}

impl VsockAddr {
    /// `VMADDR_CID_ANY`: bind to any context id of this machine.
    pub const CID_ANY: u32 = u32::MAX;
    /// `VMADDR_PORT_ANY`: let bind(2) choose a free port.
    pub const PORT_ANY: u32 = u32::MAX;
}

/// An address of any family rawbind binds: IPv4, IPv6 (flow info and scope
/// id kept) or Unix. It is what [`getsockname`](crate::getsockname) returns.
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::SocketAddress;
/// let addr = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8080));
/// let raw = addr.encode();
/// assert_eq!(raw.as_bytes().len(), 16);
/// assert_eq!(raw.decode(), Ok(addr));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum SocketAddress {
    /// `AF_INET`, `struct sockaddr_in`.
    Inet(SocketAddrV4),
    /// `AF_INET6`, `struct sockaddr_in6`.
    Inet6(SocketAddrV6),
    /// `AF_UNIX`, `struct sockaddr_un`.
    Unix(UnixAddr),
    /// `AF_PACKET`, `struct sockaddr_ll`.
    Packet(PacketAddr),
    /// `AF_NETLINK`, `struct sockaddr_nl`.
    Netlink(NetlinkAddr),
    /// `AF_VSOCK`, `struct sockaddr_vm`.
    Vsock(VsockAddr),
}

impl SocketAddress {
    /// The family, to create a matching socket with [`socket`](crate::socket).
    pub fn family(&self) -> Family {
        match self {
            SocketAddress::Inet(_) => Family::INET,
            SocketAddress::Inet6(_) => Family::INET6,
            SocketAddress::Unix(_) => Family::UNIX,
            SocketAddress::Packet(_) => Family::PACKET,
            SocketAddress::Netlink(_) => Family::NETLINK,
            SocketAddress::Vsock(_) => Family::VSOCK,
        }
    }

    /// The bytes and length the kernel would receive.
    pub fn encode(&self) -> RawSocketAddr {
        self.with_sockaddr(|ptr, len| {
            let mut raw = RawSocketAddr::buffer();
            raw.len = len;
            // SAFETY: `with_sockaddr` hands over `len` (at most 110) readable bytes.
            let bytes = unsafe { core::slice::from_raw_parts(ptr.cast::<u8>(), len as usize) };
            raw.storage.bytes[..bytes.len()].copy_from_slice(bytes);
            raw
        })
    }
}

impl From<SocketAddrV4> for SocketAddress {
    fn from(addr: SocketAddrV4) -> Self {
        SocketAddress::Inet(addr)
    }
}

impl From<SocketAddrV6> for SocketAddress {
    fn from(addr: SocketAddrV6) -> Self {
        SocketAddress::Inet6(addr)
    }
}

impl From<SocketAddr> for SocketAddress {
    fn from(addr: SocketAddr) -> Self {
        match addr {
            SocketAddr::V4(v4) => SocketAddress::Inet(v4),
            SocketAddr::V6(v6) => SocketAddress::Inet6(v6),
        }
    }
}

/// An IP address back as `core::net`'s (which is `std::net`'s); any other
/// family is refused as [`AddressError::UnsupportedFamily`].
///
/// ```
/// use core::net::SocketAddr;
/// let addr = rawbind::SocketAddress::from("[::1]:80".parse::<SocketAddr>()?);
/// assert_eq!(SocketAddr::try_from(addr)?.port(), 80);
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
impl TryFrom<SocketAddress> for SocketAddr {
    type Error = AddressError;

    fn try_from(addr: SocketAddress) -> Result<SocketAddr, AddressError> {
        match addr {
            SocketAddress::Inet(v4) => Ok(SocketAddr::V4(v4)),
            SocketAddress::Inet6(v6) => Ok(SocketAddr::V6(v6)),
            other => Err(AddressError::UnsupportedFamily {
                family: other.family().raw(),
            }),
        }
    }
}

impl From<UnixAddr> for SocketAddress {
    fn from(addr: UnixAddr) -> Self {
        SocketAddress::Unix(addr)
    }
}

impl From<PacketAddr> for SocketAddress {
    fn from(addr: PacketAddr) -> Self {
        SocketAddress::Packet(addr)
    }
}

impl From<NetlinkAddr> for SocketAddress {
    fn from(addr: NetlinkAddr) -> Self {
        SocketAddress::Netlink(addr)
    }
}

impl From<VsockAddr> for SocketAddress {
    fn from(addr: VsockAddr) -> Self {
        SocketAddress::Vsock(addr)
    }
}

/// Any socket address as the kernel or a tracer hands it over: bytes and a
/// length, at most [`SOCKADDR_STORAGE_LEN`]. Decoding it never reads past the
/// length and never panics.
///
/// ```
/// use rawbind::{AddressError, RawSocketAddr};
/// // An AF_INET family (2, native endian) with no room for a port or address.
/// let short = RawSocketAddr::from_bytes(&2u16.to_ne_bytes())?;
/// assert_eq!(short.decode(), Err(AddressError::TooShort { family: Some(2), len: 2, needed: 16 }));
/// # Ok::<(), AddressError>(())
/// ```
#[derive(Clone, Copy)]
pub struct RawSocketAddr {
    storage: SockaddrStorage,
    len: u32,
}

impl RawSocketAddr {
    /// Room for any address, for the kernel to fill (getsockname(2) and kin).
    pub(crate) fn buffer() -> RawSocketAddr {
        RawSocketAddr {
            storage: SockaddrStorage {
                bytes: [0; 128],
                align: [],
            },
            len: 128,
        }
    }

    /// The pointer and the length cell the kernel fills.
    pub(crate) fn kernel_out(&mut self) -> (*mut c_void, *mut u32) {
        (self.storage.bytes.as_mut_ptr().cast(), &mut self.len)
    }

    /// Copies an address of at most [`SOCKADDR_STORAGE_LEN`] bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<RawSocketAddr, AddressError> {
        let mut raw = RawSocketAddr::buffer();
        let family = family_of(bytes);
        let slot = raw
            .storage
            .bytes
            .get_mut(..bytes.len())
            .ok_or(AddressError::TooLong {
                family,
                len: bytes.len(),
                max: SOCKADDR_STORAGE_LEN,
            })?;
        slot.copy_from_slice(bytes);
        raw.len = bytes.len() as u32;
        Ok(raw)
    }

    /// Exactly the address's bytes (its reported length, at most 128).
    pub fn as_bytes(&self) -> &[u8] {
        let len = (self.len as usize).min(SOCKADDR_STORAGE_LEN);
        &self.storage.bytes[..len]
    }

    /// The length as reported, which the kernel may give larger than the bytes
    /// it stored (a 108-byte Unix path reports 111).
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Whether the length is zero.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `sa_family` field, if there are two bytes to hold it.
    pub fn family(&self) -> Option<u16> {
        family_of(self.as_bytes())
    }

    /// Decodes the address; refuses lengths the family cannot have and
    /// families rawbind does not know.
    pub fn decode(&self) -> Result<SocketAddress, AddressError> {
        let len = self.len as usize;
        if len > SOCKADDR_STORAGE_LEN {
            return Err(AddressError::TooLong {
                family: self.family(),
                len,
                max: SOCKADDR_STORAGE_LEN,
            });
        }
        let bytes = self.as_bytes();
        let Some(family) = self.family() else {
            return Err(AddressError::TooShort {
                family: None,
                len,
                needed: FAMILY_LEN,
            });
        };
        let needs = |needed: usize| {
            if len < needed {
                Err(AddressError::TooShort {
                    family: Some(family),
                    len,
                    needed,
                })
            } else {
                Ok(())
            }
        };
        match Family(family) {
            Family::INET => {
                needs(size_of::<SockaddrIn>())?;
                let port = u16::from_be_bytes(field(bytes, offset_of!(SockaddrIn, port_be)));
                let ip: [u8; 4] = field(bytes, offset_of!(SockaddrIn, addr_be));
                Ok(SocketAddress::Inet(SocketAddrV4::new(
                    Ipv4Addr::from(ip),
                    port,
                )))
            }
            Family::INET6 => {
                needs(SOCKADDR_IN6_RFC2133_LEN)?;
                let port = u16::from_be_bytes(field(bytes, offset_of!(SockaddrIn6, port_be)));
                let flowinfo =
                    u32::from_be_bytes(field(bytes, offset_of!(SockaddrIn6, flowinfo_be)));
                let ip: [u8; 16] = field(bytes, offset_of!(SockaddrIn6, addr));
                let scope_id = match len >= size_of::<SockaddrIn6>() {
                    true => u32::from_ne_bytes(field(bytes, offset_of!(SockaddrIn6, scope_id))),
                    false => 0,
                };
                Ok(SocketAddress::Inet6(SocketAddrV6::new(
                    Ipv6Addr::from(ip),
                    port,
                    flowinfo,
                    scope_id,
                )))
            }
            Family::UNIX => {
                let path = bytes.get(FAMILY_LEN..).unwrap_or(&[]);
                UnixAddr::from_kernel(path, len).map(SocketAddress::Unix)
            }
            Family::PACKET => {
                let addr_at = offset_of!(SockaddrLl, addr);
                needs(addr_at)?;
                let halen = bytes[offset_of!(SockaddrLl, halen)] as usize;
                if halen > HARDWARE_ADDRESS_MAX {
                    return Err(AddressError::TooLong {
                        family: Some(family),
                        len: addr_at + halen,
                        max: size_of::<SockaddrLl>(),
                    });
                }
                needs(addr_at + halen)?;
                let mut addr = [0; HARDWARE_ADDRESS_MAX];
                addr[..halen].copy_from_slice(&bytes[addr_at..addr_at + halen]);
                Ok(SocketAddress::Packet(PacketAddr {
                    protocol: u16::from_be_bytes(field(bytes, offset_of!(SockaddrLl, protocol_be))),
                    ifindex: i32::from_ne_bytes(field(bytes, offset_of!(SockaddrLl, ifindex))),
                    hatype: u16::from_ne_bytes(field(bytes, offset_of!(SockaddrLl, hatype))),
                    pkttype: bytes[offset_of!(SockaddrLl, pkttype)],
                    halen: halen as u8,
                    addr,
                }))
            }
            Family::NETLINK => {
                needs(size_of::<SockaddrNl>())?;
                Ok(SocketAddress::Netlink(NetlinkAddr {
                    port_id: u32::from_ne_bytes(field(bytes, offset_of!(SockaddrNl, port_id))),
                    groups: u32::from_ne_bytes(field(bytes, offset_of!(SockaddrNl, groups))),
                }))
            }
            Family::VSOCK => {
                needs(size_of::<SockaddrVm>())?;
                Ok(SocketAddress::Vsock(VsockAddr {
                    cid: u32::from_ne_bytes(field(bytes, offset_of!(SockaddrVm, cid))),
                    port: u32::from_ne_bytes(field(bytes, offset_of!(SockaddrVm, port))),
                    flags: bytes[offset_of!(SockaddrVm, flags)],
                }))
            }
            _ => Err(AddressError::UnsupportedFamily { family }),
        }
    }
}

impl fmt::Debug for RawSocketAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RawSocketAddr {{ len: {}, bytes: \"{}\" }}",
            self.len,
            self.as_bytes().escape_ascii()
        )
    }
}

/// The `sa_family` field at the start of `bytes`, if there are two bytes.
fn family_of(bytes: &[u8]) -> Option<u16> {
    bytes
        .get(..FAMILY_LEN)
        .map(|f| u16::from_ne_bytes([f[0], f[1]]))
}

/// `N` bytes at `at`, which the caller has checked lie inside `bytes`.
fn field<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    if let Some(src) = bytes.get(at..at + N) {
        out.copy_from_slice(src);
    }
    out
}

mod sealed {
    pub trait Sealed {}
}

/// An address bind(2) can take: `core::net` addresses, [`UnixAddr`],
/// [`SocketAddress`] and [`RawSocketAddr`]. Each is encoded on the stack with
/// its exact length; nothing is allocated.
pub trait ToSocketAddr: sealed::Sealed {
    /// Calls `f` with a pointer to the encoded address and its length.
    #[doc(hidden)]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R;
}

fn lend<T: KernelStruct, R>(value: &T, len: usize, f: impl FnOnce(*const c_void, u32) -> R) -> R {
    let bytes = struct_bytes(value);
    f(bytes.as_ptr().cast(), len.min(bytes.len()) as u32)
}

impl sealed::Sealed for SocketAddrV4 {}
impl ToSocketAddr for SocketAddrV4 {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        let sin = SockaddrIn {
            family: Family::INET.0,
            port_be: self.port().to_be(),
            addr_be: u32::from_ne_bytes(self.ip().octets()),
            zero: [0; 8],
        };
        lend(&sin, size_of::<SockaddrIn>(), f)
    }
}

impl sealed::Sealed for SocketAddrV6 {}
impl ToSocketAddr for SocketAddrV6 {
    /// `sin6_flowinfo` is sent in network byte order, as the C API has it.
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        let sin6 = SockaddrIn6 {
            family: Family::INET6.0,
            port_be: self.port().to_be(),
            flowinfo_be: self.flowinfo().to_be(),
            addr: self.ip().octets(),
            scope_id: self.scope_id(),
        };
        lend(&sin6, size_of::<SockaddrIn6>(), f)
    }
}

impl sealed::Sealed for SocketAddr {}
impl ToSocketAddr for SocketAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        match self {
            SocketAddr::V4(v4) => v4.with_sockaddr(f),
            SocketAddr::V6(v6) => v6.with_sockaddr(f),
        }
    }
}

impl sealed::Sealed for UnixAddr {}
impl ToSocketAddr for UnixAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        lend(&self.to_kernel(), self.encoded_len() as usize, f)
    }
}

impl sealed::Sealed for PacketAddr {}
impl ToSocketAddr for PacketAddr {
    /// `sll_protocol` is sent in network byte order.
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        let sll = SockaddrLl {
            family: Family::PACKET.0,
            protocol_be: self.protocol.to_be(),
            ifindex: self.ifindex,
            hatype: self.hatype,
            pkttype: self.pkttype,
            halen: self.hardware_address().len() as u8,
            addr: self.addr,
        };
        lend(&sll, self.encoded_len(), f)
    }
}

impl sealed::Sealed for NetlinkAddr {}
impl ToSocketAddr for NetlinkAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        let snl = SockaddrNl {
            family: Family::NETLINK.0,
            pad: 0,
            port_id: self.port_id,
            groups: self.groups,
        };
        lend(&snl, size_of::<SockaddrNl>(), f)
    }
}

impl sealed::Sealed for VsockAddr {}
impl ToSocketAddr for VsockAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        let svm = SockaddrVm {
            family: Family::VSOCK.0,
            reserved: 0,
            port: self.port,
            cid: self.cid,
            flags: self.flags,
            zero: [0; 3],
        };
        lend(&svm, size_of::<SockaddrVm>(), f)
    }
}

impl sealed::Sealed for SocketAddress {}
impl ToSocketAddr for SocketAddress {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        match self {
            SocketAddress::Inet(a) => a.with_sockaddr(f),
            SocketAddress::Inet6(a) => a.with_sockaddr(f),
            SocketAddress::Unix(a) => a.with_sockaddr(f),
            SocketAddress::Packet(a) => a.with_sockaddr(f),
            SocketAddress::Netlink(a) => a.with_sockaddr(f),
            SocketAddress::Vsock(a) => a.with_sockaddr(f),
        }
    }
}

impl sealed::Sealed for RawSocketAddr {}
impl ToSocketAddr for RawSocketAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        let bytes = self.as_bytes();
        f(bytes.as_ptr().cast(), bytes.len() as u32)
    }
}

impl<T: ToSocketAddr> sealed::Sealed for &T {}
impl<T: ToSocketAddr> ToSocketAddr for &T {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(*const c_void, u32) -> R) -> R {
        (**self).with_sockaddr(f)
    }
}
