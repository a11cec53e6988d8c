package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.lintas.lead.RawLead;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldMapperTest {

    private final FormFieldMapper mapper = new FormFieldMapper();
    private final FormConfig plain = TestRequests.form(FormKind.HTML);

    private static LinkedHashMap<String, List<String>> fields(Object... nameThenValues) {
        LinkedHashMap<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) {
            Object values = nameThenValues[i + 1];
            @SuppressWarnings("unchecked")
            List<String> list = values instanceof List ? (List<String>) values : List.of((String) values);
            fields.put((String) nameThenValues[i], list);
        }
        return fields;
    }

    @Test
    void usualNamesInSeveralLanguagesAndSpellings() {
        RawLead lead = mapper.map(fields(
                "Your-Name", "Ivan Ivanov",
                "First.Name", "Ivan",
                "Фамилия", "Иванов",
                "Phone Number", "+7 999 123-45-67",
                "WhatsApp", List.of("0812 3456 7890", "0813 000"),
                "E-mail", "IVAN@Example.RU",
                "Сообщение", "Перезвоните",
                "comments", "after 6 pm",
                "Perusahaan", "PT Maju",
                "utm_source", "google",
                "UTM-Medium", "cpc",
                "GDPR", "on"), plain);

        assertThat(lead.fullName()).isEqualTo("Ivan Ivanov");
        assertThat(lead.firstName()).isEqualTo("Ivan");
        assertThat(lead.lastName()).isEqualTo("Иванов");
        assertThat(lead.phones()).containsExactly("+7 999 123-45-67", "0812 3456 7890", "0813 000");
        assertThat(lead.emails()).containsExactly("IVAN@Example.RU");
        assertThat(lead.message()).isEqualTo("Перезвоните\nafter 6 pm");
        assertThat(lead.company()).isEqualTo("PT Maju");
        assertThat(lead.utm()).containsExactly(entry("utm_source", "google"), entry("utm_medium", "cpc"));
        assertThat(lead.consent()).isEqualTo("on");
        assertThat(lead.attributes()).isEmpty();
    }

    @Test
    void indonesianAndRussianNames() {
        RawLead lead = mapper.map(fields("nama", "Budi", "no_hp", "0812", "pesan", "Halo", "ФИО", "x",
                "телефон", "+7 495", "почта", "a@b.ru", "компания", "ООО"), plain);

        assertThat(lead.fullName()).isEqualTo("Budi");
        assertThat(lead.phones()).containsExactly("0812", "+7 495");
        assertThat(lead.emails()).containsExactly("a@b.ru");
        assertThat(lead.message()).isEqualTo("Halo");
        assertThat(lead.company()).isEqualTo("ООО");
        assertThat(lead.attributes()).containsExactly(entry("ФИО", "x")); // second name kept, not lost
    }

    @Test
    void unknownFieldsGoToAttributesUnderTheSendersNameWithValuesCommaJoined() {
        RawLead lead = mapper.map(fields("Name", "Ann", "Budget", "10k", "services[]", List.of("crm", "sms"),
                "blank", "  "), plain);

        assertThat(lead.attributes()).containsExactly(entry("Budget", "10k"), entry("services[]", "crm, sms"));
    }

    @Test
    void perFormOverridesWinOverTheDefaults() {
        FormConfig form = new FormConfig("f", FormKind.HTML, null, null, null, null, null,
                Map.of("field_17", "name", "HP", "phone", "Text", "company", "field_9", "budget"));

        RawLead lead = mapper.map(fields("Field 17", "Siti", "hp", "0812", "text", "PT Siti", "field_9", "5 juta",
                "message", "hi"), form);

        assertThat(lead.fullName()).isEqualTo("Siti");
        assertThat(lead.phones()).containsExactly("0812");
        assertThat(lead.company()).isEqualTo("PT Siti"); // "text" would be the message without the override
        assertThat(lead.message()).isEqualTo("hi");
        assertThat(lead.attributes()).containsExactly(entry("budget", "5 juta")); // non-canonical target renames
        assertThat(mapper.canonicalName("Field-17", form)).isEqualTo("name");
        assertThat(mapper.canonicalName("field_9", form)).isNull();
        assertThat(mapper.canonicalName("Field-17", plain)).isNull();
    }

    @Test
    void secretsCredentialFieldsAndTheHoneypotNeverReachAttributes() {
        FormConfig form = new FormConfig("f", FormKind.HTML, "tok-123", "key-456", null, "sec-789", "website", Map.of());

        RawLead lead = mapper.map(fields("name", "Ann", "_token", "whatever", "api_key", "k", "APIKEY", "k",
                "website", "http://spam.example", "copied", "tok-123", "other", "key-456", "hook", "sec-789",
                "kept", "fine"), form);

        assertThat(lead.attributes()).containsExactly(entry("kept", "fine"));
        assertThat(lead.attributes().toString()).doesNotContain("tok-123", "key-456", "sec-789", "spam.example");
    }

    @Test
    void firstNonBlankValueWinsForSingleFieldsAndTheRestIsKept() {
        RawLead lead = mapper.map(fields("name", List.of("", "Ann", "Anna"), "company", "A", "organization", "B",
                "consent", List.of("", "yes")), plain);

        assertThat(lead.fullName()).isEqualTo("Ann");
        assertThat(lead.company()).isEqualTo("A");
        assertThat(lead.consent()).isEqualTo("yes");
        assertThat(lead.attributes()).containsExactly(entry("name", "Anna"), entry("organization", "B"));
    }

    @Test
    void nothingMappedIsAnEmptyLead() {
        RawLead lead = mapper.map(new LinkedHashMap<>(), plain);
        assertThat(lead.fullName()).isNull();
        assertThat(lead.message()).isNull();
        assertThat(lead.consent()).isNull();
        assertThat(lead.phones()).isEmpty();
        assertThat(lead.attributes()).isEmpty();
    }

    @Test
    void aFormsProductPriceAndCurrencyBecomeItsOrderAndStayInTheAttributes() {
        RawLead priced = mapper.map(fields("nama", "Budi", "Produk", "Paket Hemat", "qty", "2", "Harga", "Rp 50.000",
                "Mata Uang", "IDR"), plain);
        assertThat(priced.order()).isEqualTo(io.lintas.lead.RawOrder.typed("IDR",
                List.of(new io.lintas.lead.RawOrder.Item("Paket Hemat", "2", "Rp 50.000")), null));
        assertThat(priced.attributes()).contains(entry("Produk", "Paket Hemat"), entry("Harga", "Rp 50.000"));

        RawLead total = mapper.map(fields("name", "Ivan", "товар", "Курс", "количество", "3", "сумма", "4 500"), plain);
        assertThat(total.order().items()).containsExactly(new io.lintas.lead.RawOrder.Item("Курс × 3", null, "4 500"));
        assertThat(total.order().currency()).isNull();

        assertThat(mapper.map(fields("name", "Ivan", "product", "Курс"), plain).order()).as("no price, no order").isNull();
    }
}
