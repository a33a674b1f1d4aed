package org.fitsync.ports.out.run;

import java.util.List;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.TimeSpan;
import org.fitsync.domain.run.TimelineRun;

/** The overlap index: live runs of a user whose {@code [started_at, ended_at)} intersects a span. */
public interface FindOverlapsPort {

    List<TimelineRun> findOverlapping(UserId user, TimeSpan span);
}
