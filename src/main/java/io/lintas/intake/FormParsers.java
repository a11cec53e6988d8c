package io.lintas.intake;

import io.lintas.tenant.FormKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The form parser for each wire format. */
public final class FormParsers {

    private final Map<FormKind, FormParser> byKind = new EnumMap<>(FormKind.class);

    /** The four built-in parsers: Tilda, Typeform, Elementor, plain HTML. */
    public FormParsers() {
        this(List.of(new TildaFormParser(), new TypeformFormParser(), new ElementorFormParser(), new HtmlFormParser()));
    }

    public FormParsers(List<FormParser> parsers) {
        for (FormParser parser : parsers) {
            byKind.put(parser.kind(), parser);
        }
    }

    /**
     * @throws IllegalArgumentException when no parser speaks that format
     */
    public FormParser forKind(FormKind kind) {
        FormParser parser = kind == null ? null : byKind.get(kind);
        if (parser == null) {
            throw new IllegalArgumentException("no form parser for " + kind);
        }
        return parser;
    }
}
