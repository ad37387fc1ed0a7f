#!/bin/bash
# Throw-away lab of three namespaces $P-a, $P-b, $P-c (P = $NWIMP_PREFIX, default nwimp) for capturing
# real dumps and for KernelRoundTripTest. Usage: lab-setup.sh [down]. Needs root, ip, nft, iptables-nft, iptables-legacy.
set -e
P=${NWIMP_PREFIX:-nwimp}
down() { for n in a b c; do ip netns del $P-$n 2>/dev/null || true; done; }
if [ "$1" = down ]; then down; exit 0; fi
down
for n in a b c; do ip netns add $P-$n; ip -n $P-$n link set lo up; done
A="ip -n $P-a"; B="ip -n $P-b"; C="ip -n $P-c"
ip link add va0 netns $P-a type veth peer name vb0 netns $P-b
ip link add va1 netns $P-a type veth peer name vb1 netns $P-b
ip link add vc0 netns $P-c type veth peer name vb2 netns $P-b
$B link add br0 type bridge
$B link set vb1 master br0; $B link set vb2 master br0
for l in va0 va1; do $A link set $l up; done
for l in vb0 vb1 vb2 br0; do $B link set $l up; done
$C link set vc0 up
$A addr add 10.77.0.1/24 dev va0
$A addr add 10.77.0.9/24 dev va0
$A addr add 2001:db8:77::1/64 dev va0 nodad
$A addr add 10.88.0.1/24 dev va1
$A addr add 192.0.2.1/32 dev lo
$B addr add 10.77.0.2/24 dev vb0
$B addr add 10.88.0.2/24 dev br0
$C addr add 10.88.0.3/24 dev vc0
$A route add 10.78.0.0/16 via 10.77.0.2 dev va0 metric 50
$A route add default via 10.77.0.2 dev va0 table 100
$A route add blackhole 10.99.0.0/16
$A route add unreachable 10.98.0.0/16 table 100
$A route add 10.79.0.0/16 dev va1 src 10.88.0.1 proto static scope link
$A rule add fwmark 0x1/0xff lookup 100 priority 1000
$A rule add from 10.77.0.0/24 to 10.80.0.0/16 iif va0 lookup 100 priority 1100
$A rule add not from 192.0.2.0/24 prohibit priority 1200
$B route add default via 10.77.0.1
$C route add default via 10.88.0.2
ip netns exec $P-b sysctl -qw net.ipv4.ip_forward=1
ip netns exec $P-a sysctl -qw net.ipv4.conf.all.rp_filter=2
ip netns exec $P-a nft -f - <<'NFT'
table inet nwfilter {
  set allowed { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.1.0/24 } }
  map portmap { type inet_service : ipv4_addr; elements = { 80 : 10.77.0.2, 443 : 10.77.0.3 } }
  chain input {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
    ct state invalid counter drop
    iifname "lo" accept
    ip saddr @allowed tcp dport { 22, 80 } counter accept comment "ssh and web"
    meta l4proto icmp accept
    ip protocol esp accept
    meta ipsec exists accept
    udp dport 1000-2000 reject with icmp type port-unreachable
    tcp dport 23 reject with tcp reset
    log prefix "in-drop: " level info drop
  }
  chain forward {
    type filter hook forward priority filter + 10; policy accept;
    iifname "va0" oifname != "va1" jump fwd_checks
    meta mark and 0xff == 0x1 goto fwd_checks
  }
  chain fwd_checks {
    meta mark set 0x10
    ct mark set meta mark
    ct zone set 3
    tcp flags syn tcp option maxseg size set rt mtu
    return
  }
}
table ip nwnat {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    udp dport 5000 dnat to 10.77.0.2:6000
    tcp dport 8080 dnat to tcp dport map { 8080 : 10.77.0.5 }
  }
  chain post {
    type nat hook postrouting priority srcnat; policy accept;
    ip saddr 10.1.0.0/16 snat to 198.51.100.1-198.51.100.4 fully-random
    oifname "va0" masquerade
  }
  chain raw {
    type filter hook prerouting priority raw; policy accept;
    ip protocol esp notrack
  }
}
table netdev nwedge {
  chain ing {
    type filter hook ingress device "va0" priority -500; policy accept;
    ip daddr 10.77.0.100 ip daddr set 10.77.0.1 meta mark set 0x2
  }
}
NFT
ip netns exec $P-b iptables-nft-restore <<'IPT'
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -i vb0 -j CT --zone 7
-A OUTPUT -p esp -j CT --notrack
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -s 10.77.0.0/24 -j MARK --set-xmark 0x1/0xff
-A PREROUTING -m connmark --mark 0x5/0xff -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff
-A POSTROUTING -o vb0 -j CONNMARK --save-mark
-A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 10.77.0.2/32 -p udp --dport 4500 -j DNAT --to-destination 10.88.0.3:4500
-A POSTROUTING -s 10.88.0.3/32 -p esp -j SNAT --to-source 10.77.0.2
-A POSTROUTING -m policy --dir out --pol ipsec -j ACCEPT
-A POSTROUTING -o vb0 -p udp -j MASQUERADE --to-ports 1024-65535 --random
-A POSTROUTING -o vb0 -j MASQUERADE
-A OUTPUT -p tcp --dport 80 -j REDIRECT --to-ports 3128
COMMIT
*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:LOGDROP - [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -m state --state INVALID -j DROP
-A INPUT -p tcp -m tcp --dport 22 -m comment --comment "ssh in" -j ACCEPT
-A INPUT -p udp -m multiport --dports 500,4500 -j ACCEPT
-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT
-A INPUT -m policy --dir in --pol ipsec --proto esp -j ACCEPT
-A INPUT -m addrtype --dst-type LOCAL ! -s 10.0.0.0/8 -j LOGDROP
-A INPUT -m iprange --src-range 10.88.0.10-10.88.0.20 -j DROP
-A INPUT -p tcp --syn -m hashlimit --hashlimit-upto 5/sec --hashlimit-mode srcip --hashlimit-name synlim -j ACCEPT
-A INPUT -m mark --mark 0x1/0xff -j ACCEPT
-A FORWARD -i br0 -o vb0 -g LOGDROP
-A FORWARD -p tcp -j REJECT --reject-with tcp-reset
-A LOGDROP -j LOG --log-prefix "nw-drop: " --log-level 4
-A LOGDROP -j DROP
COMMIT
IPT
ip netns exec $P-c iptables-legacy-restore <<'IPT'
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -s 10.88.0.2/32 -p tcp -m tcp --sport 1024:65535 --dport 80 -j ACCEPT
-A INPUT -m recent --name badguys --rcheck --seconds 60 -j DROP
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A POSTROUTING -o vc0 -j MASQUERADE
COMMIT
IPT
$A xfrm policy add src 10.77.0.0/24 dst 10.90.0.0/24 dir out priority 100 tmpl src 10.77.0.1 dst 10.77.0.2 proto esp reqid 5 mode tunnel
$A xfrm policy add src 10.90.0.0/24 dst 10.77.0.0/24 dir in tmpl src 10.77.0.2 dst 10.77.0.1 proto esp reqid 5 mode tunnel level use
$A xfrm policy add src 10.90.0.0/24 dst 10.88.0.0/24 dir fwd tmpl src 10.77.0.2 dst 10.77.0.1 proto esp reqid 5 mode tunnel
$A xfrm policy add src 10.77.0.1/32 dst 10.66.0.0/16 proto udp dport 53 dir out action block
$A xfrm state add src 10.77.0.1 dst 10.77.0.2 proto esp spi 0x1001 reqid 5 mode tunnel enc 'cbc(aes)' 0x0123456789abcdef0123456789abcdef auth-trunc 'hmac(sha256)' 0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef 128 || echo "ESP state failed (expected on this kernel)" >&2
$A xfrm state add src 10.77.0.1 dst 10.77.0.2 proto ah spi 0x2001 reqid 6 mode transport auth 'hmac(sha256)' 0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef || echo "AH state failed" >&2
$A xfrm state add src 10.77.0.1 dst 10.77.0.2 proto comp spi 0x3001 reqid 7 mode tunnel comp deflate || echo "comp state failed" >&2
$A xfrm state add src 10.77.0.1 dst 10.77.0.2 proto esp spi 0x4001 reqid 8 mode tunnel enc cipher_null '' auth digest_null '' || echo "ESP null failed" >&2
true
