package org.netwright.engine;

/** The final fate of a walked packet. */
public record Disposition(Type type, String namespace, String device, String where, String reason, SourceRef rule) {
    /** Fates. */
    public enum Type {
        DELIVERED, DROPPED, LEFT_NETWORK, TTL_EXPIRED
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.name().toLowerCase()).append(" at ").append(namespace);
        if (device != null) {
            sb.append('/').append(device);
        }
        if (where != null) {
            sb.append(" (").append(where).append(')');
        }
        if (reason != null) {
            sb.append(": ").append(reason);
        }
        if (rule != null) {
            sb.append(" by rule: ").append(rule);
        }
        return sb.toString();
    }
}
