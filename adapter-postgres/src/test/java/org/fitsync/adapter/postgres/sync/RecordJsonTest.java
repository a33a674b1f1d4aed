package org.fitsync.adapter.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.Column;
import org.fitsync.domain.sync.ConflictStrategy;
import org.fitsync.domain.sync.RecordId;
import org.fitsync.domain.sync.SyncRecord;
import org.fitsync.domain.sync.Value;
import org.junit.jupiter.api.Test;

/** The stored text of a record is JSON any reader takes, holding exactly the record's values. */
class RecordJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Collection NOTES = Collection.of(
            "notes", ConflictStrategy.LAST_WRITE_WINS, Column.string("text"), Column.number("n"), Column.bool("b"));

    @Property(tries = 500)
    void anyStringIsWrittenAsValidJsonThatReadsBackTheSame(@ForAll("anyText") String text) throws Exception {
        SyncRecord record = record(new Value.Text(text), Value.NULL, Value.NULL);

        JsonNode parsed = JSON.readTree(RecordJson.write(record));

        assertThat(parsed.get("text").textValue()).isEqualTo(text);
        assertThat(RecordJson.read(NOTES, record.id(), RecordJson.write(record)))
                .isEqualTo(record);
    }

    @Property(tries = 500)
    void anyStorableNumberReadsBackAsTheSameDouble(@ForAll("storableNumbers") double number) throws Exception {
        // -0 is an integer and is written as 0 (adding 0.0 turns -0.0 into 0.0 and leaves the rest alone).
        double expected = number + 0.0;
        SyncRecord record = record(Value.NULL, new Value.Num(number), new Value.Bool(number > 0));

        JsonNode parsed = JSON.readTree(RecordJson.write(record));

        assertThat(parsed.get("n").doubleValue()).isEqualTo(expected);
        assertThat(parsed.get("b").booleanValue()).isEqualTo(number > 0);
        assertThat(RecordJson.read(NOTES, record.id(), RecordJson.write(record)).field("n"))
                .isEqualTo(new Value.Num(expected));
    }

    @Test
    void safeIntegersAreWrittenAsIntegersAndTheWireFormKeepsItsOrder() {
        SyncRecord record = new SyncRecord(
                new RecordId("a-1"),
                fields(new Value.Text("say \"hi\"\\\n\t\u0001é😀"), new Value.Num(1_700_000_000_000d), Value.NULL),
                5,
                7);

        assertThat(RecordJson.write(record))
                .isEqualTo("{\"id\":\"a-1\",\"text\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001é😀\",\"n\":1700000000000,"
                        + "\"b\":null,\"created_at\":5,\"updated_at\":7}");
    }

    /** Every character but NUL, which a string column never stores (it becomes the fallback). */
    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().excludeChars('\u0000').ofMaxLength(40);
    }

    /** Every bit pattern of a double a number column stores: finite and below {@link Column#MAX_NUMBER}. */
    @Provide
    Arbitrary<Double> storableNumbers() {
        return Arbitraries.longs()
                .map(Double::longBitsToDouble)
                .filter(d -> Double.isFinite(d) && Math.abs(d) < Column.MAX_NUMBER);
    }

    private static SyncRecord record(Value text, Value n, Value b) {
        return new SyncRecord(new RecordId("r1"), fields(text, n, b), 1_700_000_000_000L, 1_700_000_000_001L);
    }

    private static Map<String, Value> fields(Value text, Value n, Value b) {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("text", text);
        fields.put("n", n);
        fields.put("b", b);
        return fields;
    }
}
