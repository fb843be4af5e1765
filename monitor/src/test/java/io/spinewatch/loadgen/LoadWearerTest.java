package io.spinewatch.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.NativeProtocol;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoadWearerTest {
    private static final LoadProfile PROFILE = LoadProfile.simulate(3, 100, 2); // 200 samples per sensor
    private static final long T0 = 1_764_000_000_000_000L; // epoch microseconds, late 2025
    private static final double ACC = NativeProtocol.accMps2PerCount(LoadProfile.ACC_RANGE_G);
    private static final double GYRO = NativeProtocol.gyroRadPerSPerCount(LoadProfile.GYRO_RANGE_DPS);

    private final LoadWearer wearer = new LoadWearer("load-00007", 19, PROFILE, 150, T0, 10_000);
    private final NativeEncoder encoder = new NativeEncoder();
    private final ImuBatch batch = new ImuBatch();
    private final byte[] out = new byte[3 * NativeProtocol.MAX_WIRE_BYTES];

    /** Decodes rounds {@code 0 .. rounds-1} with one decoder, as the monitor would. */
    private List<ImuSample> decodeRounds(int rounds, int batchSamples, NativeDecoder[] keep) {
        List<ImuSample> got = new ArrayList<>();
        NativeDecoder d = new NativeDecoder(s -> got.add(s.copy()));
        for (int r = 0; r < rounds; r++) {
            int n = wearer.encodeRound(r, batchSamples, batch, encoder, out);
            d.feed(out, 0, n);
        }
        keep[0] = d;
        return got;
    }

    @Nested
    class Encoding {
        @Test
        void framesDecodeBackToTheProfilesSamplesWithEpochTimes() {
            NativeDecoder[] d = new NativeDecoder[1];
            List<ImuSample> got = decodeRounds(30, 10, d); // 300 samples per sensor: the 200-sample profile wraps
            assertEquals(30 * 3 * 10, got.size());
            int[] next = new int[SensorSlot.COUNT];
            for (ImuSample s : got) {
                SensorSlot slot = s.slot();
                long j = next[slot.ordinal()]++;
                assertEquals(19 + slot.ordinal(), s.deviceId());
                assertEquals(j, s.seq());
                assertEquals(T0 + j * 10_000, s.deviceTimeMicros());
                long k = 150 + j;
                assertEquals(PROFILE.count(slot, k, 0) * ACC, s.axMps2(), 1e-9);
                assertEquals(PROFILE.count(slot, k, 2) * ACC, s.azMps2(), 1e-9);
                assertEquals(PROFILE.count(slot, k, 3) * GYRO, s.gxRadPerS(), 1e-12);
                assertEquals(PROFILE.count(slot, k, 5) * GYRO, s.gzRadPerS(), 1e-12);
            }
            for (SensorSlot slot : SensorSlot.values()) assertEquals(0, d[0].counters().samplesLost(slot), slot.label());
            assertEquals(0, d[0].counters().integrityFailures() + d[0].counters().malformedFrames());
        }

        @Test
        void theLargestBatchFitsOneFrame() {
            NativeDecoder[] d = new NativeDecoder[1];
            List<ImuSample> got = decodeRounds(2, NativeProtocol.MAX_SAMPLES_PER_BATCH, d);
            assertEquals(2 * 3 * NativeProtocol.MAX_SAMPLES_PER_BATCH, got.size());
            assertEquals(6, d[0].counters().framesOk());
        }
    }

    @Nested
    class Pacing {
        @Test
        void aRoundIsDueWhenItsLastSampleIsTaken() {
            assertEquals(T0 + 9 * 10_000, wearer.dueMicros(0, 10));
            assertEquals(T0 + 29 * 10_000, wearer.dueMicros(2, 10));
            // The due time is the device time of the round's newest sample, so a monitor measures from sending.
            NativeDecoder[] d = new NativeDecoder[1];
            List<ImuSample> got = decodeRounds(3, 10, d);
            assertEquals(wearer.dueMicros(2, 10), got.get(got.size() - 1).deviceTimeMicros());
        }

        @Test
        void wearersArePhasedEvenlyOverOneBatchPeriod() {
            int n = 7;
            long period = 100_000;
            long previous = -1;
            for (int w = 0; w < n; w++) {
                long phase = LoadGenerator.phaseMicros(w, n, period);
                assertTrue(phase > previous && phase < period, "phase of wearer " + w + ": " + phase);
                assertTrue(Math.abs(phase - w * period / (double) n) < 1, "evenly spaced");
                previous = phase;
            }
        }
    }

    @Nested
    class Profile {
        @Test
        void theSameSeedGivesTheSameMotionAndAnotherSeedAnother() {
            LoadProfile again = LoadProfile.simulate(3, 100, 2);
            LoadProfile other = LoadProfile.simulate(4, 100, 2);
            boolean differs = false;
            for (int i = 0; i < PROFILE.samples(); i++) {
                for (int a = 0; a < 6; a++) {
                    assertEquals(PROFILE.count(SensorSlot.MID, i, a), again.count(SensorSlot.MID, i, a));
                    differs |= PROFILE.count(SensorSlot.MID, i, a) != other.count(SensorSlot.MID, i, a);
                }
            }
            assertTrue(differs);
        }

        @Test
        void aSittingWearersSensorsFeelGravity() {
            for (SensorSlot slot : SensorSlot.values()) {
                double sum = 0;
                for (int i = 0; i < PROFILE.samples(); i++) {
                    double x = PROFILE.count(slot, i, 0) * ACC, y = PROFILE.count(slot, i, 1) * ACC, z = PROFILE.count(slot, i, 2) * ACC;
                    sum += Math.sqrt(x * x + y * y + z * z);
                }
                assertEquals(9.81, sum / PROFILE.samples(), 1.5, slot.label());
            }
        }

        @Test
        void rejectsParametersOutOfRange() {
            assertThrows(IllegalArgumentException.class, () -> LoadProfile.simulate(1, 5, 2));
            assertThrows(IllegalArgumentException.class, () -> new LoadWearer("w", 0, PROFILE, 0, T0, 0));
        }
    }
}
