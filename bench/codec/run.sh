#!/usr/bin/env bash
# The translate bench's codec work in-process (bench/codec/CodecLoop.java): time and allocation per
# translated request and per translated stream (for an OpenAI and for a Gemini client), on one cpu, for
# target/switchboard.jar and, when BASE_JAR names another build (e.g. of an earlier commit, from
# `git worktree add`), for both in one JVM, round for round (CodecAB.java), with the ratio.
#   bench/codec/run.sh                     # ~1 min
#   BASE_JAR=/tmp/base/target/switchboard.jar bench/codec/run.sh
# CPU (1): the cpu to pin to; ROUNDS (15 alone, 21 with BASE_JAR)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
HARNESS="$(cd "${BENCH_HARNESS:-$REPO/../shared/bench}" && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
JAR="$REPO/target/switchboard.jar"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then (cd "$REPO" && ./mvnw -q -o -DskipTests package) >/dev/null; fi
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
compile() {  # jar label
  mkdir -p "$OUT/$2"
  "$JAVA_HOME/bin/javac" -cp "$1" -d "$OUT/$2" "$HERE/CodecLoop.java"
}
JAVA=(taskset -c "${CPU:-1}" "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms64m -Xmx192m)
INPUTS=("$HARNESS/lua/chat-request-stream.json" "$REPO/bench/translate/anthropic-messages-stream.sse")
compile "$JAR" this
if [[ -z ${BASE_JAR:-} ]]; then
  "${JAVA[@]}" -cp "$JAR:$OUT/this" CodecLoop "${INPUTS[@]}" "${ROUNDS:-15}" >"$OUT/this.tsv"
  echo "| per operation ($(git -C "$REPO" rev-parse --short HEAD)) | µs | bytes allocated |"
  echo "|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$OUT/this.tsv"
  exit 0
fi
# both builds in one JVM, round for round (CodecAB.java): two JVMs one after the other measured the same
# jar 20-45% apart on a noisy VM, interleaved rounds put both under the same noise
compile "$BASE_JAR" base
mkdir -p "$OUT/ab" && "$JAVA_HOME/bin/javac" -d "$OUT/ab" "$HERE/CodecAB.java"
"${JAVA[@]}" -cp "$OUT/ab" CodecAB "$JAR" "$OUT/this" "$BASE_JAR" "$OUT/base" "${INPUTS[@]}" "${ROUNDS:-21}" >"$OUT/ab.tsv"
echo "| per operation ($(git -C "$REPO" rev-parse --short HEAD)) | µs | base µs | time this/base | bytes allocated | base bytes |"
echo "|---|---|---|---|---|---|"
awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$OUT/ab.tsv"
