#!/usr/bin/env bash
# A private RabbitMQ node for fault-injection tests, beside the shared broker on 5672 (never touched).
#   rabbit-node.sh start   NAME PORT   start node NAME@localhost on 127.0.0.1:PORT (a running one is left as it is);
#                                      waits until it serves
#   rabbit-node.sh stop    NAME        graceful stop (data kept)
#   rabbit-node.sh kill    NAME        kill -9 of the node's Erlang VM (data kept)
#   rabbit-node.sh destroy NAME        kill -9 and delete its data
# Extra configuration (e.g. TLS listeners), read on every start:
#   WARREN_NODE_CONF=FILE        appended to the generated rabbitmq.conf (files it names must be readable by rabbitmq)
#   WARREN_NODE_PLUGINS=a,b      written to the node's enabled_plugins (e.g. rabbitmq_auth_mechanism_ssl)
# Data and logs live under ${WARREN_NODE_BASE:-/tmp/warren-rabbit-nodes}/NAME, owned by the rabbitmq user
# (the Debian wrapper drops to it when run as root).
set -euo pipefail
cmd="${1:?usage: rabbit-node.sh start|stop|kill|destroy NAME [PORT]}"
name="${2:?node name}"
base="${WARREN_NODE_BASE:-/tmp/warren-rabbit-nodes}/$name"
node="$name@localhost"

env_for() {
  local port="$1"
  export RABBITMQ_NODENAME="$node"
  export RABBITMQ_NODE_PORT="$port"
  export RABBITMQ_DIST_PORT="$((port + 20000))"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_MNESIA_BASE="$base/mnesia"
  export RABBITMQ_LOG_BASE="$base/log"
  export RABBITMQ_PID_FILE="$base/node.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
  export RABBITMQ_FEATURE_FLAGS_FILE="$base/feature_flags"
  export RABBITMQ_CONFIG_FILE="$base/rabbitmq"
}

# The node's Erlang VM pid, only when that process is alive and really is this node (pids get reused).
vm_pid() {
  local pid
  pid="$(cat "$base/node.pid" 2>/dev/null || true)"
  [[ -n "$pid" && -r "/proc/$pid/environ" ]] || return 0
  tr '\0' '\n' < "/proc/$pid/environ" | grep -qx -- "RABBITMQ_NODENAME=$node" && echo "$pid" || true
}

wait_gone() {
  local pid="$1"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
}

graceful_stop() {
  local pid
  pid="$(vm_pid)"
  [[ -n "$pid" ]] || return 0
  timeout 60 rabbitmqctl -n "$node" -q stop >/dev/null 2>&1 || true
  wait_gone "$pid"
}

hard_kill() {
  local pid
  pid="$(vm_pid)"
  [[ -n "$pid" ]] || return 0
  kill -9 "$pid" 2>/dev/null || true
  wait_gone "$pid"
}

case "$cmd" in
  start)
    port="${3:?port}"
    # already running: leave it alone (starting again would delete the pid file the running node wrote)
    if [[ -n "$(vm_pid)" ]]; then echo "node $node already runs"; exit 0; fi
    mkdir -p "$base/mnesia" "$base/log"
    if [[ -n "${WARREN_NODE_PLUGINS:-}" ]]; then
      echo "[${WARREN_NODE_PLUGINS}]." > "$base/enabled_plugins"
    else
      [[ -f "$base/enabled_plugins" ]] || echo "[]." > "$base/enabled_plugins"
    fi
    # listen on loopback only, including the CLI/distribution ports
    printf 'listeners.tcp.default = 127.0.0.1:%s\nloopback_users = none\n' "$port" > "$base/rabbitmq.conf"
    if [[ -n "${WARREN_NODE_CONF:-}" ]]; then
      cat "$WARREN_NODE_CONF" >> "$base/rabbitmq.conf"
    fi
    chown -R rabbitmq:rabbitmq "$base" 2>/dev/null || true
    env_for "$port"
    rm -f "$base/node.pid"
    rabbitmq-server -detached >/dev/null 2>&1 || true
    timeout 120 rabbitmqctl -n "$node" -q wait --timeout 90 "$base/node.pid" >/dev/null 2>&1 \
      || { echo "node $node did not start; see $base/log" >&2; exit 1; }
    for _ in $(seq 1 60); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "node $node serves 127.0.0.1:$port"; exit 0; }
      sleep 0.5
    done
    echo "node $node started but port $port does not answer" >&2; exit 1
    ;;
  stop) graceful_stop ;;
  kill) hard_kill ;;
  destroy)
    # the data goes too, so nothing needs a clean shutdown: kill -9 instead of a graceful stop (seconds per node)
    hard_kill
    rm -rf "$base"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
