//! Unix socket files done right, opt-in: an exact file mode whatever the
//! umask, and reclaiming the stale file an earlier run left, without ever
//! touching a live socket or another kind of file.

use core::ffi::CStr;
use core::fmt;

use crate::arch::nr;
use crate::{
    bind, connect, listen, socket_type, sys, AsSocket, Errno, Family, UnixAddr, UNIX_PATH_MAX,
};

/// Why a socket-file helper refused or failed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum SocketFileError {
    /// The address is an abstract name or unnamed: there is no file.
    NotAPath,
    /// A mode with bits beyond the permission bits (0o777).
    ModeOutOfRange {
        /// The mode given.
        mode: u32,
    },
    /// The kernel's answer: `EADDRINUSE` for a live socket or a file that
    /// is not a socket at the path, or whatever bind(2) said.
    Os(Errno),
}

impl fmt::Display for SocketFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            SocketFileError::NotAPath => f.write_str(
                "the address is not a filesystem path (abstract or unnamed): no file to set up",
            ),
            SocketFileError::ModeOutOfRange { mode } => {
                write!(
                    f,
                    "mode {mode:#o} has bits beyond the permission bits 0o777"
                )
            }
            SocketFileError::Os(errno) => write!(f, "{errno:?}: {errno}"),
        }
    }
}

impl core::error::Error for SocketFileError {}

impl From<Errno> for SocketFileError {
    fn from(errno: Errno) -> Self {
        SocketFileError::Os(errno)
    }
}

/// The path with its NUL, for the file calls.
fn c_path(path: &[u8]) -> ([u8; UNIX_PATH_MAX + 1], usize) {
    let mut buf = [0; UNIX_PATH_MAX + 1];
    let len = path.len().min(UNIX_PATH_MAX);
    buf[..len].copy_from_slice(&path[..len]);
    (buf, len + 1)
}

/// Binds `socket` to the path `addr` so that the socket file is created
/// with exactly `mode` (say `0o660`), whatever the process's umask: the
/// umask is set to the complement of `mode` for the bind(2) and restored
/// after (umask(2)), so the file never exists with a wider mode, not even
/// for an instant. The umask is per process: call it while no other thread
/// creates files.
///
/// ```
/// use rawbind::{bind_with_mode, socket, Family, SocketType, UnixAddr};
/// let path = std::env::temp_dir().join(format!("rawbind-mode-{}", std::process::id()));
/// let sock = socket(Family::UNIX, SocketType::STREAM)?;
/// bind_with_mode(&sock, &UnixAddr::new_path(path.as_os_str().as_encoded_bytes())?, 0o600)?;
/// use std::os::unix::fs::PermissionsExt;
/// assert_eq!(std::fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
/// std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn bind_with_mode(
    socket: impl AsSocket,
    addr: &UnixAddr,
    mode: u32,
) -> Result<(), SocketFileError> {
    if addr.path().is_none() {
        return Err(SocketFileError::NotAPath);
    }
    if mode & !0o777 != 0 {
        return Err(SocketFileError::ModeOutOfRange { mode });
    }
    // umask(2) cannot fail.
    let old = sys::integers(nr::UMASK, [(!mode & 0o777) as usize]).unwrap_or(0o022);
    let bound = bind(socket, addr);
    let _ = sys::integers(nr::UMASK, [old]);
    Ok(bound?)
}

/// A descriptor closed when dropped (here: the locked directory).
struct Closing(i32);

impl Drop for Closing {
    fn drop(&mut self) {
        let _ = sys::close(self.0);
    }
}

/// Binds `socket` to the path `addr`, replacing a stale socket file an
/// earlier process left there: when bind(2) answers `EADDRINUSE`, the file
/// at the path is a socket, and a connection to it is refused
/// (`ECONNREFUSED`: nobody listens), the file is unlinked and the bind
/// retried once. A live socket answers `EADDRINUSE`; any other kind of file
/// (or a symlink) is never touched and answers `EADDRINUSE` too.
///
/// With `listen_backlog` the socket also listens (listen(2)) before anyone
/// else can look. Both steps run under an exclusive flock(2) of the path's
/// directory, so two processes reclaiming the same path at once end with
/// one bound and the other told `EADDRINUSE`. Other programs do not take
/// that lock; this is for the processes that share a socket path this way.
///
/// ```
/// use rawbind::{bind_reclaiming, socket, Family, SocketType, UnixAddr};
/// let path = std::env::temp_dir().join(format!("rawbind-reclaim-{}", std::process::id()));
/// let addr = UnixAddr::new_path(path.as_os_str().as_encoded_bytes())?;
/// drop({ let old = socket(Family::UNIX, SocketType::STREAM)?; rawbind::bind(&old, &addr)?; old }); // stale file
/// let sock = socket(Family::UNIX, SocketType::STREAM)?;
/// bind_reclaiming(&sock, &addr, Some(8))?;
/// std::fs::remove_file(&path)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn bind_reclaiming(
    socket: impl AsSocket,
    addr: &UnixAddr,
    listen_backlog: Option<i32>,
) -> Result<(), SocketFileError> {
    const LOCK_EX: usize = 2;
    const S_IFSOCK: u32 = 0o140000;
    let socket = socket.as_socket();
    let path = addr.path().ok_or(SocketFileError::NotAPath)?;
    let (path_buf, path_len) = c_path(path);
    let c_file = CStr::from_bytes_with_nul(&path_buf[..path_len]).map_err(|_| Errno::EINVAL)?;
    let dir_len = match path.iter().rposition(|&b| b == b'/') {
        Some(0) => 1,
        Some(slash) => slash,
        None => 0,
    };
    let (mut dir_buf, _) = c_path(if dir_len == 0 { b"." } else { &path[..dir_len] });
    let dir_end = if dir_len == 0 { 1 } else { dir_len };
    dir_buf[dir_end] = 0;
    let c_dir = CStr::from_bytes_with_nul(&dir_buf[..=dir_end]).map_err(|_| Errno::EINVAL)?;
    let dir = Closing(sys::open(c_dir, crate::raw::O_CLOEXEC)?);
    sys::integers(nr::FLOCK, [dir.0 as usize, LOCK_EX])?;
    let bind_and_listen = || -> Result<(), Errno> {
        bind(socket, addr)?;
        match listen_backlog {
            Some(backlog) => listen(socket, backlog),
            None => Ok(()),
        }
    };
    match bind_and_listen() {
        Err(Errno::EADDRINUSE) => {}
        other => return Ok(other?),
    }
    if sys::file_type(c_file)? != S_IFSOCK {
        return Err(SocketFileError::Os(Errno::EADDRINUSE));
    }
    let probe = crate::socket(Family::UNIX, socket_type(socket)?)?;
    match connect(&probe, addr) {
        Err(Errno::ECONNREFUSED) => {}
        Ok(()) | Err(Errno::EAGAIN) => return Err(SocketFileError::Os(Errno::EADDRINUSE)),
        Err(errno) => return Err(SocketFileError::Os(errno)),
    }
    sys::unlink(c_file)?;
    bind_and_listen()?;
    drop(dir);
    Ok(())
}
