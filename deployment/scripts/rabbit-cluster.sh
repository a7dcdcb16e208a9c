#!/usr/bin/env bash
# A three-node RabbitMQ cluster on loopback, for failover tests and for trying failover by hand. Built on
# rabbit-node.sh (same data/log layout, same rabbitmq user and Erlang cookie); the shared broker on 5672 is never
# touched.
#   rabbit-cluster.sh start          start the three nodes in parallel and join n2, n3 to n1 (idempotent: a running
#                                    cluster is left as it is, stopped members are started and rejoin by themselves)
#   rabbit-cluster.sh stop NODE      graceful stop of one node (data kept)
#   rabbit-cluster.sh kill NODE      kill -9 of one node's Erlang VM (data kept)
#   rabbit-cluster.sh restart NODE   start a stopped or killed node again; it rejoins the cluster by itself
#   rabbit-cluster.sh heal           start what is stopped (as start), then wait (up to 180 s) until the three nodes
#                                    run together and every member of every quorum queue is running: the cluster
#                                    can lose any one node again
#   rabbit-cluster.sh status         each node: running or not, its port, the cluster's running members
#   rabbit-cluster.sh destroy        kill all three and delete their data (idempotent)
#   rabbit-cluster.sh addresses      print the nodes as Warren's addresses property (127.0.0.1:P1,...)
# NODE is 1, 2 or 3, or the node's name (e.g. warren-cluster2).
# Environment:
#   WARREN_CLUSTER_PORT=6800    base port: node i listens on 127.0.0.1:BASE+i (distribution port BASE+i+20000)
#   WARREN_CLUSTER_NAME=warren-cluster   node name prefix: nodes are PREFIX1@localhost .. PREFIX3@localhost
#   WARREN_NODE_BASE            where rabbit-node.sh keeps data and logs (default /tmp/warren-rabbit-nodes)
# Run under `flock /tmp/warren-heavy.lock` when other private nodes may start on this machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_sh="$here/rabbit-node.sh"
port_base="${WARREN_CLUSTER_PORT:-6800}"
prefix="${WARREN_CLUSTER_NAME:-warren-cluster}"
cmd="${1:?usage: rabbit-cluster.sh start|stop NODE|kill NODE|restart NODE|heal|status|destroy|addresses}"

[[ "$port_base" =~ ^[0-9]+$ ]] && (( port_base >= 1024 && port_base + 3 <= 45535 )) \
  || { echo "WARREN_CLUSTER_PORT=$port_base: use a number from 1024 to 45532 (nodes use BASE+1..BASE+3 and" \
            "BASE+20001..BASE+20003)" >&2; exit 2; }

name_of() { echo "$prefix$1"; }
port_of() { echo "$((port_base + $1))"; }
ctl() { timeout 60 rabbitmqctl -n "$(name_of "$1")@localhost" -q "${@:2}"; }

# 1, 2, 3 or a node name -> 1, 2, 3
index_of() {
  local arg="${1:?node: 1, 2, 3 or a node name}"
  arg="${arg%@localhost}"
  case "$arg" in
    1|2|3) echo "$arg" ;;
    "${prefix}1") echo 1 ;;
    "${prefix}2") echo 2 ;;
    "${prefix}3") echo 3 ;;
    *) echo "unknown node '$1': use 1, 2, 3 or ${prefix}1..${prefix}3" >&2; exit 2 ;;
  esac
}

running() { ctl "$1" status >/dev/null 2>&1; }

# whether node $1 counts node 1 among its cluster's members
member() { ctl "$1" cluster_status 2>/dev/null | grep -q "$(name_of 1)@localhost"; }

start_nodes() {
  local pids=() i failed=0
  for i in "$@"; do
    "$node_sh" start "$(name_of "$i")" "$(port_of "$i")" &
    pids+=("$!")
  done
  for i in "${pids[@]}"; do wait "$i" || failed=1; done
  return "$failed"
}

# the CLI prints the joining node's boot warnings; keep them in a log and show them only when a step fails
join_log="${WARREN_NODE_BASE:-/tmp/warren-rabbit-nodes}/${prefix}-join.log"
quiet() {
  "$@" >>"$join_log" 2>&1 || { echo "failed: rabbitmqctl ${*:2}" >&2; cat "$join_log" >&2; return 1; }
}

# runs "$@" once per node in $nodes (words), in parallel; fails when one failed
each_node() {
  local nodes="$1" pids=() i p failed=0
  shift
  for i in $nodes; do "$@" "$i" & pids+=("$!"); done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  return "$failed"
}

# which of nodes 2 and 3 are not members of node 1's cluster yet (asked in parallel: each CLI call starts an Erlang VM)
not_members() {
  local i
  for i in 2 3; do (member "$i" || echo "$i") & done
  wait
}

stop_app() { quiet ctl "$1" stop_app; }
start_app() { quiet ctl "$1" start_app; }

# the three nodes run together and every member of every quorum queue is running (one CLI call: each costs an
# Erlang VM start, seconds on a busy machine)
healthy_eval='Qs = [Q || Q <- rabbit_amqqueue:list(), amqqueue:get_type(Q) =:= rabbit_quorum_queue],
  Down = [N || Q <- Qs, {RaName, _} <- [amqqueue:get_pid(Q)], N <- maps:get(nodes, amqqueue:get_type_state(Q)),
               not is_pid(rpc:call(N, erlang, whereis, [RaName], 5000))],
  {length(rabbit_nodes:all_running()), length(Down)}.'
healthy() {
  local i
  for i in 1 2 3; do
    if [[ "$(ctl "$i" eval "$healthy_eval" 2>/dev/null | tr -d ' \n')" == "{3,0}" ]]; then return 0; fi
    running "$i" && return 1  # a running node said no; try another only when this one is down
  done
  return 1
}

case "$cmd" in
  heal)
    "$0" start >/dev/null
    deadline=$((SECONDS + 180))
    until healthy; do
      if (( SECONDS > deadline )); then
        echo "the cluster did not heal within 180 s:" >&2
        "$0" status >&2
        ctl 1 list_queues name type members online >&2 || true
        exit 1
      fi
      sleep 1
    done
    echo "cluster healthy: three nodes running, every quorum queue with all its members"
    ;;
  start)
    mkdir -p "$(dirname "$join_log")"
    : > "$join_log"
    start_nodes 1 2 3
    joining="$(not_members | sort | tr '\n' ' ')"
    if [[ -n "${joining// /}" ]]; then
      each_node "$joining" stop_app
      # one at a time: concurrent joins race in the schema; join_cluster resets the joining node itself
      for i in $joining; do quiet ctl "$i" join_cluster "$(name_of 1)@localhost"; done
      each_node "$joining" start_app
      left="$(not_members | tr '\n' ' ')"
      [[ -z "${left// /}" ]] || { echo "node(s) $left did not join the cluster" >&2; exit 1; }
    fi
    echo "cluster up: $("$0" addresses)"
    ;;
  stop) "$node_sh" stop "$(name_of "$(index_of "${2:-}")")" ;;
  kill) "$node_sh" kill "$(name_of "$(index_of "${2:-}")")" ;;
  restart)
    i="$(index_of "${2:-}")"
    "$node_sh" stop "$(name_of "$i")"
    start_nodes "$i"
    ;;
  status)
    for i in 1 2 3; do
      if running "$i"; then state=running; else state=stopped; fi
      echo "$(name_of "$i")@localhost 127.0.0.1:$(port_of "$i") $state"
    done
    for i in 1 2 3; do
      if running "$i"; then
        echo "running members (seen by $(name_of "$i")):" \
          "$(ctl "$i" eval 'rabbit_nodes:all_running().' 2>/dev/null | tr -d '\n[] ')"
        break
      fi
    done
    ;;
  destroy)
    pids=()
    for i in 1 2 3; do "$node_sh" destroy "$(name_of "$i")" & pids+=("$!"); done
    for p in "${pids[@]}"; do wait "$p"; done
    rm -f "$join_log"
    echo "cluster destroyed"
    ;;
  addresses) echo "127.0.0.1:$(port_of 1),127.0.0.1:$(port_of 2),127.0.0.1:$(port_of 3)" ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
