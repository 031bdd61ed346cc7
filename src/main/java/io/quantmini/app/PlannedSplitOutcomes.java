package io.quantmini.app;

import io.quantmini.ingest.DayOutcomes;
import io.quantmini.ingest.IngestPlanner;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
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
        for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
            check(context, route, route.getOutputs(), problems);
        }
        return problems;
    }

    private static void check(CamelContext context, RouteDefinition route, List<ProcessorDefinition<?>> steps,
                              List<String> problems) {
        boolean planned = false;
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof BeanDefinition bean && bean.getRef() != null
                    && context.getRegistry().lookupByName(bean.getRef()) instanceof IngestPlanner) {
                planned = true;
            } else if (step instanceof SplitDefinition split) {
                boolean tallied = tallies(context, split);
                if (planned && !tallied) {
                    problems.add(where(route) + "route " + route.getId() + " splits the planner's days without"
                            + " aggregationStrategy: dayOutcomes: its runs would count none of their days (the summary"
                            + " would say written=0): add it to the split, as the shipped routes have it");
                } else if (!planned && tallied) {
                    problems.add(where(route) + "route " + route.getId() + " splits days to dayOutcomes that no"
                            + " planner made: add the step 'bean: {ref: ingestPlanner, method: plan}' just before"
                            + " its split, as the shipped routes have it");
                }
                planned = false;
            }
            check(context, route, step.getOutputs(), problems);
        }
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
