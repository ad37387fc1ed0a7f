package org.netwright.engine;

/** Conntrack states as matched by {@code ct state} / {@code -m conntrack --ctstate}. */
public enum CtState {
    NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED;

    public String nft() {
        return name().toLowerCase();
    }
}
