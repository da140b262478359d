#!/usr/bin/env bash
# Installs what the tests need besides Java: the real OpenStack clients the end-to-end and Tempest tests drive, from Debian:
#   /usr/bin/openstack (python3-openstackclient), the openstack python module for
#   /usr/bin/python3 (python3-openstacksdk) and /usr/bin/tempest (python3-tempest), and the
#   disk image tools the image tests use to make qcow2 images: /usr/bin/qemu-img and
#   /usr/bin/qemu-io (qemu-utils), and the hypervisor the compute driver tests boot guests with:
#   /usr/bin/qemu-system-x86_64 (qemu-system-x86), and the ISO 9660 writer config drives are
#   made with: /usr/bin/genisoimage; and ip, nft and ping for the network dataplane tests.
# Idempotent: prints nothing and changes nothing when all of them are present. Otherwise it runs
# apt-get update only when the package lists are missing or the first install attempt fails,
# then installs the packages. Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(python3-openstackclient python3-openstacksdk python3-tempest qemu-utils qemu-system-x86 genisoimage
  iproute2 nftables iputils-ping)

missing=()
[ -x /usr/bin/openstack ] || missing+=("/usr/bin/openstack")
[ -x /usr/bin/tempest ] || missing+=("/usr/bin/tempest")
[ -x /usr/bin/qemu-img ] || missing+=("/usr/bin/qemu-img")
[ -x /usr/bin/qemu-io ] || missing+=("/usr/bin/qemu-io")
[ -x /usr/bin/qemu-system-x86_64 ] || missing+=("/usr/bin/qemu-system-x86_64")
[ -x /usr/bin/genisoimage ] || missing+=("/usr/bin/genisoimage")
command -v ip >/dev/null 2>&1 || missing+=("ip (iproute2)")
command -v nft >/dev/null 2>&1 || missing+=("nft (nftables)")
command -v ping >/dev/null 2>&1 || missing+=("ping (iputils-ping)")
if [ ! -x /usr/bin/python3 ] || ! /usr/bin/python3 -c 'import openstack' >/dev/null 2>&1; then
  missing+=("python module 'openstack' for /usr/bin/python3")
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

echo "install-test-clients: missing: ${missing[*]}"

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-test-clients: not root and no sudo; install ${PACKAGES[*]} by hand" >&2
    exit 1
  fi
fi

apt_install() {
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${PACKAGES[@]}"
}

# The package lists are needed only when they do not know the packages (fresh image) or are
# stale (the install fails).
if ! apt-cache show "${PACKAGES[@]}" >/dev/null 2>&1; then
  echo "install-test-clients: apt does not know ${PACKAGES[*]} yet; running apt-get update"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
fi
echo "install-test-clients: installing ${PACKAGES[*]}"
if ! apt_install; then
  echo "install-test-clients: install failed; running apt-get update and retrying"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  apt_install
fi

# Verify.
/usr/bin/python3 -c 'import openstack' && [ -x /usr/bin/openstack ] && [ -x /usr/bin/tempest ] \
  && [ -x /usr/bin/qemu-img ] && [ -x /usr/bin/qemu-io ] && [ -x /usr/bin/qemu-system-x86_64 ]
echo "install-test-clients: installed; $(/usr/bin/openstack --version 2>&1), $(/usr/bin/tempest --version 2>&1 | tail -1)," \
  "$(/usr/bin/qemu-img --version 2>&1 | head -1)"
