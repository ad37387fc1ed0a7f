#!/usr/bin/env bash
# The installed command line (called by product-tests.sh with the unpacked product and a scratch folder):
#  - it runs on netwright.classpath, and no bundle of the user interface is on it;
#  - `serve --jsonl` answers requests written to its stdin, one line each, in order, over a real pipe;
#  - the start-up cache: made by a training run in the background, then used (classes come from it); a damaged cache,
#    a cache folder that cannot be made and NETWRIGHT_CACHE=off change nothing in what the command prints.
set -euo pipefail
STUDIO=$1
SCRATCH=$2/cli
NW="$STUDIO/netwright"
JAVA="${JAVA_HOME:?JAVA_HOME is set by the build}/bin/java"
export JAVA_HOME
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
fail() { echo "cli test: $*"; exit 1; }

# a model of its own: the product has no examples
MODEL="$SCRATCH/lan.nwp"
printf '%s\n' 'namespace client {' '	interface eth0 { address 10.0.0.1/24 }' '}' 'namespace server {' \
  '	interface eth0 { address 10.0.0.2/24 }' '	listen udp 53' '}' 'link client:eth0 <-> server:eth0' \
  'expect "dns" udp from client:40000 to 10.0.0.2:53: delivered to server' >"$MODEL"

# 1. the class path
[ -s "$STUDIO/netwright.classpath" ] || fail "no netwright.classpath in the product"
# -XshowSettings prints a path property one entry per line
cp_used=$(NETWRIGHT_CACHE=off NETWRIGHT_JAVA_OPTS="-XshowSettings:properties" "$NW" --version 2>&1 \
  | awk '/^ *java\.class\.path = / { f = 1; sub(/^ *java\.class\.path = /, ""); print; next } f && / = / { f = 0 } f { sub(/^ */, ""); print }')
[ -n "$cp_used" ] || fail "could not read the class path the launcher used"
grep -q '\*' <<<"$cp_used" && fail "the launcher fell back to every bundle: $cp_used"
if sed 's|.*/||' <<<"$cp_used" | grep -E '^(org\.eclipse\.(swt|ui|jface|e4\.ui|gef|draw2d)|org\.netwright\.(ui|diagram|app))[._]'; then
  fail "user interface bundles on the command line's class path (above)"
fi
echo "cli test: class path of $(wc -l <<<"$cp_used") jars of $(ls "$STUDIO/plugins" | wc -l) bundles, no user interface"
NETWRIGHT_CACHE=off "$NW" validate "$MODEL" >/dev/null || fail "validate failed on the lean class path"

# 2. serve --jsonl over a pipe
responses=$(printf '%s\n' \
  "{\"id\": 1, \"cmd\": \"validate\", \"paths\": [\"$MODEL\"]}" \
  "{\"id\": 2, \"cmd\": \"walk\", \"model\": \"$MODEL\", \"probe\": {\"from\": \"client\", \"proto\": \"udp\", \"dst\": \"10.0.0.2\", \"dport\": 53}}" \
  'not json' \
  "{\"id\": \"c\", \"cmd\": \"check\", \"paths\": [\"$MODEL\"], \"summary\": true}" \
  | NETWRIGHT_CACHE=off timeout 120 "$NW" serve --jsonl) || fail "serve --jsonl exited with $?"
python3 - "$responses" <<'PY' || fail "serve --jsonl answered wrongly: $responses"
import json, sys
lines = sys.argv[1].split("\n")
assert len(lines) == 4, lines
r = [json.loads(l) for l in lines]
assert [x["id"] for x in r] == [1, 2, None, "c"], r
assert [x["exit"] for x in r] == [0, 0, 2, 0], r
assert "0 error(s)" in r[0]["stdout"], r[0]
assert r[1]["result"]["delivered_to"] == "server", r[1]
assert "line 3" in r[2]["stderr"], r[2]
assert "1 hold, 0 violated" in r[3]["stdout"], r[3]
PY
echo "cli test: serve --jsonl answered 4 requests over a pipe"

# 3. the start-up cache
if [ "$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')" -lt 19 ]; then
  echo "cli test: no start-up cache on a JDK before 19: not tested"; exit 0
fi
CACHE="$SCRATCH/cache"
reference=$(NETWRIGHT_CACHE=off "$NW" validate "$MODEL" 2>&1)
first=$(NETWRIGHT_CACHE_DIR="$CACHE" "$NW" validate "$MODEL" 2>&1)
[ "$first" = "$reference" ] || fail "the first run (training in the background) printed something else: $first"
for _ in $(seq 1 1800); do # the training run, niced, takes minutes on a busy machine
  ls "$CACHE"/cli-*.lock >/dev/null 2>&1 || break
  sleep 0.5
done
cache_file=$(ls "$CACHE"/cli-*.aot "$CACHE"/cli-*.jsa 2>/dev/null | head -1 || true)
[ -n "$cache_file" ] || fail "no cache file after the training run: $(ls -la "$CACHE")"
shared=$(NETWRIGHT_CACHE_DIR="$CACHE" NETWRIGHT_JAVA_OPTS="-Xlog:class+load=info:file=$SCRATCH/classes.log" "$NW" validate "$MODEL" 2>&1)
[ "$shared" = "$reference" ] || fail "a run with the cache printed something else: $shared"
from_cache=$(grep -c 'org\.eclipse\.xtext\..*source: shared objects file' "$SCRATCH/classes.log" || true)
[ "$from_cache" -gt 500 ] || fail "only $from_cache Xtext classes came from the cache $cache_file"
echo "cli test: start-up cache $(basename "$cache_file") made in the background; $from_cache Xtext classes from it"

head -c 4096 "$cache_file" >"$cache_file.cut" && mv "$cache_file.cut" "$cache_file"
damaged=$(NETWRIGHT_CACHE_DIR="$CACHE" "$NW" validate "$MODEL" 2>&1)
[ "$damaged" = "$reference" ] || fail "a damaged cache changed the output: $damaged"
unusable=$(NETWRIGHT_CACHE_DIR=/proc/netwright-cache "$NW" validate "$MODEL" 2>&1)
[ "$unusable" = "$reference" ] || fail "a cache folder that cannot be made changed the output: $unusable"
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null; then
  # another user, whose home cannot be written, runs the same installation
  other=$(cd / && runuser -u nobody -- env -i PATH="$PATH" JAVA_HOME="$JAVA_HOME" HOME=/nonexistent "$NW" validate "$MODEL" 2>&1) \
    || fail "user nobody could not run the command line: $other"
  [ "$other" = "$reference" ] || fail "user nobody got other output: $other"
fi
echo "cli test: a damaged cache, an unwritable cache folder and another user change nothing in the output"
