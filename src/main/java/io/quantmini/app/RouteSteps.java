package io.quantmini.app;

import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.FinallyDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The steps of a route, as every start-up check walks them. A step's {@code getOutputs()} leaves some out: the
 * doCatch and doFinally of a doTry read from YAML, a circuitBreaker's onFallback (Camel's own step search misses
 * those); and a choice's outputs run its when and otherwise steps together, as one list.
 */
final class RouteSteps {

    private RouteSteps() {
    }

    /** Every step of {@code route}, each once, depth first in the file's order: a doCatch's and doFinally's too. */
    static List<ProcessorDefinition<?>> of(RouteDefinition route) {
        List<ProcessorDefinition<?>> all = new ArrayList<>();
        collect(route.getOutputs(), Collections.newSetFromMap(new IdentityHashMap<>()), all);
        return all;
    }

    private static void collect(List<ProcessorDefinition<?>> steps, Set<ProcessorDefinition<?>> seen,
                                List<ProcessorDefinition<?>> all) {
        for (ProcessorDefinition<?> step : steps) {
            if (seen.add(step)) {
                all.add(step);
                for (List<ProcessorDefinition<?>> inner : within(step)) {
                    collect(inner, seen, all);
                }
            }
        }
    }

    /**
     * The lists of steps of {@code route} that run one after another: the route's own, then those within each of its
     * steps in {@link #of} order (a split's; a doTry's, each doCatch's, its doFinally's; each when's of a choice).
     */
    static List<List<ProcessorDefinition<?>>> sequences(RouteDefinition route) {
        List<List<ProcessorDefinition<?>>> sequences = new ArrayList<>();
        sequences.add(route.getOutputs());
        for (ProcessorDefinition<?> step : of(route)) {
            sequences.addAll(within(step));
        }
        return sequences;
    }

    /** The lists of steps directly within {@code step}, empty ones left out. */
    private static List<List<ProcessorDefinition<?>>> within(ProcessorDefinition<?> step) {
        List<List<ProcessorDefinition<?>>> within = new ArrayList<>();
        if (step instanceof ChoiceDefinition choice) { // its outputs are its whens' and otherwise's steps, together
            choice.getWhenClauses().forEach(when -> within.add(when.getOutputs()));
            if (choice.getOtherwise() != null) {
                within.add(choice.getOtherwise().getOutputs());
            }
        } else if (step instanceof TryDefinition doTry) {
            // a doTry built in Java lists its doCatch and doFinally among its steps too
            within.add(doTry.getOutputs().stream()
                    .filter(inner -> !(inner instanceof CatchDefinition) && !(inner instanceof FinallyDefinition))
                    .toList());
            doTry.getCatchClauses().forEach(doCatch -> within.add(doCatch.getOutputs()));
            if (doTry.getFinallyClause() != null) {
                within.add(doTry.getFinallyClause().getOutputs());
            }
        } else {
            within.add(step.getOutputs());
            if (step instanceof CircuitBreakerDefinition breaker && breaker.getOnFallback() != null) {
                within.add(breaker.getOnFallback().getOutputs());
            }
        }
        within.removeIf(List::isEmpty);
        return within;
    }
}
