package io.spinewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documentation of the config file cannot rot: the example is loaded and checked, every key is documented. */
class ConfigDocsTest {
    private static final Path DOCS = Path.of("..", "docs");

    private static Path doc(String name) {
        Path p = DOCS.resolve(name);
        assertTrue(Files.isRegularFile(p), name + " not found from " + Path.of("").toAbsolutePath());
        return p;
    }

    @Test
    void theExampleFileIsValidAndUsesEverySection() {
        LiveConfig c = LiveConfig.read(PropertiesFile.read(doc("spinewatch.example.properties")), Map.of());
        assertEquals(4, c.serialPorts().size());
        assertTrue(c.broker().isPresent());
        assertEquals(2, c.wearers().size());
        assertEquals(45, c.pipeline().alerts().holdSeconds());
        assertTrue(c.dataDir().isPresent());
    }

    @Test
    void configDocListsEveryKey() throws IOException {
        String text = Files.readString(doc("config.md"), StandardCharsets.UTF_8);
        for (String key : LiveConfig.fixedKeys()) {
            assertTrue(text.contains("| `" + key + "` |"), key + " has no row in docs/config.md");
        }
        for (String key : new String[] {"serial.<name>.port", "serial.<name>.protocol", "serial.<name>.baud",
                "serial.<name>.wearer", "serial.<name>.slot", "wearer.<id>.name", "wearer.<id>.zone"}) {
            assertTrue(text.contains("| `" + key + "` |"), key + " has no row in docs/config.md");
        }
    }
}
