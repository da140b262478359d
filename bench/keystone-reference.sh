#!/usr/bin/env bash
# The Keystone reference for the token benchmark: Debian's own `keystone` package (Keystone 22,
# bookworm), Fernet tokens, served by uwsgi on 127.0.0.1 only, with a database of its own.
#
#   bench/keystone-reference.sh start    install (first time), configure, bootstrap, start; idempotent
#   bench/keystone-reference.sh stop     stop the uwsgi master and its workers, and our memcached
#   bench/keystone-reference.sh restart  stop, then start
#   bench/keystone-reference.sh status   say whether it answers
#
# It never touches the package's own service: the package's init script would bind every address
# on :5000, so policy-rc.d keeps it from starting at install time and it is stopped if running.
# Everything of ours lives in $KS_STATE_DIR (config, Fernet keys, logs, pid, admin-openrc.sh).
#
# Settings (environment):
#   KS_PORT        loopback port (default 15357)
#   KS_PROCESSES   uwsgi worker processes (default 4; the machine has 2 cores)
#   KS_THREADS     threads per worker (default 8; Debian's ini says 32)
#   KS_DB          postgresql | sqlite | auto (default auto: PostgreSQL on 127.0.0.1:5432 if it
#                  answers, as user postgres with trust auth, else an SQLite file)
#   KS_CACHE       memcached | none (default memcached: oslo.cache's memcache_pool on a memcached of
#                  our own at 127.0.0.1:$KS_MEMCACHED_PORT, as every production Keystone runs; none
#                  leaves Keystone's built-in default, a null backend: a DB round trip for everything)
#   KS_MEMCACHED_PORT  default 11212 (not 11211, so a system memcached is left alone)
#   KS_FRESH       1: drop the database and start from nothing (the bench uses it so that revocation
#                  events of an earlier run do not weigh on the "before" figures)
#   KS_STATE_DIR   default /var/lib/strato-bench-keystone
#   KS_ADMIN_PASSWORD  default: generated once and kept in $KS_STATE_DIR/admin-password
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin   # Debian's python3, not a pyenv shim
export DEBIAN_FRONTEND=noninteractive

KS_PORT=${KS_PORT:-15357}
KS_HOST=127.0.0.1
KS_PROCESSES=${KS_PROCESSES:-4}
KS_THREADS=${KS_THREADS:-8}
KS_DB=${KS_DB:-auto}
KS_CACHE=${KS_CACHE:-memcached}
KS_MEMCACHED_PORT=${KS_MEMCACHED_PORT:-11212}
KS_FRESH=${KS_FRESH:-0}
STATE=${KS_STATE_DIR:-/var/lib/strato-bench-keystone}
PG_DB=strato_bench_keystone
PIDFILE=$STATE/uwsgi.pid
MC_PIDFILE=$STATE/memcached.pid
URL="http://$KS_HOST:$KS_PORT/v3"

log() { echo "keystone-reference: $*" >&2; }
die() { log "error: $*"; exit 1; }

as_root() { [ "$(id -u)" = 0 ] || die "must run as root (apt-get, keystone user)"; }

answers() { curl -fsS -m 3 -o /dev/null "$URL" 2>/dev/null; }

install_packages() {
    local missing=()
    for p in keystone uwsgi-core uwsgi-plugin-python3 python3-psycopg2 python3-memcache memcached curl; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    # The package's postinst enables and starts its own uwsgi on *:5000 and, with debconf answers
    # left at their defaults (configure_db=false, create-admin-tenant=false), does nothing else.
    # A policy-rc.d that says 101 keeps it from starting; we restore whatever was there before.
    local saved=""
    if [ -e /usr/sbin/policy-rc.d ]; then saved=$(mktemp); cp -p /usr/sbin/policy-rc.d "$saved"; fi
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
    printf '%s\n' 'keystone keystone/configure_db boolean false' \
        'keystone keystone/create-admin-tenant boolean false' \
        'keystone keystone/register-endpoint boolean false' | debconf-set-selections
    local rc=0
    if ! apt-get install -y --no-install-recommends "${missing[@]}" >"${TMPDIR:-/tmp}/keystone-reference-apt.log" 2>&1; then
        apt-get update -qq >/dev/null 2>&1 || true
        apt-get install -y --no-install-recommends "${missing[@]}" >"${TMPDIR:-/tmp}/keystone-reference-apt.log" 2>&1 || rc=$?
    fi
    if [ -n "$saved" ]; then cp -p "$saved" /usr/sbin/policy-rc.d; rm -f "$saved"; else rm -f /usr/sbin/policy-rc.d; fi
    [ $rc -eq 0 ] || { tail -20 "${TMPDIR:-/tmp}/keystone-reference-apt.log" >&2; die "apt-get install failed"; }
}

stop_package_service() {
    # Debian's own service (uwsgi on *:5000) must not run alongside: it listens on every address.
    if [ -f /var/run/keystone/keystone.pid ] && kill -0 "$(cat /var/run/keystone/keystone.pid)" 2>/dev/null; then
        log "stopping the package's own keystone service"
        /etc/init.d/keystone stop >/dev/null 2>&1 || true
    fi
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl disable --now keystone >/dev/null 2>&1 || true
    fi
}

pg_up() { command -v psql >/dev/null && psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; }

choose_db() {
    local db=$KS_DB
    if [ "$db" = auto ]; then
        if [ -f "$STATE/db-kind" ]; then db=$(cat "$STATE/db-kind"); elif pg_up; then db=postgresql; else db=sqlite; fi
    fi
    case $db in
        postgresql)
            pg_up || die "PostgreSQL on 127.0.0.1:5432 does not answer"
            if [ "$KS_FRESH" = 1 ]; then
                psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $PG_DB" >/dev/null
            fi
            if [ "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='$PG_DB'")" != 1 ]; then
                psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $PG_DB" >/dev/null
            fi
            DB_URL="postgresql+psycopg2://postgres@127.0.0.1:5432/$PG_DB" ;;
        sqlite)
            [ "$KS_FRESH" = 1 ] && rm -f "$STATE/keystone.sqlite"
            DB_URL="sqlite:///$STATE/keystone.sqlite" ;;
        *) die "KS_DB must be postgresql, sqlite or auto" ;;
    esac
    echo "$db" > "$STATE/db-kind"
    DB_KIND=$db
}

write_config() {
    install -d -o keystone -g keystone -m 750 "$STATE" "$STATE/log"
    install -d -o keystone -g keystone -m 700 "$STATE/fernet-keys" "$STATE/credential-keys"
    cat > "$STATE/keystone.conf" <<EOF
# Written by bench/keystone-reference.sh: Debian's defaults except where said.
[DEFAULT]
log_dir = $STATE/log
log_file = keystone.log
[database]
connection = $DB_URL
[token]
provider = fernet
[fernet_tokens]
key_repository = $STATE/fernet-keys
[fernet_receipts]
key_repository = $STATE/fernet-keys
[credential]
key_repository = $STATE/credential-keys
EOF
    if [ "$KS_CACHE" = memcached ]; then
        cat >> "$STATE/keystone.conf" <<EOF
[cache]
enabled = true
backend = oslo_cache.memcache_pool
memcache_servers = 127.0.0.1:$KS_MEMCACHED_PORT
EOF
    fi
    chown root:keystone "$STATE/keystone.conf"; chmod 640 "$STATE/keystone.conf"
    # Debian's /etc/keystone/keystone-uwsgi.ini, with our socket, worker count, paths and no
    # AppArmor plugin. Debian's init script binds --http-socket, which closes the connection after
    # every answer; we bind http11-socket (uwsgi's HTTP/1.1 keep-alive) so that every target is
    # measured over reused connections, and so we keep the Content-Length header that Debian's
    # ini removes ("rem-header", which only makes sense on a closing socket).
    cat > "$STATE/uwsgi.ini" <<EOF
[uwsgi]
http11-socket = $KS_HOST:$KS_PORT
buffer-size = 65535
master = true
thunder-lock = true
plugins = python3
lazy-apps = true
no-orphans = true
die-on-term = true
enable-threads = true
processes = $KS_PROCESSES
threads = $KS_THREADS
listen = 100
name = keystone-bench
uid = keystone
gid = keystone
chdir = $STATE
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_DIR=$STATE
pidfile = $PIDFILE
daemonize = $STATE/log/uwsgi.log
EOF
}

# keystone-manage prints eventlet noise at exit; its output goes to a log, shown on failure.
ks_manage() {
    runuser -u keystone -- /usr/bin/keystone-manage --config-file "$STATE/keystone.conf" "$@" \
        >>"$STATE/log/manage.log" 2>&1 || { tail -30 "$STATE/log/manage.log" >&2; die "keystone-manage $1 failed"; }
}

admin_password() {
    if [ -n "${KS_ADMIN_PASSWORD:-}" ]; then printf '%s' "$KS_ADMIN_PASSWORD" > "$STATE/admin-password"
    elif [ ! -s "$STATE/admin-password" ]; then head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$STATE/admin-password"
    fi
    chmod 600 "$STATE/admin-password"
    cat "$STATE/admin-password"
}

# alive and not a zombie (PID 1 here may take its time to reap what it inherits)
alive() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
running() { [ -f "$PIDFILE" ] && alive "$(cat "$PIDFILE")"; }
mc_running() { [ -f "$MC_PIDFILE" ] && alive "$(cat "$MC_PIDFILE")"; }

start_memcached() {
    [ "$KS_CACHE" = memcached ] || return 0
    mc_running && return 0
    if ss -ltn "sport = :$KS_MEMCACHED_PORT" 2>/dev/null | grep -q LISTEN; then die "port $KS_MEMCACHED_PORT is taken"; fi
    setsid /usr/bin/memcached -l 127.0.0.1 -p "$KS_MEMCACHED_PORT" -U 0 -m 128 -c 1024 -u memcache \
        </dev/null >>"$STATE/log/memcached.log" 2>&1 &
    echo $! > "$MC_PIDFILE"
    for _ in $(seq 1 20); do mc_running && return 0; sleep 0.1; done
    die "memcached did not start"
}

stop_memcached() {
    if mc_running; then
        local pid; pid=$(cat "$MC_PIDFILE")
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
        if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$MC_PIDFILE"
}

start() {
    as_root
    command -v curl >/dev/null || apt-get install -y -qq curl >/dev/null
    install_packages
    stop_package_service
    id keystone >/dev/null 2>&1 || die "the keystone package did not create user keystone"
    mkdir -p "$STATE"
    if [ "$KS_FRESH" = 1 ]; then stop; fi
    if running && answers; then log "already running at $URL"; print_env; return 0; fi
    if running || mc_running; then stop; fi
    if ss -ltn "sport = :$KS_PORT" 2>/dev/null | grep -q LISTEN; then die "port $KS_PORT is taken by something else"; fi
    choose_db
    write_config
    local pw; pw=$(admin_password)
    log "db_sync ($DB_KIND)"
    ks_manage db_sync
    if [ -z "$(ls -A "$STATE/fernet-keys")" ]; then
        ks_manage fernet_setup --keystone-user keystone --keystone-group keystone
        ks_manage credential_setup --keystone-user keystone --keystone-group keystone
    fi
    log "bootstrap (admin, project admin, region RegionOne, identity endpoints at $URL)"
    OS_BOOTSTRAP_PASSWORD=$pw ks_manage bootstrap --bootstrap-username admin \
        --bootstrap-project-name admin --bootstrap-role-name admin \
        --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
        --bootstrap-admin-url "$URL" --bootstrap-public-url "$URL" --bootstrap-internal-url "$URL"
    cat > "$STATE/admin-openrc.sh" <<EOF
export OS_AUTH_URL=$URL
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin
export OS_PASSWORD='$pw'
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
EOF
    chmod 600 "$STATE/admin-openrc.sh"
    start_memcached
    log "starting uwsgi: $KS_PROCESSES processes x $KS_THREADS threads on $KS_HOST:$KS_PORT, $DB_KIND, cache $KS_CACHE"
    /usr/bin/uwsgi_python3 --ini "$STATE/uwsgi.ini"
    for _ in $(seq 1 120); do
        if answers; then log "ready at $URL"; print_env; return 0; fi
        running || break
        sleep 0.5
    done
    tail -30 "$STATE/log/uwsgi.log" >&2 || true
    die "keystone did not answer at $URL"
}

print_env() { echo "KEYSTONE_URL=$URL"; echo "KEYSTONE_OPENRC=$STATE/admin-openrc.sh"; }

stop() {
    if running; then
        local pid; pid=$(cat "$PIDFILE")
        log "stopping uwsgi master $pid"
        kill -TERM "$pid" 2>/dev/null || true   # die-on-term: TERM ends master and workers
        for _ in $(seq 1 40); do alive "$pid" || break; sleep 0.25; done
        if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$PIDFILE"
    stop_memcached
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) if running && answers; then echo "running at $URL"; else echo "stopped"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac
