package org.netwright.engine;

/** Conntrack direction. */
public enum CtDir {
    ORIGINAL, REPLY;

    public CtDir other() {
        return this == ORIGINAL ? REPLY : ORIGINAL;
    }
}
