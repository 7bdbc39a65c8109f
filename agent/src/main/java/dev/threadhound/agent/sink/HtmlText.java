package dev.threadhound.agent.sink;

import java.util.List;

/** Escaping and the few fragments the status page repeats. Every string from the JVM goes through {@link #escape}. */
final class HtmlText {

    private HtmlText() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A titled block of frames, innermost first, or nothing when there are none. */
    static void frames(StringBuilder out, String title, String cssClass, List<String> frames) {
        if (frames == null || frames.isEmpty()) {
            return;
        }
        out.append("<div class=\"frames ").append(cssClass).append("\"><h5>").append(escape(title)).append("</h5><pre>");
        for (String frame : frames) {
            out.append("at ").append(escape(frame)).append('\n');
        }
        out.append("</pre></div>\n");
    }

    static String millis(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f min", ms / 60_000.0);
    }

    static void cell(StringBuilder out, Object value) {
        out.append("<td>").append(escape(String.valueOf(value))).append("</td>");
    }

    static void numberCell(StringBuilder out, long value) {
        out.append("<td class=\"num\">").append(value).append("</td>");
    }
}
