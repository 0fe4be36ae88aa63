package io.tandem.tools.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON the results directory needs, without a library: values are {@link Map} (objects, in
 * insertion order), {@link List}, {@link String}, {@link Number}, {@link Boolean} and null.
 * {@link #parse} rejects malformed text with the offset of the fault.
 */
final class Json
{
    private final String text;
    private int position;

    private Json(final String text)
    {
        this.text = text;
    }

    /**
     * @param text JSON text.
     * @return the value it holds.
     * @throws IllegalArgumentException naming the character offset where the text stops being JSON.
     */
    static Object parse(final String text)
    {
        final Json parser = new Json(text);
        final Object value = parser.value();
        parser.skipSpace();
        if (parser.position != text.length())
        {
            throw parser.fault("text after the end of the value");
        }
        return value;
    }

    /** @return the value as indented JSON text. */
    static String write(final Object value)
    {
        final StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.append('\n').toString();
    }

    private static void write(final Object value, final StringBuilder out, final int indent)
    {
        if (value == null)
        {
            out.append("null");
        }
        else if (value instanceof String)
        {
            quote((String)value, out);
        }
        else if (value instanceof Double || value instanceof Float)
        {
            final double d = ((Number)value).doubleValue();
            // JSON has no NaN or infinity: a figure that could not be taken is null. Six
            // significant digits are more than any figure here can claim.
            out.append(Double.isFinite(d) ?
                new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString() : "null");
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            out.append(value);
        }
        else if (value instanceof Map)
        {
            out.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> entry : ((Map<?, ?>)value).entrySet())
            {
                out.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
                quote(String.valueOf(entry.getKey()), out);
                out.append(": ");
                write(entry.getValue(), out, indent + 1);
                first = false;
            }
            out.append(first ? "}" : "\n" + "  ".repeat(indent) + "}");
        }
        else if (value instanceof List)
        {
            out.append('[');
            boolean first = true;
            for (final Object item : (List<?>)value)
            {
                out.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
                write(item, out, indent + 1);
                first = false;
            }
            out.append(first ? "]" : "\n" + "  ".repeat(indent) + "]");
        }
        else
        {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    /** Writes a JSON string literal (also safe inside an HTML script element: no "</"). */
    static void quote(final String s, final StringBuilder out)
    {
        out.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '<': out.append("\\u003c"); break;
                default:
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    private Object value()
    {
        skipSpace();
        if (position >= text.length())
        {
            throw fault("the text ends where a value should be");
        }
        final char c = text.charAt(position);
        switch (c)
        {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return number();
                }
                throw fault("unexpected '" + c + "'");
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        position++;
        skipSpace();
        if (peek() == '}')
        {
            position++;
            return map;
        }
        while (true)
        {
            skipSpace();
            if (peek() != '"')
            {
                throw fault("an object key must be a string");
            }
            final String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            final char c = next();
            if (c == '}')
            {
                return map;
            }
            if (c != ',')
            {
                position--; // point at the offending character
                throw fault("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array()
    {
        final List<Object> list = new ArrayList<>();
        position++;
        skipSpace();
        if (peek() == ']')
        {
            position++;
            return list;
        }
        while (true)
        {
            list.add(value());
            skipSpace();
            final char c = next();
            if (c == ']')
            {
                return list;
            }
            if (c != ',')
            {
                position--; // point at the offending character
                throw fault("expected ',' or ']' in an array");
            }
        }
    }

    private String string()
    {
        position++;
        final StringBuilder s = new StringBuilder();
        while (true)
        {
            final char c = next();
            if (c == '"')
            {
                return s.toString();
            }
            if (c != '\\')
            {
                s.append(c);
                continue;
            }
            final char e = next();
            switch (e)
            {
                case '"': case '\\': case '/': s.append(e); break;
                case 'n': s.append('\n'); break;
                case 'r': s.append('\r'); break;
                case 't': s.append('\t'); break;
                case 'b': s.append('\b'); break;
                case 'f': s.append('\f'); break;
                case 'u':
                    if (position + 4 > text.length())
                    {
                        throw fault("a cut \\u escape");
                    }
                    try
                    {
                        s.append((char)Integer.parseInt(text.substring(position, position + 4), 16));
                    }
                    catch (final NumberFormatException ex)
                    {
                        throw fault("a bad \\u escape");
                    }
                    position += 4;
                    break;
                default: throw fault("a bad escape \\" + e);
            }
        }
    }

    private Number number()
    {
        final int start = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
        final String digits = text.substring(start, position);
        try
        {
            if (digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0)
            {
                return Long.parseLong(digits);
            }
            return Double.parseDouble(digits);
        }
        catch (final NumberFormatException ex)
        {
            position = start;
            throw fault("a malformed number '" + digits + "'");
        }
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, position))
        {
            throw fault("unexpected '" + text.charAt(position) + "'");
        }
        position += word.length();
        return value;
    }

    private void expect(final char c)
    {
        if (next() != c)
        {
            throw fault("expected '" + c + "'");
        }
    }

    private char next()
    {
        if (position >= text.length())
        {
            throw fault("the text ends in the middle of a value");
        }
        return text.charAt(position++);
    }

    private char peek()
    {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void skipSpace()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }

    private IllegalArgumentException fault(final String what)
    {
        return new IllegalArgumentException("not valid JSON at character " + position + ": " + what);
    }
}
