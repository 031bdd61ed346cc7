package io.quantmini.silver;

/**
 * One day's feature columns inside an array that may hold other days too: feature {@code f}'s value for the day's
 * row {@code r} is {@code values[column(f) + r]}.
 *
 * @param stride the distance from one feature's first value to the next one's: at least the day's rows
 */
record DayFeatures(float[] values, int start, int stride) {

    int column(int feature) {
        return start + feature * stride;
    }

    /** Columns of one length, copied one after the other into a new array. */
    static DayFeatures of(float[][] columns) {
        int length = columns.length == 0 ? 0 : columns[0].length;
        float[] values = new float[Math.multiplyExact(columns.length, length)];
        for (int f = 0; f < columns.length; f++) {
            if (columns[f].length != length) {
                throw new IllegalArgumentException(
                        "column " + f + " has " + columns[f].length + " values, not " + length);
            }
            System.arraycopy(columns[f], 0, values, f * length, length);
        }
        return new DayFeatures(values, 0, length);
    }
}
