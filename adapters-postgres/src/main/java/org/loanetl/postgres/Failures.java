package org.loanetl.postgres;

import java.sql.SQLException;
import org.loanetl.domain.DestinationLostException;
import org.loanetl.domain.SinkException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns JDBC, Jdbi and Flyway failures into {@link SinkException}s with one-line messages that name the problem and
 * never carry the password (the settings mask it, and any {@code password=} in a URL, wherever the text came from).
 */
final class Failures {

    private final PostgresSettings settings;

    Failures(PostgresSettings settings) {
        this.settings = settings;
    }

    /** A failure to open a connection: unreachable server, wrong password, missing database. */
    SinkException connect(Throwable failure) {
        String message = settings.mask("cannot connect to PostgreSQL at " + settings.safeJdbcUrl() + userPart() + ": "
                + describe(failure));
        return isLoginRefusal(failure) ? new DatabaseLoginException(message, failure)
                : new DestinationLostException(message, failure);
    }

    /** Whether the server answered and refused: SQLState class 28 (authorization) or 3D000 (no such database). */
    static boolean isLoginRefusal(Throwable failure) {
        SQLException sql = sqlException(failure);
        String state = sql == null ? null : sql.getSQLState();
        return state != null && (state.startsWith("28") || state.equals("3D000"));
    }

    /** A failure while doing something: {@code 2011.csv: cannot commit the load: <what the server said>}. */
    SinkException of(String doing, Throwable failure) {
        String message = settings.mask(doing + ": " + describe(failure));
        return isConnectionLoss(failure) ? new DestinationLostException(message, failure)
                : new SinkException(message, failure);
    }

    /**
     * Whether the connection itself failed, rather than a statement: SQLState class 08 (connection exception), 57P0x
     * (the server shut down or terminated the session) or 53300 (too many connections).
     */
    static boolean isConnectionLoss(Throwable failure) {
        SQLException sql = sqlException(failure);
        String state = sql == null ? null : sql.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }

    private String userPart() {
        return settings.user() == null ? "" : " as " + settings.user();
    }

    /** What went wrong, in one line. */
    static String describe(Throwable failure) {
        SQLException sql = sqlException(failure);
        if (sql == null) {
            return firstLine(failure.getMessage() == null ? failure.toString() : failure.getMessage());
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String message = serverMessage(sql);
        if (state.equals("28P01")) {
            return "wrong password (" + message + ")";
        }
        if (state.startsWith("28")) {
            return "login refused (" + message + ")";
        }
        if (state.equals("3D000")) {
            return "no such database (" + message + ")";
        }
        if (state.startsWith("57P")) {
            return "server shut down or ended the session (" + message + ")";
        }
        if (state.startsWith("08")) {
            return "server unreachable (" + message + ")";
        }
        return state.isEmpty() ? message : message + " [SQLState " + state + "]";
    }

    private static String serverMessage(SQLException sql) {
        if (sql instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return firstLine(server.getMessage());
            }
        }
        return firstLine(sql.getMessage() == null ? sql.toString() : sql.getMessage());
    }

    /**
     * The SQL exception that says what happened: the server's or the driver's own ({@link PSQLException}) wherever
     * it is in the chain, since the pool wraps a failed connect in one of its own ("connection is not available"),
     * else the first one.
     */
    private static SQLException sqlException(Throwable failure) {
        SQLException first = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException driver) {
                return driver;
            }
            if (first == null && t instanceof SQLException sql) {
                first = sql;
            }
        }
        return first;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
    }
}
