#!/usr/bin/env bash
# A throwaway PostgreSQL cluster from Debian's packages, for the tests and the benchmarks:
#   scripts/postgres-cluster.sh start   # prints the URL of a database on a free port
#   scripts/postgres-cluster.sh stop    # drops the cluster
# Needs root (pg_createcluster) and the postgresql package.
set -euo pipefail
NAME=${PG_CLUSTER_NAME:-referrals_test}
VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)
case "${1:-}" in
  start)
    if pg_lsclusters -h | awk '{print $2}' | grep -qx "$NAME"; then pg_dropcluster --stop "$VERSION" "$NAME"; fi
    PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    pg_createcluster "$VERSION" "$NAME" -p "$PORT" --start -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    su postgres -c "psql -q -p $PORT -c \"CREATE ROLE referrals LOGIN SUPERUSER PASSWORD 'referrals'\"" >/dev/null
    su postgres -c "psql -q -p $PORT -c 'CREATE DATABASE referrals OWNER referrals'" >/dev/null
    echo "postgres://referrals:referrals@127.0.0.1:$PORT/referrals"
    ;;
  stop)
    pg_dropcluster --stop "$VERSION" "$NAME" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
