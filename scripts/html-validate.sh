#!/usr/bin/env bash
# HTML that validates: html-validate with its recommended rules
# (.htmlvalidate.json; the rules changed there and why are in
# docs/quality.md#html-validate) over every page the crawl reads —
# cmd/nintei TestCrawlEveryPageEveryRole logs in to the demo as each role
# and as nobody and follows every link — as the server sent it. Fails on
# any error.
#
# html-validate comes from npm at the version and with the dependencies
# pinned in scripts/html-validate/package-lock.json (`npm ci`), installed
# once into ~/.cache/nintei. Needs Node.js 20.19 or later and npm.
#
#   bash scripts/html-validate.sh            # crawl, then validate
#   bash scripts/html-validate.sh DIR        # validate the pages already in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

lock=scripts/html-validate/package-lock.json
version=$(sed -n 's/^  *"html-validate": "\([0-9.]*\)"$/\1/p' scripts/html-validate/package.json)
cache=${NINTEI_HTMLVALIDATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nintei}
dir=$cache/html-validate-$version-$(sha256sum "$lock" | cut -c1-12)
bin=$dir/node_modules/.bin/html-validate

if [ ! -x "$bin" ]; then
  echo "html-validate: installing $version into $dir" >&2
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  cp scripts/html-validate/package.json "$lock" "$dir.tmp/"
  (cd "$dir.tmp" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
fi

if [ $# -gt 0 ]; then
  pages=$1
else
  pages=$(mktemp -d)
  trap 'rm -rf "$pages"' EXIT
  NINTEI_HTML_DIR="$pages" go test -count=1 -run '^TestCrawlEveryPageEveryRole$' ./cmd/nintei
fi

n=$(find "$pages" -name '*.html' | wc -l)
if [ "$n" -eq 0 ]; then
  echo "html-validate: no pages in $pages" >&2
  exit 1
fi
echo "html-validate $version: $n pages"
"$bin" --config .htmlvalidate.json --max-warnings 0 "$pages"/*.html
echo "html-validate: $n pages, 0 errors, 0 warnings"
