//! Socket activation: the sockets systemd (or `systemd-socket-activate`)
//! opened for this program, passed as descriptors from 3 and described by
//! `LISTEN_PID`, `LISTEN_FDS` and `LISTEN_FDNAMES` (`sd_listen_fds(3)`).

use core::fmt;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::arch::nr;
use crate::{
    socket_family, socket_type, sys, BorrowedSocket, Errno, Family, OwnedSocket, SocketType,
};

/// The first passed descriptor (`SD_LISTEN_FDS_START`).
const FIRST_FD: i32 = 3;

/// Why [`listen_fds`] refused the environment. None of these hands out a
/// descriptor.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ActivationError {
    /// `LISTEN_PID` or `LISTEN_FDS` is not a decimal number (or only one of
    /// them is set); the variable's name.
    Malformed {
        /// `"LISTEN_PID"` or `"LISTEN_FDS"`.
        variable: &'static str,
    },
    /// `LISTEN_PID` names another process: the variables were meant for it
    /// (a parent that did not clear them), not for this one.
    ForeignPid {
        /// The pid the variables name.
        listen_pid: u32,
        /// This process's pid.
        ours: u32,
    },
    /// `LISTEN_FDS` counts more descriptors than a process can have.
    TooMany {
        /// The count given.
        count: u32,
    },
    /// `LISTEN_FDNAMES` has a different number of names than descriptors.
    NameCount {
        /// Names given.
        names: usize,
        /// Descriptors given.
        fds: u32,
    },
    /// A passed descriptor is not open (`EBADF`) or not a socket (`ENOTSOCK`).
    NotASocket {
        /// The descriptor.
        fd: i32,
        /// What the kernel said about it.
        errno: Errno,
    },
    /// The sockets were taken already: a second call would own them twice.
    AlreadyTaken,
}

impl fmt::Display for ActivationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ActivationError::Malformed { variable } => {
                // write_str, not `{}`: a `&str` through `{}` links core's padding.
                f.write_str(variable)?;
                f.write_str(" is not a decimal number (or is set without its partner variable)")
            }
            ActivationError::ForeignPid { listen_pid, ours } => write!(
                f,
                "LISTEN_PID is {listen_pid}, but this process is {ours}: the sockets were passed to another process"
            ),
            ActivationError::TooMany { count } => write!(f, "LISTEN_FDS is {count}: more descriptors than a process can have"),
            ActivationError::NameCount { names, fds } => {
                write!(f, "LISTEN_FDNAMES has {names} names for {fds} descriptors")
            }
            ActivationError::NotASocket { fd, errno } => {
                write!(f, "passed descriptor {fd} is not a socket: {errno:?}: {errno}")
            }
            ActivationError::AlreadyTaken => f.write_str("the passed sockets were taken already"),
        }
    }
}

impl core::error::Error for ActivationError {}

/// One passed socket: owned, close-on-exec, with what the kernel says it is
/// and the name systemd gave it (`FileDescriptorName=`, default the unit's).
#[derive(Debug)]
pub struct ListenFd {
    /// The socket.
    pub socket: OwnedSocket,
    /// Its family (`SO_DOMAIN`).
    pub family: Family,
    /// Its type (`SO_TYPE`).
    pub kind: SocketType,
    /// Its name from `LISTEN_FDNAMES`, empty when that is unset.
    pub name: &'static [u8],
}

/// `LISTEN_FDNAMES` split at its colons.
type Names = core::slice::Split<'static, u8, fn(&u8) -> bool>;

/// The passed sockets, in order from descriptor 3 (see [`listen_fds`]).
#[derive(Debug)]
pub struct ListenFds {
    next: i32,
    end: i32,
    names: Option<Names>,
}

impl ListenFds {
    /// How many sockets are left.
    #[must_use]
    pub fn len(&self) -> usize {
        (self.end - self.next) as usize
    }

    /// Whether none are left (also: the program was not socket-activated).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Iterator for ListenFds {
    type Item = ListenFd;

    fn next(&mut self) -> Option<ListenFd> {
        if self.next >= self.end {
            return None;
        }
        let fd = self.next;
        self.next += 1;
        let name = self
            .names
            .as_mut()
            .and_then(Iterator::next)
            .unwrap_or_default();
        // SAFETY: `listen_fds` checked that `fd` is an open socket passed to
        // this process, and (`TAKEN`) that no one took it before.
        let socket = unsafe { OwnedSocket::from_raw_fd(fd) };
        // Checked in `listen_fds` too: the answers cannot fail now.
        let family = socket_family(&socket).unwrap_or(Family::from_raw(0));
        let kind = socket_type(&socket).unwrap_or(SocketType::from_raw(0));
        Some(ListenFd {
            socket,
            family,
            kind,
            name,
        })
    }
}

static TAKEN: AtomicBool = AtomicBool::new(false);

/// A decimal number that fits a u32, or none.
fn decimal(text: &[u8]) -> Option<u32> {
    if text.is_empty() || text.len() > 10 {
        return None;
    }
    text.iter().try_fold(0u32, |n, &b| match b {
        b'0'..=b'9' => n.checked_mul(10)?.checked_add(u32::from(b - b'0')),
        _ => None,
    })
}

/// Takes the sockets this program was started with by socket activation:
/// `LISTEN_PID` must be this process's pid, `LISTEN_FDS` counts the
/// descriptors from 3, each must be an open socket; each is made
/// close-on-exec (so it never leaks into a program this one executes) and
/// paired with its name from `LISTEN_FDNAMES` (colon-separated). Without
/// `LISTEN_PID` and `LISTEN_FDS` the program was not activated: no sockets.
/// Anything malformed or meant for another process is an
/// [`ActivationError`], never a wrong descriptor. The sockets can be taken
/// once.
///
/// ```
/// // Not started by systemd: no sockets, no error.
/// assert_eq!(rawbind::rt::listen_fds()?.len(), 0);
/// # Ok::<(), rawbind::rt::ActivationError>(())
/// ```
pub fn listen_fds() -> Result<ListenFds, ActivationError> {
    const FD_CLOEXEC: usize = 1;
    let none = ListenFds {
        next: FIRST_FD,
        end: FIRST_FD,
        names: None,
    };
    let (pid, fds) = match (super::var(b"LISTEN_PID"), super::var(b"LISTEN_FDS")) {
        (None, None) => return Ok(none),
        (None, Some(_)) => {
            return Err(ActivationError::Malformed {
                variable: "LISTEN_PID",
            })
        }
        (Some(_), None) => {
            return Err(ActivationError::Malformed {
                variable: "LISTEN_FDS",
            })
        }
        (Some(pid), Some(fds)) => (pid, fds),
    };
    let listen_pid = decimal(pid).ok_or(ActivationError::Malformed {
        variable: "LISTEN_PID",
    })?;
    let count = decimal(fds).ok_or(ActivationError::Malformed {
        variable: "LISTEN_FDS",
    })?;
    let ours = sys::integers(nr::GETPID, []).unwrap_or(0) as u32;
    if listen_pid != ours {
        return Err(ActivationError::ForeignPid { listen_pid, ours });
    }
    let end = i32::try_from(count)
        .ok()
        .and_then(|count| count.checked_add(FIRST_FD))
        .ok_or(ActivationError::TooMany { count })?;
    let names = super::var(b"LISTEN_FDNAMES");
    if let Some(names) = names {
        let given = names.split(|&b| b == b':').count();
        if given != count as usize {
            return Err(ActivationError::NameCount {
                names: given,
                fds: count,
            });
        }
    }
    for fd in FIRST_FD..end {
        // SAFETY: only borrowed for the checks below; nothing is closed.
        let borrowed = unsafe { BorrowedSocket::borrow_raw(fd) };
        let checked = socket_type(borrowed).and_then(|_| socket_family(borrowed));
        if let Err(errno) = checked {
            return Err(ActivationError::NotASocket { fd, errno });
        }
    }
    if TAKEN.swap(true, Ordering::AcqRel) {
        return Err(ActivationError::AlreadyTaken);
    }
    for fd in FIRST_FD..end {
        // Cannot fail on a descriptor just checked open.
        let _ = sys::fcntl(fd, sys::F_SETFD, FD_CLOEXEC);
    }
    let is_colon: fn(&u8) -> bool = |&b| b == b':';
    Ok(ListenFds {
        next: FIRST_FD,
        end,
        names: names.map(|n| n.split(is_colon)),
    })
}
