"""kombu contender of Warren's benchmark (dev.warren.bench.KombuContender runs it with /usr/bin/python3).

  kombu_bench.py publish URI EXCHANGE QUEUE MESSAGES SIZE TIMEOUT_SECONDS
  kombu_bench.py consume URI EXCHANGE QUEUE MESSAGES SIZE TIMEOUT_SECONDS PREFETCH

publish: Producer.publish(map, routing_key=QUEUE) with kombu's json serializer, persistent, MESSAGES times on one
channel, then a synchronous round trip (passive queue.declare) on that channel. consume: a kombu Consumer with
prefetch PREFETCH, accept=['json'], a callback that receives the decoded body and acks each message; the queue is
pre-filled by the harness. The body is the harness's map padded so kombu's json encoding is exactly SIZE bytes.

Prints one JSON line: messages, seconds (publish: first publish to the end of the round trip; consume: first to
last message), cpu_seconds (process CPU over the same window) and body_bytes. Times are measured inside Python,
after the interpreter, kombu and the connection are up; the harness measures the whole process separately.
"""
import json
import sys
import time

import kombu
from kombu.utils.json import dumps


def body_of(size):
    body = {"name": "/tmp/lolcat1.avi", "size": 1301013, "pad": ""}
    base = len(dumps(body).encode("utf-8"))
    if size < base:
        raise SystemExit("body size %d is below kombu's minimum %d" % (size, base))
    body["pad"] = "x" * (size - base)
    return body


def publish(conn, exchange, queue, n, body):
    channel = conn.channel()
    producer = kombu.Producer(channel, exchange=exchange, serializer="json", auto_declare=False)
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(n):
        producer.publish(body, routing_key=queue, delivery_mode=2)
    channel.queue_declare(queue=queue, passive=True)
    return time.perf_counter() - t0, time.process_time() - c0


def consume(conn, exchange, queue, n, prefetch, timeout):
    channel = conn.channel()
    state = {"count": 0, "t0": 0.0, "c0": 0.0, "t1": 0.0, "c1": 0.0}

    def on_body(body, message):
        message.ack()
        count = state["count"] + 1
        state["count"] = count
        if count == 1:
            state["t0"] = time.perf_counter()
            state["c0"] = time.process_time()
        if count == n:
            state["t1"] = time.perf_counter()
            state["c1"] = time.process_time()

    q = kombu.Queue(queue, exchange=exchange, routing_key=queue, durable=False, no_declare=True)
    consumer = kombu.Consumer(channel, queues=[q], callbacks=[on_body], accept=["json"], prefetch_count=prefetch,
                              auto_declare=False)
    consumer.consume()
    deadline = time.monotonic() + timeout
    while state["count"] < n:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SystemExit("kombu consumed %d of %d messages in %d s" % (state["count"], n, timeout))
        conn.drain_events(timeout=remaining)
    consumer.cancel()
    # first to last message: n - 1 intervals, scaled to n messages as the harness does for its own CPU counters
    scale = n / (n - 1) if n > 1 else 1.0
    return (state["t1"] - state["t0"]) * scale, (state["c1"] - state["c0"]) * scale


def main(argv):
    mode, uri, exchange_name, queue, n, size, timeout = argv[1:8]
    n, size, timeout = int(n), int(size), int(timeout)
    body = body_of(size)
    exchange = kombu.Exchange(exchange_name, type="direct", durable=False, no_declare=True)
    with kombu.Connection(uri, connect_timeout=5) as conn:
        conn.connect()
        if mode == "publish":
            seconds, cpu = publish(conn, exchange, queue, n, body)
        elif mode == "consume":
            seconds, cpu = consume(conn, exchange, queue, n, int(argv[8]), timeout)
        else:
            raise SystemExit("unknown mode %r: publish or consume" % mode)
    print(json.dumps({"messages": n, "seconds": seconds, "cpu_seconds": cpu,
                      "body_bytes": len(dumps(body).encode("utf-8")), "kombu": kombu.__version__}))


if __name__ == "__main__":
    main(sys.argv)
