package io.lintas.intake;

import io.lintas.lead.RawLead;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elementor Pro "Webhook" action: form-urlencoded, in either of its two shapes.
 * <ul>
 *   <li>Default: keys are field labels ({@code Name=John&Email=…&form_id=…&form_name=…}) plus meta
 *       titles ({@code Page URL}, {@code Remote IP}, …), which always go to attributes.</li>
 *   <li>"Advanced Data": {@code form[id]}, {@code fields[<custom_id>][title|value|raw_value|type]},
 *       {@code meta[<key>][title|value]}; a field maps by custom id, then by title, then by type
 *       ({@code email}, {@code tel}); otherwise it is an attribute keyed by custom id.</li>
 * </ul>
 * Elementor sends no signature and no submission id: when the form has a token it must come as
 * {@code ?token=} or the {@code X-Lintas-Token} header (added with Elementor's custom headers).
 */
public final class ElementorFormParser implements FormParser {

    private static final Set<FormBody.Type> ACCEPTED = EnumSet.of(FormBody.Type.URLENCODED);
    private static final Pattern NESTED = Pattern.compile("^(fields|meta)\\[([^\\]]*)\\]\\[([^\\]]*)\\](?:\\[[^\\]]*\\])*$");
    private static final Pattern FORM = Pattern.compile("^form\\[([^\\]]*)\\]$");
    private static final Set<String> META_TITLES =
            Set.of("date", "time", "page url", "page title", "user agent", "remote ip", "powered by");

    private final FormFieldMapper mapper = new FormFieldMapper();

    @Override
    public FormKind kind() {
        return FormKind.ELEMENTOR;
    }

    @Override
    public ParsedSubmission parse(InboundRequest request, FormConfig form) {
        if (FormGuards.isSet(form.token()) && !FormGuards.anyMatches(form.token(),
                request.queryParam("token"), request.header(FormGuards.TOKEN_HEADER))) {
            throw IntakeRejected.unauthorized("form token missing or wrong: pass it as ?token= or the "
                    + FormGuards.TOKEN_HEADER + " header");
        }
        LinkedHashMap<String, List<String>> body = FormBody.decode(request, ACCEPTED);
        return isAdvanced(body) ? advanced(body, form) : labelled(body, form);
    }

    private static boolean isAdvanced(Map<String, List<String>> body) {
        for (String key : body.keySet()) {
            if (NESTED.matcher(key).matches() || FORM.matcher(key).matches()) {
                return true;
            }
        }
        return false;
    }

    private ParsedSubmission labelled(LinkedHashMap<String, List<String>> body, FormConfig form) {
        LinkedHashMap<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        body.forEach((key, values) -> {
            if (META_TITLES.contains(key.strip().toLowerCase(java.util.Locale.ROOT))) {
                meta.put(key, String.join(", ", values));
            } else {
                fields.put(key, values);
            }
        });
        RawLead lead = FormFieldMapper.withAttributes(mapper.map(fields, form), meta, form);
        return verdict(FormGuards.honeypotReason(body, form), lead);
    }

    private ParsedSubmission advanced(LinkedHashMap<String, List<String>> body, FormConfig form) {
        Map<String, Map<String, List<String>>> byId = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> metaByKey = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        LinkedHashMap<String, List<String>> fields = new LinkedHashMap<>();
        body.forEach((key, values) -> {
            Matcher nested = NESTED.matcher(key);
            Matcher formKey = FORM.matcher(key);
            if (nested.matches()) {
                var target = nested.group(1).equals("fields") ? byId : metaByKey;
                target.computeIfAbsent(nested.group(2), k -> new LinkedHashMap<>())
                        .computeIfAbsent(nested.group(3), k -> new ArrayList<>()).addAll(values);
            } else if (formKey.matches()) {
                attributes.put("form_" + formKey.group(1), String.join(", ", values));
            } else {
                fields.put(key, values); // anything else the site added: the usual name rules apply
            }
        });

        String spam = FormGuards.honeypotReason(body, form);
        Map<String, List<String>> valuesById = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, List<String>>> entry : byId.entrySet()) {
            String id = entry.getKey();
            Map<String, List<String>> props = entry.getValue();
            List<String> values = props.getOrDefault("value", List.of());
            if (values.stream().allMatch(String::isBlank)) {
                values = props.getOrDefault("raw_value", List.of());
            }
            String type = first(props, "type");
            valuesById.put(id, values);
            if ("honeypot".equals(type)) {
                if (spam == null && values.stream().anyMatch(v -> !v.isBlank())) {
                    spam = "honeypot field '" + id + "' filled";
                }
                continue;
            }
            if (form.honeypot() != null && form.honeypot().strip().equalsIgnoreCase(id)) {
                continue;
            }
            fields.computeIfAbsent(keyFor(id, first(props, "title"), type, form), k -> new ArrayList<>()).addAll(values);
        }
        if (spam == null) {
            spam = FormGuards.honeypotReason(valuesById, form);
        }
        metaByKey.forEach((key, props) -> {
            List<String> value = props.getOrDefault("value", List.of());
            attributes.put(key, String.join(", ", value));
        });
        RawLead lead = FormFieldMapper.withAttributes(mapper.map(fields, form), attributes, form);
        return verdict(spam, lead);
    }

    /** Custom id first (stable), then the label, then the field type; otherwise the custom id as attribute. */
    private String keyFor(String id, String title, String type, FormConfig form) {
        if (!id.isBlank() && mapper.canonicalName(id, form) != null) {
            return id;
        }
        if (title != null && mapper.canonicalName(title, form) != null) {
            return title;
        }
        if ("email".equals(type)) {
            return FormFieldMapper.EMAIL;
        }
        if ("tel".equals(type)) {
            return FormFieldMapper.PHONE;
        }
        if (id.isBlank() && title != null && !title.isBlank()) {
            return title;
        }
        return id;
    }

    private static String first(Map<String, List<String>> props, String name) {
        List<String> values = props.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Elementor sends no submission id, so there is no idempotency key. */
    private static ParsedSubmission verdict(String spam, RawLead lead) {
        return spam == null ? ParsedSubmission.lead(null, lead) : ParsedSubmission.spam(null, lead, spam);
    }
}
