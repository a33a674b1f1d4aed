package org.fitsync.domain.run;

import java.util.ArrayList;
import java.util.List;
import org.fitsync.domain.FieldError;

/** A user's edit of the fields of a run that are theirs to change: notes and metadata (JSON text). */
public record RunDetailsChange(FieldChange<String> notes, FieldChange<String> metadataJson) {

    /** The rules of docs/api.md for these fields, as for a submitted run; empty when the change is valid. */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (notes instanceof FieldChange.SetTo<String> set) {
            RunValidation.notesProblem(set.value()).ifPresent(p -> errors.add(new FieldError("notes", p)));
        }
        if (metadataJson instanceof FieldChange.SetTo<String> set) {
            RunValidation.metadataProblem(set.value()).ifPresent(p -> errors.add(new FieldError("metadata", p)));
        }
        return errors;
    }
}
