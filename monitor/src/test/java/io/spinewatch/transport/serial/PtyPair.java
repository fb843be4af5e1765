package io.spinewatch.transport.serial;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real pseudo-terminal pair made by socat: {@link #hostPath()} is what the code under test opens as
 * its serial port; the test plays the device on the other end ({@link #write}, {@link #received()}).
 * {@link #kill()} and {@link #recreate()} simulate unplugging and re-plugging the device under the
 * same name.
 */
public final class PtyPair implements AutoCloseable {
    private static final Path SOCAT = Path.of("/usr/bin/socat");

    private final Path dir;
    private Process socat;
    private OutputStream deviceOut;
    private Thread reader;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private PtyPair(Path dir) {
        this.dir = dir;
    }

    /** Starts socat (skipping the test when it is not installed) and opens the device side. */
    public static PtyPair start(Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(SOCAT) || onPath("socat"), "socat not found: apt-get install socat");
        PtyPair p = new PtyPair(dir);
        p.recreate();
        return p;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    public Path hostPath() {
        return dir.resolve("host");
    }

    public Path devicePath() {
        return dir.resolve("dev");
    }

    /** Starts a new socat with the same link names (after {@link #kill()}) and reopens the device side. */
    public void recreate() throws IOException, InterruptedException {
        Files.deleteIfExists(hostPath());
        Files.deleteIfExists(devicePath());
        socat = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + devicePath(), "pty,raw,echo=0,link=" + hostPath())
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        await(() -> Files.exists(hostPath()) && Files.exists(devicePath()), 5_000, "socat links");
        // socat announces both ptys before it starts copying; the log's "starting data transfer loop" says it is ready.
        await(() -> {
            try {
                return Files.readString(dir.resolve("socat.log")).contains("starting data transfer loop");
            } catch (IOException e) {
                return false;
            }
        }, 5_000, "socat ready");
        deviceOut = new FileOutputStream(devicePath().toFile());
        InputStream in = new FileInputStream(devicePath().toFile());
        reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (received) {
                        received.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the pty went away with socat
            }
        }, "pty-device-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The device writes {@code bytes} towards the host. */
    public void write(byte[] bytes) throws IOException {
        deviceOut.write(bytes);
        deviceOut.flush();
    }

    /** Everything the host has written to the device so far. */
    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** Ends socat abruptly, as when a USB adapter is pulled out. */
    public void kill() throws InterruptedException, IOException {
        socat.destroyForcibly();
        socat.waitFor(5, TimeUnit.SECONDS);
        try {
            deviceOut.close();
        } catch (IOException e) {
            // already gone
        }
        reader.join(2_000);
    }

    @Override
    public void close() throws IOException {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code condition} holds, failing after {@code timeoutMillis}. */
    public static void await(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
