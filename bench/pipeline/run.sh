#!/usr/bin/env bash
# The gateway's own work per translated stream, in-process (bench/pipeline/PipelineLoop.java): the whole
# request pipeline of bench/translate's config, with an upstream that answers at once and a client that
# only counts, so Vert.x, Netty and the kernel are out of the figure. Time on the calling thread (the
# event loop's share), the usage writer's time per record, and allocation.
#   bench/pipeline/run.sh                     # ~1 min
#   JAR=/tmp/base/target/switchboard.jar SKIP_BUILD=1 bench/pipeline/run.sh   # another build
# CPU (1): the cpu to pin to; ROUNDS (15). Two builds are compared by alternating runs of each: on a noisy
# VM one JVM after another measured the same jar 17% apart, so a single pair of runs says little.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
HARNESS="$(cd "${BENCH_HARNESS:-$REPO/../shared/bench}" && pwd)"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
JAR="${JAR:-$REPO/target/switchboard.jar}"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then (cd "$REPO" && ./mvnw -q -o -DskipTests package) >/dev/null; fi
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
run() {  # jar label
  mkdir -p "$OUT/$2" "$OUT/data-$2"
  "$JAVA_HOME/bin/javac" -cp "$1" -d "$OUT/$2" "$HERE/PipelineLoop.java"
  # the usage writer shares the cpu, as it shares the gateway's in the translate bench
  taskset -c "${CPU:-1}" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -XX:+UseSerialGC -Xms64m -Xmx192m -cp "$1:$OUT/$2" PipelineLoop "$REPO/bench/translate/switchboard-translate.yaml" \
    "$HARNESS/lua/chat-request-stream.json" "$REPO/bench/translate/anthropic-messages-stream.sse" "$OUT/data-$2" \
    "${ROUNDS:-15}" 2>"$OUT/$2.log" >"$OUT/$2.tsv" || { cat "$OUT/$2.log" >&2; exit 2; }
}
run "$JAR" this
echo "| per translated stream ($(basename "$(dirname "$(dirname "$JAR")")")@$(git -C "$(dirname "$JAR")" rev-parse --short HEAD 2>/dev/null || echo '?')) | |"
echo "|---|---|"
awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }' "$OUT/this.tsv"
