package io.lintas.lead;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The fingerprint keys of a contact, used to find duplicate leads within a tenant: two leads that
 * share a key are the same person. Expects a normalised contact (phones in E.164, emails lower-cased).
 */
public final class ContactKeys {

    private ContactKeys() {
    }

    /** "phone:+6281234567890" for each phone, then "email:ivan@x.ru" for each email, without duplicates. */
    public static List<String> of(Contact contact) {
        if (contact == null) {
            return List.of();
        }
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String phone : contact.phones()) {
            keys.add("phone:" + phone);
        }
        for (String email : contact.emails()) {
            keys.add("email:" + email);
        }
        return List.copyOf(new ArrayList<>(keys));
    }
}
