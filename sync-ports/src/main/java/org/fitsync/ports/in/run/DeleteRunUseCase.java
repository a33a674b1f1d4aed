package org.fitsync.ports.in.run;

/**
 * Deletes a run (softly, so sync clients learn of it) and re-evaluates the flags of the runs it
 * overlapped. False if there was no such live run.
 */
public interface DeleteRunUseCase {

    boolean delete(DeleteRunCommand command);
}
