package dev.incidentcommand.database;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.r2dbc.core.Parameter;

/**
 * One row to insert, as columns and values, for a statement that writes it together with other
 * rows: a note with the timeline event that tells of it. Its id, when given, comes from
 * {@link RowIds}, so whatever refers to the row can be written in the same statement.
 */
public record RowInsert(String table, Map<String, Parameter> values) {

    /** Table and column names are the code's own, never a request's; this keeps it that way. */
    public RowInsert {
        checkName(table);
        values.keySet().forEach(RowInsert::checkName);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Builder into(String table) {
        return new Builder(table);
    }

    /** {@code INSERT INTO table (columns) VALUES (:prefix0, :prefix1...)}, the values bound under those names. */
    public String sql(String prefix) {
        return insert(prefix, "VALUES (", ")");
    }

    /**
     * The same insert of a row per row of {@code relation} (a name from the same statement): none
     * when it is empty, so the row is written only if what it depends on was found.
     */
    public String sqlFor(String prefix, String relation) {
        checkName(relation);
        return insert(prefix, "SELECT ", " FROM " + relation);
    }

    private String insert(String prefix, String open, String close) {
        StringBuilder columns = new StringBuilder();
        StringBuilder placeholders = new StringBuilder();
        int i = 0;
        for (String column : values.keySet()) {
            columns.append(i == 0 ? "" : ", ").append(column);
            placeholders.append(i == 0 ? ":" : ", :").append(prefix).append(i);
            i++;
        }
        // The ids are handed out ahead from the table's identity sequence, hence the override.
        return "INSERT INTO " + table + " (" + columns + ") OVERRIDING SYSTEM VALUE " + open + placeholders + close;
    }

    /** Puts the values into {@code parameters} under the names {@link #sql(String)} gave them with the same {@code prefix}. */
    public void bindInto(Map<String, Object> parameters, String prefix) {
        int i = 0;
        for (Parameter value : values.values()) {
            parameters.put(prefix + i++, value);
        }
    }

    private static void checkName(String name) {
        // [a-z_][a-z0-9_]*, checked for every row written, so without a regular expression.
        boolean valid = !name.isEmpty() && !Character.isDigit(name.charAt(0));
        for (int i = 0; valid && i < name.length(); i++) {
            char c = name.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (!valid) {
            throw new IllegalArgumentException("Not a table or column name: " + name);
        }
    }

    public static final class Builder {

        private final String table;
        private final Map<String, Parameter> values = new LinkedHashMap<>();

        private Builder(String table) {
            this.table = table;
        }

        public Builder value(String column, Object value) {
            values.put(column, Parameter.from(value));
            return this;
        }

        /** A value that may be null, which then needs its type. */
        public <T> Builder value(String column, T value, Class<T> type) {
            values.put(column, Parameter.fromOrEmpty(value, type));
            return this;
        }

        public RowInsert build() {
            return new RowInsert(table, values);
        }
    }
}
