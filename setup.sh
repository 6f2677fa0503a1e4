#!/usr/bin/env bash
# Installs what qbank needs on a fresh Debian machine: TeX Live (for PDFs) when
# pdflatex is missing and we may use apt-get, then qbank itself with its extras.
set -euo pipefail
cd "$(dirname "$0")"
tex_packages=(texlive-latex-extra texlive-latex-recommended texlive-fonts-recommended lmodern latexmk poppler-utils)
if ! command -v pdflatex >/dev/null || ! command -v latexmk >/dev/null || ! command -v pdftotext >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing TeX Live from Debian's packages (a few minutes, once)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tex_packages[@]}" >/dev/null
  else
    echo "setup: no pdflatex; PDFs will be skipped. Install: sudo apt-get install ${tex_packages[*]}" >&2
  fi
fi
# The practice page's browser test drives Debian's chromium (never a test tool's own browser download).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
  else
    echo "setup: no chromium; the browser test will be skipped. Install: sudo apt-get install chromium chromium-driver" >&2
  fi
fi
# qbank serve's tests also run against PostgreSQL: Debian's server, started here, with a test role and database
# (the tests read QBANK_TEST_PG_URL, by default the URL below; they skip, saying why, when it cannot be reached).
if ! command -v pg_ctlcluster >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    echo "setup: no PostgreSQL; the serve tests run on SQLite only. Install: sudo apt-get install postgresql" >&2
  fi
fi
if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
  # Every step may fail (no cluster can be made or started here): the serve tests then skip PostgreSQL, saying why.
  [ -n "$(pg_lsclusters -h)" ] || pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >/dev/null || true
  if read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters -h | head -1) &&
     { [ "$pg_status" = online ] || pg_ctlcluster "$pg_version" "$pg_cluster" start; } &&
     runuser -u postgres -- psql -q -p "$pg_port" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qbank')
       THEN CREATE ROLE qbank LOGIN PASSWORD 'qbank' CREATEDB; END IF; END \$\$;" &&
     { [ "$(runuser -u postgres -- psql -qtA -p "$pg_port" -c "SELECT 1 FROM pg_database WHERE datname = 'qbank_test'")" = 1 ] ||
       runuser -u postgres -- createdb -p "$pg_port" -O qbank qbank_test; }; then
    echo "setup: PostgreSQL for the serve tests: postgresql://qbank:qbank@127.0.0.1:$pg_port/qbank_test"
  else
    echo "setup: PostgreSQL could not be set up; the serve tests will skip their PostgreSQL half" >&2
  fi
fi
# torch is pinned in the train extra (torch==2.13.0): the CPU wheel, never the CUDA one.
python3 -m pip install -q --disable-pip-version-check -e ".[dev,train,serve,scan]"
