//! rawbind's test kit: the cases every target runs, written once without
//! std ([`cases`]), and the system calls only tests need ([`sys`]). The
//! libc-free runner (`src/bin/selftest.rs`) and the host harness
//! (`tests/host.rs`) both run [`cases::run_all`]. Not published.
#![no_std]
// A failure carries its message inline: the libc-free runner has no allocator.
#![allow(clippy::result_large_err, clippy::large_enum_variant, missing_docs)]

pub mod cases;
pub mod sys;
