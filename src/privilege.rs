//! Dropping root after the privileged binds: the standard hardening step
//! once a port below 1024 is bound (see the seeds' security notes).

use core::fmt;

use crate::{arch::nr, sys, Errno};

/// What [`drop_privileges`] removes beyond the ids and the capability sets.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct DropOptions {
    /// Also empty the capability bounding set (`PR_CAPBSET_DROP` for every
    /// capability), so that no later exec can regain one. Needs
    /// `CAP_SETPCAP`, which root has.
    pub clear_bounding_set: bool,
}

/// The step of [`drop_privileges`] that failed; every step before it took
/// effect, none after it ran.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum DropStep {
    /// prctl(`PR_SET_NO_NEW_PRIVS`).
    NoNewPrivs,
    /// prctl(`PR_CAPBSET_DROP`) of the capability with this number.
    BoundingSet(u32),
    /// prctl(`PR_CAP_AMBIENT`, `PR_CAP_AMBIENT_CLEAR_ALL`).
    AmbientSet,
    /// setgroups(2) with no groups.
    SupplementaryGroups,
    /// setresgid(2).
    GroupIds,
    /// setresuid(2).
    UserIds,
    /// capset(2) with every set empty.
    Capabilities,
}

/// Why [`drop_privileges`] stopped: the step and the kernel's answer. The
/// process may still hold privileges it meant to drop, so a caller should
/// exit rather than go on.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct DropError {
    /// The step that failed.
    pub step: DropStep,
    /// The kernel's answer (`EPERM`: not privileged enough for the step).
    pub errno: Errno,
}

impl fmt::Display for DropError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = match self.step {
            DropStep::NoNewPrivs => "setting no_new_privs",
            DropStep::BoundingSet(_) => "dropping a capability from the bounding set",
            DropStep::AmbientSet => "clearing the ambient capabilities",
            DropStep::SupplementaryGroups => "clearing the supplementary groups",
            DropStep::GroupIds => "setting the real, effective and saved group ids",
            DropStep::UserIds => "setting the real, effective and saved user ids",
            DropStep::Capabilities => "clearing the capability sets",
        };
        // write_str, not `{}`: a `&str` through `{}` links core's padding.
        f.write_str("dropping privileges failed at ")?;
        f.write_str(step)?;
        if let DropStep::BoundingSet(cap) = self.step {
            write!(f, " (capability {cap})")?;
        }
        write!(
            f,
            ": {:?}: {}; the process may still be privileged",
            self.errno, self.errno
        )
    }
}

impl core::error::Error for DropError {}

/// Becomes user `uid` and group `gid` for good, after the binds that needed
/// root are done: `no_new_privs` set (prctl(2)), the bounding set emptied if
/// asked, the ambient set cleared, the supplementary groups cleared
/// (setgroups(2)), real, effective and saved gid then uid set
/// (setresgid(2), setresuid(2)), and every capability set emptied
/// (capset(2)). Sockets bound before stay bound and keep accepting; a new
/// bind below `ip_unprivileged_port_start` then fails with `EACCES`.
///
/// Every step must succeed; the first that fails is returned as
/// [`DropError`] and nothing after it runs. The ids are per thread in the
/// kernel: call this before starting threads.
///
/// ```no_run
/// use rawbind::{drop_privileges, DropOptions};
/// // ... bind port 80 as root, then:
/// drop_privileges(65534, 65534, DropOptions { clear_bounding_set: true })?;
/// # Ok::<(), rawbind::DropError>(())
/// ```
pub fn drop_privileges(uid: u32, gid: u32, options: DropOptions) -> Result<(), DropError> {
    const PR_SET_NO_NEW_PRIVS: usize = 38;
    const PR_CAPBSET_DROP: usize = 24;
    const PR_CAP_AMBIENT: usize = 47;
    const PR_CAP_AMBIENT_CLEAR_ALL: usize = 4;
    let fail = |step| move |errno| DropError { step, errno };
    sys::integers(nr::PRCTL, [PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0])
        .map_err(fail(DropStep::NoNewPrivs))?;
    if options.clear_bounding_set {
        // Capabilities are numbered from 0 up to the kernel's last; the first
        // number past it answers EINVAL.
        for cap in 0..64 {
            match sys::integers(nr::PRCTL, [PR_CAPBSET_DROP, cap, 0, 0, 0]) {
                Ok(_) => {}
                Err(Errno::EINVAL) if cap > 0 => break,
                Err(errno) => return Err(fail(DropStep::BoundingSet(cap as u32))(errno)),
            }
        }
    }
    sys::integers(
        nr::PRCTL,
        [PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0],
    )
    .map_err(fail(DropStep::AmbientSet))?;
    sys::integers(nr::SETGROUPS, [0, 0]).map_err(fail(DropStep::SupplementaryGroups))?;
    let (uid, gid) = (uid as usize, gid as usize);
    sys::integers(nr::SETRESGID, [gid, gid, gid]).map_err(fail(DropStep::GroupIds))?;
    sys::integers(nr::SETRESUID, [uid, uid, uid]).map_err(fail(DropStep::UserIds))?;
    sys::clear_capabilities().map_err(fail(DropStep::Capabilities))
}
