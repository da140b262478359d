#!/usr/bin/env bash
# Build Strato's tiny CirrOS-like test image (qcow2) from Debian packages only.
#
#   tools/tiny-image/build.sh OUTPUT.qcow2
#
# What it does (no loop devices, no mounts, nothing installed into /boot):
#   1. apt-get download the Debian cloud kernel (the linux-image-*-cloud-amd64
#      that linux-image-cloud-amd64 depends on) and busybox-static into
#      ~/.cache/strato/tiny-image/debs (reused on reruns), dpkg-deb -x them.
#   2. builds a gzip'd newc initramfs: static busybox, the few kernel modules
#      the guest needs (virtio, ATA/SCSI CD-ROM, iso9660/vfat, ACPI button),
#      and the init scripts from rootfs/ next to this script.
#   3. makes a FAT16 filesystem image with mkfs.vfat, copies kernel+initramfs
#      in with mcopy, installs syslinux into it (syslinux --install on the file),
#      puts it behind an MBR (syslinux mbr.bin + one active partition) and
#      converts the raw disk to compressed qcow2.
#
# Environment knobs:
#   STRATO_TINY_CACHE       cache dir (default ~/.cache/strato/tiny-image)
#   STRATO_TINY_KERNEL_PKG  exact kernel package (default: resolved from
#                           linux-image-cloud-amd64)
#   STRATO_TINY_DISK_MB     virtual disk size in MiB (default 64)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-}"
if [ -z "$OUT" ] || [ "$#" -ne 1 ]; then
    echo "usage: $0 OUTPUT.qcow2" >&2
    exit 2
fi
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac

CACHE="${STRATO_TINY_CACHE:-$HOME/.cache/strato/tiny-image}"
DEBS="$CACHE/debs"
DISK_MB="${STRATO_TINY_DISK_MB:-64}"
META_PKG="linux-image-cloud-amd64"

# Kernel modules the guest loads (dependencies are added automatically).
MODULES="virtio_pci virtio_net virtio_blk virtio_scsi virtio_rng
         sd_mod sr_mod isofs vfat nls_cp437 nls_iso8859_1 nls_utf8
         ata_piix ata_generic button evdev"
# Included only when the kernel has them (the cloud kernel has no AHCI, so a
# SATA CD-ROM config drive on q35 is not seen; a generic kernel would have it).
OPTIONAL_MODULES="ahci"

log() { echo "[tiny-image] $*" >&2; }
die() { echo "[tiny-image] ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- host tools
APT_UPDATED=0
apt_update_once() {
    [ "$APT_UPDATED" = 1 ] && return 0
    [ "$(id -u)" = 0 ] || return 0
    log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 || true
    APT_UPDATED=1
}

ensure_tools() {
    local missing=() pair cmd pkg
    for pair in mkfs.vfat:dosfstools mcopy:mtools syslinux:syslinux \
                qemu-img:qemu-utils cpio:cpio gzip:gzip dpkg-deb:dpkg \
                apt-get:apt; do
        cmd="${pair%%:*}"; pkg="${pair#*:}"
        if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "/sbin/$cmd" ] && [ ! -x "/usr/sbin/$cmd" ]; then
            missing+=("$pkg")
        fi
    done
    if [ ! -f /usr/lib/SYSLINUX/mbr.bin ] && [ ! -f /usr/lib/syslinux/mbr/mbr.bin ]; then
        missing+=(syslinux)
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
        [ "$(id -u)" = 0 ] || die "missing host packages (install as root): ${missing[*]}"
        log "installing host tools: ${missing[*]}"
        apt_update_once
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
            --no-install-recommends "${missing[@]}" >&2
    fi
    export PATH="$PATH:/usr/sbin:/sbin"
}

# ---------------------------------------------------------------- packages
# fetch_deb PKG -> prints the path of the cached .deb for PKG's candidate version
fetch_deb() {
    local pkg="$1" ver file
    ver="$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
        apt_update_once
        ver="$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    fi
    if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
        # offline / unknown to apt: fall back to whatever is cached
        file="$(ls -1 "$DEBS/${pkg}_"*.deb 2>/dev/null | sort -V | tail -n1 || true)"
        [ -n "$file" ] || die "package $pkg not known to apt and not cached in $DEBS"
        log "using cached $(basename "$file") (apt does not know $pkg)"
        echo "$file"; return
    fi
    # apt-get download names files PKG_VERSION_ARCH.deb with ':' written as %3a
    file="$(ls -1 "$DEBS/${pkg}_${ver//:/%3a}_"*.deb 2>/dev/null | head -n1 || true)"
    if [ -z "$file" ]; then
        log "downloading $pkg $ver"
        ( cd "$DEBS" && apt-get -q -o APT::Sandbox::User=root download "$pkg=$ver" >&2 ) \
            || die "apt-get download $pkg=$ver failed"
        file="$(ls -1 "$DEBS/${pkg}_${ver//:/%3a}_"*.deb | head -n1)"
    fi
    echo "$file"
}

resolve_kernel_pkg() {
    if [ -n "${STRATO_TINY_KERNEL_PKG:-}" ]; then echo "$STRATO_TINY_KERNEL_PKG"; return; fi
    local dep
    dep="$(apt-cache depends "$META_PKG" 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}')"
    if [ -z "$dep" ]; then
        apt_update_once
        dep="$(apt-cache depends "$META_PKG" 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}')"
    fi
    if [ -z "$dep" ]; then
        # offline: newest cached cloud kernel
        dep="$(ls -1 "$DEBS"/linux-image-*-cloud-amd64_*.deb 2>/dev/null | sort -V | tail -n1 || true)"
        dep="$(basename "${dep%%_*}")"
    fi
    case "$dep" in linux-image-*-cloud-amd64) echo "$dep" ;; *) die "cannot resolve the kernel behind $META_PKG" ;; esac
}

# ---------------------------------------------------------------- cpio helper
# newc entry for a character device (so /dev/console exists before devtmpfs
# is mounted, without needing mknod/root on the build host)
cpio_chardev() { # name mode major minor
    local name="$1" mode="$2" maj="$3" min="$4" nsz hdr pad
    nsz=$(( ${#name} + 1 ))
    hdr="$(printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
        999999 "$mode" 0 0 1 0 0 0 0 "$maj" "$min" "$nsz" 0)"
    printf '%s%s\0' "$hdr" "$name"
    pad=$(( (4 - (110 + nsz) % 4) % 4 ))
    [ "$pad" -gt 0 ] && head -c "$pad" /dev/zero
    name="TRAILER!!!"; nsz=$(( ${#name} + 1 ))
    printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s\0' \
        0 0 0 0 1 0 0 0 0 0 0 "$nsz" 0 "$name"
    pad=$(( (4 - (110 + nsz) % 4) % 4 ))
    [ "$pad" -gt 0 ] && head -c "$pad" /dev/zero
    return 0
}

# ---------------------------------------------------------------- main
START=$(date +%s)
ensure_tools
mkdir -p "$DEBS" "$(dirname "$OUT")"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/strato-tiny.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

KPKG="$(resolve_kernel_pkg)"
KDEB="$(fetch_deb "$KPKG")"
BDEB="$(fetch_deb busybox-static)"
# keep only the .debs in use in the cache
for f in "$DEBS"/linux-image-*-cloud-amd64_*.deb "$DEBS"/busybox-static_*.deb; do
    [ -e "$f" ] && [ "$f" != "$KDEB" ] && [ "$f" != "$BDEB" ] && rm -f "$f"
done
log "kernel:  $(basename "$KDEB")"
log "busybox: $(basename "$BDEB")"

dpkg-deb -x "$KDEB" "$WORK/kernel"
dpkg-deb -x "$BDEB" "$WORK/busybox"
VMLINUZ="$(ls -1 "$WORK"/kernel/boot/vmlinuz-* | head -n1)"
KVER="${VMLINUZ##*/vmlinuz-}"
KMOD="$WORK/kernel/lib/modules/$KVER"
[ -d "$KMOD" ] || die "no modules for $KVER in $KDEB"
BB="$WORK/busybox/bin/busybox"
[ -x "$BB" ] || die "no busybox in $BDEB"

# check the kernel config has what the guest needs
KCONFIG="$WORK/kernel/boot/config-$KVER"
for opt in VIRTIO_NET VIRTIO_BLK VIRTIO_PCI SCSI_VIRTIO ISO9660_FS BLK_DEV_SR ATA_PIIX ACPI_BUTTON INPUT_EVDEV DEVTMPFS PACKET BLK_DEV_INITRD RD_GZIP SERIAL_8250_CONSOLE; do
    grep -Eq "^CONFIG_${opt}=[ym]" "$KCONFIG" || die "kernel $KVER lacks CONFIG_$opt"
done

# ---- initramfs tree
ROOT="$WORK/initramfs"
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,root,var/log,var/www,mnt,lib/modules/"$KVER"}
chmod 1777 "$ROOT/tmp"
cp "$BB" "$ROOT/bin/busybox"
# applet symlinks, placed where busybox itself would put them
for app in $("$BB" --list-full); do
    [ "$app" = bin/busybox ] && continue
    mkdir -p "$ROOT/$(dirname "$app")"
    ln -sf /bin/busybox "$ROOT/$app"
done
ln -sf /bin/busybox "$ROOT/init"   # busybox init as PID 1, reads /etc/inittab
cp -a "$HERE/rootfs/." "$ROOT/"
chmod 0755 "$ROOT/etc/init.d/"* "$ROOT/usr/share/udhcpc/default.script" "$ROOT/etc/acpi/PWRF/00000080"

# ---- kernel modules: requested ones plus their dependency closure
declare -A KO_PATH=() WANT=()
while IFS= read -r f; do
    n="$(basename "$f" .ko)"; KO_PATH["${n//-/_}"]="$f"
done < <(find "$KMOD/kernel" -name '*.ko')
add_module() {
    local m="${1//-/_}" f deps d
    [ -n "${WANT[$m]:-}" ] && return 0
    f="${KO_PATH[$m]:-}"
    if [ -z "$f" ]; then
        grep -Eq "/${m//_/[-_]}\.ko$" "$KMOD/modules.builtin" && return 0   # built in
        die "module $m not found in $KVER"
    fi
    WANT[$m]="$f"
    deps="$(tr '\0' '\n' < "$f" | sed -n 's/^depends=//p' | head -n1)"
    for d in ${deps//,/ }; do add_module "$d"; done
}
for m in $MODULES; do add_module "$m"; done
LOAD="$MODULES"
for m in $OPTIONAL_MODULES; do
    if [ -n "${KO_PATH[${m//-/_}]:-}" ]; then add_module "$m"; LOAD="$LOAD $m"
    else log "optional module $m not in $KVER, skipped"; fi
done
for m in "${!WANT[@]}"; do
    rel="${WANT[$m]#"$KMOD/"}"
    mkdir -p "$ROOT/lib/modules/$KVER/$(dirname "$rel")"
    cp "${WANT[$m]}" "$ROOT/lib/modules/$KVER/$rel"
done
cp "$KMOD/modules.builtin" "$KMOD/modules.order" "$ROOT/lib/modules/$KVER/" 2>/dev/null || true
"$BB" depmod -b "$ROOT" "$KVER"
echo "$LOAD" | tr -s ' \n' '\n' | sed '/^$/d' > "$ROOT/etc/modules"
log "modules: ${#WANT[@]} ($(du -sh "$ROOT/lib/modules" | cut -f1))"

# ---- small /etc
cat > "$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat > "$ROOT/etc/group" <<'EOF'
root:x:0:
www-data:x:33:
nogroup:x:65534:
EOF
echo "strato-tiny" > "$ROOT/etc/hostname"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' > "$ROOT/etc/hosts"
cat > "$ROOT/etc/strato-tiny-release" <<EOF
STRATO_TINY_KERNEL=$KVER
STRATO_TINY_KERNEL_PKG=$(basename "$KDEB")
STRATO_TINY_BUSYBOX_PKG=$(basename "$BDEB")
EOF

# ---- pack initramfs (newc, root-owned, /dev/console appended as raw entry)
INITRD="$WORK/initrd.gz"
( cd "$ROOT" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet
  cpio_chardev dev/console $((0020600)) 5 1 ) | gzip -9 -n > "$INITRD"

# ---- FAT16 boot partition with syslinux
PART_OFF_MB=1
PART_MB=$(( DISK_MB - PART_OFF_MB ))
PART="$WORK/part.img"
mkfs.vfat -F 16 -n STRATOTINY -C "$PART" $(( PART_MB * 1024 )) >/dev/null
cat > "$WORK/syslinux.cfg" <<'EOF'
SERIAL 0 115200
DEFAULT strato
PROMPT 0
TIMEOUT 1
LABEL strato
  LINUX /vmlinuz
  INITRD /initrd.gz
  APPEND console=tty0 console=ttyS0,115200n8 panic=10 no_timer_check
EOF
export MTOOLS_SKIP_CHECK=1
mcopy -i "$PART" "$VMLINUZ" ::/vmlinuz
mcopy -i "$PART" "$INITRD" ::/initrd.gz
mcopy -i "$PART" "$WORK/syslinux.cfg" ::/syslinux.cfg
syslinux --install "$PART"

# ---- whole disk: MBR boot code + one active FAT16(LBA) partition at 1 MiB
MBR_BIN=/usr/lib/SYSLINUX/mbr.bin
[ -f "$MBR_BIN" ] || MBR_BIN=/usr/lib/syslinux/mbr/mbr.bin
DISK="$WORK/disk.raw"
truncate -s "${DISK_MB}M" "$DISK"
dd if="$MBR_BIN" of="$DISK" bs=440 count=1 conv=notrunc status=none
le32() { printf "\\x$(printf %02x $(( $1 & 255 )))\\x$(printf %02x $(( ($1 >> 8) & 255 )))\\x$(printf %02x $(( ($1 >> 16) & 255 )))\\x$(printf %02x $(( ($1 >> 24) & 255 )))"; }
{
    printf '\x80\xfe\xff\xff\x0e\xfe\xff\xff'          # active, CHS n/a, type 0x0e FAT16 LBA
    le32 $(( PART_OFF_MB * 2048 ))                      # first LBA
    le32 $(( PART_MB * 2048 ))                          # sectors
} | dd of="$DISK" bs=1 seek=446 conv=notrunc status=none
printf '\x55\xaa' | dd of="$DISK" bs=1 seek=510 conv=notrunc status=none
dd if="$PART" of="$DISK" bs=1M seek="$PART_OFF_MB" conv=notrunc,sparse status=none

# ---- qcow2 (atomic replace)
qemu-img convert -q -c -f raw -O qcow2 "$DISK" "$WORK/out.qcow2"
mv -f "$WORK/out.qcow2" "$OUT"

SIZE="$(du -h --apparent-size "$OUT" | cut -f1)"
log "kernel $KVER, initramfs $(du -h "$INITRD" | cut -f1), done in $(( $(date +%s) - START ))s"
echo "image: $OUT ($SIZE, virtual ${DISK_MB} MiB)"
