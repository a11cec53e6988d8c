package io.lintas.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How soon a lead's task is due: {@code taskDeadline} of business time after the lead was received,
 * counted in the tenant's time zone.
 *
 * @param taskDeadline  business time from receipt to the task's deadline
 * @param businessHours the tenant's working days, hours and holidays
 */
public record SlaPolicy(Duration taskDeadline, BusinessHours businessHours) {

    /** Four business hours, Monday to Friday 09:00 to 18:00. */
    public static final SlaPolicy DEFAULT = new SlaPolicy(Duration.ofHours(4), BusinessHours.DEFAULT);

    private static final Map<String, DayOfWeek> DAY_NAMES = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT", DayOfWeek.SATURDAY,
            "SUN", DayOfWeek.SUNDAY);

    public SlaPolicy {
        if (taskDeadline == null || taskDeadline.isNegative() || taskDeadline.isZero()) {
            throw new IllegalArgumentException("the task deadline must be a positive duration (got " + taskDeadline + ")");
        }
        if (businessHours == null) {
            throw new IllegalArgumentException("business hours are required");
        }
    }

    /** When the task for a lead received at {@code receivedAt} is due. */
    public Instant taskDeadline(Instant receivedAt, ZoneId zone) {
        return businessHours.plus(receivedAt, taskDeadline, zone);
    }

    /** The YAML shape of a tenant's {@code sla} section (strict: unknown keys are problems). */
    public static final class Model {
        /** Business time, e.g. 4h, 90m, PT1H30M. */
        @JsonProperty("task-deadline")
        public String taskDeadline;
        /** MON-FRI, or a list such as MON,TUE,WED,THU,FRI,SAT. */
        @JsonProperty("working-days")
        public String workingDays;
        /** 09:00-18:00; 00:00-24:00 for round the clock. */
        @JsonProperty("working-hours")
        public String workingHours;
        /** ISO dates, e.g. 2026-12-25. */
        public List<String> holidays;
    }

    /**
     * Checks the section and builds it; a missing section is the default. Problems are added to
     * {@code problems}, prefixed by {@code where}.
     *
     * @param resolve resolves ${...} placeholders; a missing one is already reported and gives null
     */
    public static SlaPolicy check(Model model, String where, UnaryOperator<String> resolve, List<String> problems) {
        if (model == null) {
            return DEFAULT;
        }
        String prefix = where + ", sla: ";
        int before = problems.size();
        Duration deadline = DEFAULT.taskDeadline();
        String deadlineText = resolve.apply(model.taskDeadline);
        if (deadlineText != null) {
            deadline = duration(deadlineText);
            if (deadline == null || deadline.isZero() || deadline.isNegative()) {
                problems.add(prefix + "task-deadline must be a positive duration such as 4h, 90m or PT1H30M (got " + deadlineText + ")");
            }
        }
        Set<DayOfWeek> days = BusinessHours.DEFAULT.days();
        String daysText = resolve.apply(model.workingDays);
        if (daysText != null) {
            days = days(daysText);
            if (days == null) {
                problems.add(prefix + "working-days must be days such as MON-FRI or MON,TUE,SAT (got " + daysText + ")");
            }
        }
        LocalTime[] hours = {BusinessHours.DEFAULT.opens(), BusinessHours.DEFAULT.closes()};
        String hoursText = resolve.apply(model.workingHours);
        if (hoursText != null) {
            hours = hours(hoursText);
            if (hours == null) {
                problems.add(prefix + "working-hours must be HH:MM-HH:MM, opening before closing, e.g. 09:00-18:00 or 00:00-24:00 (got "
                        + hoursText + ")");
            }
        }
        Set<LocalDate> holidays = new HashSet<>();
        if (model.holidays != null) {
            for (String h : model.holidays) {
                String text = resolve.apply(h);
                try {
                    holidays.add(LocalDate.parse(text == null ? "" : text.strip()));
                } catch (DateTimeException e) {
                    problems.add(prefix + "holidays must be ISO dates such as 2026-12-25 (got " + text + ")");
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new SlaPolicy(deadline, new BusinessHours(days, hours[0], hours[1], holidays));
    }

    static Duration duration(String text) {
        String t = text.strip();
        try {
            return Duration.parse(t.startsWith("P") || t.startsWith("p") ? t : "PT" + t.toUpperCase(Locale.ROOT));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "MON-FRI", "MON,WED,FRI", "MON-THU,SAT"; null when unreadable. */
    static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.toUpperCase(Locale.ROOT).split(",")) {
            String[] range = part.strip().split("-", -1);
            if (range.length > 2) {
                return null;
            }
            DayOfWeek first = DAY_NAMES.get(range[0].strip());
            DayOfWeek last = range.length == 2 ? DAY_NAMES.get(range[1].strip()) : first;
            if (first == null || last == null || last.compareTo(first) < 0) {
                return null;
            }
            days.addAll(EnumSet.range(first, last));
        }
        return days.isEmpty() ? null : days;
    }

    /** "09:00-18:00" → {09:00, 18:00}; "24:00" closes at midnight; null when unreadable or not opening before closing. */
    static LocalTime[] hours(String text) {
        String[] parts = text.strip().split("-", -1);
        if (parts.length != 2) {
            return null;
        }
        try {
            LocalTime opens = LocalTime.parse(parts[0].strip());
            String closeText = parts[1].strip();
            LocalTime closes = closeText.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(closeText);
            if (!closes.equals(LocalTime.MIDNIGHT) && !opens.isBefore(closes)) {
                return null;
            }
            return new LocalTime[] {opens, closes};
        } catch (DateTimeException e) {
            return null;
        }
    }
}
