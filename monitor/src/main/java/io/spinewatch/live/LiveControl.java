package io.spinewatch.live;

/**
 * Requests a viewer makes of the pipeline. Each returns at once; the outcome shows up later on the
 * {@link LiveBus} (a calibration event, the drill card gone). Implementations are thread-safe: the
 * web server calls them from its request threads and hands the work to the wearer's thread.
 */
public interface LiveControl {

    /** Starts a new calibration; false if no such wearer. */
    boolean recalibrate(String wearerId);

    /** The wearer says the drill is done; false if no such wearer or that drill is not active. */
    boolean drillDone(String wearerId, String drillId);

    /** The wearer declines the drill; false if no such wearer or that drill is not active. */
    boolean drillSkip(String wearerId, String drillId);
}
