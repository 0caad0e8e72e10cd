/**
 * Runs the load on Amazon EMR (AWS SDK v2 EMR client over the JDK's HTTP client): {@link
 * org.loanetl.aws.emr.EmrClusterLauncher} launches a cluster, stages the Spark job jar and the job's config in S3,
 * adds the load as a {@code spark-submit} step, follows clusters and steps, and terminates clusters; {@link
 * org.loanetl.aws.emr.EmrSettings} is all it is told. {@link org.loanetl.aws.emr.StagedJob} and {@link
 * org.loanetl.aws.emr.ClusterOverview} are what it hands back. Everything else here is package-private.
 */
package org.loanetl.aws.emr;
