/**
 * Test support shared with app's end-to-end tests (the module's test jar): a fake EMR endpoint on loopback that checks
 * each call's wire format, records its JSON body, and answers as EMR does, from a script.
 */
package org.loanetl.aws.emr.testing;
