package org.fitsync.adapter.postgres.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.run.Place;
import org.fitsync.ports.out.run.RecordRunPlacePort;

/**
 * A run's start place in {@code runs.location} as {@code {"city", "region", "country"}} (an unknown part
 * is null). Not a change a sync client pulls: the place is not a sync column, so no version is claimed.
 */
public final class PostgresRunPlaces implements RecordRunPlacePort {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void recordPlace(UserId user, UUID runId, Place place) {
        PostgresTransactions.handle()
                .createUpdate("UPDATE runs SET location = CAST(:location AS jsonb)"
                        + " WHERE user_id = :user AND id = :id AND deleted_at IS NULL")
                .bind("location", json(place))
                .bind("user", user.value())
                .bind("id", runId)
                .execute();
    }

    private static String json(Place place) {
        ObjectNode node = JSON.createObjectNode();
        node.put("city", place.city().orElse(null));
        node.put("region", place.region().orElse(null));
        node.put("country", place.country().orElse(null));
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
