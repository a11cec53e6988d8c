package io.lintas.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class LeadNormalizerTest {

    static final LeadOrigin ORIGIN = new LeadOrigin("01HZX3K4M5N6P7Q8R9S0T1V2W3", "acme", Channel.FORM, "tilda",
            "tran-123", Instant.parse("2024-05-01T10:15:30Z"), "ledger:payload/01HZX3K4M5N6P7Q8R9S0T1V2W3");

    private final LeadNormalizer normalizer = new LeadNormalizer();

    static RawLead indonesianFormLead() {
        Map<String, String> utm = new LinkedHashMap<>();
        utm.put("utm_source", " google ");
        utm.put("utm_medium", "cpc");
        utm.put("utm_campaign", "ramadan_2024");
        utm.put("utm_content", "  ");
        utm.put("utm_term", null);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("formid", "form123456");
        attributes.put("city", "Jakarta");
        return new RawLead(" Budi   Santoso ", null, null,
                List.of("0812-3456-7890 / 0813-1234-5678", "+62 812 3456 7890", "12345"),
                List.of(" Budi@Maju.co.id ", "budi@maju.co.id", "budi(at)maju.co.id"),
                "  PT Maju Jaya ", "  Mohon info harga paket.\r\nTerima kasih  ", utm, "on", attributes);
    }

    @Test
    void mapsAWholeLead() {
        Lead lead = normalizer.normalize(ORIGIN, indonesianFormLead(), "ID");

        assertThat(lead.id()).isEqualTo(ORIGIN.id());
        assertThat(lead.tenant()).isEqualTo("acme");
        assertThat(lead.channel()).isEqualTo(Channel.FORM);
        assertThat(lead.source()).isEqualTo("tilda");
        assertThat(lead.sourceEventId()).isEqualTo("tran-123");
        assertThat(lead.receivedAt()).isEqualTo(ORIGIN.receivedAt());
        assertThat(lead.rawPayloadRef()).isEqualTo(ORIGIN.rawPayloadRef());
        assertThat(lead.contact()).isEqualTo(new Contact("Budi Santoso", "Budi", "Santoso",
                List.of("+6281234567890", "+6281312345678"), List.of("budi@maju.co.id"), "PT Maju Jaya"));
        assertThat(lead.message()).isEqualTo("Mohon info harga paket.\nTerima kasih");
        assertThat(lead.utm()).isEqualTo(new Utm("google", "cpc", "ramadan_2024", null, null));
        assertThat(lead.consent()).isTrue();
    }

    @Test
    void keepsAttributesAndAddsWhatFailedCleaning() {
        Lead lead = normalizer.normalize(ORIGIN, indonesianFormLead(), "ID");

        assertThat(lead.attributes()).containsExactly(
                entry("formid", "form123456"),
                entry("city", "Jakarta"),
                entry("invalid_phone", "12345"),
                entry("invalid_email", "budi(at)maju.co.id"));
    }

    @Test
    void severalInvalidValuesAreCommaJoined() {
        RawLead raw = new RawLead(null, null, null, List.of("12345", "call me; 999"), List.of("a@", "b@c"),
                null, null, null, null, null);

        Lead lead = normalizer.normalize(ORIGIN, raw, "ID");

        assertThat(lead.contact().phones()).isEmpty();
        assertThat(lead.contact().emails()).isEmpty();
        assertThat(lead.attributes()).containsExactly(
                entry("invalid_phone", "12345, call me, 999"),
                entry("invalid_email", "a@, b@c"));
    }

    @Test
    void russianLeadWithSeparateNamesAndExtension() {
        RawLead raw = new RawLead(null, "Иван", "Иванов", List.of("8 (912) 345-67-89", "+7 495 123-45-67 доб. 12"),
                List.of("Иван <IVAN@X.RU>"), "ООО «Ромашка»", null, null, "да", null);

        Lead lead = normalizer.normalize(ORIGIN, raw, "RU");

        assertThat(lead.contact()).isEqualTo(new Contact("Иван Иванов", "Иван", "Иванов",
                List.of("+79123456789", "+74951234567"), List.of("ivan@x.ru"), "ООО «Ромашка»"));
        assertThat(lead.consent()).isTrue();
        assertThat(lead.message()).isNull();
        assertThat(lead.utm()).isEqualTo(Utm.NONE);
        assertThat(lead.attributes()).containsExactly(entry("phone_ext", "+74951234567 ext 12"));
    }

    @Test
    void russianFullNameWithPatronymic() {
        RawLead raw = new RawLead("Иванов Иван Иванович", null, null, List.of("+7 912 345 67 89"), null, null,
                null, null, "нет", null);

        Lead lead = normalizer.normalize(ORIGIN, raw, "RU");

        assertThat(lead.contact().fullName()).isEqualTo("Иванов Иван Иванович");
        assertThat(lead.contact().firstName()).isEqualTo("Иван");
        assertThat(lead.contact().lastName()).isEqualTo("Иванов");
        assertThat(lead.consent()).isFalse();
    }

    @Test
    void unknownConsentIsNullAndKeptRaw() {
        RawLead raw = new RawLead(null, null, null, null, null, null, "hi", null, "  Saya setuju dihubungi ", null);

        Lead lead = normalizer.normalize(ORIGIN, raw, "ID");

        assertThat(lead.consent()).isNull();
        assertThat(lead.attributes()).containsExactly(entry("consent_raw", "Saya setuju dihubungi"));
    }

    @Test
    void absentConsentIsNullAndNotRecorded() {
        RawLead raw = new RawLead(null, null, null, null, null, null, "hi", null, "  ", null);

        Lead lead = normalizer.normalize(ORIGIN, raw, "ID");

        assertThat(lead.consent()).isNull();
        assertThat(lead.attributes()).isEmpty();
    }

    @Test
    void senderFieldsNamedLikeOursAreNotOverwritten() {
        RawLead raw = new RawLead(null, null, null, List.of("12345"), null, null, null, null, null,
                Map.of("invalid_phone", "sender's own"));

        Lead lead = normalizer.normalize(ORIGIN, raw, "ID");

        assertThat(lead.attributes()).containsExactly(
                entry("invalid_phone", "sender's own"),
                entry("invalid_phone_2", "12345"));
    }

    @Test
    void otherTrackingTagsGoToAttributes() {
        Map<String, String> utm = new LinkedHashMap<>();
        utm.put("utm_source", "yandex");
        utm.put("utm_id", "42");
        utm.put("yclid", "abc");

        Lead lead = normalizer.normalize(ORIGIN, new RawLead(null, null, null, null, null, null, null, utm, null, null), "RU");

        assertThat(lead.utm()).isEqualTo(new Utm("yandex", null, null, null, null));
        assertThat(lead.attributes()).containsExactly(entry("utm_id", "42"), entry("yclid", "abc"));
    }

    @Test
    void blankValuesBecomeNull() {
        RawLead raw = new RawLead("  ", " ", "\t", List.of(" "), List.of(""), "  ", " \n ", null, null, null);

        Lead lead = normalizer.normalize(ORIGIN, raw, "ID");

        assertThat(lead.contact()).isEqualTo(new Contact(null, null, null, List.of(), List.of(), null));
        assertThat(lead.message()).isNull();
        assertThat(lead.attributes()).isEmpty();
        assertThat(lead.canBeContacted()).isFalse();
    }

    @Test
    void hostileInputIsCleanedAndCapped() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("note\u0000", "a\u0007b\r\nc\td\u202Ee");
        attributes.put("empty", null);
        String hugeMessage = "x".repeat(50_000);
        RawLead raw = new RawLead("N".repeat(1_000), null, null, null, null, "C".repeat(1_000),
                "  line1\u0000\u001B[31m\rline2\t" + hugeMessage, Map.of("utm_source", "s\u0000rc"), null, attributes);

        Lead lead = normalizer.normalize(ORIGIN, raw, "ID");

        assertThat(lead.message()).hasSize(LeadNormalizer.MAX_MESSAGE).startsWith("line1[31m\nline2\txxx");
        assertThat(lead.contact().fullName()).hasSize(NameSplitter.MAX_NAME);
        assertThat(lead.contact().company()).hasSize(LeadNormalizer.MAX_COMPANY);
        assertThat(lead.utm().source()).isEqualTo("src");
        assertThat(lead.attributes()).containsOnly(entry("note", "ab\nc\tde"), entry("empty", ""));
    }

    @Test
    void tooManyAttributesAreCounted() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < LeadNormalizer.MAX_ATTRIBUTES + 7; i++) {
            attributes.put("f" + i, "v");
        }

        Lead lead = normalizer.normalize(ORIGIN, new RawLead(null, null, null, null, null, null, null, null, null, attributes), "ID");

        assertThat(lead.attributes()).hasSize(LeadNormalizer.MAX_ATTRIBUTES + 1)
                .containsEntry("f0", "v")
                .containsEntry("attributes_dropped", "7")
                .doesNotContainKey("f" + LeadNormalizer.MAX_ATTRIBUTES);
    }

    @Test
    void anOrderIsCleanedAndOneThatCannotBeBilledLeavesItsReasonInTheAttributes() {
        RawLead priced = new RawLead("Budi", null, null, List.of("0812 3456 7890"), List.of(), null, null, Map.of(), null,
                Map.of("harga", "Rp 150.000"), RawOrder.typed("IDR", List.of(new RawOrder.Item("Paket", null, "Rp 150.000")), null));
        Lead lead = normalizer.normalize(ORIGIN, priced, "ID");
        assertThat(lead.order().total()).isEqualByComparingTo("150000");
        assertThat(lead.attributes()).containsEntry("harga", "Rp 150.000").doesNotContainKey(LeadNormalizer.ORDER_INVALID);

        RawLead free = new RawLead("Budi", null, null, List.of("0812 3456 7890"), List.of(), null, null, Map.of(), null,
                Map.of(), RawOrder.typed(null, List.of(new RawOrder.Item("Paket", null, "gratis")), null));
        Lead unbillable = normalizer.normalize(ORIGIN, free, "ID");
        assertThat(unbillable.order()).isNull();
        assertThat(unbillable.attributes()).containsEntry(LeadNormalizer.ORDER_INVALID, "price is not an amount");
    }
}
