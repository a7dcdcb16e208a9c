#!/usr/bin/env bash
# Makes sure Debian's Python kombu (the interop peer of Warren's wire-compatibility tests) is installed
# for /usr/bin/python3, with brotli and zstandard so kombu registers all five compressions. Used by .ci/run.
set -euo pipefail
if /usr/bin/python3 -c 'import kombu, msgpack, yaml, brotli, zstandard' 2>/dev/null; then
  echo "Python kombu is installed: $(/usr/bin/python3 -c 'import kombu; print(kombu.__version__)')"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  echo "Installing python3-kombu, python3-msgpack, python3-yaml, python3-brotli, python3-zstandard with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-kombu python3-msgpack python3-yaml python3-brotli python3-zstandard >/dev/null
else
  echo "Python kombu is missing for /usr/bin/python3. Fix (as root): apt-get install python3-kombu python3-msgpack python3-yaml python3-brotli python3-zstandard" >&2
  exit 1
fi
