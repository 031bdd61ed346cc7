package io.quantmini.app;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.CamelContextHelper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A running route that splits the planner's days ({@code bean: ingestPlanner}, then {@code split}) without
 * {@code streaming: true}, as an operator's hand-made route may: its ingests still work, but Camel's split then takes
 * every planned day up front, so a stop (a signal) waits while each day left goes through the route and fails on its
 * own, seconds on a long range, instead of counting them as not started at once (ingest/PlannedTasks). Warned once at
 * start rather than refused: what the lake gets is the same, only a stop is slower.
 */
final class PlannedSplitStreaming {

    private PlannedSplitStreaming() {
    }

    /** One line per started route with such a split, naming the route, its file and what to add. */
    static List<String> warnings(CamelContext context) {
        Set<RouteDefinition> unstreamed = new LinkedHashSet<>();
        for (PlannerSplits.Split found : PlannerSplits.of(context)) {
            if (found.ofPlannedDays()
                    && !Boolean.TRUE.equals(CamelContextHelper.parseBoolean(context, found.split().getStreaming()))) {
                unstreamed.add(found.route());
            }
        }
        List<String> warnings = new ArrayList<>();
        for (RouteDefinition route : unstreamed) {
            ServiceStatus status = context.getRouteController().getRouteStatus(route.getId());
            if (status != null && status.isStarted()) {
                warnings.add("route " + route.getId() + (route.getResource() == null ? ""
                        : " (" + route.getResource().getLocation() + ")") + " splits the planner's days without"
                        + " streaming: a stop then waits while every day left goes through the route (seconds on a"
                        + " long range): add streaming: true to its split, as the shipped routes have it");
            }
        }
        return warnings;
    }
}
