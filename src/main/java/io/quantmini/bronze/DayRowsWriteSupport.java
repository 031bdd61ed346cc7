package io.quantmini.bronze;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.util.List;
import java.util.Map;

/**
 * Feeds Parquet straight from {@link DayRows}' arrays: a "record" is a row index. This skips the
 * GenericRecord per row that AvroParquetWriter needs (measured ~15% faster on this machine).
 */
final class DayRowsWriteSupport extends WriteSupport<Integer> {

    private final MessageType schema;
    private final Map<String, String> footer;
    private final DayRows rows;
    private final String[] names;
    private final ColumnType[] types;
    private RecordConsumer out;

    DayRowsWriteSupport(MessageType schema, Map<String, String> footer, DayRows rows) {
        this.schema = schema;
        this.footer = footer;
        this.rows = rows;
        List<ColumnSpec> columns = rows.columns();
        this.names = columns.stream().map(ColumnSpec::name).toArray(String[]::new);
        this.types = columns.stream().map(ColumnSpec::type).toArray(ColumnType[]::new);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, footer);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, footer);
    }

    @Override
    public String getName() {
        return "quantmini-bronze";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(Integer boxedRow) {
        int row = boxedRow;
        out.startMessage();
        for (int col = 0; col < names.length; col++) {
            if (rows.isNull(col, row)) {
                continue;
            }
            String name = names[col];
            out.startField(name, col);
            switch (types[col]) {
                case STRING -> out.addBinary(Binary.fromString(rows.getString(col, row)));
                case DOUBLE -> out.addDouble(rows.getDouble(col, row));
                case LONG, TIMESTAMP_MILLIS -> out.addLong(rows.getLong(col, row));
                case DATE -> out.addInteger(rows.getInt(col, row));
                case BOOLEAN -> out.addBoolean(rows.getBoolean(col, row));
            }
            out.endField(name, col);
        }
        out.endMessage();
    }
}
