package io.lintas.lead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a sender gave into the canonical lead: phones in E.164 (tenant's default region),
 * emails lower-cased, names split, consent read, UTM tags picked, every string cleaned of control
 * characters and capped in length.
 *
 * <p>Nothing a sender gave is thrown away: unknown fields stay in the attributes, and values that
 * failed cleaning are added to them:
 * <ul>
 *   <li>{@value #INVALID_PHONE}: phone entries holding no valid number, comma-joined as typed;</li>
 *   <li>{@value #INVALID_EMAIL}: email entries that are not plausible addresses, comma-joined;</li>
 *   <li>{@value #CONSENT_RAW}: the consent value when it was neither yes nor no;</li>
 *   <li>{@value #PHONE_EXT}: extensions typed with a phone, as "+79123456789 ext 123", comma-joined;</li>
 *   <li>{@value #ORDER_INVALID}: why the order the sender gave cannot be billed as given ({@link OrderCleaner}).</li>
 * </ul>
 * Tags in {@code raw.utm()} other than the five UTM tags (utm_id, gclid, …) also go to the attributes.
 * When the sender already used one of these names, ours gets a suffix ("invalid_phone_2").
 * Strings longer than the caps are cut; the raw payload stays at {@code rawPayloadRef}.
 */
public class LeadNormalizer {

    public static final String INVALID_PHONE = "invalid_phone";
    public static final String INVALID_EMAIL = "invalid_email";
    public static final String CONSENT_RAW = "consent_raw";
    public static final String PHONE_EXT = "phone_ext";
    public static final String ORDER_INVALID = "order_invalid";

    private static final List<String> UTM_KEYS =
            List.of("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term");

    static final int MAX_MESSAGE = 10_000;
    static final int MAX_COMPANY = 300;
    static final int MAX_UTM = 500;
    static final int MAX_ATTRIBUTE_KEY = 200;
    static final int MAX_ATTRIBUTE_VALUE = 10_000;
    /** At most this many sender attributes are kept; the count of the rest goes to "attributes_dropped". */
    static final int MAX_ATTRIBUTES = 500;

    public Lead normalize(LeadOrigin origin, RawLead raw, String defaultRegion) {
        NameSplitter.Name name = NameSplitter.split(raw.fullName(), raw.firstName(), raw.lastName());
        PhoneNormalizer.Parsed phones = PhoneNormalizer.parseAll(raw.phones(), defaultRegion);
        EmailNormalizer.Parsed emails = EmailNormalizer.parseAll(raw.emails());
        Contact contact = new Contact(name.fullName(), name.firstName(), name.lastName(),
                phones.valid(), emails.valid(), Text.line(raw.company(), MAX_COMPANY));

        Boolean consent = ConsentParser.parse(raw.consent());
        String consentRaw = consent == null ? Text.line(raw.consent(), MAX_UTM) : null;

        Map<String, String> attributes = attributes(raw.attributes());
        raw.utm().forEach((key, value) -> {
            if (!UTM_KEYS.contains(key)) {
                putOurs(attributes, Text.line(key, MAX_ATTRIBUTE_KEY), Text.line(value, MAX_UTM)); // utm_id, gclid, ...
            }
        });
        putOurs(attributes, INVALID_PHONE, join(phones.invalid()));
        putOurs(attributes, INVALID_EMAIL, join(emails.invalid()));
        putOurs(attributes, CONSENT_RAW, consentRaw);
        putOurs(attributes, PHONE_EXT, extensions(phones.extensions()));
        OrderCleaner.Result order = OrderCleaner.clean(raw.order());
        putOurs(attributes, ORDER_INVALID, order.problem());

        return new Lead(origin.id(), origin.tenant(), origin.channel(), origin.source(), origin.sourceEventId(),
                origin.receivedAt(), contact, Text.block(raw.message(), MAX_MESSAGE), utm(raw.utm()), consent,
                attributes, origin.rawPayloadRef(), order.order());
    }

    private static Utm utm(Map<String, String> tags) {
        return new Utm(tag(tags, "utm_source"), tag(tags, "utm_medium"), tag(tags, "utm_campaign"),
                tag(tags, "utm_content"), tag(tags, "utm_term"));
    }

    private static String tag(Map<String, String> tags, String key) {
        return Text.line(tags.get(key), MAX_UTM);
    }

    private static Map<String, String> attributes(Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        int dropped = 0;
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (out.size() >= MAX_ATTRIBUTES) {
                dropped++;
                continue;
            }
            String key = Text.line(e.getKey(), MAX_ATTRIBUTE_KEY);
            String value = Text.block(e.getValue(), MAX_ATTRIBUTE_VALUE);
            out.put(unique(out, key == null ? "" : key), value == null ? "" : value);
        }
        if (dropped > 0) {
            putOurs(out, "attributes_dropped", Integer.toString(dropped));
        }
        return out;
    }

    private static void putOurs(Map<String, String> attributes, String key, String value) {
        if (key != null && value != null && !value.isEmpty()) {
            attributes.put(unique(attributes, key), value);
        }
    }

    private static String unique(Map<String, String> attributes, String key) {
        String candidate = key;
        for (int n = 2; attributes.containsKey(candidate); n++) {
            candidate = key + "_" + n;
        }
        return candidate;
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? null : Text.cap(String.join(", ", values), MAX_ATTRIBUTE_VALUE);
    }

    private static String extensions(Map<String, String> extensions) {
        return join(extensions.entrySet().stream().map(e -> e.getKey() + " ext " + e.getValue()).toList());
    }
}
