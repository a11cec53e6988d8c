package io.lintas.notify;

import io.lintas.billing.InvoiceNotice;
import io.lintas.tenant.NotificationsConfig;
import io.lintas.tenant.Tenant;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Notices and tenants for the notify tests. */
final class Notices {

    static final String VA = "812785002530231";

    private Notices() {
    }

    static InvoiceNotice issued(String invoiceId, String language, String currency, BigDecimal amount) {
        return new InvoiceNotice(invoiceId + ":ISSUED", "acme", invoiceId, InvoiceNotice.Kind.ISSUED, "Budi Santoso",
                "budi@example.co.id", "+6281234567890", language, amount, currency, LocalDate.of(2026, 12, 1), "BCA", VA,
                "https://checkout.xendit.co/web/6412abc", null, "xendit", null);
    }

    static Tenant tenant(String name, NotificationsConfig notifications) {
        return new Tenant("acme", name, "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(1), Map.of(), List.of(),
                null, null, null, null, null, null, null, null, notifications, null);
    }

    static NotificationsConfig config(String language, String templates) {
        return new NotificationsConfig(language, templates, new NotificationsConfig.Email("billing@acme.example", null), null, List.of());
    }
}
