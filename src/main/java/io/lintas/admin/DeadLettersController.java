package io.lintas.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lintas.flow.Stages;
import jakarta.jms.JMSException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Dead-letter queues per stage: what failed and why, replay and discard (of listed ids, or of all
 * of a stage's dead letters), and the audit of both.
 */
@RestController
@RequestMapping("/api/dlq")
public class DeadLettersController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetterQueues queues;
    private final DeadLetterAudit audit;

    public DeadLettersController(DeadLetterQueues queues, DeadLetterAudit audit) {
        this.queues = queues;
        this.audit = audit;
    }

    /** Every stage's count and its oldest messages with their failure reasons. */
    @GetMapping
    public Map<String, Object> all(@RequestParam(defaultValue = "50") int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stages", Stages.ALL.stream().map(stage -> queues.list(stage, limit(limit))).toList());
        return body;
    }

    /** The audit of replays and discards, newest first; {@code /api/dlq/audit/{id}} has the message body. */
    @GetMapping("/audit")
    public Map<String, Object> audit(@RequestParam(required = false) String stage,
            @RequestParam(required = false) String action, @RequestParam(defaultValue = "100") int limit) {
        DeadLetterAudit.Action wanted = null;
        if (action != null) {
            try {
                wanted = DeadLetterAudit.Action.valueOf(action.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "action must be REPLAY or DISCARD (got " + action + ")");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", audit.list(stage == null ? null : known(stage), wanted, limit(limit)));
        return body;
    }

    /** One audit record with the message's properties and body, to recover a discarded message by hand. */
    @GetMapping("/audit/{id}")
    public DeadLetterAudit.Entry auditRecord(@PathVariable long id) {
        return audit.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no audit record " + id));
    }

    @GetMapping("/{stage}")
    public DeadLetterQueues.StageDeadLetters stage(@PathVariable String stage, @RequestParam(defaultValue = "50") int limit) {
        return queues.list(known(stage), limit(limit));
    }

    /** Replays the listed message ids, or all of the stage's dead letters when none are listed. */
    @PostMapping("/{stage}/replay")
    public Map<String, Object> replay(@PathVariable String stage, @RequestBody(required = false) Selection request,
            Principal user) throws JMSException {
        DeadLetterQueues.Outcome outcome = queues.replay(known(stage), ids(request), user.getName());
        return answer(stage, "replayed", outcome);
    }

    /**
     * Discards the listed message ids, or all of the stage's dead letters when none are listed;
     * each leaves an audit record with its body.
     */
    @PostMapping("/{stage}/discard")
    public Map<String, Object> discard(@PathVariable String stage, @RequestBody(required = false) Selection request,
            Principal user) throws JMSException {
        DeadLetterQueues.Outcome outcome = queues.discard(known(stage), ids(request), user.getName());
        return answer(stage, "discarded", outcome);
    }

    /** Body of a replay or discard: which messages, or none for all. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Selection(List<String> messageIds) {
    }

    private static Set<String> ids(Selection request) {
        return request == null || request.messageIds() == null ? Set.of() : new LinkedHashSet<>(request.messageIds());
    }

    private static Map<String, Object> answer(String stage, String verb, DeadLetterQueues.Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stage", stage);
        body.put(verb, outcome.done());
        body.put("notFound", outcome.notFound());
        return body;
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1.." + MAX_LIMIT + " (got " + limit + ")");
        }
        return limit;
    }

    private static String known(String stage) {
        if (!Stages.isStage(stage)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "unknown stage '" + stage + "'; stages are " + Stages.ALL);
        }
        return stage;
    }
}
