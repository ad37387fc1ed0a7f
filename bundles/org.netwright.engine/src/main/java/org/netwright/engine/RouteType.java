package org.netwright.engine;

/** Route types of the Linux FIB that the engine distinguishes. */
public enum RouteType {
    UNICAST, LOCAL, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW
}
