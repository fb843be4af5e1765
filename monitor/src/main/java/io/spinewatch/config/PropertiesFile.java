package io.spinewatch.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads a configuration file in {@link Properties} syntax (UTF-8), keeping the line each key is on so errors can
 * name it. Each logical line (continuations joined) is handed to {@link Properties#load} on its own, so keys,
 * separators, escapes and comments mean exactly what they mean there.
 */
public final class PropertiesFile {
    private PropertiesFile() {
    }

    /** The file's entries in order; a missing or unreadable file, a bad escape or a key given twice is an error. */
    public static ConfigEntries read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + file);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(file, lines);
    }

    /** As {@link #read}, from lines already in memory; {@code file} only names them in messages. */
    public static ConfigEntries parse(Path file, List<String> lines) {
        List<ConfigEntry> entries = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            int first = i + 1;
            String line = lines.get(i++);
            String lead = line.stripLeading();
            if (lead.isEmpty() || lead.startsWith("#") || lead.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(line);
            while (continues(logical) && i < lines.size()) {
                logical.append('\n').append(lines.get(i++));
            }
            Properties p = new Properties();
            try {
                p.load(new StringReader(logical.toString()));
            } catch (IllegalArgumentException | IOException e) {
                throw new ConfigException(Origin.line(file, first) + ": " + e.getMessage());
            }
            for (String key : p.stringPropertyNames()) {
                entries.add(new ConfigEntry(key, p.getProperty(key).strip(), Origin.line(file, first)));
            }
        }
        return ConfigEntries.of(entries);
    }

    /** Whether a line ends in an odd number of backslashes: the next line continues it. */
    private static boolean continues(CharSequence line) {
        int n = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) n++;
        return n % 2 == 1;
    }
}
