package org.netwright.engine;

/**
 * The flags of a NAT statement (nft {@code random}, {@code fully-random}, {@code persistent}; iptables
 * {@code --random}, {@code --random-fully}, {@code --persistent}), as nf_nat_range2 carries them. The random ones
 * make the kernel choose the port at a random offset of the range even when the packet's own port is free;
 * {@code persistent} leaves the destination out of the hash that picks the address of a multi-address range, so
 * a source gets the same address whatever it talks to.
 */
public record NatFlags(boolean random, boolean fullyRandom, boolean persistent) {
    public static final NatFlags NONE = new NatFlags(false, false, false);

    /** NF_NAT_RANGE_PROTO_RANDOM_ALL: the port is chosen at random. */
    public boolean randomPort() {
        return random || fullyRandom;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (random) {
            sb.append("random");
        }
        if (fullyRandom) {
            sb.append(sb.isEmpty() ? "" : ",").append("fully-random");
        }
        if (persistent) {
            sb.append(sb.isEmpty() ? "" : ",").append("persistent");
        }
        return sb.toString();
    }
}
