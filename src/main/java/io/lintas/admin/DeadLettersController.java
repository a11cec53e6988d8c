package io.lintas.admin;

import io.lintas.flow.Stages;
import jakarta.jms.JMSException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

/** Dead-letter queues per stage: what failed and why, and replay. */
@RestController
@RequestMapping("/api/dlq")
public class DeadLettersController {

    private final DeadLetterQueues queues;

    public DeadLettersController(DeadLetterQueues queues) {
        this.queues = queues;
    }

    /** Every stage's count and its oldest messages with their failure reasons. */
    @GetMapping
    public Map<String, Object> all(@RequestParam(defaultValue = "50") int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stages", Stages.ALL.stream().map(stage -> queues.list(stage, limit)).toList());
        return body;
    }

    @GetMapping("/{stage}")
    public DeadLetterQueues.StageDeadLetters stage(@PathVariable String stage, @RequestParam(defaultValue = "50") int limit) {
        return queues.list(known(stage), limit);
    }

    /** Replays the listed message ids, or all of the stage's dead letters when none are listed. */
    @PostMapping("/{stage}/replay")
    public Map<String, Object> replay(@PathVariable String stage, @RequestBody(required = false) ReplayRequest request)
            throws JMSException {
        Set<String> ids = request == null || request.messageIds() == null ? Set.of() : new LinkedHashSet<>(request.messageIds());
        int replayed = queues.replay(known(stage), ids);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stage", stage);
        body.put("replayed", replayed);
        return body;
    }

    /** Body of a replay: which messages, or none for all. */
    public record ReplayRequest(List<String> messageIds) {
    }

    private static String known(String stage) {
        if (!Stages.isStage(stage)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "unknown stage '" + stage + "'; stages are " + Stages.ALL);
        }
        return stage;
    }
}
