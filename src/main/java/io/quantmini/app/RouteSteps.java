package io.quantmini.app;

import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.FinallyDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of a route, as every start-up check walks them. A step's {@code getOutputs()} leaves some out: the
 * doCatch and doFinally of a doTry read from YAML, a circuitBreaker's onFallback (Camel's own step search misses
 * those); and a choice's outputs run its when and otherwise steps together, as one list. A route's onException blocks
 * are among its steps: its own, its file's top-level ones and its routeConfigurations' ({@link #placed}).
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

    /** A step, and where it is written as an error names it: {@code "<file>: route <id>"}, or a routeConfiguration. */
    record Placed(ProcessorDefinition<?> step, String where) {
    }

    /**
     * Every step of every route once, with where it is written. Camel adds a routeConfiguration's onException,
     * onCompletion and intercept blocks, and a route file's top-level onException, to each route they apply to: such
     * a block is met once, a routeConfiguration's named with its own file ({@code "<file>: routeConfiguration <id>"}),
     * not with every route's.
     */
    static List<Placed> placed(ModelCamelContext model) {
        Map<ProcessorDefinition<?>, String> configured = new IdentityHashMap<>();
        for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
            List<ProcessorDefinition<?>> blocks = new ArrayList<>(configuration.getOnExceptions());
            blocks.addAll(configuration.getOnCompletions());
            blocks.addAll(configuration.getIntercepts());
            blocks.addAll(configuration.getInterceptFroms());
            blocks.addAll(configuration.getInterceptSendTos());
            String where = RouteChecks.where(configuration) + "routeConfiguration "
                    + (configuration.getId() == null ? "without an id" : configuration.getId());
            List<ProcessorDefinition<?>> steps = new ArrayList<>();
            collect(blocks, Collections.newSetFromMap(new IdentityHashMap<>()), steps);
            steps.forEach(step -> configured.put(step, where));
        }
        List<Placed> placed = new ArrayList<>();
        Set<ProcessorDefinition<?>> met = Collections.newSetFromMap(new IdentityHashMap<>());
        for (RouteDefinition route : model.getRouteDefinitions()) {
            String where = RouteChecks.where(route) + "route " + (route.getId() == null ? "without an id"
                    : route.getId());
            for (ProcessorDefinition<?> step : of(route)) {
                if (met.add(step)) {
                    placed.add(new Placed(step, configured.getOrDefault(step, where)));
                }
            }
        }
        return placed;
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
