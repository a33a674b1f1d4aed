#!/usr/bin/env bash
# The production shape (docs/testing.md, "Multi-node"): three nodes of the jar behind Debian's HAProxy on
# Debian's PostgreSQL, each node restarted in turn, PostgreSQL restarted, a node SIGKILLed mid-import, all
# under the load harness's phone mix. Installs the postgresql, haproxy and pgbouncer packages when missing
# (as root, as in CI), builds the jar when missing, then runs the harness profile. Extra arguments go to
# Maven (e.g. -Dmultinode.phones=40, or -Dmultinode.pgbouncer=true for the nodes' pools through PgBouncer
# in transaction mode).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
command -v haproxy >/dev/null || missing+=(haproxy)
command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "multi-node: install ${missing[*]} first (apt-get install postgresql haproxy pgbouncer)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f app/target/fitsync.jar ]; then
  ./mvnw -B -q package -pl app -am -DskipTests
fi
exec ./mvnw -B -q verify -pl harness -am -DskipTests -Pmulti-node "$@"
