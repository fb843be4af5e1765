package io.spinewatch.live;

/**
 * Receives events from a {@link LiveBus} on the publishing wearer's thread. It must return at once
 * and never block (copy into a {@link LiveMailbox} or an atomic and return): the publisher is the
 * posture pipeline, and every listener's time is the pipeline's time.
 */
@FunctionalInterface
public interface LiveListener {
    void onEvent(LiveEvent event);
}
