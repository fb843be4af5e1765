package io.spinewatch.app;

import io.spinewatch.config.ConfigEntries;
import io.spinewatch.config.ConfigEntry;
import io.spinewatch.config.LiveConfig;
import io.spinewatch.config.Origin;
import io.spinewatch.config.PropertiesFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code --set KEY=VALUE} of the live commands, and the merge of the file with the
 * command line (docs/config.md): an option beats {@code --set}, which beats the file, which beats the default.
 */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (sources, wearers, thresholds, dashboard, data dir; docs/config.md). "
                    + "Options given on the command line override it.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Sets one config key, as in the file, over the file's value (repeatable), "
                    + "e.g. --set alert.slouch-hold-seconds=60.")
    Map<String, String> sets;

    /** Command-line values under their config keys, each remembering the option it came from. */
    static final class Overrides {
        private final List<ConfigEntry> entries = new ArrayList<>();

        /** Adds {@code key = value} from {@code option} unless {@code value} is null (the option was not given). */
        Overrides add(String option, String key, Object value) {
            if (value != null) entries.add(new ConfigEntry(key, String.valueOf(value), Origin.option(option)));
            return this;
        }

        ConfigEntries entries() {
            return ConfigEntries.of(entries);
        }
    }

    /**
     * The merged settings. {@code sourceOnCommandLine}: the command line named a source ({@code --serial},
     * {@code --mqtt}), which replaces the file's.
     *
     * @throws io.spinewatch.config.ConfigException with a message naming the file and line or the option
     */
    LiveConfig resolve(Overrides options, boolean sourceOnCommandLine) {
        ConfigEntries fromFile = file == null ? ConfigEntries.EMPTY : PropertiesFile.read(file);
        List<ConfigEntry> fromSet = new ArrayList<>();
        if (sets != null) {
            for (Map.Entry<String, String> e : sets.entrySet()) {
                fromSet.add(new ConfigEntry(e.getKey(), e.getValue().strip(), Origin.option("--set " + e.getKey())));
            }
        }
        ConfigEntries commandLine = ConfigEntries.of(fromSet).overlay(options.entries());
        return LiveConfig.resolve(fromFile, commandLine, sourceOnCommandLine, System.getenv());
    }
}
