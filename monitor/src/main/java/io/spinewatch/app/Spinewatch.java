package io.spinewatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spinewatch} command: its subcommands are listed in {@link #commandLine()}, nowhere else. */
@Command(name = "spinewatch",
        mixinStandardHelpOptions = true,
        versionProvider = Spinewatch.Version.class,
        description = "Posture monitor for seated office workers wearing IMUs on their back.",
        subcommandsRepeatable = false)
public final class Spinewatch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The full command tree without the dashboard module ({@code demo} and {@code run} need {@code --no-dashboard},
     * {@code report} and {@code replay --html} say the page is not part of this build).
     */
    public static CommandLine commandLine() {
        return commandLine(Views.NONE);
    }

    /** The full command tree, with {@code views} serving the dashboard and writing report pages; the one place where subcommands are wired. */
    public static CommandLine commandLine(Views views) {
        CommandLine cl = new CommandLine(new Spinewatch());
        // Subcommands, one line each (added as their issues land).
        cl.addSubcommand(new DecodeCommand());
        cl.addSubcommand("simulate", new SimulateCommand());
        cl.addSubcommand(new OrientCommand());
        cl.addSubcommand(new RecordCommand());
        cl.addSubcommand(new ReplayCommand(views.reports()));
        cl.addSubcommand(new HistoryCommand());
        cl.addSubcommand(new ReportCommand(views.reports()));
        cl.addSubcommand(new ExportCommand());
        cl.addSubcommand(new DemoCommand(views.live()));
        cl.addSubcommand(new RunCommand(views.live()));
        cl.addSubcommand(new LoadgenCommand());
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    @Override
    public void run() {
        // No subcommand: show what there is rather than do something surprising.
        spec.commandLine().usage(System.out);
    }

    /** Reads the version Maven wrote into the jar's resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spinewatch " + version(), "Java " + Runtime.version()};
        }
    }

    /** The project version from the build, or {@code "unknown"} when run outside a built jar. */
    public static String version() {
        try (InputStream in = Spinewatch.class.getResourceAsStream("/spinewatch-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
