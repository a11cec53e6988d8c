package io.lintas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bitrix24 portal in memory, answering REST calls with the shapes of the contract sheet
 * (intake.md A1-A5, billing-tasks-sms.md §6). Stateful where the default run needs it: records
 * created by one call are found by the next (duplicate lookup, get, list by ORIGIN_ID). The
 * portal's rate limit (A2) is enforced by a {@link PortalBucket}; a {@code batch} counts once.
 * Not a Bitrix24: no users, rights, scopes, CRM modes or operating-time limits (see the README).
 */
public final class Bitrix24Portal {

    /** The one incoming webhook the sandbox portal has: {@code /rest/1/sandboxtoken/}. */
    public static final String USER_ID = SandboxUrls.USER_ID;
    public static final String WEBHOOK_CODE = SandboxUrls.WEBHOOK_CODE;
    static final int MAX_BATCH = 50;
    static final int PAGE = 50;
    private static final Pattern RESULT_REF = Pattern.compile(
            "\\$(result|result_error|result_total|result_next|result_time)\\[([^\\]]*)\\]((?:\\[[^\\]]*\\])*)");
    private static final Pattern PATH_PART = Pattern.compile("\\[([^\\]]*)\\]");
    private static final Set<String> COMMON = Set.of("TITLE", "NAME", "SECOND_NAME", "LAST_NAME", "COMPANY_TITLE", "POST",
            "COMMENTS", "SOURCE_ID", "SOURCE_DESCRIPTION", "ASSIGNED_BY_ID", "OPENED", "CURRENCY_ID", "OPPORTUNITY",
            "IS_MANUAL_OPPORTUNITY", "COMPANY_ID", "CONTACT_ID", "CONTACT_IDS", "ORIGINATOR_ID", "ORIGIN_ID",
            "BIRTHDATE", "HONORIFIC", "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "UTM_CONTENT", "UTM_TERM");
    private static final Set<String> LEAD_FIELDS = union(COMMON, Set.of("STATUS_ID", "STATUS_DESCRIPTION"));
    private static final Set<String> CONTACT_FIELDS = union(COMMON, Set.of("TYPE_ID", "COMPANY_IDS", "EXPORT"));
    private static final Set<String> DEAL_FIELDS = union(COMMON, Set.of("TYPE_ID", "BEGINDATE", "CLOSEDATE", "CATEGORY_ID",
            "STAGE_ID", "LEAD_ID", "PROBABILITY", "CLOSED", "ADDITIONAL_INFO"));
    private static final Set<String> TIMELINE_TYPES = Set.of("lead", "deal", "contact", "company");

    private final Clock clock;
    private final PortalBucket bucket;
    private final AtomicLong multifieldIds = new AtomicLong(100);
    private final CrmEntities leads;
    private final CrmEntities contacts;
    private final CrmEntities deals;
    private final Map<Long, ObjectNode> tasks = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> comments = new LinkedHashMap<>();
    private final java.util.Set<String> taskSignatures = new java.util.HashSet<>();
    private long duplicateTasks;
    private long nextTaskId = 1;
    private long nextCommentId = 1;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final Map<String, AtomicLong> calls = new TreeMap<>();

    /**
     * @param perSecond drain rate of the leaky bucket, requests per second (2 on standard plans)
     * @param burst     requests the bucket holds before it refuses (50 on standard plans)
     */
    public Bitrix24Portal(Clock clock, double perSecond, int burst) {
        this.clock = clock;
        this.bucket = new PortalBucket(clock, perSecond, burst);
        this.leads = new CrmEntities("LEAD", LEAD_FIELDS, multifieldIds::incrementAndGet, r -> {
            putIfAbsent(r, "STATUS_ID", "NEW");
            putIfAbsent(r, "OPENED", "Y");
            putIfAbsent(r, "OPPORTUNITY", "0.00");
            putIfAbsent(r, "TITLE", "Lead #" + r.get("ID").asText());
            r.put("IS_RETURN_CUSTOMER", r.hasNonNull("CONTACT_ID") || r.hasNonNull("COMPANY_ID") ? "Y" : "N");
        });
        this.contacts = new CrmEntities("CONTACT", CONTACT_FIELDS, multifieldIds::incrementAndGet, r -> {
            putIfAbsent(r, "OPENED", "Y");
            putIfAbsent(r, "TYPE_ID", "CLIENT");
        });
        this.deals = new CrmEntities("DEAL", DEAL_FIELDS, multifieldIds::incrementAndGet, r -> {
            putIfAbsent(r, "CATEGORY_ID", "0");
            String category = r.get("CATEGORY_ID").asText();
            putIfAbsent(r, "STAGE_ID", category.equals("0") ? "NEW" : "C" + category + ":NEW");
            putIfAbsent(r, "OPPORTUNITY", "0.00");
            putIfAbsent(r, "OPENED", "Y");
            putIfAbsent(r, "CLOSED", "N");
            putIfAbsent(r, "TITLE", "Deal #" + r.get("ID").asText());
        });
    }

    /** An answer: HTTP status and JSON body. */
    public record Answer(int status, ObjectNode body) {
    }

    /** What the portal has seen and holds: for the bench and the tests. */
    /**
     * @param duplicateLeads a lead added with the ORIGINATOR_ID and ORIGIN_ID of an earlier one (a hub that
     *                       delivers exactly once makes none); likewise deals and contacts
     * @param duplicateTasks a task added with the title and CRM bindings of an earlier one
     */
    public record Stats(long requests, long refused, long commands, int leads, int contacts, int deals, int tasks,
            int comments, long duplicateLeads, long duplicateContacts, long duplicateDeals, long duplicateTasks,
            Map<String, Long> calls) {
    }

    /**
     * One HTTP request to {@code /rest/{user}/{code}/{method}}: counted by the rate limit first,
     * then the webhook checked, then the method run.
     */
    public Answer request(String userId, String code, String method, JsonNode params) {
        requests.incrementAndGet();
        if (!bucket.tryAcquire()) {
            refused.incrementAndGet();
            return error(new PortalFailure(503, "QUERY_LIMIT_EXCEEDED", "Too many requests"));
        }
        if (!USER_ID.equals(userId) || !WEBHOOK_CODE.equals(code)) {
            return error(new PortalFailure(401, "NO_AUTH_FOUND", "Wrong authorization data"));
        }
        synchronized (this) {
            return call(method, params == null ? Params.NODES.objectNode() : params);
        }
    }

    /** Runs a method without the rate limit or the webhook check (tests; inside a batch). */
    public synchronized Answer call(String method, JsonNode params) {
        Instant start = clock.instant();
        String name = methodName(method);
        try {
            ObjectNode body = Params.NODES.objectNode();
            if (name.equals("batch")) {
                calls.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet(); // its commands count, not it
                body.set("result", batch(params));
            } else {
                Outcome outcome = dispatch(name, params);
                body.set("result", outcome.result);
                if (outcome.total != null) {
                    body.put("total", outcome.total);
                }
                if (outcome.next != null) {
                    body.put("next", outcome.next);
                }
            }
            body.set("time", PortalTime.block(start));
            return new Answer(200, body);
        } catch (PortalFailure failure) {
            return error(failure);
        }
    }

    public Stats stats() {
        Map<String, Long> byMethod = new LinkedHashMap<>();
        synchronized (this) {
            calls.forEach((k, v) -> byMethod.put(k, v.get()));
            return new Stats(requests.get(), refused.get(), commands.get(), leads.size(), contacts.size(), deals.size(),
                    tasks.size(), comments.size(), leads.duplicates(), contacts.duplicates(), deals.duplicates(),
                    duplicateTasks, byMethod);
        }
    }

    /** Requests in the rate-limit bucket now. */
    public double bucketLevel() {
        return bucket.level();
    }

    private static Answer error(PortalFailure failure) {
        ObjectNode body = Params.NODES.objectNode();
        body.put("error", failure.error);
        body.put("error_description", failure.description);
        return new Answer(failure.status, body);
    }

    /** "crm.lead.add.json" → "crm.lead.add"; the portal reads method names without case. */
    static String methodName(String method) {
        String m = method == null ? "" : method.strip().toLowerCase(Locale.ROOT);
        return m.endsWith(".json") ? m.substring(0, m.length() - 5) : m;
    }

    private record Outcome(JsonNode result, Integer total, Integer next) {
        static Outcome of(JsonNode result) {
            return new Outcome(result, null, null);
        }
    }

    private void count(String method) {
        commands.incrementAndGet();
        calls.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
    }

    private Outcome dispatch(String method, JsonNode params) {
        count(method);
        Instant now = clock.instant();
        return switch (method) {
            case "crm.duplicate.findbycomm" -> Outcome.of(findByCommunication(params));
            case "crm.lead.add" -> Outcome.of(number(leads.add(Params.param(params, "fields"), now, method)));
            case "crm.contact.add" -> Outcome.of(number(contacts.add(Params.param(params, "fields"), now, method)));
            case "crm.deal.add" -> Outcome.of(number(deals.add(Params.param(params, "fields"), now, method)));
            case "crm.lead.get" -> Outcome.of(get(leads, params));
            case "crm.contact.get" -> Outcome.of(get(contacts, params));
            case "crm.deal.get" -> Outcome.of(get(deals, params));
            case "crm.lead.update" -> update(leads, params, now, method);
            case "crm.contact.update" -> update(contacts, params, now, method);
            case "crm.deal.update" -> update(deals, params, now, method);
            case "crm.lead.list" -> list(leads, params);
            case "crm.contact.list" -> list(contacts, params);
            case "crm.deal.list" -> list(deals, params);
            case "crm.timeline.comment.add" -> Outcome.of(timelineComment(params, now));
            case "tasks.task.add" -> Outcome.of(addTask(params, now));
            case "tasks.task.complete" -> Outcome.of(completeTask(params, now));
            case "tasks.task.get" -> Outcome.of(wrapTask(task(params), params));
            case "tasks.task.list" -> listTasks(params);
            default -> throw new PortalFailure(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
        };
    }

    // --- CRM ------------------------------------------------------------------------------------

    /**
     * {@code {"result":{"CONTACT":[275,2297]}}}, or {@code []} when nothing matches; LEAD, CONTACT
     * and COMPANY are searched unless entity_type names one. When 20 or more records of one type
     * match, the other types are left out, as on a portal.
     */
    private JsonNode findByCommunication(JsonNode params) {
        String type = Params.text(Params.param(params, "type"));
        if (type == null || type.isBlank()) {
            throw PortalFailure.crm("Communication type is not defined");
        }
        type = type.strip().toUpperCase(Locale.ROOT);
        if (!type.equals("PHONE") && !type.equals("EMAIL")) {
            throw PortalFailure.crm("Communication type '" + type + "' is not supported");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode v : Params.items(Params.param(params, "values"))) {
            String text = Params.text(v);
            if (text != null && !text.isBlank()) {
                values.add(text);
            }
        }
        if (values.isEmpty()) {
            throw PortalFailure.crm("Communication values is not defined");
        }
        if (values.size() > 20) {
            throw PortalFailure.crm("Too many communication values (at most 20)");
        }
        String entityType = Params.text(Params.param(params, "entity_type"));
        List<CrmEntities> searched = new ArrayList<>();
        if (entityType == null || entityType.isBlank()) {
            searched.addAll(List.of(leads, contacts));
        } else {
            switch (entityType.strip().toUpperCase(Locale.ROOT)) {
                case "LEAD" -> searched.add(leads);
                case "CONTACT" -> searched.add(contacts);
                case "COMPANY" -> { } // the sandbox has no companies
                default -> throw PortalFailure.crm("Entity type '" + entityType + "' is not supported");
            }
        }
        ObjectNode result = Params.NODES.objectNode();
        for (CrmEntities entities : searched) {
            List<Long> ids = entities.findByCommunication(type, values);
            if (ids.size() >= 20) {
                result.removeAll();
                ArrayNode list = result.putArray(entities.type);
                ids.stream().limit(20).forEach(list::add);
                break;
            }
            if (!ids.isEmpty()) {
                ArrayNode list = result.putArray(entities.type);
                ids.forEach(list::add);
            }
        }
        return result.isEmpty() ? Params.NODES.arrayNode() : result;
    }

    private static JsonNode get(CrmEntities entities, JsonNode params) {
        Long id = Params.id(Params.param(params, "id"));
        if (id == null) {
            throw PortalFailure.crm("ID is not defined or invalid.");
        }
        ObjectNode record = entities.get(id);
        if (record == null) {
            throw PortalFailure.crm("Not found");
        }
        return record.deepCopy();
    }

    private static Outcome update(CrmEntities entities, JsonNode params, Instant now, String method) {
        Long id = Params.id(Params.param(params, "id"));
        if (id == null) {
            throw PortalFailure.crm("ID is not defined or invalid.");
        }
        entities.update(id, Params.param(params, "fields"), now, method);
        return Outcome.of(Params.NODES.booleanNode(true));
    }

    /**
     * {@code crm.*.list}: filter by field (plain or {@code =} is equality, an array means any of;
     * {@code !}, {@code >}, {@code >=}, {@code <}, {@code <=} compare), order by one field, select
     * fields (default and {@code *}: all but multifields), 50 a page with {@code start}
     * ({@code -1}: no total). Answers {@code result}, {@code total} and {@code next} (A3).
     */
    private static Outcome list(CrmEntities entities, JsonNode params) {
        JsonNode filter = Params.param(params, "filter");
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode record : entities.all()) {
            if (matches(record, filter)) {
                found.add(record);
            }
        }
        JsonNode order = Params.param(params, "order");
        if (order != null && order.isObject() && order.size() > 0) {
            Map.Entry<String, JsonNode> first = order.fields().next();
            String field = first.getKey().toUpperCase(Locale.ROOT);
            Comparator<ObjectNode> by = Comparator.comparing(r -> r.path(field).asText(""), Bitrix24Portal::compareValues);
            found.sort("DESC".equalsIgnoreCase(first.getValue().asText()) ? by.reversed() : by);
        }
        String startText = Params.text(Params.param(params, "start"));
        int start = 0;
        try {
            start = startText == null ? 0 : Integer.parseInt(startText.strip());
        } catch (NumberFormatException ignored) {
            start = 0;
        }
        boolean counted = start >= 0;
        int from = Math.max(0, start);
        List<String> select = new ArrayList<>();
        Params.items(Params.param(params, "select")).forEach(s -> select.add(s.asText().toUpperCase(Locale.ROOT)));
        ArrayNode page = Params.NODES.arrayNode();
        for (int i = from; i < Math.min(found.size(), from + PAGE); i++) {
            page.add(select(found.get(i), select));
        }
        Integer next = from + PAGE < found.size() ? from + PAGE : null;
        return new Outcome(page, counted ? found.size() : null, next);
    }

    private static ObjectNode select(ObjectNode record, List<String> select) {
        boolean all = select.isEmpty() || select.contains("*");
        ObjectNode out = Params.NODES.objectNode();
        record.fields().forEachRemaining(e -> {
            String name = e.getKey();
            boolean multifield = CrmEntities.MULTIFIELDS.contains(name);
            boolean wanted = name.equals("ID") || select.contains(name)
                    || (all && !multifield && !name.startsWith("UF_"))
                    || (name.startsWith("UF_") && select.contains("UF_*"));
            if (wanted) {
                out.set(name, e.getValue().deepCopy());
            }
        });
        return out;
    }

    private static boolean matches(ObjectNode record, JsonNode filter) {
        if (filter == null || !filter.isObject()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> condition = it.next();
            String key = condition.getKey();
            int split = 0;
            while (split < key.length() && "=!<>%".indexOf(key.charAt(split)) >= 0) {
                split++;
            }
            String op = key.substring(0, split);
            String field = key.substring(split).toUpperCase(Locale.ROOT);
            List<String> wanted = new ArrayList<>();
            Params.items(condition.getValue()).forEach(v -> wanted.add(v.asText()));
            List<String> actual = new ArrayList<>();
            JsonNode value = record.get(field);
            if (value != null && value.isArray()) {
                value.forEach(v -> actual.add(v.isObject() ? v.path("VALUE").asText() : v.asText()));
            } else if (value != null) {
                actual.add(value.asText());
            }
            boolean ok = switch (op) {
                case "", "=" -> actual.stream().anyMatch(a -> wanted.stream().anyMatch(w -> compareValues(a, w) == 0))
                        || (wanted.size() == 1 && wanted.get(0).isEmpty() && actual.isEmpty());
                case "!", "!=" -> actual.stream().noneMatch(a -> wanted.stream().anyMatch(w -> compareValues(a, w) == 0));
                case ">" -> one(actual, wanted, c -> c > 0);
                case ">=" -> one(actual, wanted, c -> c >= 0);
                case "<" -> one(actual, wanted, c -> c < 0);
                case "<=" -> one(actual, wanted, c -> c <= 0);
                case "%" -> actual.stream().anyMatch(a -> wanted.stream().anyMatch(
                        w -> a.toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT))));
                default -> throw PortalFailure.crm("Filter operation '" + op + "' is not supported by the sandbox");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean one(List<String> actual, List<String> wanted, java.util.function.IntPredicate test) {
        return !wanted.isEmpty() && actual.stream().anyMatch(a -> test.test(compareValues(a, wanted.get(0))));
    }

    /** Numbers compare as numbers, anything else as text. */
    static int compareValues(String a, String b) {
        try {
            return new java.math.BigDecimal(a.strip()).compareTo(new java.math.BigDecimal(b.strip()));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }

    /** {@code crm.timeline.comment.add}: {@code fields{ENTITY_ID, ENTITY_TYPE, COMMENT}} → the comment's id. */
    private JsonNode timelineComment(JsonNode params, Instant now) {
        JsonNode fields = Params.param(params, "fields");
        if (fields == null || !fields.isObject()) {
            throw PortalFailure.crm("Parameter 'fields' must be array.");
        }
        Long entityId = Params.id(Params.param(fields, "ENTITY_ID"));
        String entityType = Params.text(Params.param(fields, "ENTITY_TYPE"));
        String comment = Params.text(Params.param(fields, "COMMENT"));
        if (entityId == null) {
            throw PortalFailure.crm("ENTITY_ID is not defined or invalid.");
        }
        if (entityType == null || !TIMELINE_TYPES.contains(entityType.strip().toLowerCase(Locale.ROOT))) {
            throw PortalFailure.crm("ENTITY_TYPE is not defined or invalid.");
        }
        if (comment == null || comment.isBlank()) {
            throw PortalFailure.crm("COMMENT is not defined or invalid.");
        }
        CrmEntities target = switch (entityType.strip().toLowerCase(Locale.ROOT)) {
            case "lead" -> leads;
            case "deal" -> deals;
            case "contact" -> contacts;
            default -> null;
        };
        if (target == null || target.get(entityId) == null) {
            throw PortalFailure.crm("Not found");
        }
        long id = nextCommentId++;
        ObjectNode stored = Params.NODES.objectNode();
        stored.put("ID", Long.toString(id));
        stored.put("ENTITY_ID", entityId.toString());
        stored.put("ENTITY_TYPE", entityType.strip().toLowerCase(Locale.ROOT));
        stored.put("COMMENT", comment);
        stored.put("CREATED", CrmEntities.DATE.format(now.atOffset(ZoneOffset.UTC)));
        stored.put("AUTHOR_ID", USER_ID);
        comments.put(id, stored);
        return number(id);
    }

    // --- tasks ----------------------------------------------------------------------------------

    /**
     * {@code tasks.task.add} (billing-tasks-sms.md §6): TITLE and RESPONSIBLE_ID required, else
     * 400 ERROR_CORE "Task title not specified<br>" / "Assignee not specified<br>". Answers
     * {@code {"task":{...}}} with camelCase keys and string values; ufCrmTask only when selected.
     */
    private JsonNode addTask(JsonNode params, Instant now) {
        JsonNode fields = Params.param(params, "fields");
        if (fields == null || !fields.isObject()) {
            fields = Params.NODES.objectNode();
        }
        String title = Params.text(fields.get("TITLE"));
        if (title == null || title.isBlank()) {
            throw new PortalFailure(400, "ERROR_CORE", "Task title not specified<br>");
        }
        Long responsible = Params.id(fields.get("RESPONSIBLE_ID"));
        if (responsible == null) {
            throw new PortalFailure(400, "ERROR_CORE", "Assignee not specified<br>");
        }
        long id = nextTaskId++;
        String date = CrmEntities.DATE.format(now.atOffset(ZoneOffset.UTC));
        Long createdBy = Params.id(fields.get("CREATED_BY"));
        String priority = Params.text(fields.get("PRIORITY"));
        ObjectNode task = Params.NODES.objectNode();
        task.put("id", Long.toString(id));
        task.putNull("parentId");
        task.put("title", title);
        task.put("description", textOr(fields.get("DESCRIPTION"), ""));
        task.put("priority", priority != null && priority.strip().matches("[012]") ? priority.strip() : "1");
        task.put("status", "2");
        task.put("groupId", textOr(fields.get("GROUP_ID"), "0"));
        task.put("createdBy", createdBy == null ? USER_ID : createdBy.toString());
        task.put("createdDate", date);
        task.put("responsibleId", responsible.toString());
        task.put("changedBy", USER_ID);
        task.put("changedDate", date);
        task.putNull("closedBy");
        task.putNull("closedDate");
        String deadline = deadline(Params.text(fields.get("DEADLINE")));
        if (deadline == null) {
            task.putNull("deadline");
        } else {
            task.put("deadline", deadline);
        }
        task.putArray("auditors");
        task.putArray("accomplices");
        ArrayNode crm = task.putArray("ufCrmTask");
        Params.items(fields.get("UF_CRM_TASK")).forEach(v -> crm.add(v.asText()));
        tasks.put(id, task);
        if (!taskSignatures.add(title + "\u0000" + crm)) {
            duplicateTasks++;
        }
        return wrapTask(task, params);
    }

    private JsonNode completeTask(JsonNode params, Instant now) {
        ObjectNode task = task(params);
        if (!"5".equals(task.path("status").asText())) {
            String date = CrmEntities.DATE.format(now.atOffset(ZoneOffset.UTC));
            task.put("status", "5");
            task.put("closedBy", USER_ID);
            task.put("closedDate", date);
            task.put("changedDate", date);
        }
        return wrapTask(task, params);
    }

    private ObjectNode task(JsonNode params) {
        Long id = Params.id(Params.param(params, "taskId"));
        if (id == null) {
            id = Params.id(Params.param(params, "id"));
        }
        ObjectNode task = id == null ? null : tasks.get(id);
        if (task == null) {
            throw new PortalFailure(400, "ERROR_CORE", "Task not found or not accessible<br>");
        }
        return task;
    }

    /** {@code {"task":{...}}} without ufCrmTask unless the call selected UF_CRM_TASK. */
    private static JsonNode wrapTask(ObjectNode task, JsonNode params) {
        ObjectNode result = Params.NODES.objectNode();
        result.set("task", shown(task, params));
        return result;
    }

    private static ObjectNode shown(ObjectNode task, JsonNode params) {
        ObjectNode copy = task.deepCopy();
        boolean selected = false;
        for (JsonNode s : Params.items(Params.param(params, "select"))) {
            selected |= s.asText().equalsIgnoreCase("UF_CRM_TASK") || s.asText().equals("*");
        }
        if (!selected) {
            copy.remove("ufCrmTask");
        }
        return copy;
    }

    /** {@code tasks.task.list}: filter on ID, RESPONSIBLE_ID, STATUS, UF_CRM_TASK → {@code {"tasks":[...]}}, total, next. */
    private Outcome listTasks(JsonNode params) {
        JsonNode filter = Params.param(params, "filter");
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode task : tasks.values()) {
            if (taskMatches(task, filter)) {
                found.add(task);
            }
        }
        String startText = Params.text(Params.param(params, "start"));
        int from = 0;
        try {
            from = startText == null ? 0 : Math.max(0, Integer.parseInt(startText.strip()));
        } catch (NumberFormatException ignored) {
            from = 0;
        }
        ObjectNode result = Params.NODES.objectNode();
        ArrayNode list = result.putArray("tasks");
        for (int i = from; i < Math.min(found.size(), from + PAGE); i++) {
            list.add(shown(found.get(i), params));
        }
        return new Outcome(result, found.size(), from + PAGE < found.size() ? from + PAGE : null);
    }

    /** Filter keys of tasks.task.list (upper case, as the docs write them) → the task's camelCase field. */
    private static final Map<String, String> TASK_FILTER_FIELDS = Map.of("ID", "id", "TITLE", "title",
            "RESPONSIBLE_ID", "responsibleId", "CREATED_BY", "createdBy", "STATUS", "status", "REAL_STATUS", "status",
            "GROUP_ID", "groupId", "UF_CRM_TASK", "ufCrmTask");

    /** Equality (plain or {@code =}, an array means any of) or {@code %} (contains, without case) on the fields above. */
    private static boolean taskMatches(ObjectNode task, JsonNode filter) {
        if (filter == null || !filter.isObject()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> condition = it.next();
            String key = condition.getKey();
            boolean like = key.startsWith("%");
            String name = key.replaceFirst("^[=%]", "").toUpperCase(Locale.ROOT);
            String field = TASK_FILTER_FIELDS.get(name);
            if (field == null) {
                throw new PortalFailure(400, "ERROR_CORE", "The sandbox filters tasks by "
                        + String.join(", ", new java.util.TreeSet<>(TASK_FILTER_FIELDS.keySet())) + " only (got " + name + ")");
            }
            List<String> wanted = new ArrayList<>();
            Params.items(condition.getValue()).forEach(v -> wanted.add(v.asText()));
            List<String> actual = new ArrayList<>();
            JsonNode value = task.path(field);
            if (value.isArray()) {
                value.forEach(v -> actual.add(v.asText()));
            } else if (!value.isNull() && !value.isMissingNode()) {
                actual.add(value.asText());
            }
            boolean ok = like
                    ? actual.stream().anyMatch(a -> wanted.stream().anyMatch(
                            w -> a.toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT))))
                    : actual.stream().anyMatch(wanted::contains);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** ISO 8601 with or without an offset → with the portal's offset (UTC); null when absent. */
    private static String deadline(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return CrmEntities.DATE.format(OffsetDateTime.parse(t));
        } catch (DateTimeParseException withoutOffset) {
            try {
                return CrmEntities.DATE.format(LocalDateTime.parse(t).atOffset(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                throw new PortalFailure(400, "ERROR_CORE", "Invalid deadline date format<br>");
            }
        }
    }

    // --- batch ----------------------------------------------------------------------------------

    /**
     * {@code batch} (A4): up to 50 commands {@code key: "method?query"} run in order; a command's
     * query may use an earlier answer through {@code $result[key][field]…} (also $result_error,
     * $result_total, $result_next, $result_time); with halt the first failing command ends the
     * batch. Answers (HTTP 200) result, result_error, result_total, result_next and result_time,
     * each keyed by command and {@code []} when empty.
     */
    private ObjectNode batch(JsonNode params) {
        boolean halt = Params.flag(Params.param(params, "halt"));
        JsonNode cmd = Params.param(params, "cmd");
        List<Map.Entry<String, String>> commandList = new ArrayList<>();
        if (cmd != null && cmd.isObject()) {
            cmd.fields().forEachRemaining(e -> commandList.add(Map.entry(e.getKey(), e.getValue().asText(""))));
        } else if (cmd != null && cmd.isArray()) {
            for (int i = 0; i < cmd.size(); i++) {
                commandList.add(Map.entry(Integer.toString(i), cmd.get(i).asText("")));
            }
        }
        if (commandList.size() > MAX_BATCH) {
            throw new PortalFailure(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
        }
        Map<String, Map<String, JsonNode>> answers = new LinkedHashMap<>();
        for (String part : List.of("result", "result_error", "result_total", "result_next", "result_time")) {
            answers.put(part, new LinkedHashMap<>());
        }
        for (Map.Entry<String, String> command : commandList) {
            String key = command.getKey();
            String text = command.getValue();
            int q = text.indexOf('?');
            String method = methodName(q < 0 ? text : text.substring(0, q));
            Instant start = clock.instant();
            boolean failed;
            try {
                if (method.equals("batch")) {
                    throw new PortalFailure(400, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
                }
                JsonNode subParams = substitute(Params.fromQuery(q < 0 ? "" : text.substring(q + 1)), answers);
                Outcome outcome = dispatch(method, subParams);
                answers.get("result").put(key, outcome.result);
                if (outcome.total != null) {
                    answers.get("result_total").put(key, Params.NODES.numberNode(outcome.total));
                }
                if (outcome.next != null) {
                    answers.get("result_next").put(key, Params.NODES.numberNode(outcome.next));
                }
                failed = false;
            } catch (PortalFailure failure) {
                ObjectNode error = Params.NODES.objectNode();
                error.put("error", failure.error);
                error.put("error_description", failure.description);
                answers.get("result_error").put(key, error);
                failed = true;
            }
            answers.get("result_time").put(key, PortalTime.block(start));
            if (failed && halt) {
                break;
            }
        }
        ObjectNode result = Params.NODES.objectNode();
        answers.forEach((part, byKey) -> result.set(part, phpArray(byKey)));
        return result;
    }

    /** Replaces {@code $result[key][path]…} in every value; a value that is only a reference to a list takes the list. */
    private static JsonNode substitute(JsonNode node, Map<String, Map<String, JsonNode>> answers) {
        if (node.isObject()) {
            ObjectNode out = Params.NODES.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), substitute(e.getValue(), answers)));
            return out;
        }
        String text = node.asText();
        if (!text.contains("$result")) {
            return node;
        }
        Matcher whole = RESULT_REF.matcher(text);
        if (whole.matches()) {
            JsonNode value = resolve(whole, answers);
            if (value != null && value.isContainerNode()) {
                return value.deepCopy();
            }
        }
        Matcher m = RESULT_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = resolve(m, answers);
            String replacement = value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return Params.NODES.textNode(out.toString());
    }

    /** The answer a reference points at; null when the command or the path does not exist. */
    private static JsonNode resolve(Matcher ref, Map<String, Map<String, JsonNode>> answers) {
        JsonNode node = answers.get(ref.group(1)).get(ref.group(2));
        Matcher part = PATH_PART.matcher(ref.group(3));
        while (node != null && part.find()) {
            String step = part.group(1);
            if (node.isArray()) {
                try {
                    node = node.get(Integer.parseInt(step));
                } catch (NumberFormatException notAnIndex) {
                    node = null;
                }
            } else {
                node = node.get(step);
            }
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    /** PHP's json_encode of an array: [] when empty, a list when the keys are 0, 1, …, else an object. */
    private static JsonNode phpArray(Map<String, JsonNode> byKey) {
        boolean list = true;
        int i = 0;
        for (String key : byKey.keySet()) {
            list &= key.equals(Integer.toString(i++));
        }
        if (list) {
            ArrayNode array = Params.NODES.arrayNode();
            byKey.values().forEach(array::add);
            return array;
        }
        ObjectNode object = Params.NODES.objectNode();
        byKey.forEach(object::set);
        return object;
    }

    // --- helpers --------------------------------------------------------------------------------

    private static JsonNode number(long id) {
        return Params.NODES.numberNode(id);
    }

    private static String textOr(JsonNode node, String fallback) {
        String text = Params.text(node);
        return text == null ? fallback : text;
    }

    private static void putIfAbsent(ObjectNode record, String field, String value) {
        if (!record.hasNonNull(field)) {
            record.put(field, value);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
