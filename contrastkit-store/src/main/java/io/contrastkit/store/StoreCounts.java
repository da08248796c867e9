package io.contrastkit.store;

/** How many images a store holds, by outcome. */
public record StoreCounts(long ok, long failed) {

    public long total() {
        return ok + failed;
    }
}
