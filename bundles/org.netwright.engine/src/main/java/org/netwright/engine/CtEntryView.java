package org.netwright.engine;

/** Immutable snapshot of a conntrack entry for results. {@code nat} is null, "snat", "dnat" or "snat+dnat". */
public record CtEntryView(String namespace, String proto, int zone, long mark, Tuple orig, Tuple reply, String nat,
        String state, boolean confirmed) {
    @Override
    public String toString() {
        return proto + " zone=" + zone + " mark=" + mark + " [" + orig + "] [" + reply + "]"
                + (nat == null ? "" : " " + nat) + " " + state;
    }
}
