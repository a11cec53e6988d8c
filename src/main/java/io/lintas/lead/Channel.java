package io.lintas.lead;

/** How a lead reached Lintas. */
public enum Channel {
    FORM, EMAIL, CALL, CRM, API
}
