package io.lintas.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintas.tenant.NotificationsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request bodies and answer classification of Twilio Messages and SMS.ru, with the contract sheet's bodies. */
class SmsGatewaysTest {

    private static final NotificationsConfig.Twilio TWILIO = new NotificationsConfig.Twilio("https://api.twilio.com",
            "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "token", "+15017122661", null);

    @Test
    void twilioFormHasToFromAndBodyUrlEncoded() {
        assertThat(TwilioMessages.formBody(TWILIO, "+6281234567890", "Bayar Rp150.000 & VA 8127"))
                .isEqualTo("To=%2B6281234567890&From=%2B15017122661&Body=Bayar+Rp150.000+%26+VA+8127");
        NotificationsConfig.Twilio service = new NotificationsConfig.Twilio("https://api.twilio.com", "AC1", "t", null, "MG123");
        assertThat(TwilioMessages.formBody(service, "+79255070602", "Оплата"))
                .isEqualTo("To=%2B79255070602&MessagingServiceSid=MG123&Body=%D0%9E%D0%BF%D0%BB%D0%B0%D1%82%D0%B0");
    }

    @Test
    void twilioAcceptedMessageGivesItsSid() {
        assertThat(TwilioMessages.messageId(new SmsAnswer(201, fixture("twilio-message-201.json"))))
                .isEqualTo("SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    }

    @Test
    void twilioErrorsAreClassified() {
        assertThatThrownBy(() -> TwilioMessages.messageId(new SmsAnswer(400, fixture("twilio-error-21211.json"))))
                .isInstanceOf(NotifyFailure.Permanent.class).hasMessageContaining("code 21211").hasMessageContaining("Invalid 'To' Phone Number");
        assertThatThrownBy(() -> TwilioMessages.messageId(new SmsAnswer(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}")))
                .isInstanceOf(NotifyFailure.Permanent.class).hasMessageContaining("20003");
        assertThatThrownBy(() -> TwilioMessages.messageId(new SmsAnswer(429, "{\"code\":20429,\"message\":\"Too Many Requests\"}")))
                .isInstanceOf(NotifyFailure.Transient.class);
        assertThatThrownBy(() -> TwilioMessages.messageId(new SmsAnswer(500, "")))
                .isInstanceOf(NotifyFailure.OutcomeUnknown.class);
        assertThatThrownBy(() -> TwilioMessages.messageId(new SmsAnswer(201, "<html>")))
                .isInstanceOf(NotifyFailure.OutcomeUnknown.class);
    }

    @Test
    void smsRuFormHasDigitsOnlyNumberMessageAndJson() {
        NotificationsConfig.SmsRu smsru = new NotificationsConfig.SmsRu("https://sms.ru", "key", null);
        assertThat(SmsRuMessages.formBody(smsru, "+79255070602", "hello world"))
                .isEqualTo("to=79255070602&msg=hello+world&json=1");
        assertThat(SmsRuMessages.formBody(new NotificationsConfig.SmsRu("https://sms.ru", "key", "Rusco"), "+79255070602", "Привет"))
                .isEqualTo("to=79255070602&msg=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82&json=1&from=Rusco");
    }

    @Test
    void smsRuContractAnswerGivesTheSmsIdOfAnAcceptedNumberAndRefusesTheOther() {
        String answer = fixture("smsru-send.json");

        assertThat(SmsRuMessages.messageId(new SmsAnswer(200, answer), "+79255070602")).isEqualTo("000000-10000000");
        assertThatThrownBy(() -> SmsRuMessages.messageId(new SmsAnswer(200, answer), "+74993221627"))
                .isInstanceOf(NotifyFailure.Permanent.class).hasMessageContaining("status_code 207")
                .hasMessageContaining("Messages cannot be sent to this number");
    }

    @Test
    void smsRuRequestErrorsAreClassified() {
        assertThatThrownBy(() -> SmsRuMessages.messageId(new SmsAnswer(200,
                "{\"status\":\"ERROR\",\"status_code\":200,\"status_text\":\"Неправильный api_id\"}"), "+79255070602"))
                .isInstanceOf(NotifyFailure.Permanent.class).hasMessageContaining("status_code 200");
        assertThatThrownBy(() -> SmsRuMessages.messageId(new SmsAnswer(200,
                "{\"status\":\"ERROR\",\"status_code\":220,\"status_text\":\"Сервис временно недоступен\"}"), "+79255070602"))
                .isInstanceOf(NotifyFailure.Transient.class);
        assertThatThrownBy(() -> SmsRuMessages.messageId(new SmsAnswer(503, ""), "+79255070602"))
                .isInstanceOf(NotifyFailure.OutcomeUnknown.class);
        assertThatThrownBy(() -> SmsRuMessages.messageId(new SmsAnswer(429, ""), "+79255070602"))
                .isInstanceOf(NotifyFailure.Transient.class);
    }

    static String fixture(String name) {
        try (InputStream in = SmsGatewaysTest.class.getResourceAsStream("/notify/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
