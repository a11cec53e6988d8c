package io.lintas.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lintas.connector.billing.MidtransSignature;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The billing and SMS stand-ins answer with the contract sheet's shapes (billing-tasks-sms.md §1 Xendit, §2
 * Midtrans, §7.1 Twilio), refuse what the providers refuse, keep mail, and the "customer pays" helpers build the
 * provider's callback: Xendit's wire format for the account's callback target, Midtrans's notification with a
 * signature_key the hub's own verifier accepts.
 */
class SandboxPaymentsTest {

    static final String XENDIT_KEY = "xnd_development_sandbox_test";
    static final String MIDTRANS_KEY = "SB-Mid-server-sandbox-test";
    static final AtomicReference<String> ASKED = new AtomicReference<>();
    static SandboxServer sandbox;
    static SandboxClient client;

    @BeforeAll
    static void start() {
        // callbacks go to a port nobody listens on: the delivery fails, the payment is still made and reported
        sandbox = SandboxServer.start(0, 2, 50, java.time.Clock.systemUTC(), 0, (provider, key) -> {
            ASKED.set(provider + " " + key);
            return "xendit".equals(provider) ? Optional.of(new PaymentCallbacks.Target("http://127.0.0.1:1/hooks/t/payments/xendit",
                    Map.of("x-callback-token", "tok"))) : Optional.empty();
        });
        client = new SandboxClient(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    SandboxClient.Answer call(String method, String path, String auth, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(request);
    }

    @Test
    void xenditMakesAnInvoiceWithAVaPerBankAndFindsItByIdAndExternalId() {
        SandboxClient.Answer made = call("POST", "/xendit/v2/invoices", basic(XENDIT_KEY, ""), "application/json", """
                {"external_id":"01JQSANDBOXXENDIT000000001","amount":150000.75,"currency":"IDR","payer_email":"budi@example.co.id",
                 "description":"Order 1","invoice_duration":172800,"payment_methods":["BCA","MANDIRI"],
                 "items":[{"name":"Paket","quantity":1,"price":150000}],"customer":{"given_names":"Budi"}}
                """);
        assertThat(made.status()).isEqualTo(200);
        assertThat(made.header("X-Lintas-Sandbox")).isEqualTo("true");
        JsonNode invoice = made.json();
        assertThat(invoice.path("id").asText()).matches("[0-9a-f]{24}");
        assertThat(invoice.path("external_id").asText()).isEqualTo("01JQSANDBOXXENDIT000000001");
        assertThat(invoice.path("status").asText()).isEqualTo("PENDING");
        assertThat(invoice.path("amount").asLong()).isEqualTo(150000);          // IDR decimals truncated
        assertThat(invoice.path("invoice_url").asText()).startsWith("https://");
        assertThat(invoice.path("expiry_date").asText()).isNotBlank();
        assertThat(invoice.path("items").get(0).path("name").asText()).isEqualTo("Paket");
        for (String field : new String[] {"user_id", "merchant_name", "currency", "created", "updated", "should_send_email",
                "available_retail_outlets", "available_ewallets", "available_qr_codes", "available_direct_debits", "available_paylaters"}) {
            assertThat(invoice.has(field)).as(field).isTrue();
        }
        assertThat(invoice.path("available_banks")).hasSize(2);
        JsonNode bca = invoice.path("available_banks").get(0);
        assertThat(bca.path("bank_code").asText()).isEqualTo("BCA");
        assertThat(bca.path("collection_type").asText()).isEqualTo("POOL");
        assertThat(bca.path("bank_branch").asText()).isEqualTo("Virtual Account");
        assertThat(bca.path("bank_account_number").asText()).matches("\\d{13}");
        assertThat(bca.path("account_holder_name").asText()).isNotBlank();
        assertThat(bca.path("transfer_amount").asLong()).isEqualTo(150000);
        assertThat(invoice.path("available_banks").get(1).path("bank_code").asText()).isEqualTo("MANDIRI");

        String id = invoice.path("id").asText();
        SandboxClient.Answer byId = call("GET", "/xendit/v2/invoices/" + id, basic(XENDIT_KEY, ""), null, null);
        assertThat(byId.json()).isEqualTo(invoice);
        SandboxClient.Answer byExternal = call("GET", "/xendit/v2/invoices?external_id=01JQSANDBOXXENDIT000000001",
                basic(XENDIT_KEY, ""), null, null);
        assertThat(byExternal.json().isArray()).isTrue();
        assertThat(byExternal.json()).singleElement().isEqualTo(invoice);
        // another account sees none of it
        assertThat(call("GET", "/xendit/v2/invoices/" + id, basic("xnd_other", ""), null, null).json().path("error_code").asText())
                .isEqualTo("INVOICE_NOT_FOUND_ERROR");
        assertThat(call("GET", "/xendit/v2/invoices?external_id=01JQSANDBOXXENDIT000000001", basic("xnd_other", ""), null, null)
                .json()).isEmpty();
    }

    @Test
    void xenditRefusesWhatXenditRefuses() {
        SandboxClient.Answer noKey = call("POST", "/xendit/v2/invoices", null, "application/json", "{}");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().path("error_code").asText()).isEqualTo("INVALID_API_KEY");
        assertThat(noKey.json().has("message")).isTrue();
        SandboxClient.Answer badBank = call("POST", "/xendit/v2/invoices", basic(XENDIT_KEY, ""), "application/json",
                "{\"external_id\":\"x1\",\"amount\":1000,\"payment_methods\":[\"NOPE\"]}");
        assertThat(badBank.status()).isEqualTo(400);
        assertThat(badBank.json().path("error_code").asText()).isEqualTo("UNAVAILABLE_PAYMENT_METHOD_ERROR");
        assertThat(call("POST", "/xendit/v2/invoices", basic(XENDIT_KEY, ""), "application/json",
                "{\"external_id\":\"x2\",\"amount\":1000,\"currency\":\"EUR\"}").json().path("error_code").asText())
                .isEqualTo("UNSUPPORTED_CURRENCY");
        SandboxClient.Answer missing = call("GET", "/xendit/v2/invoices/nope", basic(XENDIT_KEY, ""), null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error_code").asText()).isEqualTo("INVOICE_NOT_FOUND_ERROR");
    }

    @Test
    void payingAXenditInvoiceMarksItPaidAndBuildsTheWireCallbackForTheAccountsTarget() {
        JsonNode invoice = call("POST", "/xendit/v2/invoices", basic(XENDIT_KEY, ""), "application/json",
                "{\"external_id\":\"01JQSANDBOXXENDIT000000002\",\"amount\":44000,\"payment_methods\":[\"BNI\",\"BCA\"]}").json();
        SandboxClient.Answer paid = call("POST", "/sandbox/xendit/invoices/01JQSANDBOXXENDIT000000002/pay", null,
                "application/json", "{\"bank\":\"BCA\"}");
        assertThat(paid.status()).isEqualTo(200);
        assertThat(ASKED.get()).isEqualTo("xendit " + XENDIT_KEY);
        JsonNode callback = paid.json().path("callback");
        assertThat(callback.path("id").asText()).isEqualTo(invoice.path("id").asText());
        assertThat(callback.path("external_id").asText()).isEqualTo("01JQSANDBOXXENDIT000000002");
        assertThat(callback.path("status").asText()).isEqualTo("PAID");
        assertThat(callback.path("paid_amount").asLong()).isEqualTo(44000);
        assertThat(callback.path("payment_method").asText()).isEqualTo("BANK_TRANSFER");
        assertThat(callback.path("payment_channel").asText()).isEqualTo("BCA");
        assertThat(callback.path("bank_code").asText()).isEqualTo("BCA");
        assertThat(callback.path("payment_destination").asText())
                .isEqualTo(invoice.path("available_banks").get(1).path("bank_account_number").asText());
        for (String field : new String[] {"amount", "created", "paid_at", "updated", "user_id", "currency", "merchant_name"}) {
            assertThat(callback.has(field)).as(field).isTrue();
        }
        assertThat(paid.json().path("delivery").path("url").asText()).isEqualTo("http://127.0.0.1:1/hooks/t/payments/xendit");
        assertThat(paid.json().path("delivery").path("sent").asBoolean()).isFalse();   // nobody listens there
        JsonNode after = call("GET", "/xendit/v2/invoices/" + invoice.path("id").asText(), basic(XENDIT_KEY, ""), null, null).json();
        assertThat(after.path("status").asText()).isEqualTo("PAID");
        assertThat(after.path("paid_amount").asLong()).isEqualTo(44000);
    }

    @Test
    void midtransChargesABankTransferLikeTheContractsExampleAndSignsItsSettlement() {
        String charge = """
                {"payment_type":"bank_transfer","transaction_details":{"order_id":"01JQSANDBOXMIDTRANS0000001","gross_amount":44000},
                 "bank_transfer":{"bank":"bca"}}
                """;
        SandboxClient.Answer made = call("POST", "/midtrans/v2/charge", basic(MIDTRANS_KEY, ""), "application/json", charge,
                "Idempotency-Key", "key-1");
        assertThat(made.status()).isEqualTo(200);
        JsonNode body = made.json();
        assertThat(body.path("status_code").asText()).isEqualTo("201");
        assertThat(body.path("status_message").asText()).isEqualTo("Success, Bank Transfer transaction is created");
        assertThat(body.path("order_id").asText()).isEqualTo("01JQSANDBOXMIDTRANS0000001");
        assertThat(body.path("gross_amount").asText()).isEqualTo("44000.00");
        assertThat(body.path("currency").asText()).isEqualTo("IDR");
        assertThat(body.path("payment_type").asText()).isEqualTo("bank_transfer");
        assertThat(body.path("transaction_status").asText()).isEqualTo("pending");
        assertThat(body.path("transaction_time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(body.path("fraud_status").asText()).isEqualTo("accept");
        assertThat(body.path("va_numbers").get(0).path("bank").asText()).isEqualTo("bca");
        assertThat(body.path("va_numbers").get(0).path("va_number").asText()).matches("\\d{15}");
        assertThat(body.has("transaction_id") && body.has("merchant_id")).isTrue();
        // the same Idempotency-Key within 5 minutes: the first answer; the same order again without it: 406
        assertThat(call("POST", "/midtrans/v2/charge", basic(MIDTRANS_KEY, ""), "application/json", charge,
                "Idempotency-Key", "key-1").json()).isEqualTo(body);
        SandboxClient.Answer again = call("POST", "/midtrans/v2/charge", basic(MIDTRANS_KEY, ""), "application/json", charge);
        assertThat(again.json().path("status_code").asText()).isEqualTo("406");

        JsonNode status = call("GET", "/midtrans/v2/01JQSANDBOXMIDTRANS0000001/status", basic(MIDTRANS_KEY, ""), null, null).json();
        assertThat(status.path("transaction_status").asText()).isEqualTo("pending");
        assertThat(status.path("va_numbers")).isEqualTo(body.path("va_numbers"));
        SandboxClient.Answer unknown = call("GET", "/midtrans/v2/nope/status", basic(MIDTRANS_KEY, ""), null, null);
        assertThat(unknown.json().path("status_code").asText()).isEqualTo("404");

        SandboxClient.Answer paid = call("POST", "/sandbox/midtrans/orders/01JQSANDBOXMIDTRANS0000001/pay", null, null, null);
        JsonNode notification = paid.json().path("callback");
        assertThat(notification.path("transaction_status").asText()).isEqualTo("settlement");
        assertThat(notification.path("status_code").asText()).isEqualTo("200");
        assertThat(notification.path("status_message").asText()).isEqualTo("midtrans payment notification");
        assertThat(notification.has("settlement_time") && notification.has("payment_amounts")).isTrue();
        assertThat(MidtransSignature.matches(notification.path("order_id").asText(), notification.path("status_code").asText(),
                notification.path("gross_amount").asText(), MIDTRANS_KEY, notification.path("signature_key").asText())).isTrue();
        assertThat(paid.json().path("delivery").path("sent").asBoolean()).isFalse();   // no target for midtrans here
        assertThat(call("GET", "/midtrans/v2/01JQSANDBOXMIDTRANS0000001/status", basic(MIDTRANS_KEY, ""), null, null).json()
                .path("transaction_status").asText()).isEqualTo("settlement");
    }

    @Test
    void midtransMandiriAndPermataCarryTheirOwnFields() {
        JsonNode mandiri = call("POST", "/midtrans/v2/charge", basic(MIDTRANS_KEY, ""), "application/json",
                "{\"payment_type\":\"echannel\",\"transaction_details\":{\"order_id\":\"m-1\",\"gross_amount\":1000},"
                        + "\"echannel\":{\"bill_info1\":\"Payment:\",\"bill_info2\":\"x\"}}").json();
        assertThat(mandiri.path("bill_key").asText()).isNotBlank();
        assertThat(mandiri.path("biller_code").asText()).isNotBlank();
        JsonNode permata = call("POST", "/midtrans/v2/charge", basic(MIDTRANS_KEY, ""), "application/json",
                "{\"payment_type\":\"bank_transfer\",\"transaction_details\":{\"order_id\":\"p-1\",\"gross_amount\":1000},"
                        + "\"bank_transfer\":{\"bank\":\"permata\"}}").json();
        assertThat(permata.path("permata_va_number").asText()).isNotBlank();
        assertThat(call("POST", "/midtrans/v2/charge", null, "application/json", "{}").status()).isEqualTo(401);
    }

    @Test
    void twilioAcceptsAMessageLikeTheMessagesApiAndRecordsIt() {
        String sid = "AC0123456789abcdef0123456789abcdef";
        SandboxClient.Answer sent = call("POST", "/twilio/2010-04-01/Accounts/" + sid + "/Messages.json", basic(sid, "token"),
                "application/x-www-form-urlencoded", "To=%2B6281234567890&From=%2B15005550006&Body=Bayar+Rp150.000+ke+VA+BCA+1076699000001");
        assertThat(sent.status()).isEqualTo(201);
        JsonNode m = sent.json();
        assertThat(m.path("sid").asText()).matches("SM[0-9a-f]{32}");
        assertThat(m.path("status").asText()).isEqualTo("queued");
        assertThat(m.path("to").asText()).isEqualTo("+6281234567890");
        assertThat(m.path("from").asText()).isEqualTo("+15005550006");
        assertThat(m.path("body").asText()).isEqualTo("Bayar Rp150.000 ke VA BCA 1076699000001");
        assertThat(m.path("account_sid").asText()).isEqualTo(sid);
        assertThat(m.path("num_segments").asText()).isEqualTo("1");
        assertThat(m.path("uri").asText()).isEqualTo("/2010-04-01/Accounts/" + sid + "/Messages/" + m.path("sid").asText() + ".json");
        assertThat(client.get("/sandbox/sms").json().path("messages").toString()).contains(m.path("sid").asText());

        SandboxClient.Answer wrongAccount = call("POST", "/twilio/2010-04-01/Accounts/" + sid + "/Messages.json",
                basic("ACother", "token"), "application/x-www-form-urlencoded", "To=%2B1&From=%2B2&Body=x");
        assertThat(wrongAccount.status()).isEqualTo(401);
        assertThat(wrongAccount.json().path("code").asInt()).isEqualTo(20003);
        SandboxClient.Answer noTo = call("POST", "/twilio/2010-04-01/Accounts/" + sid + "/Messages.json", basic(sid, "token"),
                "application/x-www-form-urlencoded", "From=%2B2&Body=x");
        assertThat(noTo.status()).isEqualTo(400);
        assertThat(noTo.json().path("code").asInt()).isEqualTo(21604);
        assertThat(noTo.json().path("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/21604");
    }

    @Test
    void theMailServerKeepsWhatItIsSentAndListsIt() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(sandbox.mail().port()));
        MimeMessage mail = new MimeMessage(Session.getInstance(props));
        mail.setFrom(new InternetAddress("billing@demo.example"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("budi@example.co.id"));
        mail.setSubject("Tagihan 01JQSANDBOXMAIL");
        mail.setText("VA BCA 1076699000001", "UTF-8");
        Transport.send(mail);

        JsonNode listed = client.get("/sandbox/mail?contains=01JQSANDBOXMAIL").json();
        assertThat(listed.path("count").asInt()).isEqualTo(1);
        JsonNode m = listed.path("messages").get(0);
        assertThat(m.path("to").asText()).isEqualTo("budi@example.co.id");
        assertThat(m.path("from").asText()).isEqualTo("billing@demo.example");
        assertThat(m.path("text").asText()).isEqualTo("VA BCA 1076699000001");
        assertThat(m.path("receivedAtMillis").asLong()).isPositive();
        assertThat(client.get("/sandbox/mail?contains=nothing-like-this").json().path("count").asInt()).isZero();
        assertThat(client.get("/sandbox/mail?summary=true").json().path("messages").get(0).has("text")).isFalse();
    }
}
