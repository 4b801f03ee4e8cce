//! The safe calls that make, name and connect sockets: socket(2),
//! socketpair(2), bind(2), getsockname(2), getpeername(2), listen(2),
//! connect(2), accept4(2) and shutdown(2).

use core::fmt;

use crate::addr::{RawSocketAddr, SocketAddress, ToSocketAddr};
use crate::{arch, sys, AsSocket, Errno, Error, OwnedSocket};

/// An address family (`AF_*`; the same numbers on every Linux architecture).
///
/// ```
/// assert_eq!(rawbind::Family::INET6.raw(), 10);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Family(pub(crate) u16);

impl Family {
    /// `AF_UNIX`: local sockets, see unix(7).
    pub const UNIX: Family = Family(1);
    /// `AF_INET`: IPv4, see ip(7).
    pub const INET: Family = Family(2);
    /// `AF_INET6`: IPv6, see ipv6(7).
    pub const INET6: Family = Family(10);
    /// `AF_NETLINK`: messages to and from the kernel, see netlink(7).
    pub const NETLINK: Family = Family(16);
    /// `AF_PACKET`: link-layer frames, see packet(7).
    pub const PACKET: Family = Family(17);
    /// `AF_VSOCK`: between virtual machines and their host, see vsock(7).
    pub const VSOCK: Family = Family(40);

    /// The `AF_*` number.
    #[must_use]
    pub const fn raw(self) -> u16 {
        self.0
    }

    /// Any `AF_*` number, including those rawbind has no name for (the
    /// kernel decides whether it supports it).
    ///
    /// ```
    /// use rawbind::Family;
    /// assert_eq!(Family::from_raw(10), Family::INET6);
    /// assert_eq!(Family::from_raw(44).to_string(), "44"); // AF_XDP, unnamed here
    /// ```
    #[must_use]
    pub const fn from_raw(raw: u16) -> Family {
        Family(raw)
    }
}

impl fmt::Display for Family {
    /// `AF_INET`, or the number where rawbind has no name for it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Family::UNIX => f.write_str("AF_UNIX"),
            Family::INET => f.write_str("AF_INET"),
            Family::INET6 => f.write_str("AF_INET6"),
            Family::NETLINK => f.write_str("AF_NETLINK"),
            Family::PACKET => f.write_str("AF_PACKET"),
            Family::VSOCK => f.write_str("AF_VSOCK"),
            Family(other) => crate::addr::decimal(f, other.into()),
        }
    }
}

/// A socket type (`SOCK_*`; the numbers come from the arch file, since they
/// are not the same on every architecture).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct SocketType(u32);

impl SocketType {
    /// `SOCK_STREAM`: TCP for IP families, a connected byte stream for Unix.
    pub const STREAM: SocketType = SocketType(arch::sock::STREAM);
    /// `SOCK_DGRAM`: UDP for IP families, datagrams for Unix.
    pub const DGRAM: SocketType = SocketType(arch::sock::DGRAM);
    /// `SOCK_RAW`: whole packets or frames (packet(7), raw(7)); netlink(7) sockets.
    pub const RAW: SocketType = SocketType(arch::sock::RAW);
    /// `SOCK_SEQPACKET`: connected, reliable, message boundaries kept (Unix;
    /// SCTP).
    pub const SEQPACKET: SocketType = SocketType(arch::sock::SEQPACKET);

    /// The `SOCK_*` number, with `SOCK_NONBLOCK` if [`nonblocking`](Self::nonblocking) set it.
    #[must_use]
    pub const fn raw(self) -> u32 {
        self.0
    }

    /// Any `SOCK_*` number, as the kernel reports it (`SO_TYPE`) or as a
    /// caller has it; the kernel decides whether it exists.
    ///
    /// ```
    /// use rawbind::SocketType;
    /// assert_eq!(SocketType::from_raw(SocketType::DGRAM.raw()), SocketType::DGRAM);
    /// ```
    #[must_use]
    pub const fn from_raw(raw: u32) -> SocketType {
        SocketType(raw)
    }

    /// The same type created non-blocking (`SOCK_NONBLOCK`, which is 0x80
    /// on mips and 0o4000 elsewhere): calls that would wait answer `EAGAIN`.
    ///
    /// ```
    /// use rawbind::{nonblocking, socket, Family, SocketType};
    /// let sock = socket(Family::INET, SocketType::STREAM.nonblocking())?;
    /// assert!(nonblocking(&sock)?);
    /// # Ok::<(), rawbind::Errno>(())
    /// ```
    #[must_use]
    pub const fn nonblocking(self) -> SocketType {
        SocketType(self.0 | arch::sock::NONBLOCK)
    }
}

/// Which directions [`shutdown`] closes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Shutdown {
    /// `SHUT_RD`: no more receiving.
    Read,
    /// `SHUT_WR`: no more sending; the peer reads end of file.
    Write,
    /// `SHUT_RDWR`: both.
    Both,
}

/// Creates a socket (socket(2)) with the default protocol, close-on-exec
/// (`SOCK_CLOEXEC`) so that it never leaks into programs this one executes.
///
/// ```
/// use rawbind::{socket, Family, SocketType};
/// let udp = socket(Family::INET6, SocketType::DGRAM)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[inline]
pub fn socket(family: Family, kind: SocketType) -> Result<OwnedSocket, Errno> {
    socket_with_protocol(family, kind, 0)
}

/// Creates a socket (socket(2)) with an explicit `protocol`, close-on-exec:
/// the netlink(7) family (`NETLINK_ROUTE` is 0) or, for packet(7), the
/// ethertype in network byte order.
///
/// ```
/// use rawbind::{socket_with_protocol, Family, SocketType};
/// const NETLINK_ROUTE: i32 = 0;
/// let route = socket_with_protocol(Family::NETLINK, SocketType::RAW, NETLINK_ROUTE)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[inline]
pub fn socket_with_protocol(
    family: Family,
    kind: SocketType,
    protocol: i32,
) -> Result<OwnedSocket, Errno> {
    sys::socket(family.0, kind.0 | arch::sock::CLOEXEC, protocol)
}

/// Binds `socket` to `addr` (bind(2)). The address is encoded with the exact
/// length its family needs; the kernel's refusal comes back as its [`Errno`].
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::{bind, socket, Errno, Family, SocketType};
/// let sock = socket(Family::INET, SocketType::STREAM)?;
/// bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// // A socket binds once.
/// assert_eq!(bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)), Err(Errno::EINVAL));
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[inline]
pub fn bind(socket: impl AsSocket, addr: &impl ToSocketAddr) -> Result<(), Errno> {
    addr.with_sockaddr(|addr| sys::with_address(sys::BIND, socket.as_socket(), addr))
}

/// The address `socket` is bound to (getsockname(2)), decoded. An unbound
/// Unix socket reports [`UnixAddr::new_unnamed`](crate::UnixAddr::new_unnamed);
/// after an unnamed bind, the abstract name the kernel chose.
///
/// ```
/// use rawbind::{bind, getsockname, socket, Family, SocketAddress, SocketType, UnixAddr};
/// let sock = socket(Family::UNIX, SocketType::STREAM)?;
/// bind(&sock, &UnixAddr::new_unnamed())?;
/// let SocketAddress::Unix(name) = getsockname(&sock)? else { unreachable!() };
/// assert_eq!(name.abstract_name().map(<[u8]>::len), Some(5)); // five hex digits
/// # Ok::<(), rawbind::Error>(())
/// ```
pub fn getsockname(socket: impl AsSocket) -> Result<SocketAddress, Error> {
    // Not through `getsockname_raw`: its `Result` would move the 132 bytes once more.
    let mut raw = RawSocketAddr::buffer();
    let (bytes, len) = raw.kernel_out();
    sys::address_out(sys::GETSOCKNAME, socket.as_socket(), bytes, len, 0)?;
    Ok(raw.decode()?)
}

/// The address `socket` is bound to (getsockname(2)), as the kernel wrote it:
/// its bytes and the length it reported, which for a 108-byte Unix path is
/// 111, past the bytes it could store.
///
/// ```
/// use rawbind::{getsockname_raw, socket, Family, SocketType};
/// let unbound = socket(Family::UNIX, SocketType::STREAM)?;
/// assert_eq!(getsockname_raw(&unbound)?.len(), 2); // the family alone: unnamed
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn getsockname_raw(socket: impl AsSocket) -> Result<RawSocketAddr, Errno> {
    // The kernel fills the `Result` that is returned, so the 132 bytes are
    // not copied into it afterwards.
    let mut answer = Ok(RawSocketAddr::buffer());
    if let Ok(raw) = &mut answer {
        let (bytes, len) = raw.kernel_out();
        if let Err(errno) = sys::address_out(sys::GETSOCKNAME, socket.as_socket(), bytes, len, 0) {
            answer = Err(errno);
        }
    }
    answer
}

/// Marks a bound stream socket as accepting connections (listen(2)), with
/// room for `backlog` pending ones (the kernel caps it at
/// `net.core.somaxconn`).
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::{bind, listen, socket, Family, SocketType};
/// let server = socket(Family::INET, SocketType::STREAM)?;
/// bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// listen(&server, 16)?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[inline]
pub fn listen(socket: impl AsSocket, backlog: i32) -> Result<(), Errno> {
    sys::listen(socket.as_socket(), backlog)
}

/// Connects `socket` to `addr` (connect(2)), encoded as [`bind`] encodes it.
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::{bind, connect, getsockname, listen, socket, Family, SocketAddress, SocketType};
/// let server = socket(Family::INET, SocketType::STREAM)?;
/// bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// listen(&server, 1)?;
/// let SocketAddress::Inet(at) = getsockname(&server)? else { unreachable!() };
/// let client = socket(Family::INET, SocketType::STREAM)?;
/// connect(&client, &at)?;
/// # Ok::<(), rawbind::Error>(())
/// ```
#[inline]
pub fn connect(socket: impl AsSocket, addr: &impl ToSocketAddr) -> Result<(), Errno> {
    addr.with_sockaddr(|addr| sys::with_address(sys::CONNECT, socket.as_socket(), addr))
}

/// Takes the next connection from a listening socket (accept4(2), always
/// `SOCK_CLOEXEC`): the new socket and the peer's address as the kernel
/// reported it, undecoded, so that a family rawbind cannot decode loses
/// nothing (call [`RawSocketAddr::decode`]).
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use rawbind::{accept, bind, connect, getsockname, listen, socket};
/// use rawbind::{Family, SocketAddress, SocketType};
/// let server = socket(Family::INET, SocketType::STREAM)?;
/// bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// listen(&server, 1)?;
/// let SocketAddress::Inet(at) = getsockname(&server)? else { unreachable!() };
/// let client = socket(Family::INET, SocketType::STREAM)?;
/// connect(&client, &at)?;
/// let (_conn, peer) = accept(&server)?;
/// assert_eq!(peer.decode()?, getsockname(&client)?);
/// # Ok::<(), rawbind::Error>(())
/// ```
pub fn accept(socket: impl AsSocket) -> Result<(OwnedSocket, RawSocketAddr), Errno> {
    let mut peer = RawSocketAddr::buffer();
    let (bytes, len) = peer.kernel_out();
    let new = sys::accept(socket.as_socket(), bytes, len, arch::sock::CLOEXEC)?;
    Ok((new, peer))
}

/// The address of the peer `socket` is connected to (getpeername(2)),
/// decoded; `ENOTCONN` for a socket that is not connected.
///
/// ```
/// use rawbind::{getpeername, getsockname, socketpair, Family, SocketType};
/// let (a, b) = socketpair(Family::UNIX, SocketType::STREAM)?;
/// assert_eq!(getpeername(&a)?, getsockname(&b)?); // both unnamed
/// # Ok::<(), rawbind::Error>(())
/// ```
pub fn getpeername(socket: impl AsSocket) -> Result<SocketAddress, Error> {
    Ok(getpeername_raw(socket)?.decode()?)
}

/// The peer's address (getpeername(2)) as the kernel wrote it: bytes and length.
///
/// ```
/// use rawbind::{getpeername_raw, socket, Errno, Family, SocketType};
/// let alone = socket(Family::INET, SocketType::STREAM)?;
/// assert_eq!(getpeername_raw(&alone).unwrap_err(), Errno::ENOTCONN);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn getpeername_raw(socket: impl AsSocket) -> Result<RawSocketAddr, Errno> {
    let mut raw = RawSocketAddr::buffer();
    let (bytes, len) = raw.kernel_out();
    sys::address_out(sys::GETPEERNAME, socket.as_socket(), bytes, len, 0)?;
    Ok(raw)
}

/// A connected pair of sockets (socketpair(2)), both close-on-exec: Unix
/// only on Linux (`AF_UNIX` with stream, datagram or seqpacket).
///
/// ```
/// use rawbind::{recv, send, socketpair, Family, MsgFlags, SocketType};
/// let (a, b) = socketpair(Family::UNIX, SocketType::SEQPACKET)?;
/// send(&a, b"one message", MsgFlags::NONE)?;
/// let mut buf = [0; 32];
/// assert_eq!(recv(&b, &mut buf, MsgFlags::NONE)?, 11);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn socketpair(family: Family, kind: SocketType) -> Result<(OwnedSocket, OwnedSocket), Errno> {
    sys::socketpair(family.0, kind.0 | arch::sock::CLOEXEC, 0)
}

/// Closes one or both directions of a connection (shutdown(2)); the
/// descriptor stays open.
///
/// ```
/// use rawbind::{recv, shutdown, socketpair, Family, MsgFlags, Shutdown, SocketType};
/// let (a, b) = socketpair(Family::UNIX, SocketType::STREAM)?;
/// shutdown(&a, Shutdown::Write)?;
/// assert_eq!(recv(&b, &mut [0; 8], MsgFlags::NONE)?, 0); // end of file
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn shutdown(socket: impl AsSocket, how: Shutdown) -> Result<(), Errno> {
    let how = match how {
        Shutdown::Read => 0,
        Shutdown::Write => 1,
        Shutdown::Both => 2,
    };
    sys::shutdown(socket.as_socket(), how)
}
