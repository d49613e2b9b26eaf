#!/usr/bin/env bash
# `npm ci`, tried up to three times: a registry connection reset (ECONNRESET) is not a reason to fail a setup.
set -uo pipefail
for attempt in 1 2 3; do
  npm ci --no-audit --no-fund && exit 0
  echo "npm ci failed (attempt $attempt of 3)" >&2
  [ "$attempt" = 3 ] || sleep $((attempt * 5))
done
exit 1
