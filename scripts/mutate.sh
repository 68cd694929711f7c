#!/usr/bin/env bash
# Mutation testing of the program's rules (../shared/DOMAIN.md): applies each
# small mutation of scripts/mutations.txt, one at a time, in a scratch copy of
# the repository (never the working tree), runs the tests the line names, and
# reports whether they caught it. See docs/mutation-testing.md.
#
#   bash scripts/mutate.sh                  # the whole list
#   bash scripts/mutate.sh R-4.6 'R-11\.'   # only lines whose rule ID matches one of these (grep -E)
#   MUTATIONS=other.txt bash scripts/mutate.sh
#
# Per mutation: caught (the named tests failed), NOT CAUGHT (they passed),
# NOT APPLICABLE (the fragment is not in the file exactly once: the list
# needs updating), BUILD FAILED (the mutant does not compile: the mutation
# proves nothing), TIMEOUT (counted as caught, but look at it). Exits
# non-zero unless every mutation run was caught.
set -uo pipefail
source "$(dirname "$0")/toolchain.sh"

root=$(cd "$(dirname "$0")/.." && pwd)
list=${MUTATIONS:-$root/scripts/mutations.txt}
timeout_s=${MUTATE_TIMEOUT:-300}
filters=("$@")

if [ ! -f "$list" ]; then
  echo "mutate: no list $list" >&2
  exit 2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/nintei-mutate.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
repo=$scratch/repo
mkdir -p "$repo" "$scratch/orig"

# The scratch copy: every tracked or new (not ignored) file of the working
# tree as it is now, so uncommitted tests count; the shared folder beside it,
# as in CI, for the tests that read ../shared.
(cd "$root" && git ls-files -z -c -o --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
  tar --null -T - -cf -) | tar -C "$repo" -xf -
if [ -d "$root/../shared" ]; then
  ln -s "$(cd "$root/../shared" && pwd -P)" "$scratch/shared"
fi

# apply FILE FIND REPLACE: replaces the one occurrence of FIND (with \n, \t
# and \\ escapes) in FILE. Exit 2: not found; 4: found more than once.
apply() {
  perl -e '
    my ($file, $find, $repl) = @ARGV;
    for ($find, $repl) { s/\\(n|t|\\)/$1 eq "n" ? "\n" : $1 eq "t" ? "\t" : "\\"/ge }
    open(my $in, "<", $file) or exit 3;
    local $/; my $s = <$in>; close $in;
    my $n = () = $s =~ /\Q$find\E/g;
    exit 2 if $n == 0;
    exit 4 if $n > 1;
    my $i = index($s, $find);
    substr($s, $i, length $find) = $repl;
    open(my $out, ">", $file) or exit 3;
    print $out $s; close $out;
  ' "$@"
}

matches_filter() {
  [ ${#filters[@]} -eq 0 ] && return 0
  local f
  for f in "${filters[@]}"; do
    grep -qE -- "$f" <<<"$1" && return 0
  done
  return 1
}

export GOFLAGS=${GOFLAGS:-}
start=$(date +%s)
declare -a rows=()
n=0 caught=0 missed=0 stale=0 broken=0 lineno=0
rules_seen=""

while IFS= read -r line || [ -n "$line" ]; do
  lineno=$((lineno + 1))
  case "$line" in '' | '#'*) continue ;; esac
  IFS=$'\t' read -r rule file find repl pkgs run what <<<"$line"
  if [ -z "${run:-}" ]; then
    echo "mutate: $list:$lineno: want 6 or 7 tab-separated fields (rule, file, find, replace, packages, -run pattern[, what])" >&2
    rows+=("$(printf '%-4s %-8s %-44s %-15s %5s  %s' "$lineno" "$rule" "${file:-?}" "BAD LINE" "-" "")")
    broken=$((broken + 1))
    continue
  fi
  matches_filter "$rule" || continue
  [ "$repl" = '-' ] && repl=''   # "-" replaces the fragment with nothing
  n=$((n + 1))
  rules_seen+="$rule"$'\n'
  echo "== [$n] $rule $file: ${what:-$find}" >&2
  mkdir -p "$scratch/orig/$(dirname "$file")"
  cp "$repo/$file" "$scratch/orig/$file" 2>/dev/null
  t0=$(date +%s)
  apply "$repo/$file" "$find" "$repl"
  rc=$?
  if [ $rc -ne 0 ]; then
    why="fragment not found"
    [ $rc -eq 4 ] && why="fragment found more than once"
    [ $rc -eq 3 ] && why="file missing"
    echo "   NOT APPLICABLE ($why): update line $lineno of $list" >&2
    result="NOT APPLICABLE"; stale=$((stale + 1)); failed="$why"
  else
    # shellcheck disable=SC2086 # pkgs is a list of packages
    out=$(cd "$repo" && timeout "$timeout_s" go test -count=1 $pkgs -run "$run" 2>&1 | tr -d '\000')
    trc=$?
    failed=$(grep -oE -- '--- FAIL: [^ ]+' <<<"$out" | sed 's/--- FAIL: //; s#/.*##' | sort -u | paste -sd, -)
    if [ $trc -eq 124 ]; then
      result="TIMEOUT"; caught=$((caught + 1)); failed="timed out after ${timeout_s}s"
    elif grep -qE '\[build failed\]|\[setup failed\]|^# ' <<<"$out"; then
      result="BUILD FAILED"; broken=$((broken + 1)); failed=$(grep -m1 -E '\.go:[0-9]+' <<<"$out")
      echo "$out" | head -20 >&2
    elif [ $trc -ne 0 ]; then
      result="caught"; caught=$((caught + 1))
    else
      result="NOT CAUGHT"; missed=$((missed + 1))
      if grep -q 'no tests to run' <<<"$out"; then failed="(-run '$run' matches no test in some package)"; fi
    fi
    echo "   $result ${failed:-}" >&2
  fi
  cp "$scratch/orig/$file" "$repo/$file" 2>/dev/null
  rows+=("$(printf '%-4s %-8s %-44s %-15s %4ss  %s' "$lineno" "$rule" "$file" "$result" "$(( $(date +%s) - t0 ))" "${failed:-}")")
done <"$list"

elapsed=$(( $(date +%s) - start ))
echo
printf '%-4s %-8s %-44s %-15s %5s  %s\n' "line" "rule" "file" "result" "time" "failing tests"
printf '%s\n' "${rows[@]}"
echo
rules=$(printf '%s' "$rules_seen" | sort -u | grep -c .)
echo "mutations: $n  rules: $rules  caught: $caught  NOT CAUGHT: $missed  not applicable: $stale  build failed / bad lines: $broken  time: ${elapsed}s  ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
[ $((missed + stale + broken)) -eq 0 ]
