package io.lintas.lead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sender gave us, already mapped onto canonical field names but not yet cleaned:
 * phones and emails as typed, names as typed. Everything the mapper did not recognise is in
 * {@code attributes}, so nothing a sender gave is thrown away.
 *
 * @param fullName  the whole name as typed ("Ivan Ivanov"), or null
 * @param firstName a separate first-name field, or null
 * @param lastName  a separate last-name field, or null
 * @param phones    phone numbers as typed, possibly several per entry or with junk
 * @param emails    email addresses as typed
 * @param company   company name, or null
 * @param message   free text the sender wrote, or null
 * @param utm       utm_source, utm_medium, utm_campaign, utm_content, utm_term as given
 * @param consent   the consent field as given ("on", "yes", "true", ...), or null when absent
 * @param attributes every other field, by the sender's own name
 * @param order     what the sender asks to buy (a form's product/amount fields, the lead API's order), or null
 */
public record RawLead(
        String fullName,
        String firstName,
        String lastName,
        List<String> phones,
        List<String> emails,
        String company,
        String message,
        Map<String, String> utm,
        String consent,
        Map<String, String> attributes,
        RawOrder order) {

    /** A lead without an order. */
    public RawLead(String fullName, String firstName, String lastName, List<String> phones, List<String> emails,
            String company, String message, Map<String, String> utm, String consent, Map<String, String> attributes) {
        this(fullName, firstName, lastName, phones, emails, company, message, utm, consent, attributes, null);
    }

    public RawLead {
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        utm = utm == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(utm));
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
