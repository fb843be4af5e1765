package io.spinewatch.history;

import io.spinewatch.posture.PostureState;

/**
 * The records {@link KillChild} writes, numbered from 1 (sequence number i + 1, after the zone): odd ones
 * are 20-second episodes, alternately slouched and upright, even ones alerts. All on one local day.
 */
final class KillScript {
    static final String WEARER = "killed";
    static final String ZONE = "Europe/Berlin";
    /** 2026-03-10 07:00 UTC, 08:00 in Berlin. */
    static final long T0 = 1_773_126_000_000L;

    private KillScript() {
    }

    static HistoryRecord record(int i) {
        long t = T0 + i * 10_000L;
        if (i % 2 == 1) {
            return EpisodeRecord.of(WEARER, t, t + 20_000, i % 4 == 1 ? PostureState.SLOUCHED : PostureState.UPRIGHT);
        }
        return new AlertRecord(WEARER, t, "slouch", true, "record " + i);
    }
}
