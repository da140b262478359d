#!/usr/bin/env bash
# Runs Debian's Tempest identity v3 API tests (tempest.api.identity) and image v2 API tests
# (tempest.api.image.v2) against Strato.
#
#   tests/tempest/run.sh [DATA_DIR] [-- EXTRA_TEMPEST_RUN_ARGS...]
#
# With DATA_DIR: tests the cloud already running on that data dir (started with
#   ./strato up --data-dir DATA_DIR ...); reads DATA_DIR/clouds.yaml (cloud strato-admin) for the
#   auth URL and the admin credentials, and DATA_DIR/strato.conf for the security compliance
#   settings (Tempest's security compliance tests run only if lockout or password history is on).
#   Tempest finds the image service (Glance v2) in the catalog; that cloud should not set image
#   quotas (image.quota.*) that Tempest's image tests would run into.
# Without DATA_DIR: starts its own cloud from this repo in a temporary data dir, on port offset
#   STRATO_TEMPEST_PORT_OFFSET (default 22000, identity on 127.0.0.1:27000), with a strato.conf
#   that turns on the security compliance features at the values Tempest expects (lockout after
#   2 failures for 5 s, last 2 passwords unique), and stops it (SIGTERM) when done.
#
# The Tempest workspace (tempest init) goes to a temporary dir, kept and printed when tests fail
# or STRATO_TEMPEST_KEEP=1. Exclusions: tests/tempest/exclude.txt. Environment:
#   STRATO_TEMPEST_CONCURRENCY  workers (default 2)
#   STRATO_TEMPEST_REGEX        test regex (default '^tempest\.api\.(identity|image\.v2)';
#                               e.g. '^tempest\.api\.image\.v2' for the image tests alone)
#   STRATO_TEMPEST_IMAGE_BUILD_TIMEOUT  seconds Tempest waits for an image to become active or
#                               imported ([image] build_timeout, default 60)
#   STRATO_TEMPEST_ADMIN_SCOPE  'project' (default: admin creds scoped to the admin project) or
#                               'system' (admin_system = all, for a cloud whose policy wants
#                               system-scoped admin tokens)
#   STRATO_TEMPEST_NO_KEEPALIVE=1  diagnosis aid: makes Tempest's HTTP client open a new
#                               connection for every request. Tempest sends "Connection: close"
#                               but reuses the connection unless the response says
#                               "Connection: close" too; a server that closes without saying so
#                               makes later requests fail with "Connection reset by peer".
# Exit status: tempest's (0 when every selected test passed or was skipped).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TEMPEST=/usr/bin/tempest
PY=/usr/bin/python3

DATA_DIR=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  DATA_DIR="$(cd "$1" && pwd)"
  shift
fi
[ "${1:-}" = "--" ] && shift
EXTRA_ARGS=("$@")

[ -x "$TEMPEST" ] || "$ROOT/scripts/install-test-clients.sh"

WORK="$(mktemp -d /tmp/strato-tempest.XXXXXX)"
SERVER_PID=""
status=1

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$status" -eq 0 ] && [ "${STRATO_TEMPEST_KEEP:-0}" != "1" ]; then
    rm -rf "$WORK"
  else
    echo "tempest workspace kept in $WORK (etc/tempest.conf, tempest.log, results.subunit)" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$DATA_DIR" ]; then
  OFFSET="${STRATO_TEMPEST_PORT_OFFSET:-22000}"
  DATA_DIR="$WORK/strato-data"
  mkdir -p "$DATA_DIR"
  cat > "$DATA_DIR/strato.conf" <<'EOF'
# Written by tests/tempest/run.sh: the security compliance settings Tempest's tests expect
# ([identity] user_lockout_failure_attempts = 2, user_lockout_duration = 5,
# user_unique_last_password_count = 2).
identity.security_compliance.lockout_failure_attempts=2
identity.security_compliance.lockout_duration=5s
identity.security_compliance.unique_last_password_count=2
identity.security_compliance.minimum_password_age=0
EOF
  echo "tempest: starting Strato (data dir $DATA_DIR, port offset $OFFSET)"
  (cd "$ROOT" && exec ./strato up --data-dir "$DATA_DIR" --port-offset "$OFFSET") > "$WORK/strato-up.log" 2>&1 &
  SERVER_PID=$!
  deadline=$((SECONDS + ${STRATO_TEMPEST_START_TIMEOUT:-120}))
  until grep -q '^strato: ready' "$WORK/strato-up.log" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "tempest: ./strato up exited before it was ready:" >&2; tail -30 "$WORK/strato-up.log" >&2; exit 1
    fi
    if grep -q '^strato: building' "$WORK/strato-up.log" && [ -z "${extended:-}" ]; then
      deadline=$((deadline + ${STRATO_TEMPEST_BUILD_TIMEOUT:-900})); extended=1
    fi
    if [ "$SECONDS" -gt "$deadline" ]; then
      echo "tempest: ./strato up not ready in time:" >&2; tail -30 "$WORK/strato-up.log" >&2; exit 1
    fi
    sleep 1
  done
fi

[ -f "$DATA_DIR/clouds.yaml" ] || { echo "tempest: no $DATA_DIR/clouds.yaml; is Strato running there?" >&2; exit 1; }

cd "$WORK"
"$TEMPEST" init --workspace-path "$WORK/workspace.yaml" "$WORK/ws" >/dev/null

# tempest.conf for identity v3 and image v2, from the cloud's clouds.yaml and strato.conf.
DATA_DIR="$DATA_DIR" IMAGE_BUILD_TIMEOUT="${STRATO_TEMPEST_IMAGE_BUILD_TIMEOUT:-60}" ADMIN_SCOPE="${STRATO_TEMPEST_ADMIN_SCOPE:-project}" "$PY" - "$WORK/ws/etc/tempest.conf" <<'EOF'
import configparser, os, re, sys, urllib.request, json
import yaml

data_dir = os.environ["DATA_DIR"]
with open(os.path.join(data_dir, "clouds.yaml")) as f:
    cloud = yaml.safe_load(f)["clouds"]["strato-admin"]
auth = cloud["auth"]
uri_v3 = auth["auth_url"].rstrip("/")
if not uri_v3.endswith("/v3"):
    uri_v3 += "/v3"

try:
    with urllib.request.urlopen(uri_v3, timeout=10) as resp:
        resp.read()
except Exception as e:  # noqa: BLE001
    sys.exit("tempest: %s does not answer (%s); is Strato running on %s?" % (uri_v3, e, data_dir))

# strato.conf is a Java properties file; environment variables override it (as in Strato).
props = {}
conf = os.path.join(data_dir, "strato.conf")
if os.path.exists(conf):
    with open(conf) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith(("#", "!")):
                m = re.match(r"([^=:\s]+)\s*[=:\s]\s*(.*)", line)
                if m:
                    props[m.group(1)] = m.group(2).strip()

def prop(key, default):
    env = "STRATO_" + key.upper().replace(".", "_")
    return os.environ.get(env, props.get(key, default))

def seconds(value):
    m = re.fullmatch(r"(\d+)\s*([smhd]?)", str(value).strip())
    if not m:
        return 0
    return int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]

sc = "identity.security_compliance."
lockout_attempts = int(prop(sc + "lockout_failure_attempts", "0"))
lockout_duration = seconds(prop(sc + "lockout_duration", "30m"))
unique_count = int(prop(sc + "unique_last_password_count", "0"))
min_age = int(re.sub(r"\D", "", str(prop(sc + "minimum_password_age", "0"))) or 0)
first_use = prop(sc + "change_password_upon_first_use", "false").lower() == "true"
if first_use:
    sys.exit("tempest: change_password_upon_first_use is on; Tempest's dynamic users cannot log in")
security_compliance = (lockout_attempts > 0 or unique_count > 0) and min_age == 0

c = configparser.ConfigParser(interpolation=None)
c.read_dict({
    "DEFAULT": {"debug": "true", "log_file": "tempest.log"},
    "auth": {
        "use_dynamic_credentials": "true",
        "admin_username": auth["username"],
        "admin_password": str(auth["password"]),
        "admin_project_name": auth["project_name"],
        "admin_domain_name": auth.get("user_domain_name", "Default"),
        "admin_user_domain_name": auth.get("user_domain_name", "Default"),
        "admin_project_domain_name": auth.get("project_domain_name", "Default"),
        "default_credentials_domain_name": "Default",
        "create_isolated_networks": "false",
    },
    "identity": {
        "uri_v3": uri_v3,
        "auth_version": "v3",
        "region": cloud.get("region_name", "RegionOne"),
        "v3_endpoint_type": "public",
        "admin_role": "admin",
        "default_domain_id": "default",
        "disable_ssl_certificate_validation": "true",
        "user_lockout_failure_attempts": str(lockout_attempts),
        "user_lockout_duration": str(lockout_duration),
        "user_unique_last_password_count": str(unique_count),
    },
    "identity-feature-enabled": {
        "api_v2": "false",
        "api_v2_admin": "false",
        "api_v3": "true",
        "trust": "true",
        "application_credentials": "true",
        "access_rules": "false",
        "project_tags": "true",
        "security_compliance": str(security_compliance).lower(),
        "domain_specific_drivers": "false",
        "immutable_user_source": "false",
        "external_idp": "false",
    },
    "service_available": {s: "false" for s in (
        "nova", "neutron", "glance", "cinder", "swift", "horizon", "heat", "ceilometer", "aodh",
        "gnocchi", "designate", "ironic", "octavia", "manila", "barbican", "placement", "zaqar",
        "sahara", "trove", "mistral", "watcher", "panko", "magnum", "senlin", "cloudkitty")},
    # Image v2 (Glance): the image service comes from the catalog (type image, public endpoint).
    "image": {
        "catalog_type": "image",
        "endpoint_type": "public",
        "region": cloud.get("region_name", "RegionOne"),
        "build_timeout": os.environ.get("IMAGE_BUILD_TIMEOUT", "60"),
        "build_interval": "1",
        # Tempest 33 uploads random bytes under the first container format with the first six
        # disk formats (ListUserImagesTest). Strato, like Glance, inspects the content of
        # "bare" images and refuses random bytes declared qcow2, vmdk, ... so the first listed
        # container format is one whose content is not inspected (ovf).
        "container_formats": "ovf,bare,ami,ari,aki,ova",
        "disk_formats": "raw,qcow2,vmdk,vdi,vhd,vhdx,iso,ami,ari,aki",
        # No image cache in Strato (the caching tests are excluded as well).
        "image_caching_enabled": "false",
    },
    "image-feature-enabled": {
        "api_v2": "true",
        "api_v1": "false",
        # Interoperable import: stage + glance-direct (GET /v2/info/import lists the methods;
        # Tempest skips the methods it does not list).
        "import_image": "true",
        # Strato refuses os_glance_* properties from users (403), as Glance since Wallaby.
        "os_glance_reserved": "true",
        # No multiple locations API (show_multiple_locations, an http store).
        "manage_locations": "false",
    },
    "enforce_scope": {"keystone": "false", "nova": "false", "neutron": "false",
                      "glance": "false", "cinder": "false", "placement": "false"},
    "validation": {"run_validation": "false"},
})
c["service_available"]["keystone"] = "true"
c["service_available"]["glance"] = "true"
if os.environ.get("ADMIN_SCOPE") == "system":
    c["auth"]["admin_system"] = "all"
    c["enforce_scope"]["keystone"] = "true"
with open(sys.argv[1], "w") as f:
    c.write(f)
print("tempest: identity %s (image v2 from its catalog), security_compliance=%s (lockout %d/%ds, unique passwords %d), admin scope %s"
      % (uri_v3, security_compliance, lockout_attempts, lockout_duration, unique_count,
         os.environ.get("ADMIN_SCOPE")))
EOF

if [ "${STRATO_TEMPEST_NO_KEEPALIVE:-0}" = "1" ]; then
  mkdir -p "$WORK/pyshim"
  cat > "$WORK/pyshim/sitecustomize.py" <<'EOF'
# Written by tests/tempest/run.sh (STRATO_TEMPEST_NO_KEEPALIVE=1): never reuse an HTTP connection.
import http.client
http.client.HTTPResponse._check_close = lambda self: True
EOF
  export PYTHONPATH="$WORK/pyshim${PYTHONPATH:+:$PYTHONPATH}"
  echo "tempest: STRATO_TEMPEST_NO_KEEPALIVE=1, every request on a new connection"
fi

cd "$WORK/ws"
set +e
"$TEMPEST" run --regex "${STRATO_TEMPEST_REGEX:-^tempest\.api\.(identity|image\.v2)}" \
  --exclude-list "$HERE/exclude.txt" \
  --concurrency "${STRATO_TEMPEST_CONCURRENCY:-2}" "${EXTRA_ARGS[@]}"
status=$?
set -e
stestr last --subunit > "$WORK/results.subunit" 2>/dev/null || true
exit "$status"
