/**
 * Test support shared with app's end-to-end tests (the module's test jar): a real S3 API server (S3Proxy, in memory)
 * behind a relay that can stop it in the middle of a response, and a JUnit 5 extension that gives each test class one.
 */
package org.loanetl.aws.s3.testing;
