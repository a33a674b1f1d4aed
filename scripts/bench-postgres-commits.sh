#!/usr/bin/env bash
# What PostgreSQL itself allows a sync push on this machine, without FitSync (docs/benchmarks.md,
# "Commits that notify"): pgbench against a throwaway cluster of Debian's PostgreSQL, durable as
# FitSync runs it (fsync, synchronous_commit and full_page_writes on).
#   1. Commits that send a NOTIFY against commits that do not, from 1 to 32 clients: one UPDATE of the
#      client's own row, then `SELECT pg_notify(...)` or `SELECT 1`.
#   2. A push of 50 new workouts as FitSync runs it (claim the user's version, look the ids up, one
#      INSERT … SELECT into a copy of sync_records with its checks and indexes), each client its own
#      user, from 1 to 32 clients: the floor under the concurrent phase of bench/bench.js.
# Needs the postgresql package (pg_ctl, pgbench); run as root (the cluster runs as user postgres).
set -euo pipefail

SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
CLIENTS="${CLIENTS:-1 2 4 8 16 32}"
PG_BIN="$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" | sort -V | tail -1)")"
[ -x "$PG_BIN/pg_ctl" ] && command -v pgbench >/dev/null || {
    echo "bench-postgres-commits: install postgresql first (apt-get install postgresql)" >&2
    exit 1
}
WORK="$(mktemp -d /tmp/fitsync-pg-commits.XXXXXX)"
PORT=55499
chown postgres "$WORK"
as_postgres() { runuser -u postgres -- "$@"; }
cleanup() { as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

as_postgres "$PG_BIN/initdb" -D "$WORK/data" -A trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -o "-p $PORT -k $WORK" -l "$WORK/log" -w start >/dev/null
psql=(psql -h "$WORK" -p "$PORT" -U postgres -q -v ON_ERROR_STOP=1)
bench() { pgbench -h "$WORK" -p "$PORT" -U postgres -n -M prepared -j 2 -T "$SECONDS_PER_RUN" "$@" postgres 2>&1; }
tps() { sed -n 's/^tps = \([0-9.]*\).*/\1/p'; }

"${psql[@]}" <<'SQL'
CREATE TABLE counters (id int PRIMARY KEY, v bigint NOT NULL);
INSERT INTO counters SELECT g, 0 FROM generate_series(1, 64) g;
CREATE TABLE sync_state (user_id text PRIMARY KEY, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE sync_records (
    user_id    text        NOT NULL CHECK (char_length(user_id) BETWEEN 1 AND 128),
    collection text        NOT NULL CHECK (char_length(collection) BETWEEN 1 AND 63 AND collection ~ '^[a-z]' AND collection !~ '[^a-z0-9_]'),
    id         text        NOT NULL CHECK (char_length(id) BETWEEN 1 AND 64 AND id !~ '[^A-Za-z0-9_.-]'),
    data       jsonb       NOT NULL,
    version    bigint      NOT NULL CHECK (version > 0),
    seq        integer     NOT NULL CHECK (seq >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    changed_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    PRIMARY KEY (user_id, collection, id));
CREATE INDEX sync_records_changes ON sync_records (user_id, version, seq);
CREATE INDEX sync_records_tombstones ON sync_records (user_id, deleted_at) WHERE deleted_at IS NOT NULL;
-- Other users' rows, analysed, so the planner knows the table is large (with an empty table's
-- statistics, the prepared id look-up would keep a sequential scan as the table grows).
INSERT INTO sync_records (user_id, collection, id, data, version, seq)
    SELECT 'seed' || (g % 100), 'workouts', 'w' || g, '{"name": "seed"}', 1, g FROM generate_series(1, 100000) g;
ANALYZE;
SQL

printf '\\set id :client_id + 1\nBEGIN;\nUPDATE counters SET v = v + 1 WHERE id = :id;\nSELECT 1;\nCOMMIT;\n' >"$WORK/plain.sql"
printf '\\set id :client_id + 1\nBEGIN;\nUPDATE counters SET v = v + 1 WHERE id = :id;\nSELECT pg_notify('"'c'"', :id::text);\nCOMMIT;\n' >"$WORK/notify.sql"
cat >"$WORK/push50.sql" <<'SQL'
\set u :client_id + 1
BEGIN;
INSERT INTO sync_state (user_id, version) VALUES ('u' || :u, 1) ON CONFLICT (user_id) DO UPDATE SET version = sync_state.version + 1, updated_at = now() RETURNING version \gset
SELECT id FROM sync_records WHERE user_id = 'u' || :u AND collection = 'workouts' AND id = ANY (ARRAY(SELECT 'w' || :version || '-' || g FROM generate_series(1, 50) g));
INSERT INTO sync_records (user_id, collection, id, data, version, seq)
  SELECT 'u' || :u, 'workouts', 'w' || :version || '-' || g,
         ('{"id":"w' || :version || '-' || g || '","name":"Workout ' || g || '","notes":"Felt strong; added 2.5 kg on the last set","template_id":"t7","exercises":"[{\"name\":\"squat\",\"sets\":[[5,100],[5,100],[5,102.5]]},{\"name\":\"bench\",\"sets\":[[5,70],[5,70],[5,72.5]]}]","started_at":1795158000000,"ended_at":1795161600000,"created_at":1795158000000,"updated_at":1795161600000}')::jsonb,
         :version, g FROM generate_series(1, 50) g;
COMMIT;
SQL

# Warm-up, discarded: the first runs on a fresh cluster fill its caches.
for script in plain notify push50; do bench -c 4 -f "$WORK/$script.sql" -T 5 >/dev/null; done

echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), ${SECONDS_PER_RUN} s per run, durable commits"
printf '\n%-8s %14s %14s %8s\n' clients "tx/s no NOTIFY" "tx/s NOTIFY" ratio
for c in $CLIENTS; do
    plain="$(bench -c "$c" -f "$WORK/plain.sql" | tps)"
    notify="$(bench -c "$c" -f "$WORK/notify.sql" | tps)"
    printf '%-8s %14.0f %14.0f %8.2f\n' "$c" "$plain" "$notify" "$(awk -v n="$notify" -v p="$plain" 'BEGIN { print n / p }')"
done

printf '\n%-8s %14s %14s\n' clients "pushes/s" "records/s"
for c in $CLIENTS; do
    pushes="$(bench -c "$c" -f "$WORK/push50.sql" | tps)"
    printf '%-8s %14.0f %14.0f\n' "$c" "$pushes" "$((${pushes%.*} * 50))"
done
