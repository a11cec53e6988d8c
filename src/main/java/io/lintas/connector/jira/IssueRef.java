package io.lintas.connector.jira;

/**
 * A Jira issue Lintas made or found.
 *
 * @param id      Jira's numeric id, e.g. 10000
 * @param key     the issue key, e.g. ED-24
 * @param created true when this call created it; false when an earlier attempt had
 */
public record IssueRef(String id, String key, boolean created) {
}
