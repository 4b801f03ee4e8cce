//! The bridge between the arch files and the rest of the crate: the one place
//! where a kernel answer becomes a `Result`, and the one place where the
//! direct-call-or-socketcall(2) rule lives.

pub(crate) use crate::arch::asm::{exit_group, syscall1, syscall2, syscall3};
#[cfg(feature = "selftest")]
pub(crate) use crate::arch::asm::{syscall0, syscall5};
use crate::arch::nr;
use crate::Errno;

/// Turns the kernel's raw answer into a `Result`: `-4095..=-1` is `-errno`.
#[inline(always)]
pub(crate) fn check(ret: isize) -> Result<usize, Errno> {
    if (-4095..0).contains(&ret) {
        Err(Errno::from_kernel(-ret as u16))
    } else {
        Ok(ret as usize)
    }
}

/// A socket operation: its direct syscall number and, on arches that have
/// socketcall(2), its `SYS_*` number there.
#[derive(Clone, Copy)]
pub(crate) struct SocketOp {
    #[cfg_attr(rawbind_socketcall_mode = "always", allow(dead_code))]
    direct: usize,
    #[cfg(rawbind_socketcall)]
    #[cfg_attr(rawbind_socketcall_mode = "never", allow(dead_code))]
    multiplexed: usize,
}

macro_rules! socket_op {
    ($name:ident) => {
        SocketOp {
            direct: nr::$name,
            #[cfg(rawbind_socketcall)]
            multiplexed: crate::arch::socketcall::$name,
        }
    };
}

pub(crate) const SOCKET: SocketOp = socket_op!(SOCKET);
pub(crate) const BIND: SocketOp = socket_op!(BIND);
pub(crate) const GETSOCKNAME: SocketOp = socket_op!(GETSOCKNAME);
pub(crate) const LISTEN: SocketOp = socket_op!(LISTEN);
pub(crate) const CONNECT: SocketOp = socket_op!(CONNECT);
pub(crate) const ACCEPT4: SocketOp = socket_op!(ACCEPT4);
pub(crate) const SETSOCKOPT: SocketOp = socket_op!(SETSOCKOPT);
pub(crate) const GETSOCKOPT: SocketOp = socket_op!(GETSOCKOPT);

/// The `SYS_*` bit of every operation above: what a seccomp test that refuses
/// the direct calls expects to find fallen back.
#[cfg(all(feature = "selftest", rawbind_socketcall))]
pub(crate) const ALL_SOCKETCALL_BITS: usize = {
    let ops = [
        SOCKET,
        BIND,
        GETSOCKNAME,
        LISTEN,
        CONNECT,
        ACCEPT4,
        SETSOCKOPT,
        GETSOCKOPT,
    ];
    let (mut bits, mut i) = (0, 0);
    while i < ops.len() {
        bits |= 1 << ops[i].multiplexed;
        i += 1;
    }
    bits
};

/// Bit `SYS_x` is set once the direct call for `x` answered ENOSYS (a kernel
/// before 4.3, or a seccomp filter): later calls go straight to socketcall.
#[cfg(rawbind_socketcall_mode = "auto")]
static DIRECT_MISSING: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// The `SYS_*` bits of the operations that fell back to socketcall so far
/// (`None` where the build has no fallback to make).
#[cfg(feature = "selftest")]
pub(crate) fn socketcall_fallbacks() -> Option<usize> {
    #[cfg(rawbind_socketcall_mode = "auto")]
    return Some(DIRECT_MISSING.load(core::sync::atomic::Ordering::Relaxed));
    #[cfg(not(rawbind_socketcall_mode = "auto"))]
    None
}

/// Issues a socket operation with its `N` (2 to 5) arguments.
///
/// # Safety
/// The arguments must be valid for `op` as the kernel reads them.
#[inline(always)]
pub(crate) unsafe fn socket_call<const N: usize>(
    op: SocketOp,
    args: [usize; N],
) -> Result<usize, Errno> {
    const { assert!(2 <= N && N <= 5, "socket calls take 2 to 5 arguments") };
    // A pinned build (or an arch without socketcall) takes its one path.
    #[cfg(rawbind_socketcall_mode = "always")]
    // SAFETY: forwarded from the caller.
    return unsafe { multiplexed(op, args) };
    #[cfg(not(any(rawbind_socketcall_mode = "auto", rawbind_socketcall_mode = "always")))]
    // SAFETY: forwarded from the caller.
    return unsafe { direct(op, args) };
    #[cfg(rawbind_socketcall_mode = "auto")]
    {
        use core::sync::atomic::Ordering::Relaxed;
        let bit = 1 << op.multiplexed;
        if DIRECT_MISSING.load(Relaxed) & bit == 0 {
            // SAFETY: forwarded from the caller.
            match unsafe { direct(op, args) } {
                Err(Errno::ENOSYS) => DIRECT_MISSING.fetch_or(bit, Relaxed),
                answer => return answer,
            };
        }
        // SAFETY: forwarded from the caller.
        unsafe { multiplexed(op, args) }
    }
}

#[cfg(not(rawbind_socketcall_mode = "always"))]
#[inline(always)]
unsafe fn direct<const N: usize>(op: SocketOp, args: [usize; N]) -> Result<usize, Errno> {
    use crate::arch::asm::{syscall4, syscall5};
    // `N` is a constant: each instance keeps one arm, and the indexing below
    // is in bounds in the arm that stays.
    // SAFETY: forwarded from the caller.
    check(unsafe {
        match N {
            2 => syscall2(op.direct, args[0], args[1]),
            3 => syscall3(op.direct, args[0], args[1], args[2]),
            4 => syscall4(op.direct, args[0], args[1], args[2], args[3]),
            _ => syscall5(op.direct, args[0], args[1], args[2], args[3], args[4]),
        }
    })
}

#[cfg(any(rawbind_socketcall_mode = "auto", rawbind_socketcall_mode = "always"))]
#[inline(always)]
unsafe fn multiplexed<const N: usize>(op: SocketOp, args: [usize; N]) -> Result<usize, Errno> {
    // SAFETY: socketcall reads `args` (live for the call) as the operation's
    // arguments; the caller vouches for them.
    check(unsafe { syscall2(nr::SOCKETCALL, op.multiplexed, args.as_ptr() as usize) })
}

/// close(2); the descriptor is gone whatever the answer (see the man page's NOTES).
pub(crate) fn close(fd: i32) -> Result<(), Errno> {
    // SAFETY: closing a descriptor number touches no memory of ours.
    check(unsafe { syscall1(nr::CLOSE, fd as usize) }).map(drop)
}

/// write(2) of `bytes` to `fd`.
pub(crate) fn write(fd: i32, bytes: &[u8]) -> Result<usize, Errno> {
    // SAFETY: the kernel reads at most `bytes.len()` bytes from a live slice.
    check(unsafe { syscall3(nr::WRITE, fd as usize, bytes.as_ptr() as usize, bytes.len()) })
}

/// fcntl(2) with an integer argument (every command rawbind issues takes one).
pub(crate) fn fcntl(fd: i32, command: u32, arg: usize) -> Result<usize, Errno> {
    // SAFETY: with an integer argument fcntl touches no memory of ours.
    check(unsafe { syscall3(nr::FCNTL, fd as usize, command as usize, arg) })
}

/// openat(2) relative to the working directory; the descriptor it gives.
pub(crate) fn open(path: &core::ffi::CStr, flags: usize) -> Result<i32, Errno> {
    const AT_FDCWD: isize = -100;
    // SAFETY: the kernel reads the NUL-terminated path, which lives for the call.
    check(unsafe { syscall3(nr::OPENAT, AT_FDCWD as usize, path.as_ptr() as usize, flags) })
        .map(|fd| fd as i32)
}

/// rt_sigaction(2) setting `signal`'s disposition to SIG_IGN.
pub(crate) fn ignore_signal(signal: usize) -> Result<(), Errno> {
    use crate::arch::signal::{HANDLER_WORD, MASK_BYTES};
    const SIG_IGN: usize = 1;
    // Room for the kernel's `struct sigaction` on every arch: no flags, an
    // empty mask, and no restorer, which SIG_IGN never needs.
    let mut action = [0usize; 5];
    action[HANDLER_WORD] = SIG_IGN;
    // SAFETY: the kernel reads one `struct sigaction` from `action` (large
    // enough) and, with a null old-action pointer, writes nothing.
    check(unsafe {
        crate::arch::asm::syscall4(
            nr::RT_SIGACTION,
            signal,
            action.as_ptr() as usize,
            0,
            MASK_BYTES,
        )
    })
    .map(drop)
}

/// exit_group(2).
pub(crate) fn exit(code: i32) -> ! {
    // SAFETY: ending the process is always sound.
    unsafe { exit_group(code as usize) }
}
