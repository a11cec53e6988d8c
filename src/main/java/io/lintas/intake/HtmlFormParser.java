package io.lintas.intake;

import io.lintas.lead.RawLead;
import io.lintas.tenant.FormConfig;
import io.lintas.tenant.FormKind;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * A plain HTML form, or a form plugin posting JSON (Contact Form 7 via "CF7 to Webhook"):
 * urlencoded, multipart or JSON. The form's token is required — as {@code ?token=}, the
 * {@code X-Lintas-Token} header or a {@code _token} field — because nothing else vouches for the sender.
 * An optional {@code submission_id} or {@code _id} field is the idempotency key.
 */
public final class HtmlFormParser implements FormParser {

    private static final Set<FormBody.Type> ACCEPTED = EnumSet.allOf(FormBody.Type.class);

    private final FormFieldMapper mapper = new FormFieldMapper();

    @Override
    public FormKind kind() {
        return FormKind.HTML;
    }

    @Override
    public ParsedSubmission parse(InboundRequest request, FormConfig form) {
        if (!FormGuards.isSet(form.token())) {
            // fail closed: a form without a token would accept anyone's posts
            throw IntakeRejected.unauthorized("this form has no token configured");
        }
        boolean shown = FormGuards.anyMatches(form.token(),
                request.queryParam("token"), request.header(FormGuards.TOKEN_HEADER));
        LinkedHashMap<String, List<String>> fields = FormBody.decode(request, ACCEPTED);
        if (!shown && !FormGuards.anyMatches(form.token(), FormGuards.first(fields, "_token"))) {
            throw IntakeRejected.unauthorized("form token missing or wrong: pass it as ?token=, the "
                    + FormGuards.TOKEN_HEADER + " header or a _token field");
        }
        fields.remove("_token");
        String key = FormGuards.idempotencyKey(FormGuards.first(fields, "submission_id"));
        if (key == null) {
            key = FormGuards.idempotencyKey(FormGuards.first(fields, "_id"));
        }
        fields.remove("submission_id");
        fields.remove("_id");

        RawLead lead = mapper.map(fields, form);
        String spam = FormGuards.honeypotReason(fields, form);
        return spam == null ? ParsedSubmission.lead(key, lead) : ParsedSubmission.spam(key, lead, spam);
    }
}
