#!/usr/bin/env bash
# Start-up figures of the command line as a user meets them, with hyperfine, all in one run so that the ratios to a
# `java -version` start of the same run compare (the machine may be busy; the ratios move less than the times):
#   validate of one example file, walk of one probe, check of all bundled examples, import + walk of a 10 000-rule
#   kube-proxy-shaped snapshot (walk of the snapshot folder), and serve --jsonl with WALKS walk requests against
#   WALKS separate walks (WALKS=20 by default).
# The snapshot is what the kernel's own tools print: KubeModel's model brought up with `netwright lab up`,
# `netwright snapshot --only` of its namespaces, `lab down` (root; made once, kept in target/bench/kube-snapshot).
#
# Usage: [NETWRIGHT=path/to/netwright] [RUNS=10] [WALKS=20] tests/org.netwright.benchmarks/startup-benchmarks.sh [LABEL]
# NETWRIGHT is the command to measure (default: the product the repository's ./netwright runs; give an older
# product's netwright to measure "before"). LABEL names the results: target/bench/startup-LABEL.json (hyperfine)
# and startup-LABEL.txt (medians and ratios). The start-up cache is made (and waited for) before measuring.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LABEL=${1:-now}
case "$LABEL" in ''|*[!A-Za-z0-9_-]*) echo "LABEL must be letters, digits, - and _" >&2; exit 2 ;; esac
RUNS=${RUNS:-10}
WALKS=${WALKS:-20}
case "$RUNS$WALKS" in *[!0-9]*) echo "RUNS and WALKS must be numbers" >&2; exit 2 ;; esac
OUT=$HERE/target/bench
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "missing hyperfine (apt-get install hyperfine)" >&2; exit 2; }
JAVA_HOME=$("$ROOT/mvnw" --print-java-home)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
if [ -z "${NETWRIGHT:-}" ]; then
  "$ROOT/netwright" --version >/dev/null # builds the product on first use
  NETWRIGHT="$ROOT/releng/org.netwright.product/target/products/org.netwright.app.studio/linux/gtk/x86_64/netwright-studio/netwright"
fi
NW=$NETWRIGHT
TAG=${NETWRIGHT_LAB_TAG:-bench}
case "$TAG" in *[!a-z0-9]*) echo "NETWRIGHT_LAB_TAG must be lower-case letters and digits" >&2; exit 2 ;; esac
EXAMPLE=$ROOT/examples/001-policy-routing-twice/fixed.nwp

# the 10 000-rule snapshot, once
SNAP=$OUT/kube-snapshot
MODEL=$OUT/kube-10000.nwp
PROBE=$("$JAVA" "$HERE/src/main/java/org/netwright/benchmarks/KubeModel.java" 10000 "$MODEL")
if [ ! -d "$SNAP" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "making the snapshot needs root (network namespaces)" >&2; exit 2; }
  trap 'NETWRIGHT_LAB_TAG=$TAG "$NW" lab down kube >/dev/null 2>&1 || true' EXIT
  NETWRIGHT_LAB_TAG=$TAG "$NW" lab up "$MODEL" --name kube >"$OUT/kube-lab-up.log" 2>&1 \
    || { cat "$OUT/kube-lab-up.log" >&2; exit 1; }
  rm -rf "$SNAP.tmp"
  NETWRIGHT_LAB_TAG=$TAG "$NW" snapshot -o "$SNAP.tmp" --only "nw$TAG-kube-" >/dev/null
  NETWRIGHT_LAB_TAG=$TAG "$NW" lab down kube >/dev/null
  trap - EXIT
  mv "$SNAP.tmp" "$SNAP"
fi
rules=$(grep -c '^-A' "$SNAP/nw$TAG-kube-node/iptables-save.txt")
# the walk options of KubeModel's probe, with the lab's namespace name
read -r -a probe <<<"${PROBE/--from client/--from nw$TAG-kube-client}"

# WALKS walk requests for serve, and the same walks one process each
REQUESTS=$OUT/walks.jsonl
: >"$REQUESTS"
for i in $(seq 1 "$WALKS"); do
  echo "{\"id\": $i, \"cmd\": \"walk\", \"model\": \"$EXAMPLE\", \"probe\": {\"from\": \"client\", \"proto\": \"udp\", \"dst\": \"8.8.8.8\", \"dport\": $((1000 + i))}}" >>"$REQUESTS"
done
WALKS_SCRIPT=$OUT/walks.sh
{
  echo '#!/bin/sh'
  for i in $(seq 1 "$WALKS"); do
    echo "'$NW' walk '$EXAMPLE' --from client --proto udp --dst 8.8.8.8 --dport $((1000 + i)) --json >/dev/null || exit 1"
  done
} >"$WALKS_SCRIPT"
chmod +x "$WALKS_SCRIPT"

# the start-up cache, made now rather than during the measurement
"$NW" --version >/dev/null
for _ in $(seq 1 1800); do # the training run takes minutes on a busy machine
  ls "${XDG_CACHE_HOME:-$HOME/.cache}"/netwright/cli-*.lock >/dev/null 2>&1 || break
  sleep 0.5
done

commands=(-n java-version "$JAVA -version"
  -n help "$NW --help"
  -n validate "$NW validate $EXAMPLE"
  -n walk "$NW walk $EXAMPLE --from client --proto icmp --dst 8.8.8.8"
  -n check-examples "$NW check --summary $ROOT/examples"
  -n walk-snapshot-10k "$NW walk $SNAP ${probe[*]}")
# a build from before serve existed is measured without it
if "$NW" serve --jsonl </dev/null >/dev/null 2>&1; then
  commands+=(-n serve-walks "sh -c '$NW serve --jsonl <$REQUESTS >/dev/null'")
fi
echo "== hyperfine, $RUNS runs each: $NW (snapshot: $rules iptables rules)"
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/startup-$LABEL.json" "${commands[@]}"
hyperfine -N --warmup 0 --runs 1 --export-json "$OUT/walks-$LABEL.json" -n separate-walks "$WALKS_SCRIPT" >/dev/null

python3 - "$OUT/startup-$LABEL.json" "$OUT/walks-$LABEL.json" "$LABEL" "$WALKS" <<'EOF' | tee "$OUT/startup-$LABEL.txt"
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
w = json.load(open(sys.argv[2]))["results"][0]
base = r["java-version"]["median"]
print("startup figures (%s): median wall time of %d runs; ratio = median / median of java -version in the same run;"
      " cpu = mean user + system time (moves less than wall time on a busy machine)" % (sys.argv[3], len(r["java-version"]["times"])))
print("%-20s %9s %9s %9s" % ("command", "median s", "ratio", "cpu s"))
for name in ["java-version", "help", "validate", "walk", "check-examples", "walk-snapshot-10k", "serve-walks"]:
    if name in r:
        print("%-20s %9.3f %9.1f %9.3f" % (name, r[name]["median"], r[name]["median"] / base, r[name]["user"] + r[name]["system"]))
print("%-20s %9.3f %9.1f %9.3f   (one run of %s walk processes; serve-walks does the same walks in one process)"
      % ("separate-walks", w["median"], w["median"] / base, w["user"] + w["system"], sys.argv[4]))
EOF
