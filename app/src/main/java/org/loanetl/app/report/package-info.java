/** What a run tells its user: the console summary, the JSON report, and progress while it loads. */
package org.loanetl.app.report;
