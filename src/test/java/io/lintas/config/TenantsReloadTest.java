package io.lintas.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import io.lintas.tenant.TenantsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

class TenantsReloadTest {

    private static final UnaryOperator<String> NO_PLACEHOLDERS = UnaryOperator.identity();

    @TempDir
    Path dir;

    private static String tenants(String... ids) {
        StringBuilder yaml = new StringBuilder("tenants:\n");
        for (String id : ids) {
            yaml.append("  - id: ").append(id).append("\n    name: ").append(id.toUpperCase())
                    .append("\n    region: ID\n    currency: IDR\n    time-zone: Asia/Jakarta\n");
        }
        return yaml.toString();
    }

    private TenantRegistry registry(String text) {
        return new TenantRegistry(TenantsFile.parse("t", text, NO_PLACEHOLDERS));
    }

    @Test
    void anEditedFileReplacesTheTenantsAndTellsTheListenersOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("tenants.yaml"), tenants("acme", "globex"));
        TenantRegistry registry = registry(Files.readString(file));
        AtomicInteger changes = new AtomicInteger();
        registry.onChange(changes::incrementAndGet);
        TenantsReload reload = new TenantsReload(new FileSystemResource(file), file.toString(), NO_PLACEHOLDERS, registry,
                Files.readString(file));

        assertThat(reload.check()).as("unchanged file").isFalse();
        Files.writeString(file, tenants("acme", "initech"));

        assertThat(reload.check()).isTrue();
        assertThat(registry.all()).extracting(Tenant::id).containsExactlyInAnyOrder("acme", "initech");
        assertThat(registry.find("globex")).as("removed from the file: closed").isEmpty();
        assertThat(changes).hasValue(1);
        assertThat(reload.check()).as("applied once").isFalse();
        assertThat(changes).hasValue(1);
    }

    @Test
    void aFileThatDoesNotCheckIsNotAppliedAndTheTenantsInUseStay() throws IOException {
        Path file = Files.writeString(dir.resolve("tenants.yaml"), tenants("acme"));
        TenantRegistry registry = registry(Files.readString(file));
        TenantsReload reload = new TenantsReload(new FileSystemResource(file), file.toString(), NO_PLACEHOLDERS, registry,
                Files.readString(file));

        Files.writeString(file, tenants("acme").replace("region: ID", "region: XX"));

        assertThat(reload.check()).isFalse();
        assertThat(registry.find("acme")).get().extracting(Tenant::region).isEqualTo("ID");

        Files.writeString(file, tenants("acme", "globex"), StandardCharsets.UTF_8);
        assertThat(reload.check()).as("fixed: applied").isTrue();
        assertThat(registry.all()).hasSize(2);
    }

    @Test
    void aClasspathResourceIsNotWatched() {
        TenantRegistry registry = new TenantRegistry(List.of());
        TenantsReload reload = new TenantsReload(new ClassPathResource("tenants-test.yaml"), "classpath:tenants-test.yaml",
                NO_PLACEHOLDERS, registry, "");

        assertThat(reload.watchable()).isFalse();
        assertThat(reload.check()).isFalse();
        assertThat(registry.all()).isEmpty();
    }
}
