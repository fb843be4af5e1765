import io.spinewatch.transport.serial.*;
import io.spinewatch.ingest.*;
import io.spinewatch.protocol.*;
import java.io.ByteArrayOutputStream;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.atomic.*;

/** Same-process comparison of two serial readers on a 3.18 MB burst through a socat pty (bench/serial-burst.sh). */
public class SerialBurst {
    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[0]);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        NativeEncoder enc = new NativeEncoder();
        ImuBatch b = new ImuBatch();
        int batches = 20_000;
        for (int i = 0; i < batches; i++) {
            b.start(7, SensorSlot.values()[i % 3], (i / 3) * 10L, (i / 3) * 100_000L, 10_000, 16, 2000);
            for (int k = 0; k < 10; k++) b.add((short) k, (short) 0, (short) 2048, (short) 1, (short) 2, (short) 3);
            all.writeBytes(enc.imuBatch(b));
        }
        byte[] bytes = all.toByteArray();
        Map<String, List<Double>> mbps = new TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            for (String kind : new String[] {"reading-thread", "event-listener"}) {
                Path dir = Files.createTempDirectory("burst");
                PtyPair pty = PtyPair.start(dir);
                AtomicLong samples = new AtomicLong();
                IngestSink sink = (w, s) -> samples.incrementAndGet();
                SerialConfig cfg = SerialConfig.of(pty.hostPath().toString(), WireProtocol.NATIVE, "w");
                Source src = kind.equals("reading-thread") ? new SerialSource(cfg, sink) : new EventListenerSerialSource(cfg, sink);
                src.start();
                long t0 = System.nanoTime();
                for (int off = 0; off < bytes.length; off += 4096) pty.write(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 4096)));
                while (samples.get() < batches * 10L) Thread.sleep(1);
                double s = (System.nanoTime() - t0) / 1e9;
                mbps.computeIfAbsent(kind, k -> new ArrayList<>()).add(bytes.length / s / 1e6);
                src.stop();
                pty.close();
            }
        }
        for (var e : mbps.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue()); Collections.sort(v);
            System.out.printf("%s: median %.2f MB/s (%s)%n", e.getKey(), v.get(v.size() / 2), v);
        }
        System.out.println("bytes " + bytes.length);
    }
}
