package io.quantmini.app;

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
 * Every {@code split} in the routes' steps (nested ones too, a doCatch's and doFinally's), each with whether it
 * splits the planner's days: a {@code bean: ingestPlanner} step comes before it among its siblings, with no other
 * split between, as the shipped ingest routes have it. What {@link PlannedSplitOutcomes} and
 * {@link PlannedSplitStreaming} check.
 */
final class PlannerSplits {

    /** A split of {@code route}; {@code ofPlannedDays}: it splits what the planner step before it made. */
    record Split(RouteDefinition route, SplitDefinition split, boolean ofPlannedDays) {
    }

    private PlannerSplits() {
    }

    /** The splits of every route of {@code context}, by route, then by its lists of steps ({@link RouteSteps}). */
    static List<Split> of(CamelContext context) {
        List<Split> splits = new ArrayList<>();
        for (RouteDefinition route : ((ModelCamelContext) context).getRouteDefinitions()) {
            for (List<ProcessorDefinition<?>> steps : RouteSteps.sequences(route)) {
                collect(context, route, steps, splits);
            }
        }
        return splits;
    }

    private static void collect(CamelContext context, RouteDefinition route, List<ProcessorDefinition<?>> steps,
                                List<Split> splits) {
        boolean planned = false;
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof BeanDefinition bean && bean.getRef() != null
                    && context.getRegistry().lookupByName(bean.getRef()) instanceof IngestPlanner) {
                planned = true;
            } else if (step instanceof SplitDefinition split) {
                splits.add(new Split(route, split, planned));
                planned = false;
            }
        }
    }
}
