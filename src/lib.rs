//! `bind(2)`, and the calls a socket needs around it, issued directly with
//! inline assembly: no libc, no allocation, `#![no_std]`.
//!
//! Each supported architecture has one file in `arch/` with its syscall
//! numbers and the instruction sequence that issues them; `build.rs` picks it
//! and refuses targets it does not know. Everything else lives once, here.
//!
//! ```
//! use core::net::{Ipv4Addr, SocketAddrV4};
//! use rawbind::{bind, getsockname, socket, Family, SocketAddress, SocketType};
//!
//! let sock = socket(Family::INET, SocketType::STREAM)?;
//! bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
//! let SocketAddress::Inet(bound) = getsockname(&sock)? else { unreachable!() };
//! assert_eq!(bound.ip(), Ipv4Addr::LOCALHOST);
//! assert_ne!(bound.port(), 0); // the kernel picked an ephemeral port
//! # Ok::<(), rawbind::Error>(())
//! ```
//!
//! Supported: Linux on `x86_64`, x32, i386, aarch64, 32-bit Arm (Arm and
//! Thumb-2), riscv64, riscv32, loongarch64, s390x, powerpc64le, and (opt-in,
//! nightly) mips64/mips64el. On i386, s390x and powerpc64le the direct socket
//! calls are tried first and socketcall(2) is the fallback, for kernels
//! before 4.3 and seccomp filters that refuse the direct calls.
#![no_std]
#![cfg_attr(rawbind_arch = "mips64", feature(asm_experimental_arch))]
// docs.rs (`--cfg docsrs`, nightly) marks each `std` item with its feature.
#![cfg_attr(docsrs, feature(doc_cfg))]
// Only the modules that speak to the kernel or to raw memory opt back in,
// each with its reason where it is declared below.
#![deny(unsafe_code)]
// Clippy's pedantic lints are on (Cargo.toml); these are allowed, here only:
#![allow(
    // Casts at the system-call boundary are the ABI: register-width
    // arguments, -errno in a word, 32-bit lengths and descriptor numbers.
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    // The word-at-a-time memory functions cast only after aligning the pointer.
    clippy::cast_ptr_alignment,
    // Syscall numbers and flags are written as the kernel's tables and
    // headers write them (decimal numbers with the x32 bit, octal O_* flags).
    clippy::decimal_bitwise_operands,
    clippy::unreadable_literal,
    // A syscall wrapper that is not inlined costs a call per system call.
    clippy::inline_always,
    // Every error is the kernel's errno, and each function names its man page.
    clippy::missing_errors_doc,
    // Names follow the C fields and registers they mirror (argc/argv, a0..a5).
    clippy::similar_names,
    clippy::many_single_char_names,
    // `Args` and `Vars` are cursors over the process's arrays: a copy restarts.
    clippy::copy_iterator,
    // The address types are passed by reference like every other `ToSocketAddr`.
    clippy::trivially_copy_pass_by_ref
)]

#[cfg(any(test, feature = "std"))]
extern crate std;

#[cfg_attr(rawbind_arch = "x86_64", path = "../arch/x86_64.rs")]
#[cfg_attr(rawbind_arch = "x86", path = "../arch/x86.rs")]
#[cfg_attr(rawbind_arch = "x32", path = "../arch/x32.rs")]
#[cfg_attr(rawbind_arch = "aarch64", path = "../arch/aarch64.rs")]
#[cfg_attr(rawbind_arch = "arm", path = "../arch/arm.rs")]
#[cfg_attr(rawbind_arch = "riscv", path = "../arch/riscv.rs")]
#[cfg_attr(rawbind_arch = "loongarch64", path = "../arch/loongarch64.rs")]
#[cfg_attr(rawbind_arch = "s390x", path = "../arch/s390x.rs")]
#[cfg_attr(rawbind_arch = "powerpc64", path = "../arch/powerpc64.rs")]
#[cfg_attr(rawbind_arch = "mips64", path = "../arch/mips64.rs")]
#[allow(dead_code, unused_imports, missing_docs, clippy::missing_safety_doc)]
#[allow(unsafe_code)] // the asm that issues system calls, and `_start`
mod arch;

mod addr;
mod errno;
#[allow(unsafe_code)] // builds and lends descriptors from raw numbers
mod fd;
mod hint;
mod io;
mod option;
mod privilege;
#[allow(unsafe_code)] // the unsafe layer for callers: raw pointers and syscall numbers
pub mod raw;
#[allow(unsafe_code)] // the program's start, its memory functions and exit
pub mod rt;
mod socket;
#[cfg(feature = "std")]
#[allow(unsafe_code)] // std's descriptors to and from rawbind's
mod std_interop;
#[allow(unsafe_code)] // the one bridge from typed calls to the arch files' asm
mod sys;
mod unix_file;

use core::fmt;

pub use addr::{
    AddressError, Inet6Addr, InetAddr, NetlinkAddr, PacketAddr, RawSocketAddr, SocketAddress,
    Strace, ToSocketAddr, UnixAddr, VsockAddr, ABSTRACT_NAME_MAX, HARDWARE_ADDRESS_MAX,
    SOCKADDR_STORAGE_LEN, UNIX_PATH_MAX,
};
pub use errno::Errno;
pub use fd::{AsSocket, BorrowedSocket, OwnedDescriptor, OwnedSocket};
pub use io::{
    nonblocking, recv, recv_with_fds, send, send_all, send_with_fds, set_nonblocking, MsgFlags,
    Received, MAX_FDS_PER_MESSAGE,
};
pub use option::{
    bind_address_no_port, bind_to_device, bound_device, freebind, int_option, ipv6_freebind,
    peer_credentials, reuse_address, reuse_port, set_bind_address_no_port, set_freebind,
    set_int_option, set_ipv6_freebind, set_reuse_address, set_reuse_port, set_v6only,
    socket_family, socket_type, v6only, Credentials, DeviceNameError, InterfaceName,
};
pub use privilege::{drop_privileges, DropError, DropOptions, DropStep};
pub use socket::{
    accept, bind, connect, getpeername, getpeername_raw, getsockname, getsockname_raw, listen,
    shutdown, socket, socket_with_protocol, socketpair, Family, Shutdown, SocketType,
};
pub use unix_file::{bind_reclaiming, bind_with_mode, SocketFileError};

/// Either the kernel refused (its [`Errno`]) or an address did not make sense
/// ([`AddressError`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// The kernel's answer.
    Os(Errno),
    /// An address refused before the kernel saw it, or one the kernel handed
    /// back that cannot be decoded.
    Address(AddressError),
}

impl From<Errno> for Error {
    fn from(errno: Errno) -> Self {
        Error::Os(errno)
    }
}

impl From<AddressError> for Error {
    fn from(error: AddressError) -> Self {
        Error::Address(error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Os(errno) => write!(f, "{errno:?}: {errno}"),
            Error::Address(error) => error.fmt(f),
        }
    }
}

impl core::error::Error for Error {}

/// `Os` keeps its number ([`std::io::Error::raw_os_error`]); `Address`
/// becomes `InvalidInput` carrying the [`AddressError`] (this boxes it).
///
/// ```
/// # fn main() -> std::io::Result<()> {
/// use rawbind::{UnixAddr, Error};
/// let refused = UnixAddr::new_path([b'x'; 109]).map_err(Error::from);
/// let io = std::io::Error::from(refused.unwrap_err());
/// assert_eq!(io.kind(), std::io::ErrorKind::InvalidInput);
/// # Ok(()) }
/// ```
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl From<Error> for std::io::Error {
    fn from(error: Error) -> Self {
        match error {
            Error::Os(errno) => errno.into(),
            Error::Address(error) => std::io::Error::new(std::io::ErrorKind::InvalidInput, error),
        }
    }
}
