package io.lintas.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.intake.IntakeRejected;
import io.lintas.intake.LeadApiIntake;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel side of the lead API: {@code POST /api/leads} (routes/intake-api.camel.yaml) and the Kafka
 * topic (routes/intake-kafka.camel.yaml). The HTTP answer is {@link WebhookIntake#reply}'s, so both
 * read the decision from the same exchange property.
 */
public class ApiIntake {

    /** Kafka record header naming the tenant (the document's tenant field may do it instead). */
    public static final String TENANT_RECORD_HEADER = "lintas-tenant";
    /** Dead-letter record headers: why, and where the record came from. */
    public static final String DLT_REASON = "lintas-dlt-reason";
    public static final String DLT_TOPIC = "lintas-original-topic";
    public static final String DLT_PARTITION = "lintas-original-partition";
    public static final String DLT_OFFSET = "lintas-original-offset";
    public static final String DLT_FAILED_AT = "lintas-failed-at";

    /** Exchange property: the record's manual commit, kept while the headers are replaced. */
    static final String COMMIT = "lintasKafkaCommit";

    private static final Logger LOG = LoggerFactory.getLogger(ApiIntake.class);

    private final LeadApiIntake intake;
    private final ObjectMapper json;
    private final Clock clock;

    public ApiIntake(LeadApiIntake intake, ObjectMapper json, Clock clock) {
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    /** {@code POST /api/leads}: 4xx via {@link IntakeRejected}, else the envelope ready for the queue. */
    public void http(Exchange exchange) {
        IntakeMessages.prepare(exchange, intake.http(WebhookIntake.request(exchange.getMessage())), json);
    }

    /**
     * A Kafka record: the envelope ready for the queue, or (when the intake refuses the record) the
     * record as it came, with the reason in headers, ready for the dead-letter topic.
     */
    public void kafka(Exchange exchange) {
        Message in = exchange.getMessage();
        exchange.setProperty(COMMIT, in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
        Object partition = in.getHeader(KafkaConstants.PARTITION);
        Object offset = in.getHeader(KafkaConstants.OFFSET);
        Object key = in.getHeader(KafkaConstants.KEY);
        String tenant = text(in.getHeader(TENANT_RECORD_HEADER));
        byte[] value = in.getBody(byte[].class);
        try {
            IntakeMessages.prepare(exchange, intake.kafka(topic, tenant, value), json);
        } catch (IntakeRejected rejected) {
            LOG.info("kafka record {}-{}@{} dead-lettered: {}", topic, partition, offset, rejected.reason());
            exchange.setProperty(WebhookIntake.ENQUEUE, false);
            in.removeHeaders("*");
            if (key != null) {
                in.setHeader(KafkaConstants.KEY, key);
            }
            if (tenant != null) {
                in.setHeader(TENANT_RECORD_HEADER, tenant);
            }
            in.setHeader(DLT_REASON, rejected.reason());
            in.setHeader(DLT_TOPIC, topic);
            in.setHeader(DLT_PARTITION, String.valueOf(partition));
            in.setHeader(DLT_OFFSET, String.valueOf(offset));
            in.setHeader(DLT_FAILED_AT, clock.instant().toString());
            in.setBody(value == null ? new byte[0] : value);
        }
    }

    /** Commits the record's offset; the route calls it once the lead or the record is durable. */
    public void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getProperty(COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }

    private static String text(Object header) {
        if (header instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return header == null ? null : header.toString();
    }
}
