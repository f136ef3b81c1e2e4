package org.backpackbatch.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.backpackbatch.store.Difference;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.Snapshot;

/**
 * A {@link StoreReport} as one self-contained HTML page: inline CSS and SVG, no script, and
 * nothing that loads anything (no font, image, style sheet or link to fetch; even the icon is
 * inline), so that it opens anywhere, offline, and on a phone. The same report renders the same
 * bytes: every text and number is written without locale or time zone.
 */
public final class HtmlReport {

    /** The newest snapshots an account's charts show: three months of daily backups, still readable on a phone. */
    static final int CHART_SNAPSHOTS = 90;
    /** How far back the store's growth is summed. */
    static final Duration GROWTH_WINDOW = Duration.ofDays(30);

    private static final String STYLE = """
            :root{--bg:#f2f4f7;--card:#fff;--ink:#1d2733;--muted:#5c6877;--line:#e4e7eb}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            header,main,footer{max-width:1120px;margin:0 auto;padding:0 16px}
            header{padding-top:20px}
            h1{font-size:1.45rem;margin:0}
            .sub{color:var(--muted);margin:2px 0 14px;overflow-wrap:anywhere}
            .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:0 0 16px}
            .tiles div,.account{background:var(--card);border-radius:12px;box-shadow:0 1px 3px rgba(16,24,40,.08)}
            .tiles div{padding:10px 14px}
            .tiles dt{color:var(--muted);font-size:.78rem}
            .tiles dd{margin:0;font-size:1.3rem;font-weight:650}
            .tiles small{display:block;font-size:.75rem;font-weight:400;color:var(--muted)}
            .account{padding:16px 18px 18px;margin:0 0 16px}
            h2{font-size:1.08rem;margin:0;overflow-wrap:anywhere}
            .badge{display:inline-block;font-size:.72rem;font-weight:650;padding:1px 8px;border-radius:999px;margin-left:6px;vertical-align:2px;white-space:nowrap}
            .ok{background:#e2f3e5;color:#1d6a2a}.bad{background:#fde2e1;color:#9b1c1c}.warn{background:#fff0d4;color:#875000}.idle{background:#e7eaee;color:#46515d}
            .facts{color:var(--muted);font-size:.88rem;margin:4px 0 12px}
            .charts,.details{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,400px),1fr));gap:14px 32px}
            .details{margin-top:18px}
            figure{margin:0}
            figcaption,h3{font-weight:650;font-size:.9rem;margin:0 0 6px}
            small{font-weight:400;color:var(--muted)}
            .plot{position:relative;height:170px;margin:30px 0 0 46px}
            .plot svg{position:absolute;inset:0;width:100%;height:100%;overflow:visible}
            svg line{vector-effect:non-scaling-stroke;stroke-width:1}
            .grid line{stroke:#e4e7eb}
            .base{stroke:#8d96a0}
            line.suspect{stroke:#b3261e;stroke-width:2;stroke-dasharray:5 3}
            .run{opacity:.2}
            .slot{fill:transparent}
            .slot:hover{fill:rgba(0,0,0,.07)}
            .tick{position:absolute;right:calc(100% + 6px);transform:translateY(-50%);font-size:.72rem;color:var(--muted);white-space:nowrap}
            .flag{position:absolute;bottom:calc(100% + 2px);font-size:.72rem;font-weight:650;white-space:nowrap;line-height:1.2}
            .flag.high{bottom:calc(100% + 16px)}.flag.suspect{color:#b3261e}.flag.cut{color:var(--muted)}
            .middle{transform:translateX(-50%)}.end{transform:translateX(-100%)}
            .dates{position:relative;height:1.5em;margin-left:46px;font-size:.72rem;color:var(--muted)}
            .dates span{position:absolute;top:3px;white-space:nowrap}
            .legend{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:2px 14px;font-size:.78rem;color:var(--muted)}
            .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;background:var(--c);margin-right:5px;vertical-align:-1px}
            .swatch.suspect{width:0;height:13px;border-radius:0;background:none;border-left:2px dashed var(--c);margin:0 7px 0 4px;vertical-align:-2px}
            .swatch.run{opacity:.4}
            table{border-collapse:collapse;font-size:.85rem;width:100%;font-variant-numeric:tabular-nums}
            th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:right}
            th{font-weight:600;color:var(--muted)}
            th:first-child,td:first-child{text-align:left;padding-left:0}
            ul.examples,ul.failures{list-style:none;padding:0;margin:8px 0 0;font-size:.85rem}
            .examples li,.failures li{padding:3px 0;overflow-wrap:anywhere}
            .change{display:inline-block;min-width:4.6em;text-align:center;font-size:.7rem;font-weight:650;padding:0 6px;border-radius:999px;margin-right:6px}
            .added{background:#e2f3e5;color:#1d6a2a}.changed{background:#e2ebfa;color:#1f4f99}.removed{background:#fde2e1;color:#9b1c1c}
            .kind{color:var(--muted)}
            ul.failures time{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:6px}
            ul.failures code{display:block;font:.8rem/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;color:#8f1d1d;background:#fdf2f1;padding:4px 8px;border-radius:6px;margin-top:3px;white-space:pre-wrap;overflow-wrap:anywhere}
            .none{color:var(--muted);font-size:.85rem;margin:0}
            footer{color:var(--muted);font-size:.75rem;padding-bottom:24px}
            @media (max-width:520px){header,main,footer{padding:0 10px}header{padding-top:14px}.account{padding:12px}.plot{height:140px;margin-left:40px}.dates{margin-left:40px}}
            """;

    private final StoreReport report;
    private final StringBuilder html = new StringBuilder(64 * 1024);

    private HtmlReport(StoreReport report) {
        this.report = report;
    }

    /** The page. */
    public static String render(StoreReport report) {
        return new HtmlReport(report).page();
    }

    /** Writes the page to {@code out}, by its rules (folder, --force, spared files, whole or not at all). */
    public static void write(StoreReport report, OutputFile out) {
        String page = render(report);
        out.write(temporary -> Files.writeString(temporary, page, StandardCharsets.UTF_8));
    }

    private String page() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n")
                // an inline icon: without one, browsers fetch /favicon.ico
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>Backup report: ").append(Html.escape(report.store())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header();
        html.append("<main>\n");
        for (int i = 0; i < report.accounts().size(); i++) {
            account(i + 1, report.accounts().get(i));
        }
        if (report.accounts().isEmpty()) {
            html.append("<p class=\"none\">The store holds no account yet: a backup adds one.</p>\n");
        }
        html.append("</main>\n<footer>Written by backpack-batch's report from the store ").append(Html.escape(report.store()))
                .append(" as it was at ").append(Html.time(report.asOf()))
                .append(". This page is complete in itself: it loads nothing from the network.</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header() {
        long snapshots = report.accounts().stream().mapToLong(a -> a.snapshots().size()).sum();
        long needingLook = report.accounts().stream().filter(a -> problems(a).stream().anyMatch(Badge::needsALook)).count();
        html.append("<header>\n<h1>Backup report</h1>\n<p class=\"sub\">Store <b>").append(Html.escape(report.store()))
                .append("</b> \u00b7 data as of ").append(Html.time(report.asOf())).append("</p>\n<dl class=\"tiles\">\n");
        tile("Store size", Html.bytes(report.sizeBytes()), Html.count(report.versions()) + " record versions");
        growthTile();
        tile("Accounts", Html.count(report.accounts().size()),
                needingLook == 0 ? "all healthy" : Html.count(needingLook) + (needingLook == 1 ? " needs" : " need") + " a look");
        long suspect = report.accounts().stream().flatMap(a -> a.snapshots().stream()).filter(SnapshotPoint::suspect).count();
        tile("Snapshots", Html.count(snapshots), suspect == 0 ? "none suspect" : Html.count(suspect) + " suspect");
        html.append("</dl>\n</header>\n");
    }

    /** What the snapshots of the last {@link #GROWTH_WINDOW} wrote: one version per record added or changed. */
    private void growthTile() {
        Instant since = report.asOf().minus(GROWTH_WINDOW);
        long written = report.accounts().stream().flatMap(a -> a.snapshots().stream())
                .filter(s -> s.complete() && s.started().isAfter(since) && !s.started().isAfter(report.asOf()))
                .mapToLong(s -> s.added() + s.changed()).sum();
        String label = "Growth, last " + GROWTH_WINDOW.toDays() + " days";
        if (report.versions() == 0) {
            tile(label, "+" + Html.count(written), "record versions");
        } else {
            tile(label, "+" + Html.bytes(written * report.bytesPerVersion()), "\u2248 " + Html.count(written) + " versions written");
        }
    }

    private void tile(String title, String value, String note) {
        html.append("<div><dt>").append(title).append("</dt><dd>").append(value).append("<small>").append(note).append("</small></dd></div>\n");
    }

    private void account(int number, AccountHistory account) {
        html.append("<section class=\"account\" id=\"account-").append(number).append("\">\n<h2>").append(Html.escape(account.account()));
        List<Badge> problems = problems(account);
        (problems.isEmpty() ? List.of(new Badge("ok", "ok")) : problems)
                .forEach(p -> html.append("<span class=\"badge ").append(p.tone()).append("\">").append(p.text()).append("</span>"));
        html.append("</h2>\n<p class=\"facts\">").append(facts(account)).append("</p>\n");
        if (!account.snapshots().isEmpty()) {
            HistoryChart chart = new HistoryChart(account.snapshots(), CHART_SNAPSHOTS);
            html.append("<div class=\"charts\">\n");
            chart.recordsFigure(html);
            chart.changesFigure(html);
            html.append("</div>\n");
        }
        html.append("<div class=\"details\">\n");
        latestDiff(account.latestDiff());
        failures(account.failures());
        html.append("</div>\n</section>\n");
    }

    /** A word next to an account's name; its tone is its colour: ok, bad, warn, or idle for news that is no problem. */
    private record Badge(String tone, String text) {
        boolean needsALook() {
            return tone.equals("bad") || tone.equals("warn");
        }
    }

    /** What is worth saying: how the last run ended (or that one is running), and whether the latest complete snapshot is suspect. */
    private static List<Badge> problems(AccountHistory account) {
        List<Badge> problems = new ArrayList<>();
        Optional<SnapshotPoint> latest = account.latest();
        if (latest.isEmpty()) {
            problems.add(new Badge("warn", "no snapshot yet"));
            return problems;
        }
        switch (latest.get().status()) {
            case FAILED -> problems.add(new Badge("bad", "last run failed"));
            case INTERRUPTED -> problems.add(new Badge("warn", "last run interrupted"));
            case RUNNING -> problems.add(new Badge("idle", "a run is in progress"));
            default -> {
            }
        }
        if (account.latestComplete().map(SnapshotPoint::suspect).orElse(false)) {
            problems.add(new Badge("bad", "latest snapshot suspect"));
        }
        return problems;
    }

    private String facts(AccountHistory account) {
        List<String> facts = new ArrayList<>();
        facts.add(plural(account.snapshots().size(), "snapshot"));
        Optional<SnapshotPoint> latest = account.latestComplete();
        if (latest.isEmpty()) {
            facts.add(account.snapshots().isEmpty() ? "a backup takes the first one" : "none complete yet");
        } else {
            facts.add("latest complete: #" + latest.get().id() + ", " + Html.time(latest.get().finished() == null
                    ? latest.get().started() : latest.get().finished()));
            facts.add(plural(latest.get().recordTotal(), "record"));
        }
        growthPerSnapshot(account).ifPresent(facts::add);
        return String.join(" \u00b7 ", facts);
    }

    /** The median growth of a snapshot after the account's first complete one (a full copy, never typical). */
    private Optional<String> growthPerSnapshot(AccountHistory account) {
        long[] written = account.snapshots().stream().filter(SnapshotPoint::complete).skip(1).mapToLong(s -> s.added() + s.changed())
                .sorted().toArray();
        if (written.length == 0) {
            return Optional.empty();
        }
        long median = written[written.length / 2];
        return Optional.of(report.versions() == 0 ? "\u2248 " + plural(median, "version") + " written per snapshot"
                : "grows \u2248 " + Html.bytes(median * report.bytesPerVersion()) + " per snapshot");
    }

    private void latestDiff(DiffSummary diff) {
        html.append("<div class=\"latest-diff\">\n<h3>Latest changes");
        if (diff == null) {
            html.append("</h3>\n<p class=\"none\">A diff needs two complete snapshots.</p>\n</div>\n");
            return;
        }
        html.append(" <small>#").append(diff.fromId()).append(" \u2192 #").append(diff.toId()).append("</small></h3>\n");
        if (diff.kinds().isEmpty()) {
            html.append("<p class=\"none\">Nothing changed.</p>\n</div>\n");
            return;
        }
        html.append("<table><thead><tr><th>kind</th><th>added</th><th>changed</th><th>removed</th></tr></thead><tbody>\n");
        diff.kinds().forEach(k -> html.append("<tr><td>").append(Html.escape(k.kind())).append("</td><td>").append(Html.count(k.added()))
                .append("</td><td>").append(Html.count(k.changed())).append("</td><td>").append(Html.count(k.removed())).append("</td></tr>\n"));
        html.append("</tbody></table>\n<ul class=\"examples\">\n");
        for (DiffSummary.Example example : diff.examples()) {
            String change = example.change().name().toLowerCase(Locale.ROOT);
            html.append("<li><span class=\"change ").append(change).append("\">").append(change).append("</span><span class=\"kind\">")
                    .append(Html.escape(example.kind())).append("</span> ")
                    .append(example.title() == null || example.title().isBlank() ? "<i>(untitled)</i>"
                            : "\u201c" + Html.escape(example.title()) + "\u201d")
                    .append("</li>\n");
        }
        long shown = diff.examples().size();
        long all = diff.total(Difference.Change.ADDED) + diff.total(Difference.Change.CHANGED) + diff.total(Difference.Change.REMOVED);
        if (all > shown) {
            html.append("<li class=\"kind\">\u2026 and ").append(Html.count(all - shown)).append(" more: <code>backpack-batch diff</code> lists them all</li>\n");
        }
        html.append("</ul>\n</div>\n");
    }

    private void failures(List<RunFailure> failures) {
        html.append("<div class=\"last-failures\">\n<h3>Last failures</h3>\n");
        if (failures.isEmpty()) {
            html.append("<p class=\"none\">None recorded.</p>\n</div>\n");
            return;
        }
        html.append("<ul class=\"failures\">\n");
        failures.forEach(f -> html.append("<li><time>").append(Html.time(f.at())).append("</time><b>").append(Html.escape(f.what()))
                .append("</b><code>").append(Html.escape(f.error())).append("</code></li>\n"));
        html.append("</ul>\n</div>\n");
    }

    /** "1 snapshot", "30 snapshots". */
    private static String plural(long count, String noun) {
        return Html.count(count) + " " + noun + (count == 1 ? "" : "s");
    }
}
