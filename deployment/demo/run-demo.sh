#!/usr/bin/env bash
# Warren in one command: builds the rar and the sample WAR, makes sure RabbitMQ is reachable, starts
# Payara Micro with both (resources created by the asadmin recipe in src/main/payara/post-boot-commands.asadmin),
# runs the kombu seeds' scenario through the sample's HTTP API, shows what the message-driven beans print,
# then keeps running until Ctrl-C.
#
#   deployment/demo/run-demo.sh [--smoke] [--no-build] [--port N] [--serializer json|yaml|msgpack] [--work-dir DIR]
#
#   --smoke       exit after the scenario: status 0 when every message was delivered, 1 otherwise
#   --no-build    use the artifacts already in deployment/demo/target/demo (mvn package of deployment/demo)
#   --port N      HTTP port on 127.0.0.1 (default: a free one)
#   --serializer  the connection factory's defaultSerializer (default json)
#   --work-dir    where the server's files and log go (default deployment/demo/target/demo-run)
#
# Broker: AMQP_URI (amqp://user:password@host:port/vhost), default amqp://guest:guest@127.0.0.1:5672/%2F.
# The password reaches Payara only through its environment (${ENV=WARREN_AMQP_PASSWORD}); it is never
# written to a file or the log.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
smoke=false
build=true
http_port=""
serializer="json"
work="$here/target/demo-run"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) smoke=true ;;
    --no-build) build=false ;;
    --port) http_port="$2"; shift ;;
    --serializer) serializer="$2"; shift ;;
    --work-dir) work="$2"; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\n== %s\n' "$*"; }
die() { echo "run-demo: $*" >&2; exit 1; }

for tool in java curl; do
  command -v "$tool" >/dev/null || die "$tool is required (JDK 17+ and curl)."
done

dist="$here/target/demo"
if $build; then
  say "Building the resource adapter, the sample WAR and the demo (mvn -q package, tests skipped)"
  (cd "$root" && mvn -q -B -DskipTests package -pl deployment/demo -am)
fi
for f in payara-micro.jar warren.rar warren-sample.war; do
  [[ -f "$dist/$f" ]] || die "$dist/$f is missing. Run without --no-build (or: mvn -DskipTests package -pl deployment/demo -am)."
done

say "Checking the broker"
"$root/deployment/scripts/ensure-rabbitmq.sh"

# Split AMQP_URI into its parts; only the password is kept out of files and command lines.
uri="${AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/%2F}"
rest="${uri#*://}"
creds=""; [[ "$rest" == *@* ]] && { creds="${rest%%@*}"; rest="${rest#*@}"; }
amqp_user="guest"; amqp_pass="guest"
if [[ -n "$creds" ]]; then
  amqp_user="${creds%%:*}"
  [[ "$creds" == *:* ]] && amqp_pass="${creds#*:}"
fi
hostport="${rest%%/*}"
amqp_host="${hostport%%:*}"; amqp_port=5672
[[ "$hostport" == *:* ]] && amqp_port="${hostport##*:}"
amqp_vhost="/"
[[ "$rest" == */* ]] && { v="${rest#*/}"; [[ -n "$v" ]] && amqp_vhost="$v"; }
urldecode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }
amqp_user="$(urldecode "$amqp_user")"; amqp_pass="$(urldecode "$amqp_pass")"; amqp_vhost="$(urldecode "$amqp_vhost")"

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    local p
    for p in $(seq 18180 18280); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
    die "no free port in 18180-18280; pass --port"
  fi
}
[[ -n "$http_port" ]] || http_port="$(free_port)"

rm -rf "$work"
mkdir -p "$work"
log="$work/payara.log"
fill() {
  sed -e "s|@AMQP_HOST@|$amqp_host|g" -e "s|@AMQP_PORT@|$amqp_port|g" -e "s|@AMQP_VHOST@|$amqp_vhost|g" \
      -e "s|@AMQP_USER@|$amqp_user|g" -e "s|@SERIALIZER@|$serializer|g" \
      -e "s|@RAR@|$dist/warren.rar|g" -e "s|@WAR@|$dist/warren-sample.war|g" "$1" | grep -v '^#' | grep -v '^[[:space:]]*$'
}
fill "$here/src/main/payara/pre-boot-commands.asadmin" > "$work/pre-boot-commands.asadmin"
fill "$here/src/main/payara/post-boot-commands.asadmin" > "$work/post-boot-commands.asadmin"

payara_pid=""
stop_payara() {
  if [[ -n "$payara_pid" ]] && kill -0 "$payara_pid" 2>/dev/null; then
    echo "Stopping Payara Micro (pid $payara_pid)"
    kill "$payara_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$payara_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$payara_pid" 2>/dev/null || true
  fi
  [[ -n "${tail_pid:-}" ]] && kill "$tail_pid" 2>/dev/null || true
  rm -f "$work/payara.pid"
}
trap stop_payara EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "Starting Payara Micro on http://127.0.0.1:$http_port (broker $amqp_host:$amqp_port, vhost $amqp_vhost, user $amqp_user; log: $log)"
WARREN_AMQP_PASSWORD="$amqp_pass" java -Xmx512m -Djava.net.preferIPv4Stack=true \
  -jar "$dist/payara-micro.jar" --nohazelcast --port "$http_port" --rootdir "$work/root" \
  --prebootcommandfile "$work/pre-boot-commands.asadmin" --postbootcommandfile "$work/post-boot-commands.asadmin" \
  >"$log" 2>&1 &
payara_pid=$!
echo "$payara_pid" > "$work/payara.pid"

api="http://127.0.0.1:$http_port/warren-sample/api"
started=$(date +%s)
until curl -sf -o /dev/null "$api"; do
  kill -0 "$payara_pid" 2>/dev/null || { tail -40 "$log" >&2; die "Payara Micro exited during startup (log: $log)"; }
  if grep -qE "Boot Command [a-z-]+ (failed|returned with result FAILURE)" "$log"; then
    grep -E -A3 "Boot Command [a-z-]+ (failed|returned with result FAILURE)" "$log" | grep -v '^\s*at ' | head -20 >&2
    grep -E "^Caused by: (dev\.warren|jakarta\.resource)" "$log" | sort -u | head -5 >&2 || true
    die "an asadmin command of the recipe failed (log: $log)"
  fi
  (( $(date +%s) - started < 240 )) || die "Payara Micro was not ready within 240 s (log: $log)"
  sleep 1
done
echo "Ready in $(( $(date +%s) - started )) s. Recipe results:"
grep -o "Boot Command [a-z-]* returned with result [A-Z]*" "$log" | sed 's/^/  /'

# --- the seeds' scenario -------------------------------------------------------------------------------
run="$(date +%H%M%S)-$$"
expected=()   # text that must show up in GET /api/processed
post() { curl -sf -X POST "$@"; echo; }

say "Feed importer: FeedProducer.importFeed(url) from a stateless EJB; the FeedImporter MDB prints each"
for url in "http://cnn.com/rss/edition.rss?demo=$run" "http://feeds.bbci.co.uk/news/rss.xml?demo=$run"; do
  post "$api/feeds?url=$url"
  expected+=("$url")
done

say "Media: exchange media (direct), queues video and image, one MDB class over both; json by default, yaml/msgpack per message"
post "$api/media/video?name=/tmp/lolcat1-$run.avi&size=1301013";                      expected+=("/tmp/lolcat1-$run.avi")
post "$api/media/video?name=/tmp/lolcat2-$run.avi&size=2093002&serializer=yaml";      expected+=("/tmp/lolcat2-$run.avi")
post "$api/media/image?name=/tmp/lolcat-$run.jpg&size=740&serializer=msgpack";        expected+=("/tmp/lolcat-$run.jpg")

say "Raw data: lolcat.jpg sent untouched as image/jpeg, encoding binary"
image="$here/src/main/demo/lolcat.jpg"
raw_reply="$(curl -sf -X POST -H 'Content-Type: image/jpeg' --data-binary "@$image" "$api/media/image/raw")"
echo "$raw_reply"
sha="$(sha256sum "$image" | cut -d' ' -f1)"
[[ "$raw_reply" == *"\"sha256\":\"$sha\""* ]] || die "publishing the raw image failed, or the server got other bytes than $image"
expected+=("$sha")

say "Polling: publish to queue inbox (no MDB there), then take it with get()"
post "$api/media/inbox?name=/tmp/todo-$run.txt&size=1&serializer=yaml"
polled=false
for _ in $(seq 1 50); do
  code="$(curl -s -o "$work/poll.json" -w '%{http_code}' "$api/poll/inbox")"
  [[ "$code" == 200 ]] || { sleep 0.2; continue; }
  if grep -q "/tmp/todo-$run.txt" "$work/poll.json"; then cat "$work/poll.json"; echo; polled=true; break; fi
  echo "(drained an older inbox message: $(cat "$work/poll.json"))"
done

say "What the message-driven beans printed"
missing=()
deadline=$(( $(date +%s) + 60 ))
while :; do
  processed="$(curl -sf "$api/processed" || true)"
  missing=()
  for e in "${expected[@]}"; do [[ "$processed" == *"$e"* ]] || missing+=("$e"); done
  (( ${#missing[@]} == 0 )) || (( $(date +%s) > deadline )) && break
  sleep 0.5
done
strip() { sed -u -e 's/\x1b\[[0-9;]*m//g' -e 's/^.*levelValue: [0-9]*\] //'; }
grep -E "Got (feed import|media) message" "$log" | strip | grep -E "$run|$sha" | sed 's/^/  /' || true

say "Result"
$polled && echo "  polled:    inbox message /tmp/todo-$run.txt" || echo "  NOT POLLED: inbox message /tmp/todo-$run.txt"
for e in "${expected[@]}"; do
  if [[ " ${missing[*]:-} " == *" $e "* ]]; then echo "  MISSING:   $e"; else echo "  delivered: $e"; fi
done
ok=true
(( ${#missing[@]} == 0 )) && $polled || ok=false
if $ok; then
  echo "All $(( ${#expected[@]} + 1 )) scenario messages were delivered."
else
  echo "NOT DELIVERED: ${#missing[@]} of ${#expected[@]} consumed messages$($polled || echo ', and the polled one')." >&2
fi
# MicroProfile Health: the sample's readiness check reports the adapter's (docs/observability.md)
health_url="http://127.0.0.1:$http_port/health/ready"
health="$(curl -s "$health_url" || true)"
if [[ "$health" == *'"status":"UP"'* || "$health" == *'"status": "UP"'* ]]; then
  echo "Readiness ($health_url): UP"
else
  echo "Readiness ($health_url) is not UP: ${health:-no answer}" >&2
  ok=false
fi
if grep -qF -- "$amqp_pass" "$log" && [[ "$amqp_pass" != "$amqp_user" && ${#amqp_pass} -ge 6 ]]; then
  echo "WARNING: the broker password appears in $log" >&2
  ok=false
fi

cat <<EOF

HTTP API: $api
  curl -X POST '$api/feeds?url=http://cnn.com/rss/edition.rss'
  curl -X POST '$api/media/video?name=/tmp/lolcat1.avi&size=1301013&serializer=yaml'
  curl -X POST -H 'Content-Type: image/jpeg' --data-binary @$image '$api/media/image/raw'
  curl '$api/processed'
  curl '$api/poll/inbox'
  curl '$api/metrics'
  curl 'http://127.0.0.1:$http_port/health/ready'
EOF

if $smoke; then
  $ok && exit 0 || exit 1
fi
echo
echo "Payara Micro keeps running (log: $log). New MDB output follows; Ctrl-C stops it."
tail -n0 -F --pid="$payara_pid" "$log" 2>/dev/null | grep --line-buffered -E "Got (feed import|media) message" | strip &
tail_pid=$!
wait "$payara_pid"
