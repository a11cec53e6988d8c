package io.lintas.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.SqlAttachmentStore;
import io.lintas.ledger.StoredLead;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A lead's mail attachment by its number: {@code GET /api/leads/{id}/attachments/{n}} gives the file the
 * lead's {@code attachment_n_ref} points to, as a download (never rendered inline).
 */
@RestController
public class LeadAttachmentsController {

    private final LeadLedger ledger;
    private final SqlAttachmentStore attachments;

    public LeadAttachmentsController(LeadLedger ledger, SqlAttachmentStore attachments) {
        this.ledger = ledger;
        this.attachments = attachments;
    }

    @GetMapping("/api/leads/{id}/attachments/{n}")
    public ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable int n) {
        StoredLead lead = ledger.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id));
        JsonNode attributes = lead.lead().path("attributes");
        String ref = attributes.path("attachment_" + n + "_ref").asText(null);
        if (ref == null) {
            String why = attributes.has("attachment_" + n + "_skipped") ? "attachment " + n + " was not kept: "
                    + attributes.path("attachment_" + n + "_skipped").asText() : "lead " + lead.id() + " has no attachment " + n;
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, why);
        }
        SqlAttachmentStore.Stored file = attachments.find(lead.tenant(), ref)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "attachment " + n + " is not stored"));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attributes.path("attachment_" + n + "_name").asText("attachment-" + n),
                                java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Lintas-Content-Type", file.contentType() == null ? "application/octet-stream" : file.contentType())
                .body(file.content());
    }
}
