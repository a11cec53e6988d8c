package io.lintas.billing;

/** Where an invoice stands. PENDING → PAID | EXPIRED; PAID → REVERSED; an EXPIRED invoice paid late becomes PAID. */
public enum InvoiceStatus { PENDING, PAID, EXPIRED, REVERSED }
