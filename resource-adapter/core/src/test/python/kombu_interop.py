#!/usr/bin/python3
"""Python side of Warren's kombu wire-compatibility tests (KombuInteropIT).

  kombu_interop.py check                      -> {"kombu": version, "compressions": [...]}
  kombu_interop.py publish URL QUEUE          -> publishes every case x compression kombu supports
  kombu_interop.py consume URL QUEUE COUNT    -> decodes COUNT messages Warren published, compares them

Every message carries headers x-case (payload case) and x-comp (compression name or "none").
Prints one JSON report on stdout. Needs Debian's python3-kombu, python3-msgpack, python3-yaml
(and python3-brotli, python3-zstandard for those compressions).
"""
import datetime
import json
import sys
import time

import kombu
from kombu import Connection, Exchange, Producer, Queue
from kombu import compression as kcompression

DT = datetime.datetime(2024, 2, 29, 13, 45, 30, 123456)
DT_TZ = datetime.datetime(2024, 2, 29, 13, 45, 30, 123456,
                          tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30)))
DAY = datetime.date(2024, 2, 29)
PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0x00])
TEXT = "plain text \u2713 caf\u00e9 \U0001F600 \U0001D11E"
BYTES = b"\x00\x01\x7f\x80\xfe\xffbin"

COMPRESSIONS = ["none", "zlib", "bzip2", "lzma", "zstd", "brotli"]
SERIALIZERS = ["json", "yaml", "msgpack", "pickle"]
ACCEPT = ["json", "yaml", "msgpack", "pickle", "text/plain", "image/png", "application/data"]


def base():
    return {
        "text": "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \U0001F600 \U0001D11E",
        "nested": {"list": [1, "two", 3.5, [True, False, None], {"deep": {"x": -7}}],
                   "empty_list": [], "empty_map": {}},
        "int32": 2 ** 32 + 5,
        "neg": -(2 ** 40) - 3,
        "float": 3.14159,
        "big_float": 1.5e300,
        "tiny": -2.5e-300,
        "yes": True,
        "no": False,
        "nothing": None,
    }


def publish_value(case):
    """The value kombu publishes for a case."""
    if case == "png":
        return PNG
    if case == "text":
        return TEXT
    v = base()
    if case in ("json", "yaml", "pickle"):
        v["int63"] = 2 ** 63 + 11
        v["huge"] = 2 ** 70 + 1
        v["when"] = DT
        v["day"] = DAY
    if case in ("json", "pickle"):
        v["when_tz"] = DT_TZ
    if case in ("msgpack", "pickle"):
        v["bytes"] = BYTES
    if case == "msgpack":
        v["uint64"] = 2 ** 64 - 1
    return v


def expected_from_warren(case):
    """What kombu must decode from Warren's message for a case (see SER-NOTES.md, interop)."""
    v = publish_value(case)
    if case == "json":  # JSON has no dates: ISO-8601 strings both ways (kombu 5.2 writes them so too)
        v["when"], v["when_tz"], v["day"] = DT.isoformat(), DT_TZ.isoformat(), DAY.isoformat()
    if case == "yaml":  # Warren's YAML writes java.time as ISO-8601 strings
        v["when"], v["day"] = DT.isoformat(), DAY.isoformat()
    return v


def check():
    return {"kombu": kombu.__version__, "compressions": sorted(
        name for name in COMPRESSIONS[1:] if _has_compression(name))}


def _has_compression(name):
    try:
        kcompression.get_encoder(name)
        return True
    except Exception:
        return False


def publish(url, queue):
    comps = ["none"] + check()["compressions"]
    sent = []
    with Connection(url) as conn:
        producer = Producer(conn.channel(), exchange=Exchange(""), routing_key=queue)
        for case in SERIALIZERS + ["png", "text"]:
            for comp in comps:
                kwargs = dict(routing_key=queue, headers={"x-case": case, "x-comp": comp},
                              compression=None if comp == "none" else comp, message_id="%s-%s" % (case, comp))
                if case == "png":
                    kwargs.update(content_type="image/png", content_encoding="binary")
                elif case == "text":
                    kwargs.update(content_type="text/plain", content_encoding="utf-8")
                else:
                    kwargs.update(serializer=case)
                producer.publish(publish_value(case), **kwargs)
                sent.append({"case": case, "compression": comp})
    return {"published": sent}


def consume(url, queue, count):
    results = []
    with Connection(url) as conn:
        q = Queue(queue, channel=conn.channel(), no_declare=True)
        deadline = time.time() + 60
        while len(results) < count and time.time() < deadline:
            m = q.get(no_ack=False, accept=ACCEPT)
            if m is None:
                time.sleep(0.05)
                continue
            case, comp = m.headers.get("x-case"), m.headers.get("x-comp")
            entry = {"case": case, "compression": comp, "content_type": m.content_type,
                     "content_encoding": m.content_encoding, "compression_header": m.headers.get("compression"),
                     "traceparent": m.headers.get("traceparent")}
            try:
                value = m.decode()
                want = expected_from_warren(case)
                entry["ok"] = value == want and type(value) == type(want)
                if not entry["ok"]:
                    entry["got"] = repr(value)
                    entry["want"] = repr(want)
            except Exception as e:  # report, don't crash: the Java test asserts
                entry["ok"] = False
                entry["error"] = "%s: %s" % (type(e).__name__, e)
            m.ack()
            results.append(entry)
    return {"results": results}


def main(argv):
    cmd = argv[1]
    if cmd == "check":
        out = check()
    elif cmd == "publish":
        out = publish(argv[2], argv[3])
    elif cmd == "consume":
        out = consume(argv[2], argv[3], int(argv[4]))
    else:
        raise SystemExit("unknown command " + cmd)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
