package org.loanetl.app.cli;

import picocli.CommandLine.Command;

/** The top command: only subcommands do anything. */
@Command(name = "loan-etl", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Loads LendingClub loan CSV files into PostgreSQL: typed, filtered, every reject kept, each file once.",
        subcommands = {LoadCommand.class, InspectCommand.class, StatusCommand.class, RejectsCommand.class, DbCommand.class, GenerateCommand.class,
            EmrCommand.class},
        footer = {"", "Exit codes: 0 all loaded or skipped; 1 failure; 2 bad usage or configuration; 3 a file was refused."})
final class LoanEtlCommand {
}
