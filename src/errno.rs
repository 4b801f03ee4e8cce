//! Error numbers, with their names and standard descriptions.

use core::fmt;

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
pub struct Errno(u16);

impl Errno {
    /// The error number the kernel encodes as `-value`, `1..=4095`.
    pub(crate) const fn from_kernel(value: u16) -> Errno {
        Errno(value)
    }

    /// The errno for `value`, or `None` outside the kernel's range `1..=4095`.
    ///
    /// ```
    /// assert_eq!(rawbind::Errno::new(13), Some(rawbind::Errno::EACCES));
    /// assert_eq!(rawbind::Errno::new(0), None);
    /// ```
    pub const fn new(value: i32) -> Option<Errno> {
        if value >= 1 && value <= 4095 {
            Some(Errno(value as u16))
        } else {
            None
        }
    }

    /// The number, as `errno` would hold it.
    pub const fn raw(self) -> i32 {
        self.0 as i32
    }

    /// The symbolic name (`"EACCES"`), or `None` for a number Linux does not define.
    pub fn name(self) -> Option<&'static str> {
        lookup(self.0).map(|(name, _)| name)
    }

    /// The standard description (`"Permission denied"`), as strerror(3) gives it.
    pub fn description(self) -> Option<&'static str> {
        lookup(self.0).map(|(_, description)| description)
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.description() {
            Some(description) => f.write_str(description),
            None => write!(f, "Unknown error {}", self.0),
        }
    }
}

impl fmt::Debug for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "Errno({})", self.0),
        }
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
                pub const $name: Errno = Errno(if cfg!(rawbind_arch = "mips64") { $mips } else { $value });
            )*
        }

        fn lookup(value: u16) -> Option<(&'static str, &'static str)> {
            $(if value == Errno::$name.0 {
                return Some((stringify!($name), $description));
            })*
            None
        }
    };
}

errnos! {
    EPERM = 1 | 1, "Operation not permitted";
    ENOENT = 2 | 2, "No such file or directory";
    ESRCH = 3 | 3, "No such process";
    EINTR = 4 | 4, "Interrupted system call";
    EIO = 5 | 5, "Input/output error";
    ENXIO = 6 | 6, "No such device or address";
    E2BIG = 7 | 7, "Argument list too long";
    ENOEXEC = 8 | 8, "Exec format error";
    EBADF = 9 | 9, "Bad file descriptor";
    ECHILD = 10 | 10, "No child processes";
    EAGAIN = 11 | 11, "Resource temporarily unavailable";
    ENOMEM = 12 | 12, "Cannot allocate memory";
    EACCES = 13 | 13, "Permission denied";
    EFAULT = 14 | 14, "Bad address";
    ENOTBLK = 15 | 15, "Block device required";
    EBUSY = 16 | 16, "Device or resource busy";
    EEXIST = 17 | 17, "File exists";
    EXDEV = 18 | 18, "Invalid cross-device link";
    ENODEV = 19 | 19, "No such device";
    ENOTDIR = 20 | 20, "Not a directory";
    EISDIR = 21 | 21, "Is a directory";
    EINVAL = 22 | 22, "Invalid argument";
    ENFILE = 23 | 23, "Too many open files in system";
    EMFILE = 24 | 24, "Too many open files";
    ENOTTY = 25 | 25, "Inappropriate ioctl for device";
    ETXTBSY = 26 | 26, "Text file busy";
    EFBIG = 27 | 27, "File too large";
    ENOSPC = 28 | 28, "No space left on device";
    ESPIPE = 29 | 29, "Illegal seek";
    EROFS = 30 | 30, "Read-only file system";
    EMLINK = 31 | 31, "Too many links";
    EPIPE = 32 | 32, "Broken pipe";
    EDOM = 33 | 33, "Numerical argument out of domain";
    ERANGE = 34 | 34, "Numerical result out of range";
    EDEADLK = 35 | 45, "Resource deadlock avoided";
    ENAMETOOLONG = 36 | 78, "File name too long";
    ENOLCK = 37 | 46, "No locks available";
    ENOSYS = 38 | 89, "Function not implemented";
    ENOTEMPTY = 39 | 93, "Directory not empty";
    ELOOP = 40 | 90, "Too many levels of symbolic links";
    ENOMSG = 42 | 35, "No message of desired type";
    EIDRM = 43 | 36, "Identifier removed";
    ECHRNG = 44 | 37, "Channel number out of range";
    EL2NSYNC = 45 | 38, "Level 2 not synchronized";
    EL3HLT = 46 | 39, "Level 3 halted";
    EL3RST = 47 | 40, "Level 3 reset";
    ELNRNG = 48 | 41, "Link number out of range";
    EUNATCH = 49 | 42, "Protocol driver not attached";
    ENOCSI = 50 | 43, "No CSI structure available";
    EL2HLT = 51 | 44, "Level 2 halted";
    EBADE = 52 | 50, "Invalid exchange";
    EBADR = 53 | 51, "Invalid request descriptor";
    EXFULL = 54 | 52, "Exchange full";
    ENOANO = 55 | 53, "No anode";
    EBADRQC = 56 | 54, "Invalid request code";
    EBADSLT = 57 | 55, "Invalid slot";
    EBFONT = 59 | 59, "Bad font file format";
    ENOSTR = 60 | 60, "Device not a stream";
    ENODATA = 61 | 61, "No data available";
    ETIME = 62 | 62, "Timer expired";
    ENOSR = 63 | 63, "Out of streams resources";
    ENONET = 64 | 64, "Machine is not on the network";
    ENOPKG = 65 | 65, "Package not installed";
    EREMOTE = 66 | 66, "Object is remote";
    ENOLINK = 67 | 67, "Link has been severed";
    EADV = 68 | 68, "Advertise error";
    ESRMNT = 69 | 69, "Srmount error";
    ECOMM = 70 | 70, "Communication error on send";
    EPROTO = 71 | 71, "Protocol error";
    EMULTIHOP = 72 | 74, "Multihop attempted";
    EDOTDOT = 73 | 73, "RFS specific error";
    EBADMSG = 74 | 77, "Bad message";
    EOVERFLOW = 75 | 79, "Value too large for defined data type";
    ENOTUNIQ = 76 | 80, "Name not unique on network";
    EBADFD = 77 | 81, "File descriptor in bad state";
    EREMCHG = 78 | 82, "Remote address changed";
    ELIBACC = 79 | 83, "Can not access a needed shared library";
    ELIBBAD = 80 | 84, "Accessing a corrupted shared library";
    ELIBSCN = 81 | 85, ".lib section in a.out corrupted";
    ELIBMAX = 82 | 86, "Attempting to link in too many shared libraries";
    ELIBEXEC = 83 | 87, "Cannot exec a shared library directly";
    EILSEQ = 84 | 88, "Invalid or incomplete multibyte or wide character";
    ERESTART = 85 | 91, "Interrupted system call should be restarted";
    ESTRPIPE = 86 | 92, "Streams pipe error";
    EUSERS = 87 | 94, "Too many users";
    ENOTSOCK = 88 | 95, "Socket operation on non-socket";
    EDESTADDRREQ = 89 | 96, "Destination address required";
    EMSGSIZE = 90 | 97, "Message too long";
    EPROTOTYPE = 91 | 98, "Protocol wrong type for socket";
    ENOPROTOOPT = 92 | 99, "Protocol not available";
    EPROTONOSUPPORT = 93 | 120, "Protocol not supported";
    ESOCKTNOSUPPORT = 94 | 121, "Socket type not supported";
    EOPNOTSUPP = 95 | 122, "Operation not supported";
    EPFNOSUPPORT = 96 | 123, "Protocol family not supported";
    EAFNOSUPPORT = 97 | 124, "Address family not supported by protocol";
    EADDRINUSE = 98 | 125, "Address already in use";
    EADDRNOTAVAIL = 99 | 126, "Cannot assign requested address";
    ENETDOWN = 100 | 127, "Network is down";
    ENETUNREACH = 101 | 128, "Network is unreachable";
    ENETRESET = 102 | 129, "Network dropped connection on reset";
    ECONNABORTED = 103 | 130, "Software caused connection abort";
    ECONNRESET = 104 | 131, "Connection reset by peer";
    ENOBUFS = 105 | 132, "No buffer space available";
    EISCONN = 106 | 133, "Transport endpoint is already connected";
    ENOTCONN = 107 | 134, "Transport endpoint is not connected";
    ESHUTDOWN = 108 | 143, "Cannot send after transport endpoint shutdown";
    ETOOMANYREFS = 109 | 144, "Too many references: cannot splice";
    ETIMEDOUT = 110 | 145, "Connection timed out";
    ECONNREFUSED = 111 | 146, "Connection refused";
    EHOSTDOWN = 112 | 147, "Host is down";
    EHOSTUNREACH = 113 | 148, "No route to host";
    EALREADY = 114 | 149, "Operation already in progress";
    EINPROGRESS = 115 | 150, "Operation now in progress";
    ESTALE = 116 | 151, "Stale file handle";
    EUCLEAN = 117 | 135, "Structure needs cleaning";
    ENOTNAM = 118 | 137, "Not a XENIX named type file";
    ENAVAIL = 119 | 138, "No XENIX semaphores available";
    EISNAM = 120 | 139, "Is a named type file";
    EREMOTEIO = 121 | 140, "Remote I/O error";
    EDQUOT = 122 | 1133, "Disk quota exceeded";
    ENOMEDIUM = 123 | 159, "No medium found";
    EMEDIUMTYPE = 124 | 160, "Wrong medium type";
    ECANCELED = 125 | 158, "Operation canceled";
    ENOKEY = 126 | 161, "Required key not available";
    EKEYEXPIRED = 127 | 162, "Key has expired";
    EKEYREVOKED = 128 | 163, "Key has been revoked";
    EKEYREJECTED = 129 | 164, "Key was rejected by service";
    EOWNERDEAD = 130 | 165, "Owner died";
    ENOTRECOVERABLE = 131 | 166, "State not recoverable";
    ERFKILL = 132 | 167, "Operation not possible due to RF-kill";
    EHWPOISON = 133 | 168, "Memory page has hardware error";
}

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
impl From<Errno> for std::io::Error {
    fn from(errno: Errno) -> Self {
        std::io::Error::from_raw_os_error(errno.raw())
    }
}
