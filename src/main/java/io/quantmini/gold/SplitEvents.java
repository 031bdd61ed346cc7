package io.quantmini.gold;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link SplitFactors} over a list of splits held in memory. */
public final class SplitEvents implements SplitFactors {

    private final Map<String, List<Split>> byCode = new HashMap<>();

    public SplitEvents(List<Split> splits) {
        for (Split split : splits) {
            byCode.computeIfAbsent(QlibNames.code(split.ticker()), k -> new ArrayList<>()).add(split);
        }
        byCode.values().forEach(list -> list.sort(Comparator.comparing(Split::executionDate)
                .thenComparingDouble(Split::splitFrom).thenComparingDouble(Split::splitTo)));
    }

    @Override
    public double factor(String code, LocalDate day) {
        List<Split> splits = byCode.get(code);
        double factor = 1.0;
        if (splits != null) {
            for (Split split : splits) {
                if (split.executionDate().isAfter(day)) {
                    factor *= split.ratio();
                }
            }
        }
        return factor;
    }

    @Override
    public String signature(String code) {
        List<Split> splits = byCode.get(code);
        if (splits == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Split split : splits) {
            text.append(split.executionDate()).append(':').append(split.splitFrom()).append('/')
                    .append(split.splitTo()).append(';');
        }
        return text.toString();
    }

    @Override
    public Set<String> codes() {
        return Set.copyOf(byCode.keySet());
    }
}
