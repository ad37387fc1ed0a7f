package org.netwright.engine;

/**
 * A chain as a trace names it: its table's family and name, the chain's name, and the priority of the base chain
 * whose evaluation reached it (a chain reached by jump or goto runs at its base chain's priority).
 */
public record ChainRef(Family family, String table, String chain, int priority) {
    @Override
    public String toString() {
        return family.nft() + " " + table + " " + chain;
    }
}
