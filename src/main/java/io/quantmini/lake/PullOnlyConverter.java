package io.quantmini.lake;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * The converter tree a Parquet {@code ColumnReadStoreImpl} needs to exist, for readers that pull values from a
 * {@code ColumnReader} with {@code getX()}: it receives nothing.
 */
public final class PullOnlyConverter extends GroupConverter {
    private static final PrimitiveConverter NOTHING = new PrimitiveConverter() {
    };

    @Override
    public Converter getConverter(int fieldIndex) {
        return NOTHING;
    }

    @Override
    public void start() {
    }

    @Override
    public void end() {
    }
}
