//! One program, seven ways of printing (the example that includes it picks
//! one with `SHOW`): socket, a refused bind (203.0.113.1 is not local:
//! EADDRNOTAVAIL), bind 127.0.0.1:0, getsockname, then one line. `Number`
//! prints the port and the errno as numbers with core::fmt; each other way
//! adds one of rawbind's texts, so its size minus `Number`'s is what that
//! text costs a program.

use core::fmt::Write;
use core::net::{Ipv4Addr, SocketAddrV4};

use rawbind::{bind, getsockname, socket, Family, SocketAddress, SocketType};

/// What the line shows besides the numbers.
#[allow(dead_code)] // each example uses one
pub enum Show {
    Number,
    Short,
    Strace,
    ErrnoName,
    ErrnoDescription,
    BindHint,
    ShortNameDescription,
}

rawbind::entry!(main);

fn main(_: rawbind::rt::Args) -> i32 {
    let Ok(sock) = socket(Family::INET, SocketType::DGRAM) else {
        return 1;
    };
    let refused = match bind(&sock, &SocketAddrV4::new(Ipv4Addr::new(203, 0, 113, 1), 0)) {
        Ok(()) => return 1,
        Err(errno) => errno,
    };
    if bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).is_err() {
        return 1;
    }
    let Ok(addr) = getsockname(&sock) else {
        return 1;
    };
    // Every way keeps every family's decoder, so that a size difference is
    // the printing alone.
    let addr = core::hint::black_box(addr);
    let SocketAddress::Inet(bound) = addr else {
        return 1;
    };
    let (port, number) = (bound.port(), refused.raw());
    // An errno's Debug is its name and its Display its description, each
    // written whole (`{}` of a `&str` would link core's padding code).
    let mut out = rawbind::rt::stdout();
    let written = match super::SHOW {
        Show::Number => writeln!(out, "{port} {number}"),
        Show::Short => writeln!(out, "{addr} {number}"),
        Show::Strace => writeln!(out, "{} {number}", addr.strace()),
        Show::ErrnoName => writeln!(out, "{port} {refused:?}"),
        Show::ErrnoDescription => writeln!(out, "{port} {refused}"),
        Show::BindHint => writeln!(out, "{port} {}", Hint(refused.bind_hint(&addr))),
        Show::ShortNameDescription => writeln!(out, "{addr} {refused:?} {refused}"),
    };
    i32::from(written.is_err())
}

/// A hint, written whole.
struct Hint(Option<&'static str>);

impl core::fmt::Display for Hint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.0.unwrap_or("?"))
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    rawbind::rt::exit(101)
}
