package io.lintas.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts of customer notices: bundled defaults under {@code templates/notify/} on the class path
 * ({@code messages_<lang>.properties}, {@code email.txt}, {@code email.html}), each overridable by a
 * tenant's directory holding files of the same names (a tenant's messages file may override only
 * some keys). Read once per directory and language.
 */
public class NoticeTemplates {

    static final String BUNDLED = "templates/notify/";

    private final Map<String, Properties> messages = new ConcurrentHashMap<>();
    private final Map<String, String> layouts = new ConcurrentHashMap<>();

    /** @param tenantDirectory the tenant's override directory, or null */
    public Properties messages(String tenantDirectory, String language) {
        return messages.computeIfAbsent(tenantDirectory + "|" + language, k -> {
            String file = "messages_" + language + ".properties";
            Properties merged = new Properties();
            try (InputStream in = bundled(file)) {
                load(merged, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path own = own(tenantDirectory, file);
            if (own != null) {
                try (InputStream in = Files.newInputStream(own)) {
                    load(merged, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return merged;
        });
    }

    /** {@code email.txt} or {@code email.html}, the tenant's own if it has one. */
    public String layout(String tenantDirectory, String name) {
        return layouts.computeIfAbsent(tenantDirectory + "|" + name, k -> {
            try {
                Path own = own(tenantDirectory, name);
                if (own != null) {
                    return Files.readString(own, StandardCharsets.UTF_8);
                }
                try (InputStream in = bundled(name)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Path own(String directory, String file) {
        if (directory == null) {
            return null;
        }
        Path path = Path.of(directory.startsWith("file:") ? directory.substring(5) : directory).resolve(file);
        return Files.isRegularFile(path) ? path : null;
    }

    private static InputStream bundled(String file) throws IOException {
        InputStream in = NoticeTemplates.class.getClassLoader().getResourceAsStream(BUNDLED + file);
        if (in == null) {
            throw new IOException("bundled template missing: " + BUNDLED + file);
        }
        return in;
    }

    private static void load(Properties into, InputStream in) throws IOException {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            into.load(reader);
        }
    }
}
