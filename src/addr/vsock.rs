//! Virtual-machine socket addresses (`struct sockaddr_vm`, vsock(7)).

use core::fmt::{self, Write};
use core::mem::{offset_of, size_of};
use static_assertions::{assert_eq_size, const_assert_eq};

use super::notation::{c_hex, named};
use super::{family_start, field, notation, set, AddressError, Found};
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
/// (which machine), a port and flags. Kept as the 16 bytes the kernel reads.
///
/// ```
/// use rawbind::VsockAddr;
/// let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
/// assert_eq!((any.cid(), any.port(), any.flags()), (u32::MAX, u32::MAX, 0));
/// let to_host = any.with_flags(VsockAddr::FLAG_TO_HOST);
/// assert_eq!(to_host.flags(), 1);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct VsockAddr {
    /// Always 16 (see [`InetAddr`](crate::InetAddr)'s).
    encoded: u32,
    svm: [u8; size_of::<SockaddrVm>()],
}

super::starts_alike!(VsockAddr, svm);

impl VsockAddr {
    /// `VMADDR_CID_ANY`: bind to any context id of this machine.
    pub const CID_ANY: u32 = u32::MAX;
    /// `VMADDR_PORT_ANY`: let bind(2) choose a free port.
    pub const PORT_ANY: u32 = u32::MAX;
    /// `VMADDR_FLAG_TO_HOST`: route to the host even from a nested guest.
    pub const FLAG_TO_HOST: u8 = 1;

    /// Context id `cid` (`svm_cid`) and `port` (`svm_port`), no flags.
    #[must_use]
    pub const fn new(cid: u32, port: u32) -> VsockAddr {
        let mut svm: [u8; size_of::<SockaddrVm>()] = family_start(Family::VSOCK);
        svm = set(svm, offset_of!(SockaddrVm, port), port.to_ne_bytes());
        svm = set(svm, offset_of!(SockaddrVm, cid), cid.to_ne_bytes());
        VsockAddr {
            encoded: size_of::<SockaddrVm>() as u32,
            svm,
        }
    }

    /// The same address with `svm_flags` set to `flags`.
    #[must_use]
    pub const fn with_flags(self, flags: u8) -> VsockAddr {
        VsockAddr {
            encoded: self.encoded,
            svm: set(self.svm, offset_of!(SockaddrVm, flags), [flags]),
        }
    }

    /// The context id (`svm_cid`).
    #[must_use]
    pub const fn cid(&self) -> u32 {
        u32::from_ne_bytes(field(&self.svm, offset_of!(SockaddrVm, cid)))
    }

    /// The port (`svm_port`).
    #[must_use]
    pub const fn port(&self) -> u32 {
        u32::from_ne_bytes(field(&self.svm, offset_of!(SockaddrVm, port)))
    }

    /// The flags (`svm_flags`).
    #[must_use]
    pub const fn flags(&self) -> u8 {
        self.svm[offset_of!(SockaddrVm, flags)]
    }

    pub(super) fn decode(found: Found<'_>) -> Result<VsockAddr, AddressError> {
        found.needs(size_of::<SockaddrVm>())?;
        let [flags] = found.field(offset_of!(SockaddrVm, flags));
        Ok(VsockAddr::new(
            u32::from_ne_bytes(found.field(offset_of!(SockaddrVm, cid))),
            u32::from_ne_bytes(found.field(offset_of!(SockaddrVm, port))),
        )
        .with_flags(flags))
    }

    /// strace's fields after `sa_family`, with the `VMADDR_*` names.
    pub(super) fn strace(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(", svm_cid=")?;
        named(f, self.cid(), VSOCK_CIDS, "")?;
        f.write_str(", svm_port=")?;
        named(f, self.port(), &[(u32::MAX, "VMADDR_PORT_ANY")], "")?;
        f.write_str(", svm_flags=")?;
        match self.flags() {
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

super::lend_whole!(VsockAddr, svm);

impl fmt::Debug for VsockAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VsockAddr")
            .field("cid", &self.cid())
            .field("port", &self.port())
            .field("flags", &self.flags())
            .finish()
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
        any_or(f, self.cid())?;
        f.write_char(':')?;
        any_or(f, self.port())
    }
}

const VSOCK_CIDS: &[(u32, &str)] = &[
    (u32::MAX, "VMADDR_CID_ANY"),
    (0, "VMADDR_CID_HYPERVISOR"),
    (1, "VMADDR_CID_LOCAL"),
    (2, "VMADDR_CID_HOST"),
];
