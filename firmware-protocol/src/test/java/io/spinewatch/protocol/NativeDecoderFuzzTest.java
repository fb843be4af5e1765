package io.spinewatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Feeds arbitrary bytes, in arbitrary chunks, to the native decoder: it must never throw, and its
 * counters must account for every frame and every byte.
 *
 * <p>Plain {@code mvn verify} replays the checked-in inputs under
 * {@code NativeDecoderFuzzTestInputs/decodeArbitraryBytes}; the {@code fuzz} surefire execution in
 * {@code firmware-protocol/pom.xml} sets {@code JAZZER_FUZZ=1} and fuzzes for {@code maxDuration}.
 */
class NativeDecoderFuzzTest {

    @FuzzTest(maxDuration = "25s")
    void decodeArbitraryBytes(byte[] input) {
        // The first two bytes pick the chunk size for the second pass (1..65536), the rest is the wire.
        if (input.length < 2) {
            return;
        }
        int chunk = 1 + (((input[0] & 0xFF) << 8) | (input[1] & 0xFF));
        byte[] wire = Arrays.copyOfRange(input, 2, input.length);

        long[] delivered = new long[1];
        NativeDecoder whole = new NativeDecoder(s -> {
            delivered[0]++;
            assertNotNull(s.slot());
            assertTrue(Double.isFinite(s.axMps2() + s.ayMps2() + s.azMps2() + s.gxRadPerS() + s.gyRadPerS() + s.gzRadPerS()
                    + s.mxMicroTesla() + s.myMicroTesla() + s.mzMicroTesla()));
            assertTrue(s.seq() >= 0 && s.seq() <= 0xFFFF_FFFFL && s.deviceId() >= 0 && s.deviceId() <= 0xFFFF_FFFFL);
        }, new MessageListener() {
        });
        whole.feed(wire);

        // What any correct decoder must report, worked out from the delimiters alone.
        long frames = 0;
        long frameBytes = 0;
        int run = 0;
        for (byte b : wire) {
            if (b != 0) {
                run++;
            } else if (run > 0) {
                frames++;
                frameBytes += run;
                run = 0;
            }
        }
        int pending = run;
        if (run > NativeProtocol.MAX_FRAME_BYTES) {
            frames++; // already rejected as oversize; its remaining bytes are skipped as they come
            frameBytes += run;
            pending = 0;
        }
        DecoderCounters.Snapshot c = whole.counters().snapshot();
        assertEquals(frames, c.framesOk() + c.integrityFailures() + c.malformedFrames() + c.unknownTypes()
                + c.unsupportedVersions(), "every delimited frame has exactly one outcome");
        assertEquals(frameBytes, whole.acceptedBytes() + c.bytesSkipped(), "every frame byte is accepted or skipped");
        assertEquals(pending, whole.pendingBytes());
        assertEquals(delivered[0], c.samplesDecoded());
        assertTrue(c.samplesDecoded() <= c.framesOk() * NativeProtocol.MAX_SAMPLES_PER_BATCH);
        assertTrue(c.samplesLostTotal() >= 0);

        // Chunking never changes the outcome.
        NativeDecoder chunked = new NativeDecoder(s -> { });
        for (int i = 0; i < wire.length; i += chunk) {
            chunked.feed(wire, i, Math.min(chunk, wire.length - i));
        }
        assertEquals(c, chunked.counters().snapshot());
        assertEquals(whole.acceptedBytes(), chunked.acceptedBytes());
    }
}
