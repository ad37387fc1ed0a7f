package org.netwright.engine.diagnostics;

/** How much a diagnostic matters: an error explains why a packet was not handled as the rules intend. */
public enum Severity {
    /** The ruleset does not do what it evidently means to do (a NAT rule that never ran, a clash drop). */
    ERROR,
    /** Likely unintended: traffic or data the configuration cannot handle. */
    WARNING,
    /** An explanation of what happened (a policy drop, a disabled sysctl) that may be intended. */
    INFO;

    public String lower() {
        return name().toLowerCase();
    }
}
