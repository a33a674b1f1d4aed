package org.fitsync.domain.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A user's edit of the fields of a run that are theirs to change: notes and metadata (JSON text). */
public record RunDetailsChange(FieldChange<String> notes, FieldChange<String> metadataJson) {

    /** The rules of API.md for these fields, as for a submitted run; empty when the change is valid. */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (notes instanceof FieldChange.SetTo<String> set
                && set.value().codePointCount(0, set.value().length()) > RunValidation.MAX_NOTES_CHARS) {
            errors.add(new FieldError("notes", "must be at most " + RunValidation.MAX_NOTES_CHARS + " characters"));
        }
        if (metadataJson instanceof FieldChange.SetTo<String> set
                && set.value().getBytes(StandardCharsets.UTF_8).length > RunValidation.MAX_METADATA_BYTES) {
            errors.add(new FieldError("metadata", "must be at most " + RunValidation.MAX_METADATA_BYTES + " bytes of JSON"));
        }
        return errors;
    }
}
