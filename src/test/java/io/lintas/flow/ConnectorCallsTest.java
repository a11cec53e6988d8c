package io.lintas.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintas.connector.bitrix24.Bitrix24Failure;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Which calls are connector calls, and which of their outcomes count against the remote system. */
class ConnectorCallsTest {

    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void theConnectorIsTheActionKameletsName() {
        assertThat(ConnectorCalls.connector(camel.getEndpoint("kamelet:bitrix24-rest-action?method=batch")))
                .isEqualTo("bitrix24-rest-action");
        assertThat(ConnectorCalls.connector(camel.getEndpoint("kamelet://twilio-sms-action?accountSid=AC1")))
                .isEqualTo("twilio-sms-action");
        assertThat(ConnectorCalls.connector(camel.getEndpoint("kamelet:timer-source"))).isNull();
        assertThat(ConnectorCalls.connector(camel.getEndpoint("direct:somewhere"))).isNull();
    }

    @Test
    void noAnswerA5xxAndA429AreFailuresARefusedRequestIsNot() {
        assertThat(ConnectorCalls.failure(answered(200))).isNull();
        assertThat(ConnectorCalls.failure(answered(400))).isNull();
        assertThat(ConnectorCalls.failure(answered(404))).isNull();
        assertThat(ConnectorCalls.failure(answered(503))).isEqualTo("HTTP 503");
        assertThat(ConnectorCalls.failure(answered(429))).isEqualTo("HTTP 429");

        Exchange timedOut = new DefaultExchange(camel);
        timedOut.setException(new java.net.SocketTimeoutException("Read timed out"));
        assertThat(ConnectorCalls.failure(timedOut)).isEqualTo("SocketTimeoutException: Read timed out");

        Exchange refused = new DefaultExchange(camel);
        refused.setException(new Bitrix24Failure.Permanent("crm.lead.add", 400, "ERROR_CORE", "bad field"));
        assertThat(ConnectorCalls.failure(refused)).isNull();
    }

    private Exchange answered(int status) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return exchange;
    }
}
