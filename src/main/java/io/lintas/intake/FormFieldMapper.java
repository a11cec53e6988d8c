package io.lintas.intake;

import io.lintas.lead.RawLead;
import io.lintas.lead.RawOrder;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.Secrets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps form fields onto a {@link RawLead} by the names forms usually give them (English, Indonesian,
 * Russian), matched case-insensitively after spaces, dashes and dots become underscores. Per-form
 * overrides ({@link FormConfig#fields()}) win over the defaults. Everything else goes to attributes
 * under the sender's own name, so nothing a sender gave is lost — except credentials and the honeypot,
 * which never reach attributes.
 */
public final class FormFieldMapper {

    /** Canonical names, also the vocabulary of {@link FormConfig#fields()} overrides. */
    public static final String NAME = "name";
    public static final String FIRST_NAME = "first_name";
    public static final String LAST_NAME = "last_name";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String MESSAGE = "message";
    public static final String COMPANY = "company";
    public static final String CONSENT = "consent";
    /** An order's fields: one line (product, quantity, unit price — or the amount of the whole line) and its currency. */
    public static final String ORDER_PRODUCT = "product";
    public static final String ORDER_QUANTITY = "quantity";
    public static final String ORDER_PRICE = "price";
    public static final String ORDER_AMOUNT = "amount";
    public static final String ORDER_CURRENCY = "currency";

    private static final Set<String> ORDER_FIELDS =
            Set.of(ORDER_PRODUCT, ORDER_QUANTITY, ORDER_PRICE, ORDER_AMOUNT, ORDER_CURRENCY);

    private static final List<String> UTM_KEYS =
            List.of("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term");

    /** Body fields that carry credentials; dropped whatever the form's configuration. */
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("_token", "api_key", "apikey");

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> map = new HashMap<>();
        alias(map, NAME, "name", "full_name", "fullname", "your_name", "fio", "фио", "nama", "nama_lengkap", "имя");
        alias(map, FIRST_NAME, "first_name", "firstname", "fname", "given_name");
        alias(map, LAST_NAME, "last_name", "lastname", "lname", "surname", "family_name", "фамилия");
        alias(map, PHONE, "phone", "tel", "telephone", "mobile", "phone_number", "whatsapp", "wa", "hp",
                "no_hp", "nomor_hp", "no_telp", "telepon", "no_wa", "телефон");
        alias(map, EMAIL, "email", "e_mail", "mail", "your_email", "email_address", "почта");
        alias(map, MESSAGE, "message", "comment", "comments", "msg", "text", "pesan", "your_message",
                "сообщение", "комментарий");
        alias(map, COMPANY, "company", "company_name", "company_title", "organization", "organisation",
                "perusahaan", "компания");
        alias(map, CONSENT, "consent", "agree", "agreement", "gdpr", "privacy", "policy");
        alias(map, ORDER_PRODUCT, "product", "product_name", "item", "produk", "paket", "package", "товар", "услуга");
        alias(map, ORDER_QUANTITY, "quantity", "qty", "kuantitas", "количество");
        alias(map, ORDER_PRICE, "price", "unit_price", "harga", "цена");
        alias(map, ORDER_AMOUNT, "amount", "total", "order_amount", "order_total", "sum", "total_harga", "сумма");
        alias(map, ORDER_CURRENCY, "currency", "mata_uang", "валюта");
        for (String utm : UTM_KEYS) {
            alias(map, utm, utm);
        }
        return Map.copyOf(map);
    }

    private static void alias(Map<String, String> map, String canonical, String... names) {
        for (String name : names) {
            map.put(name, canonical);
        }
    }

    /** Lower-case, trimmed, spaces/dashes/dots as underscores: "Your-Name" and "your name" both read "your_name". */
    static String normalise(String field) {
        String lower = field.strip().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(c == ' ' || c == '-' || c == '.' || c == '\t' ? '_' : c);
        }
        return out.toString();
    }

    /**
     * The canonical name a sender's field maps to under this form's overrides and the defaults,
     * or null when it is not one (it would go to attributes).
     */
    public String canonicalName(String field, FormConfig form) {
        if (field == null) {
            return null;
        }
        String key = normalise(field);
        for (Map.Entry<String, String> override : form.fields().entrySet()) {
            if (normalise(override.getKey()).equals(key)) {
                return DEFAULTS.get(normalise(override.getValue()));
            }
        }
        return DEFAULTS.get(key);
    }

    /** An override whose target is not a canonical name renames the attribute. */
    private static String attributeName(String field, FormConfig form) {
        String key = normalise(field);
        for (Map.Entry<String, String> override : form.fields().entrySet()) {
            if (normalise(override.getKey()).equals(key) && !override.getValue().isBlank()) {
                return override.getValue();
            }
        }
        return field;
    }

    /**
     * Maps the fields of one submission. Single-valued targets (name, company, consent…) take the
     * first non-blank value; other differing values are kept in attributes under their own name.
     * Phones and emails keep every value; messages are joined with newlines.
     */
    public RawLead map(Map<String, List<String>> fields, FormConfig form) {
        Map<String, String> single = new HashMap<>();
        List<String> phones = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Map<String, String> utm = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();

        for (Map.Entry<String, List<String>> entry : fields.entrySet()) {
            String field = entry.getKey();
            List<String> values = nonBlank(entry.getValue(), form);
            if (isServiceField(field, form) || values.isEmpty()) {
                continue;
            }
            String canonical = canonicalName(field, form);
            if (canonical == null) {
                addAttribute(attributes, attributeName(field, form), values);
            } else if (canonical.equals(PHONE)) {
                phones.addAll(values);
            } else if (canonical.equals(EMAIL)) {
                emails.addAll(values);
            } else if (canonical.equals(MESSAGE)) {
                messages.addAll(values);
            } else if (ORDER_FIELDS.contains(canonical)) {
                single.putIfAbsent(canonical, values.get(0));
                addAttribute(attributes, attributeName(field, form), values);   // kept as given, order or not
            } else if (canonical.startsWith("utm_")) {
                utm.putIfAbsent(canonical, values.get(0));
                keepRest(attributes, field, values, utm.get(canonical));
            } else {
                single.putIfAbsent(canonical, values.get(0));
                keepRest(attributes, field, values, single.get(canonical));
            }
        }
        return new RawLead(single.get(NAME), single.get(FIRST_NAME), single.get(LAST_NAME), phones, emails,
                single.get(COMPANY), messages.isEmpty() ? null : String.join("\n", messages), utm,
                single.get(CONSENT), attributes, order(single));
    }

    /**
     * The form's order, when it has a price or an amount: one line. A unit price is multiplied by the quantity; an
     * amount is the whole line's (with a quantity it goes into the line's name: "Paket A × 2").
     */
    static RawOrder order(Map<String, String> single) {
        String price = single.get(ORDER_PRICE);
        String amount = single.get(ORDER_AMOUNT);
        if (price == null && amount == null) {
            return null;
        }
        String product = single.get(ORDER_PRODUCT);
        String quantity = single.get(ORDER_QUANTITY);
        RawOrder.Item item = price != null ? new RawOrder.Item(product, quantity, price)
                : new RawOrder.Item(quantity == null || quantity.strip().equals("1") ? product
                        : (product == null ? "Order" : product) + " × " + quantity.strip(), null, amount);
        return RawOrder.typed(single.get(ORDER_CURRENCY), List.of(item), null);
    }

    /**
     * A copy of the lead with more attributes that bypass the name rules (sender metadata);
     * an existing key keeps its value and gains the new one. Credentials and the honeypot stay out.
     */
    static RawLead withAttributes(RawLead lead, Map<String, String> extra, FormConfig form) {
        Map<String, String> attributes = new LinkedHashMap<>(lead.attributes());
        extra.forEach((key, value) -> {
            List<String> kept = nonBlank(value == null ? List.of() : List.of(value), form);
            if (!isServiceField(key, form) && !kept.isEmpty()) {
                addAttribute(attributes, key, kept);
            }
        });
        return new RawLead(lead.fullName(), lead.firstName(), lead.lastName(), lead.phones(), lead.emails(),
                lead.company(), lead.message(), lead.utm(), lead.consent(), attributes, lead.order());
    }

    /** A copy of the lead with utm tags added where they are missing. */
    static RawLead withUtmDefaults(RawLead lead, Map<String, String> defaults) {
        Map<String, String> utm = new LinkedHashMap<>(lead.utm());
        defaults.forEach((key, value) -> {
            if (UTM_KEYS.contains(key) && value != null && !value.isBlank()) {
                utm.putIfAbsent(key, value);
            }
        });
        return new RawLead(lead.fullName(), lead.firstName(), lead.lastName(), lead.phones(), lead.emails(),
                lead.company(), lead.message(), utm, lead.consent(), lead.attributes(), lead.order());
    }

    private static boolean isServiceField(String field, FormConfig form) {
        String key = field.strip().toLowerCase(Locale.ROOT);
        return CREDENTIAL_FIELDS.contains(key)
                || (form.honeypot() != null && form.honeypot().strip().equalsIgnoreCase(field.strip()));
    }

    /** Drops blanks and, defensively, any value that is one of this form's secrets. */
    private static List<String> nonBlank(List<String> values, FormConfig form) {
        List<String> kept = new ArrayList<>(values.size());
        for (String value : values) {
            if (value != null && !value.isBlank() && !isSecret(value, form)) {
                kept.add(value);
            }
        }
        return kept;
    }

    private static boolean isSecret(String value, FormConfig form) {
        String given = value.strip();
        return Secrets.matches(form.token(), given) | Secrets.matches(form.apiKey(), given)
                | Secrets.matches(form.secret(), given);
    }

    private static void keepRest(Map<String, String> attributes, String field, List<String> values, String taken) {
        List<String> rest = new ArrayList<>();
        for (String value : values) {
            if (!value.equals(taken) && !rest.contains(value)) {
                rest.add(value);
            }
        }
        if (!rest.isEmpty()) {
            addAttribute(attributes, field, rest);
        }
    }

    private static void addAttribute(Map<String, String> attributes, String key, List<String> values) {
        String joined = String.join(", ", values);
        attributes.merge(key, joined, (old, added) -> old + ", " + added);
    }
}
