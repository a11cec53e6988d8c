package io.lintas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jira Cloud site in memory, answering the REST v3 calls of the contract sheet
 * (billing-tasks-sms.md §5) with their shapes: create issue (201 {id,key,self}), enhanced JQL
 * search by label, an issue, its transitions (a simplified workflow To Do → In Progress → Done,
 * every transition global) and performing one (204), assigning (204). Errors in Jira's
 * {@code {"errorMessages":[…],"errors":{…}}} form. Any Basic email:token is accepted; none is 401.
 */
public final class JiraSite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    private static final Pattern ISSUE_PATH = Pattern.compile("/rest/api/3/issue/([^/]+)(/transitions|/assignee)?/?");
    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");
    private static final Pattern ORDER_BY = Pattern.compile("(?i)\\s+ORDER\\s+BY\\s+(created|key)(?:\\s+(ASC|DESC))?\\s*$");
    private static final Pattern CLAUSE = Pattern.compile(
            "(?i)^\\s*(labels|project|key)\\s*(=|in)\\s*(\"[^\"]*\"|[A-Za-z0-9_.-]+|\\(\\s*(?:\"[^\"]*\"|[A-Za-z0-9_.-]+)(?:\\s*,\\s*(?:\"[^\"]*\"|[A-Za-z0-9_.-]+))*\\s*\\))\\s*$");

    /** A workflow status and its category (the category key is what the hub reads). */
    private record Status(String id, String name, int categoryId, String categoryKey, String colorName, String categoryName) {
    }

    private static final Status TO_DO = new Status("10000", "To Do", 2, "new", "blue-gray", "To Do");
    private static final Status IN_PROGRESS = new Status("3", "In Progress", 4, "indeterminate", "yellow", "In Progress");
    private static final Status DONE = new Status("10001", "Done", 3, "done", "green", "Done");
    /** Transition id → target, as Jira's simplified workflow numbers them. */
    private static final Map<String, Status> TRANSITIONS = new LinkedHashMap<>();

    static {
        TRANSITIONS.put("11", TO_DO);
        TRANSITIONS.put("21", IN_PROGRESS);
        TRANSITIONS.put("31", DONE);
    }

    /** An answer: HTTP status and JSON body (null for 204). */
    public record Answer(int status, ObjectNode body) {
    }

    /** What the site holds: for the bench and the tests. */
    public record Stats(long requests, int issues, long transitions) {
    }

    private final Clock clock;
    private final Map<String, ObjectNode> byKey = new LinkedHashMap<>();
    private final Map<String, String> keyById = new HashMap<>();
    private final Map<String, Integer> lastNumber = new HashMap<>();
    private long nextId = 10000;
    private long requests;
    private long transitionsDone;

    public JiraSite(Clock clock) {
        this.clock = clock;
    }

    public synchronized Stats stats() {
        return new Stats(requests, byKey.size(), transitionsDone);
    }

    /**
     * @param method        GET, POST, PUT
     * @param path          the URL path, e.g. /rest/api/3/issue/OPS-1/transitions
     * @param query         the raw query string or null
     * @param authorization the Authorization header or null
     * @param body          the request body or null
     * @param baseUrl       this site's base URL, for {@code self} links
     */
    public synchronized Answer handle(String method, String path, String query, String authorization, String body,
            String baseUrl) {
        requests++;
        if (!basicAuth(authorization)) {
            return messages(401, "You are not authenticated. Authentication required to perform this operation.");
        }
        String m = method.toUpperCase(Locale.ROOT);
        try {
            if (path.equals("/rest/api/3/issue") || path.equals("/rest/api/3/issue/")) {
                return m.equals("POST") ? create(read(body), baseUrl) : messages(405, "Method not allowed");
            }
            if (path.equals("/rest/api/3/search/jql")) {
                JsonNode request = m.equals("POST") ? read(body) : queryAsJson(query);
                return search(request, baseUrl);
            }
            Matcher issuePath = ISSUE_PATH.matcher(path);
            if (issuePath.matches()) {
                ObjectNode issue = find(issuePath.group(1));
                if (issue == null) {
                    return messages(404, "Issue does not exist or you do not have permission to see it.");
                }
                String sub = issuePath.group(2);
                if (sub == null && m.equals("GET")) {
                    return new Answer(200, issue.deepCopy());
                }
                if ("/transitions".equals(sub) && m.equals("GET")) {
                    return new Answer(200, transitions(baseUrl));
                }
                if ("/transitions".equals(sub) && m.equals("POST")) {
                    return transition(issue, read(body), baseUrl);
                }
                if ("/assignee".equals(sub) && m.equals("PUT")) {
                    return assign(issue, read(body));
                }
                return messages(405, "Method not allowed");
            }
            return messages(404, "The sandbox Jira does not serve " + m + " " + path);
        } catch (BadJson bad) {
            return messages(400, "Unexpected character in the request body: it is not JSON");
        }
    }

    private static final class BadJson extends RuntimeException {
        BadJson() {
            super(null, null, false, false);
        }
    }

    private static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            throw new BadJson();
        }
    }

    private static boolean basicAuth(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0 && colon < pair.length() - 1;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    // --- create -----------------------------------------------------------------------------------

    private Answer create(JsonNode request, String baseUrl) {
        JsonNode fields = request.path("fields");
        Map<String, String> errors = new LinkedHashMap<>();
        String project = fields.path("project").path("key").asText(fields.path("project").path("id").asText(""));
        if (!PROJECT_KEY.matcher(project).matches()) {
            errors.put("project", "Specify a valid project ID or key");
        }
        String issueType = fields.path("issuetype").path("name").asText(fields.path("issuetype").path("id").asText(""));
        if (issueType.isBlank()) {
            errors.put("issuetype", "Specify an issue type");
        }
        String summary = fields.path("summary").asText("");
        if (!fields.path("summary").isTextual() || summary.isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.length() > 255) {
            errors.put("summary", "Summary must be less than 255 characters.");
        }
        JsonNode description = fields.get("description");
        if (description != null && !description.isNull() && !adf(description)) {
            errors.put("description", "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
        }
        JsonNode due = fields.get("duedate");
        if (due != null && !due.isNull()) {
            try {
                LocalDate.parse(due.asText());
            } catch (DateTimeParseException e) {
                errors.put("duedate", "Error parsing date string: " + due.asText());
            }
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode label : fields.path("labels")) {
            if (!label.isTextual() || label.asText().isBlank() || label.asText().contains(" ")) {
                errors.put("labels", "The label '" + label.asText() + "' contains spaces which is invalid.");
            } else {
                labels.add(label.asText());
            }
        }
        if (!errors.isEmpty()) {
            return fieldErrors(errors);
        }
        String id = Long.toString(nextId++);
        int number = lastNumber.merge(project, 1, Integer::sum);
        String key = project + "-" + number;
        String now = STAMP.format(clock.instant().atOffset(ZoneOffset.UTC));
        ObjectNode issue = JSON.createObjectNode();
        issue.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
        issue.put("id", id);
        issue.put("self", baseUrl + "/rest/api/3/issue/" + id);
        issue.put("key", key);
        ObjectNode f = issue.putObject("fields");
        f.put("summary", summary);
        f.putObject("project").put("key", project).put("self", baseUrl + "/rest/api/3/project/" + project);
        f.putObject("issuetype").put("name", issueType);
        if (description == null || description.isNull()) {
            f.putNull("description");
        } else {
            f.set("description", description.deepCopy());
        }
        if (due == null || due.isNull()) {
            f.putNull("duedate");
        } else {
            f.put("duedate", due.asText());
        }
        JsonNode assignee = fields.get("assignee");
        setAssignee(f, assignee == null || assignee.isNull() ? null
                : assignee.path("accountId").asText(assignee.path("id").asText(null)));
        ArrayNode labelList = f.putArray("labels");
        labels.forEach(labelList::add);
        f.set("status", status(TO_DO, baseUrl));
        f.putNull("resolution");
        f.put("created", now);
        f.put("updated", now);
        byKey.put(key, issue);
        keyById.put(id, key);
        ObjectNode created = JSON.createObjectNode();
        created.put("id", id);
        created.put("key", key);
        created.put("self", baseUrl + "/rest/api/3/issue/" + id);
        return new Answer(201, created);
    }

    /** An ADF document: {@code {"type":"doc","version":1,"content":[…]}}. */
    private static boolean adf(JsonNode node) {
        return node.isObject() && "doc".equals(node.path("type").asText()) && node.path("version").asInt() == 1
                && node.path("content").isArray();
    }

    private ObjectNode find(String keyOrId) {
        ObjectNode issue = byKey.get(keyOrId.toUpperCase(Locale.ROOT));
        if (issue == null && keyById.containsKey(keyOrId)) {
            issue = byKey.get(keyById.get(keyOrId));
        }
        return issue;
    }

    // --- search -----------------------------------------------------------------------------------

    /**
     * {@code POST /rest/api/3/search/jql}: {@code {"jql","fields","maxResults","nextPageToken"}} →
     * {@code {"issues":[{"id","key","self","fields":{…}}],"isLast":…}} with nextPageToken only
     * when there is a next page. The sandbox reads a small JQL: {@code labels = "x"},
     * {@code labels in ("x","y")}, {@code project = KEY}, {@code key = KEY-1}, joined by AND, with
     * an optional {@code ORDER BY created|key [ASC|DESC]}; anything else is a 400 that says so.
     */
    private Answer search(JsonNode request, String baseUrl) {
        String jql = request.path("jql").asText("").strip();
        if (jql.isEmpty()) {
            return messages(400, "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
        }
        Comparator<ObjectNode> order = Comparator.comparingLong(i -> Long.parseLong(i.get("id").asText()));
        Matcher orderBy = ORDER_BY.matcher(jql);
        if (orderBy.find()) {
            if ("DESC".equalsIgnoreCase(orderBy.group(2))) {
                order = order.reversed();
            }
            jql = jql.substring(0, orderBy.start());
        }
        List<Predicate<ObjectNode>> conditions = new ArrayList<>();
        for (String clause : jql.split("(?i)\\s+AND\\s+")) {
            Matcher c = CLAUSE.matcher(clause);
            if (!c.matches()) {
                return messages(400, "The sandbox Jira reads only labels = / labels in / project = / key = joined by AND,"
                        + " and ORDER BY created|key; it cannot read: " + clause.strip());
            }
            String field = c.group(1).toLowerCase(Locale.ROOT);
            List<String> values = values(c.group(3));
            conditions.add(switch (field) {
                case "labels" -> issue -> {
                    for (JsonNode label : issue.path("fields").path("labels")) {
                        if (values.contains(label.asText())) {
                            return true;
                        }
                    }
                    return false;
                };
                case "project" -> issue -> values.stream().anyMatch(v ->
                        v.equalsIgnoreCase(issue.path("fields").path("project").path("key").asText()));
                default -> issue -> values.stream().anyMatch(v -> v.equalsIgnoreCase(issue.path("key").asText()));
            });
        }
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode issue : byKey.values()) {
            if (conditions.stream().allMatch(c -> c.test(issue))) {
                found.add(issue);
            }
        }
        found.sort(order);
        int max = request.path("maxResults").asInt(50);
        max = max <= 0 ? 50 : Math.min(max, 5000);
        int from = 0;
        String token = request.path("nextPageToken").asText("");
        if (!token.isEmpty()) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return messages(400, "Invalid nextPageToken");
            }
        }
        List<String> wanted = new ArrayList<>();
        request.path("fields").forEach(f -> wanted.add(f.asText()));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode issues = answer.putArray("issues");
        for (int i = from; i < Math.min(found.size(), from + max); i++) {
            issues.add(searchHit(found.get(i), wanted));
        }
        boolean last = from + max >= found.size();
        if (!last) {
            answer.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(from + max).getBytes(StandardCharsets.UTF_8)));
        }
        answer.put("isLast", last);
        return new Answer(200, answer);
    }

    private static List<String> values(String text) {
        String t = text.strip();
        if (t.startsWith("(")) {
            t = t.substring(1, t.length() - 1);
        }
        List<String> values = new ArrayList<>();
        for (String v : t.split(",")) {
            String s = v.strip();
            values.add(s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2 ? s.substring(1, s.length() - 1) : s);
        }
        return values;
    }

    private static ObjectNode searchHit(ObjectNode issue, List<String> wanted) {
        ObjectNode hit = JSON.createObjectNode();
        hit.put("expand", "");
        hit.put("id", issue.get("id").asText());
        hit.put("self", issue.get("self").asText());
        hit.put("key", issue.get("key").asText());
        ObjectNode fields = hit.putObject("fields");
        boolean all = wanted.contains("*all") || wanted.contains("*navigable");
        issue.get("fields").fields().forEachRemaining(e -> {
            if (all || wanted.contains(e.getKey())) {
                fields.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return hit;
    }

    // --- transitions and assignee -----------------------------------------------------------------

    /** {@code {"expand":"transitions","transitions":[{"id","name","to":{…,"statusCategory":{…}},…}]}}. */
    private static ObjectNode transitions(String baseUrl) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("expand", "transitions");
        ArrayNode list = answer.putArray("transitions");
        TRANSITIONS.forEach((id, to) -> {
            ObjectNode t = list.addObject();
            t.put("id", id);
            t.put("name", to.name());
            t.set("to", status(to, baseUrl));
            t.put("hasScreen", false);
            t.put("isGlobal", true);
            t.put("isInitial", false);
            t.put("isAvailable", true);
            t.put("isConditional", false);
            t.put("isLooped", false);
        });
        return answer;
    }

    private Answer transition(ObjectNode issue, JsonNode request, String baseUrl) {
        String id = request.path("transition").path("id").asText("");
        if (id.isEmpty()) {
            return messages(400, "Missing 'transition' identifier");
        }
        Status to = TRANSITIONS.get(id);
        if (to == null) {
            return messages(400, "Transition id '" + id + "' is not valid for this issue.");
        }
        ObjectNode fields = (ObjectNode) issue.get("fields");
        fields.set("status", status(to, baseUrl));
        if (to == DONE) {
            fields.putObject("resolution").put("name", "Done");
        } else {
            fields.putNull("resolution");
        }
        fields.put("updated", STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)));
        transitionsDone++;
        return new Answer(204, null);
    }

    private Answer assign(ObjectNode issue, JsonNode request) {
        if (!request.has("accountId")) {
            return fieldErrors(Map.of("accountId", "Specify the accountId of the user (or null to unassign)"));
        }
        JsonNode account = request.get("accountId");
        setAssignee((ObjectNode) issue.get("fields"), account.isNull() ? null : account.asText());
        return new Answer(204, null);
    }

    private static void setAssignee(ObjectNode fields, String accountId) {
        if (accountId == null) {
            fields.putNull("assignee");
        } else {
            fields.putObject("assignee").put("accountId", accountId).put("active", true);
        }
    }

    private static ObjectNode status(Status s, String baseUrl) {
        ObjectNode status = JSON.createObjectNode();
        status.put("self", baseUrl + "/rest/api/3/status/" + s.id());
        status.put("description", "");
        status.put("iconUrl", baseUrl + "/");
        status.put("name", s.name());
        status.put("id", s.id());
        ObjectNode category = status.putObject("statusCategory");
        category.put("self", baseUrl + "/rest/api/3/statuscategory/" + s.categoryId());
        category.put("id", s.categoryId());
        category.put("key", s.categoryKey());
        category.put("colorName", s.colorName());
        category.put("name", s.categoryName());
        return status;
    }

    private static JsonNode queryAsJson(String query) {
        ObjectNode request = JSON.createObjectNode();
        ObjectNode params = Params.fromQuery(query);
        params.fields().forEachRemaining(e -> {
            if (e.getKey().equals("fields")) {
                ArrayNode fields = request.putArray("fields");
                for (String f : e.getValue().asText().split(",")) {
                    fields.add(f.strip());
                }
            } else {
                request.set(e.getKey(), e.getValue());
            }
        });
        return request;
    }

    private static Answer messages(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errorMessages").add(message);
        body.putObject("errors");
        return new Answer(status, body);
    }

    private static Answer fieldErrors(Map<String, String> errors) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errorMessages");
        ObjectNode byField = body.putObject("errors");
        errors.forEach(byField::put);
        return new Answer(400, body);
    }
}
