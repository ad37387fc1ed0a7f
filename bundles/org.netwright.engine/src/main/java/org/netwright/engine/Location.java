package org.netwright.engine;

import java.util.Objects;

/**
 * Where a packet is: a namespace, one of its devices (null: the namespace as a whole) and, for a crossing of that
 * device, the direction (null when the place is not a crossing). Printed {@code ns}, {@code ns/dev} or
 * {@code ns/dev/in} ({@code /out}), the form the CLI's JSON uses.
 */
public record Location(String namespace, String device, Direction direction) {
    /** The direction of a device crossing. */
    public enum Direction {
        IN, OUT;

        private final String lower = name().toLowerCase();

        public String lower() {
            return lower;
        }
    }

    public Location {
        Objects.requireNonNull(namespace, "namespace");
        if (direction != null && device == null) {
            throw new IllegalArgumentException("a crossing needs a device: " + namespace + " " + direction);
        }
    }

    public static Location of(String namespace) {
        return new Location(namespace, null, null);
    }

    public static Location of(String namespace, String device) {
        return new Location(namespace, device, null);
    }

    public static Location in(String namespace, String device) {
        return new Location(namespace, device, Direction.IN);
    }

    public static Location out(String namespace, String device) {
        return new Location(namespace, device, Direction.OUT);
    }

    @Override
    public String toString() {
        if (device == null) {
            return namespace;
        }
        return direction == null ? namespace + "/" + device : namespace + "/" + device + "/" + direction.lower();
    }
}
