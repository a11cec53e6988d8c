package io.lintas.routing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business time in a time zone: working days, one opening window per working day, holidays.
 * Business time is real elapsed time inside the windows, so a window that a DST change shortens
 * counts for what it really lasts.
 */
public final class BusinessHours {

    /** Monday to Friday, 09:00 to 18:00, no holidays. */
    public static final BusinessHours DEFAULT = new BusinessHours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of());

    /** How far a search for working time goes before the configuration is judged to have none. */
    private static final int MAX_DAYS = 3660;

    private final Set<DayOfWeek> days;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<LocalDate> holidays;

    /**
     * @param days     working days (at least one)
     * @param opens    local opening time
     * @param closes   local closing time, after {@code opens}; {@link LocalTime#MIDNIGHT} means the end of the day (24:00)
     * @param holidays local dates that are not worked although their weekday is
     */
    public BusinessHours(Set<DayOfWeek> days, LocalTime opens, LocalTime closes, Set<LocalDate> holidays) {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("at least one working day is needed");
        }
        if (opens == null || closes == null || (!closes.equals(LocalTime.MIDNIGHT) && !opens.isBefore(closes))) {
            throw new IllegalArgumentException("working hours must open before they close (got " + opens + "-" + closes + ")");
        }
        this.days = Set.copyOf(EnumSet.copyOf(days));
        this.opens = opens;
        this.closes = closes;
        this.holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
    }

    /**
     * The instant when {@code amount} of business time has passed since {@code start}. A start outside
     * the windows counts from the next opening; an amount that ends exactly at closing time gives the
     * closing time, not the next opening.
     */
    public Instant plus(Instant start, Duration amount, ZoneId zone) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative (got " + amount + ")");
        }
        Duration remaining = amount;
        LocalDate date = LocalDate.ofInstant(start, zone);
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            Window window = window(date, zone);
            if (window == null || !window.closes.isAfter(start)) {
                continue;
            }
            Instant from = window.opens.isAfter(start) ? window.opens : start;
            Duration available = Duration.between(from, window.closes);
            if (remaining.compareTo(available) <= 0) {
                return from.plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }

    /** Business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to, ZoneId zone) {
        Duration total = Duration.ZERO;
        for (LocalDate date = LocalDate.ofInstant(from, zone); !date.isAfter(LocalDate.ofInstant(to, zone)); date = date.plusDays(1)) {
            Window window = window(date, zone);
            if (window == null) {
                continue;
            }
            Instant a = window.opens.isAfter(from) ? window.opens : from;
            Instant b = window.closes.isBefore(to) ? window.closes : to;
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return total;
    }

    public boolean isWorkingDay(LocalDate date) {
        return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    public Set<DayOfWeek> days() {
        return days;
    }

    public LocalTime opens() {
        return opens;
    }

    /** {@link LocalTime#MIDNIGHT} means 24:00. */
    public LocalTime closes() {
        return closes;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    private Window window(LocalDate date, ZoneId zone) {
        if (!isWorkingDay(date)) {
            return null;
        }
        Instant open = ZonedDateTime.of(date, opens, zone).toInstant();
        Instant close = closes.equals(LocalTime.MIDNIGHT)
                ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date, closes, zone).toInstant();
        return close.isAfter(open) ? new Window(open, close) : null;
    }

    private record Window(Instant opens, Instant closes) {
    }

    @Override
    public String toString() {
        return "BusinessHours[" + new TreeSet<>(days) + " " + opens + "-" + (closes.equals(LocalTime.MIDNIGHT) ? "24:00" : closes)
                + ", holidays=" + new TreeSet<>(holidays) + "]";
    }
}
