//! percall: runs one way of making a socket call `COUNT` times, for
//! callgrind to count (`cargo xtask bench`).
//!
//! ```text
//! percall PATH COUNT     the loop, then exits 0
//! percall --answers      every path once: `PATH ANSWER` (0 or the errno)
//! percall --list         the paths this build has
//! ```
//!
//! Every bind path binds on one AF_UNIX datagram socket that is already
//! bound, so the kernel answers EINVAL for every family (an AF_UNIX socket
//! refuses a foreign family, and a second name) except an unnamed address,
//! which it accepts as a no-op. The driver runs two counts and the empty
//! loop, so what it reports is the cost of one call and nothing else.

use std::hint::black_box;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};

use rawbind::{
    bind, getsockname, getsockname_raw, raw, socket, Family, Inet6Addr, InetAddr, NetlinkAddr,
    OwnedSocket, PacketAddr, SocketAddress, SocketType, ToSocketAddr, UnixAddr, VsockAddr,
};

/// What every path may use, built once before the loop.
struct Setup {
    /// An AF_UNIX datagram socket bound to an abstract name.
    bound: OwnedSocket,
    /// core's types, which rawbind encodes on each call.
    v4: SocketAddrV4,
    v6: SocketAddrV6,
    /// rawbind's, encoded once.
    inet: InetAddr,
    inet6: Inet6Addr,
    path: UnixAddr,
    abstract20: UnixAddr,
    abstract100: UnixAddr,
    unnamed: UnixAddr,
    packet: PacketAddr,
    netlink: NetlinkAddr,
    vsock: VsockAddr,
    /// `sockaddr_in` of `v4`, encoded once: what `raw::bind` and the
    /// references take.
    v4_bytes: [u8; 16],
    rustix_abstract20: rustix::net::SocketAddrUnix,
    rustix_abstract100: rustix::net::SocketAddrUnix,
    rustix_path: rustix::net::SocketAddrUnix,
    // The same addresses as `SocketAddress`es, each read through
    // `black_box` so the compiler cannot see the variant.
    any_v4: SocketAddress,
    any_v6: SocketAddress,
    any_path: SocketAddress,
    any_abstract20: SocketAddress,
    any_abstract100: SocketAddress,
    any_unnamed: SocketAddress,
    any_packet: SocketAddress,
    any_netlink: SocketAddress,
    any_vsock: SocketAddress,
}

fn setup() -> Setup {
    let sock = socket(Family::UNIX, SocketType::DGRAM).expect("socket(AF_UNIX)");
    // A fixed length, whatever the pid, so that getsockname copies the same
    // number of bytes in every run (its count depends on it).
    let name = format!("rawbind-percall-{:010}", std::process::id());
    bind(&sock, &UnixAddr::new_abstract(&name).unwrap()).expect("bind the abstract name");
    let v4 = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
    let mut v4_bytes = [0; 16];
    v4.with_sockaddr(|bytes| v4_bytes.copy_from_slice(bytes));
    let name20 = [b'a'; 20];
    let name100 = [b'b'; 100];
    let path = b"/tmp/rawbind-percall-path";
    let v6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0);
    let unix_path = UnixAddr::new_path(path).unwrap();
    let abstract20 = UnixAddr::new_abstract(name20).unwrap();
    let abstract100 = UnixAddr::new_abstract(name100).unwrap();
    let packet = PacketAddr::new(1, 0x0003);
    let netlink = NetlinkAddr::new(0, 0);
    let vsock = VsockAddr::new(VsockAddr::CID_ANY, 0);
    Setup {
        bound: sock,
        v4,
        v6,
        inet: v4.into(),
        inet6: v6.into(),
        path: unix_path,
        abstract20,
        abstract100,
        unnamed: UnixAddr::new_unnamed(),
        packet,
        netlink,
        vsock,
        v4_bytes,
        any_v4: black_box(SocketAddress::from(v4)),
        any_v6: black_box(SocketAddress::from(v6)),
        any_path: black_box(SocketAddress::Unix(unix_path)),
        any_abstract20: black_box(SocketAddress::Unix(abstract20)),
        any_abstract100: black_box(SocketAddress::Unix(abstract100)),
        any_unnamed: black_box(SocketAddress::Unix(UnixAddr::new_unnamed())),
        any_packet: black_box(SocketAddress::Packet(packet)),
        any_netlink: black_box(SocketAddress::Netlink(netlink)),
        any_vsock: black_box(SocketAddress::Vsock(vsock)),
        rustix_abstract20: rustix::net::SocketAddrUnix::new_abstract_name(&name20).unwrap(),
        rustix_abstract100: rustix::net::SocketAddrUnix::new_abstract_name(&name100).unwrap(),
        rustix_path: rustix::net::SocketAddrUnix::new(&path[..]).unwrap(),
    }
}

/// How a path's result becomes the answer `--answers` prints: 0 or the
/// errno. Only `--answers` converts; the measured loop keeps the result as
/// the call returned it.
trait Answer {
    fn answer(self) -> i32;
}

impl<T> Answer for Result<T, rawbind::Errno> {
    fn answer(self) -> i32 {
        self.map_or_else(rawbind::Errno::raw, |_| 0)
    }
}

impl<T> Answer for Result<T, rawbind::Error> {
    fn answer(self) -> i32 {
        match self {
            Ok(_) => 0,
            Err(rawbind::Error::Os(errno)) => errno.raw(),
            Err(rawbind::Error::Address(_)) => -1,
        }
    }
}

impl<T> Answer for Result<T, rustix::io::Errno> {
    fn answer(self) -> i32 {
        self.map_or_else(|errno| errno.raw_os_error(), |_| 0)
    }
}

/// A C library's answer: -1 and `errno`.
struct Libc(i32);

impl Answer for Libc {
    fn answer(self) -> i32 {
        match self.0 {
            0.. => 0,
            _ => std::io::Error::last_os_error().raw_os_error().unwrap_or(-1),
        }
    }
}

/// The kernel's raw answer: `-errno` or a value.
struct Kernel(isize);

impl Answer for Kernel {
    fn answer(self) -> i32 {
        match self.0 {
            0.. => 0,
            negative => -negative as i32,
        }
    }
}

/// The bound socket as rustix takes it (rustix without std has its own fd types).
#[inline(always)]
fn rustix_fd(s: &Setup) -> rustix::fd::BorrowedFd<'_> {
    // SAFETY: `s.bound` stays open while `s` is borrowed.
    unsafe { rustix::fd::BorrowedFd::borrow_raw(s.bound.as_raw_fd()) }
}

/// bind through rawbind's safe API, on the bound socket.
#[inline(always)]
fn safe_bind(s: &Setup, addr: &impl ToSocketAddr) -> Result<(), rawbind::Errno> {
    bind(&s.bound, addr)
}

/// The bare reference: the asm and nothing else.
#[inline(always)]
fn bare_bind(fd: i32, bytes: &[u8; 16]) -> Kernel {
    // SAFETY: `bytes` is readable for its 16 bytes.
    Kernel(unsafe {
        rawbind_bench::syscall3(
            raw::nr::BIND,
            fd as usize,
            bytes.as_ptr() as usize,
            bytes.len(),
        )
    })
}

#[inline(always)]
fn libc_bind(fd: i32, bytes: &[u8; 16]) -> Libc {
    // SAFETY: `bytes` holds a whole sockaddr_in.
    Libc(unsafe { libc::bind(fd, bytes.as_ptr().cast(), bytes.len() as u32) })
}

/// socket, bind 127.0.0.1:0 (UDP), close: the success path, through rawbind.
#[inline(always)]
fn rawbind_success(s: &Setup) -> Result<(), rawbind::Errno> {
    let sock = socket(Family::INET, SocketType::DGRAM)?;
    bind(&sock, &s.v4)
}

#[inline(always)]
fn raw_success(s: &Setup) -> Result<(), rawbind::Errno> {
    let sock = socket(Family::INET, SocketType::DGRAM)?;
    let bytes = &s.v4_bytes;
    // SAFETY: `bytes` is readable for its 16 bytes.
    unsafe { raw::bind(sock.as_raw_fd(), bytes.as_ptr().cast(), 16) }
}

#[inline(always)]
fn bare_success(s: &Setup) -> Kernel {
    let dgram = rawbind::SocketType::DGRAM.raw() as usize;
    // SAFETY: socket and close take integers; bind reads 16 live bytes.
    unsafe {
        let fd = rawbind_bench::syscall3(raw::nr::SOCKET, 2, dgram, 0);
        if fd < 0 {
            return Kernel(fd);
        }
        let answer = bare_bind(fd as i32, &s.v4_bytes);
        rawbind_bench::syscall3(raw::nr::CLOSE, fd as usize, 0, 0);
        answer
    }
}

#[inline(always)]
fn libc_success(s: &Setup) -> Libc {
    // SAFETY: plain calls on integers and a live sockaddr_in.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM, 0);
        if fd < 0 {
            return Libc(fd);
        }
        let answer = libc_bind(fd, &s.v4_bytes);
        libc::close(fd);
        answer
    }
}

#[inline(always)]
fn rustix_success(s: &Setup) -> Result<(), rustix::io::Errno> {
    use rustix::net::{AddressFamily, SocketType};
    let fd = rustix::net::socket(AddressFamily::INET, SocketType::DGRAM, None)?;
    rustix::net::bind(&fd, &s.v4)
}

#[inline(always)]
fn libc_getsockname(fd: i32) -> Libc {
    let mut storage = std::mem::MaybeUninit::<libc::sockaddr_storage>::uninit();
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: the kernel writes at most `len` bytes into `storage`.
    let ret = unsafe { libc::getsockname(fd, storage.as_mut_ptr().cast(), &mut len) };
    black_box(&storage);
    Libc(ret)
}

/// The paths: each name, then the one call it makes (`s` is the [`Setup`]).
/// The loop of each is its own code, so that nothing but the call, the
/// store of its result and the loop's own two instructions is counted; the
/// empty path measures those three.
macro_rules! paths {
    ($($(#[$only:meta])* $name:literal => |$s:ident| $call:expr,)*) => {
        #[allow(clippy::vec_init_then_push)] // some pushes are cfg'd out
        fn names() -> Vec<&'static str> {
            let mut names = Vec::new();
            $($(#[$only])* names.push($name);)*
            names
        }

        fn looped(name: &str, s: &Setup, count: usize) -> bool {
            match name {
                $($(#[$only])* $name => {
                    // The inputs are opaque on every iteration, so that each
                    // call computes its arguments as a single call in a
                    // program does: nothing it needs is left in a register
                    // from the call before (the empty loop has the same
                    // `black_box`, so it is subtracted with the loop).
                    for _ in 0..black_box(count) {
                        let $s = black_box(s);
                        let _ = black_box($call);
                    }
                    true
                })*
                _ => false,
            }
        }

        fn answers(s: &Setup) {
            $($(#[$only])* {
                let $s = s;
                println!("{}\t{}", $name, Answer::answer($call));
            })*
        }
    };
}

paths! {
    "empty" => |_s| Kernel(0),
    "raw::bind" => |s| {
        let bytes = &s.v4_bytes;
        // SAFETY: `bytes` is readable for its 16 bytes.
        unsafe { raw::bind(s.bound.as_raw_fd(), bytes.as_ptr().cast(), 16) }
    },
    "bare asm" => |s| bare_bind(s.bound.as_raw_fd(), &s.v4_bytes),
    #[cfg(target_arch = "x86_64")]
    "sc::syscall!" => |s| {
        let (fd, bytes) = (s.bound.as_raw_fd(), &s.v4_bytes);
        // SAFETY: `bytes` is readable for its 16 bytes.
        Kernel(unsafe { sc::syscall!(BIND, fd, bytes.as_ptr(), 16) } as isize)
    },
    "libc::bind" => |s| libc_bind(s.bound.as_raw_fd(), &s.v4_bytes),
    "rustix v4" => |s| rustix::net::bind(rustix_fd(s), &s.v4),
    "rustix v6" => |s| rustix::net::bind(rustix_fd(s), &s.v6),
    "rustix unix path" => |s| rustix::net::bind(rustix_fd(s), &s.rustix_path),
    "rustix abstract20" => |s| {
        rustix::net::bind(rustix_fd(s), &s.rustix_abstract20)
    },
    "rustix abstract100" => |s| {
        rustix::net::bind(rustix_fd(s), &s.rustix_abstract100)
    },
    "v4" => |s| safe_bind(s, &s.inet),
    "v6" => |s| safe_bind(s, &s.inet6),
    "core v4" => |s| safe_bind(s, &s.v4),
    "core v6" => |s| safe_bind(s, &s.v6),
    "unix path" => |s| safe_bind(s, &s.path),
    "abstract20" => |s| safe_bind(s, &s.abstract20),
    "abstract100" => |s| safe_bind(s, &s.abstract100),
    "unnamed" => |s| safe_bind(s, &s.unnamed),
    "packet" => |s| safe_bind(s, &s.packet),
    "netlink" => |s| safe_bind(s, &s.netlink),
    "vsock" => |s| safe_bind(s, &s.vsock),
    "SocketAddress v4" => |s| safe_bind(s, &s.any_v4),
    "SocketAddress v6" => |s| safe_bind(s, &s.any_v6),
    "SocketAddress unix path" => |s| safe_bind(s, &s.any_path),
    "SocketAddress abstract20" => |s| safe_bind(s, &s.any_abstract20),
    "SocketAddress abstract100" => |s| safe_bind(s, &s.any_abstract100),
    "SocketAddress unnamed" => |s| safe_bind(s, &s.any_unnamed),
    "SocketAddress packet" => |s| safe_bind(s, &s.any_packet),
    "SocketAddress netlink" => |s| safe_bind(s, &s.any_netlink),
    "SocketAddress vsock" => |s| safe_bind(s, &s.any_vsock),
    "success rawbind" => |s| rawbind_success(s),
    "success raw::bind" => |s| raw_success(s),
    "success bare asm" => |s| bare_success(s),
    "success libc" => |s| libc_success(s),
    "success rustix" => |s| rustix_success(s),
    "getsockname rawbind" => |s| getsockname(&s.bound),
    "getsockname_raw rawbind" => |s| getsockname_raw(&s.bound),
    "getsockname libc" => |s| libc_getsockname(s.bound.as_raw_fd()),
    "getsockname rustix" => |s| rustix::net::getsockname(rustix_fd(s)),
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["--list"] => names().iter().for_each(|name| println!("{name}")),
        ["--answers"] => answers(&setup()),
        [name, count] => {
            let count: usize = count.parse().expect("COUNT is a number");
            if !looped(name, &setup(), count) {
                eprintln!("percall: no path {name:?} (--list names them)");
                std::process::exit(2);
            }
        }
        _ => {
            eprintln!("usage: percall PATH COUNT | --answers | --list");
            std::process::exit(2);
        }
    }
}
