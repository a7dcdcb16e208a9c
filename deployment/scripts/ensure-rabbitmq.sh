#!/usr/bin/env bash
# Makes sure a RabbitMQ broker answers on the AMQP port Warren's tests and demo use.
# Used by .ci/run and by the demo. Order: already reachable -> start the local rabbitmq-server ->
# install it with apt (Debian) and start it -> otherwise explain how to get one and fail.
# Host/port come from AMQP_URI (amqp://user:pass@host:port/vhost) when set, else 127.0.0.1:5672.
set -euo pipefail

uri="${AMQP_URI:-amqp://guest:guest@127.0.0.1:5672/%2F}"
hostport="${uri#*://}"; hostport="${hostport#*@}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="5672"
[[ "$hostport" == *:* ]] && port="${hostport##*:}"

reachable() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

wait_for_broker() {
  for _ in $(seq 1 90); do
    if reachable && { ! command -v rabbitmqctl >/dev/null || rabbitmqctl -q await_startup >/dev/null 2>&1; }; then
      return 0
    fi
    sleep 1
  done
  return 1
}

if reachable; then
  echo "RabbitMQ is reachable on $host:$port"
  exit 0
fi

if [[ "$host" != "127.0.0.1" && "$host" != "localhost" ]]; then
  echo "RabbitMQ is not reachable on $host:$port (from AMQP_URI). Start that broker, or unset AMQP_URI to use a local one." >&2
  exit 1
fi

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    echo "rabbitmq-server is not installed: installing it with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
  else
    cat >&2 <<'MSG'
No RabbitMQ broker is reachable on 127.0.0.1:5672 and rabbitmq-server is not installed.
Get one of these, then run again:
  - Debian/Ubuntu (as root): apt-get install rabbitmq-server && rabbitmq-server -detached
  - an existing broker: export AMQP_URI=amqp://user:password@host:5672/%2F
MSG
    exit 1
  fi
fi

echo "Starting the local RabbitMQ broker (rabbitmq-server -detached)"
rabbitmq-server -detached || true
if wait_for_broker; then
  echo "RabbitMQ is up on $host:$port"
else
  echo "RabbitMQ did not come up on $host:$port within 90 s; see /var/log/rabbitmq/ for the reason." >&2
  exit 1
fi
