package io.quantmini.silver;

/**
 * The feature columns of a block's output days, {@code [day][feature][row]}, reused from block to block: a column
 * is at least as long as its day's rows and holds them first; what lies after is left over from earlier blocks.
 * A block's columns are most of the stage's memory (0.8 GB at 10,000 symbols); allocating them afresh for every
 * block cost the zeroing of all of it and the collector's copying of it while it was live.
 */
final class DayTables {

    private final int features;
    private float[][][] days = new float[0][][];

    DayTables(int features) {
        this.features = features;
    }

    /** Columns for days with {@code rows[k]} rows each; the previous block's columns are reused where long enough. */
    float[][][] columns(int[] rows) {
        if (days.length < rows.length) {
            float[][][] grown = new float[rows.length][][];
            System.arraycopy(days, 0, grown, 0, days.length);
            days = grown;
        }
        float[][][] block = new float[rows.length][][];
        for (int k = 0; k < rows.length; k++) {
            if (days[k] == null || days[k][0].length < rows[k]) {
                days[k] = new float[features][rows[k]];
            }
            block[k] = days[k];
        }
        return block;
    }
}
