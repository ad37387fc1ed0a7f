#!/usr/bin/env bash
# Kernel forwarding rate through the seed 001 lab topology (fixed variant), for comparison with the
# engine's walks/s (Seed001Benchmark). Needs root, iproute2, iptables and iperf3 (apt-get install iperf3).
#
#   client --veth-- host --veth-- proxy          host policy-routes the client's traffic via the proxy,
#                    |                            so every packet crosses the host's netfilter twice
#                    +--- internet (dummy DST)    (ct zone 1 for the first pass, MASQUERADE on enp4s0)
#
# It creates its own namespaces (prefix nwbench-), which have no link to the root namespace: the traffic
# never leaves them. A bounded UDP flood of small datagrams (iperf3 -u -l 64 -b 0 -t SECONDS) goes from
# the client to DST in the internet namespace; the script prints the packets/s the receiver got, i.e.
# the rate at which the kernel forwarded them along the whole path. Namespaces are removed on exit, also
# on failure or interruption.
#
# Usage: sudo tests/org.netwright.benchmarks/kernel-forwarding-rate.sh [SECONDS]   (default 5, at most 30)
# DST defaults to 198.51.100.8 (TEST-NET-2), standing in for the seed's 8.8.8.8: the destination address
# plays no part in the forwarding cost, and no public address is used even inside the lab.
set -euo pipefail

SECS=${1:-5}
case "$SECS" in ''|*[!0-9]*) echo "SECONDS must be a number" >&2; exit 2 ;; esac
[ "$SECS" -ge 1 ] && [ "$SECS" -le 30 ] || { echo "SECONDS must be 1..30" >&2; exit 2; }
DST=${DST:-198.51.100.8}
P=nwbench-
NS=(client host proxy internet)

for tool in ip iptables iperf3 timeout python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (iperf3: apt-get install iperf3)" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || { echo "needs root (network namespaces)" >&2; exit 2; }

SERVER_PID=
cleanup() {
  set +e
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  for n in "${NS[@]}"; do ip netns del "$P$n" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

nsx() { local n=$1; shift; ip netns exec "$P$n" "$@"; }

for n in "${NS[@]}"; do
  if ip netns list | grep -qw "$P$n"; then ip netns del "$P$n"; fi   # leftover of a killed run
  ip netns add "$P$n"
  nsx "$n" ip link set lo up
  nsx "$n" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
done

# links, created inside the namespaces (never in the root namespace)
ip -n ${P}host link add client-veth0 type veth peer name veth0 netns ${P}client
ip -n ${P}host link add proxy-veth0 type veth peer name veth0 netns ${P}proxy
ip -n ${P}host link add enp4s0 type veth peer name eth0 netns ${P}internet
# DST on a dummy interface as in the seed; on lo where the kernel has no dummy driver (same local delivery)
DST_DEV=dns
ip -n ${P}internet link add dns type dummy 2>/dev/null || DST_DEV=lo

nsx host ip addr add 10.10.1.2/24 dev client-veth0
nsx host ip addr add 10.10.2.2/24 dev proxy-veth0
nsx host ip addr add 172.16.202.30/24 dev enp4s0
nsx client ip addr add 10.10.1.1/24 dev veth0
nsx proxy ip addr add 10.10.2.1/24 dev veth0
nsx internet ip addr add 172.16.202.1/24 dev eth0
nsx internet ip addr add "$DST/32" dev "$DST_DEV"
for l in host:client-veth0 host:proxy-veth0 host:enp4s0 client:veth0 proxy:veth0 internet:eth0 "internet:$DST_DEV"; do
  nsx "${l%%:*}" ip link set "${l#*:}" up
done

# routing: as in the seed
nsx client ip route add default via 10.10.1.2 dev veth0
nsx proxy ip route add default via 10.10.2.2 dev veth0
nsx host ip route add default via 172.16.202.1 dev enp4s0 metric 100
nsx host ip route add default via 10.10.2.1 dev proxy-veth0 table 100
nsx host ip route add default via 10.10.1.1 dev client-veth0 table 101
nsx host ip rule add priority 100 from 10.10.1.0/24 iif client-veth0 lookup 100
nsx host ip rule add priority 101 to 10.10.1.0/24 iif proxy-veth0 lookup 101
nsx host ip rule add priority 102 to 10.10.1.0/24 iif enp4s0 lookup 100
for n in host proxy; do
  nsx "$n" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0 net.ipv4.conf.default.send_redirects=0
done
for d in client-veth0 proxy-veth0 enp4s0; do nsx host sysctl -qw "net.ipv4.conf.$d.send_redirects=0"; done
nsx proxy sysctl -qw net.ipv4.conf.veth0.send_redirects=0

# netfilter: the seed's fixed variant
nsx host iptables -t raw -A PREROUTING -i client-veth0 -j CT --zone 1
nsx host iptables -t raw -A PREROUTING -i proxy-veth0 -d 10.10.1.0/24 -j CT --zone 1
nsx host iptables -t nat -A POSTROUTING -s 10.10.1.0/24 ! -d 10.10.1.0/24 -o enp4s0 -j MASQUERADE

# the path works before it is measured
nsx client ping -c 1 -W 2 "$DST" >/dev/null || { echo "lab path client -> $DST does not work" >&2; exit 1; }

nsx internet timeout $((SECS + 20)) iperf3 -s -1 -B "$DST" >/dev/null 2>&1 &
SERVER_PID=$!
sleep 0.5
OUT=$(nsx client timeout $((SECS + 15)) iperf3 -c "$DST" -u -l 64 -b 0 -t "$SECS" -J)
echo "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)
s = r["end"]["sum"]
secs = s["seconds"]
sent, lost = s["packets"], s["lost_packets"]
got = sent - lost
print("sent %d datagrams of 64 bytes in %.2f s; received %d (lost %d)" % (sent, secs, got, lost))
print("kernel_sent_pps %.0f" % (sent / secs))
print("kernel_forwarded_pps %.0f" % (got / secs))
'
