package org.backpackbatch.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, written from its specification
 * (prometheus.io, "Exposition formats", text format details) for the tests: any line the format
 * does not allow fails with its number. No Java parser of the format exists on Maven Central that
 * rejects what it cannot read (the Prometheus Java client only writes it), hence this one.
 */
public final class PrometheusText {

    /** A metric family: its TYPE, its HELP and its samples, each a name, labels and a value. */
    public record Family(String type, String help, List<Sample> samples) {
    }

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    /** Only three escapes are allowed in a label value: backslash, double quote and line feed. */
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String LABEL = LABEL_NAME + "=" + LABEL_VALUE;
    private static final String VALUE = "[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]Inf|NaN";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{((?:" + LABEL + ")(?:," + LABEL + ")*,?)?\\})?[ \\t]+(" + VALUE + ")(?:[ \\t]+-?[0-9]+)?");
    private static final Pattern ONE_LABEL = Pattern.compile("(" + LABEL_NAME + ")=(" + LABEL_VALUE + ")");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ")(?: (.*))?");
    private static final Pattern HELP_TEXT = Pattern.compile("(?:[^\\\\]|\\\\[\\\\n])*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Set<String> SUFFIXED = Set.of("histogram", "summary");

    private PrometheusText() {
    }

    /** The families of {@code text}, in order; an {@link AssertionError} naming the line at the first breach of the format. */
    public static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the last line does not end with a line feed");
        }
        Map<String, Family> families = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int number = 1; number < lines.length; number++) {
            String line = lines[number - 1];
            String where = "line " + number + " '" + line + "': ";
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            if (line.isBlank()) {
                continue;
            } else if (help.matches()) {
                String name = help.group(1);
                current = open(families, name, current, where);
                Family family = families.get(name);
                String helpText = help.group(2) == null ? "" : help.group(2);
                check(family.help() == null, where + "a second HELP for " + name);
                check(HELP_TEXT.matcher(helpText).matches(), where + "an escape other than \\\\ or \\n in HELP");
                families.put(name, new Family(family.type(), helpText, family.samples()));
            } else if (line.startsWith("# TYPE")) {
                check(type.matches(), where + "not a TYPE line");
                String name = type.group(1);
                current = open(families, name, current, where);
                Family family = families.get(name);
                check(family.type() == null, where + "a second TYPE for " + name);
                check(family.samples().isEmpty(), where + "TYPE after the first sample of " + name);
                families.put(name, new Family(type.group(2), family.help(), family.samples()));
            } else if (line.startsWith("#")) {
                continue;
            } else {
                Matcher sample = SAMPLE.matcher(line);
                check(sample.matches(), where + "not a sample line");
                String name = sample.group(1);
                String family = familyOf(families, name);
                current = open(families, family, current, where);
                Map<String, String> labels = labels(sample.group(2), where);
                check(series.add(name + labels), where + "a second sample of the same series");
                families.get(family).samples().add(new Sample(name, labels, value(sample.group(3))));
            }
        }
        return families;
    }

    /** The value of the one sample of {@code name} with exactly {@code labels}; an AssertionError when there is none. */
    public static double value(Map<String, Family> families, String name, Map<String, String> labels) {
        Family family = families.get(name);
        if (family != null) {
            for (Sample sample : family.samples()) {
                if (sample.name().equals(name) && sample.labels().equals(labels)) {
                    return sample.value();
                }
            }
        }
        throw new AssertionError("no sample " + name + labels + "; its samples: " + samples(families, name));
    }

    /** Every sample of {@code name}, to check what is absent as well as what is there. */
    static List<Sample> samples(Map<String, Family> families, String name) {
        Family family = families.get(name);
        return family == null ? List.of() : family.samples();
    }

    /** Starts or continues the group of {@code name}: one family's lines must all be together. */
    private static String open(Map<String, Family> families, String name, String current, String where) {
        if (!name.equals(current)) {
            check(!families.containsKey(name), where + name + " is split in two groups");
            families.put(name, new Family(null, null, new ArrayList<>()));
        }
        return name;
    }

    /** The family a sample belongs to: its own name, or for a histogram or summary the name without its suffix. */
    private static String familyOf(Map<String, Family> families, String name) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
            if (base != null && families.containsKey(base) && SUFFIXED.contains(families.get(base).type())) {
                return base;
            }
        }
        return name;
    }

    private static Map<String, String> labels(String text, String where) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null) {
            return labels;
        }
        Matcher label = ONE_LABEL.matcher(text);
        while (label.find()) {
            check(!label.group(1).startsWith("__"), where + "label names starting with __ are reserved");
            String quoted = label.group(2);
            String value = quoted.substring(1, quoted.length() - 1).replace("\\\\", "\u0000").replace("\\\"", "\"").replace("\\n", "\n")
                    .replace("\u0000", "\\");
            check(labels.put(label.group(1), value) == null, where + "label " + label.group(1) + " twice");
        }
        return labels;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static void check(boolean condition, String breach) {
        if (!condition) {
            throw new AssertionError(breach);
        }
    }
}
