//! Binds each address given on the command line and prints what happened.
//! Placeholder until the real showcase lands.
#![no_std]
#![no_main]
rawbind::entry!(main);
fn main(_: rawbind::rt::Args) -> i32 { 0 }
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! { rawbind::rt::exit(101) }
