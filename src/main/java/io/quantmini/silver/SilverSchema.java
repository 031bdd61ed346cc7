package io.quantmini.silver;

import io.quantmini.silver.alpha158.Alpha158;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * A silver day file's columns: the bronze file's columns as they are, then the 158 Alpha158 features under Qlib's
 * names, as required FLOAT (float32, NaN where Qlib gives NaN). float32 is not a loss: Qlib casts every feature
 * to float32 itself, so these are exactly the values Qlib would hand a model.
 */
final class SilverSchema {

    private SilverSchema() {
    }

    static MessageType of(MessageType bronze) {
        List<Type> fields = new ArrayList<>(bronze.getFields());
        for (String name : Alpha158.featureNames()) {
            fields.add(Types.primitive(PrimitiveTypeName.FLOAT, Type.Repetition.REQUIRED).named(name));
        }
        return new MessageType(bronze.getName(), fields);
    }
}
