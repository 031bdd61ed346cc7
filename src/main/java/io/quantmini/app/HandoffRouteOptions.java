package io.quantmini.app;

import io.quantmini.lake.HandoffFilter;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options a running route that consumes handoffs ({@code file:} on a folder under {@code _handoff/}) needs, which
 * a route copied from an older version lacks. Such a route still carries handoffs out, so this warns, once at start,
 * rather than refusing to start:
 * <ul>
 *   <li>{@code noop: true}: the handoff's bean removes the file itself once its stage committed. With Camel's own
 *       {@code delete: true}, a file the disk will not let go fails Camel's delete at every poll, each time with a
 *       stack trace;</li>
 *   <li>{@code filter: "#handoffFilter"}: without it, that file is taken again at every poll;</li>
 *   <li>{@code idempotent: false}: with noop, Camel otherwise remembers every name it took, and a handoff moved back
 *       from {@code failed/} to be retried is never taken again until a restart.</li>
 * </ul>
 */
final class HandoffRouteOptions {

    private HandoffRouteOptions() {
    }

    /** One line per started handoff route missing an option, naming the route, its file and what to set. */
    static List<String> warnings(CamelContext context, Path handoffRoot) {
        List<String> warnings = new ArrayList<>();
        Path root = handoffRoot.toAbsolutePath().normalize();
        for (Route route : context.getRoutes()) {
            if (!(route.getEndpoint() instanceof FileEndpoint endpoint)
                    || !endpoint.getFile().toPath().toAbsolutePath().normalize().startsWith(root)
                    || !context.getRouteController().getRouteStatus(route.getId()).isStarted()) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            if (!endpoint.isNoop() || endpoint.isDelete()) {
                missing.add("noop: true (not delete: the bean removes a handoff once its stage committed; Camel's own"
                        + " delete of one the disk will not let go fails at every poll with a stack trace)");
            }
            if (!(endpoint.getFilter() instanceof HandoffFilter)) {
                missing.add("filter: \"#handoffFilter\" (without it, a handoff the disk will not let go is taken again"
                        + " at every poll)");
            }
            if (endpoint.isNoop() && !Boolean.FALSE.equals(endpoint.getIdempotent())) {
                missing.add("idempotent: false (otherwise a handoff moved back from failed/ is not taken again until a"
                        + " restart)");
            }
            if (!missing.isEmpty()) {
                warnings.add("route " + route.getId() + where(context, route) + " consumes " + endpoint.getFile()
                        + " without the options the shipped handoff routes have (an older version's copy?): set "
                        + String.join("; ", missing));
            }
        }
        return warnings;
    }

    private static String where(CamelContext context, Route route) {
        RouteDefinition definition = ((ModelCamelContext) context).getRouteDefinition(route.getId());
        return definition == null || definition.getResource() == null ? ""
                : " (" + definition.getResource().getLocation() + ")";
    }
}
