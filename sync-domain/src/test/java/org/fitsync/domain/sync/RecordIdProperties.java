package org.fitsync.domain.sync;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The hand-written id check accepts exactly the wire rule's strings. */
class RecordIdProperties {

    private static final Pattern WIRE_RULE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    @Property(tries = 2_000)
    boolean agreesWithTheWireRuleOnNearMisses(
            @ForAll @StringLength(min = 0, max = 70) @CharRange(from = ' ', to = '~') @Chars({'ä', '\u0000', '\n'})
                    String value) {
        return RecordId.isValid(value) == WIRE_RULE.matcher(value).matches();
    }

    @Property(tries = 500)
    boolean agreesWithTheWireRuleOnIdAlphabetStrings(
            @ForAll
                    @StringLength(min = 0, max = 70)
                    @CharRange(from = 'a', to = 'c')
                    @Chars({'Z', '9', '_', '.', '-', '/'})
                    String value) {
        return RecordId.isValid(value) == WIRE_RULE.matcher(value).matches();
    }
}
