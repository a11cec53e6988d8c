package io.lintas.admin;

import io.lintas.ledger.LeadLedger;
import io.lintas.ledger.StoredLead;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Reads the ledger: one lead with its journey, or a page of leads. */
@RestController
@RequestMapping("/api/leads")
public class LeadsController {

    private static final int MAX_PAGE = 500;

    private final LeadLedger ledger;

    public LeadsController(LeadLedger ledger) {
        this.ledger = ledger;
    }

    /** The lead, or the lead an intake id was folded into, with its journey. */
    @GetMapping("/{id}")
    public StoredLead lead(@PathVariable String id) {
        return ledger.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id));
    }

    /**
     * Leads newest first. Page with {@code before}: pass the {@code next} of the previous page.
     */
    @GetMapping
    public Map<String, Object> leads(@RequestParam(required = false) String tenant,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String before,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_PAGE);
        }
        Instant sinceInstant = null;
        if (since != null) {
            try {
                sinceInstant = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "since must be an ISO-8601 instant such as 2026-11-23T00:00:00Z");
            }
        }
        List<StoredLead> page = ledger.list(tenant, status, sinceInstant, before, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leads", page);
        body.put("next", page.size() == limit ? page.get(page.size() - 1).id() : null);
        return body;
    }
}
