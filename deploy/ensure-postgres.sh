#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries (initdb, postgres) that Summit's
# embedded database needs are on this machine. Installs them with apt when it
# can (root on Debian/Ubuntu); otherwise says exactly what to install.
set -euo pipefail

have_pg() {
  local d
  if [ -n "${SUMMIT_PG_BINDIR:-}" ] && [ -x "$SUMMIT_PG_BINDIR/initdb" ] && [ -x "$SUMMIT_PG_BINDIR/postgres" ]; then return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then return 0; fi
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then return 0; fi
  fi
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then return 0; fi
  done
  return 1
}

if have_pg; then exit 0; fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "PostgreSQL server binaries not found: installing them with apt-get (postgresql)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  have_pg && exit 0
fi

cat >&2 <<'MSG'
PostgreSQL server binaries (initdb, postgres) were not found in PATH,
`pg_config --bindir` or /usr/lib/postgresql/*/bin.
Install them, then run the command again:
  Debian/Ubuntu:  sudo apt-get install postgresql postgresql-contrib
  Fedora/RHEL:    sudo dnf install postgresql-server postgresql-contrib
  macOS:          brew install postgresql@15
or point SUMMIT_PG_BINDIR at a folder holding initdb and postgres,
or set DATABASE_URL to use an existing PostgreSQL server.
MSG
exit 1
