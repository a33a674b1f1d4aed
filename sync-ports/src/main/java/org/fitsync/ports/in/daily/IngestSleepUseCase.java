package org.fitsync.ports.in.daily;

import java.util.List;
import org.fitsync.domain.daily.IngestStatus;

/**
 * A device platform delivers nights of sleep. All readings of a batch commit together; a batch
 * that changes nothing (a re-send) writes nothing and takes no sync version. The statuses are in
 * the readings' order.
 */
public interface IngestSleepUseCase {
    List<IngestStatus> ingestSleep(IngestSleepCommand command);
}
