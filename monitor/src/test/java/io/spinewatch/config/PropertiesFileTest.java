package io.spinewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {
    private static final Path FILE = Path.of("desk.properties");

    private static ConfigEntries parse(String... lines) {
        return PropertiesFile.parse(FILE, List.of(lines));
    }

    @Test
    void keysKeepTheLineTheyStartOn() {
        ConfigEntries e = parse("# comment", "! also a comment", "", "a = 1", "  b:2", "c 3");
        assertEquals(List.of("a", "b", "c"), e.all().stream().map(ConfigEntry::key).toList());
        assertEquals("desk.properties line 4", e.get("a").orElseThrow().origin().description());
        assertEquals("desk.properties line 5", e.get("b").orElseThrow().origin().description());
        assertEquals("3", e.get("c").orElseThrow().value());
    }

    @Test
    void continuationsAndEscapesMeanWhatTheyMeanInProperties() {
        ConfigEntries e = parse("alert.quiet-windows = 12:00-13:00, \\", "    15:30-16:00", "name = J\\u00f6rg ", "after = x");
        assertEquals("12:00-13:00, 15:30-16:00", e.get("alert.quiet-windows").orElseThrow().value());
        assertEquals("Jörg", e.get("name").orElseThrow().value(), "trailing blanks are dropped");
        assertEquals("desk.properties line 4", e.get("after").orElseThrow().origin().description());
    }

    @Test
    void aKeyGivenTwiceNamesBothLines() {
        ConfigException x = assertThrows(ConfigException.class, () -> parse("a = 1", "b = 2", "a = 3"));
        assertEquals("desk.properties line 3: a is already given at desk.properties line 1; give each key once", x.getMessage());
    }

    @Test
    void aBadEscapeNamesItsLine() {
        ConfigException x = assertThrows(ConfigException.class, () -> parse("a = 1", "b = \\u12"));
        assertTrue(x.getMessage().startsWith("desk.properties line 2: "), x.getMessage());
    }

    @Test
    void aMissingOrNonUtf8FileIsAClearError(@TempDir Path dir) throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> PropertiesFile.read(dir.resolve("nope.properties")));
        assertEquals("config file not found: " + dir.resolve("nope.properties"), missing.getMessage());
        Path latin1 = dir.resolve("latin1.properties");
        Files.write(latin1, "name = J\u00f6rg\n".getBytes(StandardCharsets.ISO_8859_1));
        ConfigException bad = assertThrows(ConfigException.class, () -> PropertiesFile.read(latin1));
        assertEquals(latin1 + ": not UTF-8 text", bad.getMessage());
    }
}
