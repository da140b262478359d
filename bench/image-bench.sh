#!/usr/bin/env bash
# Image data throughput: uploads and downloads a large image through Strato's image API and
# compares each with copying the same file on the same disk in the same run; samples the
# server's resident memory while the bytes stream through, to show it stays flat.
#
#   bench/image-bench.sh [SIZE_MIB]      (default 4096: a 4 GiB image)
#
# Needs about 3 x SIZE of free disk in $TMPDIR (source, stored image, download; the copy
# made for the reference is removed before the upload). Only talks to 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MIB="${1:-4096}"
OFFSET="${STRATO_BENCH_PORT_OFFSET:-24000}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/strato-image-bench.XXXXXX")"
DATA="$WORK/data"
SERVER_PID=""
SAMPLER_PID=""

cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
mib_per_s() { echo "scale=1; $SIZE_MIB / $1" | bc -l; }

# Samples the server's RSS (KiB) every 200 ms into a file until killed.
sample_rss() {
  local out="$1"
  : > "$out"
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    ps -o rss= -p "$SERVER_PID" >> "$out" 2>/dev/null || true
    sleep 0.2
  done
}
max_of() { sort -n "$1" | tail -1; }

echo "image-bench: ${SIZE_MIB} MiB, work dir $WORK ($(df -h --output=source "$WORK" | tail -1))"
mkdir -p "$DATA"
"$ROOT/strato" up --data-dir "$DATA" --port-offset "$OFFSET" > "$WORK/strato.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  grep -q "strato: ready" "$WORK/strato.log" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/strato.log"; exit 1; }
  sleep 1
done
grep -q "strato: ready" "$WORK/strato.log" || { echo "strato did not become ready"; exit 1; }
# the java process is the script's child after exec
IMAGE_URL="http://127.0.0.1:$((9292 + OFFSET))"
export OS_CLIENT_CONFIG_FILE="$DATA/clouds.yaml" OS_CLOUD=strato-admin
TOKEN="$(/usr/bin/openstack token issue -f value -c id)"

echo "writing a ${SIZE_MIB} MiB source file"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$WORK/source.raw"
sync

t0=$(now); cp "$WORK/source.raw" "$WORK/copy.raw"; sync; t1=$(now)
copy_s=$(elapsed "$t0" "$t1")
rm -f "$WORK/copy.raw"

IMAGE_ID="$(curl -sf -X POST "$IMAGE_URL/v2/images" -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name": "bench", "disk_format": "raw", "container_format": "bare"}' | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
rss_idle=$(ps -o rss= -p "$SERVER_PID")

sample_rss "$WORK/rss-upload" & SAMPLER_PID=$!
t0=$(now)
curl -sf -X PUT "$IMAGE_URL/v2/images/$IMAGE_ID/file" -H "X-Auth-Token: $TOKEN" \
  -H 'Content-Type: application/octet-stream' -T "$WORK/source.raw" -o /dev/null
t1=$(now)
kill "$SAMPLER_PID"; SAMPLER_PID=""
upload_s=$(elapsed "$t0" "$t1")

sample_rss "$WORK/rss-download" & SAMPLER_PID=$!
t0=$(now)
curl -sf "$IMAGE_URL/v2/images/$IMAGE_ID/file" -H "X-Auth-Token: $TOKEN" -o "$WORK/download.raw"
sync
t1=$(now)
kill "$SAMPLER_PID"; SAMPLER_PID=""
download_s=$(elapsed "$t0" "$t1")

if cmp -s "$WORK/source.raw" "$WORK/download.raw"; then identical=yes; else identical=NO; fi

rss_up=$(max_of "$WORK/rss-upload")
rss_down=$(max_of "$WORK/rss-download")
printf '\n== image data throughput, %s MiB, %s cpus, %s ==\n' "$SIZE_MIB" "$(nproc)" "$(date -u +%FT%TZ)"
printf '%-22s %10s %10s %14s\n' operation seconds "MiB/s" "ratio to cp"
printf '%-22s %10.2f %10s %14s\n' "cp (reference)" "$copy_s" "$(mib_per_s "$copy_s")" "1.00"
printf '%-22s %10.2f %10s %14.2f\n' "upload (PUT /file)" "$upload_s" "$(mib_per_s "$upload_s")" "$(echo "$upload_s / $copy_s" | bc -l)"
printf '%-22s %10.2f %10s %14.2f\n' "download (GET /file)" "$download_s" "$(mib_per_s "$download_s")" "$(echo "$download_s / $copy_s" | bc -l)"
printf 'downloaded bytes identical to the source: %s\n' "$identical"
printf 'server RSS: idle %d MiB, peak during upload %d MiB, during download %d MiB (image %d MiB)\n' \
  "$((rss_idle / 1024))" "$((rss_up / 1024))" "$((rss_down / 1024))" "$SIZE_MIB"
[ "$identical" = yes ]
