package io.spinewatch.app;

import io.spinewatch.protocol.ByteDecoder;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.SampleListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spinewatch decode FILE}: decodes a raw byte capture and prints its samples as CSV. */
@Command(name = "decode",
        mixinStandardHelpOptions = true,
        description = {"Decodes a raw capture (serial dump or concatenated MQTT payloads) and prints one CSV row per sample "
                + "on stdout (device,slot,seq,t_us,ax,ay,az,gx,gy,gz,mx,my,mz; m/s^2, rad/s, uT; mag empty when absent).",
                "A summary of the decoder's counters goes to stderr."})
public final class DecodeCommand implements Callable<Integer> {
    /** Exit code when the input cannot be read. */
    static final int EXIT_INPUT = 2;
    /** Read size: large enough to amortise the system call, small enough to stream a capture of any size. */
    private static final int CHUNK_BYTES = 64 * 1024;

    /** The wire protocols a capture can be in. */
    public enum Protocol {
        /** spinewatch's own protocol (docs/protocol.md). */
        NATIVE;
        // WITMOTION arrives from the witmotion branch: add the constant here and, in decoderFor, a case
        // `case WITMOTION -> new io.spinewatch.protocol.witmotion.WitMotionDecoder(samples);`.
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The capture to decode.")
    Path file;

    @Option(names = "--protocol", defaultValue = "native", paramLabel = "PROTOCOL",
            description = "Wire protocol of the capture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            converter = ProtocolConverter.class, completionCandidates = ProtocolNames.class)
    Protocol protocol;

    /** The decoder for {@code protocol}; the one place a new protocol is wired in. */
    static ByteDecoder decoderFor(Protocol protocol, SampleListener samples) {
        return switch (protocol) {
            case NATIVE -> new NativeDecoder(samples);
        };
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), CHUNK_BYTES));
        CsvRows rows = new CsvRows(out);
        ByteDecoder decoder = decoderFor(protocol, rows);
        long bytes = 0;
        try (InputStream in = Files.newInputStream(file)) {
            out.println(CsvRows.HEADER);
            byte[] chunk = new byte[CHUNK_BYTES];
            int n;
            while ((n = in.read(chunk)) > 0) {
                decoder.feed(chunk, 0, n);
                bytes += n;
            }
        } catch (NoSuchFileException e) {
            err.println("decode: no such file: " + file);
            err.flush();
            return EXIT_INPUT;
        } catch (IOException e) {
            out.flush();
            err.println("decode: cannot read " + file + ": " + e.getMessage());
            err.flush();
            return EXIT_INPUT;
        }
        out.flush();
        String extra = decoder instanceof NativeDecoder nd
                ? " newer_minor=" + nd.newerMinorFrames() + " pending_bytes=" + nd.pendingBytes() : "";
        err.println("decode: " + file + " protocol=" + protocol.name().toLowerCase(java.util.Locale.ROOT)
                + " bytes=" + bytes + " " + decoder.counters().snapshot().describe() + extra);
        err.flush();
        return 0;
    }

    /** Writes one CSV row per sample. */
    static final class CsvRows implements SampleListener {
        static final String HEADER = "device,slot,seq,t_us,ax,ay,az,gx,gy,gz,mx,my,mz";
        private final PrintWriter out;
        private final StringBuilder row = new StringBuilder(160);

        CsvRows(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onSample(ImuSample s) {
            row.setLength(0);
            row.append(s.deviceId()).append(',').append(s.slot().label()).append(',').append(s.seq()).append(',')
                    .append(s.deviceTimeMicros()).append(',')
                    .append(s.axMps2()).append(',').append(s.ayMps2()).append(',').append(s.azMps2()).append(',')
                    .append(s.gxRadPerS()).append(',').append(s.gyRadPerS()).append(',').append(s.gzRadPerS()).append(',');
            if (s.hasMag()) {
                row.append(s.mxMicroTesla()).append(',').append(s.myMicroTesla()).append(',').append(s.mzMicroTesla());
            } else {
                row.append(",,");
            }
            out.println(row);
        }
    }

    /** Accepts protocol names in lower case, as the usage shows them. */
    static final class ProtocolConverter implements picocli.CommandLine.ITypeConverter<Protocol> {
        @Override
        public Protocol convert(String value) {
            for (Protocol p : Protocol.values()) {
                if (p.name().equalsIgnoreCase(value)) {
                    return p;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("unknown protocol '" + value + "'; known: " + new ProtocolNames());
        }
    }

    /** Lower-case protocol names for usage and completion. */
    static final class ProtocolNames extends java.util.ArrayList<String> {
        ProtocolNames() {
            for (Protocol p : Protocol.values()) {
                add(p.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
