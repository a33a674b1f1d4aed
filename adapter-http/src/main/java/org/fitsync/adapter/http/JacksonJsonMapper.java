package org.fitsync.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/** Lets {@code ctx.json(...)} use FitSync's one Jackson configuration. */
final class JacksonJsonMapper implements JsonMapper {

    private final ObjectMapper mapper;

    JacksonJsonMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        try {
            return mapper.writeValueAsString(obj);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @SuppressWarnings("TypeParameterUnusedInFormals") // the signature is Javalin's JsonMapper's
    public <T> T fromJsonString(String json, Type targetType) {
        try {
            return mapper.readValue(json, mapper.constructType(targetType));
        } catch (IOException e) {
            throw ProblemException.badRequest("Malformed JSON");
        }
    }

    @Override
    @SuppressWarnings("TypeParameterUnusedInFormals") // the signature is Javalin's JsonMapper's
    public <T> T fromJsonStream(InputStream json, Type targetType) {
        try {
            return mapper.readValue(json, mapper.constructType(targetType));
        } catch (IOException e) {
            throw ProblemException.badRequest("Malformed JSON");
        }
    }
}
