package org.backpackbatch.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample line of the Prometheus text format, {@code name{label="value",...} value}: how a
 * metrics file written by an earlier process is read back.
 */
record MetricSample(String name, Map<String, String> labels, double value) {

    MetricSample {
        labels = Map.copyOf(labels);
    }

    /** The samples of a text in the Prometheus text format; comments and lines that are no sample are skipped. */
    static List<MetricSample> parseAll(String text) {
        List<MetricSample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            MetricSample sample = parse(line.strip());
            if (sample != null) {
                samples.add(sample);
            }
        }
        return samples;
    }

    /** The sample on the line, or null when it holds none (a comment, a blank or a damaged line). */
    static MetricSample parse(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        int at = 0;
        while (at < line.length() && isNameChar(line.charAt(at))) {
            at++;
        }
        if (at == 0) {
            return null;
        }
        String name = line.substring(0, at);
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels);
            if (at < 0) {
                return null;
            }
        }
        if (at == line.length() || line.charAt(at) != ' ' && line.charAt(at) != '\t') {
            return null;
        }
        String[] rest = line.substring(at).strip().split("[ \t]+");
        if (rest.length > 2) {
            return null;
        }
        Double value = value(rest[0]);
        return value == null ? null : new MetricSample(name, labels, value);
    }

    /** Reads {@code a="x",b="y"}} from {@code at} into {@code labels}; the index after the brace, or -1. */
    private static int labels(String line, int at, Map<String, String> labels) {
        while (true) {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
            if (at < line.length() && line.charAt(at) == '}') {
                return at + 1;
            }
            int start = at;
            while (at < line.length() && isNameChar(line.charAt(at))) {
                at++;
            }
            if (at == start || at + 1 >= line.length() || line.charAt(at) != '=' || line.charAt(at + 1) != '"') {
                return -1;
            }
            String label = line.substring(start, at);
            StringBuilder value = new StringBuilder();
            at += 2;
            for (; at < line.length() && line.charAt(at) != '"'; at++) {
                char c = line.charAt(at);
                if (c == '\\' && at + 1 < line.length()) {
                    char escaped = line.charAt(++at);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            if (at >= line.length()) {
                return -1;
            }
            labels.put(label, value.toString());
            at++;
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            } else if (at >= line.length() || line.charAt(at) != '}') {
                return -1;
            }
        }
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':';
    }

    /** A value as Prometheus writes it (Go's float syntax, {@code +Inf}, {@code -Inf}, {@code NaN}); null when it is none. */
    private static Double value(String text) {
        switch (text) {
            case "+Inf", "Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return text.matches("[+-]?[0-9.]+([eE][+-]?[0-9]+)?") ? Double.parseDouble(text) : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
    }
}
