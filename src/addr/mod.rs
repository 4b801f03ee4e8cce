//! Socket addresses. Each family owns one file with its kernel struct (the
//! layout asserted with `static_assertions`), its type, kept as that
//! struct's bytes, its panic-free decoding and its notation: `inet.rs`
//! (`sockaddr_in`, `sockaddr_in6`, and `core::net`'s types through them),
//! `unix.rs`, `packet.rs`, `netlink.rs`, `vsock.rs`.
//! This file holds what they share: [`SocketAddress`], [`RawSocketAddr`]
//! and its decoder's dispatch, and [`ToSocketAddr`].

use core::fmt;
use core::net::{SocketAddr, SocketAddrV4, SocketAddrV6};
use static_assertions::{assert_eq_align, assert_eq_size};

use crate::Family;

mod error;
mod inet;
mod netlink;
mod notation;
mod packet;
mod unix;
mod vsock;

pub(crate) use notation::decimal;

pub use error::AddressError;
pub use inet::{Inet6Addr, InetAddr};
pub use netlink::NetlinkAddr;
pub use notation::Strace;
pub use packet::{PacketAddr, HARDWARE_ADDRESS_MAX};
pub use unix::{UnixAddr, ABSTRACT_NAME_MAX, UNIX_PATH_MAX};
pub use vsock::VsockAddr;

/// `sizeof(struct __kernel_sockaddr_storage)`: no address is longer.
pub const SOCKADDR_STORAGE_LEN: usize = 128;

/// `sizeof(sa_family_t)`: every address starts with its family.
const FAMILY_LEN: usize = 2;

/// `struct __kernel_sockaddr_storage` (`include/uapi/linux/socket.h`): 128
/// bytes aligned like a pointer.
#[derive(Clone, Copy)]
#[repr(C)]
struct SockaddrStorage {
    bytes: [u8; SOCKADDR_STORAGE_LEN],
    align: [usize; 0],
}

assert_eq_size!(SockaddrStorage, [u8; 128]);
assert_eq_align!(SockaddrStorage, *const u8);

/// An address of any family rawbind binds: IPv4, IPv6 (flow info and scope
/// id kept), Unix, packet, netlink or vsock. It is what
/// [`getsockname`](crate::getsockname) returns.
///
/// Every variant holds its address encoded, with its length in the same
/// place, so binding a `SocketAddress` reads that length and lends the bytes
/// whatever the variant: no dispatch, no copy.
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
#[repr(u8)] // the tag in byte 0 and each variant's address from byte 4
pub enum SocketAddress {
    /// `AF_INET`, `struct sockaddr_in`.
    Inet(InetAddr),
    /// `AF_INET6`, `struct sockaddr_in6`.
    Inet6(Inet6Addr),
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
    #[must_use]
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
    #[must_use]
    pub fn encode(&self) -> RawSocketAddr {
        self.with_sockaddr(|bytes| {
            let mut raw = RawSocketAddr::buffer();
            raw.len = bytes.len() as u32;
            raw.storage.bytes[..bytes.len()].copy_from_slice(bytes);
            raw
        })
    }
}

impl From<SocketAddrV4> for SocketAddress {
    fn from(addr: SocketAddrV4) -> Self {
        SocketAddress::Inet(addr.into())
    }
}

impl From<SocketAddrV6> for SocketAddress {
    fn from(addr: SocketAddrV6) -> Self {
        SocketAddress::Inet6(addr.into())
    }
}

impl From<SocketAddr> for SocketAddress {
    fn from(addr: SocketAddr) -> Self {
        match addr {
            SocketAddr::V4(v4) => v4.into(),
            SocketAddr::V6(v6) => v6.into(),
        }
    }
}

impl From<InetAddr> for SocketAddress {
    fn from(addr: InetAddr) -> Self {
        SocketAddress::Inet(addr)
    }
}

impl From<Inet6Addr> for SocketAddress {
    fn from(addr: Inet6Addr) -> Self {
        SocketAddress::Inet6(addr)
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
            SocketAddress::Inet(v4) => Ok(SocketAddr::V4(v4.into())),
            SocketAddress::Inet6(v6) => Ok(SocketAddr::V6(v6.into())),
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

    /// The bytes and the length cell the kernel fills.
    pub(crate) fn kernel_out(&mut self) -> (&mut [u8], &mut u32) {
        (&mut self.storage.bytes, &mut self.len)
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
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        let len = (self.len as usize).min(SOCKADDR_STORAGE_LEN);
        &self.storage.bytes[..len]
    }

    /// The length as reported, which the kernel may give larger than the bytes
    /// it stored (a 108-byte Unix path reports 111).
    #[must_use]
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Whether the length is zero.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `sa_family` field, if there are two bytes to hold it.
    #[must_use]
    pub fn family(&self) -> Option<u16> {
        family_of(self.as_bytes())
    }

    /// Decodes the address; refuses lengths the family cannot have and
    /// families rawbind does not know.
    // One copy however many callers a program has: it holds every family's
    // decoder, and inlined at each call it grew bindprobe by 4 KB on s390x.
    #[inline(never)]
    pub fn decode(&self) -> Result<SocketAddress, AddressError> {
        let found = self.found()?;
        match Family(found.family) {
            Family::INET => inet::decode_v4(found).map(SocketAddress::Inet),
            Family::INET6 => inet::decode_v6(found).map(SocketAddress::Inet6),
            Family::UNIX => UnixAddr::decode(found).map(SocketAddress::Unix),
            Family::PACKET => PacketAddr::decode(found).map(SocketAddress::Packet),
            Family::NETLINK => NetlinkAddr::decode(found).map(SocketAddress::Netlink),
            Family::VSOCK => VsockAddr::decode(found).map(SocketAddress::Vsock),
            family => Err(AddressError::UnsupportedFamily { family: family.0 }),
        }
    }

    /// The checks every decoder shares: a length within the storage and a
    /// family to read.
    fn found(&self) -> Result<Found<'_>, AddressError> {
        let len = self.len as usize;
        if len > SOCKADDR_STORAGE_LEN {
            return Err(AddressError::TooLong {
                family: self.family(),
                len,
                max: SOCKADDR_STORAGE_LEN,
            });
        }
        let Some(family) = self.family() else {
            return Err(AddressError::TooShort {
                family: None,
                len,
                needed: FAMILY_LEN,
            });
        };
        Ok(Found {
            bytes: self.as_bytes(),
            family,
            len,
        })
    }

    /// The checks of [`found`](Self::found), and the family `expected`.
    fn found_family(&self, expected: Family) -> Result<Found<'_>, AddressError> {
        let found = self.found()?;
        if found.family == expected.0 {
            Ok(found)
        } else {
            Err(AddressError::WrongFamily {
                expected: expected.0,
                found: found.family,
            })
        }
    }
}

/// Decoding into one family's type: only that family's decoder is linked,
/// where [`RawSocketAddr::decode`] links every family's.
macro_rules! decode_into {
    ($($ty:ident, $family:ident, $decode:path, $path:literal, $check:literal;)*) => {$(
        #[doc = concat!("Decodes an `AF_", stringify!($family), "` address; refuses another family with [`AddressError::WrongFamily`], and what [`RawSocketAddr::decode`] refuses.")]
        ///
        /// ```
        /// use rawbind::{AddressError, RawSocketAddr};
        #[doc = concat!("use ", $path, ";")]
        /// // 127.0.0.1:8080, an AF_INET (2) address.
        /// let raw = RawSocketAddr::from_bytes(&[2, 0, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])?;
        #[doc = $check]
        /// # Ok::<(), AddressError>(())
        /// ```
        impl TryFrom<&RawSocketAddr> for $ty {
            type Error = AddressError;

            fn try_from(raw: &RawSocketAddr) -> Result<$ty, AddressError> {
                $decode(raw.found_family(Family::$family)?)
            }
        }
    )*};
}

decode_into! {
    SocketAddrV4, INET, decode_v4_core, "core::net::SocketAddrV4",
        "assert_eq!(SocketAddrV4::try_from(&raw).map(|a| a.port()), Ok(8080));";
    SocketAddrV6, INET6, decode_v6_core, "core::net::SocketAddrV6",
        "assert_eq!(SocketAddrV6::try_from(&raw), Err(AddressError::WrongFamily { expected: 10, found: 2 }));";
    InetAddr, INET, inet::decode_v4, "rawbind::InetAddr",
        "assert_eq!(InetAddr::try_from(&raw).map(|a| a.port()), Ok(8080));";
    Inet6Addr, INET6, inet::decode_v6, "rawbind::Inet6Addr",
        "assert_eq!(Inet6Addr::try_from(&raw), Err(AddressError::WrongFamily { expected: 10, found: 2 }));";
    UnixAddr, UNIX, UnixAddr::decode, "rawbind::UnixAddr",
        "assert_eq!(UnixAddr::try_from(&raw), Err(AddressError::WrongFamily { expected: 1, found: 2 }));";
    PacketAddr, PACKET, PacketAddr::decode, "rawbind::PacketAddr",
        "assert_eq!(PacketAddr::try_from(&raw), Err(AddressError::WrongFamily { expected: 17, found: 2 }));";
    NetlinkAddr, NETLINK, NetlinkAddr::decode, "rawbind::NetlinkAddr",
        "assert_eq!(NetlinkAddr::try_from(&raw), Err(AddressError::WrongFamily { expected: 16, found: 2 }));";
    VsockAddr, VSOCK, VsockAddr::decode, "rawbind::VsockAddr",
        "assert_eq!(VsockAddr::try_from(&raw), Err(AddressError::WrongFamily { expected: 40, found: 2 }));";
}

fn decode_v4_core(found: Found<'_>) -> Result<SocketAddrV4, AddressError> {
    inet::decode_v4(found).map(Into::into)
}

fn decode_v6_core(found: Found<'_>) -> Result<SocketAddrV6, AddressError> {
    inet::decode_v6(found).map(Into::into)
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

/// An address as a family's decoder receives it: its bytes (at most the
/// storage), the family read from them and the length as reported, which
/// may exceed the bytes (a Unix path's length counts a NUL past the end).
#[derive(Clone, Copy)]
struct Found<'a> {
    bytes: &'a [u8],
    family: u16,
    len: usize,
}

impl Found<'_> {
    /// Refuses a length under `needed`.
    fn needs(&self, needed: usize) -> Result<(), AddressError> {
        if self.len < needed {
            Err(AddressError::TooShort {
                family: Some(self.family),
                len: self.len,
                needed,
            })
        } else {
            Ok(())
        }
    }

    /// `N` bytes at `at`; zeros for any the address does not hold (a decoder
    /// checks the length first, so that never reaches a caller).
    fn field<const N: usize>(&self, at: usize) -> [u8; N] {
        let mut out = [0; N];
        if let Some(src) = self.bytes.get(at..at + N) {
            out.copy_from_slice(src);
        }
        out
    }
}

/// The `sa_family` field at the start of `bytes`, if there are two bytes.
fn family_of(bytes: &[u8]) -> Option<u16> {
    bytes
        .get(..FAMILY_LEN)
        .map(|f| u16::from_ne_bytes([f[0], f[1]]))
}

/// `N` zeros but the family in its first two bytes, where every kernel
/// address struct has it: what each address type's encoding starts from.
const fn family_start<const N: usize>(family: Family) -> [u8; N] {
    let [low, high] = family.0.to_ne_bytes();
    let mut bytes = [0; N];
    bytes[0] = low;
    bytes[1] = high;
    bytes
}

/// `N` bytes of `bytes` at `at`, in a const fn.
const fn field<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = bytes[at + i];
        i += 1;
    }
    out
}

/// `bytes` with `value` at `at`, in a const fn.
const fn set<const M: usize, const N: usize>(
    mut bytes: [u8; M],
    at: usize,
    value: [u8; N],
) -> [u8; M] {
    let mut i = 0;
    while i < N {
        bytes[at + i] = value[i];
        i += 1;
    }
    bytes
}

/// Asserts what [`encoded_at`] relies on in an address type, which
/// "starts alike": alignment 4, `encoded` (the addrlen, a `u32`) at byte 0
/// and the kernel's struct from byte 4, so that its fields are at their
/// natural alignment (strict-alignment targets read them whole). Each such
/// type is `repr(C)`, and its constructors keep `encoded` within that
/// struct's bytes.
macro_rules! starts_alike {
    ($ty:ident, $bytes:ident) => {
        static_assertions::assert_eq_align!($ty, u32);
        static_assertions::const_assert_eq!(core::mem::offset_of!($ty, encoded), 0);
        static_assertions::const_assert_eq!(core::mem::offset_of!($ty, $bytes), 4);
    };
}
use starts_alike;

/// The address bytes of an address type that starts alike: `encoded` bytes
/// from byte 4, with no bounds check and no mask.
///
/// # Safety
/// `at` points to a live value of a type that `starts_alike!` (and so keeps
/// `encoded` within its struct's bytes), which outlives `'a`.
#[allow(unsafe_code)] // the one read that lends an address's bytes
#[inline(always)]
unsafe fn encoded_at<'a>(at: *const u8) -> &'a [u8] {
    // SAFETY: bytes 0 to 4 are `encoded`, aligned for a `u32` (the type's
    // alignment), and the `encoded` bytes from byte 4 are initialized bytes
    // of the same value, live for `'a` (the caller's word).
    unsafe {
        let len = at.cast::<u32>().read() as usize;
        core::slice::from_raw_parts(at.add(4), len)
    }
}

/// [`encoded_at`] for a reference to a type that starts alike.
macro_rules! lend_encoded {
    ($ty:ident) => {
        impl super::sealed::Sealed for $ty {}
        impl super::ToSocketAddr for $ty {
            #[inline]
            #[allow(unsafe_code)] // reads the address through the layout it asserts
            fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
                // SAFETY: `$ty` starts alike (asserted where it is declared),
                // and `self` outlives the call.
                f(unsafe { super::encoded_at(core::ptr::from_ref(self).cast::<u8>()) })
            }
        }
    };
}
use lend_encoded;

/// `ToSocketAddr` for an address type whose kernel struct has one length:
/// it lends the whole of `$bytes`, which needs no read of `encoded`.
macro_rules! lend_whole {
    ($ty:ident, $bytes:ident) => {
        impl super::sealed::Sealed for $ty {}
        impl super::ToSocketAddr for $ty {
            #[inline]
            fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
                f(&self.$bytes)
            }
        }
    };
}
use lend_whole;

mod sealed {
    pub trait Sealed {}
}

/// An address bind(2) can take: [`InetAddr`], [`Inet6Addr`], [`UnixAddr`],
/// [`PacketAddr`], [`NetlinkAddr`], [`VsockAddr`], [`SocketAddress`] and
/// [`RawSocketAddr`], which are kept encoded and lent as they are, and
/// `core::net`'s addresses, encoded on the stack on each call. Each has its
/// exact length; nothing is allocated. Sealed: the encodings are rawbind's.
pub trait ToSocketAddr: sealed::Sealed {
    /// Calls `f` with the encoded address: exactly the bytes the kernel receives.
    #[doc(hidden)]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R;
}

impl sealed::Sealed for SocketAddr {}
impl ToSocketAddr for SocketAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            SocketAddr::V4(v4) => v4.with_sockaddr(f),
            SocketAddr::V6(v6) => v6.with_sockaddr(f),
        }
    }
}

impl sealed::Sealed for SocketAddress {}
impl ToSocketAddr for SocketAddress {
    /// One load for every variant, where a `match` would dispatch on the tag.
    #[inline(always)]
    #[allow(unsafe_code)] // reads the variant through the layout it asserts
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        // SAFETY: `SocketAddress` is `repr(u8)`: byte 0 is the tag and the
        // variant's one field starts at byte 4, since every variant's type
        // has alignment 4 (`starts_alike!` asserts it), and each of those
        // types starts alike; the bytes are borrowed with `self`.
        f(unsafe { encoded_at(core::ptr::from_ref(self).cast::<u8>().add(4)) })
    }
}

impl sealed::Sealed for RawSocketAddr {}
impl ToSocketAddr for RawSocketAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        f(self.as_bytes())
    }
}

impl<T: ToSocketAddr> sealed::Sealed for &T {}
impl<T: ToSocketAddr> ToSocketAddr for &T {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        (**self).with_sockaddr(f)
    }
}
