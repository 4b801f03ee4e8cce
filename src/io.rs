//! The calls after bind that move data: send and receive with flags, a
//! whole-buffer send, non-blocking mode, and descriptors passed over Unix
//! sockets (`SCM_RIGHTS`, see unix(7)).

use core::ops::BitOr;

use crate::{arch, sys, AsSocket, BorrowedSocket, Errno, OwnedDescriptor};

/// `MSG_*` flags for [`send`] and [`recv`] (the same numbers on every
/// Linux architecture).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct MsgFlags(u32);

impl MsgFlags {
    /// No flags.
    pub const NONE: MsgFlags = MsgFlags(0);
    /// `MSG_PEEK`: receive without taking the data from the queue.
    pub const PEEK: MsgFlags = MsgFlags(0x2);
    /// `MSG_DONTWAIT`: this call only is non-blocking (`EAGAIN`).
    pub const DONTWAIT: MsgFlags = MsgFlags(0x40);
    /// `MSG_WAITALL`: a stream receive waits for the whole buffer.
    pub const WAITALL: MsgFlags = MsgFlags(0x100);
    /// `MSG_NOSIGNAL`: a send to a closed peer answers `EPIPE`, no SIGPIPE.
    pub const NOSIGNAL: MsgFlags = MsgFlags(0x4000);

    /// The flag bits.
    #[must_use]
    pub const fn raw(self) -> u32 {
        self.0
    }
}

impl BitOr for MsgFlags {
    type Output = MsgFlags;

    fn bitor(self, other: MsgFlags) -> MsgFlags {
        MsgFlags(self.0 | other.0)
    }
}

/// `MSG_CTRUNC`: the kernel had more ancillary data than room for it.
const MSG_CTRUNC: u32 = 0x8;
/// `MSG_CMSG_CLOEXEC`: received descriptors are close-on-exec.
const MSG_CMSG_CLOEXEC: u32 = 0x4000_0000;
/// `SCM_RIGHTS`, the ancillary message that carries descriptors.
const SCM_RIGHTS: i32 = 1;

/// Sends what it can of `bytes` (send(2), as sendmsg(2)); the number of
/// bytes taken, which a stream socket may make fewer than asked.
///
/// ```
/// use rawbind::{recv, send, socketpair, Family, MsgFlags, SocketType};
/// let (a, b) = socketpair(Family::UNIX, SocketType::STREAM)?;
/// assert_eq!(send(&a, b"hello", MsgFlags::NOSIGNAL)?, 5);
/// let mut buf = [0; 8];
/// assert_eq!(recv(&b, &mut buf, MsgFlags::NONE)?, 5);
/// assert_eq!(&buf[..5], b"hello");
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn send(socket: impl AsSocket, bytes: &[u8], flags: MsgFlags) -> Result<usize, Errno> {
    sys::sendmsg(socket.as_socket(), bytes, &[], flags.0)
}

/// Sends all of `bytes`, as many send(2) calls as it takes: a short send
/// continues with the rest, and `EINTR` (a signal handler ran) is retried.
/// Any other error ends it; on a non-blocking socket that includes `EAGAIN`,
/// after which the caller does not know how much went.
///
/// ```
/// use rawbind::{recv, send_all, socketpair, Family, MsgFlags, SocketType};
/// let (a, b) = socketpair(Family::UNIX, SocketType::STREAM)?;
/// send_all(&a, &[7; 1000], MsgFlags::NOSIGNAL)?;
/// let mut buf = [0; 1000];
/// assert_eq!(recv(&b, &mut buf, MsgFlags::WAITALL)?, 1000);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn send_all(socket: impl AsSocket, bytes: &[u8], flags: MsgFlags) -> Result<(), Errno> {
    let socket = socket.as_socket();
    let mut rest = bytes;
    while !rest.is_empty() {
        match sys::sendmsg(socket, rest, &[], flags.0) {
            Ok(sent) => rest = rest.get(sent..).unwrap_or_default(),
            Err(Errno::EINTR) => {}
            Err(errno) => return Err(errno),
        }
    }
    Ok(())
}

/// Receives into `buf` (recv(2), as recvmsg(2)): the number of bytes, 0 at
/// the end of a stream.
///
/// ```
/// use rawbind::{recv, send, socketpair, Family, MsgFlags, SocketType};
/// let (a, b) = socketpair(Family::UNIX, SocketType::DGRAM)?;
/// send(&a, b"ping", MsgFlags::NONE)?;
/// let mut buf = [0; 16];
/// assert_eq!(recv(&b, &mut buf, MsgFlags::PEEK)?, 4); // still queued
/// assert_eq!(recv(&b, &mut buf, MsgFlags::NONE)?, 4);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn recv(socket: impl AsSocket, buf: &mut [u8], flags: MsgFlags) -> Result<usize, Errno> {
    sys::recvmsg(socket.as_socket(), buf, &mut [], flags.0).map(|(got, _, _)| got)
}

/// Turns non-blocking mode on or off (`O_NONBLOCK` with fcntl(2)).
///
/// ```
/// use rawbind::{nonblocking, recv, set_nonblocking, socketpair, Errno, Family, MsgFlags, SocketType};
/// let (a, _b) = socketpair(Family::UNIX, SocketType::STREAM)?;
/// set_nonblocking(&a, true)?;
/// assert!(nonblocking(&a)?);
/// assert_eq!(recv(&a, &mut [0; 4], MsgFlags::NONE), Err(Errno::EAGAIN));
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn set_nonblocking(socket: impl AsSocket, on: bool) -> Result<(), Errno> {
    let fd = socket.as_socket().as_raw_fd();
    let flags = sys::fcntl(fd, sys::F_GETFL, 0)?;
    let nonblock = arch::sock::NONBLOCK as usize;
    let flags = if on {
        flags | nonblock
    } else {
        flags & !nonblock
    };
    sys::fcntl(fd, sys::F_SETFL, flags).map(drop)
}

/// Whether `O_NONBLOCK` is set (see [`set_nonblocking`]).
///
/// ```
/// let sock = rawbind::socket(rawbind::Family::INET, rawbind::SocketType::DGRAM)?;
/// assert!(!rawbind::nonblocking(&sock)?);
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn nonblocking(socket: impl AsSocket) -> Result<bool, Errno> {
    let flags = sys::fcntl(socket.as_socket().as_raw_fd(), sys::F_GETFL, 0)?;
    Ok(flags & arch::sock::NONBLOCK as usize != 0)
}

/// The most descriptors one message carries (`SCM_MAX_FD`).
pub const MAX_FDS_PER_MESSAGE: usize = 253;

const WORD: usize = size_of::<usize>();
/// `CMSG_ALIGN`.
const fn cmsg_align(len: usize) -> usize {
    (len + WORD - 1) & !(WORD - 1)
}
/// `sizeof(struct cmsghdr)`, aligned: a `size_t` length, then level and type.
const CMSG_HEADER: usize = cmsg_align(WORD + 8);
/// Room for one `SCM_RIGHTS` message of the most descriptors.
const CONTROL_MAX: usize = CMSG_HEADER + cmsg_align(4 * MAX_FDS_PER_MESSAGE);

/// Sends `bytes` with the descriptors `fds` attached (sendmsg(2) with
/// `SCM_RIGHTS`): the receiver gets its own descriptors for the same open
/// sockets. At least one byte goes with them (a stream needs data to carry
/// them). More than [`MAX_FDS_PER_MESSAGE`] descriptors are refused with
/// `EINVAL`, as the kernel refuses them.
///
/// ```
/// use rawbind::{recv_with_fds, send_with_fds, socket, socketpair, AsSocket, Family, MsgFlags, SocketType};
/// let (a, b) = socketpair(Family::UNIX, SocketType::STREAM)?;
/// let listener = socket(Family::INET, SocketType::STREAM)?;
/// send_with_fds(&a, b"x", &[listener.as_socket()], MsgFlags::NOSIGNAL)?;
/// let (mut buf, mut fds) = ([0; 4], [None]);
/// let got = recv_with_fds(&b, &mut buf, &mut fds)?;
/// assert_eq!((got.bytes, got.fds, got.truncated), (1, 1, false));
/// let passed = fds[0].take().unwrap().into_socket().unwrap();
/// assert_ne!(passed.as_raw_fd(), listener.as_raw_fd()); // a new descriptor, same socket
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn send_with_fds(
    socket: impl AsSocket,
    bytes: &[u8],
    fds: &[BorrowedSocket<'_>],
    flags: MsgFlags,
) -> Result<usize, Errno> {
    if fds.len() > MAX_FDS_PER_MESSAGE {
        return Err(Errno::EINVAL);
    }
    let mut control = [0u8; CONTROL_MAX];
    let len = CMSG_HEADER + 4 * fds.len();
    control[..WORD].copy_from_slice(&len.to_ne_bytes());
    control[WORD..WORD + 4].copy_from_slice(&(arch::sockopt::SOL_SOCKET as i32).to_ne_bytes());
    control[WORD + 4..WORD + 8].copy_from_slice(&SCM_RIGHTS.to_ne_bytes());
    for (slot, fd) in control[CMSG_HEADER..len].chunks_exact_mut(4).zip(fds) {
        slot.copy_from_slice(&fd.as_raw_fd().to_ne_bytes());
    }
    let control = if fds.is_empty() {
        &control[..0]
    } else {
        &control[..CMSG_HEADER + cmsg_align(4 * fds.len())]
    };
    sys::sendmsg(socket.as_socket(), bytes, control, flags.0)
}

/// What [`recv_with_fds`] received.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Received {
    /// Bytes written into the buffer.
    pub bytes: usize,
    /// Descriptors stored in the slots, from the first.
    pub fds: usize,
    /// The sender attached more descriptors than there were slots (the
    /// kernel closed the rest: `MSG_CTRUNC`).
    pub truncated: bool,
}

/// Receives into `buf` and takes the descriptors that came with the data
/// (recvmsg(2), `SCM_RIGHTS`), each close-on-exec (`MSG_CMSG_CLOEXEC`) and
/// owned by the slot it lands in, at most `fds.len()` of them (and at most
/// [`MAX_FDS_PER_MESSAGE`]); see [`send_with_fds`].
pub fn recv_with_fds(
    socket: impl AsSocket,
    buf: &mut [u8],
    fds: &mut [Option<OwnedDescriptor>],
) -> Result<Received, Errno> {
    let slots = fds.len().min(MAX_FDS_PER_MESSAGE);
    let mut control = [0u8; CONTROL_MAX];
    let room = if slots == 0 {
        0
    } else {
        CMSG_HEADER + cmsg_align(4 * slots)
    };
    let (bytes, control_len, msg_flags) = sys::recvmsg(
        socket.as_socket(),
        buf,
        &mut control[..room],
        MSG_CMSG_CLOEXEC,
    )?;
    let mut received = Received {
        bytes,
        fds: 0,
        truncated: msg_flags & MSG_CTRUNC != 0,
    };
    let mut at = 0;
    let control = &control[..control_len];
    while let Some(header) = control.get(at..at + CMSG_HEADER) {
        let mut word = [0; WORD];
        word.copy_from_slice(&header[..WORD]);
        let len = usize::from_ne_bytes(word);
        let level = i32::from_ne_bytes([
            header[WORD],
            header[WORD + 1],
            header[WORD + 2],
            header[WORD + 3],
        ]);
        let kind = i32::from_ne_bytes([
            header[WORD + 4],
            header[WORD + 5],
            header[WORD + 6],
            header[WORD + 7],
        ]);
        let Some(data) = control.get(at + CMSG_HEADER..at + len.max(CMSG_HEADER)) else {
            break;
        };
        if level == arch::sockopt::SOL_SOCKET as i32 && kind == SCM_RIGHTS {
            for fd in data.chunks_exact(4) {
                let fd = i32::from_ne_bytes([fd[0], fd[1], fd[2], fd[3]]);
                let owned = OwnedDescriptor::received(fd);
                match fds.get_mut(received.fds) {
                    Some(slot) => {
                        *slot = Some(owned);
                        received.fds += 1;
                    }
                    // No slot (cannot happen: the room was sized to the
                    // slots); dropping it closes it rather than leak it.
                    None => received.truncated = true,
                }
            }
        }
        at += cmsg_align(len.max(CMSG_HEADER));
    }
    Ok(received)
}
