#!/usr/bin/env bash
# Makes sure Debian's Python Celery (the peer of Warren's Celery interop tests, CeleryInteropIT) is installed for
# /usr/bin/python3, with msgpack and yaml so the worker can accept those serializers. Used by .ci/run and the
# ensure-test-services profile of the root pom.
set -euo pipefail
if /usr/bin/python3 -c 'import celery, msgpack, yaml' 2>/dev/null; then
  echo "Python Celery is installed: $(/usr/bin/python3 -c 'import celery; print(celery.__version__)')"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  echo "Installing python3-celery, python3-msgpack, python3-yaml with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-celery python3-msgpack python3-yaml >/dev/null
else
  echo "Python Celery is missing for /usr/bin/python3. Fix (as root): apt-get install python3-celery python3-msgpack python3-yaml" >&2
  exit 1
fi
