package org.netwright.engine;

/** Base chain types. */
public enum ChainType {
    FILTER, NAT, ROUTE
}
