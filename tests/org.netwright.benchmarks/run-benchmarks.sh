#!/usr/bin/env bash
# One run of everything the performance figures need, so that the ratios come from the same run:
#   1. JMH: Seed001Benchmark (walks/s) and RuleScalingBenchmark (cost per walk at N = 100, 1 000, 10 000)
#   2. the kernel: the same seed 001 topology (examples/001-policy-routing-twice/fixed.nwp) brought up with
#      `netwright lab up` in namespaces nw<tag>-bench-*, a bounded UDP flood of 64-byte datagrams (iperf3)
#      from client to 8.8.8.8 in inet, and the packets/s that arrived there; `lab down` afterwards, also on
#      failure or interruption. The lab has no link to the machine's own network, so nothing leaves it.
#   3. the ratios: engine walks/s / kernel packets/s, cost(N) / cost(100) per rule shape
#
# Usage (root, iperf3 installed):
#   sudo NETWRIGHT_LAB_TAG=c tests/org.netwright.benchmarks/run-benchmarks.sh [SECONDS]
# SECONDS (1..30, default 5) bounds the flood. JMH_OPTS overrides the JMH options (default: a short run,
# one fork, 1 warm-up and 3 measurement iterations of 2 s). NETWRIGHT is the command line to use (default:
# the repository's ./netwright launcher). Results go to target/bench/ (jmh.json, kernel.json, ratios.txt).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SECS=${1:-5}
case "$SECS" in ''|*[!0-9]*) echo "SECONDS must be a number" >&2; exit 2 ;; esac
[ "$SECS" -ge 1 ] && [ "$SECS" -le 30 ] || { echo "SECONDS must be 1..30" >&2; exit 2; }
JMH_OPTS=${JMH_OPTS:--f 1 -wi 1 -w 2s -i 3 -r 2s}
NETWRIGHT=${NETWRIGHT:-$ROOT/netwright}
TAG=${NETWRIGHT_LAB_TAG:-}
case "$TAG" in *[!a-z0-9]*) echo "NETWRIGHT_LAB_TAG must be lower-case letters and digits" >&2; exit 2 ;; esac
LAB=bench
MODEL=$ROOT/examples/001-policy-routing-twice/fixed.nwp
OUT=$HERE/target/bench
DST=8.8.8.8

for tool in ip iperf3 timeout python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (iperf3: apt-get install iperf3)" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }
mkdir -p "$OUT"

# 1. the engine
JAR=$HERE/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  # in the reactor: the language server benchmark takes the DSL bundles from it
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl releng/org.netwright.targetplatform,bundles/org.netwright.model,dsl/org.netwright.dsl,dsl/org.netwright.dsl.ide,tests/org.netwright.benchmarks)
fi
JAVA_HOME=$("$ROOT/mvnw" --print-java-home)
echo "== JMH ($JMH_OPTS)"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -jar "$JAR" $JMH_OPTS -rf json -rff "$OUT/jmh.json" \
  'org.netwright.benchmarks.(Seed001Benchmark|RuleScalingBenchmark)' | grep -E '^(Benchmark|Seed|Rule)' || true

# 2. the kernel, on the lab of the same example
ns() { echo "nw${TAG}-${LAB}-$1"; }
SERVER_PID=
cleanup() {
  set +e
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  NETWRIGHT_LAB_TAG=$TAG "$NETWRIGHT" lab down "$LAB" >/dev/null 2>&1
  for n in client host proxy inet; do
    ip netns list | grep -qw "$(ns $n)" && echo "left over after lab down: $(ns $n)" >&2
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== kernel: lab up $MODEL (namespaces $(ns '*'))"
NETWRIGHT_LAB_TAG=$TAG "$NETWRIGHT" lab up "$MODEL" --name "$LAB" >"$OUT/lab-up.log" 2>&1 \
  || { cat "$OUT/lab-up.log" >&2; echo "lab up failed" >&2; exit 1; }
ip netns exec "$(ns client)" ping -c 1 -W 2 "$DST" >/dev/null \
  || { echo "lab path client -> $DST does not work" >&2; exit 1; }

rx() { ip -n "$(ns inet)" -s -j link show eth0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["rx"]["packets"])'; }
ip netns exec "$(ns inet)" timeout $((SECS + 20)) iperf3 -s -1 -B "$DST" >/dev/null 2>&1 &
SERVER_PID=$!
sleep 0.5
RX0=$(rx)
ip netns exec "$(ns client)" timeout $((SECS + 15)) iperf3 -c "$DST" -u -l 64 -b 0 -t "$SECS" -J >"$OUT/kernel.json"
RX1=$(rx)
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=

# 3. the ratios
python3 - "$OUT/jmh.json" "$OUT/kernel.json" "$RX0" "$RX1" "$SECS" <<'EOF' | tee "$OUT/ratios.txt"
import json, sys
jmh = json.load(open(sys.argv[1]))
k = json.load(open(sys.argv[2]))["end"]["sum"]
rx = int(sys.argv[4]) - int(sys.argv[3])
score = {}
for b in jmh:
    name = b["benchmark"].rsplit(".", 2)
    key = name[-2] + "." + name[-1]
    p = b.get("params") or {}
    if p:
        key += "[" + p["shape"] + "," + p["n"] + "]"
    score[key] = (b["primaryMetric"]["score"], b["primaryMetric"]["scoreError"], b["primaryMetric"]["scoreUnit"])
sent, lost, secs = k["packets"], k["lost_packets"], k["seconds"]
# forwarded = what arrived on inet's eth0 after both passes through host and the proxy; iperf3's own
# "lost" also counts what its receiving socket dropped after the kernel had forwarded it
kpps = rx / secs
walks = score["Seed001Benchmark.fixedPingRequestOnly"][0]
probes = score["Seed001Benchmark.fixedPing"][0]
print("kernel: %d datagrams sent in %.2f s; %d arrived on inet/eth0 = %.0f packets/s forwarded"
      " (iperf3's receiver got %d, %.0f/s)" % (sent, secs, rx, kpps, sent - lost, (sent - lost) / secs))
print("engine: seed 001 fixed ping, request walk only: %.0f walks/s (+- %.0f); request + reply: %.0f probes/s"
      % (walks, score["Seed001Benchmark.fixedPingRequestOnly"][1], probes))
print("engine walks/s / kernel packets/s = %.2f (request + reply walks: %.2f)" % (walks / kpps, 2 * probes / kpps))
print("broken variant probes/s / fixed variant probes/s = %.2f" % (score["Seed001Benchmark.brokenPing"][0] / probes))
shapes = sorted({key.split("[")[1].split(",")[0] for key in score if key.startswith("RuleScaling")})
for s in shapes:
    c = {n: score["RuleScalingBenchmark.walk[%s,%s]" % (s, n)][0] for n in ("100", "1000", "10000")}
    print("rule scaling %-11s cost per walk %8.0f ns at 100; cost(1000)/cost(100) = %6.2f, cost(10000)/cost(100) = %6.2f"
          % (s, c["100"], c["1000"] / c["100"], c["10000"] / c["100"]))
EOF
