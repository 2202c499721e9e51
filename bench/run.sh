#!/usr/bin/env bash
# Switchboard benchmark: gateway vs direct (mock upstream) vs nginx (plain reverse proxy), built on the
# shared harness (${BENCH_HARNESS:-<repo>/../shared/bench}). One interleaved run each for non-streaming
# calls and SSE calls, latency at a fixed rate (RATE, default 2000 req/s), and the gateway's RSS.
# Writes bench/results/<timestamp>/REPORT.md, prints it, exits 0 if all criteria PASS, 1 if any FAIL,
# 2 if the benchmark could not run. See bench/README.md.
#
#   bench/run.sh                                        # build if needed, full run (~6 min)
#   DURATION=3 WARMUP=1 REPS=1 bench/run.sh             # quick smoke run
#
# Env knobs:
#   DURATION WARMUP REPS CONNS THREADS LOADGEN_CPU SUT_CPU           passed to the harness (env.sh)
#   RUN_DIR (/tmp/switchboard-bench-run)  nginx runtime dir for up.sh/down.sh (not the harness default)
#   RATE (2000) CLIENTS (20)          fixed-rate phase (h2load)
#   GW_WARMUP (40)                    at least this many seconds of wrk load on each gateway before any
#                                     measurement (half of it with the SSE body for the main gateway), and more
#                                     until its C2 compiler is quiet: bench/warm.sh (GW_WARMUP_MAX 300,
#                                     WARM_SLICE 10, WARM_C2_PCT 3)
#   SKIP_BUILD=1                      never build; use target/switchboard.jar as it is
#   JAVA_HOME                         default /usr/lib/jvm/temurin-25-jdk-amd64
#   JVM_OPTS                          default "-XX:+UseSerialGC -Xms64m -Xmx192m -XX:+AlwaysPreTouch"
#   GATEWAY_CMD                       start this (bash -c, pinned) instead of the jar; "external" = start
#                                     nothing, measure whatever listens on GATEWAY_URL's port
#   GATEWAY_URL (http://127.0.0.1:8080)   base URL of the gateway; GATEWAY_SSE_URL (= GATEWAY_URL) for SSE
#   GATEWAY_HEALTH_URL (GATEWAY_URL/health), GATEWAY_START_TIMEOUT (60 s)
#   GATEWAY_STDOUT (/dev/null)        where the gateway's stdout (its access log) goes; "keep" =
#                                     results/<ts>/gateway.stdout.log (~0.5 GB for a full run)
#   RESILIENT (1)                     also start a second gateway with bench/switchboard-bench-resilient.yaml
#                                     (two targets, two keys each, breakers, affinity) on RESILIENT_URL
#                                     (http://127.0.0.1:8082) and measure it in the chat phase: the
#                                     "resilience overhead" row compares it with the plain gateway. Only when
#                                     the script starts the jar itself (not with GATEWAY_CMD).
#   REDIS (1)                         also start a gateway whose limits live in Redis
#                                     (bench/switchboard-bench-redis.yaml, redis: REDIS_URL) on REDIS_GW_URL
#                                     (http://127.0.0.1:8083) and measure it in the chat phase; skipped, with a
#                                     note in the report, when nothing answers at REDIS_URL
#   REDIS_URL (redis://127.0.0.1:6379)
# Every gateway the script starts runs in its own directory under the results (gw-main, gw-resilient,
# gw-redis): its embedded store (./data/switchboard.db) and usage spool are fresh for the run, and two
# gateways never share (and lock each other out of) one spool.
set -euo pipefail

BENCH_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_SRC/.." && pwd)"
HARNESS_IN="${BENCH_HARNESS:-$REPO/../shared/bench}"
[[ -x $HARNESS_IN/run.sh && -x $HARNESS_IN/fixed-rate.sh && -f $HARNESS_IN/targets.conf ]] ||
  { echo "bench: shared harness not found at $HARNESS_IN (set BENCH_HARNESS)" >&2; exit 2; }
HARNESS="$(cd "$HARNESS_IN" && pwd)"

# Our own nginx runtime dir, so that up.sh/down.sh never touch a harness session started by hand.
RUN_DIR="${RUN_DIR:-${TMPDIR:-/tmp}/switchboard-bench-run}"
# Harness defaults (DURATION, WARMUP, REPS, CONNS, THREADS, LOADGEN_CPU, SUT_CPU, NGINX), env wins.
# the JIT needs ~10 s of load before the gateway reaches steady state: warm longer than the harness default
WARMUP="${WARMUP:-15}"
# shellcheck source=/dev/null
source "$HARNESS/env.sh"
# (not NGINX: nginx reads an exported NGINX variable as inherited sockets and then refuses to daemonize)
export DURATION WARMUP REPS CONNS THREADS LOADGEN_CPU SUT_CPU RUN_DIR
RATE="${RATE:-2000}"; CLIENTS="${CLIENTS:-20}"; export CLIENTS
GW_WARMUP="${GW_WARMUP:-40}"

JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
JVM_OPTS="${JVM_OPTS:--XX:+UseSerialGC -Xms64m -Xmx192m -XX:+AlwaysPreTouch}"
# as bin/switchboard does: Netty's fast paths need Unsafe, which JDK 23+ grants only when asked
JVM_OPTS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow $JVM_OPTS"
JAR="$REPO/target/switchboard.jar"
CONFIG="$BENCH_SRC/switchboard-bench.yaml"
GATEWAY_CMD="${GATEWAY_CMD:-}"
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:8080}"; GATEWAY_URL="${GATEWAY_URL%/}"
GATEWAY_SSE_URL="${GATEWAY_SSE_URL:-$GATEWAY_URL}"; GATEWAY_SSE_URL="${GATEWAY_SSE_URL%/}"
GATEWAY_HEALTH_URL="${GATEWAY_HEALTH_URL:-$GATEWAY_URL/health}"
GATEWAY_START_TIMEOUT="${GATEWAY_START_TIMEOUT:-60}"
GATEWAY_STDOUT="${GATEWAY_STDOUT:-/dev/null}"
SB_CHAT_URL="$GATEWAY_URL/v1/chat/completions"
RESILIENT="${RESILIENT:-1}"; [[ -n $GATEWAY_CMD ]] && RESILIENT=0
RESILIENT_URL="${RESILIENT_URL:-http://127.0.0.1:8082}"; RESILIENT_URL="${RESILIENT_URL%/}"
RESILIENT_CONFIG="$BENCH_SRC/switchboard-bench-resilient.yaml"
RS_CHAT_URL="$RESILIENT_URL/v1/chat/completions"
REDIS="${REDIS:-1}"; [[ -n $GATEWAY_CMD ]] && REDIS=0
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"; export SWITCHBOARD_BENCH_REDIS="$REDIS_URL"
REDIS_GW_URL="${REDIS_GW_URL:-http://127.0.0.1:8083}"; REDIS_GW_URL="${REDIS_GW_URL%/}"
REDIS_CONFIG="$BENCH_SRC/switchboard-bench-redis.yaml"
RD_CHAT_URL="$REDIS_GW_URL/v1/chat/completions"
REDIS_NOTE=""
SB_SSE_URL="$GATEWAY_SSE_URL/v1/chat/completions"
GW_PORT=$(sed -E 's#^[a-z]+://[^/:]+:([0-9]+).*#\1#' <<<"$GATEWAY_URL")
[[ $GW_PORT =~ ^[0-9]+$ ]] || { echo "bench: GATEWAY_URL needs an explicit port: $GATEWAY_URL" >&2; exit 2; }

STAMP=$(date +%Y%m%d-%H%M%S)
RES="$BENCH_SRC/results/$STAMP"
mkdir -p "$RES"
[[ $GATEWAY_STDOUT == keep ]] && GATEWAY_STDOUT="$RES/gateway.stdout.log"
T0=$(date +%s)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

# ---------------------------------------------------------------- cleanup (always)
GW_PID=""; GW_GROUP=0; SAMPLER_PID=""; OVERLAY=""; HARNESS_UP=0; PHASE_PID=""; SIDE_PIDS=()
stop_sides() {  # the extra gateways: started by us with setsid, so each leads its own process group
  local pid
  for pid in "${SIDE_PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${SIDE_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
    wait "$pid" 2>/dev/null || true
  done
  SIDE_PIDS=()
}
stop_gateway() {
  [[ -n $GW_PID ]] || return 0
  local pid=$GW_PID; GW_PID=""
  if [[ $GW_GROUP == 1 ]]; then kill -TERM -- "-$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "gateway $pid did not stop on TERM, killing"
    if [[ $GW_GROUP == 1 ]]; then kill -KILL -- "-$pid" 2>/dev/null || true; else kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  # leftovers of the gateway's process group (e.g. a GATEWAY_CMD that forked)
  if [[ $GW_GROUP == 1 ]] && pgrep -g "$pid" >/dev/null 2>&1; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -n $SAMPLER_PID ]] && { kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; }
  if [[ -n $PHASE_PID ]]; then  # interrupted mid-phase: stop the harness script and its wrk/h2load
    kill -TERM -- "-$PHASE_PID" 2>/dev/null || true; wait "$PHASE_PID" 2>/dev/null || true
  fi
  stop_gateway
  stop_sides
  [[ $HARNESS_UP == 1 ]] && { "$HARNESS/down.sh" >&2 || true; }
  [[ -n $OVERLAY && -d $OVERLAY ]] && rm -rf "$OVERLAY"
  rm -f "$RES/.phase"
  log "results in $RES"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- tools
ensure_tools() {
  local pkgs=()
  [[ -x $NGINX ]] || command -v nginx >/dev/null || pkgs+=(nginx)
  command -v wrk >/dev/null || pkgs+=(wrk)
  command -v h2load >/dev/null || pkgs+=(nghttp2-client)
  command -v curl >/dev/null || pkgs+=(curl)
  command -v ss >/dev/null || pkgs+=(iproute2)
  command -v taskset >/dev/null && command -v setsid >/dev/null || pkgs+=(util-linux)
  command -v pgrep >/dev/null || pkgs+=(procps)
  [[ ${#pkgs[@]} -eq 0 ]] && return 0
  [[ $(id -u) == 0 ]] || die "missing tools; install as root: apt-get install -y ${pkgs[*]}"
  log "installing ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${pkgs[@]}" >&2 || { apt-get update -q >&2 && apt-get install -y -q "${pkgs[@]}" >&2; } ||
    die "apt-get install ${pkgs[*]} failed"
  [[ -x $NGINX ]] || die "nginx not at $NGINX after install (set NGINX)"
}

# ---------------------------------------------------------------- build
build_jar() {
  if [[ ${SKIP_BUILD:-0} == 1 ]]; then
    [[ -f $JAR ]] || die "SKIP_BUILD=1 but $JAR does not exist"
    return 0
  fi
  if [[ -f $JAR ]] && [[ -z $(find "$REPO/src/main" "$REPO/pom.xml" -newer "$JAR" -print -quit 2>/dev/null) ]]; then
    log "jar up to date: $JAR"; return 0
  fi
  log "building $JAR (./mvnw -q -DskipTests package)"
  (cd "$REPO" && ./mvnw -q -DskipTests package) >"$RES/build.log" 2>&1 || { tail -n 40 "$RES/build.log" >&2; die "build failed (see $RES/build.log)"; }
  [[ -f $JAR ]] || die "build finished but $JAR is missing"
}

# ---------------------------------------------------------------- gateway process
port_busy() { [[ -n $(ss -ltnH "sport = :$1" 2>/dev/null) ]]; }
port_pids() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -oE 'pid=[0-9]+' | cut -d= -f2 | sort -u; }
gw_pids() {
  if [[ $GATEWAY_CMD == external ]]; then port_pids "$GW_PORT"
  elif [[ -n $GW_PID ]]; then
    if [[ $GW_GROUP == 1 ]]; then pgrep -g "$GW_PID" 2>/dev/null || true; else echo "$GW_PID"; pgrep -P "$GW_PID" 2>/dev/null || true; fi
  fi
}
gw_alive() { [[ $GATEWAY_CMD == external ]] && [[ -n $(port_pids "$GW_PORT") ]] && return 0; [[ -n $GW_PID ]] && kill -0 "$GW_PID" 2>/dev/null; }
rss_kib() {  # "VmRSS VmHWM" in KiB, summed over the gateway's processes
  local p r h tr=0 th=0
  for p in $(gw_pids); do
    read -r r h < <(awk '/^VmRSS:/{r=$2} /^VmHWM:/{h=$2} END{print r+0, h+0}' "/proc/$p/status" 2>/dev/null || echo "0 0")
    tr=$((tr + ${r:-0})); th=$((th + ${h:-0}))
  done
  echo "$tr $th"
}
set_phase() { echo "$1" >"$RES/.phase"; }
sampler() {  # one line per second: epoch phase vmrss_kib vmhwm_kib
  set +e
  while :; do
    printf '%s\t%s\t%s\n' "$(date +%s)" "$(cat "$RES/.phase" 2>/dev/null)" "$(rss_kib | tr ' ' '\t')" >>"$RES/rss.tsv"
    sleep 1
  done
}

start_gateway() {
  local launch
  if [[ $GATEWAY_CMD == external ]]; then
    [[ -n $(port_pids "$GW_PORT") ]] || die "GATEWAY_CMD=external but nothing listens on port $GW_PORT"
    launch="(external: processes listening on :$GW_PORT)"
  else
    if port_busy "$GW_PORT" || curl -s -o /dev/null -m 1 "$GATEWAY_URL/"; then
      die "port $GW_PORT is already in use: $(port_pids "$GW_PORT" | tr '\n' ' ')(stop it, or use GATEWAY_CMD=external)"
    fi
    if [[ -n $GATEWAY_CMD ]]; then
      launch="bash -c $GATEWAY_CMD"
      (cd "$REPO" && exec setsid "$HARNESS/pin.sh" bash -c "$GATEWAY_CMD") >"$GATEWAY_STDOUT" 2>"$RES/gateway.log" </dev/null &
    else
      [[ -x $JAVA_HOME/bin/java ]] || die "no java at $JAVA_HOME/bin/java (set JAVA_HOME)"
      launch="$JAVA_HOME/bin/java $JVM_OPTS -jar target/switchboard.jar run --config bench/switchboard-bench.yaml (in results/$STAMP/gw-main)"
      mkdir -p "$RES/gw-main"
      # shellcheck disable=SC2086  # JVM_OPTS is a word list
      (cd "$RES/gw-main" && exec setsid "$HARNESS/pin.sh" "$JAVA_HOME/bin/java" $JVM_OPTS -jar "$JAR" run --config "$CONFIG") \
        >"$GATEWAY_STDOUT" 2>"$RES/gateway.log" </dev/null &
    fi
    GW_PID=$!
    sleep 0.1
    # setsid made it a process-group leader unless it had to fork; only then kill by group
    [[ $(ps -o pgid= -p "$GW_PID" 2>/dev/null | tr -d ' ') == "$GW_PID" ]] && GW_GROUP=1
    echo "$launch" >"$RES/gateway.cmd"
  fi
  GW_LAUNCH=$launch
  log "gateway: $launch (pid ${GW_PID:-external}); waiting for $GATEWAY_HEALTH_URL"
  local t0 code; t0=$(date +%s%N)
  while :; do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$GATEWAY_HEALTH_URL" || true)
    [[ $code == 200 ]] && break
    if ! gw_alive; then tail -n 30 "$RES/gateway.log" >&2 2>/dev/null || true; die "gateway exited before becoming healthy (log: $RES/gateway.log)"; fi
    (( ($(date +%s%N) - t0) / 1000000000 >= GATEWAY_START_TIMEOUT )) &&
      { tail -n 30 "$RES/gateway.log" >&2 2>/dev/null || true; die "gateway not healthy after ${GATEWAY_START_TIMEOUT}s (last HTTP $code)"; }
    sleep 0.2
  done
  GW_STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  log "gateway healthy after ${GW_STARTUP_MS} ms"
}

# An extra gateway measured beside the plain one (resilience overhead, Redis limits): same jar, JVM flags
# and cpu, its own config, port and directory.
start_side() {  # name config url knob
  local name=$1 config=$2 url=$3 knob=$4 port pid
  port=$(sed -E 's#^[a-z]+://[^/:]+:([0-9]+).*#\1#' <<<"$url")
  port_busy "$port" && die "port $port ($name gateway) is already in use (or set $knob=0)"
  mkdir -p "$RES/gw-$name"
  # shellcheck disable=SC2086  # JVM_OPTS is a word list
  (cd "$RES/gw-$name" && exec setsid "$HARNESS/pin.sh" "$JAVA_HOME/bin/java" $JVM_OPTS -jar "$JAR" run --config "$config") \
    >/dev/null 2>"$RES/gateway-$name.log" </dev/null &
  pid=$!
  SIDE_PIDS+=("$pid")
  log "$name gateway: bench/$(basename "$config") (pid $pid); waiting for $url/health"
  local t0; t0=$(date +%s)
  until [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url/health" || true) == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$RES/gateway-$name.log" >&2; die "$name gateway exited (log: $RES/gateway-$name.log)"; }
    (( $(date +%s) - t0 >= GATEWAY_START_TIMEOUT )) && die "$name gateway not healthy after ${GATEWAY_START_TIMEOUT}s"
    sleep 0.2
  done
}

redis_up() {  # REDIS_URL answers a TCP connect
  local hp=${REDIS_URL#*://}; hp=${hp#*@}; hp=${hp%%/*}
  local host=${hp%%:*} port=6379; [[ $hp == *:* ]] && port=${hp##*:}
  timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
}

# POST the bench bodies through the gateway once; refuse to benchmark error responses.
precheck() {
  local url=$1 body=$2 tag=$3 code
  code=$(curl -s -m 10 -o "$RES/precheck-$tag.out" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
         -H 'Authorization: Bearer sk-bench-0000000000000000' --data-binary @"$HARNESS/lua/$body" "$url" || true)
  [[ $code == 2* ]] || { head -c 600 "$RES/precheck-$tag.out" >&2 2>/dev/null; echo >&2
                         die "gateway answered HTTP $code to the bench $tag request at $url"; }
}

# Harness view with our gateway URLs in targets.conf (fixed-rate.sh only takes names from targets.conf).
make_overlay() {
  OVERLAY=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-bench.XXXXXX")
  local f
  for f in "$HARNESS"/* "$HARNESS"/.[!.]*; do
    [[ -e $f && $(basename "$f") != targets.conf ]] && ln -s "$f" "$OVERLAY/$(basename "$f")"
  done
  awk -v c="$SB_CHAT_URL" -v s="$SB_SSE_URL" '
    $1=="switchboard" { $3=c } $1=="switchboard-sse" { $3=s } { print }' \
    "$HARNESS/targets.conf" >"$OVERLAY/targets.conf"
  grep -qE '^switchboard[[:space:]]' "$OVERLAY/targets.conf" || printf 'switchboard chat %s -\n' "$SB_CHAT_URL" >>"$OVERLAY/targets.conf"
  grep -qE '^switchboard-sse[[:space:]]' "$OVERLAY/targets.conf" || printf 'switchboard-sse stream %s -\n' "$SB_SSE_URL" >>"$OVERLAY/targets.conf"
}

# Run a harness script in its own process group (so an interrupt can stop it and its wrk/h2load at once),
# output to LOG and to our stderr. The env of the call (OUT_DIR=..., RATE=...) passes through.
run_phase() {  # LOG cmd args...
  local logf=$1 rc=0; shift
  # shellcheck disable=SC2016  # expanded by the inner bash
  setsid bash -c 'set -o pipefail; log=$1; shift; "$@" 2>&1 | tee "$log" >&2' _ "$logf" "$@" </dev/null &
  PHASE_PID=$!
  wait "$PHASE_PID" || rc=$?
  PHASE_PID=""
  [[ $rc == 0 ]] || die "$(basename "$1") failed (exit $rc), see $logf"
}

check_alive() { gw_alive || { tail -n 30 "$RES/gateway.log" >&2 2>/dev/null || true; die "gateway died during $1 (log: $RES/gateway.log)"; }; }

# ================================================================ run
log "harness $HARNESS; results $RES"
ensure_tools
if [[ -z $GATEWAY_CMD ]]; then build_jar; fi
cmp -s "$CONFIG" "$HARNESS/switchboard-bench.yaml" && CONFIG_NOTE="identical to the harness copy" ||
  CONFIG_NOTE="DIFFERS from $HARNESS/switchboard-bench.yaml"

set_phase up
"$HARNESS/down.sh" >/dev/null 2>&1 || true   # leftovers of an earlier, killed run (our RUN_DIR only)
busy=""
for p in 18080 18081 18090 18091; do port_busy "$p" && busy+=" $p($(port_pids "$p" | tr '\n' ' ' | sed 's/ $//'))"; done
[[ -z $busy ]] || die "harness ports already in use:$busy -- another benchmark running? (its down.sh / RUN_DIR)"
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
HARNESS_UP=1
"$HARNESS/up.sh" 2>&1 | tee "$RES/up.log" >&2
[[ $(grep -c -- '-> 200' "$RES/up.log") == 2 ]] || die "mock/nginx proxy did not come up (see $RES/up.log)"

set_phase start
start_gateway
sampler & SAMPLER_PID=$!
precheck "$SB_CHAT_URL" chat-request.json chat
precheck "$SB_SSE_URL" chat-request-stream.json sse
SIDE_TARGETS=()
if [[ $RESILIENT == 1 ]]; then
  start_side resilient "$RESILIENT_CONFIG" "$RESILIENT_URL" RESILIENT
  precheck "$RS_CHAT_URL" chat-request.json chat-resilient
  SIDE_TARGETS+=("switchboard-resilient=$RS_CHAT_URL")
fi
if [[ $REDIS == 1 ]] && ! redis_up; then
  REDIS=0; REDIS_NOTE="Redis variant skipped: nothing answers at $REDIS_URL."
  log "$REDIS_NOTE"
fi
if [[ $REDIS == 1 ]]; then
  start_side redis "$REDIS_CONFIG" "$REDIS_GW_URL" REDIS
  precheck "$RD_CHAT_URL" chat-request.json chat-redis
  SIDE_TARGETS+=("switchboard-redis=$RD_CHAT_URL")
fi
make_overlay

# JIT warm-up outside the measurement, until each gateway's C2 is quiet (bench/warm.sh): a gateway measured
# while its compiler (or another gateway's) still runs is measured cold.
# shellcheck source=/dev/null
source "$BENCH_SRC/warm.sh"
url_pid() { port_pids "$(sed -E 's#^[a-z]+://[^/:]+:([0-9]+).*#\1#' <<<"$1")" | head -n 1; }
warm() {  # url body min-seconds
  warm_jit "$(url_pid "$1")" "$1" "$2" "$3"
}
set_phase warm
log "phase warm: at least ${GW_WARMUP}s per gateway (chat), $((GW_WARMUP / 2))s SSE, until C2 is quiet"
warm "$SB_CHAT_URL" chat-request.json "$GW_WARMUP"
warm "$SB_SSE_URL" chat-request-stream.json "$((GW_WARMUP / 2))"
[[ $RESILIENT == 1 ]] && warm "$RS_CHAT_URL" chat-request.json "$GW_WARMUP"
[[ $REDIS == 1 ]] && warm "$RD_CHAT_URL" chat-request.json "$GW_WARMUP"

set_phase chat
log "phase chat: run.sh direct nginx switchboard ${SIDE_TARGETS[*]%%=*} (REPS=$REPS DURATION=$DURATION WARMUP=$WARMUP CONNS=$CONNS)"
mkdir -p "$RES/chat"
OUT_DIR="$RES/chat" run_phase "$RES/chat/run.log" "$OVERLAY/run.sh" direct nginx switchboard "${SIDE_TARGETS[@]}"
check_alive chat
# the extra gateways idle from here on; stop them so the SSE and fixed-rate phases have the cpu as before
stop_sides

set_phase sse
log "phase sse: run.sh direct-sse nginx-sse switchboard-sse"
mkdir -p "$RES/sse"
OUT_DIR="$RES/sse" run_phase "$RES/sse/run.log" "$OVERLAY/run.sh" direct-sse nginx-sse switchboard-sse
check_alive sse

set_phase fixed
log "phase fixed: RATE=$RATE fixed-rate.sh direct nginx switchboard (CLIENTS=$CLIENTS)"
mkdir -p "$RES/fixed"
RATE=$RATE OUT_DIR="$RES/fixed" run_phase "$RES/fixed/run.log" "$OVERLAY/fixed-rate.sh" direct nginx switchboard
check_alive fixed

set_phase idle
sleep 3
read -r RSS_AFTER_KIB HWM_KIB < <(rss_kib)
printf '%s\t%s\t%s\t%s\n' "$(date +%s)" after "$RSS_AFTER_KIB" "$HWM_KIB" >>"$RES/rss.tsv"
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
T1=$(date +%s)

# ================================================================ report
# throughput: name -> median rps, min, max, errors, max RSS (harness mid-run sample), reps
thr() {  # file
  awk -F'\t' 'NR>1 { n=$2; if (!(n in c)) o[++k]=n; c[n]++; v[n,c[n]]=$3+0; e[n]+=$7; if ($8+0>r[n]) r[n]=$8+0 }
    END { for (i=1;i<=k;i++) { n=o[i]; m=c[n]
            for (a=1;a<=m;a++) w[a]=v[n,a]
            for (a=1;a<=m;a++) for (b=a+1;b<=m;b++) if (w[b]<w[a]) { t=w[a]; w[a]=w[b]; w[b]=t }
            med = (m%2) ? w[(m+1)/2] : (w[m/2]+w[m/2+1])/2
            printf "%s\t%.2f\t%.0f\t%.0f\t%d\t%s\t%d\n", n, med, w[1], w[m], e[n], r[n], m } }' "$1"
}
# fixed rate: name -> median p50, median p99, total done, total non2xx
fix() {
  awk -F'\t' 'NR>1 { n=$2; if (!(n in c)) o[++k]=n; c[n]++; p5[n,c[n]]=$5; p9[n,c[n]]=$7; d[n]+=$4; bad[n]+=$10 }
    function med(a,n,m,  i,j,t,w,x) { x=0; for (i=1;i<=m;i++) if (a[n,i] != "-") w[++x]=a[n,i]+0
      if (!x) return "-"
      for (i=1;i<=x;i++) for (j=i+1;j<=x;j++) if (w[j]<w[i]) { t=w[i]; w[i]=w[j]; w[j]=t }
      return sprintf("%.3f", (x%2) ? w[(x+1)/2] : (w[x/2]+w[x/2+1])/2) }
    END { for (i=1;i<=k;i++) { n=o[i]; printf "%s\t%s\t%s\t%d\t%d\n", n, med(p5,n,c[n]), med(p9,n,c[n]), d[n], bad[n] } }' "$1"
}
declare -A RPS MINR MAXR ERR HRSS P50 P99 NDONE BAD
while IFS=$'\t' read -r n med mn mx e r _; do
  RPS[$n]=$med; MINR[$n]=$mn; MAXR[$n]=$mx; ERR[$n]=$e; HRSS[$n]=$r
done < <(cat <(thr "$RES/chat/raw.tsv" 2>/dev/null) <(thr "$RES/sse/raw.tsv" 2>/dev/null))
while IFS=$'\t' read -r n p5 p9 d b; do P50[$n]=$p5; P99[$n]=$p9; NDONE[$n]=$d; BAD[$n]=$b; done < <(fix "$RES/fixed/raw.tsv" 2>/dev/null)

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k/1024 }'; }
PEAK_RSS_KIB=$(awk -F'\t' '$2=="chat"||$2=="sse"||$2=="fixed" { if ($3+0>m) m=$3+0 } END { print m+0 }' "$RES/rss.tsv")
IDLE_RSS_KIB=$(awk -F'\t' '$2=="start" { v=$3 } END { print v+0 }' "$RES/rss.tsv")   # last sample before load
ratio() {  # a b [printf format]; "-" without data
  local a=${RPS[$1]:-} b=${RPS[$2]:-}
  if [[ -n $a && -n $b ]]; then awk -v a="$a" -v b="$b" -v f="${3:-%.3f}" 'BEGIN { if (b>0) printf f, a/b; else print "-" }'; else echo "-"; fi
}
rnd() { [[ -n ${1:-} ]] && awk -v v="$1" 'BEGIN { printf "%.0f", v }' || echo "-"; }
cost_us() {  # a b: extra µs per request of a over b, from their throughputs on the same saturated core
  local a=${RPS[$1]:-} b=${RPS[$2]:-}
  if [[ -n $a && -n $b ]]; then awk -v a="$a" -v b="$b" 'BEGIN { if (a>0 && b>0) printf "%.1f", 1e6/a - 1e6/b; else print "-" }'; else echo "-"; fi
}

row() {  # name kind ratio-base
  local n=$1 kind=$2 base=$3 rss
  if [[ $n == switchboard || $n == switchboard-sse ]]; then rss="$(mib "$PEAK_RSS_KIB") (HWM $(mib "$HWM_KIB"))"; else rss=${HRSS[$n]:--}; fi
  printf '| %s | %s | %s | %s-%s | %s | %s | %s | %s | %s |\n' "$n" "$kind" "$(rnd "${RPS[$n]:-}")" "${MINR[$n]:--}" "${MAXR[$n]:--}" \
    "$(ratio "$n" "$base")" "${ERR[$n]:--}" "${P50[$n]:--}" "${P99[$n]:--}" "$rss"
}

FAILS=0
verdict() {  # ok(0/1) text
  if [[ $1 == 1 ]]; then echo "- **PASS** $2"; else echo "- **FAIL** $2"; FAILS=$((FAILS + 1)); fi
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "-" && a+0 >= b+0) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "-" && a+0 <= b+0) }'; }

crit_ratio() {  # gw nginx min label unit
  local r ok=0 why=""; r=$(ratio "$1" "$2")
  ge "$(ratio "$1" "$2" %.9f)" "$3" && ok=1   # judged unrounded
  [[ ${ERR[$1]:-x} == 0 ]] || { ok=0; why=" — gateway had ${ERR[$1]:-no data} errors"; }
  verdict "$ok" "$4: $1 $(rnd "${RPS[$1]:-}") $5 vs $2 $(rnd "${RPS[$2]:-}") $5 = ${r}× nginx (target ≥ $3×)$why"
}
crit_overhead() {  # resilient plain min
  local r ok=0 why=""; r=$(ratio "$1" "$2")
  ge "$(ratio "$1" "$2" %.9f)" "$3" && ok=1
  [[ ${ERR[$1]:-x} == 0 ]] || { ok=0; why=" — resilient gateway had ${ERR[$1]:-no data} errors"; }
  verdict "$ok" "resilience overhead (non-streaming): $1 $(rnd "${RPS[$1]:-}") req/s vs $2 $(rnd "${RPS[$2]:-}") req/s = ${r}× (target ≥ $3×: two targets, two keys each, breakers, affinity)$why"
}
crit_p99() {
  local g=${P99[switchboard]:--} x=${P99[nginx]:--} lim ok=0 why=""
  lim=$(awk -v x="$x" 'BEGIN { if (x=="-") print "-"; else printf "%.3f", x+1 }')
  le "$g" "$lim" && ok=1
  [[ ${BAD[switchboard]:-x} == 0 && ${NDONE[switchboard]:-0} -gt 0 ]] || { ok=0; why=" — gateway: ${BAD[switchboard]:-?} non-2xx of ${NDONE[switchboard]:-0}"; }
  # h2load paces per connection: a gateway that falls behind completes fewer requests and its p99 understates
  if [[ -z $why ]] && (( ${NDONE[switchboard]:-0} * 100 < ${NDONE[nginx]:-0} * 95 )); then
    ok=0; why=" — rate not sustained: gateway completed ${NDONE[switchboard]} requests vs nginx ${NDONE[nginx]}"
  fi
  verdict "$ok" "p99 at $RATE req/s: switchboard $g ms vs nginx $x ms (target ≤ nginx + 1 ms = $lim ms)$why"
}
crit_rss() {
  local h; h=$(mib "$HWM_KIB"); local ok=0
  [[ $HWM_KIB -gt 0 ]] && le "$h" 300 && ok=1
  verdict "$ok" "RSS: gateway peak (VmHWM) $h MiB, max sampled VmRSS under load $(mib "$PEAK_RSS_KIB") MiB (target ≤ 300 MiB)"
}

JDK="n/a"; [[ -x $JAVA_HOME/bin/java ]] && JDK=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)
[[ -n $GATEWAY_CMD ]] && JDK="$JDK (not used: GATEWAY_CMD set)"
CPU=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo); CPU=${CPU:-$(uname -m)}
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")
[[ -n $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]] && COMMIT="$COMMIT (dirty)"
sample_info() {  # file -> "bytes B, N SSE events"
  local f=$1; [[ -f $f ]] || { echo "no sample"; return; }
  echo "$(wc -c <"$f") B, $(grep -c '^data:' "$f" || true) SSE data events"
}

{
  echo "# Switchboard benchmark — $STAMP"
  echo
  io="; stdout → $GATEWAY_STDOUT, stderr → gateway.log"; [[ $GATEWAY_CMD == external ]] && io=""
  echo "- commit: $COMMIT; gateway: \`$GW_LAUNCH\` (healthy after ${GW_STARTUP_MS} ms$io)"
  echo "- config: bench/switchboard-bench.yaml ($CONFIG_NOTE); gateway URLs: $SB_CHAT_URL, SSE $SB_SSE_URL"
  echo "- machine: $(nproc) cpus, $CPU, $(uname -sr); loadgen cpu $LOADGEN_CPU, mock + nginx + gateway cpu $SUT_CPU; load average before the run $LOADAVG"
  echo "- JDK: $JDK"
  echo "- JIT warm-up before the run: $(paste -sd ';' "$RES/warm-summary" 2>/dev/null | sed 's/;/; /g')"
  echo "- wrk: DURATION=${DURATION}s WARMUP=${WARMUP}s REPS=$REPS CONNS=$CONNS THREADS=$THREADS (interleaved);" \
       "fixed rate: RATE=$RATE req/s CLIENTS=$CLIENTS h2load ${DURATION}s × $REPS reps; wall time $((T1 - T0)) s"
  echo "- harness: $HARNESS"
  echo
  echo "| target | kind | req/s or streams/s (median) | min-max | ratio vs nginx | errors | p50 ms @$RATE | p99 ms @$RATE | RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row direct chat nginx; row nginx chat nginx; row switchboard chat nginx
  [[ $RESILIENT == 1 ]] && row switchboard-resilient chat nginx
  [[ $REDIS == 1 ]] && row switchboard-redis chat nginx
  row direct-sse sse nginx-sse; row nginx-sse sse nginx-sse; row switchboard-sse sse nginx-sse
  echo
  echo "switchboard = bench/switchboard-bench.yaml: virtual key with limits (RPM, TPM and a budget, all far above what the run reaches, so every request is counted and none refused), usage record with cost for every request written to the embedded SQLite store through the write-ahead spool, counters in memory."
  [[ $REDIS == 1 ]] && echo "switchboard-redis = the same key and limits with \`redis: $REDIS_URL\` (bench/switchboard-bench-redis.yaml): every admission is one EVALSHA round trip to Redis and every settlement one more, sent from the event loop without blocking it; same jar, flags and cpu (Redis itself runs unpinned). Redis vs in-memory limits, same run: $(ratio switchboard-redis switchboard)×, i.e. $(cost_us switchboard-redis switchboard) µs more per request at $CONNS connections (from the req/s, so Redis's CPU counts too) — the cost of the round trips: each event loop keeps one pipelined Redis connection, the commands of one loop turn leave in one write and their replies come back mostly in one read, and settlements ride along, so a request pays for building its two script calls, its share of those writes and reads, and decoding two small replies (10–25 µs of the event loop on the bench box), plus Redis's own CPU for the two scripts (30–40 µs a request there), taken from the gateway's or wrk's cpu since Redis runs unpinned (see bench/README.md, Reading the Redis row)."
  [[ -n $REDIS_NOTE ]] && echo "$REDIS_NOTE"
  [[ $RESILIENT == 1 ]] && echo "switchboard-resilient = a second gateway (bench/switchboard-bench-resilient.yaml: two targets round-robin, two keys per provider, breakers, session affinity, route overrides), same jar, flags and cpu; its RSS is the harness's mid-run sample. Resilient vs plain gateway, same run: $(ratio switchboard-resilient switchboard)×."
  echo "RSS: direct/nginx rows = the listening nginx processes, sampled mid-run by the harness;" \
       "switchboard = max VmRSS sampled every 1 s under load (VmHWM = lifetime peak)." \
       "Gateway VmRSS before load $(mib "$IDLE_RSS_KIB") MiB, after load $(mib "$RSS_AFTER_KIB") MiB."
  echo "Fixed-rate requests completed (after h2load warm-up): direct ${NDONE[direct]:--}, nginx ${NDONE[nginx]:--}," \
       "switchboard ${NDONE[switchboard]:--} (non-2xx: ${BAD[switchboard]:--}); expected ≈ $((RATE * DURATION * REPS)) each."
  echo "Responses: direct $(sample_info "$RES/chat/direct.sample"); switchboard $(sample_info "$RES/chat/switchboard.sample");" \
       "direct-sse $(sample_info "$RES/sse/direct-sse.sample"); switchboard-sse $(sample_info "$RES/sse/switchboard-sse.sample")."
  echo
  echo "## Criteria"
  crit_ratio switchboard nginx 0.9 "non-streaming throughput" "req/s"
  crit_ratio switchboard nginx 0.85 "issue 6, non-streaming with auth + limits + usage writing on the embedded store" "req/s"
  crit_ratio switchboard-sse nginx-sse 0.95 "SSE throughput" "streams/s"
  crit_p99
  crit_rss
  NCRIT=5
  if [[ $RESILIENT == 1 ]]; then crit_overhead switchboard-resilient switchboard 0.95; NCRIT=$((NCRIT + 1)); fi
  echo
  echo "Result: $([[ $FAILS == 0 ]] && echo "ALL PASS" || echo "$FAILS of $NCRIT FAIL")." \
       "Compare only numbers from this run (interleaved); absolute req/s are \"gateway + mock sharing cpu $SUT_CPU\"."
} >"$RES/REPORT.md"
echo
cat "$RES/REPORT.md"
[[ $FAILS == 0 ]] || exit 1
