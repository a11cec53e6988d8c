package io.lintas.connector.jira;

import java.util.List;
import java.util.Optional;

/**
 * Lead tasks in Jira, each made exactly once and closed through the workflow's own "done" transition.
 *
 * <p>Jira has no idempotency key. The issue carries the label {@code lintas-<leadId>}, and every
 * create first searches for it: a first attempt finds nothing; an attempt after a timeout or a 5xx
 * whose create was applied after all finds that issue and does not post a second. The search runs on
 * every attempt, not only on retries, because a broker redelivery after a crash or a replay from the
 * dead-letter queue does not always say it is one.
 */
public final class JiraIssues {

    /** What closing an issue did. */
    public enum Closed { TRANSITIONED, ALREADY_DONE }

    private final JiraTransport transport;

    public JiraIssues(JiraTransport transport) {
        this.transport = transport;
    }

    /** The lead's issue: the one an earlier attempt made, or a new one. */
    public IssueRef ensureIssue(JiraSettings site, IssueDraft draft) {
        if (draft.leadId() == null) {
            throw new IllegalArgumentException("an issue made for a lead needs the lead id, to be found again on a retry");
        }
        Optional<IssueRef> existing = findByLead(site, draft.leadId());
        if (existing.isPresent()) {
            return existing.get();
        }
        return JiraResponses.created(call(site, JiraRequests.createIssue(site, draft)).body());
    }

    /** The issue labelled with the lead's id, if there is one. */
    public Optional<IssueRef> findByLead(JiraSettings site, String leadId) {
        return JiraResponses.firstIssue(call(site, JiraRequests.findByLead(leadId)).body());
    }

    /**
     * Moves the issue to a done status with the transition whose target status category is one of the
     * site's done categories. An issue already done is left alone, so closing twice is harmless.
     *
     * @throws JiraPermanentException when the workflow offers no way to done from the issue's status
     */
    public Closed close(JiraSettings site, String issue) {
        String transitions = call(site, JiraRequests.transitions(issue)).body();
        Optional<String> done = JiraResponses.doneTransition(transitions, site.doneCategories());
        if (done.isPresent()) {
            call(site, JiraRequests.transition(issue, done.get()));
            return Closed.TRANSITIONED;
        }
        String current = call(site, JiraRequests.issue(issue)).body();
        if (site.doneCategories().contains(JiraResponses.statusCategory(current))) {
            return Closed.ALREADY_DONE;
        }
        List<String> offered = JiraResponses.describeTransitions(transitions);
        throw new JiraPermanentException("Jira issue " + issue + " in status '" + JiraResponses.statusName(current)
                + "' has no transition to a status of category " + site.doneCategories() + "; offered: " + offered,
                0, List.of(), null);
    }

    /** Sets the responsible user (a Jira accountId). */
    public void assign(JiraSettings site, String issue, String accountId) {
        call(site, JiraRequests.assign(issue, accountId));
    }

    private JiraResponse call(JiraSettings site, JiraCall call) {
        JiraResponse response = transport.send(site, call);
        if (!response.isSuccess()) {
            throw JiraErrors.classify(call, response);
        }
        return response;
    }
}
