package io.quantmini.app;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.model.AggregateDefinition;
import org.apache.camel.model.AggregationStrategyAwareDefinition;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ExecutorServiceAwareDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.support.PluginHelper;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a route's steps look up: a {@code bean:} step's {@code ref} and {@code method}, a step's
 * {@code executorService} (a thread pool profile, or a pool bean) and {@code aggregationStrategy} (a bean), and the
 * component a send's uri names ({@link StepSends}: {@code diect:} in a {@code to:}, or before the {@code ${...}} of a
 * {@code toD:}). Checked once Camel has read the routes and before it makes them: Camel refuses a misspelled one
 * itself, but in Java's words ("Method with name: plann not found on bean: io.quantmini.ingest.IngestPlanner@640ab13c",
 * "No bean could be found in the registry"), naming neither the file nor the names it would take; a {@code toD}'s
 * only when a message gets there. A method named with its arguments ({@code lastDays('splits', 5)}) must also have an
 * overload that takes that many ({@link BeanMethodCall}): Camel leaves that to the call, when the schedule fires,
 * hours after start-up.
 */
final class StepReferences {

    /** The thread pool profiles {@code camel.threadpool.config[<name>].<option>} settings make. */
    private static final Pattern PROFILE = Pattern.compile("^camel\\.threadpool\\.config\\[([^]]+)]\\.",
            Pattern.CASE_INSENSITIVE);

    private StepReferences() {
    }

    /**
     * One problem per name no bean, method or pool answers to, with its file, route and step, and the names there are.
     *
     * @param settings the properties Camel was started with, whose {@code camel.threadpool.config[...]} make profiles
     */
    static List<String> problems(CamelContext context, Properties settings) {
        List<String> problems = new ArrayList<>();
        ComponentNames components = new ComponentNames(context);
        for (RouteSteps.Placed placed : RouteSteps.placed((ModelCamelContext) context)) {
            String at = placed.where() + ": ";
            ProcessorDefinition<?> step = placed.step();
            if (step instanceof BeanDefinition bean && bean.getRef() != null) {
                String why = beanProblem(context, bean.getRef(), bean.getMethod());
                if (why != null) {
                    problems.add(at + "the bean step (ref: " + bean.getRef() + (bean.getMethod() == null ? ""
                            : ", method: " + bean.getMethod()) + "): " + why);
                }
            }
            if (step instanceof ExecutorServiceAwareDefinition<?> pooled && pooled.getExecutorServiceRef() != null) {
                String why = poolProblem(context, settings, pooled.getExecutorServiceRef());
                if (why != null) {
                    problems.add(at + "the " + step.getShortName() + " step's executorService: " + why);
                }
            }
            for (StepSends.Send send : StepSends.of(context, step)) {
                String why = components.problem(send.scheme());
                if (why != null) {
                    problems.add(at + "the " + step.getShortName() + " step (uri: " + send.uri() + "): " + why);
                }
            }
            String strategy = aggregationStrategy(step);
            if (strategy != null) {
                String why = beanProblem(context, strategy, null);
                if (why != null) {
                    problems.add(at + "the " + step.getShortName() + " step's aggregationStrategy: " + why);
                }
            }
        }
        return problems;
    }

    /** The bean a step's {@code aggregationStrategy} names, or null for none. */
    private static String aggregationStrategy(ProcessorDefinition<?> step) {
        return step instanceof SplitDefinition split ? split.getAggregationStrategy()
                : step instanceof MulticastDefinition multicast ? multicast.getAggregationStrategy()
                : step instanceof RecipientListDefinition<?> list ? list.getAggregationStrategy()
                : step instanceof AggregateDefinition aggregate ? aggregate.getAggregationStrategy()
                : step instanceof AggregationStrategyAwareDefinition<?> aware ? aware.getAggregationStrategyRef()
                : null;
    }

    /**
     * Why the bean {@code ref}, or its {@code method} (Camel's form: a name, maybe its arguments), is not there, or
     * takes another number of arguments.
     */
    private static String beanProblem(CamelContext context, String ref, String method) {
        String name = RouteChecks.resolved(context, ref);
        if (name == null || name.startsWith("#")) {
            return null; // a placeholder only a template fills, or a reference Camel makes ('#class:...'): Camel's
        }
        Object bean = context.getRegistry().lookupByName(name);
        if (bean == null) {
            return "no bean is named " + name + "; the beans are " + String.join(", ", beans(context));
        }
        String wanted = method == null ? null : RouteChecks.resolved(context, method);
        if (wanted == null) {
            return null;
        }
        BeanMethodCall call = BeanMethodCall.of(wanted);
        Set<String> methods = new TreeSet<>();
        Set<Integer> arities = new TreeSet<>();
        boolean varargs = false;
        for (Method candidate : bean.getClass().getMethods()) {
            if (candidate.getName().equals(call.name())) {
                arities.add(candidate.getParameterCount());
                varargs |= candidate.isVarArgs();
            } else if (candidate.getDeclaringClass() != Object.class) {
                methods.add(candidate.getName());
            }
        }
        if (arities.isEmpty()) {
            return name + " has no method " + call.name() + "; its methods are " + String.join(", ", methods);
        }
        if (call.arguments() < 0 || arities.contains(call.arguments()) || varargs) {
            return null; // no arguments given: Camel binds the body; a varargs method: Camel's to bind
        }
        return name + "." + call.name() + " takes " + arityWords(arities) + ", the step gives "
                + (call.arguments() == 0 ? "none" : call.arguments());
    }

    /** {@code 2 or 3 arguments}, {@code 1 argument}, {@code no arguments}. */
    private static String arityWords(Set<Integer> arities) {
        List<String> counts = arities.stream().map(String::valueOf).toList();
        String said = counts.size() == 1 ? counts.get(0)
                : String.join(", ", counts.subList(0, counts.size() - 1)) + " or " + counts.get(counts.size() - 1);
        return said.equals("0") ? "no arguments" : said + (said.equals("1") ? " argument" : " arguments");
    }

    /** Why {@code ref} names neither a thread pool profile nor a pool bean. */
    private static String poolProblem(CamelContext context, Properties settings, String ref) {
        String name = RouteChecks.resolved(context, ref);
        if (name == null || name.startsWith("#")
                || context.getExecutorServiceManager().getThreadPoolProfile(name) != null
                || context.getRegistry().lookupByNameAndType(name, ExecutorService.class) != null) {
            return null;
        }
        Set<String> pools = new TreeSet<>(context.getRegistry().findByTypeWithName(ExecutorService.class).keySet());
        for (String key : settings.stringPropertyNames()) {
            Matcher profile = PROFILE.matcher(key);
            if (profile.find() && context.getExecutorServiceManager().getThreadPoolProfile(profile.group(1)) != null) {
                pools.add(profile.group(1));
            }
        }
        return name + " is no thread pool; " + (pools.isEmpty() ? "there is none (a camel.threadpool.config[" + name
                + "].pool-size setting makes one)" : "the thread pools are " + String.join(", ", pools));
    }

    /**
     * The components a send's scheme may name, as Camel finds one when it makes the endpoint: a component it has, one
     * of the classpath, or a bean. A scheme is looked up by its name; all the names are listed only for a message, once
     * per check: the listing reads every component descriptor there is, and done per send it made each start-up about
     * a second slower (SplitAdjustedIngestTest, which starts Camel often: 75 s against 31 s).
     */
    private static final class ComponentNames {
        private final CamelContext context;
        /** The schemes found so far: a route's sends name a few components many times. */
        private final Set<String> found = new java.util.HashSet<>();
        private Set<String> names;

        ComponentNames(CamelContext context) {
            this.context = context;
        }

        /** Why no component answers to {@code scheme} (null: the uri's scheme is computed per message), or null. */
        String problem(String scheme) {
            if (scheme == null || found.contains(scheme)) {
                return null;
            }
            if (context.hasComponent(scheme) != null || resolves(scheme)) {
                found.add(scheme);
                return null;
            }
            if (names == null) {
                names = new TreeSet<>(PluginHelper.getComponentNameResolver(context).resolveNames(context));
                names.addAll(context.getComponentNames());
                names.addAll(context.getRegistry().findByTypeWithName(Component.class).keySet());
            }
            return names.contains(scheme) ? null
                    : "no component is named " + scheme + "; the components are " + String.join(", ", names);
        }

        /** Whether Camel would find the component {@code scheme} (a bean, or the classpath's descriptor of it). */
        private boolean resolves(String scheme) {
            try {
                return PluginHelper.getComponentResolver(context).resolveComponent(scheme, context) != null;
            } catch (Exception notThere) {
                return false;
            }
        }
    }

    /** The names of the beans steps can look up. */
    private static Set<String> beans(CamelContext context) {
        return new TreeSet<>(context.getRegistry().findByTypeWithName(Object.class).keySet());
    }

}
