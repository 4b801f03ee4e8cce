//! Syscall numbers of the kernel's generic table
//! (`include/uapi/asm-generic/unistd.h`), which aarch64, riscv64, riscv32
//! and loongarch64 share. Each of their arch files includes it as `nr`.

pub const SOCKET: usize = 198;
pub const BIND: usize = 200;
pub const GETSOCKNAME: usize = 204;
pub const CONNECT: usize = 203;
pub const LISTEN: usize = 201;
pub const ACCEPT4: usize = 242;
pub const GETSOCKOPT: usize = 209;
pub const SETSOCKOPT: usize = 208;
pub const CLOSE: usize = 57;
pub const WRITE: usize = 64;
pub const EXIT_GROUP: usize = 94;
pub const GETPID: usize = 172;
pub const PIPE2: usize = 59;
pub const UNLINKAT: usize = 35;
pub const MKDIRAT: usize = 34;
pub const SECCOMP: usize = 277;
pub const READ: usize = 63;
pub const OPENAT: usize = 56;
pub const MKNODAT: usize = 33;
pub const SYMLINKAT: usize = 36;
pub const CLONE: usize = 220;
pub const WAITID: usize = 95;
pub const SETRESUID: usize = 147;
pub const SETRESGID: usize = 149;
pub const SETGROUPS: usize = 159;
pub const UNSHARE: usize = 97;
pub const MOUNT: usize = 40;
/// fcntl, named fcntl64 in the 32-bit tables (riscv32); the number is the same.
pub const FCNTL: usize = 25;
/// ppoll. riscv32 has none of the calls that take a 32-bit `time_t`, so
/// there it is `ppoll_time64`, the same call with a 64-bit `timespec`.
pub const PPOLL: usize = if cfg!(target_pointer_width = "32") {
    PPOLL_TIME64
} else {
    73
};
pub const PPOLL_TIME64: usize = 414;
pub const RT_SIGACTION: usize = 134;
pub const SENDTO: usize = 206;
pub const RECVFROM: usize = 207;
pub const SHUTDOWN: usize = 210;
pub const GETPEERNAME: usize = 205;
pub const SOCKETPAIR: usize = 199;
pub const SENDMSG: usize = 211;
pub const RECVMSG: usize = 212;
pub const PRCTL: usize = 167;
pub const CAPSET: usize = 91;
pub const UMASK: usize = 166;
pub const FLOCK: usize = 32;
pub const STATX: usize = 291;
pub const GETUID: usize = 174;
pub const GETGID: usize = 176;
