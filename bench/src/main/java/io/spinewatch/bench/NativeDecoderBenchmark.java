package io.spinewatch.bench;

import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.ImuBatch;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.SensorSlot;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding throughput of the native protocol on one core: a pre-encoded capture of one wearable
 * (three sensors at 100 Hz, 10-sample batches, a status frame per second), fed in read-sized chunks.
 * Reports {@code bytes} (divide by 1e6 for MB/s) and {@code samples} per second next to the stream rate.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class NativeDecoderBenchmark {

    /** Whether the sensors send magnetometer readings (18-byte instead of 12-byte samples). */
    @Param({"false", "true"})
    public boolean mag;

    /** Bytes per feed call: a serial read of 256 bytes, or a 64 KiB file read. */
    @Param({"256", "65536"})
    public int chunkBytes;

    /** Samples per batch: 10 at 100 Hz is a frame every 100 ms, the firmware guidance in docs/protocol.md. */
    static final int BATCH = 10;
    /** Seconds of capture: 30 s of one wearable is about 0.3 MB, inside L2/L3 like a live read buffer. */
    static final int SECONDS = 30;

    byte[] stream;
    long samplesInStream;
    NativeDecoder decoder;

    @Setup(Level.Trial)
    public void encode(Blackhole bh) {
        Random r = new Random(1);
        NativeEncoder enc = new NativeEncoder();
        ImuBatch b = new ImuBatch();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] seq = new long[3];
        int batchesPerSecond = 100 / BATCH;
        for (int s = 0; s < SECONDS; s++) {
            for (int k = 0; k < batchesPerSecond; k++) {
                for (SensorSlot slot : SensorSlot.values()) {
                    long t = (s * 1_000_000L) + k * BATCH * 10_000L;
                    b.start(0xC0FFEE, slot, seq[slot.ordinal()], t, 10_000, 16, 2000);
                    if (mag) {
                        b.withMag(4900);
                    }
                    for (int i = 0; i < BATCH; i++) {
                        // A seated wearer: gravity mostly on one axis, small noisy rates.
                        short ax = (short) (r.nextGaussian() * 40);
                        short ay = (short) (200 + r.nextGaussian() * 40);
                        short az = (short) (2030 + r.nextGaussian() * 40);
                        short gx = (short) (r.nextGaussian() * 30);
                        short gy = (short) (r.nextGaussian() * 30);
                        short gz = (short) (r.nextGaussian() * 30);
                        if (mag) {
                            b.add(ax, ay, az, gx, gy, gz, (short) (140 + r.nextInt(5)), (short) (-50 + r.nextInt(5)),
                                    (short) (-280 + r.nextInt(5)));
                        } else {
                            b.add(ax, ay, az, gx, gy, gz);
                        }
                    }
                    seq[slot.ordinal()] += BATCH;
                    samplesInStream += BATCH;
                    out.writeBytes(enc.imuBatch(b));
                }
            }
            out.writeBytes(enc.status(new DeviceStatus(0xC0FFEE, 1, 0, 0, 3900, 80, false, true, 100, 7, 0, s)));
        }
        stream = out.toByteArray();
        decoder = new NativeDecoder(sample -> {
            bh.consume(sample.axMps2());
            bh.consume(sample.gzRadPerS());
            bh.consume(sample.seq());
        });
    }

    /** Bytes and samples decoded, reported by JMH as rates next to the operation rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Volume {
        public long bytes;
        public long samples;
    }

    @Benchmark
    public long decodeCapture(Volume volume) {
        byte[] s = stream;
        for (int i = 0; i < s.length; i += chunkBytes) {
            decoder.feed(s, i, Math.min(chunkBytes, s.length - i));
        }
        volume.bytes += s.length;
        volume.samples += samplesInStream;
        return decoder.counters().framesOk();
    }
}
