package org.netwright.engine;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.RandomAccess;

/**
 * An immutable list over the elements of a list its owner no longer writes. The trace recorder hands its
 * per-walk lists over this way, so a walk does not copy its steps once more when the trace is built.
 */
final class FrozenList<T> extends AbstractList<T> implements RandomAccess {
    private final ArrayList<T> items;

    /** {@code items} must not be changed after this call. */
    FrozenList(ArrayList<T> items) {
        this.items = items;
    }

    @Override
    public T get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
