//! Conversions with std's types (feature `std`): descriptors both ways,
//! Unix addresses both ways. (`core::net` addresses need no feature: they
//! are std's `std::net` addresses.)

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::os::linux::net::SocketAddrExt;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::net;

use crate::{AsSocket, BorrowedSocket, OwnedSocket, UnixAddr};

/// The descriptor, as std owns descriptors; e.g. to make a
/// `std::net::TcpListener` of a socket rawbind bound.
///
/// ```
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// use std::os::fd::OwnedFd;
/// use rawbind::{bind, listen, socket, Family, SocketType};
/// let sock = socket(Family::INET, SocketType::STREAM)?;
/// bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
/// listen(&sock, 8)?;
/// let listener = std::net::TcpListener::from(OwnedFd::from(sock));
/// assert_eq!(listener.local_addr()?.ip(), Ipv4Addr::LOCALHOST);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl From<OwnedSocket> for OwnedFd {
    fn from(sock: OwnedSocket) -> OwnedFd {
        // SAFETY: `into_raw_fd` hands over an open descriptor nothing else owns.
        unsafe { OwnedFd::from_raw_fd(sock.into_raw_fd()) }
    }
}

/// Takes over a descriptor std owns. It is not checked to be a socket: a
/// call on anything else answers `ENOTSOCK`.
///
/// ```
/// use std::os::fd::OwnedFd;
/// let std_socket = std::net::UdpSocket::bind("127.0.0.1:0")?;
/// let sock = rawbind::OwnedSocket::from(OwnedFd::from(std_socket));
/// assert!(rawbind::getsockname(&sock).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl From<OwnedFd> for OwnedSocket {
    fn from(fd: OwnedFd) -> OwnedSocket {
        // SAFETY: `OwnedFd` owned this open descriptor and gives it up.
        unsafe { OwnedSocket::from_raw_fd(fd.into_raw_fd()) }
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl AsFd for OwnedSocket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        // SAFETY: `self` keeps the descriptor open for the borrow.
        unsafe { BorrowedFd::borrow_raw(self.as_raw_fd()) }
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl AsFd for BorrowedSocket<'_> {
    fn as_fd(&self) -> BorrowedFd<'_> {
        // SAFETY: the descriptor stays open for the borrowed socket's lifetime.
        unsafe { BorrowedFd::borrow_raw(self.as_raw_fd()) }
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl AsRawFd for OwnedSocket {
    fn as_raw_fd(&self) -> RawFd {
        OwnedSocket::as_raw_fd(self)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl AsRawFd for BorrowedSocket<'_> {
    fn as_raw_fd(&self) -> RawFd {
        BorrowedSocket::as_raw_fd(self)
    }
}

/// Any descriptor std lends (`listener.as_fd()`) is one rawbind can use.
///
/// ```
/// use std::os::fd::AsFd;
/// let std_socket = std::net::TcpListener::bind("127.0.0.1:0")?;
/// let addr = rawbind::getsockname(std_socket.as_fd())?;
/// assert_eq!(addr.to_string(), std_socket.local_addr()?.to_string());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl AsSocket for BorrowedFd<'_> {
    fn as_socket(&self) -> BorrowedSocket<'_> {
        // SAFETY: `self` keeps the descriptor open for the borrow.
        unsafe { BorrowedSocket::borrow_raw(self.as_raw_fd()) }
    }
}

/// std's Unix address as rawbind's: path, abstract name or unnamed.
///
/// ```
/// use std::os::unix::net::UnixListener;
/// let dir = std::env::temp_dir().join(format!("rawbind-doc-{}", std::process::id()));
/// let listener = UnixListener::bind(&dir)?;
/// let addr = rawbind::UnixAddr::from(&listener.local_addr()?);
/// assert_eq!(addr.path(), Some(dir.as_os_str().as_encoded_bytes()));
/// std::fs::remove_file(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl From<&net::SocketAddr> for UnixAddr {
    fn from(addr: &net::SocketAddr) -> UnixAddr {
        // std's value came from the kernel, so it fits: the fallbacks never apply.
        if let Some(path) = addr.as_pathname() {
            UnixAddr::new_path(path.as_os_str().as_bytes()).unwrap_or(UnixAddr::new_unnamed())
        } else if let Some(name) = addr.as_abstract_name() {
            UnixAddr::new_abstract(name).unwrap_or(UnixAddr::new_unnamed())
        } else {
            UnixAddr::new_unnamed()
        }
    }
}

/// rawbind's Unix address as std's, where std can hold it: std has no
/// unnamed form, and it cannot hold a path of the full 108 bytes (it wants
/// room for a NUL after the path), which the kernel and rawbind accept. Both
/// are `InvalidInput`.
///
/// ```
/// use std::os::unix::net::SocketAddr;
/// let addr = SocketAddr::try_from(rawbind::UnixAddr::new_abstract("demo")?)?;
/// use std::os::linux::net::SocketAddrExt;
/// assert_eq!(addr.as_abstract_name(), Some(&b"demo"[..]));
/// assert!(SocketAddr::try_from(rawbind::UnixAddr::new_unnamed()).is_err());
/// let full = rawbind::UnixAddr::new_path([b'x'; 108])?; // rawbind binds this
/// assert!(SocketAddr::try_from(full).is_err()); // std cannot hold it
/// let almost = rawbind::UnixAddr::new_path([b'x'; 107])?;
/// assert!(SocketAddr::try_from(almost).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl TryFrom<UnixAddr> for net::SocketAddr {
    type Error = io::Error;

    fn try_from(addr: UnixAddr) -> io::Result<net::SocketAddr> {
        match (addr.path(), addr.abstract_name()) {
            (Some(path), _) => net::SocketAddr::from_pathname(std::ffi::OsStr::from_bytes(path)),
            (_, Some(name)) => net::SocketAddr::from_abstract_name(name),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "std::os::unix::net::SocketAddr has no unnamed form",
            )),
        }
    }
}
