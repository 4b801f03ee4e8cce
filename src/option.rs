//! Socket options (setsockopt(2), getsockopt(2)): the ones that shape a
//! bind(2), what a socket is, who its peer is, and an escape hatch for any
//! integer option rawbind does not model.

use core::fmt;

use crate::{arch::sockopt, sys, AsSocket, Errno, Family, SocketType};

/// `SOL_IP` options (ip(7)) and `SOL_IPV6` ones (ipv6(7)): the same on every
/// architecture, unlike the `SOL_SOCKET` ones in the arch files.
const SOL_IP: u32 = 0;
const IP_FREEBIND: u32 = 15;
const IP_BIND_ADDRESS_NO_PORT: u32 = 24;
const SOL_IPV6: u32 = 41;
const IPV6_V6ONLY: u32 = 26;
const IPV6_FREEBIND: u32 = 78;
/// `IFNAMSIZ`: an interface name and its NUL.
const IFNAMSIZ: usize = 16;

/// Sets `SO_REUSEADDR` (socket(7)): with it on, a TCP socket may bind a port
/// whose earlier connection still lingers in `TIME_WAIT`, provided the socket
/// that left it there had it on too. Set it before [`bind`](crate::bind).
///
/// ```
/// use rawbind::{reuse_address, set_reuse_address, socket, Family, SocketType};
/// let sock = socket(Family::INET, SocketType::STREAM)?;
/// set_reuse_address(&sock, true)?;
/// assert!(reuse_address(&sock)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_reuse_address(socket: impl AsSocket, on: bool) -> Result<(), Errno> {
    set_flag(socket, sockopt::SOL_SOCKET, sockopt::SO_REUSEADDR, on)
}

/// Whether `SO_REUSEADDR` is on (see [`set_reuse_address`]).
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET, rawbind::SocketType::STREAM)?;
/// assert!(!rawbind::reuse_address(&sock)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn reuse_address(socket: impl AsSocket) -> Result<bool, Errno> {
    flag(socket, sockopt::SOL_SOCKET, sockopt::SO_REUSEADDR)
}

/// Sets `SO_REUSEPORT` (socket(7), Linux 3.9): sockets of the same user that
/// all set it before binding may bind the same address and port, and the
/// kernel spreads connections or datagrams among them.
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::{bind, getsockname, set_reuse_port, socket, Family, SocketType};
/// let first = socket(Family::INET, SocketType::DGRAM)?;
/// set_reuse_port(&first, true)?;
/// bind(&first, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// let second = socket(Family::INET, SocketType::DGRAM)?;
/// set_reuse_port(&second, true)?;
/// bind(&second, &getsockname(&first)?)?; // the same port, shared
/// # Ok::<(), rawbind::Error>(())
/// ```
pub fn set_reuse_port(socket: impl AsSocket, on: bool) -> Result<(), Errno> {
    set_flag(socket, sockopt::SOL_SOCKET, sockopt::SO_REUSEPORT, on)
}

/// Whether `SO_REUSEPORT` is on (see [`set_reuse_port`]).
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET, rawbind::SocketType::DGRAM)?;
/// assert!(!rawbind::reuse_port(&sock)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn reuse_port(socket: impl AsSocket) -> Result<bool, Errno> {
    flag(socket, sockopt::SOL_SOCKET, sockopt::SO_REUSEPORT)
}

/// Sets `IP_FREEBIND` (ip(7)) on an IPv4 or IPv6 socket: bind(2) then
/// accepts an address no interface has (yet), instead of EADDRNOTAVAIL.
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::{bind, freebind, set_freebind, socket, Family, SocketType};
/// let sock = socket(Family::INET, SocketType::STREAM)?;
/// set_freebind(&sock, true)?;
/// assert!(freebind(&sock)?);
/// bind(&sock, &SocketAddrV4::new(Ipv4Addr::new(203, 0, 113, 1), 0))?; // not local
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_freebind(socket: impl AsSocket, on: bool) -> Result<(), Errno> {
    set_flag(socket, SOL_IP, IP_FREEBIND, on)
}

/// Whether `IP_FREEBIND` is on (see [`set_freebind`]).
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET6, rawbind::SocketType::DGRAM)?;
/// assert!(!rawbind::freebind(&sock)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn freebind(socket: impl AsSocket) -> Result<bool, Errno> {
    flag(socket, SOL_IP, IP_FREEBIND)
}

/// Sets `IPV6_V6ONLY` (ipv6(7)) on an IPv6 socket: with it on, the socket
/// takes IPv6 only, so `[::]:P` and `0.0.0.0:P` can be bound by two
/// sockets at once; off (Linux's default, `net.ipv6.bindv6only`), `[::]:P`
/// also takes IPv4 as `::ffff:a.b.c.d` and the two conflict. Set it before
/// [`bind`](crate::bind).
///
/// ```
/// use rawbind::{set_v6only, socket, v6only, Family, SocketType};
/// let sock = socket(Family::INET6, SocketType::STREAM)?;
/// set_v6only(&sock, true)?;
/// assert!(v6only(&sock)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_v6only(socket: impl AsSocket, on: bool) -> Result<(), Errno> {
    set_flag(socket, SOL_IPV6, IPV6_V6ONLY, on)
}

/// Whether `IPV6_V6ONLY` is on (see [`set_v6only`]).
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET6, rawbind::SocketType::DGRAM)?;
/// let _default = rawbind::v6only(&sock)?; // net.ipv6.bindv6only, normally false
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn v6only(socket: impl AsSocket) -> Result<bool, Errno> {
    flag(socket, SOL_IPV6, IPV6_V6ONLY)
}

/// Sets `IPV6_FREEBIND` (ipv6(7), Linux 4.15): the IPv6 option of its own
/// for what [`set_freebind`] does; bind(2) accepts an address no interface has.
///
/// ```
/// use core::net::{Ipv6Addr, SocketAddrV6};
/// use rawbind::{bind, ipv6_freebind, set_ipv6_freebind, socket, Family, SocketType};
/// let sock = socket(Family::INET6, SocketType::STREAM)?;
/// set_ipv6_freebind(&sock, true)?;
/// assert!(ipv6_freebind(&sock)?);
/// bind(&sock, &SocketAddrV6::new(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 0, 0, 0))?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_ipv6_freebind(socket: impl AsSocket, on: bool) -> Result<(), Errno> {
    set_flag(socket, SOL_IPV6, IPV6_FREEBIND, on)
}

/// Whether `IPV6_FREEBIND` is on (see [`set_ipv6_freebind`]).
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET6, rawbind::SocketType::DGRAM)?;
/// assert!(!rawbind::ipv6_freebind(&sock)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn ipv6_freebind(socket: impl AsSocket) -> Result<bool, Errno> {
    flag(socket, SOL_IPV6, IPV6_FREEBIND)
}

/// Sets `IP_BIND_ADDRESS_NO_PORT` (ip(7), Linux 4.2): a bind(2) to port 0
/// fixes the address but leaves choosing the port to connect(2), so
/// outgoing connections from one address do not run out of ports early.
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::{bind, getsockname, set_bind_address_no_port, socket, Family, SocketAddress, SocketType};
/// let sock = socket(Family::INET, SocketType::STREAM)?;
/// set_bind_address_no_port(&sock, true)?;
/// bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// let SocketAddress::Inet(bound) = getsockname(&sock)? else { unreachable!() };
/// assert_eq!(bound.port(), 0); // chosen at connect(2)
/// # Ok::<(), rawbind::Error>(())
/// ```
pub fn set_bind_address_no_port(socket: impl AsSocket, on: bool) -> Result<(), Errno> {
    set_flag(socket, SOL_IP, IP_BIND_ADDRESS_NO_PORT, on)
}

/// Whether `IP_BIND_ADDRESS_NO_PORT` is on (see [`set_bind_address_no_port`]).
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET, rawbind::SocketType::STREAM)?;
/// assert!(!rawbind::bind_address_no_port(&sock)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn bind_address_no_port(socket: impl AsSocket) -> Result<bool, Errno> {
    flag(socket, SOL_IP, IP_BIND_ADDRESS_NO_PORT)
}

/// An interface name as `SO_BINDTODEVICE` holds it: at most 15 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct InterfaceName {
    bytes: [u8; IFNAMSIZ],
    len: u8,
}

impl InterfaceName {
    /// The longest name (`IFNAMSIZ` less its NUL).
    pub const MAX: usize = IFNAMSIZ - 1;

    /// The name's bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..(self.len as usize).min(Self::MAX)]
    }
}

impl fmt::Debug for InterfaceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InterfaceName(\"{}\")", self.as_bytes().escape_ascii())
    }
}

/// Why [`bind_to_device`] refused a name before the kernel saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceNameError {
    /// Longer than [`InterfaceName::MAX`] (15) bytes.
    TooLong {
        /// The name's length.
        len: usize,
    },
    /// A NUL byte inside the name, which would cut it short.
    InteriorNul {
        /// Its offset.
        position: usize,
    },
    /// The kernel refused it (`ENODEV`: no such interface; `EPERM` before
    /// Linux 5.7 without `CAP_NET_RAW`).
    Os(Errno),
}

impl fmt::Display for DeviceNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DeviceNameError::TooLong { len } => write!(
                f,
                "interface name is {len} bytes; at most {} fit (IFNAMSIZ)",
                InterfaceName::MAX
            ),
            DeviceNameError::InteriorNul { position } => {
                write!(f, "interface name has a NUL byte at offset {position}")
            }
            DeviceNameError::Os(errno) => write!(f, "SO_BINDTODEVICE: {errno:?}: {errno}"),
        }
    }
}

impl core::error::Error for DeviceNameError {}

impl From<Errno> for DeviceNameError {
    fn from(errno: Errno) -> Self {
        DeviceNameError::Os(errno)
    }
}

/// Binds the socket to one network interface by name (`SO_BINDTODEVICE`,
/// socket(7)): it then sends and receives only through that interface, and
/// sockets on different devices may share a port. An empty name removes
/// the binding.
///
/// ```
/// use rawbind::{bind_to_device, bound_device, socket, Family, SocketType};
/// let sock = socket(Family::INET, SocketType::DGRAM)?;
/// bind_to_device(&sock, b"lo")?;
/// assert_eq!(bound_device(&sock)?.as_bytes(), b"lo");
/// # Ok::<(), rawbind::DeviceNameError>(())
/// ```
pub fn bind_to_device(socket: impl AsSocket, name: &[u8]) -> Result<(), DeviceNameError> {
    if name.len() > InterfaceName::MAX {
        return Err(DeviceNameError::TooLong { len: name.len() });
    }
    if let Some(position) = name.iter().position(|&b| b == 0) {
        return Err(DeviceNameError::InteriorNul { position });
    }
    let mut value = [0; IFNAMSIZ];
    value[..name.len()].copy_from_slice(name);
    sys::setsockopt(
        socket.as_socket(),
        sockopt::SOL_SOCKET,
        sockopt::SO_BINDTODEVICE,
        &value[..=name.len()],
    )
    .map_err(DeviceNameError::Os)
}

/// The interface the socket is bound to (see [`bind_to_device`]); empty if none.
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET, rawbind::SocketType::DGRAM)?;
/// assert_eq!(rawbind::bound_device(&sock)?.as_bytes(), b"");
/// # Ok::<(), rawbind::DeviceNameError>(())
/// ```
pub fn bound_device(socket: impl AsSocket) -> Result<InterfaceName, DeviceNameError> {
    let mut bytes = [0; IFNAMSIZ];
    let len = sys::getsockopt(
        socket.as_socket(),
        sockopt::SOL_SOCKET,
        sockopt::SO_BINDTODEVICE,
        &mut bytes,
    )
    .map_err(DeviceNameError::Os)?;
    let len = bytes[..len.min(InterfaceName::MAX)]
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(len.min(InterfaceName::MAX));
    Ok(InterfaceName {
        bytes,
        len: len as u8,
    })
}

/// The process at the other end of a connected Unix socket, as the kernel
/// recorded it at connect(2) or socketpair(2) (`SO_PEERCRED`, unix(7)).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Credentials {
    /// Its process id.
    pub pid: u32,
    /// Its effective user id.
    pub uid: u32,
    /// Its effective group id.
    pub gid: u32,
}

/// Who the peer of a Unix socket is (`SO_PEERCRED`; the option's number
/// differs on powerpc and mips, which the arch files know).
///
/// ```
/// use rawbind::{peer_credentials, socketpair, Family, SocketType};
/// let (a, _b) = socketpair(Family::UNIX, SocketType::STREAM)?;
/// assert_eq!(peer_credentials(&a)?.pid, std::process::id()); // this process
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn peer_credentials(socket: impl AsSocket) -> Result<Credentials, Errno> {
    let mut ucred = [0u8; 12];
    sys::getsockopt(
        socket.as_socket(),
        sockopt::SOL_SOCKET,
        sockopt::SO_PEERCRED,
        &mut ucred,
    )?;
    let word =
        |at: usize| u32::from_ne_bytes([ucred[at], ucred[at + 1], ucred[at + 2], ucred[at + 3]]);
    Ok(Credentials {
        pid: word(0),
        uid: word(4),
        gid: word(8),
    })
}

/// The socket's type, as the kernel reports it (`SO_TYPE`); `ENOTSOCK` for
/// a descriptor that is not a socket.
///
/// ```
/// use rawbind::{socket, socket_type, Family, SocketType};
/// let sock = socket(Family::UNIX, SocketType::SEQPACKET)?;
/// assert_eq!(socket_type(&sock)?, SocketType::SEQPACKET);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn socket_type(socket: impl AsSocket) -> Result<SocketType, Errno> {
    int_option(socket, sockopt::SOL_SOCKET, sockopt::SO_TYPE)
        .map(|t| SocketType::from_raw(t as u32))
}

/// The socket's address family, as the kernel reports it (`SO_DOMAIN`).
///
/// ```
/// use rawbind::{socket, socket_family, Family, SocketType};
/// let sock = socket(Family::INET6, SocketType::DGRAM)?;
/// assert_eq!(socket_family(&sock)?, Family::INET6);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn socket_family(socket: impl AsSocket) -> Result<Family, Errno> {
    int_option(socket, sockopt::SOL_SOCKET, sockopt::SO_DOMAIN).map(|f| Family::from_raw(f as u16))
}

/// Sets any option whose value is an `int` (setsockopt(2)), by level and
/// name as the kernel numbers them: for the options rawbind does not model.
/// Mind that `SOL_SOCKET` and its options differ on mips (and some on
/// powerpc); `IPPROTO_*` levels are the same everywhere.
///
/// ```
/// use rawbind::{int_option, set_int_option, socket, Family, SocketType};
/// const IPPROTO_TCP: u32 = 6;
/// const TCP_NODELAY: u32 = 1;
/// let sock = socket(Family::INET, SocketType::STREAM)?;
/// set_int_option(&sock, IPPROTO_TCP, TCP_NODELAY, 1)?;
/// assert_eq!(int_option(&sock, IPPROTO_TCP, TCP_NODELAY)?, 1);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_int_option(
    socket: impl AsSocket,
    level: u32,
    name: u32,
    value: i32,
) -> Result<(), Errno> {
    sys::setsockopt(socket.as_socket(), level, name, &value.to_ne_bytes())
}

/// Reads any option whose value is an `int` (getsockopt(2)); see [`set_int_option`].
///
/// ```
/// use rawbind::{int_option, socket, Family, SocketType};
/// const IPPROTO_IP: u32 = 0;
/// const IP_TTL: u32 = 2;
/// let sock = socket(Family::INET, SocketType::DGRAM)?;
/// assert!(int_option(&sock, IPPROTO_IP, IP_TTL)? > 0);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn int_option(socket: impl AsSocket, level: u32, name: u32) -> Result<i32, Errno> {
    let mut value = [0; size_of::<i32>()];
    sys::getsockopt(socket.as_socket(), level, name, &mut value)?;
    Ok(i32::from_ne_bytes(value))
}

/// Sets a boolean (`int`) option.
fn set_flag(socket: impl AsSocket, level: u32, name: u32, on: bool) -> Result<(), Errno> {
    sys::setsockopt(
        socket.as_socket(),
        level,
        name,
        &i32::from(on).to_ne_bytes(),
    )
}

/// Reads a boolean (`int`) option.
fn flag(socket: impl AsSocket, level: u32, name: u32) -> Result<bool, Errno> {
    int_option(socket, level, name).map(|value| value != 0)
}
