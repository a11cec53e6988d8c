package io.lintas.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.IntakeEnvelope;
import io.lintas.ledger.LeadRecorder;
import io.lintas.ledger.Recorded;
import io.lintas.metrics.LeadMetrics;
import io.lintas.notify.LeadEvents;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Camel side of the pipeline: reads the envelope, records it, and sets up the hand-off. */
public class LeadPipeline {

    /** Exchange property: true when the lead goes on to the CRM stage. */
    public static final String DELIVER = "lintasDeliver";

    private final LeadRecorder recorder;
    private final ObjectMapper json;
    private final LeadEvents events;
    private LeadMetrics metrics = LeadMetrics.NONE;

    public LeadPipeline(LeadRecorder recorder, ObjectMapper json) {
        this(recorder, json, null);
    }

    /** @param events the lead.created webhook, queued after the ledger committed a NEW lead (null: none) */
    public LeadPipeline(LeadRecorder recorder, ObjectMapper json, LeadEvents events) {
        this.recorder = recorder;
        this.json = json;
        this.events = events;
    }

    /** Counts and logs what this step did (io.lintas.metrics); set by ObservabilityConfig. */
    public void observe(LeadMetrics metrics) {
        this.metrics = metrics;
    }

    public void process(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        IntakeEnvelope envelope = json.readValue(message.getBody(String.class), IntakeEnvelope.class);
        Recorded recorded = recorder.record(envelope);     // committed on return
        if (events != null && (recorded.kind() == Recorded.Kind.NEW || recorded.kind() == Recorded.Kind.REDELIVERED)) {
            // after the commit, one insert; a redelivery (REDELIVERED: the commit of the hand-off was lost) adds nothing new
            events.created(envelope.tenant(), recorded.leadId(), recorded.leadJson());
        }
        metrics.recorded(recorded.leadId(), envelope.id(), envelope.tenant(), envelope.channel().name(), envelope.source(), recorded.kind().name());
        exchange.setProperty(DELIVER, recorded.kind().deliver());
        QueueHeaders.reset(message, recorded.leadId(), envelope.tenant(), envelope.source());
        message.setHeader("LintasRecorded", recorded.kind().name());
        message.setBody(recorded.leadJson());
    }
}
