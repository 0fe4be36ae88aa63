package io.tandem.tools.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * The results directory's JSON, through Jackson: values are {@link java.util.Map} (objects, in
 * insertion order), {@link java.util.List}, {@link String}, {@link Long} or {@link Double},
 * {@link Boolean} and null.
 */
final class Json
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .registerModule(new SimpleModule().addSerializer(Double.class, new FiniteDoubleSerializer()));

    private Json()
    {
    }

    /**
     * @param text JSON text.
     * @return the value it holds.
     * @throws IllegalArgumentException naming the character offset where the text stops being JSON.
     */
    static Object parse(final String text)
    {
        try
        {
            final Object value = MAPPER.readValue(text, Object.class);
            if (value == null && text.isBlank())
            {
                throw new IllegalArgumentException("not valid JSON at character 0: no value");
            }
            return value;
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("not valid JSON at character " + ex.getLocation().getCharOffset() + ": " +
                ex.getOriginalMessage(), ex);
        }
    }

    /** @return the value as indented JSON text, safe to embed in an HTML script element. */
    static String write(final Object value)
    {
        try
        {
            // "<\/" is the same string to JSON, and cannot end the script element that embeds it.
            return MAPPER.writeValueAsString(value).replace("</", "<\\/") + '\n';
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("cannot write as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    /** A figure that could not be measured (NaN, infinite) is written as null, which JSON has. */
    private static final class FiniteDoubleSerializer extends StdSerializer<Double>
    {
        FiniteDoubleSerializer()
        {
            super(Double.class);
        }

        @Override
        public void serialize(final Double value, final JsonGenerator out, final SerializerProvider provider)
            throws IOException
        {
            if (Double.isFinite(value))
            {
                out.writeNumber(value);
            }
            else
            {
                out.writeNull();
            }
        }
    }
}
