#!/usr/bin/env bash
# The whole suite, host and every target: installs what it needs (qemu-user,
# rustup targets, rust-src), then runs
#   - cargo fmt --check and cargo clippy -D warnings (host, i686 in each
#     socketcall mode, aarch64),
#   - cargo test --features std on the host (the shared cases, number
#     cross-checks, doctests),
#   - build.rs's refusals (x32, riscv64, a bad RAWBIND_SOCKETCALL),
#   - the showcase (bindprobe) with exact expected lines,
#   - the libc-free runner (examples/selftest.rs), bindprobe and minimal for
#     every target, linked both as static non-PIEs and as static-PIEs (readelf
#     checks each kind), checked libc-free, run natively or under qemu-user;
#     on i686 in each socketcall mode, natively under seccomp filters too; on
#     x86_64 once more as uid 65534, where the root-only cases must skip,
#   - the runtime's promises natively: each standard descriptor closed,
#     /dev/full, one write(2) for four lines (strace),
#   - the README's recipe in a fresh crate (x86_64, i686, aarch64), and the
#     library with its minimum Rust version.
# Ends with one line: N passed, N failed, N skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); echo "ok $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }
skip() { skipped=$((skipped + 1)); echo "skip $1: $2"; }
# Adds the counts of a "summary: N passed, N failed, N skipped" line.
count_summary() {
    local line=$1
    if [[ $line =~ ^summary:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped ]]; then
        passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2])) skipped=$((skipped + BASH_REMATCH[3]))
        return 0
    fi
    return 1
}

# Every target the runner runs on. rustup has core prebuilt for the first
# list; the second's core is built from rust-src (-Zbuild-std).
PREBUILT_TARGETS="x86_64-unknown-linux-gnu i686-unknown-linux-gnu aarch64-unknown-linux-gnu \
armv7-unknown-linux-gnueabihf thumbv7neon-unknown-linux-gnueabihf riscv64gc-unknown-linux-gnu \
s390x-unknown-linux-gnu powerpc64le-unknown-linux-gnu"
BUILD_STD_TARGETS="riscv32gc-unknown-linux-gnu loongarch64-unknown-linux-gnu x86_64-unknown-linux-gnux32 \
mips64-unknown-linux-gnuabi64 mips64el-unknown-linux-gnuabi64"
TARGETS="$PREBUILT_TARGETS $BUILD_STD_TARGETS"

qemu_for() {
    case $1 in
        i686-*) echo qemu-i386 ;;
        armv7-* | thumbv7*) echo qemu-arm ;;
        riscv64*) echo qemu-riscv64 ;;
        riscv32*) echo qemu-riscv32 ;;
        powerpc64le-*) echo qemu-ppc64le ;;
        *) echo "qemu-${1%%-*}" ;;
    esac
}

# Builds examples selftest, bindprobe and minimal for target $1, linked the
# way $2 names, into target dir $3, stripped (-C strip=symbols): static
# libc-free programs (rust-lld). Ways: `static` (-C relocation-model=static,
# ET_EXEC) and `pie` (a static-PIE, ET_DYN: the default on x86_64, forced
# elsewhere). Extra per target: core from source where rustup has none, no
# LSX on loongarch64 (qemu 7.2 cannot run it), and mips64's opt-in.
build_examples() {
    local target=$1 way=$2 dir=$3
    local flags="-C linker=rust-lld -C target-feature=+crt-static -C strip=symbols"
    case $way in
        static) flags="$flags -C relocation-model=static" ;;
        pie) flags="$flags -C relocation-model=pie -C link-arg=-pie -C link-arg=--no-dynamic-linker" ;;
    esac
    local std=()
    case " $BUILD_STD_TARGETS " in *" $target "*) std=(-Zbuild-std=core,panic_abort) ;; esac
    local features=()
    [[ $target == loongarch64-* ]] && flags="$flags -C target-feature=-lsx"
    # mips64: the opt-in feature (its asm is unstable), and lld wants the entry named.
    if [[ $target == mips64* ]]; then
        features=(--features unstable-mips64); flags="$flags -C link-arg=--entry=_start"
    fi
    RUSTC_BOOTSTRAP=${std:+1} RUSTFLAGS="$flags" CARGO_TARGET_DIR=$dir \
        cargo build -q --release "${std[@]}" "${features[@]}" --example selftest --example bindprobe \
        --example minimal --target "$target"
}

# The ELF type a way must produce: readelf proves each way is what it claims.
elf_type_of_way() { case $1 in static) echo EXEC ;; pie) echo DYN ;; esac; }

# The variable the environment case looks for (tests/cases/runtime.rs).
export RAWBIND_TEST_VARIABLE="a value = with signs"

echo "== setup"
if ! command -v qemu-aarch64 >/dev/null || ! command -v qemu-i386 >/dev/null || ! command -v qemu-x86_64 >/dev/null \
    || ! command -v strace >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user strace) >/dev/null 2>&1 \
        || echo "could not install qemu-user and strace (apt-get needs root); their checks will be skipped"
fi
rustup target add $PREBUILT_TARGETS >/dev/null 2>&1 || echo "rustup target add failed"
rustup component add rust-src >/dev/null 2>&1 || echo "rustup component add rust-src failed"

echo "== checks"
if cargo fmt --all -- --check >/dev/null 2>&1; then pass fmt; else fail fmt "cargo fmt --check found differences"; fi
if out=$(cargo clippy -q --all-targets -- -D warnings 2>&1); then pass clippy-host; else fail clippy-host "$out"; fi
# The examples are no_std programs: with std linked in they would define its panic handler twice.
if out=$(cargo clippy -q --lib --tests --features std -- -D warnings 2>&1); then pass clippy-host-std
else fail clippy-host-std "$out"; fi
for mode in auto never always; do
    if out=$(RAWBIND_SOCKETCALL=$mode CARGO_TARGET_DIR=target/clippy-$mode cargo clippy -q --lib --examples \
        --target i686-unknown-linux-gnu -- -D warnings 2>&1); then pass clippy-i686-$mode; else fail clippy-i686-$mode "$out"; fi
done
for target in $PREBUILT_TARGETS; do
    [[ $target == x86_64-* || $target == i686-* ]] && continue
    if out=$(CARGO_TARGET_DIR=target/clippy-cross cargo clippy -q --lib --examples --target "$target" -- -D warnings 2>&1); then
        pass "clippy-${target%%-*}"; else fail "clippy-${target%%-*}" "$out"; fi
done

echo "== cargo test (host)"
log=$(cargo test --features std 2>&1)
echo "$log" | grep -E '^test .* (ok|FAILED|ignored)$|^SKIPPED' | sed 's/^/  /'
host_skips=$(echo "$log" | grep -c '^SKIPPED' || true)
while read -r p f i; do
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + i))
done < <(echo "$log" | sed -nE 's/^test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed; ([0-9]+) ignored.*/\1 \2 \3/p')
# A case that skipped under libtest reported "ok": count it as skipped.
passed=$((passed - host_skips)) skipped=$((skipped + host_skips))
if ! echo "$log" | grep -q '^test result:'; then fail cargo-test "$(echo "$log" | tail -20)"; fi

echo "== refusal of unsupported targets"
# The compiled build script (`cargo test` above compiled it), run with the
# environment cargo gives it for a target. $1 names the check, $2 the
# expected message, the rest KEY=VALUE.
refuses() {
    local name=$1 want=$2; shift 2
    local script
    script=$(ls -t target/debug/build/rawbind-*/build-script-build 2>/dev/null | head -1)
    if [[ -z $script ]]; then fail "$name" "no compiled build script"; return; fi
    local out
    out=$(env CARGO_CFG_TARGET_OS=linux CARGO_CFG_TARGET_ENDIAN=little "$@" "$script" 2>&1)
    if [[ $? -ne 0 && $out == *"$want"*"Supported targets:"* ]]; then pass "$name"; else fail "$name" "$out"; fi
}
refuses build-refuses-mips64-without-opt-in "opt in with the cargo feature \`unstable-mips64\`" \
    TARGET=mips64-unknown-linux-gnuabi64 CARGO_CFG_TARGET_ARCH=mips64 CARGO_CFG_TARGET_POINTER_WIDTH=64 \
    CARGO_CFG_TARGET_ENDIAN=big CARGO_CFG_TARGET_ABI=abi64
refuses build-refuses-powerpc64-big-endian "big-endian powerpc64 calls functions through ELFv1 descriptors" \
    TARGET=powerpc64-unknown-linux-gnu CARGO_CFG_TARGET_ARCH=powerpc64 CARGO_CFG_TARGET_POINTER_WIDTH=64 \
    CARGO_CFG_TARGET_ENDIAN=big
# And through cargo itself: sparc64 has no arch file (its core is built from rust-src).
out=$(RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=target/refuse cargo check -q -Zbuild-std=core \
    --target sparc64-unknown-linux-gnu 2>&1)
if [[ $? -ne 0 && $out == *"rawbind does not support the target \`sparc64-unknown-linux-gnu\`: no arch file for arch \`sparc64\`"*"Supported targets:"* ]]; then
    pass cargo-check-refuses-sparc64
else
    fail cargo-check-refuses-sparc64 "$(echo "$out" | tail -5)"
fi
out=$(RAWBIND_SOCKETCALL=sometimes cargo check --target i686-unknown-linux-gnu 2>&1)
if [[ $? -ne 0 && $out == *"RAWBIND_SOCKETCALL=\`sometimes\` is not one of"* ]]; then
    pass build-refuses-bad-socketcall-mode
else
    fail build-refuses-bad-socketcall-mode "an unknown RAWBIND_SOCKETCALL value was not refused"
fi

# Static, no interpreter, no shared libraries, no C library symbols.
libc_free() {
    local bin=$1
    readelf -lW "$bin" | grep -q INTERP && { echo "has a program interpreter"; return 1; }
    readelf -dW "$bin" 2>/dev/null | grep -q NEEDED && { echo "has DT_NEEDED entries"; return 1; }
    readelf -sW "$bin" | grep -qE '__libc_|GLIBC_|@GLIBC|__errno_location' && { echo "has C library symbols"; return 1; }
    return 0
}

echo "== showcase (bindprobe, host)"
if cargo build -q --release --example bindprobe 2>/dev/null; then
    probe=target/release/examples/bindprobe
    if why=$(libc_free $probe); then pass bindprobe-libc-free; else fail bindprobe-libc-free "$why"; fi
    sock=/tmp/rawbind-probe-$$.sock
    out=$($probe 127.0.0.1:0 '[::1]:0' "unix:$sock" 'abstract:rawbind-probe\x00end' unnamed); rc=$?
    rm -f "$sock"
    expect=(
        '^ok 127\.0\.0\.1:0 127\.0\.0\.1:[1-9][0-9]*$'
        '^ok \[::1\]:0 \[::1\]:[1-9][0-9]*$'
        "^ok unix:$sock $sock\$"
        '^ok abstract:rawbind-probe\\x00end @rawbind-probe\\x00end$'
        '^ok unnamed @[0-9a-f]{5}$'
    )
    mapfile -t lines <<<"$out"
    ok=$([[ $rc -eq 0 && ${#lines[@]} -eq 5 ]] && echo 1 || echo 0)
    for i in 0 1 2 3 4; do [[ ${lines[$i]:-} =~ ${expect[$i]} ]] || ok=0; done
    if [[ $ok == 1 ]]; then pass bindprobe-binds-every-family; else fail bindprobe-binds-every-family "rc=$rc: $out"; fi

    # Each error line is followed by the hint for its usual cause.
    hint_eacces_port='hint: ports below net.ipv4.ip_unprivileged_port_start (1024 unless changed) need CAP_NET_BIND_SERVICE: grant it (setcap, or AmbientCapabilities= in a systemd unit), lower that sysctl, or use a higher port'
    hint_in_use='hint: another socket holds this address (`ss -tulpn` shows which process); if a connection on it just closed, TIME_WAIT holds the port for about a minute: set SO_REUSEADDR before bind, on the old socket and the new one'
    hint_stale='hint: a file already exists at this path, often the socket file of an earlier run that was never removed: unlink it before binding'
    hint_not_local='hint: no interface here has this address (`ip address` lists them): bind one that does, or the wildcard (0.0.0.0, ::), or set IP_FREEBIND to bind it before it exists'
    hint_scope='hint: a link-local IPv6 address needs a scope id naming its interface, e.g. [fe80::1%2]:PORT with the index `ip link` shows'
    out=$($probe "unix:$sock" "unix:$sock" 203.0.113.1:0 '[2001:db8::1]:0' '[fe80::1]:0'); rc=$?
    rm -f "$sock"
    want="ok unix:$sock $sock
err unix:$sock EADDRINUSE Address already in use
$hint_stale
err 203.0.113.1:0 EADDRNOTAVAIL Cannot assign requested address
$hint_not_local
err [2001:db8::1]:0 EADDRNOTAVAIL Cannot assign requested address
$hint_not_local
err [fe80::1]:0 EINVAL Invalid argument
$hint_scope"
    if [[ $rc -eq 1 && $out == "$want" ]]; then pass bindprobe-reports-errors-with-hints; else fail bindprobe-reports-errors-with-hints "rc=$rc: $out"; fi

    # The same TCP port twice; a port some other process holds is retried.
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 30000))
        out=$($probe "127.0.0.1:$port" "127.0.0.1:$port"); rc=$?
        [[ $out == "ok "* ]] && break
    done
    want="ok 127.0.0.1:$port 127.0.0.1:$port
err 127.0.0.1:$port EADDRINUSE Address already in use
$hint_in_use"
    if [[ $rc -eq 1 && $out == "$want" ]]; then pass bindprobe-port-in-use-hint; else fail bindprobe-port-in-use-hint "rc=$rc: $out"; fi

    start=$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start 2>/dev/null || echo 1024)
    if [[ $(id -u) -ne 0 ]]; then
        skip bindprobe-eacces "needs root to run the probe as an unprivileged user"
    elif (( start <= 80 )); then
        skip bindprobe-eacces "ip_unprivileged_port_start is $start: port 80 is not privileged here"
    else
        cp $probe /tmp/rawbind-probe-$$ && chmod 755 /tmp/rawbind-probe-$$
        out=$(setpriv --reuid=65534 --regid=65534 --clear-groups /tmp/rawbind-probe-$$ 127.0.0.1:80); rc=$?
        rm -f /tmp/rawbind-probe-$$
        if [[ $rc -eq 1 && $out == "err 127.0.0.1:80 EACCES Permission denied"$'\n'"$hint_eacces_port" ]]; then pass bindprobe-eacces
        else fail bindprobe-eacces "rc=$rc: $out"; fi
    fi

    # strace's own decoding of each bind(2) call against rawbind's notation of
    # it. Interface indexes are ones strace cannot resolve to a name (it
    # would print if_nametoindex("lo"); rawbind makes no call to format).
    if command -v strace >/dev/null; then
        upath=$'/tmp/rawbind-strace-'$$$'-\x01\x1b7"\\\t.sock'
        trace=/tmp/rawbind-strace-$$.txt
        ours=$(strace -qq -e trace=bind -e signal=none -o $trace $probe --strace \
            127.0.0.1:0 '[::1]:0' '[2001:db8::1%7]:80' '[fe80::1%4242]:0' "unix:$upath" \
            'abstract:rawbind-strace\x00\x0a\x7f' unnamed packet:0 packet:0:0x86dd packet:0:0x1234 \
            netlink:0 netlink:5 netlink:0xffffffff vsock:any:any vsock:1:0x4d2 | sed -n 's/^strace: //p')
        theirs=$(sed -nE 's/^bind\([0-9]+, (\{.*\}), [0-9]+\) += .*$/\1/p' $trace)
        rm -f "$upath" $trace
        if [[ -n $ours && $ours == "$theirs" ]]; then pass "strace-notation-matches-strace ($(wc -l <<<"$ours") bind calls)"
        else fail strace-notation-matches-strace "ours:"$'\n'"$ours"$'\n'"strace's:"$'\n'"$theirs"; fi
    else
        skip strace-notation-matches-strace "strace is not installed"
    fi

    err=$($probe 127.0.0.1:0 not-an-address 2>&1 >/dev/null); rc=$?
    if [[ $rc -eq 2 && $err == *"malformed address \`not-an-address\`"*usage:* ]]; then pass bindprobe-usage
    else fail bindprobe-usage "rc=$rc: $err"; fi
    err=$($probe "unix:/$(printf 'x%.0s' {1..108})" 2>&1 >/dev/null); rc=$?
    if [[ $rc -eq 2 && $err == *"109 bytes; sun_path holds at most 108"* ]]; then pass bindprobe-names-the-limit
    else fail bindprobe-names-the-limit "rc=$rc: $err"; fi
else
    fail bindprobe-build "cargo build --release --example bindprobe failed"
fi

echo "== libc-free programs on every target, linked both ways"
cross_start=$(date +%s)
# Runs one runner binary and adds its counts; $1 names the run, the rest is the command.
run() {
    local name=$1; shift
    local out
    out=$("$@" 2>&1)
    echo "$out" | grep -vE '^(ok |summary:)' | while IFS= read -r line; do echo "  [$name] $line"; done
    local summary
    summary=$(echo "$out" | grep '^summary:' | tail -1)
    if count_summary "$summary"; then echo "  [$name] $summary"
    else fail "$name" "no summary line (exit $?): $(echo "$out" | tail -3)"; fi
}
# Checks $2 is static, libc-free and of the ELF type way $3 makes; $1 names the check.
check_binary() {
    local name=$1 bin=$2 way=$3 why kind
    if ! why=$(libc_free "$bin"); then fail "$name" "$why"; return 1; fi
    kind=$(readelf -hW "$bin" | sed -n 's/^ *Type: *\([A-Z]*\).*/\1/p')
    if [[ $kind != "$(elf_type_of_way "$way")" ]]; then fail "$name" "ELF type $kind, expected $(elf_type_of_way "$way")"; return 1; fi
    pass "$name ($kind)"
}
native_i386=$( [[ $(uname -m) == x86_64 ]] && echo yes || echo no )
for mode in auto never always; do
    for target in $TARGETS; do
        # Only i686 has socketcall: the other targets build once.
        [[ $mode != auto && $target != i686-* ]] && continue
        for way in static pie; do
            dir=target/$way-$mode
            if ! RAWBIND_SOCKETCALL=$mode build_examples "$target" $way $dir 2>/tmp/rawbind-build-$$.log; then
                fail "build-$target-$way-$mode" "$(tail -5 /tmp/rawbind-build-$$.log)"; continue
            fi
            examples=$dir/$target/release/examples
            tag=$target/$way/$mode
            for example in selftest bindprobe minimal; do
                check_binary "static-libc-free-$example-$tag" $examples/$example $way || continue 2
            done
            if [[ $mode == auto ]]; then
                echo "  $target $way sizes: bindprobe $(stat -c %s $examples/bindprobe) bytes, minimal $(stat -c %s $examples/minimal) bytes"
                # No formatting code where nothing formats an address.
                if grep -qaE 'sa_family|sin6_flowinfo|unnamed' $examples/minimal; then
                    fail "minimal-links-no-notation-$target-$way" "notation strings found in the minimal program"
                else pass "minimal-links-no-notation-$target-$way"; fi
            fi
            case $target in
                *-gnux32)
                    # qemu-user has no x32 mode; only an x32-enabled kernel runs it.
                    if "$examples/selftest" --help >/dev/null 2>&1 || [[ $? -ne 126 ]]; then run "$tag/native" "$examples/selftest"
                    else skip "$tag/native" "built only: this kernel cannot execute x32 programs (CONFIG_X86_X32_ABI is off; exec fails with ENOEXEC)"; fi
                    continue ;;
            esac
            qemu=$(qemu_for "$target")
            if command -v "$qemu" >/dev/null; then
                run "$tag/qemu" "$qemu" $examples/selftest --under-qemu
                out=$("$qemu" $examples/bindprobe 127.0.0.1:0 '[::1]:0' abstract:rawbind-way); rc=$?
                if [[ $rc -eq 0 && $out =~ ^ok\ 127\.0\.0\.1:0\ 127\.0\.0\.1:[1-9][0-9]*$'\n'ok\ \[::1\]:0\ \[::1\]:[1-9][0-9]*$'\n'ok\ abstract:rawbind-way\ @rawbind-way$ ]]; then
                    pass "bindprobe-runs-$tag/qemu"; else fail "bindprobe-runs-$tag/qemu" "rc=$rc: $out"; fi
                if "$qemu" $examples/minimal; then pass "minimal-binds-$tag/qemu"; else fail "minimal-binds-$tag/qemu" "exit $?"; fi
            else skip "$tag/qemu" "$qemu is not installed"; fi
            case $target in
                x86_64-*)
                    run "$tag/native" $examples/selftest
                    if $examples/minimal; then pass "minimal-binds-$tag/native"; else fail "minimal-binds-$tag/native" "exit $?"; fi
                    # As an ordinary user the root-only cases must skip, with their reason, and the rest pass.
                    if [[ $(id -u) -eq 0 ]]; then
                        cp $examples/selftest /tmp/rawbind-selftest-$$ && chmod 755 /tmp/rawbind-selftest-$$
                        run "$tag/native/uid-65534" setpriv --reuid=65534 --regid=65534 --clear-groups /tmp/rawbind-selftest-$$
                        rm -f /tmp/rawbind-selftest-$$
                    fi ;;
                i686-*)
                    if [[ $native_i386 != yes ]]; then skip "$tag/native" "the host is not x86_64"; continue; fi
                    run "$tag/native" $examples/selftest
                    # auto: both filters (fallback taken, and never needed by default);
                    # a pinned build runs under the filter its pin must never trip.
                    case $mode in auto) denies="direct socketcall" ;; never) denies=socketcall ;; always) denies=direct ;; esac
                    for deny in $denies; do
                        if [[ $(id -u) -ne 0 ]]; then skip "$tag/native/deny-$deny" "installing a seccomp filter here needs root"
                        else run "$tag/native/deny-$deny" $examples/selftest --deny-$deny; fi
                        skip "$tag/qemu/deny-$deny" "qemu-user cannot install seccomp filters"
                    done ;;
            esac
        done
    done
done
rm -f /tmp/rawbind-build-$$.log
cross_seconds=$(( $(date +%s) - cross_start ))
if command -v valgrind >/dev/null; then
    echo "  minimal (x86_64, static), user-space instructions from _start to exit (callgrind):" \
        "$(valgrind --tool=callgrind --callgrind-out-file=/dev/null target/static-auto/x86_64-unknown-linux-gnu/release/examples/minimal 2>&1 | sed -n 's/.*Collected : //p')"
fi

echo "== the runtime's promises, natively (x86_64 and i686, both ways)"
for target in x86_64-unknown-linux-gnu i686-unknown-linux-gnu; do
    for way in static pie; do
        examples=target/$way-auto/$target/release/examples tag=$target/$way
        [[ -x $examples/bindprobe ]] || { fail "runtime-$tag" "not built"; continue; }
        # With each standard descriptor closed: /dev/null takes its place,
        # the sockets get 3 and up, and the exit status is the normal one.
        for fd in 0 1 2; do
            out=$(bash -c "exec $examples/selftest $fd>&-" 2>&1); rc=$?
            if [[ $rc -eq 0 ]] && { [[ $fd == 1 ]] || [[ $out == *"summary: "*" 0 failed"* ]]; }; then pass "runner-with-fd-$fd-closed-$tag"
            else fail "runner-with-fd-$fd-closed-$tag" "rc=$rc: $(echo "$out" | grep -v '^ok' | tail -3)"; fi
            if command -v strace >/dev/null; then
                trace=/tmp/rawbind-fd-$$.txt
                bash -c "exec strace -qq -e trace=socket,openat -o $trace $examples/bindprobe 127.0.0.1:0 '[::1]:0' $fd>&-" >/dev/null 2>&1; rc=$?
                sockets=$(sed -nE 's/^socket\(.*\) += ([0-9]+)$/\1/p' $trace | tr '\n' ' ')
                null=$(grep -cE '"/dev/null", O_RDWR\) += '"$fd$" $trace)
                rm -f $trace
                if [[ $rc -eq 0 && $sockets == "3 4 " && $null == 1 ]]; then pass "bindprobe-with-fd-$fd-closed-$tag"
                else fail "bindprobe-with-fd-$fd-closed-$tag" "rc=$rc sockets=$sockets /dev/null opened on $fd: $null"; fi
            fi
        done
        # Output that cannot be written is reported, and the status says so.
        err=$($examples/bindprobe 127.0.0.1:0 2>&1 >/dev/full); rc=$?
        if [[ $rc -eq 1 && $err == "error: writing to standard output failed with ENOSPC (No space left on device); output was lost" ]]; then
            pass "bindprobe-reports-dev-full-$tag"; else fail "bindprobe-reports-dev-full-$tag" "rc=$rc: $err"; fi
        # One write(2) per line at most: these four lines fit one buffer, one write.
        if command -v strace >/dev/null; then
            trace=/tmp/rawbind-writes-$$.txt
            lines=$(strace -qq -e trace=write -o $trace $examples/bindprobe 127.0.0.1:0 '[::1]:0' abstract:x unnamed | wc -l)
            writes=$(grep -c '^write(' $trace); rm -f $trace
            if [[ $lines -eq 4 && $writes -eq 1 ]]; then pass "bindprobe-one-write-for-4-lines-$tag"
            else fail "bindprobe-one-write-for-4-lines-$tag" "$writes writes for $lines lines"; fi
        else
            skip "bindprobe-one-write-for-4-lines-$tag" "strace is not installed"
        fi
    done
done

echo "== the README's recipe, in a new crate outside the repository"
recipe=$(mktemp -d /tmp/rawbind-recipe-XXXXXX)
if names=$(python3 tests/readme_recipe.py . "$recipe" 2>&1); then
    pass "readme-recipe-files ($names)"
    for target in x86_64-unknown-linux-gnu i686-unknown-linux-gnu aarch64-unknown-linux-gnu; do
        out=$(cd "$recipe" && env -u RUSTFLAGS -u RUSTC_BOOTSTRAP cargo run -q --release --target $target -- 0 2>&1); rc=$?
        bin=$recipe/target/$target/release/hello-bind
        if [[ $rc -eq 0 && $out =~ ^bound\ 127\.0\.0\.1:[1-9][0-9]*$ ]] && check_binary "readme-recipe-static-$target" "$bin" pie; then
            pass "readme-recipe-runs-$target"
        else fail "readme-recipe-runs-$target" "rc=$rc: $(echo "$out" | tail -5)"; fi
    done
    # Linked the wrong way (a dynamic executable with an interpreter, through
    # cc): refused with the reason, never a crash that names nothing.
    out=$(cd "$recipe" && RUSTFLAGS="-C link-arg=-nostartfiles" cargo build -q --release --target-dir target/dynamic 2>&1 \
        && target/dynamic/x86_64-unknown-linux-gnu/release/hello-bind 2>&1); rc=$?
    if [[ $rc -eq 127 && $out == "rawbind::entry!: this program was started by a dynamic linker"*"must be linked static"* ]]; then
        pass "dynamic-executable-refused-with-a-message"
    else fail "dynamic-executable-refused-with-a-message" "rc=$rc: $out"; fi
else
    fail readme-recipe-files "$names"
fi
rm -rf "$recipe"

echo "== minimum Rust version of the library"
msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
if rustup toolchain install "$msrv" --profile minimal >/dev/null 2>&1; then
    if out=$(CARGO_TARGET_DIR=target/msrv cargo "+$msrv" build -q --lib 2>&1); then pass "library-builds-with-rust-$msrv"
    else fail "library-builds-with-rust-$msrv" "$(echo "$out" | tail -5)"; fi
else
    skip "library-builds-with-rust-$msrv" "rustup could not install Rust $msrv (offline?)"
fi

echo "== memcpy against glibc (a report, not a check)"
echo "  $(CARGO_TARGET_DIR=target/bench cargo bench -q --bench memcpy 2>&1 | tail -1)"

echo "== summary"
echo "cross-arch builds and runs: ${cross_seconds}s"
if (( skipped > 0 )); then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
(( failed == 0 ))
