package org.netwright.engine;

/**
 * A route of one routing table. {@code via}/{@code src} are {@code null} when absent. {@code auto} marks
 * the routes the kernel adds by itself for configured addresses (local table entries, connected routes).
 */
public record Route(int table, Prefix dst, IpAddr via, String dev, int metric, IpAddr src, RouteType type,
        boolean auto) {
    /** Table ids as in {@code /etc/iproute2/rt_tables}. */
    public static final int LOCAL = 255, MAIN = 254, DEFAULT = 253;

    public Route {
        if (via != null && via.isV6() != dst.isV6() || src != null && src.isV6() != dst.isV6()) {
            throw new IllegalArgumentException("route " + dst + ": via/src " + (via != null ? via : src)
                    + " is of the other address family");
        }
    }

    public static Builder to(String prefix) {
        return new Builder(prefix.equals("default") ? Prefix.ANY : Prefix.parse(prefix));
    }

    /** The IPv6 default route ({@code ip -6 route add default ...}). */
    public static Builder defaultV6() {
        return new Builder(Prefix.ANY6);
    }

    public boolean isV6() {
        return dst.isV6();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != RouteType.UNICAST) {
            sb.append(type.name().toLowerCase()).append(' ');
        }
        sb.append(dst.len() == 0 ? "default" : dst.toString());
        if (via != null) {
            sb.append(" via ").append(via);
        }
        if (dev != null) {
            sb.append(" dev ").append(dev);
        }
        if (src != null) {
            sb.append(" src ").append(src);
        }
        if (metric != 0) {
            sb.append(" metric ").append(metric);
        }
        sb.append(" table ").append(table == MAIN ? "main" : table == LOCAL ? "local" : String.valueOf(table));
        return sb.toString();
    }

    /** Builder for {@link Route}. */
    public static final class Builder {
        private final Prefix dst;
        private int table = MAIN;
        private IpAddr via;
        private String dev;
        private int metric;
        private IpAddr src;
        private RouteType type = RouteType.UNICAST;

        private Builder(Prefix dst) {
            this.dst = dst;
        }

        public Builder via(String gw) {
            this.via = IpAddr.parse(gw);
            return this;
        }

        public Builder dev(String d) {
            this.dev = d;
            return this;
        }

        public Builder metric(int m) {
            this.metric = m;
            return this;
        }

        public Builder src(String s) {
            this.src = IpAddr.parse(s);
            return this;
        }

        public Builder type(RouteType t) {
            this.type = t;
            return this;
        }

        public Builder table(int t) {
            this.table = t;
            return this;
        }

        public Route build() {
            return new Route(table, dst, via, dev, metric, src, type, false);
        }
    }
}
