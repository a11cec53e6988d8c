package io.lintas.ledger;

import io.lintas.intake.AttachmentStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Attachments in the ledger's {@code lead_attachment} table, one row per tenant and content hash. */
public class SqlAttachmentStore implements AttachmentStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SqlAttachmentStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String store(String tenant, String sha256, String contentType, byte[] content) {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM lead_attachment WHERE tenant = ? AND sha256 = ?",
                Integer.class, tenant, sha256);
        if (present == null || present == 0) {
            try {
                jdbc.update("INSERT INTO lead_attachment (tenant, sha256, content_type, size_bytes, body, stored_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)", tenant, sha256,
                        contentType == null || contentType.length() <= 255 ? contentType : contentType.substring(0, 255),
                        content.length, content, Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException storedMeanwhile) {
                // another consumer stored the same content first: same reference
            }
        }
        return REF_PREFIX + sha256;
    }

    /** The stored attachment behind a reference, if any. */
    public Optional<Stored> find(String tenant, String ref) {
        if (ref == null || !ref.startsWith(REF_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT content_type, body FROM lead_attachment WHERE tenant = ? AND sha256 = ?",
                (rs, i) -> new Stored(rs.getString("content_type"), rs.getBytes("body")),
                tenant, ref.substring(REF_PREFIX.length())).stream().findFirst();
    }

    /** An attachment's type and bytes. */
    public record Stored(String contentType, byte[] content) {
    }
}
