# Sourced by bench/run.sh and bench/translate/run.sh: JIT warm-up that ends when C2 is done, not after a
# fixed time. A fixed 40 s was enough on one 2-core box and far too little on another (an AMD EPYC VM where
# C2, sharing the one SUT cpu with the load, was still compiling full time after 2 min, and a 40 s warm-up
# measured the translated stream at 0.12x nginx instead of ~0.4x). So each gateway gets wrk load in
# WARM_SLICE-second slices until its C2 compiler threads used under WARM_C2_PCT % of a slice's wall time,
# between GW_WARMUP seconds (the minimum) and GW_WARMUP_MAX (the cap; a warm-up that hits it is logged).
# Needs: HARNESS LOADGEN_CPU THREADS CONNS RES, and log(). Appends one line per gateway to $RES/warm-summary.

WARM_SLICE="${WARM_SLICE:-10}"
WARM_C2_PCT="${WARM_C2_PCT:-3}"
GW_WARMUP_MAX="${GW_WARMUP_MAX:-300}"

# cpu ticks (1/100 s, user + system) a process or thread has used so far, from its stat file
stat_ticks() {  # /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat
  awk '{print $14 + $15}' "$1" 2>/dev/null || echo 0
}

# cpu ticks the JVM's C2 compiler threads have used so far
c2_ticks() {  # pid
  local sum=0 t
  for t in /proc/"$1"/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == C2\ Compiler* ]] || continue
    sum=$((sum + $(stat_ticks "$t/stat")))
  done
  echo "$sum"
}

# warm_jit pid url body min_seconds: load until C2 is quiet (pid empty or gone: just min_seconds of load)
warm_jit() {
  local pid="$1" url="$2" body="$3" min="$4" spent=0 before after pct=100
  [[ $min -gt 0 ]] || return 0
  while :; do
    before=$([[ -n $pid ]] && c2_ticks "$pid" || echo 0)
    (cd "$HARNESS" && BENCH_BODY="lua/$body" taskset -c "$LOADGEN_CPU" \
      wrk -t"$THREADS" -c"$CONNS" -d"${WARM_SLICE}s" -s lua/post.lua "$url") >>"$RES/warm.log" 2>&1 ||
      { log "warm-up of $url failed (see warm.log)"; return 0; }
    spent=$((spent + WARM_SLICE))
    if [[ -n $pid && -d /proc/$pid ]]; then
      after=$(c2_ticks "$pid"); pct=$(( (after - before) / WARM_SLICE ))  # ticks per second = % of a cpu
      echo "warm $url: ${spent}s, C2 ${pct}% of the last slice" >>"$RES/warm.log"
    fi
    [[ $spent -ge $min && ( -z $pid || $pct -lt $WARM_C2_PCT ) ]] && break
    if [[ $spent -ge $GW_WARMUP_MAX ]]; then log "warm-up of $url hit GW_WARMUP_MAX=${GW_WARMUP_MAX}s with C2 still at ${pct}%"; break; fi
  done
  log "warm-up of $url: ${spent}s"
  echo "$url: ${spent}s (C2 at ${pct}% of the last slice)" >>"$RES/warm-summary"
}
