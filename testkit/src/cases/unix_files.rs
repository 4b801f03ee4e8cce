//! Unix socket files: an exact mode whatever the umask (watched by another
//! process while it happens), and stale-file reclaim that never touches a
//! live socket or another kind of file, also when two processes race.

use rawbind::{bind_reclaiming, bind_with_mode, SocketFileError};

use super::prelude::*;

const S_IFMT: u32 = 0o170000;
const S_IFSOCK: u32 = 0o140000;

fn unix(path: &TempPath) -> Result<UnixAddr, NotPassed> {
    Ok(ok!(UnixAddr::new_path(path.bytes())))
}

pub(super) fn socket_files_get_exactly_the_mode_asked() -> Outcome {
    let path = TempPath::new("mode");
    let old = sys::umask(0o000);
    let result = (|| -> Outcome {
        // Under umask 000 a plain bind(2) makes the file 0777 ...
        let plain = ok!(socket(Family::UNIX, SocketType::STREAM));
        ok!(bind(&plain, &unix(&path)?));
        ensure_eq!(ok!(sys::mode_of(path.bytes())), S_IFSOCK | 0o777);
        ok!(sys::unlink(path.bytes(), false));
        // ... and bind_with_mode exactly what it is asked, under any umask.
        for (umask, mode) in [
            (0o000, 0o600),
            (0o077, 0o666),
            (0o022, 0o660),
            (0o777, 0o700),
        ] {
            sys::umask(umask);
            let sock = ok!(socket(Family::UNIX, SocketType::STREAM));
            ok!(bind_with_mode(&sock, &unix(&path)?, mode));
            ensure_eq!(ok!(sys::mode_of(path.bytes())), S_IFSOCK | mode);
            ensure_eq!(sys::umask(umask), umask); // restored
            ok!(sys::unlink(path.bytes(), false));
        }
        let sock = ok!(socket(Family::UNIX, SocketType::STREAM));
        ensure_eq!(
            bind_with_mode(&sock, &ok!(UnixAddr::new_abstract(b"x")), 0o600),
            Err(SocketFileError::NotAPath)
        );
        ensure_eq!(
            bind_with_mode(&sock, &unix(&path)?, 0o4600),
            Err(SocketFileError::ModeOutOfRange { mode: 0o4600 })
        );
        Ok(())
    })();
    sys::umask(old);
    let _ = sys::unlink(path.bytes(), false);
    result
}

/// A second process polls the path while this one binds and removes a
/// socket there many times under umask 000: it must never see a mode other
/// than the one asked for.
pub(super) fn no_process_sees_a_wider_mode_at_any_moment() -> Outcome {
    // Binds go on until the watcher has caught the file in place this many
    // times (it says so with a marker file), or the rounds run out.
    const SIGHTINGS: u32 = 20;
    const ROUNDS: usize = 20_000;
    let path = TempPath::new("watched");
    let done = TempPath::new("watched-done");
    let enough = TempPath::new("watched-enough");
    let old = sys::umask(0o000);
    // SAFETY: the child only makes system calls: no lock, no allocation.
    let watcher = unsafe {
        sys::spawn(|| {
            let (mut seen, mut wrong) = (0u32, 0u32);
            while sys::mode_of(done.bytes()).is_err() {
                match sys::mode_of(path.bytes()) {
                    Ok(mode) if mode == S_IFSOCK | 0o600 => {
                        seen += 1;
                        if seen == SIGHTINGS {
                            let _ = sys::make_file(enough.bytes());
                        }
                    }
                    Ok(_) => wrong += 1,
                    Err(_) => {}
                }
            }
            if wrong > 0 {
                u32::MAX
            } else {
                seen
            }
        })
    };
    let watcher = ok!(watcher);
    let mut result = Ok(());
    for _ in 0..ROUNDS {
        if sys::mode_of(enough.bytes()).is_ok() {
            break;
        }
        let sock = ok!(socket(Family::UNIX, SocketType::STREAM));
        if let Err(error) = bind_with_mode(&sock, &unix(&path)?, 0o600) {
            result = Err(error);
            break;
        }
        let _ = sys::unlink(path.bytes(), false);
    }
    sys::umask(old);
    ok!(sys::make_file(done.bytes()));
    let seen = ok!(watcher.wait());
    let _ = sys::unlink(done.bytes(), false);
    let _ = sys::unlink(enough.bytes(), false);
    ok!(result);
    match seen {
        u32::MAX => fail!("the watcher saw the socket file with a mode other than 0600"),
        0 => Err(NotPassed::Skip(
            "the watcher never caught the file in place (too slow here); nothing wrong was seen",
        )),
        _ => Ok(()),
    }
}

pub(super) fn reclaim_replaces_only_a_stale_socket() -> Outcome {
    let mut dir = TempDir::new("reclaim", 0o700)?;
    let path = dir.entry("sock");
    let addr = unix(&path)?;
    // A stale file: its socket closed, the file stayed.
    drop({
        let old = ok!(socket(Family::UNIX, SocketType::STREAM));
        ok!(bind(&old, &addr));
        old
    });
    let plain = ok!(socket(Family::UNIX, SocketType::STREAM));
    ensure_eq!(bind(&plain, &addr), Err(Errno::EADDRINUSE));
    let live = ok!(socket(Family::UNIX, SocketType::STREAM));
    ok!(bind_reclaiming(&live, &addr, Some(4)));
    ensure_eq!(ok!(getsockname(&live)), SocketAddress::Unix(addr));
    // Live now: another reclaim is refused, and the file stays.
    let second = ok!(socket(Family::UNIX, SocketType::STREAM));
    ensure_eq!(
        bind_reclaiming(&second, &addr, Some(4)),
        Err(SocketFileError::Os(Errno::EADDRINUSE))
    );
    ensure_eq!(ok!(sys::mode_of(path.bytes())) & S_IFMT, S_IFSOCK);
    let client = ok!(socket(Family::UNIX, SocketType::STREAM));
    ok!(connect(&client, &addr));
    // A datagram socket's stale file too (no listen for those).
    let dgram_path = dir.entry("dgram");
    let dgram = unix(&dgram_path)?;
    drop({
        let old = ok!(socket(Family::UNIX, SocketType::DGRAM));
        ok!(bind(&old, &dgram));
        old
    });
    let fresh = ok!(socket(Family::UNIX, SocketType::DGRAM));
    ok!(bind_reclaiming(&fresh, &dgram, None));
    // Any other kind of file is never touched.
    let file = dir.entry("file");
    ok!(sys::make_file(file.bytes()));
    let sock = ok!(socket(Family::UNIX, SocketType::STREAM));
    ensure_eq!(
        bind_reclaiming(&sock, &unix(&file)?, Some(1)),
        Err(SocketFileError::Os(Errno::EADDRINUSE))
    );
    ensure_eq!(ok!(sys::mode_of(file.bytes())) & S_IFMT, 0o100000);
    let link = dir.entry("link");
    ok!(sys::symlink(path.bytes(), link.bytes()));
    let sock = ok!(socket(Family::UNIX, SocketType::STREAM));
    ensure_eq!(
        bind_reclaiming(&sock, &unix(&link)?, Some(1)),
        Err(SocketFileError::Os(Errno::EADDRINUSE))
    );
    ensure_eq!(ok!(sys::mode_of(link.bytes())) & S_IFMT, 0o120000);
    ensure_eq!(
        bind_reclaiming(&sock, &ok!(UnixAddr::new_abstract(b"r")), None),
        Err(SocketFileError::NotAPath)
    );
    Ok(())
}

/// Two processes reclaim one stale path at the same moment: one binds, the
/// other is told EADDRINUSE.
pub(super) fn two_reclaimers_end_with_one_bound() -> Outcome {
    let mut dir = TempDir::new("race", 0o700)?;
    let path = dir.entry("sock");
    let addr = unix(&path)?;
    for _round in 0..20 {
        drop({
            let old = ok!(socket(Family::UNIX, SocketType::STREAM));
            ok!(bind(&old, &addr));
            old
        });
        let (go_read, go_write) = ok!(sys::pipe());
        let (result_read, result_write) = ok!(sys::pipe());
        let (release_read, release_write) = ok!(sys::pipe());
        // Each child says how its reclaim ended at once; the one that bound
        // keeps its socket until the parent has both answers.
        let reclaimer = || {
            let mut byte = [0u8];
            let _ = sys::read(go_read, &mut byte);

            match socket(Family::UNIX, SocketType::STREAM) {
                Ok(sock) => {
                    let answer = match bind_reclaiming(&sock, &addr, Some(4)) {
                        Ok(()) => 0,
                        Err(SocketFileError::Os(errno)) => errno.raw() as u32,
                        Err(_) => u32::MAX,
                    };
                    let _ = sys::write(result_write, &answer.to_ne_bytes());
                    if answer == 0 {
                        let _ = sys::read(release_read, &mut byte);
                    }
                    drop(sock);
                    answer
                }
                Err(errno) => {
                    let _ = sys::write(result_write, &(errno.raw() as u32).to_ne_bytes());
                    errno.raw() as u32
                }
            }
        };
        // SAFETY: the children only make system calls.
        let (first, second) = unsafe { (ok!(sys::spawn(reclaimer)), ok!(sys::spawn(reclaimer))) };
        ok!(sys::write(go_write, b"gg"));
        let mut both = [0u8; 8];
        let mut got = 0;
        while got < both.len() {
            got += match sys::read(result_read, &mut both[got..]) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
        }
        let _ = sys::write(release_write, b"xx");
        let answers = [ok!(first.wait()), ok!(second.wait())];
        for fd in [
            go_read,
            go_write,
            result_read,
            result_write,
            release_read,
            release_write,
        ] {
            let _ = sys::close(fd);
        }
        let bound = answers.iter().filter(|&&a| a == 0).count();
        let in_use = answers
            .iter()
            .filter(|&&a| a == Errno::EADDRINUSE.raw() as u32)
            .count();
        if (bound, in_use) != (1, 1) {
            fail!("answers {answers:?}: expected one bound (0) and one EADDRINUSE");
        }
        let _ = sys::unlink(path.bytes(), false);
    }
    Ok(())
}
