//! The minimal program itself; `examples/minimal.rs` is its crate root.

use core::net::{Ipv4Addr, SocketAddrV4};

use rawbind::{bind, socket, Family, SocketType};

rawbind::entry!(main);

fn main(_: rawbind::rt::Args) -> i32 {
    let bound = socket(Family::INET, SocketType::STREAM)
        .and_then(|sock| bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    match bound {
        Ok(()) => 0,
        Err(errno) => errno.raw(),
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    rawbind::rt::exit(101)
}
