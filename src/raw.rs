//! The unsafe entry: bind(2) with a descriptor number, a pointer and a length,
//! for addresses and descriptors the safe API does not model.

use core::ffi::c_void;

use crate::{sys, Errno};

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
    unsafe { sys::socket_call(sys::BIND, [fd as usize, addr as usize, len as usize]) }.map(drop)
}
