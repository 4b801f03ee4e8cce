//! Socket options (setsockopt(2), getsockopt(2)): the ones bind(2) depends on.

use crate::{arch::sockopt, sys, AsSocket, Errno};

/// `SOL_IP` and `IP_FREEBIND` (ip(7)): the same on every architecture,
/// unlike the `SOL_SOCKET` ones in the arch files. IPv6 sockets take it too.
const SOL_IP: u32 = 0;
const IP_FREEBIND: u32 = 15;

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
    let mut value = [0; size_of::<i32>()];
    sys::getsockopt(socket.as_socket(), level, name, &mut value)?;
    Ok(i32::from_ne_bytes(value) != 0)
}
