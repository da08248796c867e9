package io.contrastkit.deep.vae;

/**
 * One finished epoch.
 *
 * @param epoch           the epoch, from 1
 * @param epochs          the epochs asked for
 * @param trainLoss       mean loss over the images the epoch's steps saw (full batches of the training split)
 * @param heldBackLoss    mean loss over the held-back images after the epoch (noise-free: z = mu), or NaN
 *                        when nothing is held back
 * @param imagesPerSecond training images per second of the epoch's wall time (steps only, not the held-back pass)
 * @param best            whether this epoch is the best so far (the one the saved model will hold)
 */
public record EpochReport(int epoch, int epochs, double trainLoss, double heldBackLoss, double imagesPerSecond,
                          boolean best) {
}
