#!/usr/bin/env bash
# Installs what the test suite needs beyond Go, from Debian's packages, when
# it is missing: Chromium and Japanese fonts for the browser journeys,
# PostgreSQL for the second store backend, poppler (pdftotext, pdffonts,
# pdfinfo) for the PDF golden tests, qpdf for their ISO 32000 checks, and
# jing (RELAX NG and Schematron) for the Atom feeds' check against RFC
# 4287's schema. Idempotent; run as root.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v jing >/dev/null 2>&1 || need+=(jing)

if [ ${#need[@]} -gt 0 ]; then
  echo "install-test-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
