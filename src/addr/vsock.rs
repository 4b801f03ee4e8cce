//! Virtual-machine socket addresses (`struct sockaddr_vm`, vsock(7)).

use core::fmt::{self, Write};
use core::mem::{offset_of, size_of};
use static_assertions::{assert_eq_size, const_assert_eq};

use super::notation::{c_hex, named};
use super::{notation, put, sealed, AddressError, Found, ToSocketAddr};
use crate::Family;

/// `struct sockaddr_vm` (`include/uapi/linux/vm_sockets.h`).
#[repr(C)]
#[allow(dead_code)] // a layout mirror: only its size and offsets are read
struct SockaddrVm {
    family: u16,
    reserved: u16,
    port: u32,
    cid: u32,
    flags: u8,
    zero: [u8; 3],
}

assert_eq_size!(SockaddrVm, [u8; 16]);
const_assert_eq!(offset_of!(SockaddrVm, port), 4);
const_assert_eq!(offset_of!(SockaddrVm, cid), 8);
const_assert_eq!(offset_of!(SockaddrVm, flags), 12);

/// An `AF_VSOCK` address (`struct sockaddr_vm`, vsock(7)): a context id
/// (which machine) and a port.
///
/// ```
/// use rawbind::VsockAddr;
/// let any = VsockAddr { cid: VsockAddr::CID_ANY, port: VsockAddr::PORT_ANY, flags: 0 };
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct VsockAddr {
    /// `svm_cid`: the context id.
    pub cid: u32,
    /// `svm_port`.
    pub port: u32,
    /// `svm_flags` (`VMADDR_FLAG_TO_HOST` is 1).
    pub flags: u8,
}

impl VsockAddr {
    /// `VMADDR_CID_ANY`: bind to any context id of this machine.
    pub const CID_ANY: u32 = u32::MAX;
    /// `VMADDR_PORT_ANY`: let bind(2) choose a free port.
    pub const PORT_ANY: u32 = u32::MAX;
}

impl VsockAddr {
    pub(super) fn decode(found: Found<'_>) -> Result<VsockAddr, AddressError> {
        found.needs(size_of::<SockaddrVm>())?;
        let [flags] = found.field(offset_of!(SockaddrVm, flags));
        Ok(VsockAddr {
            cid: u32::from_ne_bytes(found.field(offset_of!(SockaddrVm, cid))),
            port: u32::from_ne_bytes(found.field(offset_of!(SockaddrVm, port))),
            flags,
        })
    }

    /// strace's fields after `sa_family`, with the `VMADDR_*` names.
    pub(super) fn strace(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(", svm_cid=")?;
        named(f, self.cid, VSOCK_CIDS, "")?;
        f.write_str(", svm_port=")?;
        named(f, self.port, &[(u32::MAX, "VMADDR_PORT_ANY")], "")?;
        f.write_str(", svm_flags=")?;
        match self.flags {
            0 => f.write_char('0'),
            1 => f.write_str("VMADDR_FLAG_TO_HOST"),
            flags if flags & 1 != 0 => {
                f.write_str("VMADDR_FLAG_TO_HOST|")?;
                c_hex(f, (flags & !1).into())
            }
            flags => {
                c_hex(f, flags.into())?;
                f.write_str(" /* VMADDR_FLAG_??? */")
            }
        }
    }
}

impl sealed::Sealed for VsockAddr {}
impl ToSocketAddr for VsockAddr {
    #[inline]
    fn with_sockaddr<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        let mut svm = [0; size_of::<SockaddrVm>()];
        put(
            &mut svm,
            offset_of!(SockaddrVm, family),
            Family::VSOCK.0.to_ne_bytes(),
        );
        put(
            &mut svm,
            offset_of!(SockaddrVm, port),
            self.port.to_ne_bytes(),
        );
        put(
            &mut svm,
            offset_of!(SockaddrVm, cid),
            self.cid.to_ne_bytes(),
        );
        put(&mut svm, offset_of!(SockaddrVm, flags), [self.flags]);
        f(&svm)
    }
}

/// `vsock:CID:PORT`, with `any` for [`VsockAddr::CID_ANY`] and [`VsockAddr::PORT_ANY`].
impl fmt::Display for VsockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let any_or = |f: &mut fmt::Formatter<'_>, v: u32| match v {
            u32::MAX => f.write_str("any"),
            v => notation::decimal(f, v),
        };
        f.write_str("vsock:")?;
        any_or(f, self.cid)?;
        f.write_char(':')?;
        any_or(f, self.port)
    }
}

const VSOCK_CIDS: &[(u32, &str)] = &[
    (u32::MAX, "VMADDR_CID_ANY"),
    (0, "VMADDR_CID_HYPERVISOR"),
    (1, "VMADDR_CID_LOCAL"),
    (2, "VMADDR_CID_HOST"),
];
