package org.netwright.engine;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * An immutable list whose elements are computed on first access, once. Used for a walk's trace: the
 * engine records every step while walking, but the steps' texts are only formatted when someone reads
 * the trace, so walks whose trace nobody reads do not pay for it.
 */
final class LazyList<T> extends AbstractList<T> implements RandomAccess {
    private Supplier<List<T>> source;
    private volatile List<T> value;

    LazyList(Supplier<List<T>> source) {
        this.source = source;
    }

    private List<T> value() {
        List<T> v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = List.copyOf(source.get());
                    value = v;
                    source = null;
                }
            }
        }
        return v;
    }

    @Override
    public T get(int index) {
        return value().get(index);
    }

    @Override
    public int size() {
        return value().size();
    }
}
