#!/usr/bin/env bash
# Boot-tests Strato's tiny image under QEMU (TCG only, no KVM) and checks the
# serial-console markers.
#
#   tools/tiny-image/test.sh [IMAGE.qcow2]
#
# IMAGE defaults to ~/.cache/strato/tiny-image/strato-tiny.qcow2, built with
# build.sh when missing or older than build.sh/rootfs (STRATO_TINY_REBUILD=1
# forces a rebuild; an IMAGE given as argument is only built when missing).
# Cases:
#   no-network     no NIC: boot, dhcp failed, metadata none, ready
#   config-drive   ISO9660 "config-2" CD-ROM: metadata, ssh keys, user-data
#   user-net       QEMU user net (restricted): DHCP lease, httpd via hostfwd
#   acpi-poweroff  (same VM) system_powerdown makes the guest power off
#   metadata-svc   user net + guestfwd 169.254.169.254:80 -> local responder
# Every boot is bounded by STRATO_TINY_BOOT_TIMEOUT seconds (default 90) and
# killed afterwards. Ends with "N passed, N failed"; exit status 1 on failure.
# Only loopback is used on the host side: user networking runs with
# restrict=on, so the guest cannot reach anything outside QEMU.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEFAULT_IMAGE="$HOME/.cache/strato/tiny-image/strato-tiny.qcow2"
IMAGE="${1:-${STRATO_TINY_IMAGE:-$DEFAULT_IMAGE}}"
BOOT_TIMEOUT="${STRATO_TINY_BOOT_TIMEOUT:-90}"
KEEP="${STRATO_TINY_KEEP_LOGS:-0}"

PASSED=0
FAILED=0
QEMU_PID=""

log() { echo "[tiny-test] $*"; }

ensure_tools() {
    local missing=()
    command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
    command -v genisoimage >/dev/null || missing+=(genisoimage)
    command -v curl >/dev/null || missing+=(curl)
    command -v ss >/dev/null || missing+=(iproute2)
    if [ "${#missing[@]}" -gt 0 ]; then
        if [ "$(id -u)" != 0 ]; then
            echo "missing packages (install as root): ${missing[*]}" >&2; exit 2
        fi
        log "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
            --no-install-recommends "${missing[@]}" >/dev/null \
        || { apt-get -o DPkg::Lock::Timeout=300 update -qq \
             && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
                --no-install-recommends "${missing[@]}" >/dev/null; } \
        || { echo "cannot install ${missing[*]}" >&2; exit 2; }
    fi
}

free_port() {
    local p used
    used="$(ss -Htan 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)"
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % 40000 ))
        grep -qx "$p" <<<"$used" || { echo "$p"; return 0; }
    done
    return 1
}

result() { # name ok|fail detail
    if [ "$2" = ok ]; then
        PASSED=$((PASSED + 1)); echo "PASS: $1${3:+ - $3}"
    else
        FAILED=$((FAILED + 1)); echo "FAIL: $1${3:+ - $3}"
    fi
}

# start_vm LOG MONPORT qemu-args...  (sets QEMU_PID, BOOT_T0)
start_vm() {
    local logf="$1" mport="$2"; shift 2
    : > "$logf"
    qemu-system-x86_64 -machine pc,accel=tcg -m 128 -smp 1 -nographic \
        -serial "file:$logf" -monitor "tcp:127.0.0.1:$mport,server=on,wait=off" \
        -drive "file=$IMAGE,if=virtio,snapshot=on" \
        "$@" </dev/null >"$logf.qemu" 2>&1 &
    QEMU_PID=$!
    BOOT_T0=$(date +%s.%N)
}

# wait_for LOG PATTERN SECONDS -> 0 when the pattern shows up
wait_for() {
    local logf="$1" pat="$2" secs="$3" end
    end=$(( $(date +%s) + secs ))
    while [ "$(date +%s)" -lt "$end" ]; do
        grep -qa -- "$pat" "$logf" && return 0
        kill -0 "$QEMU_PID" 2>/dev/null || { grep -qa -- "$pat" "$logf"; return; }
        sleep 0.5
    done
    return 1
}

stop_vm() {
    [ -n "$QEMU_PID" ] || return 0
    if kill -0 "$QEMU_PID" 2>/dev/null; then
        kill "$QEMU_PID" 2>/dev/null
        for _ in $(seq 1 20); do kill -0 "$QEMU_PID" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$QEMU_PID" 2>/dev/null
    fi
    wait "$QEMU_PID" 2>/dev/null
    QEMU_PID=""
}

monitor_cmd() { # port command
    exec 9<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf '%s\n' "$2" >&9
    sleep 1
    exec 9>&-
}

has() { grep -qa -- "$2" "$1"; }

# check LOG NAME pattern... -> result line; prints missing patterns
check_markers() {
    local logf="$1" name="$2" missing=() p; shift 2
    for p in "$@"; do has "$logf" "$p" || missing+=("$p"); done
    if [ "${#missing[@]}" -eq 0 ]; then
        result "$name" ok "$(boot_time "$logf")"
    else
        result "$name" fail "missing: $(printf '[%s] ' "${missing[@]}")(log: $logf)"
        echo "----- last console lines of $name -----"; tail -n 25 "$logf" | tr -d '\r'; echo "-----"
    fi
}

boot_time() {
    local up
    up="$(grep -ao 'STRATO-TINY: uptime [0-9.]*s' "$1" | head -n1 | awk '{print $3}')"
    echo "ready after ${READY_WALL:-?}s wall (guest uptime ${up:-?})"
}

# boot_and_wait NAME LOG qemu-args... -> sets READY_WALL; 0 if ready seen
boot_and_wait() {
    local name="$1" logf="$2" mport; shift 2
    mport="$(free_port)"
    log "booting $name"
    start_vm "$logf" "$mport" "$@"
    MONPORT="$mport"
    if wait_for "$logf" "STRATO-TINY: ready" "$BOOT_TIMEOUT"; then
        READY_WALL="$(awk -v a="$BOOT_T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
        return 0
    fi
    READY_WALL="timeout"
    return 1
}

# not_ready NAME LOG: record a case whose VM never printed "ready"
not_ready() {
    result "$1" fail "no 'STRATO-TINY: ready' within ${BOOT_TIMEOUT}s (log: $2)"
    echo "----- last console lines of $1 -----"; tail -n 25 "$2" | tr -d '\r'; echo "-----"
}

# ------------------------------------------------------------------ setup
ensure_tools
# the default image is also rebuilt when build.sh or rootfs/ changed since
STALE=0
if [ "$IMAGE" = "$DEFAULT_IMAGE" ] && [ -f "$IMAGE" ] \
   && [ -n "$(find "$HERE/build.sh" "$HERE/rootfs" -newer "$IMAGE" -print -quit)" ]; then
    STALE=1
fi
if [ ! -f "$IMAGE" ] || [ "$STALE" = 1 ] || [ "${STRATO_TINY_REBUILD:-0}" = 1 ]; then
    log "building $IMAGE"
    "$HERE/build.sh" "$IMAGE" || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
fi
IMAGE="$(cd "$(dirname "$IMAGE")" && pwd)/$(basename "$IMAGE")"
log "image $IMAGE ($(du -h --apparent-size "$IMAGE" | cut -f1))"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/strato-tiny-test.XXXXXX")"
cleanup() {
    stop_vm
    if [ "$KEEP" = 1 ] || [ "$FAILED" -gt 0 ]; then
        echo "logs kept in $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

UUID="5d1c3e0a-7b7e-4d55-9b0c-2f6f3c1a9e01"
HOSTN="tiny-cd.novalocal"
KEY="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHN0cmF0by10aW55LXRlc3Qta2V5LTAwMDAwMDAw strato-test"

# ------------------------------------------------------------------ (a) no network
L="$WORK/no-network.log"
if boot_and_wait no-network "$L" -nic none; then
    check_markers "$L" no-network \
        "STRATO-TINY: boot" "STRATO-TINY: dhcp failed" "STRATO-TINY: metadata none" "STRATO-TINY: ready"
else
    not_ready no-network "$L"
fi
stop_vm

# ------------------------------------------------------------------ (b) config drive
CD="$WORK/configdrive"
mkdir -p "$CD/openstack/latest"
cat > "$CD/openstack/latest/meta_data.json" <<EOF
{"uuid": "$UUID", "name": "tiny-cd", "hostname": "$HOSTN",
 "availability_zone": "nova", "launch_index": 0, "project_id": "p1",
 "public_keys": {"testkey": "$KEY"},
 "keys": [{"name": "testkey", "type": "ssh", "data": "$KEY"}],
 "meta": {"role": "test"}, "devices": [],
 "random_seed": "$(head -c 512 /dev/urandom | base64 -w0)"}
EOF
cat > "$CD/openstack/latest/user_data" <<'EOF'
#!/bin/sh
echo "USERDATA-MARKER hello from $(hostname) uid=$(id -u)"
exit 3
EOF
echo '{"links": [], "networks": [], "services": []}' > "$CD/openstack/latest/network_data.json"
genisoimage -quiet -V config-2 -J -R -o "$WORK/config-2.iso" "$CD" 2>/dev/null \
    || genisoimage -V config-2 -J -R -o "$WORK/config-2.iso" "$CD"
L="$WORK/config-drive.log"
if boot_and_wait config-drive "$L" -nic none \
        -drive "file=$WORK/config-2.iso,if=ide,media=cdrom,readonly=on"; then
    check_markers "$L" config-drive \
        "STRATO-TINY: boot" \
        "STRATO-TINY: metadata config-drive uuid=$UUID hostname=$HOSTN" \
        "STRATO-TINY: ssh-keys 1" \
        "STRATO-TINY: user-data start" \
        "USERDATA-MARKER hello from tiny-cd uid=0" \
        "STRATO-TINY: user-data exit=3" \
        "STRATO-TINY: ready"
else
    not_ready config-drive "$L"
fi
stop_vm

# ------------------------------------------------------------------ (c) user net + httpd, (d) ACPI poweroff
HPORT="$(free_port)"
L="$WORK/user-net.log"
READY=0
boot_and_wait user-net "$L" \
    -netdev "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$HPORT-:80" \
    -device virtio-net-pci,netdev=n0 && READY=1
PAGE="$(curl -fsS --max-time 10 "http://127.0.0.1:$HPORT/" 2>&1)"
if [ "$READY" = 0 ]; then
    not_ready user-net "$L"
elif ! has "$L" "STRATO-TINY: dhcp 10.0.2.15/24 via "; then
    check_markers "$L" user-net "STRATO-TINY: dhcp 10.0.2.15/24 via "
elif ! grep -q "STRATO-TINY instance" <<<"$PAGE" || ! grep -q "address=10.0.2.15/24" <<<"$PAGE"; then
    result user-net fail "httpd on 127.0.0.1:$HPORT answered: $(head -c 300 <<<"$PAGE")"
else
    check_markers "$L" user-net "STRATO-TINY: boot" "STRATO-TINY: metadata none" "STRATO-TINY: ready"
fi
if [ "$READY" = 1 ] && kill -0 "$QEMU_PID" 2>/dev/null; then
    t0=$(date +%s)
    monitor_cmd "$MONPORT" system_powerdown
    exited=0
    for _ in $(seq 1 60); do
        kill -0 "$QEMU_PID" 2>/dev/null || { exited=1; break; }
        sleep 0.5
    done
    if [ "$exited" = 1 ] && has "$L" "STRATO-TINY: poweroff"; then
        result acpi-poweroff ok "QEMU exited $(( $(date +%s) - t0 ))s after system_powerdown"
    else
        result acpi-poweroff fail "exited=$exited, poweroff marker $(has "$L" 'STRATO-TINY: poweroff' && echo seen || echo missing)"
        tail -n 10 "$L" | tr -d '\r'
    fi
else
    result acpi-poweroff fail "VM not ready/running"
fi
stop_vm

# ------------------------------------------------------------------ (e) metadata service
MD="$WORK/mdsvc"
mkdir -p "$MD"
MUUID="9a0b8c7d-0000-4000-8000-00000000beef"
cat > "$MD/meta_data.json" <<EOF
{"uuid": "$MUUID", "name": "tiny-md", "hostname": "tiny-md.novalocal",
 "public_keys": {"k1": "$KEY"}, "launch_index": 0}
EOF
printf '#!/bin/sh\necho "MDSVC-USERDATA ok"\n' > "$MD/user_data"
cat > "$MD/respond.sh" <<'EOF'
#!/bin/bash
# One HTTP request on stdin/stdout (QEMU guestfwd cmd:), serves files in $1.
dir="$1"
read -r _method path _proto || exit 0
while IFS= read -r line; do line="${line%$'\r'}"; [ -z "$line" ] && break; done
path="${path%%\?*}"
case "$path" in
    /openstack/latest/meta_data.json) f="$dir/meta_data.json" ;;
    /openstack/latest/user_data)      f="$dir/user_data" ;;
    *) f="" ;;
esac
echo "$path" >> "$dir/requests.log"
if [ -n "$f" ] && [ -f "$f" ]; then
    printf 'HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' "$(stat -c %s "$f")"
    cat "$f"
else
    printf 'HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
fi
EOF
chmod +x "$MD/respond.sh"
HPORT="$(free_port)"
L="$WORK/metadata-svc.log"
READY=0
boot_and_wait metadata-svc "$L" \
    -netdev "user,id=n0,restrict=on,net=169.254.169.0/24,host=169.254.169.2,dhcpstart=169.254.169.15,hostfwd=tcp:127.0.0.1:$HPORT-:80,guestfwd=tcp:169.254.169.254:80-cmd:$MD/respond.sh $MD" \
    -device virtio-net-pci,netdev=n0 && READY=1
PAGE="$(curl -fsS --max-time 10 "http://127.0.0.1:$HPORT/uuid" 2>&1)"
if [ "$READY" = 0 ]; then
    not_ready metadata-svc "$L"
elif [ "$PAGE" != "$MUUID" ]; then
    result metadata-svc fail "httpd /uuid answered: $(head -c 200 <<<"$PAGE")"
    tail -n 20 "$L" | tr -d '\r'
else
    check_markers "$L" metadata-svc \
        "STRATO-TINY: dhcp 169.254.169.15/24 via " \
        "STRATO-TINY: metadata metadata-service uuid=$MUUID hostname=tiny-md.novalocal" \
        "STRATO-TINY: ssh-keys 1" \
        "MDSVC-USERDATA ok" \
        "STRATO-TINY: user-data exit=0" \
        "STRATO-TINY: ready"
fi
stop_vm

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
