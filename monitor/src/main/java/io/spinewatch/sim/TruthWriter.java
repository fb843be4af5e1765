package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.trace.NumberText;
import io.spinewatch.trace.TraceWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the truth CSV beside a simulated trace: per instant of the true time base, the angles in the
 * columns and units of {@code spinewatch replay --angles} (so the two files compare column by column),
 * then each sensor's true orientation (sensor-to-earth, earth z up, {@code w >= 0}).
 * <pre>
 * t_s,lumbar_flexion_deg,thoracic_flexion_deg,pelvic_tilt_deg,trunk_lean_deg,state,upper_qw,upper_qx,...,pelvis_qz
 * </pre>
 * Formatting allocates nothing per row; gzip when the file name ends in {@code .gz}.
 */
public final class TruthWriter implements Closeable {
    /** The header line (without line break). */
    public static final String HEADER;

    static {
        StringBuilder b = new StringBuilder("t_s,lumbar_flexion_deg,thoracic_flexion_deg,pelvic_tilt_deg,trunk_lean_deg,state");
        for (SensorSlot s : SensorSlot.values()) {
            for (String c : new String[] {"qw", "qx", "qy", "qz"}) {
                b.append(',').append(s.label()).append('_').append(c);
            }
        }
        HEADER = b.toString();
    }

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private final Quat q = new Quat();
    private int pos;
    private long rows;

    public TruthWriter(OutputStream out) {
        this.out = out;
        for (int i = 0; i < HEADER.length(); i++) {
            buf[pos++] = (byte) HEADER.charAt(i);
        }
        buf[pos++] = '\n';
    }

    /** Creates or replaces {@code path}; gzip when its name ends in {@code .gz}. */
    public static TruthWriter open(Path path) throws IOException {
        OutputStream raw = Files.newOutputStream(path);
        return new TruthWriter(path.getFileName().toString().endsWith(".gz")
                ? TraceWriter.fastGzip(raw) : new BufferedOutputStream(raw, 1 << 16));
    }

    public long rows() {
        return rows;
    }

    /** Writes one instant. */
    public void write(TruthFrame f) throws IOException {
        if (pos + 400 > buf.length) {
            out.write(buf, 0, pos);
            pos = 0;
        }
        pos = NumberText.appendFixed(buf, pos, f.tS(), 6);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, f.lumbarFlexionDeg(), 4);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, f.thoracicFlexionDeg(), 4);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, f.pelvicTiltDeg(), 4);
        buf[pos++] = ',';
        pos = NumberText.appendFixed(buf, pos, f.trunkLeanDeg(), 4);
        buf[pos++] = ',';
        String label = f.state().label();
        for (int i = 0; i < label.length(); i++) {
            buf[pos++] = (byte) label.charAt(i);
        }
        for (SensorSlot s : SensorSlot.values()) {
            q.set(f.orientation(s)).canonicalize();
            buf[pos++] = ',';
            pos = NumberText.appendFixed(buf, pos, q.w, 7);
            buf[pos++] = ',';
            pos = NumberText.appendFixed(buf, pos, q.x, 7);
            buf[pos++] = ',';
            pos = NumberText.appendFixed(buf, pos, q.y, 7);
            buf[pos++] = ',';
            pos = NumberText.appendFixed(buf, pos, q.z, 7);
        }
        buf[pos++] = '\n';
        rows++;
    }

    @Override
    public void close() throws IOException {
        try {
            out.write(buf, 0, pos);
            pos = 0;
        } finally {
            out.close();
        }
    }
}
