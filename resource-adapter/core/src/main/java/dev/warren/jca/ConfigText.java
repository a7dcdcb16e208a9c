package dev.warren.jca;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The lexical rules every Warren configuration string shares (argument lists, routing-key lists, bindings,
 * declarations): Unicode-aware trimming, and quoting.
 *
 * <p>Whitespace is anything Java calls whitespace or a space character (so a non-breaking space pasted from a
 * web page or a word processor is trimmed like an ASCII one), plus the zero-width space and the byte-order mark.
 * A value in single or double quotes is taken literally: separators inside it do not split, the quotes are
 * removed, and a quote of the same kind is written twice to stand for itself ({@code 'it''s'}).
 *
 * <p>Stateless; errors are {@link IllegalArgumentException}s whose message says what is wrong with the text,
 * for the caller to wrap with the property name and the fix.
 */
final class ConfigText {
    private ConfigText() {
    }

    /**
     * @param cp a code point
     * @return whether it is whitespace for configuration purposes
     */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x200B || cp == 0xFEFF;
    }

    /**
     * @param s text, or null
     * @return the text without leading and trailing {@linkplain #isSpace whitespace}; null stays null
     */
    static String trim(String s) {
        if (s == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /**
     * @param s text, or null
     * @return whether it is null or holds only {@linkplain #isSpace whitespace}
     */
    static boolean isBlank(String s) {
        return s == null || trim(s).isEmpty();
    }

    /**
     * @param s text, or null
     * @return the trimmed text, or null when it is blank
     */
    static String trimToNull(String s) {
        return isBlank(s) ? null : trim(s);
    }

    /**
     * Splits at separators that are not inside quotes. The parts keep their quotes and are trimmed.
     *
     * @param s the text
     * @param separator which code points separate parts
     * @return the parts, empty ones included (so callers can refuse them)
     * @throws IllegalArgumentException when a quote is not closed
     */
    static List<String> split(String s, IntPredicate separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int quote = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (quote != 0) {
                if (cp == quote) {
                    if (i + 1 < s.length() && s.codePointAt(i + 1) == quote) {
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (cp == '\'' || cp == '"') {
                quote = cp;
            } else if (separator.test(cp)) {
                parts.add(trim(s.substring(start, i)));
                start = i + Character.charCount(cp);
            }
            i += Character.charCount(cp);
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the quote " + (char) quote + " opened in '" + trim(s.substring(start))
                    + "' is not closed");
        }
        parts.add(trim(s.substring(start)));
        return parts;
    }

    /**
     * @param s the text
     * @param separator the separator character
     * @return the parts, trimmed, empty ones included
     * @throws IllegalArgumentException when a quote is not closed
     */
    static List<String> split(String s, char separator) {
        return split(s, cp -> cp == separator);
    }

    /**
     * Splits at whitespace outside quotes, dropping the empty parts runs of whitespace make.
     *
     * @param s the text
     * @return the words
     * @throws IllegalArgumentException when a quote is not closed
     */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        for (String w : split(s, ConfigText::isSpace)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /**
     * @param s a trimmed part
     * @param separator the character between its two halves, e.g. {@code ':'} or {@code '='}
     * @return the index of the first separator outside quotes, or -1
     */
    static int indexOutsideQuotes(String s, char separator) {
        int quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == separator) {
                return i;
            }
        }
        return -1;
    }

    /** A token with its quotes removed. @param text the literal text @param quoted whether it was quoted */
    record Token(String text, boolean quoted) {
    }

    /**
     * @param s a trimmed part: either entirely quoted ({@code 'a,b'}) or free of quotes ({@code abc})
     * @return the literal text, quotes removed and doubled quotes undone
     * @throws IllegalArgumentException when quotes appear anywhere else (e.g. {@code ab'c}, {@code 'a'b})
     */
    static Token unquote(String s) {
        if (!s.isEmpty() && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
            char q = s.charAt(0);
            StringBuilder out = new StringBuilder();
            int i = 1;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == q) {
                    if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                        out.append(q);
                        i += 2;
                        continue;
                    }
                    if (i != s.length() - 1) {
                        throw new IllegalArgumentException("text follows the closing quote in " + s);
                    }
                    return new Token(out.toString(), true);
                }
                out.append(c);
                i++;
            }
            throw new IllegalArgumentException("the quote " + q + " in " + s + " is not closed");
        }
        if (s.indexOf('\'') >= 0 || s.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a quote inside the unquoted text " + s
                    + " (quote the whole value, writing a quote inside it twice)");
        }
        return new Token(s, false);
    }
}
