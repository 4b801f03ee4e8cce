//! Unix-domain addresses (`struct sockaddr_un`, unix(7)): a path, an
//! abstract name or unnamed, each with the exact length the kernel expects.

use core::fmt::{self, Write};
use core::mem::{offset_of, size_of};
use static_assertions::{assert_eq_align, assert_eq_size, const_assert_eq};

use super::notation::{escaped, Quoted};
use super::{family_start, AddressError, Found, FAMILY_LEN};
use crate::Family;

/// Bytes in `sun_path` (`UNIX_PATH_MAX`): the longest filesystem path a Unix
/// address holds. A path of exactly this length has no room for a NUL and is
/// still accepted by the kernel.
pub const UNIX_PATH_MAX: usize = 108;

/// The longest abstract name: `sun_path` less the leading NUL that marks it.
pub const ABSTRACT_NAME_MAX: usize = UNIX_PATH_MAX - 1;

/// `struct sockaddr_un` (`include/uapi/linux/un.h`).
#[repr(C)]
#[allow(dead_code)] // a layout mirror: only its size and offsets are read
struct SockaddrUn {
    family: u16,
    path: [u8; UNIX_PATH_MAX],
}

assert_eq_size!(SockaddrUn, [u8; 110]);
assert_eq_align!(SockaddrUn, u16);
const_assert_eq!(offset_of!(SockaddrUn, path), FAMILY_LEN);

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum UnixKind {
    Path,
    Abstract,
    Unnamed,
}

/// A Unix-domain socket address in one of its three forms (see unix(7)):
/// a filesystem path, an abstract name, or unnamed.
///
/// Each form is encoded with the exact length the kernel expects: a path
/// gets `2 + len + 1` (its NUL; a 108-byte path has none), an abstract name
/// `2 + 1 + len` and no padding, unnamed `2` (bind(2) then autobinds).
///
/// ```
/// use rawbind::UnixAddr;
/// let path = UnixAddr::new_path("/run/demo.sock")?;
/// assert_eq!(path.path(), Some(&b"/run/demo.sock"[..]));
/// assert_eq!(path.encoded_len(), 2 + 14 + 1);
/// let name = UnixAddr::new_abstract(b"demo\0with nul")?;
/// assert_eq!(name.encoded_len(), 2 + 1 + 13);
/// assert_eq!(UnixAddr::new_unnamed().encoded_len(), 2);
/// # Ok::<(), rawbind::AddressError>(())
/// ```
///
/// The address is kept encoded, as the `struct sockaddr_un` the kernel
/// reads, so binding it lends those bytes with no copy.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct UnixAddr {
    /// The `addrlen` bind(2) receives ([`UnixAddr::encoded_len`]), kept so
    /// that lending the address computes nothing.
    encoded: u32,
    /// `struct sockaddr_un`: the family, then the path, or a NUL and the
    /// abstract name; zero past them.
    sun: [u8; SUN_ROOM],
    kind: UnixKind,
    /// The path's or the abstract name's length.
    len: u8,
}

super::starts_alike!(UnixAddr, sun);

/// Room for `sun`: exactly `struct sockaddr_un`.
const SUN_ROOM: usize = size_of::<SockaddrUn>();

/// Where a form's name starts in `sun`: after the family, and for an
/// abstract name after the NUL that marks it.
const fn name_start(kind: UnixKind) -> usize {
    match kind {
        UnixKind::Abstract => offset_of!(SockaddrUn, path) + 1,
        _ => offset_of!(SockaddrUn, path),
    }
}

/// The `addrlen` of a `kind` address whose name is `len` bytes: the family,
/// then a path and its NUL (none after a full 108 bytes), or the NUL that
/// marks an abstract name and the name.
const fn encoded_len(kind: UnixKind, len: u8) -> u32 {
    let len = len as u32;
    FAMILY_LEN as u32
        + match kind {
            UnixKind::Path if (len as usize) < UNIX_PATH_MAX => len + 1,
            UnixKind::Path => len,
            UnixKind::Abstract => 1 + len,
            UnixKind::Unnamed => 0,
        }
}

/// An encoding with no name: the family and zeros (unnamed).
const EMPTY: [u8; SUN_ROOM] = family_start(Family::UNIX);

impl UnixAddr {
    fn with(kind: UnixKind, name: &[u8]) -> UnixAddr {
        // Built here rather than copied from `EMPTY`: storing zeros takes a
        // few wide stores where a copy calls memcpy.
        let mut sun: [u8; SUN_ROOM] = family_start(Family::UNIX);
        let start = name_start(kind);
        let len = name.len().min(size_of::<SockaddrUn>() - start);
        sun[start..start + len].copy_from_slice(&name[..len]);
        UnixAddr {
            kind,
            len: len as u8,
            encoded: encoded_len(kind, len as u8),
            sun,
        }
    }

    /// A filesystem path of 1 to [`UNIX_PATH_MAX`] bytes, without NUL bytes.
    pub fn new_path(path: impl AsRef<[u8]>) -> Result<UnixAddr, AddressError> {
        let path = path.as_ref();
        if path.is_empty() {
            return Err(AddressError::EmptyPath);
        }
        if path.len() > UNIX_PATH_MAX {
            return Err(AddressError::PathTooLong { len: path.len() });
        }
        if let Some(position) = path.iter().position(|&b| b == 0) {
            return Err(AddressError::InteriorNul { position });
        }
        Ok(UnixAddr::with(UnixKind::Path, path))
    }

    /// An abstract name: any bytes, NULs included, at most [`ABSTRACT_NAME_MAX`].
    pub fn new_abstract(name: impl AsRef<[u8]>) -> Result<UnixAddr, AddressError> {
        let name = name.as_ref();
        if name.len() > ABSTRACT_NAME_MAX {
            return Err(AddressError::AbstractNameTooLong { len: name.len() });
        }
        Ok(UnixAddr::with(UnixKind::Abstract, name))
    }

    /// The unnamed address: binding it makes the kernel pick an abstract name (autobind).
    #[must_use]
    pub const fn new_unnamed() -> UnixAddr {
        UnixAddr {
            kind: UnixKind::Unnamed,
            len: 0,
            encoded: FAMILY_LEN as u32,
            sun: EMPTY,
        }
    }

    fn name(&self) -> &[u8] {
        let start = name_start(self.kind);
        &self.sun[start..(start + self.len as usize).min(size_of::<SockaddrUn>())]
    }

    /// The filesystem path, if this is one.
    #[must_use]
    pub fn path(&self) -> Option<&[u8]> {
        (self.kind == UnixKind::Path).then(|| self.name())
    }

    /// The abstract name (without the leading NUL of its encoding), if this is one.
    #[must_use]
    pub fn abstract_name(&self) -> Option<&[u8]> {
        (self.kind == UnixKind::Abstract).then(|| self.name())
    }

    /// Whether this is the unnamed address.
    #[must_use]
    pub fn is_unnamed(&self) -> bool {
        self.kind == UnixKind::Unnamed
    }

    /// The `addrlen` bind(2) receives for this address.
    #[must_use]
    pub fn encoded_len(&self) -> u32 {
        self.encoded
    }

    /// Decodes `sun_path` as the kernel reports it: the bytes after the
    /// family, and the reported length.
    pub(super) fn decode(found: Found<'_>) -> Result<UnixAddr, AddressError> {
        let (path, len) = (found.bytes.get(FAMILY_LEN..).unwrap_or(&[]), found.len);
        let family = Some(Family::UNIX.0);
        match path.split_first() {
            None => Ok(UnixAddr::new_unnamed()),
            Some((0, name)) if name.len() <= ABSTRACT_NAME_MAX => {
                Ok(UnixAddr::with(UnixKind::Abstract, name))
            }
            Some((0, _)) => Err(AddressError::TooLong {
                family,
                len,
                max: size_of::<SockaddrUn>(),
            }),
            // The kernel counts the NUL after a path, even the one past a full
            // 108-byte sun_path (length 111): the path ends at the first NUL.
            Some(_) if len > size_of::<SockaddrUn>() + 1 => Err(AddressError::TooLong {
                family,
                len,
                max: size_of::<SockaddrUn>() + 1,
            }),
            Some(_) => {
                let path = &path[..path.len().min(UNIX_PATH_MAX)];
                let end = path.iter().position(|&b| b == 0).unwrap_or(path.len());
                Ok(UnixAddr::with(UnixKind::Path, &path[..end]))
            }
        }
    }

    /// strace's fields after `sa_family`: `sun_path="..."` or `sun_path=@"..."`.
    pub(super) fn strace(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            UnixKind::Path => {
                f.write_str(", sun_path=")?;
                fmt::Display::fmt(&Quoted(self.name()), f)
            }
            UnixKind::Abstract => {
                f.write_str(", sun_path=@")?;
                fmt::Display::fmt(&Quoted(self.name()), f)
            }
            UnixKind::Unnamed => Ok(()),
        }
    }
}

super::lend_encoded!(UnixAddr);

impl fmt::Debug for UnixAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            UnixKind::Path => write!(f, "UnixAddr::Path(\"{}\")", self.name().escape_ascii()),
            UnixKind::Abstract => {
                write!(f, "UnixAddr::Abstract(\"{}\")", self.name().escape_ascii())
            }
            UnixKind::Unnamed => f.write_str("UnixAddr::Unnamed"),
        }
    }
}

/// The path, `@name`, or `(unnamed)` (see [`SocketAddress`](crate::SocketAddress)'s `Display`).
impl fmt::Display for UnixAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            UnixKind::Path => escaped(f, self.name()),
            UnixKind::Abstract => {
                f.write_char('@')?;
                escaped(f, self.name())
            }
            UnixKind::Unnamed => f.write_str("(unnamed)"),
        }
    }
}
