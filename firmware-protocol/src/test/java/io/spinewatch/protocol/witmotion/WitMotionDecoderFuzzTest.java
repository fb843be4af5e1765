package io.spinewatch.protocol.witmotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes {@link WitMotionDecoder}: for any bytes, split at a point the fuzzer chooses, decoding never
 * throws, accounts for every byte, keeps its counters consistent, emits only physically possible
 * samples, and gives exactly what decoding the bytes in one piece gives.
 *
 * <p>Input layout: two bytes (big-endian) choose the split point modulo the stream length + 1, the
 * rest is the stream. Under plain {@code mvn verify} Jazzer runs the inputs checked in under
 * {@code WitMotionDecoderFuzzTestInputs/fuzzDecoder} (regression mode); with {@code JAZZER_FUZZ=1}
 * it fuzzes.
 */
class WitMotionDecoderFuzzTest {
    private static final double MAX_ACC_MPS2 = 16 * WitMotionDecoder.STANDARD_GRAVITY_MPS2;
    private static final double MAX_GYRO_RAD_PER_S = Math.toRadians(2000);
    private static final double MAX_MAG_MICRO_TESLA = 32768 * WitMotionSettings.DEFAULT_MAG_MICRO_TESLA_PER_LSB;

    private record Run(List<String> samples, List<String> attitudes, DecoderCounters.Snapshot counters,
                       long bytesInPackets, int buffered) {
    }

    @FuzzTest(maxDuration = "20s")
    void fuzzDecoder(byte[] input) {
        if (input.length < 2) {
            return;
        }
        byte[] stream = java.util.Arrays.copyOfRange(input, 2, input.length);
        int split = ((input[0] & 0xFF) << 8 | (input[1] & 0xFF)) % (stream.length + 1);
        Run whole = run(stream, stream.length);
        Run split2 = run(stream, split);
        assertEquals(whole, split2, "split at " + split);
    }

    private static Run run(byte[] stream, int split) {
        List<String> samples = new ArrayList<>();
        List<String> attitudes = new ArrayList<>();
        long[] lastSeq = {-1};
        WitMotionDecoder d = new WitMotionDecoder(WitMotionSettings.of(5, SensorSlot.UPPER), s -> {
            checkSample(s, lastSeq[0]);
            lastSeq[0] = s.seq();
            samples.add(s.toString());
        }, a -> attitudes.add(a.toString()));
        d.feed(stream, 0, split);
        d.feed(stream, split, stream.length - split);

        DecoderCounters c = d.counters();
        assertEquals(stream.length, d.bytesInPackets() + c.bytesSkipped() + d.bufferedBytes(), "every byte accounted for");
        assertTrue(d.bufferedBytes() < WitMotionDecoder.LONG_PACKET_BYTES + 2, "buffer bounded");
        assertEquals(samples.size(), c.samplesDecoded(), "one count per delivered sample");
        assertTrue(c.samplesDecoded() <= c.framesOk(), "a sample needs at least one packet");
        long packets = c.framesOk() + c.unknownTypes();
        assertTrue(d.bytesInPackets() >= packets * WitMotionDecoder.PACKET_BYTES
                && d.bytesInPackets() <= packets * WitMotionDecoder.LONG_PACKET_BYTES, "11 to 20 bytes per packet");
        assertTrue(c.integrityFailures() >= 0 && c.malformedFrames() >= 0 && c.unknownTypes() >= 0
                && c.bytesSkipped() >= 0 && c.samplesLostTotal() >= 0, "counters never negative");
        assertEquals(0, c.unsupportedVersions(), "the WitMotion protocol has no versions");
        assertEquals(c.samplesLostTotal(), c.samplesLost(SensorSlot.UPPER), "loss is charged to the configured slot");
        // seq counts every period, the lost ones too; a loss after the last sample has no seq yet.
        assertTrue(lastSeq[0] + 1 >= c.samplesDecoded() && lastSeq[0] + 1 <= c.samplesDecoded() + c.samplesLostTotal(),
                "seq " + lastSeq[0] + " against " + c.snapshot().describe());
        return new Run(samples, attitudes, c.snapshot(), d.bytesInPackets(), d.bufferedBytes());
    }

    private static void checkSample(ImuSample s, long previousSeq) {
        assertTrue(s.seq() > previousSeq, "seq increases");
        assertEquals(5, s.deviceId());
        assertEquals(SensorSlot.UPPER, s.slot());
        for (double a : new double[] {s.axMps2(), s.ayMps2(), s.azMps2()}) {
            assertTrue(Math.abs(a) <= MAX_ACC_MPS2, "acceleration within full scale: " + s);
        }
        for (double w : new double[] {s.gxRadPerS(), s.gyRadPerS(), s.gzRadPerS()}) {
            assertTrue(Math.abs(w) <= MAX_GYRO_RAD_PER_S, "rate within full scale: " + s);
        }
        if (s.hasMag()) {
            for (double m : new double[] {s.mxMicroTesla(), s.myMicroTesla(), s.mzMicroTesla()}) {
                assertTrue(Math.abs(m) <= MAX_MAG_MICRO_TESLA, "field within its counts: " + s);
            }
        }
        assertTrue(s.deviceTimeMicros() >= 0, "device time not negative: " + s);
    }
}
