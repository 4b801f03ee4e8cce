//! Descriptors that own or borrow, so no safe function takes a raw number:
//! sockets ([`OwnedSocket`], [`BorrowedSocket`]) and descriptors of any kind
//! received from another process ([`OwnedDescriptor`]).

use core::fmt;
use core::marker::PhantomData;

/// A socket descriptor this value owns: closed when dropped (close(2)).
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET, rawbind::SocketType::STREAM)?;
/// assert!(sock.as_raw_fd() >= 0);
/// drop(sock); // close(2)
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub struct OwnedSocket {
    fd: i32,
}

impl OwnedSocket {
    /// Takes ownership of `fd`.
    ///
    /// # Safety
    /// `fd` must be an open socket descriptor that nothing else owns or closes.
    #[must_use]
    pub const unsafe fn from_raw_fd(fd: i32) -> OwnedSocket {
        OwnedSocket { fd }
    }

    /// The descriptor number, still owned by `self`.
    #[must_use]
    pub const fn as_raw_fd(&self) -> i32 {
        self.fd
    }

    /// Gives up ownership: the caller must close the returned descriptor.
    #[must_use]
    pub fn into_raw_fd(self) -> i32 {
        let fd = self.fd;
        core::mem::forget(self);
        fd
    }
}

impl Drop for OwnedSocket {
    fn drop(&mut self) {
        // The descriptor is released even when close reports an error.
        let _ = crate::sys::close(self.fd);
    }
}

impl fmt::Debug for OwnedSocket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedSocket").field("fd", &self.fd).finish()
    }
}

/// A socket descriptor borrowed for `'fd`: valid, and not closed, while it lives.
#[derive(Clone, Copy)]
pub struct BorrowedSocket<'fd> {
    fd: i32,
    owner: PhantomData<&'fd OwnedSocket>,
}

impl BorrowedSocket<'_> {
    /// Borrows `fd` for a caller-chosen lifetime.
    ///
    /// # Safety
    /// `fd` must stay open for the whole lifetime of the result.
    #[must_use]
    pub const unsafe fn borrow_raw(fd: i32) -> Self {
        BorrowedSocket {
            fd,
            owner: PhantomData,
        }
    }

    /// The descriptor number.
    #[must_use]
    pub const fn as_raw_fd(&self) -> i32 {
        self.fd
    }
}

impl fmt::Debug for BorrowedSocket<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BorrowedSocket")
            .field("fd", &self.fd)
            .finish()
    }
}

/// Anything that can lend a socket descriptor: [`OwnedSocket`], [`BorrowedSocket`]
/// and references to them.
pub trait AsSocket {
    /// Borrows the descriptor.
    fn as_socket(&self) -> BorrowedSocket<'_>;
}

impl AsSocket for OwnedSocket {
    fn as_socket(&self) -> BorrowedSocket<'_> {
        // SAFETY: `self` owns the descriptor and outlives the borrow.
        unsafe { BorrowedSocket::borrow_raw(self.fd) }
    }
}

impl AsSocket for BorrowedSocket<'_> {
    fn as_socket(&self) -> BorrowedSocket<'_> {
        *self
    }
}

impl<T: AsSocket + ?Sized> AsSocket for &T {
    fn as_socket(&self) -> BorrowedSocket<'_> {
        (**self).as_socket()
    }
}

/// A descriptor of any kind this value owns, closed when dropped: what
/// [`recv_with_fds`](crate::recv_with_fds) hands over, since a peer may pass
/// files and pipes as well as sockets.
///
/// ```
/// use rawbind::{recv_with_fds, send_with_fds, socketpair, AsSocket, Family, MsgFlags, SocketType};
/// let (a, b) = socketpair(Family::UNIX, SocketType::DGRAM)?;
/// send_with_fds(&a, b"!", &[a.as_socket()], MsgFlags::NONE)?;
/// let mut fds = [None];
/// recv_with_fds(&b, &mut [0; 1], &mut fds)?;
/// let passed = fds[0].take().unwrap();
/// assert!(passed.as_raw_fd() > 2);
/// let socket = passed.into_socket().unwrap(); // it is one
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub struct OwnedDescriptor {
    fd: i32,
}

impl OwnedDescriptor {
    /// Takes ownership of `fd`.
    ///
    /// # Safety
    /// `fd` must be an open descriptor that nothing else owns or closes.
    #[must_use]
    pub const unsafe fn from_raw_fd(fd: i32) -> OwnedDescriptor {
        OwnedDescriptor { fd }
    }

    /// A descriptor recvmsg(2) just installed in this process from
    /// `SCM_RIGHTS`: nothing else knows its number yet, so it is ours.
    pub(crate) fn received(fd: i32) -> OwnedDescriptor {
        OwnedDescriptor { fd }
    }

    /// The descriptor number, still owned by `self`.
    #[must_use]
    pub const fn as_raw_fd(&self) -> i32 {
        self.fd
    }

    /// Gives up ownership: the caller must close the returned descriptor.
    #[must_use]
    pub fn into_raw_fd(self) -> i32 {
        let fd = self.fd;
        core::mem::forget(self);
        fd
    }

    /// The same descriptor as an [`OwnedSocket`] if it is a socket
    /// (getsockopt(2) `SO_TYPE` answers), or back unchanged if not.
    pub fn into_socket(self) -> Result<OwnedSocket, OwnedDescriptor> {
        // SAFETY: `self` owns the descriptor, open for this borrow.
        let borrowed = unsafe { BorrowedSocket::borrow_raw(self.fd) };
        match crate::socket_type(borrowed) {
            Ok(_) => Ok(OwnedSocket {
                fd: self.into_raw_fd(),
            }),
            Err(_) => Err(self),
        }
    }
}

impl Drop for OwnedDescriptor {
    fn drop(&mut self) {
        // The descriptor is released even when close reports an error.
        let _ = crate::sys::close(self.fd);
    }
}

impl fmt::Debug for OwnedDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedDescriptor")
            .field("fd", &self.fd)
            .finish()
    }
}
