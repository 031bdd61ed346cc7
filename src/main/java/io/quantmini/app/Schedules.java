package io.quantmini.app;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * What the running routes have scheduled, read back from Quartz: a cron an operator typed into a route (instead of
 * {@code quantmini.schedule.cron}) shows as it fires, and so does a second quartz route.
 */
final class Schedules {

    private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);
    /** For a cron with a seconds field: a firing at 20:12:50 shown as 20:12 would read as one already past. */
    private static final DateTimeFormatter NEXT_SECONDS = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss",
            Locale.ROOT);

    private Schedules() {
    }

    /**
     * One line per started route that starts from {@code quartz:}, e.g. {@code '0 0 6 ? * MON-FRI' (America/New_York;
     * next Mon 2026-11-30 06:00 = 2026-11-30T11:00:00Z in the log's UTC)}, ordered by trigger; empty when there is
     * none. A route that is not started ({@code autoStartup: false}) is left out: its trigger stays in Quartz, but
     * nothing consumes its firings.
     */
    static List<String> describe(CamelContext context) {
        List<TriggerKey> keys = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof QuartzEndpoint quartz
                    && context.getRouteController().getRouteStatus(route.getRouteId()).isStarted()
                    && quartz.getTriggerKey() != null) {
                keys.add(quartz.getTriggerKey());
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        List<String> lines = new ArrayList<>();
        try {
            for (TriggerKey key : keys.stream().sorted().toList()) {
                Trigger trigger = scheduler.getTrigger(key);
                lines.add(trigger == null ? "trigger " + key + " (not in Quartz)" : describe(trigger));
            }
        } catch (SchedulerException e) {
            lines.add("(Quartz could not list its triggers: " + e.getMessage() + ")");
        }
        return lines;
    }

    static String describe(Trigger trigger) {
        TimeZone zone = trigger instanceof CronTrigger cron ? cron.getTimeZone() : TimeZone.getDefault();
        String next = "never";
        if (trigger.getNextFireTime() != null) {
            java.time.Instant at = trigger.getNextFireTime().toInstant();
            java.time.ZonedDateTime local = at.atZone(ZoneId.of(zone.getID(), ZoneId.SHORT_IDS));
            // the log's clock is UTC: the same moment as its lines will show it, unless the zone is UTC's already
            next = (local.getSecond() == 0 ? NEXT : NEXT_SECONDS).format(local)
                    + (local.getOffset().getTotalSeconds() == 0 ? ""
                    : " = " + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " in the log's UTC");
        }
        String what;
        if (trigger instanceof CronTrigger cron) {
            what = "'" + cron.getCronExpression() + "'";
        } else if (trigger instanceof SimpleTrigger simple) {
            what = "every " + simple.getRepeatInterval() + " ms";
        } else {
            what = "trigger " + trigger.getKey();
        }
        return what + " (" + zone.getID() + "; next " + next + ")";
    }
}
