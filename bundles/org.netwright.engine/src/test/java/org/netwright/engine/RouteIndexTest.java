package org.netwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The prefix index must answer exactly as the linear longest-prefix scan it replaces. */
class RouteIndexTest {
    private static final String[] DEVS = {"a", "b", "c"};
    private static final RouteType[] TYPES = {RouteType.UNICAST, RouteType.UNICAST, RouteType.UNICAST,
            RouteType.BLACKHOLE, RouteType.THROW, RouteType.LOCAL};

    /** Overlapping prefixes in a small address space, duplicate prefixes with and without metric ties. */
    private static List<Route> randomTable(Random rnd, int n) {
        List<Route> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = rnd.nextInt(8) == 0 ? 0 : 16 + rnd.nextInt(17);
            int addr = 0x0a000000 | rnd.nextInt(1 << 12) << 4;
            String dev = rnd.nextInt(5) == 0 ? null : DEVS[rnd.nextInt(DEVS.length)];
            out.add(new Route(Route.MAIN, new Prefix(IpAddr.v4(addr), len), null, dev, rnd.nextInt(3), null,
                    TYPES[rnd.nextInt(TYPES.length)], false));
        }
        return List.copyOf(out);
    }

    @Test
    void agreesWithTheLinearScan() {
        Random rnd = new Random(5);
        int found = 0;
        for (int table = 0; table < 200; table++) {
            List<Route> routes = randomTable(rnd, 1 + rnd.nextInt(300));
            RouteIndex idx = new RouteIndex(routes);
            for (int q = 0; q < 200; q++) {
                IpAddr dst = IpAddr.v4(0x0a000000 | rnd.nextInt(1 << 16));
                String oif = rnd.nextInt(3) == 0 ? DEVS[rnd.nextInt(DEVS.length)] : null;
                Route expected = Routing.longestMatch(routes, dst, oif);
                assertSame(expected, idx.lookup(dst, oif), () -> "dst " + dst + " oif " + oif);
                found += expected == null ? 0 : 1;
            }
        }
        // the comparison means something only if most lookups find a route
        assertTrue(found > 20_000, "found " + found);
    }

    @Test
    void longestPrefixThenLowestMetricThenFirstConfigured() {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < RouteIndex.SCAN_MAX; i++) {
            routes.add(Route.to("10.9." + i + ".0/24").dev("a").build());
        }
        Route wide = Route.to("10.0.0.0/8").dev("a").build();
        Route second = Route.to("10.1.0.0/16").dev("b").metric(5).build();
        Route first = Route.to("10.1.0.0/16").dev("c").metric(5).build();
        Route worse = Route.to("10.1.0.0/16").dev("a").metric(9).build();
        routes.addAll(List.of(wide, worse, first, second));
        RouteIndex idx = new RouteIndex(List.copyOf(routes));
        assertSame(first, idx.lookup(IpAddr.parse("10.1.2.3"), null));
        assertSame(second, idx.lookup(IpAddr.parse("10.1.2.3"), "b"));
        assertSame(worse, idx.lookup(IpAddr.parse("10.1.2.3"), "a"));
        assertSame(wide, idx.lookup(IpAddr.parse("10.2.0.1"), null));
        assertNull(idx.lookup(IpAddr.parse("192.0.2.1"), null));
        assertEquals(12, idx.routes().size());
    }
}
