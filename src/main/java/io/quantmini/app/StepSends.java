package io.quantmini.app;

import org.apache.camel.CamelContext;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.WireTapDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.support.LanguageSupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The endpoints a step sends to, as far as its route file fixes them, Camel's {@code {{property}}} placeholders
 * filled: a {@code to}'s uri; a {@code toD}'s or {@code wireTap}'s, which is dynamic only if it holds a
 * {@code ${...}} (Camel's own test: without one, it sends to that one endpoint, as a {@code to} does); an
 * {@code enrich}'s or {@code recipientList}'s when their expression is a {@code constant} (a recipientList's split at
 * its delimiter). Left out: a uri with a placeholder Camel cannot fill here (a template's own), a {@code toD} computed
 * by another language ({@code language:...}), such expressions in any other language, and a {@code pollEnrich}'s,
 * which consumes from its endpoint instead of sending to it.
 */
final class StepSends {

    /** What a {@code toD} uri starts with when another language than simple computes it. */
    private static final String LANGUAGE = "language:";

    private StepSends() {
    }

    /**
     * One send of a step.
     *
     * @param dynamic its uri holds a {@code ${...}}, filled per message
     */
    record Send(ProcessorDefinition<?> step, String uri, boolean dynamic) {

        /** The component the uri names (the text before its first ':'), or null if that is computed too. */
        String scheme() {
            int colon = uri.indexOf(':');
            String scheme = colon < 0 ? null : uri.substring(0, colon);
            return scheme == null || scheme.isEmpty() || scheme.contains("$") ? null : scheme;
        }

        /** How an error names the step after its uri: nothing for a {@code to}, the step's name for the others. */
        String inStep() {
            String name = step.getShortName();
            return step instanceof ToDefinition ? "" : " in " + ("aeiou".indexOf(name.charAt(0)) < 0 ? "a " : "an ")
                    + name + " step";
        }
    }

    /** The sends of {@code step}, none for a step that sends nowhere. */
    static List<Send> of(CamelContext context, ProcessorDefinition<?> step) {
        List<Send> sends = new ArrayList<>();
        if (step instanceof ToDefinition to) {
            add(context, step, to.getEndpointUri(), false, sends);
        } else if (step instanceof ToDynamicDefinition toD) {
            boolean fixed = step instanceof WireTapDefinition<?> tap && "false".equals(tap.getDynamicUri());
            add(context, step, toD.getUri(), !fixed, sends);
        } else if (step instanceof EnrichDefinition enrich) {
            add(context, step, constant(enrich), false, sends);
        } else if (step instanceof RecipientListDefinition<?> list && constant(list) != null) {
            String delimiter = list.getDelimiter() == null ? "," : list.getDelimiter();
            for (String uri : "false".equals(delimiter) ? List.of(constant(list))
                    : List.of(constant(list).split(Pattern.quote(delimiter)))) {
                add(context, step, uri, false, sends);
            }
        }
        return sends;
    }

    /** @param simple Camel reads the uri as simple language if it holds a {@code ${...}} (a toD's, a wireTap's) */
    private static void add(CamelContext context, ProcessorDefinition<?> step, String uri, boolean simple,
                            List<Send> sends) {
        String resolved = uri == null ? null : RouteChecks.resolved(context, uri.strip());
        if (resolved != null && !resolved.isEmpty() && !(simple && resolved.startsWith(LANGUAGE))) {
            sends.add(new Send(step, resolved, simple && LanguageSupport.hasSimpleFunction(resolved)));
        }
    }

    /** The text of {@code step}'s expression if that is a constant, else null. */
    private static String constant(ExpressionNode step) {
        ExpressionDefinition expression = step.getExpression();
        return expression != null && "constant".equals(expression.getLanguage()) ? expression.getExpression() : null;
    }
}
