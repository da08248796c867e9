package io.contrastkit.store;

/**
 * What the store remembers of a file for incremental runs: unchanged size and modification time
 * mean the stored outcome (ok or failed) still holds.
 *
 * @param id      the image id, replaced when the file is extracted again
 * @param size    file size in bytes when extracted
 * @param mtimeNs modification time in nanoseconds since the epoch when extracted
 * @param status  the stored outcome
 */
public record KnownImage(long id, long size, long mtimeNs, ImageStatus status) {

    /** Whether a file with this size and modification time is the one already extracted. */
    public boolean unchanged(long currentSize, long currentMtimeNs) {
        return size == currentSize && mtimeNs == currentMtimeNs;
    }
}
