//! minimal: the smallest useful libc-free program rawbind makes. It binds a
//! TCP socket to 127.0.0.1 with a kernel-chosen port and exits 0, or exits
//! with the errno. Nothing formats an address, so none of rawbind's notation
//! code is linked in; `cargo xtask test` reports its size and checks that.
#![no_std]
#![no_main]
// entry!'s `_start` is inline asm, which mips64 still gates (feature `unstable-mips64`).
#![cfg_attr(target_arch = "mips64", feature(asm_experimental_arch))]

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
