package io.spinewatch.transport.mqtt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A private Mosquitto broker for one test: its own config in a temp dir, on a free port of 127.0.0.1
 * (never the system broker on 1883). {@link #kill()} and {@link #restart()} keep the port.
 */
public final class Mosquitto implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final Path conf;
    private final int port;
    private final boolean tls;
    private Process process;

    private Mosquitto(Path dir, Path conf, int port, boolean tls) {
        this.dir = dir;
        this.conf = conf;
        this.port = port;
        this.tls = tls;
    }

    /** An anonymous plain-TCP broker. */
    public static Mosquitto plain(Path dir) throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "mosquitto not found: apt-get install mosquitto");
        int port = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type all", ""));
        Mosquitto m = new Mosquitto(dir, conf, port, false);
        m.restart();
        return m;
    }

    /**
     * A TLS broker that requires {@code user}/{@code password}: generates a CA and a server certificate
     * for localhost/127.0.0.1 with openssl, and the password file with mosquitto_passwd.
     */
    static Mosquitto tls(Path dir, String user, String password) throws Exception {
        return tls(dir, user, password, "DNS:localhost,IP:127.0.0.1");
    }

    /** The same with the server certificate's subject alternative names {@code san}. */
    static Mosquitto tls(Path dir, String user, String password, String san) throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "mosquitto not found: apt-get install mosquitto");
        assumeTrue(onPath("openssl"), "openssl not found: apt-get install openssl");
        assumeTrue(onPath("mosquitto_passwd"), "mosquitto_passwd not found: apt-get install mosquitto");
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=spinewatch test CA");
        run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=" + san + "\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf");
        run(dir, "mosquitto_passwd", "-c", "-b", "passwd", user, password);
        int port = freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "cafile " + dir.resolve("ca.crt"),
                "certfile " + dir.resolve("server.crt"),
                "keyfile " + dir.resolve("server.key"),
                "allow_anonymous false",
                "password_file " + dir.resolve("passwd"),
                "persistence false",
                // As root, mosquitto would switch to its own user, who cannot read the test's private temp dir.
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type all", ""));
        Mosquitto m = new Mosquitto(dir, conf, port, true);
        m.restart();
        return m;
    }

    Path caFile() {
        return dir.resolve("ca.crt");
    }

    public String uri() {
        return (tls ? "ssl://localhost:" : "tcp://127.0.0.1:") + port;
    }

    int port() {
        return port;
    }

    /** Starts (again) on the same port and config, and waits until it accepts connections. */
    void restart() throws Exception {
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        try {
            awaitListening();
        } catch (AssertionError | InterruptedException e) {
            kill();
            throw e;
        }
    }

    private void awaitListening() throws InterruptedException {
        await(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("mosquitto exited: " + read(dir.resolve("mosquitto.out")) + read(dir.resolve("mosquitto.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, 10_000, "mosquitto on port " + port);
    }

    /** Ends the broker at once (SIGKILL): no goodbye to any client. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String log() {
        return read(dir.resolve("mosquitto.log"));
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tool.out").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + read(dir.resolve("tool.out")));
        }
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

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
