package io.lintas.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");   // UTC+7, no DST
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");   // UTC+3, no DST since 2014
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");   // CET/CEST: 2026-03-29 and 2026-10-25
    private static final BusinessHours OFFICE = BusinessHours.DEFAULT;  // Mon-Fri 09:00-18:00
    private static final BusinessHours ROUND_THE_CLOCK = new BusinessHours(EnumSet.allOf(DayOfWeek.class),
            LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, Set.of());

    // 2026-11-23 is a Monday.

    @Test
    void withinOneDay() {
        assertThat(plus(OFFICE, "2026-11-25T10:00", 4, JAKARTA)).isEqualTo("2026-11-25T14:00");
    }

    @Test
    void acrossTheNight() {
        assertThat(plus(OFFICE, "2026-11-25T16:00", 4, JAKARTA)).isEqualTo("2026-11-26T11:00");
    }

    @Test
    void receivedBeforeOpeningCountsFromOpening() {
        assertThat(plus(OFFICE, "2026-11-25T07:30", 2, JAKARTA)).isEqualTo("2026-11-25T11:00");
    }

    @Test
    void receivedAfterClosingCountsFromTheNextOpening() {
        assertThat(plus(OFFICE, "2026-11-25T20:00", 1, JAKARTA)).isEqualTo("2026-11-26T10:00");
    }

    @Test
    void endingExactlyAtClosingIsClosingTimeNotTheNextMorning() {
        assertThat(plus(OFFICE, "2026-11-25T09:00", 9, JAKARTA)).isEqualTo("2026-11-25T18:00");
    }

    @Test
    void minutesCount() {
        assertThat(zoned(OFFICE.plus(at("2026-11-25T17:45", JAKARTA), Duration.ofMinutes(30), JAKARTA), JAKARTA))
                .isEqualTo("2026-11-26T09:15");
    }

    @Test
    void acrossTheWeekend() {
        assertThat(plus(OFFICE, "2026-11-27T17:00", 2, JAKARTA)).isEqualTo("2026-11-30T10:00");
    }

    @Test
    void receivedOnSaturdayCountsFromMonday() {
        assertThat(plus(OFFICE, "2026-11-28T12:00", 1, JAKARTA)).isEqualTo("2026-11-30T10:00");
        assertThat(plus(OFFICE, "2026-11-29T23:59", 1, JAKARTA)).isEqualTo("2026-11-30T10:00");
    }

    @Test
    void aWholeWorkingWeekAndOneHourMore() {
        assertThat(plus(OFFICE, "2026-11-23T09:00", 45, JAKARTA)).isEqualTo("2026-11-27T18:00");
        assertThat(plus(OFFICE, "2026-11-23T09:00", 46, JAKARTA)).isEqualTo("2026-11-30T10:00");
    }

    @Test
    void holidaysAreSkipped() {
        BusinessHours christmas = new BusinessHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28)));
        // Thursday 17:00: one hour on Thursday, Friday 25th and Monday 28th are holidays
        assertThat(plus(christmas, "2026-12-24T17:00", 2, JAKARTA)).isEqualTo("2026-12-29T10:00");
        assertThat(christmas.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(christmas.isWorkingDay(LocalDate.of(2026, 12, 24))).isTrue();
    }

    @Test
    void moscowHasItsOwnOffsetAndNoDst() {
        Instant deadline = OFFICE.plus(at("2026-11-27T17:30", MOSCOW), Duration.ofHours(1), MOSCOW);
        assertThat(deadline).isEqualTo(Instant.parse("2026-11-30T06:30:00Z"));   // Monday 09:30 MSK
        // the same lead received at the same instant is due at another instant in Jakarta
        Instant sameInstant = at("2026-11-27T17:30", MOSCOW);                     // 21:30 in Jakarta
        assertThat(OFFICE.plus(sameInstant, Duration.ofHours(1), JAKARTA)).isEqualTo(Instant.parse("2026-11-30T03:00:00Z"));
        // Moscow in summer: still UTC+3
        assertThat(OFFICE.plus(at("2026-07-03T17:30", MOSCOW), Duration.ofHours(1), MOSCOW))
                .isEqualTo(Instant.parse("2026-07-06T06:30:00Z"));
    }

    @Test
    void berlinOfficeHoursAcrossTheSpringForwardWeekend() {
        Instant friday = at("2026-03-27T17:00", BERLIN);                          // CET, 16:00Z
        Instant deadline = OFFICE.plus(friday, Duration.ofHours(2), BERLIN);
        assertThat(zoned(deadline, BERLIN)).isEqualTo("2026-03-30T10:00");
        assertThat(deadline).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));  // CEST: two hours ahead of UTC now
    }

    @Test
    void berlinOfficeHoursAcrossTheFallBackWeekend() {
        Instant friday = at("2026-10-23T17:00", BERLIN);                          // CEST, 15:00Z
        Instant deadline = OFFICE.plus(friday, Duration.ofHours(2), BERLIN);
        assertThat(zoned(deadline, BERLIN)).isEqualTo("2026-10-26T10:00");
        assertThat(deadline).isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));  // CET
    }

    @Test
    void theSpringForwardDayHas23HoursOfRoundTheClockTime() {
        Instant sundayMidnight = at("2026-03-29T00:00", BERLIN);
        assertThat(zoned(ROUND_THE_CLOCK.plus(sundayMidnight, Duration.ofHours(24), BERLIN), BERLIN)).isEqualTo("2026-03-30T01:00");
        assertThat(ROUND_THE_CLOCK.between(sundayMidnight, at("2026-03-30T00:00", BERLIN), BERLIN)).isEqualTo(Duration.ofHours(23));
        // 01:30 + 1 h of real time is 03:30: 02:00-03:00 does not exist that night
        assertThat(zoned(ROUND_THE_CLOCK.plus(at("2026-03-29T01:30", BERLIN), Duration.ofHours(1), BERLIN), BERLIN))
                .isEqualTo("2026-03-29T03:30");
    }

    @Test
    void theFallBackDayHas25HoursOfRoundTheClockTime() {
        Instant sundayMidnight = at("2026-10-25T00:00", BERLIN);
        assertThat(zoned(ROUND_THE_CLOCK.plus(sundayMidnight, Duration.ofHours(24), BERLIN), BERLIN)).isEqualTo("2026-10-25T23:00");
        assertThat(ROUND_THE_CLOCK.between(sundayMidnight, at("2026-10-26T00:00", BERLIN), BERLIN)).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void aWindowContainingTheDstChangeIsAsLongAsItReallyIs() {
        BusinessHours nightShift = new BusinessHours(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0), LocalTime.of(5, 0), Set.of());
        assertThat(nightShift.between(at("2026-03-29T00:00", BERLIN), at("2026-03-29T06:00", BERLIN), BERLIN))
                .isEqualTo(Duration.ofHours(3));
        assertThat(nightShift.between(at("2026-10-25T00:00", BERLIN), at("2026-10-25T06:00", BERLIN), BERLIN))
                .isEqualTo(Duration.ofHours(5));
    }

    @Test
    void businessTimeBetweenTwoInstants() {
        assertThat(OFFICE.between(at("2026-11-27T17:00", JAKARTA), at("2026-11-30T10:00", JAKARTA), JAKARTA))
                .isEqualTo(Duration.ofHours(2));
        assertThat(OFFICE.between(at("2026-11-28T10:00", JAKARTA), at("2026-11-29T10:00", JAKARTA), JAKARTA)).isZero();
        assertThat(OFFICE.between(at("2026-11-30T10:00", JAKARTA), at("2026-11-27T10:00", JAKARTA), JAKARTA)).isZero();
    }

    @Test
    void plusAndBetweenAgree() {
        Instant start = at("2026-11-26T13:17", JAKARTA);
        for (int hours = 0; hours < 60; hours += 7) {
            Instant end = OFFICE.plus(start, Duration.ofHours(hours), JAKARTA);
            assertThat(OFFICE.between(start, end, JAKARTA)).as(hours + " h").isEqualTo(Duration.ofHours(hours));
        }
    }

    @Test
    void zeroBusinessTimeIsNowWhenOpenAndTheNextOpeningOtherwise() {
        assertThat(plus(OFFICE, "2026-11-25T11:00", 0, JAKARTA)).isEqualTo("2026-11-25T11:00");
        assertThat(plus(OFFICE, "2026-11-28T11:00", 0, JAKARTA)).isEqualTo("2026-11-30T09:00");
    }

    @Test
    void saturdayMorningsCanBeWorkingTime() {
        BusinessHours shop = new BusinessHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), LocalTime.of(10, 0),
                LocalTime.of(14, 0), Set.of());
        assertThat(plus(shop, "2026-11-27T13:00", 3, JAKARTA)).isEqualTo("2026-11-28T12:00");
    }

    @Test
    void refusesWhatCannotBeComputed() {
        assertThatThrownBy(() -> OFFICE.plus(Instant.now(), Duration.ofHours(-1), JAKARTA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessHours(Set.of(), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of()))
                .hasMessageContaining("working day");
        assertThatThrownBy(() -> new BusinessHours(Set.of(DayOfWeek.MONDAY), LocalTime.of(18, 0), LocalTime.of(9, 0), Set.of()))
                .hasMessageContaining("open before they close");
        BusinessHours onlyHolidays = new BusinessHours(Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
                mondaysOf2026To2040());
        assertThatThrownBy(() -> onlyHolidays.plus(at("2026-01-01T00:00", JAKARTA), Duration.ofHours(1), JAKARTA))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Set<LocalDate> mondaysOf2026To2040() {
        Set<LocalDate> mondays = new java.util.HashSet<>();
        for (LocalDate d = LocalDate.of(2026, 1, 5); d.getYear() < 2041; d = d.plusWeeks(1)) {
            mondays.add(d);
        }
        return mondays;
    }

    private static String plus(BusinessHours hours, String localStart, long businessHours, ZoneId zone) {
        return zoned(hours.plus(at(localStart, zone), Duration.ofHours(businessHours), zone), zone);
    }

    private static Instant at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
    }

    private static String zoned(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDateTime().toString();
    }
}
