package io.quantmini.app;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

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

    private Schedules() {
    }

    /**
     * One line per trigger, e.g. {@code '0 0 6 ? * MON-FRI' (America/New_York; next Mon 2026-11-30 06:00)}, ordered by
     * trigger; empty when no route starts from {@code quartz:} (Camel then never creates the component's scheduler).
     */
    static List<String> describe(CamelContext context) {
        if (context.hasComponent("quartz") == null) {
            return List.of();
        }
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        if (scheduler == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try {
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup()).stream().sorted().toList()) {
                Trigger trigger = scheduler.getTrigger(key);
                if (trigger != null) {
                    lines.add(describe(trigger));
                }
            }
        } catch (SchedulerException e) {
            lines.add("(Quartz could not list its triggers: " + e.getMessage() + ")");
        }
        return lines;
    }

    static String describe(Trigger trigger) {
        TimeZone zone = trigger instanceof CronTrigger cron ? cron.getTimeZone() : TimeZone.getDefault();
        String next = trigger.getNextFireTime() == null ? "never"
                : NEXT.format(trigger.getNextFireTime().toInstant().atZone(ZoneId.of(zone.getID(), ZoneId.SHORT_IDS)));
        String what = trigger instanceof CronTrigger cron ? "'" + cron.getCronExpression() + "'"
                : "trigger " + trigger.getKey();
        return what + " (" + zone.getID() + "; next " + next + ")";
    }
}
