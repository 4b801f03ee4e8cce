//! System calls and facts the libc-free test runner needs; not public API.
//! (Enabled by the `selftest` feature, which only the crate's own tests and
//! examples turn on.)

use crate::arch::{self, nr};
use crate::sys::{check, syscall0, syscall2, syscall3};
use crate::Errno;

const AT_FDCWD: isize = -100;
const AT_REMOVEDIR: usize = 0x200;
const O_CLOEXEC: usize = arch::sock::CLOEXEC as usize;

/// A path as the kernel wants it: NUL-terminated, in a fixed buffer.
fn c_path(path: &[u8]) -> Result<[u8; 256], Errno> {
    let mut buf = [0; 256];
    if path.len() >= buf.len() || path.contains(&0) {
        return Err(Errno::ENAMETOOLONG);
    }
    buf[..path.len()].copy_from_slice(path);
    Ok(buf)
}

/// getpid(2).
pub fn getpid() -> u32 {
    // SAFETY: getpid reads no memory.
    unsafe { syscall0(nr::GETPID) as u32 }
}

/// pipe2(2) with O_CLOEXEC: (read end, write end).
pub fn pipe() -> Result<(i32, i32), Errno> {
    let mut fds = [0i32; 2];
    // SAFETY: the kernel writes two ints into `fds`.
    check(unsafe { syscall2(nr::PIPE2, fds.as_mut_ptr() as usize, O_CLOEXEC) })?;
    Ok((fds[0], fds[1]))
}

/// close(2).
pub fn close(fd: i32) -> Result<(), Errno> {
    crate::sys::close(fd)
}

/// mkdirat(2) relative to the working directory, mode 0700.
pub fn mkdir(path: &[u8]) -> Result<(), Errno> {
    let path = c_path(path)?;
    // SAFETY: `path` is NUL-terminated and lives across the call.
    check(unsafe {
        syscall3(
            nr::MKDIRAT,
            AT_FDCWD as usize,
            path.as_ptr() as usize,
            0o700,
        )
    })
    .map(drop)
}

/// unlinkat(2) of a file (`dir == false`) or an empty directory.
pub fn unlink(path: &[u8], dir: bool) -> Result<(), Errno> {
    let path = c_path(path)?;
    let flags = if dir { AT_REMOVEDIR } else { 0 };
    // SAFETY: `path` is NUL-terminated and lives across the call.
    check(unsafe {
        syscall3(
            nr::UNLINKAT,
            AT_FDCWD as usize,
            path.as_ptr() as usize,
            flags,
        )
    })
    .map(drop)
}

/// One classic BPF instruction (`struct sock_filter`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct SockFilter {
    /// Opcode.
    pub code: u16,
    /// Jump offset when true.
    pub jt: u8,
    /// Jump offset when false.
    pub jf: u8,
    /// Operand.
    pub k: u32,
}

#[repr(C)]
struct SockFprog {
    len: u16,
    filter: *const SockFilter,
}

/// Installs a seccomp filter (seccomp(2), SECCOMP_SET_MODE_FILTER); the
/// caller needs CAP_SYS_ADMIN, as it has no way to set no_new_privs here.
pub fn install_seccomp_filter(program: &[SockFilter]) -> Result<(), Errno> {
    let prog = SockFprog {
        len: program.len() as u16,
        filter: program.as_ptr(),
    };
    // SAFETY: the kernel copies `prog` and the instructions it points to.
    check(unsafe { syscall3(nr::SECCOMP, 1, 0, &prog as *const SockFprog as usize) }).map(drop)
}

/// `seccomp_data.arch` for this architecture.
pub const AUDIT_ARCH: u32 = arch::AUDIT_ARCH;

/// The socketcall(2) number and the range of the direct socket calls, on
/// architectures that have both.
#[cfg(rawbind_socketcall)]
pub const SOCKETCALL: Option<(u32, core::ops::RangeInclusive<u32>)> = Some((
    nr::SOCKETCALL as u32,
    nr::FIRST_DIRECT_SOCKET_CALL as u32..=nr::LAST_DIRECT_SOCKET_CALL as u32,
));
/// The socketcall(2) number and the range of the direct socket calls, on
/// architectures that have both.
#[cfg(not(rawbind_socketcall))]
pub const SOCKETCALL: Option<(u32, core::ops::RangeInclusive<u32>)> = None;

/// socketcall(2)'s `SYS_BIND`, the bit [`socketcall_fallbacks`] sets for bind.
#[cfg(rawbind_socketcall)]
pub const SYS_BIND: Option<usize> = Some(arch::socketcall::BIND);
/// socketcall(2)'s `SYS_BIND`, the bit [`socketcall_fallbacks`] sets for bind.
#[cfg(not(rawbind_socketcall))]
pub const SYS_BIND: Option<usize> = None;

/// How this build reaches the socket calls: `"direct"` (no socketcall on this
/// arch), or the pinned or automatic socketcall mode.
pub const SOCKETCALL_MODE: &str = if cfg!(rawbind_socketcall_mode = "auto") {
    "auto"
} else if cfg!(rawbind_socketcall_mode = "always") {
    "always"
} else if cfg!(rawbind_socketcall_mode = "never") {
    "never"
} else {
    "direct"
};

/// Bits `1 << SYS_x` of the operations that fell back to socketcall so far,
/// or `None` where the build makes no fallback.
pub fn socketcall_fallbacks() -> Option<usize> {
    crate::sys::socketcall_fallbacks()
}

/// The arch file's numbers, for cross-checks against independent tables.
pub mod numbers {
    pub use crate::arch::nr::*;
}
