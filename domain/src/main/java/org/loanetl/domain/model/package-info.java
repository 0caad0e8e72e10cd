/** Values the load passes around: files, typed rows, rejects, counts and ledger entries. All serializable. */
package org.loanetl.domain.model;
