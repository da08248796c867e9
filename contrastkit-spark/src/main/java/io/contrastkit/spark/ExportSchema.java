package io.contrastkit.spark;

import io.contrastkit.core.FeatureSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of the store's Parquet export ({@code contrastkit export --format parquet}), in its order:
 * path, status, one DOUBLE per feature of the schema, then size, mtime_ns, content_hash, width, height,
 * format, error_kind, error_text, feature_version, extracted_at and decoder. {@code contrastkit import}
 * reads this layout back into a store.
 */
public final class ExportSchema {

    /** Columns after the features, with the Spark types of the store's DuckDB types. */
    private static final List<StructField> IMAGE_COLUMNS = List.of(
            field("size", DataTypes.LongType), field("mtime_ns", DataTypes.LongType),
            field("content_hash", DataTypes.StringType), field("width", DataTypes.IntegerType),
            field("height", DataTypes.IntegerType), field("format", DataTypes.StringType),
            field("error_kind", DataTypes.StringType), field("error_text", DataTypes.StringType),
            field("feature_version", DataTypes.StringType),
            // Without a zone, as DuckDB's TIMESTAMP: the store writes UTC wall time.
            field("extracted_at", DataTypes.TimestampNTZType), field("decoder", DataTypes.StringType));

    private ExportSchema() {
    }

    /** The export's columns for {@code schema}'s features. */
    public static StructType of(FeatureSchema schema) {
        List<StructField> fields = new ArrayList<>();
        fields.add(new StructField("path", DataTypes.StringType, false, org.apache.spark.sql.types.Metadata.empty()));
        fields.add(new StructField("status", DataTypes.StringType, false, org.apache.spark.sql.types.Metadata.empty()));
        for (String name : schema.names()) {
            fields.add(field(name, DataTypes.DoubleType));
        }
        fields.addAll(IMAGE_COLUMNS);
        return new StructType(fields.toArray(new StructField[0]));
    }

    /** Index of the first column after the features. */
    static int afterFeatures(FeatureSchema schema) {
        return 2 + schema.size();
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
