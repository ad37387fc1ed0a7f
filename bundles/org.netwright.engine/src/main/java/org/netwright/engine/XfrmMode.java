package org.netwright.engine;

/** IPsec encapsulation mode. */
public enum XfrmMode {
    TUNNEL, TRANSPORT
}
