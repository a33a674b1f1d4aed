package org.fitsync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fitsync.adapter.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Keeps the schema ready to be distributed by {@code user_id} (docs/scaling.md, "Past one database
 * server"): every table's primary key starts with {@code user_id}, every statement the adapter sends
 * to a table names {@code user_id} (row-level security scopes it to one user as well), and the only
 * ways across users are the reviewed {@code SECURITY DEFINER} functions listed here.
 */
class DistributionReadinessTest {

    /** Tables not distributed by user, with how they are placed. None today. */
    private static final Map<String, String> UNDISTRIBUTED_TABLES = Map.of();

    /**
     * The only ways across users: functions that run as their owner past row-level security, each
     * reviewed with how it works on a distributed database (docs/scaling.md).
     */
    private static final Map<String, String> REVIEWED_CROSS_USER_FUNCTIONS = Map.of(
            "claim_import_job",
            "job claiming crosses users by design: on Citus it runs on the coordinator (SKIP LOCKED over the"
                    + " distributed import_jobs; each claimed row is then a single-shard update)",
            "provider_user_for_athlete",
            "a webhook names a Strava athlete, not a user: a lookup by the unique athlete index",
            "claim_activity_file",
            "file processing claims the oldest waiting file of any user, like job claiming: on the coordinator",
            "unfinished_activity_files",
            "the sweep of uploads never completed lists them across users: on the coordinator, a few a day",
            "redeem_pairing_code",
            "a pairing code is redeemed by its hash before its owner is known: a lookup by the unique hash index",
            "shared_run",
            "a public share link names a token, not a user: a read-only lookup by the unique token-hash index",
            "claim_account_export",
            "export workers claim the oldest waiting account export of any user, like job claiming: on the"
                    + " coordinator",
            "finished_account_exports",
            "the retention sweep lists old exports across users: on the coordinator, a batch an hour",
            "erase_references_to_me",
            "an erased user's name in other users' rows (a coach's link, a redeemed code, a coach's value):"
                    + " multi-shard on the coordinator, once per erasure",
            "runs_awaiting_figures",
            "the figures backfill lists runs stored before their figures existed, keys only, across users: a"
                    + " multi-shard range scan of a partial index on the coordinator; each user's batch is then"
                    + " single-shard, in that user's transaction");

    private static final Pattern TABLE_USE =
            Pattern.compile("\\b(?:FROM|JOIN|UPDATE|INTO)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STRING_LITERAL =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Set<String> SQL_WORDS = Set.of("select", "insert", "update", "delete", "with");

    /** FitSync's tables, each with the first column of its primary key. */
    private static Map<String, String> tablesAndFirstKeyColumns() throws SQLException {
        Map<String, String> firstKeyColumn = new TreeMap<>();
        try (Connection c = PostgresTestDatabase.ownerDataSource(PostgresTestDatabase.fresh())
                        .getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT t.relname, a.attname
                        FROM pg_class t
                        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
                        LEFT JOIN pg_index i ON i.indrelid = t.oid AND i.indisprimary
                        LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
                        WHERE t.relkind IN ('r', 'p') AND t.relname <> 'flyway_schema_history'
                        """)) {
            while (rs.next()) {
                firstKeyColumn.put(rs.getString(1), String.valueOf(rs.getString(2)));
            }
        }
        return firstKeyColumn;
    }

    @Test
    void everyTablesPrimaryKeyStartsWithTheUser() throws SQLException {
        Map<String, String> firstKeyColumn = tablesAndFirstKeyColumns();
        assertThat(firstKeyColumn).as("tables found").isNotEmpty();
        List<String> offenders = new ArrayList<>();
        firstKeyColumn.forEach((table, column) -> {
            if (!column.equals("user_id") && !UNDISTRIBUTED_TABLES.containsKey(table)) {
                offenders.add(table + " (primary key starts with " + column + ")");
            }
        });
        assertThat(offenders)
                .as("tables whose primary key does not start with user_id (distribute them, or review them"
                        + " into UNDISTRIBUTED_TABLES and docs/scaling.md)")
                .isEmpty();
    }

    @Test
    void everyStatementOnATableNamesTheUserOrIsAReviewedCrossUserOne() throws IOException, SQLException {
        Set<String> tables = tablesAndFirstKeyColumns().keySet();
        Path sources = Path.of("src/main/java");
        List<String> offenders = new ArrayList<>();
        int statements = 0;
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String sql : sqlStatements(Files.readString(file))) {
                    if (!usesAnyOf(sql, tables)) {
                        continue; // catalog queries, and statements on no table
                    }
                    statements++;
                    if (!sql.toLowerCase(Locale.ROOT).contains("user_id")) {
                        offenders.add(file.getFileName() + ": "
                                + sql.replaceAll("\\s+", " ").strip());
                    }
                }
            }
        }
        assertThat(statements).as("SQL statements found in the adapter").isGreaterThan(50);
        assertThat(offenders)
                .as("statements on a table that do not filter by user_id")
                .isEmpty();
    }

    @Test
    void crossUserAccessGoesOnlyThroughTheReviewedDefinerFunctions() throws SQLException {
        Set<String> definers = new java.util.TreeSet<>();
        try (Connection c = PostgresTestDatabase.ownerDataSource(PostgresTestDatabase.fresh())
                        .getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = 'public' AND p.prosecdef
                        """)) {
            while (rs.next()) {
                definers.add(rs.getString(1));
            }
        }
        assertThat(definers)
                .as("SECURITY DEFINER functions (they see every user's rows): review each into"
                        + " REVIEWED_CROSS_USER_FUNCTIONS and docs/scaling.md")
                .containsExactlyInAnyOrderElementsOf(REVIEWED_CROSS_USER_FUNCTIONS.keySet());
    }

    private static boolean usesAnyOf(String sql, Set<String> tables) {
        Matcher use = TABLE_USE.matcher(sql);
        while (use.find()) {
            if (tables.contains(use.group(1).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SQL of each Java statement: its string literals and text blocks joined (a statement built by
     * concatenation is checked whole), with the text of the file's string constants and of the file's
     * own helper methods it calls (a helper that appends the {@code WHERE user_id = ...} counts), when
     * it starts like SQL.
     */
    private static List<String> sqlStatements(String java) {
        String code = java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher constant = CONSTANT.matcher(code);
        while (constant.find()) {
            constants.put(constant.group(1), literals(constant.group(2)));
        }
        Map<String, String> helpers = new LinkedHashMap<>();
        Matcher method = METHOD.matcher(code);
        while (method.find()) {
            String body = body(code, method.end() - 1);
            helpers.put(method.group(1), literals(body) + " " + referenced(body, constants));
        }
        List<String> sql = new ArrayList<>();
        for (String statement : javaStatements(code)) {
            StringBuilder text = new StringBuilder(literals(statement));
            text.append(' ').append(referenced(statement, constants));
            helpers.forEach((name, helperText) -> {
                if (Pattern.compile("\\b" + name + "\\(").matcher(statement).find()) {
                    text.append(' ').append(helperText);
                }
            });
            String joined = text.toString().strip();
            if (!joined.isEmpty() && SQL_WORDS.contains(joined.split("\\s+", 2)[0].toLowerCase(Locale.ROOT))) {
                sql.add(joined);
            }
        }
        return sql;
    }

    private static final Pattern CONSTANT = Pattern.compile(
            "static final String (\\w+)\\s*=\\s*((?:\"\"\"(?s:.*?)\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|\\s|\\+)+);");
    private static final Pattern METHOD = Pattern.compile("private [\\w<>\\[\\], ?]+ (\\w+)\\([^)]*\\)[^;{]*\\{");

    private static String literals(String code) {
        StringBuilder text = new StringBuilder();
        Matcher literal = STRING_LITERAL.matcher(code);
        while (literal.find()) {
            text.append(literal.group(1) != null ? literal.group(1) : literal.group(2))
                    .append(' ');
        }
        return text.toString();
    }

    private static String referenced(String code, Map<String, String> constants) {
        StringBuilder text = new StringBuilder();
        String outsideLiterals = STRING_LITERAL.matcher(code).replaceAll(" ");
        constants.forEach((name, value) -> {
            if (Pattern.compile("\\b" + name + "\\b").matcher(outsideLiterals).find()) {
                text.append(value).append(' ');
            }
        });
        return text.toString();
    }

    /** The code from the brace at {@code open} to its match. */
    private static String body(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return code.substring(open, i + 1);
            }
        }
        return code.substring(open);
    }

    /** The code split at semicolons and braces outside string literals. */
    private static List<String> javaStatements(String code) {
        List<String> statements = new ArrayList<>();
        Matcher literal = STRING_LITERAL.matcher(code);
        int from = 0;
        int scan = 0;
        while (scan < code.length()) {
            int nextLiteral = literal.find(scan) ? literal.start() : code.length();
            int end = nextLiteral;
            for (int i = scan; i < nextLiteral; i++) {
                char c = code.charAt(i);
                if (c == ';' || c == '{' || c == '}') {
                    statements.add(code.substring(from, i));
                    from = i + 1;
                }
            }
            scan = nextLiteral < code.length() ? literal.end() : code.length();
            if (end == code.length()) {
                break;
            }
        }
        statements.add(code.substring(from));
        return statements;
    }
}
