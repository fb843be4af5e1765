package io.spinewatch.posture;

import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds each sensor's mounting from the calibration routine: sit tall and still, then hinge forward at the hips
 * with a straight back and come back.
 *
 * <p>The raw accelerometer is averaged into 50 ms bins over the window (no filter is involved, so the result does
 * not depend on how far the orientation filters have converged). The still phase gives each sensor's up axis
 * {@code u0} in sensor axes. During the hinge every segment rotates about the body's mediolateral axis, so the
 * measured up direction {@code u(t)} turns about that axis and each {@code u0 x u(t)} points along it, towards the
 * wearer's right for a forward bend. Their sum, made orthogonal to {@code u0}, is the right axis; the body frame in
 * sensor axes is then: up {@code u0}, left {@code -right}, forward {@code left x up}. Linear accelerations of the
 * hinge lie in the sagittal plane and do not bend this axis. The maths is in docs/posture.md.
 *
 * <p>Without a hinge (a sensor that barely tilted, or no routine at all) the left axis is guessed as the sensor
 * axis most orthogonal to up, and the mounting is flagged {@code sagittalAssumed}: sagittal angles are then only as
 * good as the taping. Allocation happens only at construction and in {@link #finish()}.
 */
public final class Calibrator {
    /** Bin width of the stored accelerometer directions, s. */
    public static final double BIN_SECONDS = 0.05;
    /** Longest window that is stored; later samples are ignored, s. */
    public static final double MAX_WINDOW_SECONDS = 120;
    /** Tilt from the starting direction up to which a sensor counts as still, deg (breathing moves ~1 deg). */
    public static final double STILL_DEG = 4;
    /** Shortest still phase accepted, s. */
    public static final double MIN_STILL_SECONDS = 1.0;
    /** Smallest tilt that counts as a hinge, deg: the routine asks for 20-40 deg. */
    public static final double MIN_HINGE_DEG = 8;

    private static final int MAX_BINS = (int) Math.round(MAX_WINDOW_SECONDS / BIN_SECONDS);

    private final double[][] sum = new double[SensorSlot.COUNT][MAX_BINS * 3];
    private final int[][] count = new int[SensorSlot.COUNT][MAX_BINS];
    private double startSeconds = Double.NaN;
    private double endSeconds = Double.NaN;
    private boolean collecting;
    private int lastBin = -1;

    /** Starts collecting a routine over wearer time {@code [startSeconds, endSeconds]}; clears earlier data. */
    public void start(double startSeconds, double endSeconds) {
        if (!(endSeconds > startSeconds)) throw new IllegalArgumentException("window must have positive length");
        this.startSeconds = startSeconds;
        this.endSeconds = Math.min(endSeconds, startSeconds + MAX_WINDOW_SECONDS - BIN_SECONDS);
        for (int s = 0; s < SensorSlot.COUNT; s++) {
            java.util.Arrays.fill(sum[s], 0);
            java.util.Arrays.fill(count[s], 0);
        }
        lastBin = -1;
        collecting = true;
    }

    /** Whether a window is open. */
    public boolean collecting() {
        return collecting;
    }

    public double startSeconds() {
        return startSeconds;
    }

    public double endSeconds() {
        return endSeconds;
    }

    /** Whether wearer time {@code t} is past the end of the open window. */
    public boolean due(double tSeconds) {
        return collecting && tSeconds > endSeconds;
    }

    /** One accelerometer sample (sensor axes, m/s^2) at wearer time {@code t}; ignored outside the window. */
    public void add(SensorSlot slot, double tSeconds, double axMps2, double ayMps2, double azMps2) {
        if (!collecting || !(tSeconds >= startSeconds) || tSeconds > endSeconds) return;
        double n = Math.sqrt(axMps2 * axMps2 + ayMps2 * ayMps2 + azMps2 * azMps2);
        if (!(n > 1)) return; // free fall or a broken sample carries no direction
        int bin = (int) ((tSeconds - startSeconds) / BIN_SECONDS);
        if (bin >= MAX_BINS) return;
        int s = slot.ordinal();
        sum[s][3 * bin] += axMps2 / n;
        sum[s][3 * bin + 1] += ayMps2 / n;
        sum[s][3 * bin + 2] += azMps2 / n;
        count[s][bin]++;
        lastBin = Math.max(lastBin, bin);
    }

    /** Closes the window and solves for every sensor that delivered data. */
    public CalibrationResult finish() {
        collecting = false;
        List<String> warnings = new ArrayList<>();
        List<SensorMounting> mountings = new ArrayList<>();
        boolean anyHinge = false;
        int bins = lastBin + 1;
        for (SensorSlot slot : SensorSlot.values()) {
            Optional<SensorMounting> m = solve(slot, bins, warnings);
            if (m.isPresent()) {
                mountings.add(m.get());
                anyHinge |= !m.get().sagittalAssumed();
            }
        }
        if (mountings.isEmpty()) {
            warnings.add("no sensor delivered a still phase: not calibrated");
            return new CalibrationResult(startSeconds, endSeconds, Optional.empty(), false, warnings);
        }
        if (!anyHinge) {
            warnings.add("no forward hinge seen: sagittal plane ASSUMED from the sensor axis most orthogonal to up;"
                    + " sign and direction of the angles may be wrong until the routine is repeated");
        }
        return new CalibrationResult(startSeconds, endSeconds,
                Optional.of(new Calibration(endSeconds, mountings)), anyHinge, warnings);
    }

    private Optional<SensorMounting> solve(SensorSlot slot, int bins, List<String> warnings) {
        int s = slot.ordinal();
        double[] d = sum[s];
        int[] c = count[s];
        int first = -1;
        for (int b = 0; b < bins; b++) {
            if (c[b] > 0) {
                first = b;
                break;
            }
        }
        if (first < 0) return Optional.empty();
        // Reference: the direction over the first second of data.
        int refBins = (int) Math.round(MIN_STILL_SECONDS / BIN_SECONDS);
        double[] u0 = mean(d, c, first, Math.min(bins, first + refBins));
        // Still phase: from the first bin until the tilt first exceeds STILL_DEG.
        double cosStill = Math.cos(Math.toRadians(STILL_DEG));
        int stillEnd = first;
        while (stillEnd < bins && (c[stillEnd] == 0 || dotUnit(d, stillEnd, u0) >= cosStill)) {
            stillEnd++;
        }
        if ((stillEnd - first) * BIN_SECONDS < MIN_STILL_SECONDS) {
            warnings.add(slot.label() + ": moved during the still phase (" + fmt((stillEnd - first) * BIN_SECONDS)
                    + " s still); calibrated from the first second");
            stillEnd = Math.min(bins, first + refBins);
        }
        u0 = mean(d, c, first, stillEnd);
        // Hinge: every later bin tilted by a good part of the largest tilt.
        double maxTiltDeg = 0;
        for (int b = stillEnd; b < bins; b++) {
            if (c[b] > 0) maxTiltDeg = Math.max(maxTiltDeg, Math.toDegrees(Math.acos(clamp(dotUnit(d, b, u0)))));
        }
        double[] right = new double[3];
        double outSq = 0;
        int hingeBins = 0;
        if (maxTiltDeg >= MIN_HINGE_DEG) {
            double cosHinge = Math.cos(Math.toRadians(Math.max(MIN_HINGE_DEG / 2, 0.3 * maxTiltDeg)));
            for (int b = stillEnd; b < bins; b++) {
                if (c[b] == 0 || dotUnit(d, b, u0) > cosHinge) continue;
                double[] u = unit(d, b);
                right[0] += u0[1] * u[2] - u0[2] * u[1];
                right[1] += u0[2] * u[0] - u0[0] * u[2];
                right[2] += u0[0] * u[1] - u0[1] * u[0];
                hingeBins++;
            }
        }
        boolean assumed = hingeBins == 0;
        double[] left = new double[3];
        if (!assumed) {
            double k = dot(right, u0);
            for (int i = 0; i < 3; i++) left[i] = -(right[i] - k * u0[i]);
            normalize(left);
            // Out-of-plane tilt: component of each hinge direction along the mediolateral axis.
            double cosHinge = Math.cos(Math.toRadians(Math.max(MIN_HINGE_DEG / 2, 0.3 * maxTiltDeg)));
            for (int b = stillEnd; b < bins; b++) {
                if (c[b] == 0 || dotUnit(d, b, u0) > cosHinge) continue;
                double[] u = unit(d, b);
                double a = Math.toDegrees(Math.asin(clamp(dot(u, left))));
                outSq += a * a;
            }
        } else {
            // The sensor axis most orthogonal to up, made horizontal.
            int axis = 0;
            for (int i = 1; i < 3; i++) {
                if (Math.abs(u0[i]) < Math.abs(u0[axis])) axis = i;
            }
            left[axis] = 1;
            double k = dot(left, u0);
            for (int i = 0; i < 3; i++) left[i] -= k * u0[i];
            normalize(left);
            warnings.add(slot.label() + ": no hinge (largest tilt " + fmt(maxTiltDeg) + " deg): sagittal plane ASSUMED");
        }
        double outOfPlane = hingeBins == 0 ? 0 : Math.sqrt(outSq / hingeBins);
        if (outOfPlane > 8) {
            warnings.add(slot.label() + ": hinge was " + fmt(outOfPlane) + " deg out of the sagittal plane (lateral bend or twist?)");
        }
        double[] fwd = {
            left[1] * u0[2] - left[2] * u0[1],
            left[2] * u0[0] - left[0] * u0[2],
            left[0] * u0[1] - left[1] * u0[0]};
        double[] rows = {fwd[0], fwd[1], fwd[2], left[0], left[1], left[2], u0[0], u0[1], u0[2]};
        return Optional.of(SensorMounting.fromRows(slot, rows, maxTiltDeg, outOfPlane, assumed));
    }

    private static double[] mean(double[] d, int[] c, int from, int to) {
        double[] m = new double[3];
        for (int b = from; b < to; b++) {
            m[0] += d[3 * b];
            m[1] += d[3 * b + 1];
            m[2] += d[3 * b + 2];
        }
        normalize(m);
        return m;
    }

    private static double[] unit(double[] d, int b) {
        double[] u = {d[3 * b], d[3 * b + 1], d[3 * b + 2]};
        normalize(u);
        return u;
    }

    private static double dotUnit(double[] d, int b, double[] u0) {
        double x = d[3 * b], y = d[3 * b + 1], z = d[3 * b + 2];
        double n = Math.sqrt(x * x + y * y + z * z);
        return n == 0 ? 1 : (x * u0[0] + y * u0[1] + z * u0[2]) / n;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static void normalize(double[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n > 0) {
            v[0] /= n;
            v[1] /= n;
            v[2] /= n;
        }
    }

    private static double clamp(double x) {
        return Math.max(-1, Math.min(1, x));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
