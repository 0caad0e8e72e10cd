"""Airflow DAG: load the day's LendingClub drops with loan-etl, in-process or as an EMR step.

Copy this file into your DAGs folder and set the Airflow Variables it reads (loan_etl_jar, loan_etl_config,
loan_etl_cluster). The database password and the OpenLineage API key come from the worker's environment or a
secrets backend, never from the DAG: loan-etl reads LOANETL_DB_PASSWORD and OPENLINEAGE_API_KEY itself.

Exit codes (docs/configuration.md): 0 loaded, 1 a file failed (the next run retries it), 2 a usage mistake,
3 a file was refused for its content. Airflow fails the task on any non-zero code; refused files are left where
they were, and the run's report names them.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

# loan-etl retries what passes inside the run (a lost database, S3 throttling: retry.* keys), so Airflow's own retry
# is for what does not pass within retry.database-outage; each rerun loads only what is not loaded yet.
DEFAULTS = {"retries": 2, "retry_delay": timedelta(minutes=10)}

# The run's lineage events name this task's run as their parent, so the catalog links the two.
LINEAGE = {
    "LOANETL_LINEAGE_PARENT_NAMESPACE": "airflow",
    "LOANETL_LINEAGE_PARENT_JOB": "{{ dag.dag_id }}.{{ task.task_id }}",
    "LOANETL_LINEAGE_PARENT_RUN_ID": "{{ run_id }}",
}


def loan_etl_dag(dag_id, command):
    """One nightly task running a loan-etl command; the jar and config come from Airflow Variables."""
    with DAG(
        dag_id=dag_id,
        start_date=datetime(2026, 1, 1),
        schedule="0 2 * * *",  # every night at 02:00, after the day's files have landed
        catchup=False,
        max_active_runs=1,  # two runs would be safe (each file loads once), but would only wait on each other
        default_args=DEFAULTS,
    ) as dag:
        BashOperator(
            task_id="load",
            bash_command="java -jar {{ var.value.loan_etl_jar }} " + command,
            env=LINEAGE,
            append_env=True,
        )
    return dag


# Small and medium loads: in the worker's JVM; --report keeps the JSON report for the run.
in_process = loan_etl_dag(
    "loan_etl",
    "load --config {{ var.value.loan_etl_config }} --report /tmp/loan-etl-{{ ds_nodash }}.json",
)

# Big loads: the same job as a step on a running EMR cluster (docs/emr.md); --wait follows the step and exits with
# its result, so the task fails when the step does.
on_emr = loan_etl_dag(
    "loan_etl_emr",
    "emr submit --cluster {{ var.value.loan_etl_cluster }} --config {{ var.value.loan_etl_config }} --wait",
)
