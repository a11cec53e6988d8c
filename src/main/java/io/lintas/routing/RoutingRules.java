package io.lintas.routing;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A tenant's routing rules: who owns new CRM records (managers) and who gets the tasks
 * (dispatchers). Either may be absent: the target system's default then applies.
 *
 * @param managers    responsible user of a new lead or deal, or null
 * @param dispatchers responsible user of a task, or null
 */
public record RoutingRules(AssignmentRule managers, AssignmentRule dispatchers) {

    public static final RoutingRules NONE = new RoutingRules(null, null);

    /** The manager responsible for a lead, or null when the tenant has no rule. */
    public String managerFor(String tenant, String leadId, RoundRobinPositions positions) {
        return managers == null ? null : managers.responsibleFor(leadId, tenant + ":managers", positions);
    }

    /** The dispatcher responsible for a lead's task, or null when the tenant has no rule. */
    public String dispatcherFor(String tenant, String leadId, RoundRobinPositions positions) {
        return dispatchers == null ? null : dispatchers.responsibleFor(leadId, tenant + ":dispatchers", positions);
    }

    /** The YAML shape of a tenant's {@code routing} section. */
    public static final class Model {
        public AssignmentRule.Model managers;
        public AssignmentRule.Model dispatchers;
    }

    /** Checks the section; a missing section is {@link #NONE}. Problems are added with the {@code where} prefix. */
    public static RoutingRules check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return NONE;
        }
        int before = problems.size();
        AssignmentRule managers = AssignmentRule.check(model.managers, where + ", routing.managers", resolve, problems);
        AssignmentRule dispatchers = AssignmentRule.check(model.dispatchers, where + ", routing.dispatchers", resolve, problems);
        return problems.size() > before ? null : new RoutingRules(managers, dispatchers);
    }
}
