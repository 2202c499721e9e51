#!/usr/bin/env bash
# The ceiling of the stack: a bare Vert.x proxy (no auth, no routing, no usage, no logs) measured against
# nginx in one interleaved run on the same harness. The gap between it and the gateway is the gateway's
# own work; the gap between it and nginx is Vert.x/Netty/JVM.
#   bench/ceiling/run.sh            (needs target/switchboard.jar for the classpath; nginx harness as bench/run.sh)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HARNESS="${BENCH_HARNESS:-$REPO/../shared/bench}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; "$HARNESS/down.sh" >/dev/null 2>&1 || true; rm -rf "$OUT"' EXIT
"$JAVA_HOME/bin/javac" -cp "$REPO/target/switchboard.jar" -d "$OUT" "$REPO/bench/ceiling/RawProxy.java"
"$HARNESS/up.sh" >/dev/null
FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC -Xmx192m)
"$HARNESS/pin.sh" "$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$REPO/target/switchboard.jar:$OUT" RawProxy 9090 18080 >/dev/null 2>&1 &
P1=$!
"$HARNESS/pin.sh" "$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$REPO/target/switchboard.jar:$OUT" RawProxy 9091 18081 >/dev/null 2>&1 &
P2=$!
sleep 2
# JIT warm-up until each relay's C2 is quiet, as the gateway's (bench/warm.sh)
LOADGEN_CPU="${LOADGEN_CPU:-0}"; THREADS="${THREADS:-1}"; CONNS="${CONNS:-64}"  # the harness's defaults (env.sh)
RES="$OUT"; log() { echo "[ceiling] $*" >&2; }
# shellcheck source=/dev/null
source "$REPO/bench/warm.sh"
warm_jit "$P1" http://127.0.0.1:9090/v1/chat/completions chat-request.json "${GW_WARMUP:-20}"
warm_jit "$P2" http://127.0.0.1:9091/v1/chat/completions chat-request-stream.json "${GW_WARMUP:-20}"
OUT_DIR="$OUT/chat" WARMUP="${WARMUP:-15}" "$HARNESS/run.sh" direct nginx raw=http://127.0.0.1:9090/v1/chat/completions
OUT_DIR="$OUT/sse" WARMUP="${WARMUP:-15}" "$HARNESS/run.sh" direct-sse nginx-sse raw-sse=stream@http://127.0.0.1:9091/v1/chat/completions
