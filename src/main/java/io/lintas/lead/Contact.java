package io.lintas.lead;

import java.util.List;

/**
 * The person behind a lead, cleaned.
 *
 * @param fullName  display name ("Ivan Ivanov"), or null
 * @param firstName first (given) name, or null
 * @param lastName  last (family) name, or null
 * @param phones    valid phone numbers in E.164 ("+6281234567890"), first is primary
 * @param emails    valid, trimmed, lower-cased email addresses, first is primary
 * @param company   company name, or null
 */
public record Contact(
        String fullName,
        String firstName,
        String lastName,
        List<String> phones,
        List<String> emails,
        String company) {

    public Contact {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
