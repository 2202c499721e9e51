#!/usr/bin/env bash
# The translate bench's codec work in-process (bench/codec/CodecLoop.java): time and allocation per
# translated request and per translated stream, on one cpu, for target/switchboard.jar and, when BASE_JAR
# names another build (e.g. of an earlier commit, from `git worktree add`), for it too, with the ratio.
#   bench/codec/run.sh                     # ~1 min
#   BASE_JAR=/tmp/base/target/switchboard.jar bench/codec/run.sh
# CPU (1): the cpu to pin to; ROUNDS (15)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
HARNESS="$(cd "${BENCH_HARNESS:-$REPO/../shared/bench}" && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
JAR="$REPO/target/switchboard.jar"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then (cd "$REPO" && ./mvnw -q -o -DskipTests package) >/dev/null; fi
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
run() {  # jar label
  mkdir -p "$OUT/$2"
  "$JAVA_HOME/bin/javac" -cp "$1" -d "$OUT/$2" "$HERE/CodecLoop.java"
  taskset -c "${CPU:-1}" "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms64m -Xmx192m -cp "$1:$OUT/$2" CodecLoop \
    "$HARNESS/lua/chat-request-stream.json" "$REPO/bench/translate/anthropic-messages-stream.sse" "${ROUNDS:-15}" >"$OUT/$2.tsv"
}
run "$JAR" this
echo "| per operation ($(git -C "$REPO" rev-parse --short HEAD)) | µs | bytes allocated |$([[ -n ${BASE_JAR:-} ]] && echo " base µs | base bytes | time this/base |")"
echo "|---|---|---|$([[ -n ${BASE_JAR:-} ]] && echo "---|---|---|")"
if [[ -n ${BASE_JAR:-} ]]; then
  run "$BASE_JAR" base
  paste "$OUT/this.tsv" "$OUT/base.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %.3f |\n", $1, $2, $3, $5, $6, $2 / $5 }'
else
  awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$OUT/this.tsv"
fi
