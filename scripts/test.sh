#!/usr/bin/env bash
# Runs every Strato test on this machine, installing what the tests need first:
#   1. the real OpenStack clients from Debian (openstack CLI, openstacksdk, tempest) and qemu-utils,
#   2. unit and in-JVM integration tests (H2 and PostgreSQL) with Maven,
#   3. the tiny test image: built from Debian packages and booted under QEMU,
#      end-to-end tests that start ./strato up and drive it with the real clients,
#   4. Debian's Tempest identity v3 and image v2 API tests against a running cloud.
# Set STRATO_SKIP_TEMPEST=1 to leave out step 4.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${STRATO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

passed=0
failed=0
stage() {
  local name="$1"; shift
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1)); echo "=== $name: ok"
  else
    failed=$((failed + 1)); echo "=== $name: FAILED"
  fi
}

"$ROOT/scripts/install-test-clients.sh"
stage "maven (unit + integration)" ./mvnw -B -ntp verify
stage "tiny test image (build + boot under QEMU)" tools/tiny-image/test.sh
stage "end-to-end (openstack CLI + openstacksdk)" /usr/bin/python3 -m unittest discover -s tests/e2e -p '*_test.py' -v
if [ "${STRATO_SKIP_TEMPEST:-0}" != "1" ]; then
  stage "tempest identity v3 + image v2" "$ROOT/tests/tempest/run.sh"
fi
echo "test stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
