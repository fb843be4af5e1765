package io.spinewatch.app;

import io.spinewatch.sim.BodyGeometry;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.Simulation;
import io.spinewatch.sim.SimulationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinewatch simulate}: writes a simulated wearer's trace, truth and episodes into a directory. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulates a seated wearer with three back IMUs and writes DIR/trace.csv, DIR/truth.csv "
                + "and DIR/episodes.json.",
                "Scenarios: a built-in (--scenario NAME, --list shows them), a script (--script 'calibrate 12s; "
                        + "upright 60s; slouch 90s; ...' or --script-file FILE), or a random office session (--random)."})
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Built-in scenario (see --list).")
    String scenario;

    @Option(names = "--script", paramLabel = "TEXT", description = "Scenario in the scenario language.")
    String script;

    @Option(names = "--script-file", paramLabel = "FILE", description = "File holding a scenario in the scenario language.")
    Path scriptFile;

    @Option(names = "--random", description = "A random office session drawn from the seed.")
    boolean random;

    @Option(names = "--minutes", paramLabel = "M", description = "Length of a --random session (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    double minutes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed for everything random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory to write into (created if missing).")
    Path out;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "100", description = "Sample rate per sensor (default: ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--truth-rate", paramLabel = "HZ", description = "Rate of truth.csv rows (default: the sample rate).")
    Double truthRateHz;

    @Option(names = "--noise", paramLabel = "PRESET", defaultValue = "realistic", description = "realistic or none (default: ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--mounting", paramLabel = "KIND", defaultValue = "random",
            description = "random (from the seed) or conventional (x up the spine, z out of the back) (default: ${DEFAULT-VALUE}).")
    String mounting;

    @Option(names = "--height", paramLabel = "M", defaultValue = "1.75", description = "Body height in metres (default: ${DEFAULT-VALUE}).")
    double heightM;

    @Option(names = "--mag", description = "Add magnetometer columns (microtesla).")
    boolean magnetometer;

    @Option(names = "--gzip", description = "Compress trace and truth (.csv.gz).")
    boolean gzip;

    @Option(names = "--no-sway", description = "No breathing or re-settling: holds are perfectly still.")
    boolean noSway;

    @Option(names = "--list", description = "List the built-in scenarios and exit.")
    boolean list;

    private String readScript() {
        try {
            return Files.readString(scriptFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --script-file " + scriptFile + ": " + e);
        }
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            for (String n : Scenario.names()) {
                o.println(n);
            }
            o.flush();
            return 0;
        }
        int sources = (scenario != null ? 1 : 0) + (script != null ? 1 : 0) + (scriptFile != null ? 1 : 0) + (random ? 1 : 0);
        if (sources != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give exactly one of --scenario, --script, --script-file, --random");
        }
        if (out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing --out DIR");
        }
        if (!random && spec.commandLine().getParseResult().hasMatchedOption("--minutes")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--minutes applies to --random only");
        }
        Scenario sc;
        SensorNoise noiseParams;
        Mountings mounts;
        Simulation.Config config;
        try {
            if (scenario != null) {
                sc = Scenario.named(scenario);
            } else if (script != null) {
                sc = Scenario.parse("script", script);
            } else if (scriptFile != null) {
                String name = scriptFile.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                sc = Scenario.parse(name, readScript());
            } else {
                sc = Scenario.randomOffice(minutes);
            }
            noiseParams = SensorNoise.named(noise);
            mounts = switch (mounting) {
                case "random" -> Mountings.random(seed);
                case "conventional" -> Mountings.conventional();
                default -> throw new IllegalArgumentException("--mounting must be random or conventional: " + mounting);
            };
            config = new Simulation.Config(rateHz, noiseParams, mounts, magnetometer,
                    truthRateHz == null ? rateHz : truthRateHz, BodyGeometry.ADULT.scaledTo(heightM), !noSway);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Session session = sc.compile(seed, config.geometry(), config.bodySway());
        long t0 = System.nanoTime();
        SimulationFiles.Written w;
        try {
            w = SimulationFiles.write(session, config, noise.toLowerCase(java.util.Locale.ROOT), out, gzip);
        } catch (IOException e) {
            spec.commandLine().getErr().println("spinewatch simulate: cannot write to " + out + ": " + e);
            spec.commandLine().getErr().flush();
            return 1;
        }
        double wallS = (System.nanoTime() - t0) / 1e9;
        o.print(SimulationFiles.summary(w));
        o.printf(java.util.Locale.ROOT, "  generated in %.2f s (%.0fx real time)%n", wallS, session.durationS() / wallS);
        o.flush();
        return 0;
    }
}
