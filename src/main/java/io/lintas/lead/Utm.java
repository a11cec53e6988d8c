package io.lintas.lead;

/** Campaign tags; each may be null. */
public record Utm(String source, String medium, String campaign, String content, String term) {

    public static final Utm NONE = new Utm(null, null, null, null, null);

    public boolean hasNoTags() {
        return source == null && medium == null && campaign == null && content == null && term == null;
    }
}
