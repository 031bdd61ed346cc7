package io.quantmini.app;

import io.quantmini.LogCapture;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipped cron, weekdays 06:00 New York, whose November 2026 firings are at 11:00 UTC. */
class LateFiringsTest {

    private static final Trigger WEEKDAYS_AT_SIX = TriggerBuilder.newTrigger()
            .withSchedule(CronScheduleBuilder.cronSchedule("0 0 6 ? * MON-FRI")
                    .inTimeZone(TimeZone.getTimeZone("America/New_York")))
            .startAt(Date.from(Instant.parse("2026-11-01T00:00:00Z"))).build();
    private static final String THURSDAY = "2026-11-26T11:00:00Z";
    private static final String FRIDAY = "2026-11-27T11:00:00Z";
    private static final String MONDAY = "2026-11-30T11:00:00Z";

    private static List<String> said(String previous, String scheduled, String fired) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        Exchange firing = new DefaultExchange(camel);
        firing.getExchangeExtension().setFromRouteId("schedule-daily");
        firing.getIn().setHeader("previousFireTime", previous == null ? null : Date.from(Instant.parse(previous)));
        firing.getIn().setHeader("scheduledFireTime", Date.from(Instant.parse(scheduled)));
        firing.getIn().setHeader("fireTime", Date.from(Instant.parse(fired)));
        firing.getIn().setHeader("trigger", WEEKDAYS_AT_SIX);
        return LogCapture.warnings(LateFirings.class, () -> new LateFirings().started(firing));
    }

    @Test
    void aFiringOnTimeIsNotSaid() throws Exception {
        assertEquals(List.of(), said(FRIDAY, MONDAY, "2026-11-30T11:00:02Z"));
        assertEquals(List.of(), said(null, MONDAY, "2026-11-30T11:00:59Z"));
    }

    /**
     * A firing that waited for the previous run: Quartz, finding it missed, moves its scheduled time to when it runs,
     * so lateness is told from the first cron time after the previous firing.
     */
    @Test
    void aFiringThatWaitedForThePreviousRunIsSaidWithWhenItWasDue() throws Exception {
        assertEquals(List.of("schedule schedule-daily: the run due 2026-11-30T11:00:00Z started 2026-11-30T11:03:00Z,"
                + " 3 min late (the previous run was still going, or the process or the machine was paused, asleep"
                + " say)"), said(FRIDAY, "2026-11-30T11:03:00Z", "2026-11-30T11:03:00Z"));
        // the first firing since the process started has no previous one: the scheduled time says it
        assertEquals(List.of("schedule schedule-daily: the run due 2026-11-30T11:00:00Z started 2026-11-30T13:05:00Z,"
                + " 2 h 5 min late (the previous run was still going, or the process or the machine was paused, asleep"
                + " say)"), said(null, MONDAY, "2026-11-30T13:05:00Z"));
    }

    /** A laptop asleep from Thursday night to Monday 09:00 New York: Friday's and Monday's firings run once. */
    @Test
    void firingsMissedWhileAsleepAreSaidAsOneRunStandingForThem() throws Exception {
        assertEquals(List.of("schedule schedule-daily: the run due 2026-11-27T11:00:00Z started 2026-11-30T14:00:00Z,"
                + " 3 days 3 h late (the previous run was still going, or the process or the machine was paused, asleep"
                + " say); it stands for the 2 runs due by then (Quartz runs missed firings once; the window covers"
                + " their days)"), said(THURSDAY, "2026-11-30T14:00:00Z", "2026-11-30T14:00:00Z"));
    }

    @Test
    void latenessInWords() {
        assertEquals("1 min", LateFirings.inWords(Duration.ofSeconds(119)));
        assertEquals("1 h 0 min", LateFirings.inWords(Duration.ofMinutes(60)));
        assertEquals("1 day 0 h", LateFirings.inWords(Duration.ofHours(24)));
    }
}
