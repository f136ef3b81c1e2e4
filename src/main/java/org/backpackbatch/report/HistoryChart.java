package org.backpackbatch.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.backpackbatch.store.RunState;

/**
 * The two charts of an account's history as inline SVG: records per kind over its snapshots
 * (stacked areas) and changes per snapshot (stacked bars). Each snapshot takes one slot of the
 * width whatever its status, so that the charts line up and a failed run shows where it happened.
 * The SVG stretches to any width with strokes that do not scale, and every text is HTML laid over
 * it, so that it stays readable on a phone.
 */
final class HistoryChart {

    /** The colours of the record kinds, in the order the kinds are stacked from the bottom. */
    static final List<String> KIND_COLOURS = List.of("#4e79a7", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");
    static final String ADDED = "#3a923a";
    static final String CHANGED = "#5b8fd9";
    static final String REMOVED = "#d9534f";
    static final String SUSPECT = "#b3261e";
    /** The runs that did not complete, each with the colour its slot is shaded in. */
    static final Map<RunState, String> UNFINISHED = Map.of(RunState.FAILED, "#d9534f", RunState.INTERRUPTED, "#f0ad4e",
            RunState.RUNNING, "#8a97a8");
    private static final List<RunState> UNFINISHED_ORDER = List.of(RunState.FAILED, RunState.INTERRUPTED, RunState.RUNNING);

    private static final double WIDTH = 1000;
    private static final double HEIGHT = 100;
    /**
     * A bar this many times taller than the median one (an account's first full copy, an outage and its
     * return) is cut at the top of the scale and labelled, so that the usual changes stay readable.
     */
    private static final int OUTLIER = 10;
    /** How close two labels over the plot may be, in percent of its width, before the second goes a row higher. */
    private static final double FLAG_SPACING = 18;

    private final List<SnapshotPoint> shown;
    private final int total;
    private final List<String> kinds;
    private final double slot;

    /** The chart of the newest {@code limit} snapshots of {@code history} (not empty, oldest first). */
    HistoryChart(List<SnapshotPoint> history, int limit) {
        shown = history.subList(Math.max(0, history.size() - limit), history.size());
        total = history.size();
        Set<String> seen = new LinkedHashSet<>();
        shown.forEach(s -> seen.addAll(s.records().keySet()));
        kinds = List.copyOf(seen);
        slot = WIDTH / shown.size();
    }

    /** Records per kind, suspect snapshots flagged, unfinished runs shaded. */
    void recordsFigure(StringBuilder html) {
        List<SnapshotPoint> complete = shown.stream().filter(SnapshotPoint::complete).toList();
        Axis axis = Axis.upTo(complete.stream().mapToLong(SnapshotPoint::recordTotal).max().orElse(0));
        html.append("<figure class=\"chart records\"><figcaption>Records per kind").append(window()).append("</figcaption>\n");
        openPlot(html, "Records per kind, snapshot by snapshot", axis);
        if (!complete.isEmpty()) {
            double[] xs = IntStream.range(0, shown.size()).filter(i -> shown.get(i).complete()).mapToDouble(this::centre).toArray();
            long[] below = new long[complete.size()];
            for (int k = 0; k < kinds.size(); k++) {
                long[] top = new long[complete.size()];
                for (int i = 0; i < complete.size(); i++) {
                    top[i] = below[i] + complete.get(i).records().getOrDefault(kinds.get(k), 0L);
                }
                html.append("<path class=\"area\" fill=\"").append(kindColour(k)).append("\" d=\"").append(area(xs, below, top, axis))
                        .append("\"><title>").append(Html.escape(kinds.get(k))).append("</title></path>\n");
                below = top;
            }
        }
        suspectLines(html);
        List<Flag> flags = IntStream.range(0, shown.size()).filter(i -> shown.get(i).suspect())
                .mapToObj(i -> new Flag(i, "suspect", "\u26a0 #" + shown.get(i).id())).toList();
        closePlot(html, axis, flags);
        dates(html);
        html.append("<ul class=\"legend\">");
        for (int k = kinds.size() - 1; k >= 0; k--) {
            legend(html, "swatch", kindColour(k), kinds.get(k));
        }
        if (shown.stream().anyMatch(SnapshotPoint::suspect)) {
            legend(html, "swatch suspect", SUSPECT, "suspect snapshot (removed half or more)");
        }
        for (RunState status : UNFINISHED_ORDER) {
            if (shown.stream().anyMatch(s -> s.status() == status)) {
                legend(html, "swatch run", UNFINISHED.get(status), status.label() + " run");
            }
        }
        html.append("</ul></figure>\n");
    }

    /** Records added, changed and removed per complete snapshot; a bar far above the others is cut and labelled. */
    void changesFigure(StringBuilder html) {
        long[] totals = shown.stream().filter(SnapshotPoint::complete).mapToLong(SnapshotPoint::changeTotal).sorted().toArray();
        long median = totals.length == 0 ? 0 : totals[totals.length / 2];
        long cutAbove = median == 0 ? Long.MAX_VALUE : OUTLIER * median;
        Axis axis = Axis.upTo(Arrays.stream(totals).filter(t -> t <= cutAbove).max().orElse(median));
        html.append("<figure class=\"chart changes\"><figcaption>Changes per snapshot").append(window()).append("</figcaption>\n");
        openPlot(html, "Records added, changed and removed, snapshot by snapshot", axis);
        suspectLines(html);
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            SnapshotPoint s = shown.get(i);
            if (!s.complete() || s.changeTotal() == 0) {
                continue;
            }
            double scale = 1;
            if (s.changeTotal() > axis.top()) {
                scale = (double) axis.top() / s.changeTotal();
                flags.add(new Flag(i, "cut", "\u2191 " + Html.count(s.changeTotal())));
            }
            double x = i * slot + slot * 0.15;
            double base = 0;
            long[] parts = {s.added(), s.changed(), s.removed()};
            String[] colours = {ADDED, CHANGED, REMOVED};
            for (int part = 0; part < parts.length; part++) {
                double height = axis.height(parts[part] * scale);
                if (height > 0) {
                    html.append("<rect fill=\"").append(colours[part]).append("\" x=\"").append(Html.number(x)).append("\" y=\"")
                            .append(Html.number(HEIGHT - base - height)).append("\" width=\"").append(Html.number(slot * 0.7))
                            .append("\" height=\"").append(Html.number(height)).append("\"/>");
                }
                base += height;
            }
            html.append('\n');
        }
        closePlot(html, axis, flags);
        dates(html);
        html.append("<ul class=\"legend\">");
        legend(html, "swatch", ADDED, "added");
        legend(html, "swatch", CHANGED, "changed");
        legend(html, "swatch", REMOVED, "removed");
        html.append("</ul></figure>\n");
    }

    private String window() {
        return shown.size() < total ? " <small>(the last " + shown.size() + " of " + Html.count(total) + " snapshots)</small>" : "";
    }

    /** The plot's box and its grid: what both charts draw first. */
    private void openPlot(StringBuilder html, String label, Axis axis) {
        html.append("<div class=\"plot\"><svg viewBox=\"0 0 ").append(Html.number(WIDTH)).append(' ').append(Html.number(HEIGHT))
                .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"").append(label).append("\">\n<g class=\"grid\">");
        for (long tick : axis.ticks().subList(1, axis.ticks().size())) {
            double y = HEIGHT - axis.height(tick);
            html.append("<line x1=\"0\" x2=\"").append(Html.number(WIDTH)).append("\" y1=\"").append(Html.number(y)).append("\" y2=\"")
                    .append(Html.number(y)).append("\"/>");
        }
        html.append("</g>\n");
    }

    /**
     * What both charts draw last, over their data: the shading of unfinished runs, each slot's details
     * as a tooltip, the base line, then the axis labels and the flags over the plot.
     */
    private void closePlot(StringBuilder html, Axis axis, List<Flag> flags) {
        for (int i = 0; i < shown.size(); i++) {
            String colour = UNFINISHED.get(shown.get(i).status());
            if (colour != null) {
                String x = Html.number(i * slot);
                String width = Html.number(slot);
                html.append("<rect class=\"run\" fill=\"").append(colour).append("\" x=\"").append(x).append("\" y=\"0\" width=\"")
                        .append(width).append("\" height=\"").append(Html.number(HEIGHT)).append("\"/><rect fill=\"").append(colour)
                        .append("\" x=\"").append(x).append("\" y=\"").append(Html.number(HEIGHT - 4)).append("\" width=\"").append(width)
                        .append("\" height=\"4\"/>\n");
            }
        }
        for (int i = 0; i < shown.size(); i++) {
            html.append("<rect class=\"slot\" x=\"").append(Html.number(i * slot)).append("\" y=\"0\" width=\"").append(Html.number(slot))
                    .append("\" height=\"").append(Html.number(HEIGHT)).append("\"><title>").append(describe(shown.get(i)))
                    .append("</title></rect>");
        }
        html.append("\n<line class=\"base\" x1=\"0\" x2=\"").append(Html.number(WIDTH)).append("\" y1=\"").append(Html.number(HEIGHT))
                .append("\" y2=\"").append(Html.number(HEIGHT)).append("\"/></svg>\n");
        for (long tick : axis.ticks()) {
            html.append("<span class=\"tick\" style=\"top:").append(Html.number(100 - axis.height(tick))).append("%\">")
                    .append(Html.count(tick)).append("</span>");
        }
        double[] rowEnds = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Flag flag : flags) {
            double percent = centre(flag.index()) / WIDTH * 100;
            int row = percent - rowEnds[0] >= FLAG_SPACING ? 0 : 1;
            rowEnds[row] = percent;
            String anchor = percent < 12 ? "start" : percent > 88 ? "end" : "middle";
            html.append("<span class=\"flag ").append(flag.kind()).append(' ').append(anchor).append(row == 1 ? " high" : "")
                    .append("\" style=\"left:").append(Html.number(percent)).append("%\">").append(flag.text()).append("</span>");
        }
        html.append("\n</div>\n");
    }

    private void suspectLines(StringBuilder html) {
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).suspect()) {
                String x = Html.number(centre(i));
                html.append("<line class=\"suspect\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"0\" y2=\"")
                        .append(Html.number(HEIGHT)).append("\"/>\n");
            }
        }
    }

    /** The stacked band between {@code below} and {@code top}, drawn out to both edges of the plot. */
    private static String area(double[] xs, long[] below, long[] top, Axis axis) {
        List<String> points = new ArrayList<>();
        int last = xs.length - 1;
        points.add(point(0, top[0], axis));
        for (int i = 0; i <= last; i++) {
            points.add(point(xs[i], top[i], axis));
        }
        points.add(point(WIDTH, top[last], axis));
        points.add(point(WIDTH, below[last], axis));
        for (int i = last; i >= 0; i--) {
            points.add(point(xs[i], below[i], axis));
        }
        points.add(point(0, below[0], axis));
        return "M" + String.join("L", points) + "Z";
    }

    private static String point(double x, long value, Axis axis) {
        return Html.number(x) + " " + Html.number(HEIGHT - axis.height(value));
    }

    /** The dates under the plot: the first and last snapshot's, and two between; the year only when they span more than one. */
    private void dates(StringBuilder html) {
        int last = shown.size() - 1;
        boolean oneYear = Html.year(shown.get(0).started()) == Html.year(shown.get(last).started());
        html.append("<div class=\"dates\">");
        IntStream.of(0, Math.round(last / 3f), Math.round(last * 2 / 3f), last).distinct().forEach(i -> {
            String style = last == 0 ? "middle\" style=\"left:50%"
                    : i == 0 ? "start\" style=\"left:0%"
                    : i == last ? "end\" style=\"left:100%"
                    : "middle\" style=\"left:" + Html.number(centre(i) / WIDTH * 100) + "%";
            html.append("<span class=\"").append(style).append("\">")
                    .append(oneYear ? Html.day(shown.get(i).started()) : Html.month(shown.get(i).started())).append("</span>");
        });
        html.append("</div>\n");
    }

    private static void legend(StringBuilder html, String swatch, String colour, String label) {
        html.append("<li><i class=\"").append(swatch).append("\" style=\"--c:").append(colour).append("\"></i>").append(Html.escape(label))
                .append("</li>");
    }

    private static String describe(SnapshotPoint s) {
        StringBuilder text = new StringBuilder("#").append(s.id()).append(", ").append(Html.time(s.started())).append(", ").append(s.status().label());
        if (s.complete()) {
            text.append(": ").append(Html.count(s.recordTotal())).append(" records; ").append(Html.count(s.added())).append(" added, ")
                    .append(Html.count(s.changed())).append(" changed, ").append(Html.count(s.removed())).append(" removed");
        }
        if (s.suspect()) {
            text.append("; suspect");
        }
        return Html.escape(text.toString());
    }

    /** A label over the plot at a snapshot's slot. */
    private record Flag(int index, String kind, String text) {
    }

    private double centre(int index) {
        return (index + 0.5) * slot;
    }

    private static String kindColour(int index) {
        return KIND_COLOURS.get(index % KIND_COLOURS.size());
    }

    /** A vertical scale from 0 to a round number at or above the highest value, ticked every round step (1, 2 or 5 times ten to a power). */
    private record Axis(long top, long step) {

        static Axis upTo(long highest) {
            long step = roundUp(Math.max(1, (highest + 3) / 4));
            return new Axis(Math.max(step, (highest + step - 1) / step * step), step);
        }

        /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value}. */
        private static long roundUp(long value) {
            long power = 1;
            while (power * 10 < value) {
                power *= 10;
            }
            for (long factor : new long[] {1, 2, 5, 10}) {
                if (factor * power >= value) {
                    return factor * power;
                }
            }
            throw new AssertionError(value);
        }

        List<Long> ticks() {
            List<Long> ticks = new ArrayList<>();
            for (long tick = 0; tick <= top; tick += step) {
                ticks.add(tick);
            }
            return ticks;
        }

        /** How high {@code value} reaches, in the plot's units. */
        double height(double value) {
            return value / top * HEIGHT;
        }
    }
}
