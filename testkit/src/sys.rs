//! The system calls only the tests need (files, pipes, users, namespaces,
//! child processes, seccomp), built on `rawbind::raw::syscall` with the
//! numbers of the arch file rawbind was built with.

use rawbind::raw::{self, nr, syscall, O_CLOEXEC};
use rawbind::Errno;

const AT_FDCWD: isize = -100;
const AT_REMOVEDIR: usize = 0x200;

/// A path as the kernel wants it: NUL-terminated, in a fixed buffer.
fn c_path(path: &[u8]) -> Result<[u8; 512], Errno> {
    let mut buf = [0; 512];
    if path.len() >= buf.len() || path.contains(&0) {
        return Err(Errno::ENAMETOOLONG);
    }
    buf[..path.len()].copy_from_slice(path);
    Ok(buf)
}

/// getpid(2).
pub fn getpid() -> u32 {
    // SAFETY: getpid reads no memory (and cannot fail).
    unsafe { syscall(nr::GETPID, []) }.unwrap_or(0) as u32
}

/// pipe2(2) with O_CLOEXEC: (read end, write end).
pub fn pipe() -> Result<(i32, i32), Errno> {
    let mut fds = [0i32; 2];
    // SAFETY: the kernel writes two ints into `fds`.
    unsafe { syscall(nr::PIPE2, [fds.as_mut_ptr() as usize, O_CLOEXEC]) }?;
    Ok((fds[0], fds[1]))
}

/// `struct pollfd`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollFd {
    pub fd: i32,
    pub events: i16,
    pub revents: i16,
}

/// ppoll(2) with a zero timeout and no signal mask, as `entry!` asks after
/// descriptors 0, 1 and 2: how many entries have `revents`.
pub fn poll_now(fds: &mut [PollFd]) -> Result<usize, Errno> {
    let timeout = [0u64; 2];
    let (fds, len) = (fds.as_mut_ptr() as usize, fds.len());
    // SAFETY: the kernel reads the timeout and reads and writes `len`
    // entries of `fds`, both live for the call.
    unsafe { syscall(nr::PPOLL, [fds, len, timeout.as_ptr() as usize, 0, 0]) }
}

/// close(2) of a descriptor the caller owns.
pub fn close(fd: i32) -> Result<(), Errno> {
    // SAFETY: the callers close only descriptors they opened here.
    unsafe { syscall(nr::CLOSE, [fd as usize]) }.map(drop)
}

/// An `*at` call on a NUL-terminated copy of `path`, relative to the working
/// directory, with up to three more arguments.
fn at_path(nr: usize, path: &[u8], rest: [usize; 3]) -> Result<usize, Errno> {
    let path = c_path(path)?;
    let path = path.as_ptr() as usize;
    // SAFETY: `path` is NUL-terminated and lives across the call; every
    // caller passes the integer arguments its call expects.
    unsafe { syscall(nr, [AT_FDCWD as usize, path, rest[0], rest[1], rest[2]]) }
}

/// mkdirat(2) with `mode` (the umask still applies).
pub fn mkdir(path: &[u8], mode: u32) -> Result<(), Errno> {
    at_path(nr::MKDIRAT, path, [mode as usize, 0, 0]).map(drop)
}

/// mknodat(2) of an empty regular file, mode 0600.
pub fn make_file(path: &[u8]) -> Result<(), Errno> {
    const S_IFREG: usize = 0o100000;
    at_path(nr::MKNODAT, path, [S_IFREG | 0o600, 0, 0]).map(drop)
}

/// openat(2) with `flags`, close-on-exec.
fn open(path: &[u8], flags: usize) -> Result<i32, Errno> {
    at_path(nr::OPENAT, path, [flags | O_CLOEXEC, 0, 0]).map(|fd| fd as i32)
}

/// openat(2) for reading, close-on-exec.
pub fn open_read(path: &[u8]) -> Result<i32, Errno> {
    open(path, 0) // O_RDONLY
}

/// unlinkat(2) of a file (`dir == false`) or an empty directory.
pub fn unlink(path: &[u8], dir: bool) -> Result<(), Errno> {
    let flags = if dir { AT_REMOVEDIR } else { 0 };
    at_path(nr::UNLINKAT, path, [flags, 0, 0]).map(drop)
}

/// symlinkat(2): a link at `path` that points to `target`.
pub fn symlink(target: &[u8], path: &[u8]) -> Result<(), Errno> {
    let target = c_path(target)?;
    let path = c_path(path)?;
    // SAFETY: both paths are NUL-terminated and live across the call.
    let args = [
        target.as_ptr() as usize,
        AT_FDCWD as usize,
        path.as_ptr() as usize,
    ];
    unsafe { syscall(nr::SYMLINKAT, args) }.map(drop)
}

/// read(2) into `buf`.
pub fn read(fd: i32, buf: &mut [u8]) -> Result<usize, Errno> {
    // SAFETY: the kernel writes at most `buf.len()` bytes into a live buffer.
    unsafe {
        syscall(
            nr::READ,
            [fd as usize, buf.as_mut_ptr() as usize, buf.len()],
        )
    }
}

/// write(2).
pub fn write(fd: i32, bytes: &[u8]) -> Result<usize, Errno> {
    // SAFETY: the kernel reads at most `bytes.len()` bytes from a live slice.
    unsafe {
        syscall(
            nr::WRITE,
            [fd as usize, bytes.as_ptr() as usize, bytes.len()],
        )
    }
}

/// Writes `bytes` to the start of an existing file (a /proc/sys setting).
pub fn write_file(path: &[u8], bytes: &[u8]) -> Result<(), Errno> {
    const O_WRONLY: usize = 1;
    let fd = open(path, O_WRONLY)?;
    let wrote = write(fd, bytes);
    close(fd)?;
    match wrote? == bytes.len() {
        true => Ok(()),
        false => Err(Errno::EIO),
    }
}

/// Reads a small file whole (at most `buf.len()` bytes).
pub fn read_file<'b>(path: &[u8], buf: &'b mut [u8]) -> Result<&'b [u8], Errno> {
    let fd = open_read(path)?;
    let got = read(fd, buf);
    close(fd)?;
    Ok(&buf[..got?])
}

/// Drops to `id` as real, effective and saved uid and gid, with no
/// supplementary groups: from root, an ordinary user without capabilities.
pub fn become_user(id: u32) -> Result<(), Errno> {
    let id = id as usize;
    // SAFETY: setgroups reads no memory when the count is zero; the id calls
    // take integers only.
    unsafe {
        syscall(nr::SETGROUPS, [0, 0])?;
        syscall(nr::SETRESGID, [id, id, id])?;
        syscall(nr::SETRESUID, [id, id, id]).map(drop)
    }
}

/// Moves the calling process into a mount namespace of its own, with mount
/// events no longer shared with the namespace it left (as `unshare -m` does).
pub fn private_mounts() -> Result<(), Errno> {
    const CLONE_NEWNS: usize = 0x20000;
    const MS_REC: usize = 0x4000;
    const MS_PRIVATE: usize = 1 << 18;
    // SAFETY: unshare takes flags only.
    unsafe { syscall(nr::UNSHARE, [CLONE_NEWNS]) }?;
    mount(b"none", b"/", b"", MS_REC | MS_PRIVATE)
}

/// Moves the calling process into a network namespace of its own: only a
/// loopback interface, down, and its own /proc/sys/net settings.
pub fn private_network() -> Result<(), Errno> {
    const CLONE_NEWNET: usize = 0x4000_0000;
    // SAFETY: unshare takes flags only.
    unsafe { syscall(nr::UNSHARE, [CLONE_NEWNET]) }.map(drop)
}

/// Mounts an empty, read-only tmpfs on `dir`.
pub fn mount_read_only_tmpfs(dir: &[u8]) -> Result<(), Errno> {
    const MS_RDONLY: usize = 1;
    mount(b"rawbind", dir, b"tmpfs", MS_RDONLY)
}

/// mount(2) without data; an empty `fstype` is passed as NULL.
fn mount(source: &[u8], target: &[u8], fstype: &[u8], flags: usize) -> Result<(), Errno> {
    let (source, target, fstype_buf) = (c_path(source)?, c_path(target)?, c_path(fstype)?);
    let fstype = if fstype.is_empty() {
        0
    } else {
        fstype_buf.as_ptr() as usize
    };
    // SAFETY: the strings are NUL-terminated and live across the call; the
    // data pointer is NULL.
    let args = [
        source.as_ptr() as usize,
        target.as_ptr() as usize,
        fstype,
        flags,
        0,
    ];
    unsafe { syscall(nr::MOUNT, args) }.map(drop)
}

/// Why [`in_child`] has no answer.
#[derive(Debug)]
pub enum ChildFailed {
    /// clone(2), pipe2(2) or waitid(2) failed.
    Os(Errno),
    /// The child ended (or was killed) without writing its answer.
    NoAnswer,
}

/// A child process started by [`spawn`], whose answer [`Child::wait`] reads.
#[must_use]
pub struct Child {
    pid: usize,
    answer: i32,
}

/// Starts `body` in a child process (clone(2) without shared memory: a
/// fork); it runs alongside the caller until [`Child::wait`].
///
/// # Safety
/// The child is a copy of one thread: `body` must not wait on anything other
/// threads might hold (locks, the allocator). It may not unwind.
pub unsafe fn spawn(body: impl FnOnce() -> u32) -> Result<Child, ChildFailed> {
    let (read_end, write_end) = pipe().map_err(ChildFailed::Os)?;
    // s390 takes the new stack first and the flags second (CLONE_BACKWARDS2).
    let (a0, a1) = match cfg!(target_arch = "s390x") {
        true => (0, raw::SIGCHLD),
        false => (raw::SIGCHLD, 0),
    };
    // SAFETY: no CLONE_VM and no new stack: the child runs on its own copy of
    // this stack and memory, and leaves by exit_group below. (qemu-user
    // emulates a fork only with SIGCHLD as the exit signal.)
    let pid = match unsafe { syscall(nr::CLONE, [a0, a1]) } {
        Ok(pid) => pid,
        Err(errno) => {
            let _ = (close(read_end), close(write_end));
            return Err(ChildFailed::Os(errno));
        }
    };
    if pid == 0 {
        let _ = close(read_end);
        let answer = body().to_ne_bytes();
        let _ = write(write_end, &answer);
        // exit_group itself, not `rt::exit`: the child must not flush its
        // copy of the parent's buffered output.
        // SAFETY: ending the child process is always sound.
        let _ = unsafe { syscall(nr::EXIT_GROUP, [0]) };
        unreachable!("exit_group returned");
    }
    let _ = close(write_end);
    Ok(Child {
        pid,
        answer: read_end,
    })
}

impl Child {
    /// Waits for the child to end; the number its body returned.
    pub fn wait(self) -> Result<u32, ChildFailed> {
        // waitid(2), not wait4: riscv32 has only the former. P_PID, WEXITED.
        let mut info = [0u64; 16]; // siginfo_t, 128 bytes
        let waited = loop {
            // SAFETY: the kernel writes a siginfo_t into `info`; no rusage.
            match unsafe { syscall(nr::WAITID, [1, self.pid, info.as_mut_ptr() as usize, 4, 0]) } {
                Err(Errno::EINTR) => continue,
                other => break other,
            }
        };
        let mut answer = [0u8; 4];
        let got = read(self.answer, &mut answer);
        let _ = close(self.answer);
        waited.map_err(ChildFailed::Os)?;
        match got {
            Ok(4) => Ok(u32::from_ne_bytes(answer)),
            _ => Err(ChildFailed::NoAnswer),
        }
    }
}

/// Runs `body` in a child process and returns the number it produced.
///
/// # Safety
/// As [`spawn`].
pub unsafe fn in_child(body: impl FnOnce() -> u32) -> Result<u32, ChildFailed> {
    // SAFETY: forwarded from the caller.
    unsafe { spawn(body) }?.wait()
}

/// umask(2): sets the file-mode creation mask, answers the old one.
pub fn umask(mask: u32) -> u32 {
    // SAFETY: umask takes an integer and cannot fail.
    unsafe { syscall(nr::UMASK, [mask as usize]) }.unwrap_or(0) as u32
}

/// The permission bits and type of `path` (statx(2), not following a final
/// symlink): `stx_mode`.
pub fn mode_of(path: &[u8]) -> Result<u32, Errno> {
    const AT_SYMLINK_NOFOLLOW: usize = 0x100;
    const STATX_MODE: usize = 0x3; // STATX_TYPE | STATX_MODE
    let path = c_path(path)?;
    let mut statx = [0u8; 256];
    let args = [
        AT_FDCWD as usize,
        path.as_ptr() as usize,
        AT_SYMLINK_NOFOLLOW,
        STATX_MODE,
        statx.as_mut_ptr() as usize,
    ];
    // SAFETY: the kernel reads the NUL-terminated path and writes one
    // 256-byte `struct statx`, both live for the call.
    unsafe { syscall(nr::STATX, args) }?;
    Ok(u32::from(u16::from_ne_bytes([statx[28], statx[29]])))
}

/// The descriptor flags of `fd` (fcntl `F_GETFD`; 1 is `FD_CLOEXEC`).
pub fn fd_flags(fd: i32) -> Result<u32, Errno> {
    // SAFETY: F_GETFD takes no argument and touches no memory.
    unsafe { syscall(nr::FCNTL, [fd as usize, 1, 0]) }.map(|flags| flags as u32)
}

/// getuid(2) and getgid(2).
pub fn ids() -> (u32, u32) {
    // SAFETY: both take nothing and cannot fail.
    unsafe {
        (
            syscall(nr::GETUID, []).unwrap_or(0) as u32,
            syscall(nr::GETGID, []).unwrap_or(0) as u32,
        )
    }
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
    unsafe { syscall(nr::SECCOMP, [1, 0, &prog as *const SockFprog as usize]) }.map(drop)
}
