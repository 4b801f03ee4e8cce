//! Values every architecture shares but mips64 (which has its own): socket
//! types, `SOL_SOCKET` options, SIGCHLD, and socketcall(2)'s call numbers
//! for the arches that have it. Each arch file includes this as `common`.

/// socketcall(2) call numbers (`SYS_*` in `include/uapi/linux/net.h`).
pub mod socketcall {
    pub const SOCKET: usize = 1;
    pub const BIND: usize = 2;
    pub const CONNECT: usize = 3;
    pub const LISTEN: usize = 4;
    pub const GETSOCKNAME: usize = 6;
    pub const GETPEERNAME: usize = 7;
    pub const SOCKETPAIR: usize = 8;
    pub const SENDTO: usize = 11;
    pub const RECVFROM: usize = 12;
    pub const SHUTDOWN: usize = 13;
    pub const SETSOCKOPT: usize = 14;
    pub const GETSOCKOPT: usize = 15;
    pub const SENDMSG: usize = 16;
    pub const RECVMSG: usize = 17;
    pub const ACCEPT4: usize = 18;
}

/// `socket(2)` type and flag values (`SOCK_CLOEXEC` is `O_CLOEXEC`,
/// `SOCK_NONBLOCK` is `O_NONBLOCK`).
pub mod sock {
    pub const STREAM: u32 = 1;
    pub const DGRAM: u32 = 2;
    pub const RAW: u32 = 3;
    pub const SEQPACKET: u32 = 5;
    pub const CLOEXEC: u32 = 0o2000000;
    pub const NONBLOCK: u32 = 0o4000;
}

/// `setsockopt(2)` levels and options (socket(7)).
pub mod sockopt {
    pub const SOL_SOCKET: u32 = 1;
    pub const SO_REUSEADDR: u32 = 2;
    pub const SO_REUSEPORT: u32 = 15;
    pub const SO_TYPE: u32 = 3;
    pub const SO_PEERCRED: u32 = 17;
    pub const SO_BINDTODEVICE: u32 = 25;
    pub const SO_DOMAIN: u32 = 39;
}

/// The signal a child's exit sends its parent (signal(7)).
pub const SIGCHLD: usize = 17;

/// What `rt_sigaction(2)` needs to ignore SIGPIPE: the signal, the word of the
/// kernel's `struct sigaction` that holds the handler, and the mask's size.
pub mod signal {
    pub const SIGPIPE: usize = 13;
    pub const HANDLER_WORD: usize = 0;
    pub const MASK_BYTES: usize = 8;
}
