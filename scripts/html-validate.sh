#!/usr/bin/env bash
# HTML that validates: html-validate with its recommended rules
# (.htmlvalidate.json; the rules changed there and why are in
# docs/quality.md#html-validity-html-validate, as JSON holds no comments)
# over every page that cmd/nintei's TestCrawlEveryPageEveryRole (each role
# and the public, every link) and the browser journeys (TestBrowser*: the
# pages after each form post too) receive, as the server sent them
# (NINTEI_HTML_DIR). Fails on any error or warning.
#
# html-validate comes from npm at the version and with the dependencies
# pinned in scripts/html-validate/package-lock.json (`npm ci`), installed
# once into ~/.cache/nintei. Needs Node.js 20.19 or later and npm.
#
#   bash scripts/html-validate.sh       # run the crawl and the journeys, then validate
#   bash scripts/html-validate.sh DIR   # validate the pages already in DIR (.ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

lock=scripts/html-validate/package-lock.json
version=$(sed -n 's/^  *"html-validate": "\([0-9.]*\)"$/\1/p' scripts/html-validate/package.json)
cache=${NINTEI_HTMLVALIDATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nintei}
dir=$cache/html-validate-$version-$(sha256sum "$lock" | cut -c1-12)
bin=$dir/node_modules/.bin/html-validate

# html-validate 10 needs Node.js 20.19 or later (11 needs 22; Debian 12's
# own nodejs is 18, so machines take Node.js from NodeSource, as this one).
node_version=$(node -p 'process.versions.node' 2>/dev/null || echo none)
case $node_version in
  none) echo "html-validate: Node.js and npm are needed (20.19 or later)" >&2; exit 1 ;;
  1[0-9].*|20.[0-9].*|20.1[0-8].*) echo "html-validate: Node.js $node_version is too old (20.19 or later)" >&2; exit 1 ;;
esac

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
  # Without Chromium the journeys skip and only the crawl's pages are checked,
  # unless NINTEI_REQUIRE_BROWSER=1.
  NINTEI_HTML_DIR="$pages" go test -count=1 -run '^(TestCrawlEveryPageEveryRole|TestBrowser.*)$' ./cmd/nintei
fi

n=$(find "$pages" -name '*.html' | wc -l)
if [ "$n" -eq 0 ]; then
  echo "html-validate: no pages in $pages" >&2
  exit 1
fi
echo "html-validate $version: $n pages"
"$bin" --config .htmlvalidate.json --max-warnings 0 "$pages"/*.html
echo "html-validate: $n pages, 0 errors, 0 warnings"
