package org.netwright.dsl.validation;

/**
 * Every issue code the Netwright language reports (validation and linking). Quick fixes
 * ({@code org.netwright.dsl.ide.quickfix}) are keyed on these codes; the issue data each code carries is
 * documented next to it and is what the quick fix needs, so a fix never has to re-derive it from the message.
 */
public final class IssueCodes {

    private IssueCodes() {
    }

    private static final String PREFIX = "org.netwright.dsl.";

    // ------------------------------------------------------------------ names, references, imports

    /** Two elements of one kind with the same name in one scope. Data: kind, name. */
    public static final String DUPLICATE_NAME = PREFIX + "duplicateName";
    /** Reference to a namespace that does not exist (or is not imported). Data: name. */
    public static final String UNKNOWN_NAMESPACE = PREFIX + "unknownNamespace";
    /** Reference to an interface that does not exist in the namespace. Data: name. */
    public static final String UNKNOWN_INTERFACE = PREFIX + "unknownInterface";
    /** jump/goto/-j to a chain that does not exist in the table. Data: name. */
    public static final String UNKNOWN_CHAIN = PREFIX + "unknownChain";
    /** lookup/table naming a routing table that is not declared. Data: name. */
    public static final String UNKNOWN_ROUTING_TABLE = PREFIX + "unknownRoutingTable";
    /** @set, map @m or $variable that is not declared. Data: name. */
    public static final String UNKNOWN_NFT_OBJECT = PREFIX + "unknownNftObject";
    /** expect NAME: where no probe NAME exists. Data: name. */
    public static final String UNKNOWN_PROBE = PREFIX + "unknownProbe";
    /** Any other unresolved reference. Data: name. */
    public static final String UNKNOWN_NAME = PREFIX + "unknownName";
    /** import "x.nwp" of a file that does not exist. Data: the import as written, the resolved URI. */
    public static final String IMPORT_NOT_FOUND = PREFIX + "importNotFound";

    // ------------------------------------------------------------------ topology

    /** Interface name longer than 15 characters (IFNAMSIZ - 1). Data: name. */
    public static final String INTERFACE_NAME_TOO_LONG = PREFIX + "interfaceNameTooLong";
    /** Interface name with '/', white space, or "." / "..". Data: name. */
    public static final String INTERFACE_NAME_INVALID = PREFIX + "interfaceNameInvalid";
    /** veth with no peer on either side. Data: name. */
    public static final String VETH_PEER_MISSING = PREFIX + "vethPeerMissing";
    /** veth that is the peer of another veth but does not name it back. Data: the other end as ns:name. */
    public static final String VETH_PEER_NOT_MUTUAL = PREFIX + "vethPeerNotMutual";
    /** veth whose peer names a third veth, or itself. Data: none. */
    public static final String VETH_PEER_MISMATCH = PREFIX + "vethPeerMismatch";
    /** The same IPv4 address twice in one namespace. Data: address. */
    public static final String ADDRESS_DUPLICATE = PREFIX + "addressDuplicate";
    /** The two ends of a veth pair or link carry the same address. Data: address. */
    public static final String ADDRESS_CONFLICT = PREFIX + "addressConflict";
    /** Address label that is not the interface name or "ifname:..." (or is too long). Data: interface name. */
    public static final String ADDRESS_LABEL_INVALID = PREFIX + "addressLabelInvalid";
    /** Bridge port that is the bridge itself, a loopback, or already a port of another bridge. */
    public static final String BRIDGE_PORT_INVALID = PREFIX + "bridgePortInvalid";
    /** link between interfaces that cannot be cabled (veth, bridge, loopback, ...) or used twice. */
    public static final String LINK_INVALID = PREFIX + "linkInvalid";
    /** A number out of its range (port, VLAN id, MTU, zone, table id, prefix length). Data: min, max. */
    public static final String VALUE_OUT_OF_RANGE = PREFIX + "valueOutOfRange";
    /** net.ipv4.conf.IF.* for an interface the namespace does not have. Data: interface name. */
    public static final String SYSCTL_UNKNOWN_INTERFACE = PREFIX + "sysctlUnknownInterface";
    /** net.bridge.bridge-nf-* without the br_netfilter module. Data: module name. */
    public static final String SYSCTL_NEEDS_MODULE = PREFIX + "sysctlNeedsModule";
    /** Route src, probe src or listen address that is not an address of the namespace. Data: address. */
    public static final String ADDRESS_NOT_LOCAL = PREFIX + "addressNotLocal";
    /** A sysctl value the kernel refuses (ip_forward 0/1, rp_filter 0..2, ...). Data: allowed values. */
    public static final String SYSCTL_VALUE = PREFIX + "sysctlValue";

    // ------------------------------------------------------------------ routing

    /** Route nexthop outside every connected prefix (or on-link route) of the namespace/dev. Data: via. */
    public static final String ROUTE_VIA_UNREACHABLE = PREFIX + "routeViaUnreachable";
    /** Prefix with host bits set (10.0.0.1/8): ip refuses it. Data: the canonical prefix. */
    public static final String PREFIX_HOST_BITS = PREFIX + "prefixHostBits";
    /** Unicast route with neither via nor dev. */
    public static final String ROUTE_NO_NEXTHOP = PREFIX + "routeNoNexthop";
    /** The same destination/table/metric twice ("RTNETLINK answers: File exists"). */
    public static final String ROUTE_DUPLICATE = PREFIX + "routeDuplicate";
    /** Two routing tables with the same id. Data: id. */
    public static final String ROUTING_TABLE_ID_DUPLICATE = PREFIX + "routingTableIdDuplicate";

    // ------------------------------------------------------------------ nftables

    /** Base chain (type ...) without hook. Data: chain type. */
    public static final String NFT_BASE_CHAIN_NO_HOOK = PREFIX + "nftBaseChainNoHook";
    /** Base chain without priority. Data: the standard priority name for its type/hook. */
    public static final String NFT_BASE_CHAIN_NO_PRIORITY = PREFIX + "nftBaseChainNoPriority";
    /** Chain type the family does not offer (nat in netdev, route in bridge, ...). */
    public static final String NFT_CHAIN_TYPE_FAMILY = PREFIX + "nftChainTypeFamily";
    /** Hook the family or chain type does not offer (prerouting in netdev, nat at forward, ...). */
    public static final String NFT_HOOK_INVALID = PREFIX + "nftHookInvalid";
    /** netdev (or inet ingress) chain without device. */
    public static final String NFT_DEVICE_MISSING = PREFIX + "nftDeviceMissing";
    /** device(s) on a chain that cannot be bound to a device. */
    public static final String NFT_DEVICE_NOT_ALLOWED = PREFIX + "nftDeviceNotAllowed";
    /** Standard priority name not defined for the family/hook (srcnat at prerouting, raw in bridge). Data: numeric value or "". */
    public static final String NFT_PRIORITY_NAME = PREFIX + "nftPriorityName";
    /** policy on a regular chain. */
    public static final String NFT_POLICY_REGULAR_CHAIN = PREFIX + "nftPolicyRegularChain";
    /** snat/dnat/masquerade/redirect in a chain that is not of type nat (or reached from one that is not). */
    public static final String NFT_NAT_CHAIN_TYPE = PREFIX + "nftNatChainType";
    /** NAT statement at a hook that cannot hold it (dnat at postrouting, masquerade at output, ...). */
    public static final String NFT_NAT_HOOK = PREFIX + "nftNatHook";
    /** NAT to a port without a transport protocol match before it. */
    public static final String NFT_NAT_PORT_WITHOUT_PROTOCOL = PREFIX + "nftNatPortWithoutProtocol";
    /** reject at postrouting. */
    public static final String NFT_REJECT_HOOK = PREFIX + "nftRejectHook";
    /** jump/goto to a base chain. */
    public static final String NFT_JUMP_TO_BASE_CHAIN = PREFIX + "nftJumpToBaseChain";
    /** jump/goto that closes a loop of chains (error when a base chain reaches it, the kernel refuses it). */
    public static final String NFT_JUMP_LOOP = PREFIX + "nftJumpLoop";
    /** jump/goto more than 15 deep below a base chain (the kernel refuses the ruleset: Too many links). */
    public static final String NFT_JUMP_TOO_DEEP = PREFIX + "nftJumpTooDeep";
    /** Statement after a terminal statement (verdict, reject, nat) in one rule. */
    public static final String NFT_STATEMENT_AFTER_VERDICT = PREFIX + "nftStatementAfterVerdict";
    /** Named set/map with prefix or range elements but no "flags interval". */
    public static final String NFT_SET_NEEDS_INTERVAL = PREFIX + "nftSetNeedsInterval";
    /** ct expression or statement in the netdev or arp family (no conntrack there). */
    public static final String NFT_CT_FAMILY = PREFIX + "nftCtFamily";
    /** meta key that nft only accepts with the "meta" keyword (meta l4proto, ...). */
    public static final String NFT_META_SHORTHAND = PREFIX + "nftMetaShorthand";
    /** meta ipsec at output/postrouting (the kernel refuses it there). */
    public static final String NFT_META_IPSEC_HOOK = PREFIX + "nftMetaIpsecHook";
    /** arp saddr/daddr without ip/ether. */
    public static final String NFT_ARP_SUBFIELD = PREFIX + "nftArpSubfield";
    /** ct zone set / notrack / stateless ip daddr set at prerouting/output after conntrack (-200) ran. */
    public static final String NFT_AFTER_CONNTRACK = PREFIX + "nftAfterConntrack";
    /** Unknown ct state / ct direction value. Data: the value. */
    public static final String NFT_CT_VALUE = PREFIX + "nftCtValue";
    /** A set or map data type nft does not know. Data: the closest known type name (the quick fix writes it). */
    public static final String NFT_DATA_TYPE = PREFIX + "nftDataType";
    /** A set or map element whose concatenation has another number of parts than the key type. Data: the expected number. */
    public static final String NFT_CONCAT_ARITY = PREFIX + "nftConcatArity";
    /** vmap on a map whose values are not verdicts. Data: the map's name. */
    public static final String NFT_VMAP_NOT_VERDICT = PREFIX + "nftVmapNotVerdict";
    /** numgen/jhash/symhash with modulus 0 (nft refuses it). */
    public static final String NFT_MODULUS_ZERO = PREFIX + "nftModulusZero";
    /** add/update @set on a set without flags dynamic (nft adds the flag and a size itself). Data: the set's name. */
    public static final String NFT_DYNSET_NOT_DYNAMIC = PREFIX + "nftDynsetNotDynamic";

    // ------------------------------------------------------------------ iptables

    /** Built-in chain that the table does not have (FORWARD in nat, PREROUTING in filter). */
    public static final String IPT_CHAIN_NOT_IN_TABLE = PREFIX + "iptChainNotInTable";
    /** Target not valid in this table (SNAT outside nat, CT outside raw). */
    public static final String IPT_TARGET_TABLE = PREFIX + "iptTargetTable";
    /** Target not valid at this chain's hook (SNAT in PREROUTING, REJECT in PREROUTING, ...). */
    public static final String IPT_TARGET_CHAIN = PREFIX + "iptTargetChain";
    /** -i in POSTROUTING/OUTPUT, -o in PREROUTING/INPUT. */
    public static final String IPT_INTERFACE_DIRECTION = PREFIX + "iptInterfaceDirection";
    /** Ports (--sport, --dport, multiport, NAT ports) without -p tcp/udp. */
    public static final String IPT_PORT_WITHOUT_PROTOCOL = PREFIX + "iptPortWithoutProtocol";
    /** --icmp-type without -p icmp. */
    public static final String IPT_ICMP_WITHOUT_PROTOCOL = PREFIX + "iptIcmpWithoutProtocol";
    /** -m policy --dir in in an output-path chain, --dir out in an input-path chain. */
    public static final String IPT_POLICY_DIRECTION = PREFIX + "iptPolicyDirection";
    /** Policy ACCEPT/DROP on a user-defined chain (ignored). */
    public static final String IPT_USER_CHAIN_POLICY = PREFIX + "iptUserChainPolicy";
    /** -j/-g that closes a loop of user chains. */
    public static final String IPT_JUMP_LOOP = PREFIX + "iptJumpLoop";
    /** A NAT flag the target does not have (DNAT --random-fully, NETMAP --random ...). Data: the option. */
    public static final String IPT_NAT_OPTION = PREFIX + "iptNatOption";
    /** -j/-g more than 15 deep below a built-in chain (iptables-nft refuses it; iptables-legacy loads it). */
    public static final String IPT_JUMP_TOO_DEEP = PREFIX + "iptJumpTooDeep";

    // ------------------------------------------------------------------ xfrm

    /** Policy template without a matching xfrm state (packets are dropped / wait for an IKE daemon). */
    public static final String XFRM_NO_STATE = PREFIX + "xfrmNoState";
    /** Two states with the same dst, proto and spi. */
    public static final String XFRM_DUPLICATE_STATE = PREFIX + "xfrmDuplicateState";
    /** Tunnel-mode template without src and dst. */
    public static final String XFRM_TUNNEL_ENDPOINTS = PREFIX + "xfrmTunnelEndpoints";

    // ------------------------------------------------------------------ probes and expectations

    /** Ports on a probe or header whose protocol has none (ping, esp, ...). */
    public static final String PROBE_PORTS = PREFIX + "probePorts";
    /** udp/tcp probe without a destination port. */
    public static final String PROBE_DPORT_MISSING = PREFIX + "probeDportMissing";
    /** Probe field that does not apply to its protocol (spi on udp, icmp type on tcp, flags on udp). Data: field. */
    public static final String PROBE_FIELD_PROTOCOL = PREFIX + "probeFieldProtocol";
    /** Addresses inside the payload: NAT does not rewrite them. */
    public static final String PAYLOAD_ADDRESS = PREFIX + "payloadAddress";

    /** neigh ... lladdr: not a unicast MAC address of the form 02:00:00:00:00:01. */
    public static final String NEIGH_LLADDR_INVALID = PREFIX + "neighLladdrInvalid";
    /** neigh ADDRESS: not a unicast IPv4 address. */
    public static final String NEIGH_ADDRESS_INVALID = PREFIX + "neighAddressInvalid";
    /** neigh ... dev: a device without neighbours (loopback) or of another namespace. */
    public static final String NEIGH_DEVICE_INVALID = PREFIX + "neighDeviceInvalid";

    // ------------------------------------------------------------------ files and values every command accepts alike

    /** import of a file that exists but cannot be read as a model (a folder, a device, a /proc file, too large). Data: the import as written, the reason. */
    public static final String IMPORT_UNREADABLE = PREFIX + "importUnreadable";
    /** import of a URI that is not a file (http:, ...). Data: the import as written. */
    public static final String IMPORT_NOT_A_FILE = PREFIX + "importNotAFile";
    /** import of a file whose name does not end in .nwp. Data: the import as written. */
    public static final String IMPORT_NOT_NWP = PREFIX + "importNotNwp";
    /** A file that defines nothing and imports nothing. */
    public static final String EMPTY_MODEL = PREFIX + "emptyModel";
    /** An IPv4 address or prefix written as text that is not one (an octet above 255, a length above 32). Data: the text. */
    public static final String ADDRESS_INVALID = PREFIX + "addressInvalid";
    /** A name longer than the kernel or nft takes (nft names 255, namespace names 200). Data: the maximum. */
    public static final String NAME_TOO_LONG = PREFIX + "nameTooLong";
    /** A log prefix, comment or quoted value too long for its tool, or holding a quote, backslash or control character. Data: the maximum length. */
    public static final String TEXT_NOT_WRITABLE = PREFIX + "textNotWritable";

    // ------------------------------------------------------------------ address families (IPv4 and IPv6)

    /** An ip/icmp match in an ip6 table, or an ip6/icmpv6 match in an ip table: it never matches. Data: the protocol of the table's family. */
    public static final String NFT_MATCH_FAMILY = PREFIX + "nftMatchFamily";
    /** An address of the other family where one family is taken (ip daddr 2001:db8::1, an IPv6 address in an iptables block, NAT to the other family, a gateway or probe source of the other family). Data: the family taken (IPv4, IPv6). */
    public static final String ADDRESS_FAMILY = PREFIX + "addressFamily";
    /** snat/dnat with an address in an inet table, without 'ip'/'ip6' or a match that fixes the family: nft refuses it. Data: the family keyword to add (ip, ip6). */
    public static final String NAT_FAMILY_MISSING = PREFIX + "natFamilyMissing";
    /** --icmp-type in an ip6tables block or --icmpv6-type in an iptables block. Data: the option of the block's family. */
    public static final String IPT_ICMP_FAMILY = PREFIX + "iptIcmpFamily";
}
