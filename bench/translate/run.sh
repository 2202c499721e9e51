#!/usr/bin/env bash
# Translation benchmark (issue 4): an OpenAI client streaming through an Anthropic-format upstream,
# against nginx relaying the same Anthropic stream; and same-format passthrough against nginx, in one
# interleaved run. Prints bench/results/<ts>-translate/REPORT.md.
#   bench/translate/run.sh                         # ~3 min
#   DURATION=5 WARMUP=5 REPS=1 GW_WARMUP=10 bench/translate/run.sh
# CEILING (1): also measure two bare relays of the Anthropic stream, on Vert.x (bench/ceiling/RawProxy.java) and on
#   Netty alone (bench/ceiling/NettyRelay.java), and a third with Vert.x's server and Netty's client
#   (bench/ceiling/HybridRelay.java), which splits the Vert.x cost between its two sides; 0 leaves them out
# CPU_PHASE (1): then the CPU per stream of each relay and of the mock (/proc ticks); 0 leaves it out
# GW_WARMUP (40): at least this many seconds of load on each gateway before the measurement, and more until
#   its C2 compiler is quiet (bench/warm.sh: GW_WARMUP_MAX, WARM_SLICE, WARM_C2_PCT)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
HARNESS="$(cd "${BENCH_HARNESS:-$REPO/../shared/bench}" && pwd)"
export RUN_DIR="${RUN_DIR:-${TMPDIR:-/tmp}/switchboard-bench-translate}"
WARMUP="${WARMUP:-15}"
# shellcheck source=/dev/null
source "$HARNESS/env.sh"
export DURATION WARMUP REPS CONNS THREADS LOADGEN_CPU SUT_CPU RUN_DIR
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME  # mvnw reads it: the default java may be older
JVM_OPTS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC -Xms64m -Xmx192m -XX:+AlwaysPreTouch"
JAR="$REPO/target/switchboard.jar"
RES="$REPO/bench/results/$(date +%Y%m%d-%H%M%S)-translate"; mkdir -p "$RES"
log() { printf '[translate %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for c in mock proxy; do
    [[ -f $RUN_DIR/nginx-anthropic-$c.pid ]] && kill "$(cat "$RUN_DIR/nginx-anthropic-$c.pid")" 2>/dev/null || true
  done
  "$HARNESS/down.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT
for t in nginx wrk; do command -v $t >/dev/null || [[ -x $NGINX ]] || { echo "install: apt-get install -y nginx wrk" >&2; exit 2; }; done
if [[ ${SKIP_BUILD:-0} != 1 ]]; then (cd "$REPO" && ./mvnw -q -o -DskipTests package) >"$RES/build.log" 2>&1 || { tail -30 "$RES/build.log"; exit 2; }; fi

"$HARNESS/up.sh" >"$RES/up.log" 2>&1
cp "$HERE/anthropic-messages-stream.sse" "$RUN_DIR/files/"
# the Anthropic mock and the nginx relaying it run as two nginx processes, as the harness's mock and proxy do
for c in mock proxy; do
  cp "$HERE/nginx-anthropic-$c.conf" "$RUN_DIR/"
  taskset -c "$SUT_CPU" "$NGINX" -p "$RUN_DIR/" -c "nginx-anthropic-$c.conf"
done
start_gw() {  # config port
  # shellcheck disable=SC2086
  (cd "$REPO" && exec taskset -c "$SUT_CPU" "$JAVA_HOME/bin/java" $JVM_OPTS -jar "$JAR" run --config "$1" --data-dir "$RES/data-$2") \
    >/dev/null 2>"$RES/gateway-$2.log" </dev/null &
  PIDS+=($!)
  for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$2/health" && return 0; sleep 0.2; done
  log "gateway on :$2 did not start"; tail -20 "$RES/gateway-$2.log"; exit 2
}
start_gw "$REPO/bench/switchboard-bench.yaml" 8080
start_gw "$HERE/switchboard-translate.yaml" 8081
# The ceiling of the stack for this stream: a bare Vert.x relay (bench/ceiling/RawProxy.java: no auth, no
# translation, no usage) of the Anthropic stream, same JVM flags and cpu. What separates the translated row
# from it is the gateway's own work; what separates it from nginx is Vert.x/Netty/the JVM.
if [[ ${CEILING:-1} == 1 ]]; then
  "$JAVA_HOME/bin/javac" -cp "$JAR" -d "$RES/ceiling" "$REPO/bench/ceiling/RawProxy.java" "$REPO/bench/ceiling/NettyRelay.java" \
    "$REPO/bench/ceiling/HybridRelay.java" "$REPO/bench/ceiling/NettyUpstreams.java"
  # shellcheck disable=SC2086
  taskset -c "$SUT_CPU" "$JAVA_HOME/bin/java" $JVM_OPTS -cp "$JAR:$RES/ceiling" RawProxy 9092 18082 >"$RES/raw.log" 2>&1 &
  PIDS+=($!)
  # shellcheck disable=SC2086
  taskset -c "$SUT_CPU" "$JAVA_HOME/bin/java" $JVM_OPTS -cp "$JAR:$RES/ceiling" NettyRelay 9093 18082 >"$RES/netty.log" 2>&1 &
  PIDS+=($!)
  # shellcheck disable=SC2086
  taskset -c "$SUT_CPU" "$JAVA_HOME/bin/java" $JVM_OPTS -cp "$JAR:$RES/ceiling" HybridRelay 9094 18082 >"$RES/hybrid.log" 2>&1 &
  PIDS+=($!)
  for port in 9092 9093 9094; do
    for _ in $(seq 1 50); do curl -s -o /dev/null -X POST --data '{}' "http://127.0.0.1:$port/v1/messages" && break; sleep 0.2; done
  done
fi
# JIT warm-up outside the measurement, until each JVM's C2 is quiet (bench/warm.sh)
GW_WARMUP="${GW_WARMUP:-40}"
# shellcheck source=/dev/null
source "$REPO/bench/warm.sh"
warm_jit "${PIDS[0]}" "http://127.0.0.1:8080/v1/chat/completions" chat-request-stream.json "$GW_WARMUP"
warm_jit "${PIDS[1]}" "http://127.0.0.1:8081/v1/chat/completions" chat-request-stream.json "$GW_WARMUP"
if [[ ${CEILING:-1} == 1 ]]; then
  warm_jit "${PIDS[2]}" "http://127.0.0.1:9092/v1/messages" chat-request-stream.json "$(( GW_WARMUP / 2 ))"
  warm_jit "${PIDS[3]}" "http://127.0.0.1:9093/v1/messages" chat-request-stream.json "$(( GW_WARMUP / 2 ))"
  warm_jit "${PIDS[4]}" "http://127.0.0.1:9094/v1/messages" chat-request-stream.json "$(( GW_WARMUP / 2 ))"
fi

SB=http://127.0.0.1
TARGETS=(nginx-sse "switchboard-sse=stream@$SB:8080/v1/chat/completions" \
  "nginx-anthropic-sse=stream@$SB:18092/v1/messages" "switchboard-translate-sse=stream@$SB:8081/v1/chat/completions")
[[ ${CEILING:-1} == 1 ]] && TARGETS+=("vertx-relay-anthropic-sse=stream@$SB:9092/v1/messages" \
  "netty-relay-anthropic-sse=stream@$SB:9093/v1/messages" "hybrid-relay-anthropic-sse=stream@$SB:9094/v1/messages")
OUT_DIR="$RES" "$HARNESS/run.sh" "${TARGETS[@]}" >"$RES/run.log" 2>&1 || { tail -30 "$RES/run.log"; exit 2; }

med() { awk -F'\t' -v n="$1" 'NR>1 && $2==n { v[++k]=$3+0 } END { if (!k) { print 0; exit }
  for (i=1;i<=k;i++) for (j=i+1;j<=k;j++) if (v[j]<v[i]) { t=v[i]; v[i]=v[j]; v[j]=t }
  printf "%.1f", (k%2) ? v[(k+1)/2] : (v[k/2]+v[k/2+1])/2 }' "$RES/raw.tsv"; }
errs() { awk -F'\t' -v n="$1" 'NR>1 && $2==n { e+=$7 } END { print e+0 }' "$RES/raw.tsv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b>0) ? a/b : 0 }'; }
NS=$(med nginx-sse); SS=$(med switchboard-sse); NA=$(med nginx-anthropic-sse); ST=$(med switchboard-translate-sse)
RT=$(ratio "$ST" "$NA"); RP=$(ratio "$SS" "$NS"); VR=$(med vertx-relay-anthropic-sse); RV=$(ratio "$VR" "$NA")
NR=$(med netty-relay-anthropic-sse); RN=$(ratio "$NR" "$NA"); HR=$(med hybrid-relay-anthropic-sse); RH=$(ratio "$HR" "$NA")
# CPU per stream (/proc ticks over DURATION of load on each relay of the Anthropic stream, REPS interleaved
# rounds, medians): the shared cpu's time split between the relay and the mock, which the throughput ratio
# alone does not show, and what the 0.7x target leaves the gateway. One round is not enough: on a noisy VM
# the same relay measured 15% apart from one round to the next.
CPU_PHASE="${CPU_PHASE:-1}"
ticks() { stat_ticks "/proc/$1/stat"; }  # bench/warm.sh
worker_of() { pgrep -P "$(cat "$RUN_DIR/nginx-anthropic-$1.pid")" | head -1; }
# involuntary context switches of all a process's threads: each is the relay preempted by the mock it woke
# on the shared cpu, and the fewer streams one run of the relay finishes, the more kernel time each pays
preempted() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^nonvoluntary_ctxt_switches/ { s += $2 } END { print s + 0 }'; }
cpu_per_stream() {  # name pid url -> "name relay_us mock_us streams_per_s preempted_per_stream" (a tick is 10 ms: us = ticks * 1e4 / streams)
  local pid=$2 mock t0 m0 p0 out
  mock=$(worker_of mock); t0=$(ticks "$pid"); m0=$(ticks "$mock"); p0=$(preempted "$pid")
  out=$(cd "$HARNESS" && BENCH_BODY=lua/chat-request-stream.json taskset -c "$LOADGEN_CPU" \
    wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" -s lua/post.lua "$3")
  awk -v name="$1" -v g="$(( $(ticks "$pid") - t0 ))" -v m="$(( $(ticks "$mock") - m0 ))" \
    -v p="$(( $(preempted "$pid") - p0 ))" -v n="$(awk '/requests in/{print $1}' <<<"$out")" -v d="$DURATION" \
    'BEGIN { if (n > 0) printf "%s\t%.1f\t%.1f\t%.0f\t%.2f\n", name, g * 1e4 / n, m * 1e4 / n, n / d, p / n
             else printf "%s\t0\t0\t0\t0\n", name }'
}
cpu_med() {  # name column(2 relay, 3 mock, 4 streams/s, 5 preempted) -> median over the rounds
  awk -F'\t' -v n="$1" -v c="$2" '$1==n { v[++k]=$c+0 } END { if (!k) { print 0; exit }
    for (i=1;i<=k;i++) for (j=i+1;j<=k;j++) if (v[j]<v[i]) { t=v[i]; v[i]=v[j]; v[j]=t }
    printf (c == 5 ? "%.2f" : "%.1f"), (k%2) ? v[(k+1)/2] : (v[k/2]+v[k/2+1])/2 }' "$RES/cpu.tsv"
}
if [[ $CPU_PHASE == 1 ]]; then
  for _ in $(seq 1 "$REPS"); do
    cpu_per_stream nginx "$(worker_of proxy)" "$SB:18092/v1/messages"
    cpu_per_stream gateway "${PIDS[1]}" "$SB:8081/v1/chat/completions"
    if [[ ${CEILING:-1} == 1 ]]; then
      cpu_per_stream vertx "${PIDS[2]}" "$SB:9092/v1/messages"
      cpu_per_stream netty "${PIDS[3]}" "$SB:9093/v1/messages"
      cpu_per_stream hybrid "${PIDS[4]}" "$SB:9094/v1/messages"
    fi
  done >"$RES/cpu.tsv"
  for r in NG:nginx GW:gateway VR:vertx NR:netty HR:hybrid; do
    v=${r%%:*}; n=${r#*:}
    printf -v "C_$v" '%s' "$(cpu_med "$n" 2)"; printf -v "C_${v}M" '%s' "$(cpu_med "$n" 3)"
    printf -v "C_${v}R" '%s' "$(cpu_med "$n" 4)"; printf -v "C_${v}P" '%s' "$(cpu_med "$n" 5)"
  done
fi
SAMPLE=$(curl -s -X POST -H 'content-type: application/json' -H 'Authorization: Bearer sk-bench-0000000000000000' \
  --data-binary @"$HARNESS/lua/chat-request-stream.json" "$SB:8081/v1/chat/completions")
{
  echo "# Translation benchmark — $(basename "$RES")"
  echo
  echo "- commit $(git -C "$REPO" rev-parse --short HEAD); DURATION=${DURATION}s WARMUP=${WARMUP}s REPS=$REPS CONNS=$CONNS; loadgen cpu $LOADGEN_CPU, upstreams + nginx + gateways cpu $SUT_CPU"
  echo "- JIT warm-up before the run: $(paste -sd ';' "$RES/warm-summary" 2>/dev/null | sed 's/;/; /g')"
  echo "- translated answer: $(grep -c '^data:' <<<"$SAMPLE") OpenAI SSE events from 54 Anthropic events; last chunk with usage: $(grep -o '"usage":{[^}]*}' <<<"$SAMPLE" | tail -1)"
  echo
  echo "| target | streams/s (median) | errors |"
  echo "|---|---|---|"
  for n in nginx-sse switchboard-sse nginx-anthropic-sse switchboard-translate-sse vertx-relay-anthropic-sse \
      netty-relay-anthropic-sse hybrid-relay-anthropic-sse; do
    [[ $n == *-relay-anthropic-sse && ${CEILING:-1} != 1 ]] || echo "| $n | $(med $n) | $(errs $n) |"
  done
  echo
  echo "- OpenAI client → Anthropic upstream (translated) vs nginx relaying the Anthropic stream: **${RT}×** (target ≥ 0.7×)"
  echo "- same-format passthrough vs nginx relaying the OpenAI stream: **${RP}×**"
  if [[ ${CEILING:-1} == 1 ]]; then
    echo "- the stack's ceiling: a bare Vert.x relay of the Anthropic stream (no auth, translation or usage) vs nginx: **${RV}×**;"
    echo "  the translated row reaches $(ratio "$ST" "$VR")× of it"
    if awk -v r="$RV" 'BEGIN { exit !(r < 0.7) }'; then
      echo "  (the relay of the stack DESIGN.md fixes, doing none of the gateway's work, is itself below the 0.7× target on this machine)"
    fi
    echo "- below Vert.x: a bare Netty relay (HTTP codecs only, bench/ceiling/NettyRelay.java) vs nginx: **${RN}×**;"
    echo "  Vert.x's server with Netty's client (bench/ceiling/HybridRelay.java): **${RH}×**"
  fi
  if [[ $CPU_PHASE == 1 ]]; then
    echo
    echo "CPU per stream on the shared cpu (/proc ticks over ${DURATION}s of load on each relay, medians of $REPS interleaved rounds; the mock feeds every one):"
    echo
    echo "| relay of the Anthropic stream | streams/s | relay µs/stream | mock µs/stream | relay preempted/stream |"
    echo "|---|---|---|---|---|"
    echo "| nginx | $C_NGR | $C_NG | $C_NGM | $C_NGP |"
    echo "| switchboard, translated for an OpenAI client | $C_GWR | $C_GW | $C_GWM | $C_GWP |"
    if [[ ${CEILING:-1} == 1 ]]; then
      echo "| bare Vert.x relay | $C_VRR | $C_VR | $C_VRM | $C_VRP |"
      echo "| bare relay, Vert.x server + Netty client | $C_HRR | $C_HR | $C_HRM | $C_HRP |"
      echo "| bare Netty relay | $C_NRR | $C_NR | $C_NRM | $C_NRP |"
    fi
    echo
    echo "- at 0.7× nginx's streams/s, a stream may take $(awk -v a="$C_NG" -v b="$C_NGM" 'BEGIN { printf "%.0f", (a + b) / 0.7 }') µs of the cpu;"
    echo "  less the mock's $C_GWM µs that leaves the gateway $(awk -v a="$C_NG" -v b="$C_NGM" -v m="$C_GWM" 'BEGIN { printf "%.0f", (a + b) / 0.7 - m }') µs (it took $C_GW)"
    if [[ ${CEILING:-1} == 1 ]]; then
      echo "- the gateway's own work (auth, translation, accounting, logs: the gateway less the bare Vert.x relay) took"
      echo "  $(awk -v g="$C_GW" -v v="$C_VR" 'BEGIN { printf "%.0f", g - v }') µs; on Netty's floor the budget would leave it $(awk -v a="$C_NG" -v b="$C_NGM" -v m="$C_GWM" -v f="$C_NR" 'BEGIN { printf "%.0f", (a + b) / 0.7 - m - f }') µs"
    fi
  fi
} >"$RES/REPORT.md"
cat "$RES/REPORT.md"
