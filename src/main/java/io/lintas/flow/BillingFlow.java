package io.lintas.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintas.billing.Billing;
import io.lintas.billing.InvoiceRequest;
import io.lintas.billing.InvoiceRequests;
import io.lintas.billing.Outgoing;
import io.lintas.billing.PaymentWebhooks;
import io.lintas.connector.billing.PaymentCallback;
import io.lintas.intake.IntakeRejected;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Camel side of billing: the invoice API and the payment callbacks put their work on persistent queues
 * ({@code lintas.billing}, {@code lintas.payments}) before answering; the consumers hand what {@link Billing} returns
 * to the queues it names ({@code lintas.notify}, {@code lintas.paid}).
 */
public class BillingFlow {

    /** Exchange property: the HTTP answer the API or webhook gives once its message is durable. */
    static final String REPLY = "lintasBillingReply";
    /** Exchange property: the HTTP status of that answer. */
    static final String REPLY_STATUS = "lintasBillingReplyStatus";
    /** Header: the stage queue an outgoing message goes to. */
    public static final String TARGET_QUEUE = "LintasTargetQueue";
    /**
     * Header: the outgoing message's stable id (a notice's noticeId) for the consumer's dedupe. Not the broker's
     * duplicate id: Artemis rolls back a whole transaction that sends a duplicate, which would loop a redelivery.
     */
    public static final String MESSAGE_ID = "LintasMessageId";

    private final Billing billing;
    private final PaymentWebhooks webhooks;
    private final TenantRegistry tenants;
    private final ObjectMapper json;
    private final Supplier<String> ids;

    public BillingFlow(Billing billing, PaymentWebhooks webhooks, TenantRegistry tenants, ObjectMapper json,
            Supplier<String> ids) {
        this.billing = billing;
        this.webhooks = webhooks;
        this.tenants = tenants;
        this.json = json;
        this.ids = ids;
    }

    /** {@code POST /api/invoices} (admin): checks the request and sets it up for {@code lintas.billing}. */
    public void invoiceApi(Exchange exchange) {
        Message in = exchange.getMessage();
        JsonNode body;
        try {
            body = json.readTree(in.getBody(byte[].class));
        } catch (IOException e) {
            throw IntakeRejected.badRequest("body is not JSON");
        }
        String tenantId = body == null ? null : body.path("tenant").asText(null);
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> IntakeRejected.notFound("unknown tenant"));
        InvoiceRequest request = InvoiceRequests.fromApi(tenant, body, ids.get());
        java.util.Optional<String> existing = billing.existing(tenant.id(), request.requestKey());
        exchange.setProperty(WebhookIntake.ENQUEUE, existing.isEmpty());
        if (existing.isPresent()) {   // asked before: the same invoice, nothing queued
            in.removeHeaders("*");
            in.setBody(null);
            exchange.setProperty(REPLY, "{\"invoiceId\":\"" + existing.get() + "\",\"status\":\"exists\"}");
            exchange.setProperty(REPLY_STATUS, 200);
            return;
        }
        toBillingQueue(in, request, "api", write(request));
        exchange.setProperty(REPLY, "{\"invoiceId\":\"" + request.invoiceId() + "\",\"status\":\"accepted\"}");
        exchange.setProperty(REPLY_STATUS, 202);
    }

    /**
     * An invoice request as the message for {@code lintas.billing}, whoever asks (the API, a lead's order, a deal in
     * the invoice stage): Lintas headers with the invoice id, grouped by the request key, the request as JSON.
     */
    static void toBillingQueue(Message message, InvoiceRequest request, String source, String requestJson) {
        QueueHeaders.reset(message, request.invoiceId(), request.tenant(), source);
        message.setHeader(QueueHeaders.GROUP_ID, request.requestKey());
        message.setBody(requestJson);
    }

    /** Consumer of {@code lintas.billing}: issues the invoice; the body becomes the messages to hand on. */
    public void issue(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        InvoiceRequest request = json.readValue(in.getBody(String.class), InvoiceRequest.class);
        in.setBody(billing.issue(request, Boolean.TRUE.equals(in.getHeader("JMSRedelivered", Boolean.class))));
    }

    /** {@code POST /hooks/{tenant}/payments/{provider}}: verifies and sets the callback up for {@code lintas.payments}. */
    public void callback(Exchange exchange) {
        Message in = exchange.getMessage();
        PaymentCallback callback = webhooks.receive(in.getHeader("tenant", String.class), in.getHeader("provider", String.class),
                WebhookIntake.request(in));
        exchange.setProperty(REPLY, "{\"status\":\"received\"}");
        exchange.setProperty(REPLY_STATUS, 200);
        exchange.setProperty(WebhookIntake.ENQUEUE, callback != null);
        if (callback == null) {
            in.removeHeaders("*");
            in.setBody(null);
            return;
        }
        QueueHeaders.reset(in, callback.invoiceId(), callback.tenant(), callback.provider());
        in.setHeader(QueueHeaders.GROUP_ID, callback.invoiceId());   // one invoice's callbacks one after the other
        in.setBody(write(callback));
    }

    /** Consumer of {@code lintas.payments}: applies the callback once; the body becomes the messages to hand on. */
    public void applyPayment(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        PaymentCallback callback = json.readValue(in.getBody(String.class), PaymentCallback.class);
        Boolean redelivered = in.getHeader("JMSRedelivered", Boolean.class);
        in.setBody(billing.apply(callback, Boolean.TRUE.equals(redelivered)));
    }

    /** The schedule: reminders and expiries due now. */
    public void due(Exchange exchange) {
        exchange.getMessage().setBody(billing.dueNotices());
    }

    /** The schedule's notices are on lintas.notify: marked sent (after the split, the body is the list again). */
    @SuppressWarnings("unchecked")
    public void dueSent(Exchange exchange) {
        billing.dueSent(exchange.getMessage().getBody(List.class));
    }

    /** One outgoing message (inside the split): Lintas headers, the broker's duplicate id, JSON body, target queue. */
    public void outgoing(Exchange exchange) {
        Message message = exchange.getMessage();
        Outgoing out = message.getBody(Outgoing.class);
        QueueHeaders.reset(message, out.invoiceId(), out.tenant(), "billing");
        message.setHeader(QueueHeaders.GROUP_ID, out.invoiceId());
        message.setHeader(MESSAGE_ID, out.messageId());
        message.setHeader(TARGET_QUEUE, Stages.queue(out.stage()));
        message.setBody(write(out.payload()));
    }

    /** The 202/200 once the message is durable (or 200 when there was nothing to queue). */
    public void reply(Exchange exchange) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, exchange.getProperty(REPLY_STATUS, 200, Integer.class));
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(exchange.getProperty(REPLY, String.class));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot be written as JSON: " + value.getClass().getSimpleName(), e);
        }
    }
}
