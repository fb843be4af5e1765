package io.spinewatch.ingest;

import io.spinewatch.protocol.Ack;
import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.ImuSample;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps copies of everything delivered, for tests; thread-safe. */
public final class RecordingSink implements IngestSink {
    /** A sample and the wearer it was delivered for. */
    public record Delivered(String wearerId, ImuSample sample, String thread) {
    }

    private final List<Delivered> samples = new ArrayList<>();
    private final List<DeviceStatus> statuses = new ArrayList<>();
    private final List<Ack> acks = new ArrayList<>();
    private final List<Boolean> links = new ArrayList<>();

    @Override
    public synchronized void onSample(String wearerId, ImuSample sample) {
        samples.add(new Delivered(wearerId, sample.copy(), Thread.currentThread().getName()));
    }

    @Override
    public synchronized void onStatus(String wearerId, DeviceStatus status) {
        statuses.add(status);
    }

    @Override
    public synchronized void onAck(String wearerId, Ack ack) {
        acks.add(ack);
    }

    @Override
    public synchronized void onLinkChange(boolean up) {
        links.add(up);
    }

    public synchronized List<Delivered> samples() {
        return List.copyOf(samples);
    }

    public synchronized int sampleCount() {
        return samples.size();
    }

    public synchronized List<DeviceStatus> statuses() {
        return List.copyOf(statuses);
    }

    public synchronized List<Ack> acks() {
        return List.copyOf(acks);
    }

    public synchronized List<Boolean> links() {
        return List.copyOf(links);
    }
}
