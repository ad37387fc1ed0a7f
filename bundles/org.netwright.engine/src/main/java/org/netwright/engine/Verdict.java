package org.netwright.engine;

/** Outcome of running a chain or a whole hook. */
public enum Verdict {
    ACCEPT, DROP, STOLEN
}
