package io.spinewatch.sim;

/** Receives a simulation's output in true-time order; holders are reused after each call returns. */
public interface SimulationListener {

    /** A sample that reached the receiver (lost samples are not delivered; their seq numbers are skipped). */
    void onSample(SimulatedSample sample);

    /** The truth at one instant of the true-time grid (at the configured truth rate). */
    default void onTruth(TruthFrame frame) {
    }
}
