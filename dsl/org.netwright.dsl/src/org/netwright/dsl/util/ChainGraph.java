package org.netwright.dsl.util;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Jump/goto edges between the chains of one table; answers reachability and loop questions. Reachability is
 * remembered until the next edge: validation asks it of every rule of a table, and kube-proxy's tables have thousands
 * of chains.
 */
public final class ChainGraph<C> {

    private final Map<C, Set<C>> edges = new LinkedHashMap<>();
    private final Map<C, Set<C>> reachable = new HashMap<>();

    public void edge(C from, C to) {
        edges.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
        edges.computeIfAbsent(to, k -> new LinkedHashSet<>());
        reachable.clear();
    }

    public void node(C c) {
        edges.computeIfAbsent(c, k -> new LinkedHashSet<>());
    }

    /** Every chain reachable from {@code start} through one or more jumps (contains start only on a loop); not to be changed. */
    public Set<C> reachableFrom(C start) {
        return reachable.computeIfAbsent(start, this::search);
    }

    private Set<C> search(C start) {
        Set<C> seen = new LinkedHashSet<>();
        Deque<C> todo = new ArrayDeque<>(edges.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            C c = todo.poll();
            if (seen.add(c)) {
                todo.addAll(edges.getOrDefault(c, Set.of()));
            }
        }
        return Collections.unmodifiableSet(seen);
    }

    /**
     * The most jumps on any path from {@code start} to each chain it reaches ({@code start} itself: 0), as the
     * kernel's ruleset validation counts them; a path is not followed around a loop (loops are refused apart).
     */
    public Map<C, Integer> deepest(C start) {
        Map<C, Integer> depth = new LinkedHashMap<>();
        deepest(start, 0, new LinkedHashSet<>(), depth);
        return depth;
    }

    private void deepest(C c, int level, Set<C> path, Map<C, Integer> depth) {
        Integer known = depth.get(c);
        if ((known != null && known >= level) || !path.add(c)) {
            return;
        }
        depth.put(c, level);
        for (C next : edges.getOrDefault(c, Set.of())) {
            deepest(next, level + 1, path, depth);
        }
        path.remove(c);
    }

    /** True when the edge from -> to closes a loop (to leads back to from). */
    public boolean closesLoop(C from, C to) {
        return from.equals(to) || reachableFrom(to).contains(from);
    }
}
