package bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.loanetl.domain.rules.ColumnCatalog;
import org.loanetl.domain.rules.ColumnKind;

/**
 * What one would write by hand in Spark: read the CSV (multiLine, for the quoted descriptions), cast each column by
 * its kind, apply the three filters, append over JDBC. Args: FILE JDBC_URL TABLE.
 */
public final class HandwrittenSparkJob {

    public static void main(String[] args) throws Exception {
        String file = args[0];
        List<String> header = List.of(Files.lines(Path.of(file)).skip(1).findFirst().orElseThrow()
                .replace("\"", "").split(","));
        List<StructField> fields = new ArrayList<>();
        for (String name : header) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
        }
        SparkSession spark = SparkSession.builder().appName("handwritten").master("local[2]")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        Dataset<Row> raw = spark.read().schema(new StructType(fields.toArray(StructField[]::new)))
                .option("multiLine", "true").option("escape", "\"").csv(file)
                .filter(col("loan_status").isNotNull().and(col("id").notEqual("id")));
        List<Column> typed = new ArrayList<>();
        for (String name : header) {
            ColumnKind kind = ColumnCatalog.standard().find(name).orElseThrow().kind();
            Column c = trim(col(name));
            Column cast = switch (kind) {
                case MONEY, RATIO -> c.cast("decimal(17,2)");
                case PERCENT -> regexp_replace(c, "%", "").cast("decimal(17,2)");
                case INTEGER -> c.cast("decimal(20,2)").cast("bigint");
                case MONTH -> to_date(c, "MMM-yyyy");
                case TERM -> regexp_extract(c, "(\\d+)", 1).cast("int");
                case TEXT -> col(name);
            };
            typed.add(cast.as(name.equals("desc") ? "description" : name));
        }
        Dataset<Row> loans = raw.select(typed.toArray(Column[]::new))
                .filter(lower(trim(col("loan_status"))).notEqual("charged off")
                        .and(lower(trim(col("loan_status"))).notEqual("does not meet the credit policy. status:charged off"))
                        .and(lower(trim(col("purpose"))).notEqual("other"))
                        .and(col("last_fico_range_low").geq(700)));
        Properties jdbc = new Properties();
        jdbc.setProperty("user", "postgres");
        jdbc.setProperty("batchsize", "10000");
        loans.write().mode(SaveMode.Append).jdbc(args[1], args[2], jdbc);
        spark.stop();
    }
}
