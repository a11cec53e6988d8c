package io.lintas.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The tenant YAML {@code sla} section, read as strictly as TenantsFile reads the rest. */
class SlaPolicyTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final List<String> problems = new ArrayList<>();

    @Test
    void aFullSection() throws Exception {
        SlaPolicy sla = check("""
                task-deadline: 2h30m
                working-days: MON-THU,SAT
                working-hours: "08:30-17:00"
                holidays: [2026-12-25, "2027-01-01"]
                """);

        assertThat(problems).isEmpty();
        assertThat(sla.taskDeadline()).isEqualTo(Duration.ofMinutes(150));
        assertThat(sla.businessHours().days()).isEqualTo(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY));
        assertThat(sla.businessHours().opens()).isEqualTo(LocalTime.of(8, 30));
        assertThat(sla.businessHours().closes()).isEqualTo(LocalTime.of(17, 0));
        assertThat(sla.businessHours().holidays()).containsExactlyInAnyOrder(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1));
    }

    @Test
    void noSectionIsFourBusinessHoursMondayToFridayNineToSix() {
        SlaPolicy sla = SlaPolicy.check(null, "tenant 'acme'", UnaryOperator.identity(), problems);

        assertThat(sla).isSameAs(SlaPolicy.DEFAULT);
        assertThat(sla.taskDeadline()).isEqualTo(Duration.ofHours(4));
        // a lead on Friday 16:00 in Jakarta is due Monday 11:00
        Instant friday = Instant.parse("2026-11-27T09:00:00Z");
        assertThat(sla.taskDeadline(friday, ZoneId.of("Asia/Jakarta"))).isEqualTo(Instant.parse("2026-11-30T04:00:00Z"));
    }

    @Test
    void keysLeftOutKeepTheirDefaults() throws Exception {
        SlaPolicy sla = check("task-deadline: 1h\n");

        assertThat(sla.taskDeadline()).isEqualTo(Duration.ofHours(1));
        assertThat(sla.businessHours().days()).isEqualTo(BusinessHours.DEFAULT.days());
        assertThat(sla.businessHours().opens()).isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void roundTheClock() throws Exception {
        SlaPolicy sla = check("""
                task-deadline: PT30M
                working-days: MON-SUN
                working-hours: 00:00-24:00
                """);

        assertThat(sla.businessHours().days()).hasSize(7);
        Instant saturdayNight = Instant.parse("2026-11-28T16:50:00Z");
        assertThat(sla.taskDeadline(saturdayNight, ZoneId.of("Asia/Jakarta"))).isEqualTo(Instant.parse("2026-11-28T17:20:00Z"));
    }

    @Test
    void placeholdersAreResolved() throws Exception {
        Map<String, String> env = Map.of("${SLA_HOURS}", "3h");
        SlaPolicy.Model model = YAML.readValue("task-deadline: ${SLA_HOURS}\n", SlaPolicy.Model.class);

        SlaPolicy sla = SlaPolicy.check(model, "tenant 'acme'", v -> v == null ? null : env.getOrDefault(v, v), problems);

        assertThat(sla.taskDeadline()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        SlaPolicy sla = check("""
                task-deadline: soon
                working-days: FRI-MON
                working-hours: 18:00-09:00
                holidays: [christmas]
                """);

        assertThat(sla).isNull();
        assertThat(problems).containsExactly(
                "tenant 'acme', sla: task-deadline must be a positive duration such as 4h, 90m or PT1H30M (got soon)",
                "tenant 'acme', sla: working-days must be days such as MON-FRI or MON,TUE,SAT (got FRI-MON)",
                "tenant 'acme', sla: working-hours must be HH:MM-HH:MM, opening before closing, e.g. 09:00-18:00 or 00:00-24:00 (got 18:00-09:00)",
                "tenant 'acme', sla: holidays must be ISO dates such as 2026-12-25 (got christmas)");
    }

    @Test
    void aZeroDeadlineIsAProblem() throws Exception {
        assertThat(check("task-deadline: 0h\n")).isNull();
        assertThat(problems).singleElement().asString().contains("positive duration");
    }

    @Test
    void unknownKeysAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> YAML.readValue("task-hours: 4\n", SlaPolicy.Model.class))
                .hasMessageContaining("task-hours");
    }

    private SlaPolicy check(String yaml) throws Exception {
        return SlaPolicy.check(YAML.readValue(yaml, SlaPolicy.Model.class), "tenant 'acme'", UnaryOperator.identity(), problems);
    }
}
