//! Error numbers, with their names and standard descriptions.

use core::fmt;
use core::num::NonZeroU16;

/// An error number returned by the kernel, as `errno(3)` knows it.
///
/// `Display` writes the standard description (`Address already in use`),
/// `Debug` the name (`EADDRINUSE`). Values are those of Linux's generic table
/// (`include/uapi/asm-generic/errno-base.h` and `errno.h`), which every
/// supported architecture but mips64 uses; on mips64 they are its own
/// (`arch/mips/include/uapi/asm/errno.h`: `EADDRINUSE` is 125). See errno(3).
///
/// ```
/// use rawbind::Errno;
/// let e = Errno::EADDRINUSE;
/// assert_eq!(e.raw(), 98);
/// assert_eq!(e.name(), Some("EADDRINUSE"));
/// assert_eq!(e.description(), Some("Address already in use"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Errno(NonZeroU16);

impl Errno {
    /// The error number the kernel encodes as `-value`, `1..=4095`.
    ///
    /// Never zero, so a `Result<(), Errno>` is one 16-bit word, 0 for `Ok`.
    #[inline(always)]
    pub(crate) const fn from_kernel(value: u16) -> Errno {
        match NonZeroU16::new(value) {
            Some(value) => Errno(value),
            // Unreachable: `sys::check` and `new` pass 1..=4095, the table
            // none of 0. An impossible number rather than a wrong one.
            None => Errno(NonZeroU16::MAX),
        }
    }

    /// The error number of a nonzero word, which a call that succeeds with 0
    /// answers negated (see `sys::check_zero`).
    #[inline(always)]
    pub(crate) const fn from_nonzero(value: NonZeroU16) -> Errno {
        Errno(value)
    }

    /// The errno for `value`, or `None` outside the kernel's range `1..=4095`.
    ///
    /// ```
    /// assert_eq!(rawbind::Errno::new(13), Some(rawbind::Errno::EACCES));
    /// assert_eq!(rawbind::Errno::new(0), None);
    /// ```
    #[must_use]
    pub const fn new(value: i32) -> Option<Errno> {
        if value >= 1 && value <= 4095 {
            Some(Errno::from_kernel(value as u16))
        } else {
            None
        }
    }

    /// The number, as `errno` would hold it.
    #[must_use]
    pub const fn raw(self) -> i32 {
        self.0.get() as i32
    }

    /// The symbolic name (`"EACCES"`), or `None` for a number Linux does not define.
    #[must_use]
    pub fn name(self) -> Option<&'static str> {
        text_of(NAMES, self)
    }

    /// The standard description (`"Permission denied"`), as strerror(3) gives it.
    #[must_use]
    pub fn description(self) -> Option<&'static str> {
        text_of(DESCRIPTIONS, self)
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(description) = self.description() {
            return f.write_str(description);
        }
        f.write_str("Unknown error ")?;
        crate::addr::decimal(f, self.raw() as u32)
    }
}

impl fmt::Debug for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = self.name() {
            return f.write_str(name);
        }
        f.write_str("Errno(")?;
        crate::addr::decimal(f, self.raw() as u32)?;
        f.write_str(")")
    }
}

/// Each row: name = generic value | mips value, description. (mips keeps
/// the numbers of the systems it was first ported from.)
macro_rules! errnos {
    ($($name:ident = $value:literal | $mips:literal, $description:literal;)*) => {
        impl Errno {
            $(
                #[doc = concat!("`", stringify!($name), "` (", stringify!($value), "; ",
                                stringify!($mips), " on mips64): ", $description, ".")]
                pub const $name: Errno = Errno::from_kernel(if cfg!(rawbind_arch = "mips64") { $mips } else { $value });
            )*
        }

        /// Every value, in the table's order; the texts below keep it.
        static VALUES: [Errno; [$(stringify!($name)),*].len()] = [$(Errno::$name),*];
        /// The names, each ended by a NUL: one string, no pointer per entry.
        static NAMES: &str = concat!($(stringify!($name), "\0"),*);
        /// The descriptions, likewise.
        static DESCRIPTIONS: &str = concat!($($description, "\0"),*);
    };
}

/// The text of `errno` in `texts` (one of the NUL-ended lists above).
/// Not inlined: `name` and `description` share one copy.
#[inline(never)]
fn text_of(texts: &'static str, errno: Errno) -> Option<&'static str> {
    let index = VALUES.iter().position(|&value| value == errno)?;
    // The text after the index-th NUL, up to the next: a byte scan, which
    // links far less than `str::split`.
    let bytes = texts.as_bytes();
    let mut start = 0;
    for _ in 0..index {
        start += bytes.get(start..)?.iter().position(|&b| b == 0)? + 1;
    }
    let len = bytes.get(start..)?.iter().position(|&b| b == 0)?;
    texts.get(start..start + len)
}

include!("errno_table.rs");

impl Errno {
    /// `EWOULDBLOCK`, the same number as [`Errno::EAGAIN`].
    pub const EWOULDBLOCK: Errno = Errno::EAGAIN;
    /// `EDEADLOCK`, the same number as [`Errno::EDEADLK`].
    pub const EDEADLOCK: Errno = Errno::EDEADLK;
}

impl core::error::Error for Errno {}

/// The same number, so `raw_os_error` and `kind` work as for std's own calls;
/// no allocation.
///
/// ```
/// use rawbind::Errno;
/// let io = std::io::Error::from(Errno::EADDRINUSE);
/// assert_eq!(io.raw_os_error(), Some(98));
/// assert_eq!(io.kind(), std::io::ErrorKind::AddrInUse);
/// ```
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
impl From<Errno> for std::io::Error {
    fn from(errno: Errno) -> Self {
        std::io::Error::from_raw_os_error(errno.raw())
    }
}
