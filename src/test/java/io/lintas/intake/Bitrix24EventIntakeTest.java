package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lintas.connector.bitrix24.RatePlan;
import io.lintas.tenant.Bitrix24Config;
import io.lintas.tenant.Tenant;
import io.lintas.tenant.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Contract A6: the body as Bitrix24 posts it, the token, the portal and the replay window. */
class Bitrix24EventIntakeTest {

    /** The contract's raw body, verbatim (ts 1766047124 = 2025-12-18T08:38:44Z). */
    static final String EVENT = "event=ONCRMLEADADD&event_handler_id=975&data%5BFIELDS%5D%5BID%5D=1000983&ts=1766047124"
            + "&auth%5Bdomain%5D=some-domain.bitrix24.com&auth%5Bclient_endpoint%5D=https%3A%2F%2Fsome-domain.bitrix24.com%2Frest%2F"
            + "&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bmember_id%5D=d897063e1ce7c5eb9f04b9751eef5915"
            + "&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas";
    static final Instant TS = Instant.ofEpochSecond(1766047124);

    final Bitrix24Config portal = new Bitrix24Config("https://some-domain.bitrix24.com/rest/1/code",
            "some-domain.bitrix24.com", "d897063e1ce7c5eb9f04b9751eef5915", "jvh9y1ulvt2m6k5or90v9mg8nn32ozas",
            Duration.ofMinutes(10), RatePlan.STANDARD, Set.of("ONCRMLEADADD", "ONCRMDEALUPDATE"));

    Bitrix24EventIntake intake(Instant now) {
        Tenant acme = new Tenant("acme", "Acme", "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(1), Map.of(),
                List.of(), null, portal, null, null);
        Tenant plain = Tenant.withForms("plain", "Plain", "ID", "IDR", ZoneId.of("Asia/Jakarta"), Duration.ofHours(1), Map.of());
        return new Bitrix24EventIntake(new TenantRegistry(List.of(acme, plain)), Clock.fixed(now, ZoneOffset.UTC),
                () -> "01JDQ7M0000000000000000001");
    }

    @Test
    void theContractsEventIsReadAndQueued() {
        Bitrix24EventIntake.Decision decision = intake(TS.plusSeconds(3)).receive("acme", request(EVENT));

        assertThat(decision.enqueue()).isTrue();
        CrmEvent event = decision.event();
        assertThat(event.id()).isEqualTo("01JDQ7M0000000000000000001");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.source()).isEqualTo("bitrix24");
        assertThat(event.event()).isEqualTo("ONCRMLEADADD");
        assertThat(event.entity()).isEqualTo("LEAD");
        assertThat(event.entityId()).isEqualTo("1000983");
        assertThat(event.ts()).isEqualTo(1766047124L);
        assertThat(event.memberId()).isEqualTo("d897063e1ce7c5eb9f04b9751eef5915");
        assertThat(event.domain()).isEqualTo("some-domain.bitrix24.com");
        assertThat(event.handlerId()).isEqualTo("975");
        assertThat(event.data()).containsExactly(Map.entry("FIELDS.ID", "1000983"));
        assertThat(event.toString()).doesNotContain("jvh9y1ulvt2m6k5or90v9mg8nn32ozas");
        assertThat(event.group()).isEqualTo("acme:bitrix24:LEAD:1000983");
    }

    @Test
    void theSameDeliveryHasTheSameKeyAndAnotherTsAnother() {
        CrmEvent first = intake(TS).receive("acme", request(EVENT)).event();
        CrmEvent again = intake(TS.plusSeconds(60)).receive("acme", request(EVENT)).event();
        CrmEvent later = intake(TS).receive("acme", request(EVENT.replace("ts=1766047124", "ts=1766047125"))).event();
        assertThat(again.deliveryKey()).isEqualTo(first.deliveryKey()).hasSize(64);
        assertThat(later.deliveryKey()).isNotEqualTo(first.deliveryKey());
    }

    @Test
    void aWrongOrMissingTokenIs401() {
        assertRejected(401, "auth[application_token] does not match",
                EVENT.replace("jvh9y1ulvt2m6k5or90v9mg8nn32ozas", "jvh9y1ulvt2m6k5or90v9mg8nn32ozat"));
        assertRejected(401, "auth[application_token] is missing",
                EVENT.replace("&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas", ""));
    }

    @Test
    void aForeignPortalIs401() {
        assertRejected(401, "auth[member_id] is not the tenant's portal",
                EVENT.replace("d897063e1ce7c5eb9f04b9751eef5915", "e897063e1ce7c5eb9f04b9751eef5915"));
        assertRejected(401, "auth[domain] is not the tenant's portal",
                EVENT.replace("auth%5Bdomain%5D=some-domain", "auth%5Bdomain%5D=evil-domain"));
        assertThat(intake(TS).receive("acme", request(EVENT.replace("auth%5Bdomain%5D=some-domain", "auth%5Bdomain%5D=Some-Domain")))
                .enqueue()).isTrue();
    }

    @Test
    void anEventOutsideTheReplayWindowIs401() {
        IntakeRejected stale = catchThrowableOfType(IntakeRejected.class,
                () -> intake(TS.plus(Duration.ofMinutes(10)).plusSeconds(1)).receive("acme", request(EVENT)));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.reason()).isEqualTo("stale event: ts is 601 s behind the hub's clock, outside the replay window of 600 s");
        IntakeRejected ahead = catchThrowableOfType(IntakeRejected.class,
                () -> intake(TS.minus(Duration.ofMinutes(11))).receive("acme", request(EVENT)));
        assertThat(ahead.reason()).contains("ahead of the hub's clock");
        assertThat(intake(TS.plus(Duration.ofMinutes(10))).receive("acme", request(EVENT)).enqueue()).isTrue();
        assertRejected(401, "ts is missing", EVENT.replace("&ts=1766047124", ""));
        assertRejected(401, "ts is not a Unix time", EVENT.replace("ts=1766047124", "ts=yesterday"));
    }

    @Test
    void theTokenIsCheckedBeforeAnythingElseIsSaid() {
        // a stranger learns nothing about the portal or the clock
        assertRejected(401, "auth[application_token] does not match", EVENT
                .replace("jvh9y1ulvt2m6k5or90v9mg8nn32ozas", "x").replace("d897063e1ce7c5eb9f04b9751eef5915", "y")
                .replace("ts=1766047124", "ts=1"));
    }

    @Test
    void eventsTheTenantDoesNotTakeAreAcknowledgedNotQueued() {
        Bitrix24EventIntake.Decision decision = intake(TS).receive("acme", request(EVENT.replace("ONCRMLEADADD", "ONCRMLEADDELETE")));
        assertThat(decision.enqueue()).isFalse();
        assertThat(decision.note()).contains("ONCRMLEADDELETE");
    }

    @Test
    void aDealEventIsADealAndAMissingIdIs400() {
        assertThat(intake(TS).receive("acme", request(EVENT.replace("ONCRMLEADADD", "ONCRMDEALUPDATE"))).event().entity())
                .isEqualTo("DEAL");
        assertRejected(400, "data[FIELDS][ID] is missing or not a number", EVENT.replace("%5BID%5D=1000983", "%5BID%5D=abc"));
        assertRejected(400, "event is missing", EVENT.replace("event=ONCRMLEADADD&", ""));
    }

    @Test
    void unknownTenantsAndTenantsWithoutAPortalAre404AndOtherBodiesAre415() {
        assertThat(catchThrowableOfType(IntakeRejected.class, () -> intake(TS).receive("nobody", request(EVENT))).status())
                .isEqualTo(404);
        assertThat(catchThrowableOfType(IntakeRejected.class, () -> intake(TS).receive("plain", request(EVENT))).reason())
                .isEqualTo("no Bitrix24 portal configured for this tenant");
        InboundRequest json = new InboundRequest("/hooks/acme/crm/bitrix24", "application/json", Map.of(), Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(catchThrowableOfType(IntakeRejected.class, () -> intake(TS).receive("acme", json)).status()).isEqualTo(415);
    }

    private void assertRejected(int status, String reason, String body) {
        IntakeRejected rejected = catchThrowableOfType(IntakeRejected.class, () -> intake(TS).receive("acme", request(body)));
        assertThat(rejected).as("rejected").isNotNull();
        assertThat(rejected.status()).isEqualTo(status);
        assertThat(rejected.reason()).startsWith(reason);
    }

    private static InboundRequest request(String body) {
        return new InboundRequest("/hooks/acme/crm/bitrix24", "application/x-www-form-urlencoded", Map.of(), Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
