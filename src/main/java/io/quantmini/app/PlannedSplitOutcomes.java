package io.quantmini.app;

import io.quantmini.ingest.DayOutcomes;
import org.apache.camel.CamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SplitDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * An ingest route's split of the planner's days must hand each day's outcome to the run, and only the planner's days
 * can be handed so, as the shipped routes do ({@code bean: ingestPlanner}, then a {@code split} with
 * {@code aggregationStrategy: dayOutcomes}). A hand-made route that leaves the strategy out writes its days but counts
 * none of them (the summary says {@code written=0 rows=0}, and the first failed day ends the run without one); one
 * that splits without the planner step fails its run on a null run. Both are refused at start-up, naming the route.
 */
final class PlannedSplitOutcomes {

    private PlannedSplitOutcomes() {
    }

    /** One problem per such split, with its route's file. */
    static List<String> problems(CamelContext context) {
        List<String> problems = new ArrayList<>();
        for (PlannerSplits.Split found : PlannerSplits.of(context)) {
            RouteDefinition route = found.route();
            boolean tallied = tallies(context, found.split());
            if (found.ofPlannedDays() && !tallied) {
                problems.add(where(route) + "route " + route.getId() + " splits the planner's days without"
                        + " aggregationStrategy: dayOutcomes: its runs would count none of their days (the summary"
                        + " would say written=0): add it to the split, as the shipped routes have it");
            } else if (!found.ofPlannedDays() && tallied) {
                problems.add(where(route) + "route " + route.getId() + " splits days to dayOutcomes that no"
                        + " planner made: add the step 'bean: {ref: ingestPlanner, method: plan}' just before"
                        + " its split, as the shipped routes have it");
            }
        }
        return problems;
    }

    private static boolean tallies(CamelContext context, SplitDefinition split) {
        if (split.getAggregationStrategyBean() != null) {
            return split.getAggregationStrategyBean() instanceof DayOutcomes;
        }
        String ref = split.getAggregationStrategy();
        return ref != null && context.getRegistry().lookupByName(ref.replaceFirst("^#(bean:)?", ""))
                instanceof DayOutcomes;
    }

    private static String where(RouteDefinition route) {
        return route.getResource() != null ? route.getResource().getLocation().replaceFirst("^file:", "") + ": " : "";
    }
}
