package org.loanetl.aws.emr;

/**
 * The load's files in S3, where the cluster reads them: the Spark job jar and the job's config (which may hold the
 * database password: only the staging prefix's readers see it, never the step's arguments).
 *
 * @param jarUri    {@code s3://.../loan-etl-spark.jar}
 * @param configUri {@code s3://.../loan-etl.yaml}
 */
public record StagedJob(String jarUri, String configUri) {
}
