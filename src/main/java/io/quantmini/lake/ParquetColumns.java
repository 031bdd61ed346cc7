package io.quantmini.lake;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Column-at-a-time access to a flat Parquet file through parquet's own column readers: no record assembly and no
 * object per row, which is what reading ~12M bars per benchmark run needs (Avro records cost several times more).
 */
public final class ParquetColumns implements Closeable {

    /** Receives one row group: the column readers of that group, by the file's column descriptors. */
    @FunctionalInterface
    public interface RowGroupVisitor {
        void visit(RowGroup group) throws IOException;
    }

    /**
     * One row group's columns: a column is read either through its {@link ColumnReader} (positioned on its first
     * value) or, where {@link #plain} says so, through {@link PlainPages} from its {@link #pages}; not both.
     */
    public static final class RowGroup {
        private final PageReadStore pages;
        private final BlockMetaData block;
        private final ColumnReadStoreImpl store;
        private final MessageType schema;

        RowGroup(PageReadStore pages, BlockMetaData block, MessageType schema, String createdBy) {
            this.pages = pages;
            this.block = block;
            this.store = new ColumnReadStoreImpl(pages, new PullOnlyConverter(), schema, createdBy);
            this.schema = schema;
        }

        public long rows() {
            return pages.getRowCount();
        }

        public ColumnDescriptor descriptor(String name) {
            return schema.getColumnDescription(new String[] {name});
        }

        /** Whether {@link PlainPages} decodes the column's chunk in this row group. */
        public boolean plain(String name) throws IOException {
            return PlainPages.decodable(block, descriptor(name));
        }

        public PageReader pages(String name) {
            return pages.getPageReader(descriptor(name));
        }

        public ColumnReader column(String name) {
            return store.getColumnReader(schema.getColumnDescription(new String[] {name}));
        }

        public ColumnReader column(ColumnDescriptor descriptor) {
            return store.getColumnReader(descriptor);
        }
    }

    private final ParquetFileReader reader;
    private final MessageType fileSchema;

    private ParquetColumns(ParquetFileReader reader) {
        this.reader = reader;
        this.fileSchema = reader.getFooter().getFileMetaData().getSchema();
    }

    /** Reads {@code file} through {@code stream}, one of its streams. Closing this closes the stream. */
    public static ParquetColumns open(InputFile file, SeekableInputStream stream) throws IOException {
        return new ParquetColumns(ParquetFileReader.open(file, options(), stream));
    }

    /** Reads a file on the local file system. */
    public static ParquetColumns open(Path file) throws IOException {
        return new ParquetColumns(ParquetFileReader.open(new LocalInputFile(file), options()));
    }

    // Plain options: the default ones build a Hadoop Configuration, which parses Hadoop's XML defaults per file.
    private static ParquetReadOptions options() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    }

    /** The row groups' metadata, with each column chunk's offsets in the file. */
    public List<BlockMetaData> rowGroups() {
        return reader.getRowGroups();
    }

    public ColumnIndex columnIndex(ColumnChunkMetaData chunk) throws IOException {
        return reader.readColumnIndex(chunk);
    }

    public OffsetIndex offsetIndex(ColumnChunkMetaData chunk) throws IOException {
        return reader.readOffsetIndex(chunk);
    }

    public MessageType schema() {
        return fileSchema;
    }

    public long rows() {
        return reader.getRecordCount();
    }

    public Map<String, String> footerMetadata() {
        return reader.getFooter().getFileMetaData().getKeyValueMetaData();
    }

    /** Reads the named columns only (all when {@code columns} is null), one row group at a time. */
    public void forEachRowGroup(List<String> columns, RowGroupVisitor visitor) throws IOException {
        MessageType schema = fileSchema;
        if (columns != null) {
            schema = new MessageType(fileSchema.getName(),
                    columns.stream().filter(fileSchema::containsField).map(fileSchema::getType).toList());
            reader.setRequestedSchema(schema);
        }
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        List<BlockMetaData> blocks = reader.getRowGroups();
        int index = 0;
        for (PageReadStore pages = reader.readNextRowGroup(); pages != null; pages = reader.readNextRowGroup()) {
            visitor.visit(new RowGroup(pages, blocks.get(index++), schema, createdBy));
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
