package org.fitsync.ports.in.sync;

/** A client pushes its local changes (WatermelonDB's {@code pushChanges}). */
public interface PushChangesUseCase {

    PushOutcome push(PushChangesCommand command);
}
