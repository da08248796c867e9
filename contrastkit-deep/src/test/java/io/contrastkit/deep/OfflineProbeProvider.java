package io.contrastkit.deep;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;

/**
 * A test-only engine provider: DJL instantiates every provider when its engine registry starts, so the
 * constructor sees the offline switch exactly as it stood when the first engine was looked up.
 */
public final class OfflineProbeProvider implements EngineProvider {

    /** The value of {@code ai.djl.offline} when DJL's engine registry started; null until it has. */
    static volatile String offlineAtRegistryStart;
    static volatile boolean instantiated;

    public OfflineProbeProvider() {
        if (!instantiated) {
            instantiated = true;
            offlineAtRegistryStart = String.valueOf(System.getProperty(Engines.OFFLINE_PROPERTY));
        }
    }

    @Override
    public String getEngineName() {
        return "OfflineProbe";
    }

    @Override
    public int getEngineRank() {
        // Never the default engine: DJL picks the lowest rank.
        return Integer.MAX_VALUE;
    }

    @Override
    public Engine getEngine() {
        throw new UnsupportedOperationException("a probe, not an engine");
    }
}
