#!/usr/bin/env bash
# Starts Debian's PostgreSQL server and creates an empty database for the integration tests:
# visiongrade_it and visiongrade_unit owned by visiongrade/visiongrade on 127.0.0.1:5432.
# Idempotent: both databases are dropped and created empty.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'visiongrade') THEN
    CREATE ROLE visiongrade LOGIN PASSWORD 'visiongrade';
  END IF;
END $$;
DROP DATABASE IF EXISTS visiongrade_it;
CREATE DATABASE visiongrade_it OWNER visiongrade;
DROP DATABASE IF EXISTS visiongrade_unit;
CREATE DATABASE visiongrade_unit OWNER visiongrade;
SQL
echo "PostgreSQL $version ready: databases visiongrade_it (integration tests), visiongrade_unit (repository tests)"
