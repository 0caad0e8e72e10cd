/**
 * The Spark engine: {@link org.loanetl.spark.SparkLoadEngine} lists files on the driver, runs the domain's per-file
 * load on executors (small files packed into tasks, a large one a task of its own, or one task per chunk when the job
 * loads large files in chunks) and cleans up committed files on the driver; {@link
 * org.loanetl.spark.HadoopLoanFileSource} reads {@code file:}, {@code s3a://} and {@code s3://} files through Hadoop's
 * FileSystem, naming and versioning them exactly as the in-process sources do, so both engines share one ledger;
 * {@link org.loanetl.spark.SparkSettings} is what the engine is told. Everything else here is package-private.
 */
package org.loanetl.spark;
