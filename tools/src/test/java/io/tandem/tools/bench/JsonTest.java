package io.tandem.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest
{
    @Test
    void whatIsWrittenParsesBackToTheSameValues()
    {
        final Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n </script>");
        value.put("long", 12345678901L);
        value.put("double", 244.5);
        value.put("nan", Double.NaN);
        value.put("list", List.of(1L, "two", true));
        value.put("empty", Map.of());
        final Object parsed = Json.parse(Json.write(value));
        final Map<String, Object> expected = new LinkedHashMap<>(value);
        expected.put("nan", null);
        assertEquals(expected, parsed);
        assertTrue(!Json.write(value).contains("</script>"), "safe inside an HTML script element");
    }

    @Test
    void malformedTextNamesTheOffset()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertTrue(ex.getMessage().contains("at character 11"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} trailing"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"cut"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(""));
    }
}
