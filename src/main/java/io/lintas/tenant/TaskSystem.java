package io.lintas.tenant;

/** Where a tenant's dispatcher tasks go: tasks of its Bitrix24 portal, issues of its Jira site, or nowhere. */
public enum TaskSystem { BITRIX24, JIRA, NONE }
