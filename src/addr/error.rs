//! Why an address was refused: one error type for every family, naming the
//! limit or the length at fault.

use core::fmt;

use super::{ABSTRACT_NAME_MAX, UNIX_PATH_MAX};
use crate::Family;

/// Why an address was refused, before or after the kernel saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddressError {
    /// A Unix path longer than [`UNIX_PATH_MAX`] bytes.
    PathTooLong {
        /// The path's length in bytes.
        len: usize,
    },
    /// An empty Unix path: its encoding would be the empty abstract name.
    EmptyPath,
    /// A NUL byte inside a Unix path, which would cut it short.
    InteriorNul {
        /// Byte offset of the first NUL.
        position: usize,
    },
    /// An abstract name longer than [`ABSTRACT_NAME_MAX`] bytes.
    AbstractNameTooLong {
        /// The name's length in bytes.
        len: usize,
    },
    /// A length too short for the family (or, under two bytes, for any family).
    TooShort {
        /// The family read from the address, if there were two bytes to read.
        family: Option<u16>,
        /// The length given.
        len: usize,
        /// The least length the family needs.
        needed: usize,
    },
    /// A length longer than the family's struct, or than [`SOCKADDR_STORAGE_LEN`](crate::SOCKADDR_STORAGE_LEN).
    TooLong {
        /// The family read from the address, if any.
        family: Option<u16>,
        /// The length given.
        len: usize,
        /// The most the family takes.
        max: usize,
    },
    /// A family rawbind does not decode.
    UnsupportedFamily {
        /// The `sa_family` value.
        family: u16,
    },
    /// An address of another family than the type it was decoded into
    /// (`SocketAddrV4::try_from(&raw)` on an `AF_INET6` address).
    WrongFamily {
        /// The family the type holds.
        expected: u16,
        /// The `sa_family` value found.
        found: u16,
    },
}

impl core::error::Error for AddressError {}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            AddressError::PathTooLong { len } => write!(
                f,
                "Unix socket path is {len} bytes; sun_path holds at most {UNIX_PATH_MAX}"
            ),
            AddressError::EmptyPath => f.write_str(
                "empty Unix socket path (for an unbound address use UnixAddr::new_unnamed)",
            ),
            AddressError::InteriorNul { position } => {
                write!(f, "Unix socket path has a NUL byte at offset {position}")
            }
            AddressError::AbstractNameTooLong { len } => write!(
                f,
                "abstract socket name is {len} bytes; at most {ABSTRACT_NAME_MAX} fit"
            ),
            AddressError::TooShort {
                family: Some(family),
                len,
                needed,
            } => write!(
                f,
                "address of family {} is {len} bytes; it needs at least {needed}",
                Family(family)
            ),
            AddressError::TooShort {
                family: None,
                len,
                needed,
            } => {
                write!(f, "address is {len} bytes; even its family needs {needed}")
            }
            AddressError::TooLong {
                family: Some(family),
                len,
                max,
            } => write!(
                f,
                "address of family {} is {len} bytes; at most {max} are meaningful",
                Family(family)
            ),
            AddressError::TooLong {
                family: None,
                len,
                max,
            } => {
                write!(f, "address is {len} bytes; no address exceeds {max}")
            }
            AddressError::WrongFamily { expected, found } => write!(
                f,
                "address of family {} where one of family {} was expected",
                Family(found),
                Family(expected)
            ),
            AddressError::UnsupportedFamily { family } => {
                write!(
                    f,
                    "address family {} is not one rawbind decodes",
                    Family(family)
                )
            }
        }
    }
}
