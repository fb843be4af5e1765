package io.spinewatch.protocol;

/** Receives decoded samples; the sample is reused after the call returns (see {@link ImuSample}). */
@FunctionalInterface
public interface SampleListener {
    void onSample(ImuSample sample);
}
