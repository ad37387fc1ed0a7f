package org.netwright.lab;

/** {@code conntrack -S}, summed over CPUs. */
public record ConntrackStats(long found, long invalid, long insert, long insertFailed, long drop, long earlyDrop,
        long error, long clashResolve) {

    public static final ConntrackStats ZERO = new ConntrackStats(0, 0, 0, 0, 0, 0, 0, 0);

    /** this - before. */
    public ConntrackStats minus(ConntrackStats b) {
        return new ConntrackStats(found - b.found, invalid - b.invalid, insert - b.insert,
                insertFailed - b.insertFailed, drop - b.drop, earlyDrop - b.earlyDrop, error - b.error,
                clashResolve - b.clashResolve);
    }
}
