//! The unsafe layer under the safe API, for what it does not model: bind(2)
//! with a descriptor number, a pointer and a length; any system call by
//! number; and the facts a seccomp filter or a tracer needs about how
//! rawbind reaches the kernel on this architecture.

use core::ffi::c_void;

use crate::{arch, sys, Errno};

/// bind(2), as the kernel takes it: `fd`, a pointer to the address, its length.
///
/// Whatever the kernel refuses comes back as its errno: `EBADF` for a closed
/// descriptor, `ENOTSOCK` for a pipe, `EINVAL` for a length too short for the
/// family, `EFAULT` for a pointer outside the process. On i386 this issues
/// bind (361) and, if the kernel answers ENOSYS, socketcall (102, `SYS_BIND`).
///
/// # Safety
/// `addr` must be readable for `len` bytes (or the caller accepts `EFAULT`
/// for an unmapped one); the kernel does not write through it.
///
/// ```
/// use rawbind::{raw, Errno, SocketAddress};
/// use core::net::{Ipv4Addr, SocketAddrV4};
/// let addr = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).encode();
/// let bytes = addr.as_bytes();
/// // SAFETY: `bytes` is readable for its length.
/// let answer = unsafe { raw::bind(-1, bytes.as_ptr().cast(), bytes.len() as u32) };
/// assert_eq!(answer, Err(Errno::EBADF));
/// ```
#[inline]
pub unsafe fn bind(fd: i32, addr: *const c_void, len: u32) -> Result<(), Errno> {
    // SAFETY: forwarded from the caller.
    unsafe { sys::socket_call_zero(sys::BIND, [fd as usize, addr as usize, len as usize]) }
}

/// Issues system call `number` with its `N` (0 to 5) arguments and turns the
/// kernel's answer into a `Result` (`-4095..=-1` is `-errno`). The numbers of
/// the calls rawbind itself knows are in [`nr`]; for others, see syscall(2)
/// and the kernel's table for the architecture.
///
/// # Safety
/// The arguments must be what the call expects: every pointer valid for what
/// the kernel reads or writes through it, and the call must not break an
/// invariant the program relies on (closing a descriptor something still
/// owns, unmapping memory in use).
///
/// ```
/// use rawbind::raw::{self, nr};
/// // SAFETY: getpid takes no arguments and touches no memory.
/// let pid = unsafe { raw::syscall(nr::GETPID, []) }?;
/// assert_eq!(pid as u32, std::process::id());
/// # Ok::<(), rawbind::Errno>(())
/// ```
#[inline(always)]
pub unsafe fn syscall<const N: usize>(number: usize, args: [usize; N]) -> Result<usize, Errno> {
    // SAFETY: forwarded from the caller.
    unsafe { sys::call(number, args) }
}

/// The system call numbers of this architecture that rawbind and its test
/// kit issue, from the arch file `build.rs` picked (`arch/*.rs`); on
/// i386, s390x and powerpc64le also `SOCKETCALL` and the range of the direct
/// socket calls (`FIRST_DIRECT_SOCKET_CALL..=LAST_DIRECT_SOCKET_CALL`).
///
/// ```
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(rawbind::raw::nr::BIND, 49);
/// ```
pub mod nr {
    pub use crate::arch::nr::*;
}

/// `seccomp_data.arch` for this architecture (`AUDIT_ARCH_*`): what a seccomp
/// filter compares before it trusts a system call number.
///
/// ```
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(rawbind::raw::AUDIT_ARCH, 0xc000_003e); // AUDIT_ARCH_X86_64
/// ```
pub const AUDIT_ARCH: u32 = arch::AUDIT_ARCH;

/// The signal a child's exit sends its parent (18 on mips64, 17 elsewhere):
/// what clone(2) takes as the exit signal of a fork.
///
/// ```
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(rawbind::raw::SIGCHLD, 17);
/// ```
pub const SIGCHLD: usize = arch::SIGCHLD;

/// `O_CLOEXEC` for open(2) and pipe2(2), which Linux makes equal to
/// `SOCK_CLOEXEC` on every architecture rawbind supports.
///
/// ```
/// # #[cfg(target_arch = "x86_64")]
/// assert_eq!(rawbind::raw::O_CLOEXEC, 0o2000000);
/// ```
pub const O_CLOEXEC: usize = arch::sock::CLOEXEC as usize;

/// How socket calls reach the kernel where socketcall(2) exists too (i386,
/// s390x, powerpc64le): chosen when rawbind is built (`RAWBIND_SOCKETCALL`,
/// see the README), observable at run time.
pub mod socketcall {
    /// How this build issues socket calls.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Mode {
        /// The architecture has no socketcall(2): always the direct call.
        DirectOnly,
        /// The direct call, and socketcall(2) whenever it answers ENOSYS
        /// (`RAWBIND_SOCKETCALL=auto`, the default). [`fallbacks`] names the
        /// operations that fell back.
        DirectThenSocketcall,
        /// The direct call only (`RAWBIND_SOCKETCALL=never`).
        Never,
        /// socketcall(2) only (`RAWBIND_SOCKETCALL=always`).
        Always,
    }

    /// This build's mode.
    ///
    /// ```
    /// use rawbind::raw::socketcall::{Mode, MODE};
    /// # #[cfg(target_arch = "x86_64")]
    /// assert_eq!(MODE, Mode::DirectOnly);
    /// ```
    pub const MODE: Mode = if cfg!(rawbind_socketcall_mode = "auto") {
        Mode::DirectThenSocketcall
    } else if cfg!(rawbind_socketcall_mode = "always") {
        Mode::Always
    } else if cfg!(rawbind_socketcall_mode = "never") {
        Mode::Never
    } else {
        Mode::DirectOnly
    };

    /// socketcall(2)'s number and the range of the direct socket calls, where
    /// the architecture has both: what a filter that forces one path refuses.
    ///
    /// ```
    /// # #[cfg(target_arch = "x86")]
    /// assert_eq!(rawbind::raw::socketcall::NUMBERS, Some((102, 359..=373)));
    /// ```
    #[cfg(rawbind_socketcall)]
    pub const NUMBERS: Option<(usize, core::ops::RangeInclusive<usize>)> = Some((
        crate::arch::nr::SOCKETCALL,
        crate::arch::nr::FIRST_DIRECT_SOCKET_CALL..=crate::arch::nr::LAST_DIRECT_SOCKET_CALL,
    ));
    /// socketcall(2)'s number and the range of the direct socket calls, where
    /// the architecture has both: what a filter that forces one path refuses.
    ///
    /// ```
    /// # #[cfg(target_arch = "x86_64")]
    /// assert_eq!(rawbind::raw::socketcall::NUMBERS, None);
    /// ```
    #[cfg(not(rawbind_socketcall))]
    pub const NUMBERS: Option<(usize, core::ops::RangeInclusive<usize>)> = None;

    /// Bits `1 << SYS_x` of every socket operation rawbind issues, where
    /// socketcall(2) exists (`None` elsewhere).
    ///
    /// ```
    /// # #[cfg(target_arch = "x86_64")]
    /// assert_eq!(rawbind::raw::socketcall::ALL_OPERATIONS, None);
    /// ```
    pub const ALL_OPERATIONS: Option<usize> = crate::sys::ALL_SOCKETCALL_BITS;

    /// Bits `1 << SYS_x` of the operations whose direct call answered ENOSYS
    /// in this process so far, and which socketcall(2) then made; `None`
    /// where the mode makes no fallback.
    ///
    /// ```
    /// # #[cfg(target_arch = "x86_64")]
    /// assert_eq!(rawbind::raw::socketcall::fallbacks(), None);
    /// ```
    #[must_use]
    pub fn fallbacks() -> Option<usize> {
        crate::sys::socketcall_fallbacks()
    }
}
