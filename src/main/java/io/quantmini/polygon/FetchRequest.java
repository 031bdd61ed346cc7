package io.quantmini.polygon;

import java.time.LocalDate;
import java.util.Map;

/**
 * What one fetch asks Polygon for: a dataset's endpoint for one day, the body of a {@code direct:<dataset>-fetch}
 * exchange (and, while its chain runs, the exchange property {@link #PROPERTY}).
 */
public interface FetchRequest {

    String PROPERTY = "quantminiDay";

    String dataset();

    /** Fills the endpoint's {@code {date}}, and names the landing folder. */
    LocalDate date();

    /** The values of the endpoint's other placeholders (e.g. {@code {since}}, {@code {ticker}}). */
    Map<String, String> vars();
}
