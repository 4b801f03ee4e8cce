//! The bridge between the arch files and the rest of the crate: the one place
//! where a kernel answer becomes a `Result`, and the one place where the
//! direct-call-or-socketcall(2) rule lives.

use crate::arch::asm::{syscall0, syscall1, syscall2, syscall3, syscall4, syscall5};
use crate::arch::nr;
use crate::{BorrowedSocket, Errno, OwnedSocket};

/// Turns the kernel's raw answer into a `Result`: `-4095..=-1` is `-errno`.
#[inline(always)]
pub(crate) fn check(ret: isize) -> Result<usize, Errno> {
    if (-4095..0).contains(&ret) {
        Err(Errno::from_kernel(-ret as u16))
    } else {
        Ok(ret as usize)
    }
}

/// The answer of a call that succeeds with 0 (bind, connect, listen,
/// setsockopt, shutdown, close, `rt_sigaction`, capset, unlinkat), where
/// anything else is `-errno`: one negation of the low 16 bits, which is
/// already the `Result`'s word, where [`check`] compares too. An answer outside `-4095..=0` (only a ptrace or
/// seccomp supervisor can give one) comes back as an error numbered above
/// 4095, impossible rather than wrong, unless its low 16 bits are all 0.
#[inline(always)]
pub(crate) fn check_zero(ret: isize) -> Result<(), Errno> {
    match core::num::NonZeroU16::new((ret as u16).wrapping_neg()) {
        None => Ok(()),
        Some(errno) => Err(Errno::from_nonzero(errno)),
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
pub(crate) const GETPEERNAME: SocketOp = socket_op!(GETPEERNAME);
pub(crate) const SOCKETPAIR: SocketOp = socket_op!(SOCKETPAIR);
pub(crate) const SHUTDOWN: SocketOp = socket_op!(SHUTDOWN);
pub(crate) const SENDMSG: SocketOp = socket_op!(SENDMSG);
pub(crate) const RECVMSG: SocketOp = socket_op!(RECVMSG);

/// The `SYS_*` bit of every operation above: what a seccomp test that refuses
/// the direct calls expects to find fallen back.
#[cfg(rawbind_socketcall)]
pub(crate) const ALL_SOCKETCALL_BITS: Option<usize> = Some({
    let ops = [
        SOCKET,
        BIND,
        GETSOCKNAME,
        LISTEN,
        CONNECT,
        ACCEPT4,
        SETSOCKOPT,
        GETSOCKOPT,
        GETPEERNAME,
        SOCKETPAIR,
        SHUTDOWN,
        SENDMSG,
        RECVMSG,
    ];
    let (mut bits, mut i) = (0, 0);
    while i < ops.len() {
        bits |= 1 << ops[i].multiplexed;
        i += 1;
    }
    bits
});
#[cfg(not(rawbind_socketcall))]
pub(crate) const ALL_SOCKETCALL_BITS: Option<usize> = None;

/// Entry `SYS_x` is set once the direct call for `x` answered ENOSYS (a
/// kernel before 4.3, or a seccomp filter) and socketcall made it instead:
/// what [`socketcall_fallbacks`] reports.
#[cfg(rawbind_socketcall_mode = "auto")]
static DIRECT_MISSING: [core::sync::atomic::AtomicBool; 21] =
    [const { core::sync::atomic::AtomicBool::new(false) }; 21];

/// The `SYS_*` bits of the operations that fell back to socketcall so far
/// (`None` where the build has no fallback to make).
#[cfg_attr(rawbind_socketcall_mode = "auto", allow(clippy::unnecessary_wraps))] // None elsewhere
pub(crate) fn socketcall_fallbacks() -> Option<usize> {
    #[cfg(rawbind_socketcall_mode = "auto")]
    return Some(
        DIRECT_MISSING
            .iter()
            .enumerate()
            .filter(|(_, missing)| missing.load(core::sync::atomic::Ordering::Relaxed))
            .fold(0, |bits, (op, _)| bits | 1 << op),
    );
    #[cfg(not(rawbind_socketcall_mode = "auto"))]
    None
}

/// Issues system call `number` with its `N` (0 to 5) arguments: the one
/// dispatch from an argument array to the arch file's `syscallN`.
///
/// # Safety
/// The arguments must be valid for the call as the kernel reads them.
#[inline(always)]
pub(crate) unsafe fn call<const N: usize>(number: usize, args: [usize; N]) -> Result<usize, Errno> {
    // SAFETY: forwarded from the caller.
    check(unsafe { kernel_answer(number, args) })
}

/// [`call`] without the conversion: the kernel's word as it came back.
#[inline(always)]
unsafe fn kernel_answer<const N: usize>(number: usize, args: [usize; N]) -> isize {
    const { assert!(N <= 5, "rawbind's system calls take at most 5 arguments") };
    // `N` is a constant: each instance keeps one arm, and the indexing in the
    // arm that stays is in bounds.
    // SAFETY: forwarded from the caller.
    unsafe {
        match N {
            0 => syscall0(number),
            1 => syscall1(number, args[0]),
            2 => syscall2(number, args[0], args[1]),
            3 => syscall3(number, args[0], args[1], args[2]),
            4 => syscall4(number, args[0], args[1], args[2], args[3]),
            _ => syscall5(number, args[0], args[1], args[2], args[3], args[4]),
        }
    }
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
    // SAFETY: forwarded from the caller.
    check(unsafe { socket_answer(op, args) })
}

/// [`socket_call`] for an operation that succeeds with 0 ([`check_zero`]).
///
/// # Safety
/// The arguments must be valid for `op` as the kernel reads them.
#[inline(always)]
pub(crate) unsafe fn socket_call_zero<const N: usize>(
    op: SocketOp,
    args: [usize; N],
) -> Result<(), Errno> {
    // SAFETY: forwarded from the caller.
    check_zero(unsafe { socket_answer(op, args) })
}

/// The kernel's word for a socket operation, by the direct call or
/// socketcall(2) as the build's mode says.
///
/// # Safety
/// The arguments must be valid for `op` as the kernel reads them.
#[inline(always)]
unsafe fn socket_answer<const N: usize>(op: SocketOp, args: [usize; N]) -> isize {
    const { assert!(2 <= N && N <= 5, "socket calls take 2 to 5 arguments") };
    // A pinned build (or an arch without socketcall) takes its one path.
    #[cfg(rawbind_socketcall_mode = "always")]
    // SAFETY: forwarded from the caller.
    return unsafe { multiplexed(op, args) };
    #[cfg(not(any(rawbind_socketcall_mode = "auto", rawbind_socketcall_mode = "always")))]
    // SAFETY: forwarded from the caller.
    return unsafe { kernel_answer(op.direct, args) };
    #[cfg(rawbind_socketcall_mode = "auto")]
    {
        // The direct call every time, socketcall only after its ENOSYS: on a
        // kernel that has the direct calls (4.3 and later) that costs one
        // compare; on an older one, one failed call more per operation.
        // SAFETY: forwarded from the caller.
        let answer = unsafe { kernel_answer(op.direct, args) };
        if answer == -(Errno::ENOSYS.raw() as isize) {
            let word = |i: usize| args.get(i).copied().unwrap_or(0);
            // SAFETY: forwarded from the caller.
            return unsafe { fallback(op, [word(0), word(1), word(2), word(3), word(4)], N) };
        }
        answer
    }
}

/// socketcall(2), out of line, with the first `n` of `args`. The arguments
/// come as five words rather than the caller's array so that the array
/// socketcall reads from memory is built on this path only: left to the
/// direct path, the compiler stores it there too, on every call.
#[cfg(rawbind_socketcall_mode = "auto")]
#[cold]
#[inline(never)]
unsafe fn fallback(op: SocketOp, args: [usize; 5], n: usize) -> isize {
    DIRECT_MISSING[op.multiplexed].store(true, core::sync::atomic::Ordering::Relaxed);
    // SAFETY: the kernel reads the first `n` words, which the caller vouches for.
    unsafe {
        syscall2(
            nr::SOCKETCALL,
            op.multiplexed,
            args[..n.min(5)].as_ptr() as usize,
        )
    }
}

#[cfg(rawbind_socketcall_mode = "always")]
#[inline(always)]
unsafe fn multiplexed<const N: usize>(op: SocketOp, args: [usize; N]) -> isize {
    // SAFETY: socketcall reads `args` (live for the call) as the operation's
    // arguments; the caller vouches for them.
    unsafe { syscall2(nr::SOCKETCALL, op.multiplexed, args.as_ptr() as usize) }
}

// The socket calls as the safe modules use them: typed arguments, every
// pointer made here from a reference that outlives the call.

/// socket(2); the new descriptor, owned.
#[inline]
pub(crate) fn socket(family: u16, kind: u32, protocol: i32) -> Result<OwnedSocket, Errno> {
    let args = [family as usize, kind as usize, protocol as usize];
    // SAFETY: socket(2) takes three integers and reads no memory.
    let fd = unsafe { socket_call(SOCKET, args) }?;
    // SAFETY: the kernel just created this descriptor, and nothing else owns it.
    Ok(unsafe { OwnedSocket::from_raw_fd(fd as i32) })
}

/// bind(2) (`op` BIND) or connect(2) (`op` CONNECT) with an encoded address.
#[inline]
pub(crate) fn with_address(op: SocketOp, fd: BorrowedSocket<'_>, addr: &[u8]) -> Result<(), Errno> {
    let args = [fd.as_raw_fd() as usize, addr.as_ptr() as usize, addr.len()];
    // SAFETY: the kernel reads `addr.len()` bytes of a live slice; `fd` is
    // borrowed, so open.
    unsafe { socket_call_zero(op, args) }
}

/// getsockname(2) (`op` GETSOCKNAME) or accept4(2) (`op` ACCEPT4, with
/// `flags`): the kernel writes at most `*len` bytes of an address into
/// `addr` and its real length into `len`.
#[inline]
pub(crate) fn address_out(
    op: SocketOp,
    fd: BorrowedSocket<'_>,
    addr: &mut [u8],
    len: &mut u32,
    flags: u32,
) -> Result<usize, Errno> {
    *len = (*len).min(addr.len() as u32);
    let (fd, addr, len) = (
        fd.as_raw_fd() as usize,
        addr.as_mut_ptr() as usize,
        core::ptr::from_mut::<u32>(len) as usize,
    );
    // SAFETY: the kernel writes at most `*len` bytes (no more than the
    // slice holds) to `addr` and a length to `len`, both live for the call.
    unsafe {
        if op.direct == ACCEPT4.direct {
            socket_call(op, [fd, addr, len, flags as usize])
        } else {
            socket_call(op, [fd, addr, len])
        }
    }
}

/// accept4(2); the new descriptor, owned.
#[inline]
pub(crate) fn accept(
    fd: BorrowedSocket<'_>,
    addr: &mut [u8],
    len: &mut u32,
    flags: u32,
) -> Result<OwnedSocket, Errno> {
    let new = address_out(ACCEPT4, fd, addr, len, flags)?;
    // SAFETY: the kernel just created this descriptor, and nothing else owns it.
    Ok(unsafe { OwnedSocket::from_raw_fd(new as i32) })
}

/// listen(2).
#[inline]
pub(crate) fn listen(fd: BorrowedSocket<'_>, backlog: i32) -> Result<(), Errno> {
    // SAFETY: listen(2) takes two integers and reads no memory.
    unsafe { socket_call_zero(LISTEN, [fd.as_raw_fd() as usize, backlog as usize]) }
}

/// setsockopt(2) with the option's bytes.
#[inline]
pub(crate) fn setsockopt(
    fd: BorrowedSocket<'_>,
    level: u32,
    name: u32,
    value: &[u8],
) -> Result<(), Errno> {
    let args = [
        fd.as_raw_fd() as usize,
        level as usize,
        name as usize,
        value.as_ptr() as usize,
        value.len(),
    ];
    // SAFETY: the kernel reads `value.len()` bytes of a live slice.
    unsafe { socket_call_zero(SETSOCKOPT, args) }
}

/// socketpair(2); both ends, owned.
#[inline]
pub(crate) fn socketpair(
    family: u16,
    kind: u32,
    protocol: i32,
) -> Result<(OwnedSocket, OwnedSocket), Errno> {
    let mut fds = [0i32; 2];
    let args = [
        family as usize,
        kind as usize,
        protocol as usize,
        fds.as_mut_ptr() as usize,
    ];
    // SAFETY: the kernel writes two descriptors into `fds`, live for the call.
    unsafe { socket_call(SOCKETPAIR, args) }?;
    // SAFETY: the kernel just created both descriptors, and nothing else owns them.
    Ok(unsafe {
        (
            OwnedSocket::from_raw_fd(fds[0]),
            OwnedSocket::from_raw_fd(fds[1]),
        )
    })
}

/// shutdown(2).
#[inline]
pub(crate) fn shutdown(fd: BorrowedSocket<'_>, how: u32) -> Result<(), Errno> {
    // SAFETY: shutdown(2) takes two integers and reads no memory.
    unsafe { socket_call_zero(SHUTDOWN, [fd.as_raw_fd() as usize, how as usize]) }
}

/// `struct iovec`.
#[repr(C)]
struct IoVec {
    base: *mut u8,
    len: usize,
}

/// `struct msghdr` (the compat layout on 32-bit arches and x32, where
/// `usize` and pointers are 32 bits).
#[repr(C)]
struct MsgHdr {
    name: *mut u8,
    name_len: u32,
    iov: *mut IoVec,
    iov_len: usize,
    control: *mut u8,
    control_len: usize,
    flags: i32,
}

/// sendmsg(2) of `bytes` with `control` (already encoded ancillary data, or
/// empty): the bytes taken. Also what send(2) is here: sendto(2) takes six
/// arguments, which i386 cannot pass without giving up its frame pointer.
pub(crate) fn sendmsg(
    fd: BorrowedSocket<'_>,
    bytes: &[u8],
    control: &[u8],
    flags: u32,
) -> Result<usize, Errno> {
    let mut iov = IoVec {
        base: bytes.as_ptr().cast_mut(),
        len: bytes.len(),
    };
    let msg = MsgHdr {
        name: core::ptr::null_mut(),
        name_len: 0,
        iov: &mut iov,
        iov_len: 1,
        control: control.as_ptr().cast_mut(),
        control_len: control.len(),
        flags: 0,
    };
    let args = [
        fd.as_raw_fd() as usize,
        core::ptr::addr_of!(msg) as usize,
        flags as usize,
    ];
    // SAFETY: the kernel reads `msg`, the one iovec and the control bytes,
    // all live for the call, and writes through none of them.
    unsafe { socket_call(SENDMSG, args) }
}

/// recvmsg(2) into `buf` and `control`: the bytes written, the control
/// bytes written, and the message flags (`MSG_CTRUNC`, `MSG_TRUNC`).
pub(crate) fn recvmsg(
    fd: BorrowedSocket<'_>,
    buf: &mut [u8],
    control: &mut [u8],
    flags: u32,
) -> Result<(usize, usize, u32), Errno> {
    let mut iov = IoVec {
        base: buf.as_mut_ptr(),
        len: buf.len(),
    };
    let mut msg = MsgHdr {
        name: core::ptr::null_mut(),
        name_len: 0,
        iov: &mut iov,
        iov_len: 1,
        control: control.as_mut_ptr(),
        control_len: control.len(),
        flags: 0,
    };
    let args = [
        fd.as_raw_fd() as usize,
        core::ptr::addr_of_mut!(msg) as usize,
        flags as usize,
    ];
    // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`, at most
    // `control.len()` into `control`, and updates `msg`; all live for the call.
    let got = unsafe { socket_call(RECVMSG, args) }?;
    Ok((
        got.min(buf.len()),
        msg.control_len.min(control.len()),
        msg.flags as u32,
    ))
}

/// getsockopt(2) into `value`; the length the kernel wrote.
#[inline]
pub(crate) fn getsockopt(
    fd: BorrowedSocket<'_>,
    level: u32,
    name: u32,
    value: &mut [u8],
) -> Result<usize, Errno> {
    let mut len = value.len() as u32;
    let args = [
        fd.as_raw_fd() as usize,
        level as usize,
        name as usize,
        value.as_mut_ptr() as usize,
        core::ptr::addr_of_mut!(len) as usize,
    ];
    // SAFETY: the kernel writes at most `len` bytes into the live slice and
    // the length it wrote into `len`.
    unsafe { socket_call(GETSOCKOPT, args) }?;
    Ok((len as usize).min(value.len()))
}

/// close(2); the descriptor is gone whatever the answer (see the man page's NOTES).
pub(crate) fn close(fd: i32) -> Result<(), Errno> {
    // SAFETY: closing a descriptor number touches no memory of ours.
    check_zero(unsafe { syscall1(nr::CLOSE, fd as usize) })
}

/// write(2) of `bytes` to `fd`.
pub(crate) fn write(fd: i32, bytes: &[u8]) -> Result<usize, Errno> {
    // SAFETY: the kernel reads at most `bytes.len()` bytes from a live slice.
    check(unsafe { syscall3(nr::WRITE, fd as usize, bytes.as_ptr() as usize, bytes.len()) })
}

/// The fcntl(2) commands rawbind issues (the same numbers on every Linux
/// architecture).
pub(crate) const F_GETFD: u32 = 1;
pub(crate) const F_SETFD: u32 = 2;
pub(crate) const F_GETFL: u32 = 3;
pub(crate) const F_SETFL: u32 = 4;

/// fcntl(2) with an integer argument (every command rawbind issues takes one).
pub(crate) fn fcntl(fd: i32, command: u32, arg: usize) -> Result<usize, Errno> {
    // SAFETY: with an integer argument fcntl touches no memory of ours.
    check(unsafe { syscall3(nr::FCNTL, fd as usize, command as usize, arg) })
}

/// `struct pollfd`: a descriptor, the events asked about, those that happened.
#[repr(C)]
pub(crate) struct PollFd {
    pub(crate) fd: i32,
    pub(crate) events: i16,
    pub(crate) revents: i16,
}

/// ppoll(2) that does not wait (a zero timeout) and keeps the signal mask:
/// how many of `fds` have something in `revents`.
pub(crate) fn poll_now(fds: &mut [PollFd]) -> Result<usize, Errno> {
    // Zero seconds and nanoseconds, read as a 64-bit `timespec` or, by the
    // 32-bit-time ppoll of i386 and arm, as its 32-bit form.
    let timeout = [0u64; 2];
    // SAFETY: the kernel reads the timeout and reads and writes `fds.len()`
    // entries of `fds`, both live for the call; a null mask is not read.
    check(unsafe {
        syscall5(
            nr::PPOLL,
            fds.as_mut_ptr() as usize,
            fds.len(),
            timeout.as_ptr() as usize,
            0,
            0,
        )
    })
}

/// openat(2) relative to the working directory; the descriptor it gives.
pub(crate) fn open(path: &core::ffi::CStr, flags: usize) -> Result<i32, Errno> {
    const AT_FDCWD: isize = -100;
    // SAFETY: the kernel reads the NUL-terminated path, which lives for the call.
    check(unsafe { syscall3(nr::OPENAT, AT_FDCWD as usize, path.as_ptr() as usize, flags) })
        .map(|fd| fd as i32)
}

/// `rt_sigaction(2)` setting `signal`'s disposition to `SIG_IGN`.
pub(crate) fn ignore_signal(signal: usize) -> Result<(), Errno> {
    use crate::arch::signal::{HANDLER_WORD, MASK_BYTES};
    const SIG_IGN: usize = 1;
    // Room for the kernel's `struct sigaction` on every arch: no flags, an
    // empty mask, and no restorer, which SIG_IGN never needs.
    let mut action = [0usize; 5];
    action[HANDLER_WORD] = SIG_IGN;
    // SAFETY: the kernel reads one `struct sigaction` from `action` (large
    // enough) and, with a null old-action pointer, writes nothing.
    check_zero(unsafe {
        syscall4(
            nr::RT_SIGACTION,
            signal,
            action.as_ptr() as usize,
            0,
            MASK_BYTES,
        )
    })
}

/// `exit_group(2)`.
pub(crate) fn exit(code: i32) -> ! {
    // SAFETY: ending the process touches no memory of ours.
    unsafe { syscall1(nr::EXIT_GROUP, code as usize) };
    // SAFETY: exit_group(2) does not return.
    unsafe { core::hint::unreachable_unchecked() }
}

// Process calls for the privilege drop, socket activation and socket files.

/// A system call that takes integers only and touches no memory of ours.
#[inline]
pub(crate) fn integers<const N: usize>(number: usize, args: [usize; N]) -> Result<usize, Errno> {
    // SAFETY: every caller passes a call from the arch file's `nr` whose
    // arguments are all integers (ids, flags, descriptor numbers, masks).
    unsafe { call(number, args) }
}

/// capset(2) with every capability set empty (effective, permitted,
/// inheritable), for this thread (pid 0).
pub(crate) fn clear_capabilities() -> Result<(), Errno> {
    const LINUX_CAPABILITY_VERSION_3: u32 = 0x2008_0522;
    let header = [LINUX_CAPABILITY_VERSION_3, 0];
    // Two `__user_cap_data_struct`s: 64 capabilities.
    let data = [0u32; 6];
    // SAFETY: the kernel reads the header (version, pid) and two data
    // structs, all live for the call.
    check_zero(unsafe {
        kernel_answer(
            nr::CAPSET,
            [header.as_ptr() as usize, data.as_ptr() as usize],
        )
    })
}

/// The file type bits (`S_IFMT` of `stx_mode`) of `path`, without following
/// a final symlink (statx(2) with `AT_SYMLINK_NOFOLLOW`, `STATX_TYPE`).
pub(crate) fn file_type(path: &core::ffi::CStr) -> Result<u32, Errno> {
    const AT_FDCWD: isize = -100;
    const AT_SYMLINK_NOFOLLOW: usize = 0x100;
    const STATX_TYPE: usize = 1;
    const S_IFMT: u32 = 0o170000;
    // `struct statx` is 256 bytes on every arch; `stx_mode` is the u16 at 28.
    let mut statx = [0u8; 256];
    let args = [
        AT_FDCWD as usize,
        path.as_ptr() as usize,
        AT_SYMLINK_NOFOLLOW,
        STATX_TYPE,
        statx.as_mut_ptr() as usize,
    ];
    // SAFETY: the kernel reads the NUL-terminated path and writes one
    // `struct statx` (256 bytes) into `statx`, both live for the call.
    unsafe { call(nr::STATX, args) }?;
    Ok(u32::from(u16::from_ne_bytes([statx[28], statx[29]])) & S_IFMT)
}

/// unlinkat(2) of a file (not a directory).
pub(crate) fn unlink(path: &core::ffi::CStr) -> Result<(), Errno> {
    const AT_FDCWD: isize = -100;
    // SAFETY: the kernel reads the NUL-terminated path, live for the call.
    check_zero(unsafe {
        kernel_answer(nr::UNLINKAT, [AT_FDCWD as usize, path.as_ptr() as usize, 0])
    })
}

#[cfg(test)]
mod tests {
    use super::{check, check_zero};
    use crate::Errno;

    #[test]
    fn zero_on_success_is_one_negation() {
        assert_eq!(check_zero(0), Ok(()));
        assert_eq!(check_zero(-22), Err(Errno::EINVAL));
        assert_eq!(check_zero(-4095).map_err(Errno::raw), Err(4095));
        // No kernel answers these; a supervisor could. Impossible numbers,
        // not a success and not a real errno.
        assert_eq!(check_zero(5).map_err(Errno::raw), Err(65531));
        assert_eq!(check_zero(-4096).map_err(Errno::raw), Err(4096));
        // Both conversions agree on every answer a kernel gives.
        for ret in -4095..=0 {
            assert_eq!(check_zero(ret), check(ret).map(drop), "answer {ret}");
        }
    }
}
