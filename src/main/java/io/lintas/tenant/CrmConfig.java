package io.lintas.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lintas.lead.Channel;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where a tenant's leads are delivered and how they look there.
 *
 * @param system       the CRM: {@link CrmSystem#BITRIX24} (the tenant's {@code bitrix24} portal) or none
 * @param responsible  ASSIGNED_BY_ID of new records (and RESPONSIBLE_ID of tasks) when routing names nobody, or null
 * @param dealCategory CATEGORY_ID of a deal for a known customer (0 = the default funnel)
 * @param dealStage    STAGE_ID of that deal, e.g. NEW or C1:NEW; null for the funnel's first stage
 * @param sourceIds    SOURCE_ID of a new lead by intake channel
 */
public record CrmConfig(CrmSystem system, String responsible, int dealCategory, String dealStage,
        Map<Channel, String> sourceIds) {

    /** The CRM a tenant's leads go to. */
    public enum CrmSystem { BITRIX24, NONE }

    /** Bitrix24's default SOURCE_ID list (contract A5) mapped from Lintas channels. */
    static final Map<Channel, String> DEFAULT_SOURCE_IDS = Map.of(Channel.FORM, "WEBFORM", Channel.EMAIL, "EMAIL",
            Channel.CALL, "CALL", Channel.CRM, "OTHER", Channel.API, "OTHER");

    public static final CrmConfig NONE = new CrmConfig(CrmSystem.NONE, null, 0, null, DEFAULT_SOURCE_IDS);

    public CrmConfig {
        Map<Channel, String> ids = new EnumMap<>(Channel.class);
        ids.putAll(DEFAULT_SOURCE_IDS);
        if (sourceIds != null) {
            ids.putAll(sourceIds);
        }
        sourceIds = Map.copyOf(ids);
    }

    public boolean delivers() {
        return system != CrmSystem.NONE;
    }

    public String sourceId(Channel channel) {
        return sourceIds.getOrDefault(channel, "OTHER");
    }

    /** The YAML shape of a tenant's {@code crm} section (strict). */
    static final class Model {
        /** bitrix24 | none. */
        public String system;
        public String responsible;
        @JsonProperty("deal-category")
        public Integer dealCategory;
        @JsonProperty("deal-stage")
        public String dealStage;
        /** Channel (form, email, call, crm, api) → SOURCE_ID. */
        @JsonProperty("source-ids")
        public Map<String, String> sourceIds;
    }

    static CrmConfig check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return NONE;
        }
        String prefix = where + ", crm: ";
        int before = problems.size();
        String systemText = resolve.apply(model.system);
        CrmSystem system = null;
        if (systemText == null) {
            problems.add(prefix + "system is required (bitrix24 or none)");
        } else {
            try {
                system = CrmSystem.valueOf(systemText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "system must be bitrix24 or none (got " + systemText + ")");
            }
        }
        String responsible = resolve.apply(model.responsible);
        if (responsible != null && !responsible.strip().matches("[0-9]+")) {
            problems.add(prefix + "responsible must be a Bitrix24 user id such as 1 (got " + responsible + ")");
        }
        int category = model.dealCategory == null ? 0 : model.dealCategory;
        if (category < 0) {
            problems.add(prefix + "deal-category must be 0 or more (got " + category + ")");
        }
        String stage = resolve.apply(model.dealStage);
        Map<Channel, String> ids = new LinkedHashMap<>();
        if (model.sourceIds != null) {
            model.sourceIds.forEach((channel, id) -> {
                String value = resolve.apply(id);
                try {
                    Channel c = Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT));
                    if (value == null || value.isBlank()) {
                        problems.add(prefix + "source-ids." + channel + " is blank");
                    } else {
                        ids.put(c, value.strip());
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(prefix + "source-ids keys are channels (form, email, call, crm, api) (got " + channel + ")");
                }
            });
        }
        if (problems.size() > before) {
            return null;
        }
        return new CrmConfig(system, responsible == null ? null : responsible.strip(), category,
                stage == null || stage.isBlank() ? null : stage.strip(), ids);
    }
}
