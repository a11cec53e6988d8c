package io.lintas.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class ContactKeysTest {

    @Test
    void phonesThenEmails() {
        Contact contact = new Contact("Ivan", "Ivan", null, List.of("+79123456789", "+6281234567890"),
                List.of("ivan@x.ru"), null);

        assertThat(ContactKeys.of(contact))
                .containsExactly("phone:+79123456789", "phone:+6281234567890", "email:ivan@x.ru");
    }

    @Test
    void aContactWithoutPhoneOrEmailHasNoKeys() {
        assertThat(ContactKeys.of(new Contact("Ivan", "Ivan", null, null, null, "ACME"))).isEmpty();
        assertThat(ContactKeys.of(null)).isEmpty();
    }

    @Test
    void twoLeadsOfTheSamePersonShareAKey() {
        LeadNormalizer normalizer = new LeadNormalizer();
        LeadOrigin origin = new LeadOrigin("01HZX3K4M5N6P7Q8R9S0T1V2W3", "acme", Channel.FORM, "tilda", null,
                java.time.Instant.parse("2024-05-01T10:00:00Z"), "ledger:payload/1");
        Lead a = normalizer.normalize(origin, new RawLead("Budi", null, null, List.of("0812-3456-7890"), null, null,
                null, null, null, null), "ID");
        Lead b = normalizer.normalize(origin, new RawLead("Budi S", null, null, List.of("+62 812 3456 7890"),
                List.of("BUDI@maju.co.id"), null, null, null, null, null), "ID");

        assertThat(ContactKeys.of(a.contact())).containsExactly("phone:+6281234567890");
        assertThat(ContactKeys.of(b.contact())).containsExactly("phone:+6281234567890", "email:budi@maju.co.id");
    }
}
