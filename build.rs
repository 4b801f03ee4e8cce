//! Picks the arch file for the target and refuses targets rawbind cannot serve.

use std::env;

const SUPPORTED: &str = "x86_64-unknown-linux-*, x86_64-unknown-linux-gnux32, i686/i586-unknown-linux-*, \
                         aarch64-unknown-linux-* (little endian), armv7/thumbv7neon-unknown-linux-gnueabihf \
                         and other 32-bit Arm EABI targets, riscv64gc/riscv32gc-unknown-linux-*, \
                         loongarch64-unknown-linux-*, s390x-unknown-linux-*, powerpc64le-unknown-linux-*, \
                         mips64/mips64el-unknown-linux-gnuabi64 (feature `unstable-mips64`, nightly)";

fn cfg(key: &str) -> String {
    env::var(format!("CARGO_CFG_TARGET_{key}")).unwrap_or_default()
}

fn refuse(why: &str) -> ! {
    let target = env::var("TARGET").unwrap_or_default();
    eprintln!("error: rawbind does not support the target `{target}`: {why}.");
    eprintln!("rawbind issues system calls itself and needs a known Linux syscall ABI.");
    eprintln!("Supported targets: {SUPPORTED}.");
    std::process::exit(1);
}

fn refuse_setting(why: &str) -> ! {
    eprintln!("error: rawbind: {why}.");
    std::process::exit(1);
}

fn main() {
    println!(
        "cargo::rustc-check-cfg=cfg(rawbind_arch, values(\"x86_64\", \"x32\", \"x86\", \"aarch64\", \"arm\", \
         \"riscv\", \"loongarch64\", \"s390x\", \"powerpc64\", \"mips64\"))"
    );
    println!("cargo::rustc-check-cfg=cfg(rawbind_socketcall)");
    println!("cargo::rustc-check-cfg=cfg(rawbind_socketcall_mode, values(\"auto\", \"never\", \"always\"))");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=RAWBIND_SOCKETCALL");

    let (os, arch, width, endian) = (cfg("OS"), cfg("ARCH"), cfg("POINTER_WIDTH"), cfg("ENDIAN"));
    let abi = cfg("ABI");
    if os != "linux" {
        refuse(&format!(
            "the OS is `{os}`, and rawbind speaks only Linux's system call ABI"
        ));
    }
    let chosen = match (arch.as_str(), width.as_str(), endian.as_str()) {
        ("x86_64", "64", "little") => "x86_64",
        ("x86_64", "32", "little") => "x32",
        ("x86", "32", "little") => "x86",
        ("aarch64", "64", "little") => "aarch64",
        ("arm", "32", "little") if abi.starts_with("eabi") => "arm",
        ("arm", _, _) => refuse(&format!(
            "32-bit Arm with ABI `{abi}` is not EABI, whose syscall numbers rawbind has"
        )),
        ("riscv64", "64", "little") | ("riscv32", "32", "little") => "riscv",
        ("loongarch64", "64", "little") => "loongarch64",
        ("s390x", "64", "big") => "s390x",
        ("powerpc64", "64", "little") => "powerpc64",
        ("powerpc64", "64", "big") => refuse(
            "big-endian powerpc64 calls functions through ELFv1 descriptors, which rawbind's \
             entry code does not set up; powerpc64le (ELFv2) is supported",
        ),
        ("mips64", "64", _) if abi == "abi64" => {
            if env::var_os("CARGO_FEATURE_UNSTABLE_MIPS64").is_none() {
                refuse(
                    "inline asm on mips64 is not stable Rust yet; opt in with the cargo feature \
                     `unstable-mips64` and build with a nightly toolchain (or RUSTC_BOOTSTRAP=1)",
                );
            }
            "mips64"
        }
        _ => refuse(&format!(
            "no arch file for arch `{arch}` with {width}-bit pointers, {endian} endian, ABI `{abi}`"
        )),
    };
    println!("cargo::rustc-cfg=rawbind_arch=\"{chosen}\"");

    // Arches that have socketcall(2) issue the direct call first and fall back
    // to socketcall on ENOSYS (`auto`); RAWBIND_SOCKETCALL pins either path.
    let has_socketcall = matches!(chosen, "x86" | "s390x" | "powerpc64");
    let mode = env::var("RAWBIND_SOCKETCALL").unwrap_or_else(|_| "auto".into());
    match mode.as_str() {
        "auto" | "never" | "always" if has_socketcall => {
            println!("cargo::rustc-cfg=rawbind_socketcall");
            println!("cargo::rustc-cfg=rawbind_socketcall_mode=\"{mode}\"");
        }
        "auto" | "never" => {}
        "always" => refuse_setting("RAWBIND_SOCKETCALL=always, but this architecture has no socketcall(2)"),
        other => refuse_setting(&format!(
            "RAWBIND_SOCKETCALL=`{other}` is not one of `auto` (direct call, socketcall on ENOSYS), \
             `never` (direct call only) or `always` (socketcall only)"
        )),
    }
}
