#!/usr/bin/env bash
# Load test: a private Mosquitto, one monitor (spinewatch run --mqtt) and the load generator (spinewatch loadgen),
# all on 127.0.0.1, for one wearer count and duration; prints one summary (docs/benchmarks.md explains it).
#
#   bench/loadtest.sh --wearers N [--minutes M] [--batch B] [--rate HZ] [--connections C] [--ramp SECONDS] [--out DIR]
#
# Bounded: every wait has a time limit and everything started here is killed on the way out (trap).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/dashboard/target/spinewatch.jar"

wearers=""; minutes=1; batch=10; rate=100; connections=""; ramp=0; out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --wearers) wearers="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --ramp) ramp="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "loadtest: unknown option $1" >&2; exit 64 ;;
  esac
done
[ -n "$wearers" ] || { echo "loadtest: --wearers N is required" >&2; exit 64; }
[ -x /usr/sbin/mosquitto ] || { echo "loadtest: mosquitto not found: apt-get install mosquitto" >&2; exit 69; }

# Build the jar when stale (the launcher knows how); it prints the version and exits.
"$here/spinewatch" --version >/dev/null

out="${out:-$(mktemp -d /tmp/spinewatch-loadtest.XXXXXX)}"
mkdir -p "$out"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"

# The broker's limits, chosen so that the broker itself does not drop a healthy monitor's QoS 0 stream:
#  max_queued_messages: messages held per client beyond those in flight (default 1000). A monitor that
#    reads 30 000 messages/s needs room for a GC pause or a scheduling hiccup: 100 000 is about 3 s of them.
#  max_queued_bytes 0: no byte limit besides that count.
#  max_inflight_messages 0: no in-flight limit (it applies to QoS 1/2 only; the samples are QoS 0).
#  set_tcp_nodelay: send each message at once rather than waiting to fill a segment (latency).
#  persistence false: nothing on disk, as for a test.
cat > "$out/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 100000
max_queued_bytes 0
max_inflight_messages 0
set_tcp_nodelay true
user $(id -un)
log_dest file $out/mosquitto.log
log_type error
log_type warning
log_type notice
CONF

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: polls every 0.2 s
  local limit=$(( $1 * 5 )) what="$2"; shift 2
  for ((i = 0; i < limit; i++)); do "$@" && return 0; sleep 0.2; done
  echo "loadtest: timed out waiting for $what" >&2; return 1
}

/usr/sbin/mosquitto -c "$out/mosquitto.conf" >"$out/mosquitto.out" 2>&1 &
broker=$!; pids+=("$broker")
wait_for 10 "mosquitto on port $port" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null

java_opts="${SPINEWATCH_JAVA_OPTS:-}"
# The monitor outlives the generator by 30 s so that it counts everything sent; GC log for the heap trend.
monitor_minutes="$(awk -v m="$minutes" 'BEGIN { printf "%.3f", m + 0.5 }')"
java $java_opts -Xlog:gc:file="$out/gc.log" -jar "$jar" run --mqtt "tcp://127.0.0.1:$port" --no-dashboard \
  --status-every 0 --load-status 5 --minutes "$monitor_minutes" --db "h2:$out/history" >"$out/monitor.log" 2>&1 &
monitor=$!; pids+=("$monitor")
wait_for 60 "the monitor to subscribe" grep -qs "run: reading" "$out/monitor.log"

gen_args=(loadgen --wearers "$wearers" --rate "$rate" --batch "$batch" --minutes "$minutes" --ramp "$ramp" --broker "tcp://127.0.0.1:$port")
[ -n "$connections" ] && gen_args+=(--connections "$connections")
java $java_opts -jar "$jar" "${gen_args[@]}" >"$out/loadgen.log" 2>&1 &
gen=$!; pids+=("$gen")

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }  # utime + stime, clock ticks
hz="$(getconf CLK_TCK)"
: >"$out/samples.tsv"
# One row every 5 s while the generator runs: time, load average, CPU ticks of monitor, broker and generator.
limit=$(awk -v m="$minutes" 'BEGIN { print int(m * 12) + 24 }')
for ((i = 0; i < limit; i++)); do
  kill -0 "$gen" 2>/dev/null || break
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date +%s.%N)" "$(cut -d' ' -f1 /proc/loadavg)" "$(ticks "$monitor")" \
    "$(ticks "$broker")" "$(ticks "$gen")" >>"$out/samples.tsv"
  sleep 5
done
wait_for 90 "the monitor to finish" bash -c "! kill -0 $monitor 2>/dev/null" || true

# ------------------------------------------------------------------------------------------------- summary
awk -v hz="$hz" -v ramp="$ramp" -v wearers="$wearers" -v batch="$batch" -v rate="$rate" -v minutes="$minutes" \
    -v gclog="$out/gc.log" -v genlog="$out/loadgen.log" -v monlog="$out/monitor.log" '
  function median(a, n,   i, j, t) { for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
                                      return n == 0 ? 0 : (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2) }
  FILENAME == ARGV[1] { n++; t[n] = $1; la[n] = $2; mon[n] = $3; bro[n] = $4; gen[n] = $5; next }
  END {
    # Steady state: skip the first two rows (JIT warm-up, wearers appearing).
    first = (n > 4 ? 3 : 1); dt = t[n] - t[first]
    while ((getline line < monlog) > 0) {
      if (line ~ /^run: load t=/) {
        split(line, f, " "); ts = substr(f[3], 3) + 0
        for (k = 1; k in f; k++) { if (f[k] == "samples/s") sps = f[k + 1]; if (f[k] == "p50" && !got50) { p50 = f[k + 1]; got50 = 1 } else if (f[k] == "p99" && !got99) { p99 = f[k + 1]; got99 = 1 } }
        got50 = 0; got99 = 0
        if (ts > 15 && sps > 0) { m++; S[m] = sps; P50[m] = p50; P99[m] = p99 }
      }
      if (line ~ /^run: load total/) total = line
    }
    while ((getline line < genlog) > 0) if (line ~ /^loadgen: total/) gtotal = line
    while ((getline line < gclog) > 0) {
      # Heap after each GC once the wearers are all there (after 20 s): its trend is the leak check.
      if (match(line, /[0-9]+M->[0-9]+M/)) { s = substr(line, RSTART, RLENGTH); sub(/.*->/, "", s); sub(/M/, "", s)
        ts = line; sub(/^\[/, "", ts); sub(/s\].*/, "", ts); if (ts + 0 > 20) { g++; G[g] = s + 0 } }
    }
    split(total, tf, " "); for (k = 1; k in tf; k++) { if (tf[k] == "in") tin = tf[k + 1]; if (tf[k] == "lost") tlost = tf[k + 1]; if (tf[k] == "dropped") tdrop = tf[k + 1] }
    split(gtotal, gf, " "); for (k = 1; k in gf; k++) { if (gf[k] == "samples" && gf[k - 1] ~ /^[0-9]+$/) { gsent = gf[k + 1]; sub(/\)/, "", gsent) } if (gf[k] == "publish_errors") gerr = gf[k + 1] }
    mcpu = (mon[n] - mon[first]) / hz; bcpu = (bro[n] - bro[first]) / hz; gcpu = (gen[n] - gen[first]) / hz
    for (k = 1; k <= n; k++) L[k] = la[k]
    lam = median(L, n)
    h = int(g / 2); for (k = 1; k <= h; k++) { A[k] = G[k]; B[k] = G[g - h + k] }
    printf "wearers             %d (rate %s Hz, %s samples per frame, %s min, joining over %s s)\n", wearers, rate, batch, minutes, ramp
    printf "samples/s in        %.0f (median of 5 s intervals after warm-up; offered %.0f)\n", median(S, m), wearers * 3 * rate
    printf "samples sent / in   %s / %s (publish errors %s)\n", gsent, tin, gerr
    printf "lost (seq gaps)     %s   dropped (lane behind) %s   never arrived %d\n", tlost, tdrop, gsent - tin
    printf "delivery p50 / p99  %.1f / %.1f ms (median over 5 s intervals)\n", median(P50, m), median(P99, m)
    printf "monitor CPU         %.0f %% of a core, %.2f us per sample\n", 100 * mcpu / dt, (dt > 0 && median(S, m) > 0 ? 1e6 * mcpu / dt / median(S, m) : 0)
    printf "broker CPU          %.0f %% of a core (%.0f messages/s offered)\n", 100 * bcpu / dt, wearers * rate / batch
    printf "loadgen CPU         %.0f %% of a core\n", 100 * gcpu / dt
    printf "heap after GC       first half %.0f MB, second half %.0f MB (medians; %d GCs after 20 s)\n", median(A, h), median(B, h), g
    printf "load average        median %.2f (2 cores shared with other work)\n", lam
    printf "run total           %s\n", total
  }' "$out/samples.tsv" | tee "$out/summary.txt"
echo "logs: $out"
