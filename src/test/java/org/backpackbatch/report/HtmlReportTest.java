package org.backpackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backpackbatch.store.Difference.Change;
import org.backpackbatch.store.OutputFile;
import org.backpackbatch.store.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.backpackbatch.store.RunState;

/** The page as a file: what it says of each account, that it is safe and self-contained, and that it is always the same. */
class HtmlReportTest {

    private static final Instant JUNE_1 = Instant.parse("2025-06-01T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void escapesEveryTextThatComesFromTheStore() {
        String url = "https://x.backpackit.com/?a=1&b=<b>\"q\"'";
        String kind = "<kind>";
        List<SnapshotPoint> snapshots = List.of(complete(1, 0, Map.of(kind, 3L), 3, 0, 0), complete(2, 1, Map.of(kind, 4L), 1, 0, 0));
        DiffSummary diff = new DiffSummary(1, 2, List.of(new DiffSummary.KindChanges("<item>", 1, 0, 0)),
                List.of(new DiffSummary.Example("<item>", Change.ADDED, SampleReports.NASTY_TITLE)));
        RunFailure failure = new RunFailure(JUNE_1, "<what>", "error at <page> & \"more\"\u0007");
        StoreReport report = new StoreReport("<store>&.db", 1000, 10, JUNE_1, List.of(new AccountHistory(url, snapshots, List.of(failure), diff)));

        String page = HtmlReport.render(report);

        assertThat(page).contains("https://x.backpackit.com/?a=1&amp;b=&lt;b&gt;&quot;q&quot;&#39;", "&lt;store&gt;&amp;.db",
                "&lt;kind&gt;", "&lt;item&gt;", "&lt;what&gt;", "error at &lt;page&gt; &amp; &quot;more&quot;\ufffd",
                "Q3 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;plans&#39; \uD83C\uDF89");
        for (String raw : new String[] {url, "<store>", kind, "<item>", "<what>", "<page>", "<script>", "\u0007"}) {
            assertThat(page).doesNotContain(raw);
        }
    }

    @Test
    void theSameReportIsTheSameBytesWhateverTheMachinesLanguageAndTimeZone() {
        String page = HtmlReport.render(SampleReports.month());
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            assertThat(HtmlReport.render(SampleReports.month())).isEqualTo(page);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        assertThat(page).contains("48.3 MB", "402,113 record versions", "data as of 2025-06-30 06:00 UTC", ">Jun 1<", ">Jun 30<");
    }

    @Test
    void loadsNothingAndFitsAPhone() {
        String page = HtmlReport.render(SampleReports.month());

        assertThat(page).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">",
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "@media (max-width:520px)");
        // the only address in the page is the inline icon, which keeps browsers from fetching /favicon.ico
        assertThat(page.replace("<link rel=\"icon\" href=\"data:,\">", "")).doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("href=").doesNotContainIgnoringCase("src=").doesNotContainIgnoringCase("url(")
                .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("<object").doesNotContainIgnoringCase("http-equiv");
        assertThat(page.replace(SampleReports.FAILURE, "").replaceAll("https://[a-z-]+\\.backpackit\\.com", ""))
                .as("no address but the accounts' names, shown as text").doesNotContain("://");
    }

    @Test
    void aSuspectSnapshotIsMarkedInBothChartsFlaggedAndNamedInTheLegend() {
        List<SnapshotPoint> snapshots = new ArrayList<>(SampleReports.daily(10, 4, new long[] {10, 20, 0, 40, 0, 0, 0}, 2));
        String before = HtmlReport.render(report(history(snapshots)));
        snapshots.set(2, SampleReports.suspect(snapshots.get(2), snapshots.get(1)));

        String page = HtmlReport.render(report(history(snapshots)));

        assertThat(before).doesNotContain("class=\"suspect\"", "\u26a0", "suspect snapshot");
        // the third of four slots of a 1000 wide plot is centred at 625
        assertThat(count(page, "<line class=\"suspect\" x1=\"625\" x2=\"625\" y1=\"0\" y2=\"100\"/>")).isEqualTo(2);
        assertThat(page).contains("<span class=\"flag suspect middle\" style=\"left:62.5%\">\u26a0 #16</span>",
                "suspect snapshot (removed half or more)</li>", "<span class=\"badge ok\">ok</span>");
        assertThat(page).contains("<title>#16, 2025-06-29 02:10 UTC, complete: 28 records; 0 added, 3 changed, 48 removed; suspect</title>");

        snapshots.add(SampleReports.suspect(SampleReports.daily(10, 5, new long[] {10, 20, 0, 40, 0, 0, 0}, 2).get(4), snapshots.get(3)));
        assertThat(HtmlReport.render(report(history(snapshots)))).contains("<span class=\"badge bad\">latest snapshot suspect</span>");
    }

    @Test
    void anAccountWithOneSnapshotHasChartsButNoDiff() {
        Map<String, Long> records = new LinkedHashMap<>();
        records.put("pages", 2L);
        records.put("notes", 5L);
        SnapshotPoint only = complete(7, 0, records, 7, 0, 0);

        String page = HtmlReport.render(report(new AccountHistory("https://one.backpackit.com", List.of(only), List.of(), null)));

        // one snapshot: each kind a band across the whole plot, on an axis of round numbers up to 8
        assertThat(page).contains("<path class=\"area\" fill=\"#4e79a7\" d=\"M0 75L500 75L1000 75L1000 100L500 100L0 100Z\"><title>pages</title>",
                "<path class=\"area\" fill=\"#76b7b2\" d=\"M0 12.5L500 12.5L1000 12.5L1000 75L500 75L0 75Z\"><title>notes</title>",
                "1 snapshot \u00b7 latest complete: #7, 2025-06-01 02:05 UTC \u00b7 7 records</p>", "A diff needs two complete snapshots.",
                "None recorded.");
        assertThat(count(page, "<svg ")).isEqualTo(2);
        assertThat(page).doesNotContain("grows");
    }

    @Test
    void anAccountWithoutSnapshotsSaysSoWithoutCharts() {
        RunFailure refused = new RunFailure(JUNE_1, "backup", "the server refused the token (401); check --token-file");

        String page = HtmlReport.render(report(new AccountHistory("https://new.backpackit.com", List.of(), List.of(refused), null)));

        assertThat(page).contains("<span class=\"badge warn\">no snapshot yet</span>", "1 needs a look", "0 snapshots \u00b7 a backup takes the first one",
                "<time>2025-06-01 02:00 UTC</time><b>backup</b><code>the server refused the token (401); check --token-file</code>");
        assertThat(page).doesNotContain("<svg");
    }

    @Test
    void unfinishedRunsAreShadedInBothChartsAndTheLastOneIsABadge() {
        List<SnapshotPoint> snapshots = new ArrayList<>(SampleReports.daily(10, 4, new long[] {10, 20, 0, 40, 0, 0, 0}, 2));
        snapshots.set(1, SampleReports.unfinished(snapshots.get(1), RunState.INTERRUPTED));
        snapshots.set(3, SampleReports.unfinished(snapshots.get(3), RunState.FAILED));
        List<RunFailure> failures = List.of(new RunFailure(JUNE_1.plusSeconds(60), "backup", "503 for page 4"),
                new RunFailure(JUNE_1, "backup", "interrupted by SIGINT"));

        String page = HtmlReport.render(report(new AccountHistory("https://a.backpackit.com", snapshots, failures, null)));

        assertThat(count(page, "<rect class=\"run\" fill=\"" + HistoryChart.UNFINISHED.get(RunState.FAILED) + "\" x=\"750\"")).isEqualTo(2);
        assertThat(count(page, "<rect class=\"run\" fill=\"" + HistoryChart.UNFINISHED.get(RunState.INTERRUPTED) + "\" x=\"250\"")).isEqualTo(2);
        assertThat(page).contains("<span class=\"badge bad\">last run failed</span>", "failed run</li>", "interrupted run</li>",
                "latest complete: #16");
        assertThat(page.indexOf("503 for page 4")).as("failures in the order given: newest first").isLessThan(page.indexOf("SIGINT"));
        // the records' band joins the two complete snapshots (slots 1 and 3 of 4) across the interrupted run
        assertThat(areaPoints(page).stream().map(point -> point.split(" ")[0]))
                .containsExactly("0", "125", "625", "1000", "1000", "625", "125", "0");
    }

    @Test
    void aBarFarAboveTheOthersIsCutAndLabelledSoThatTheUsualChangesStayReadable() {
        List<SnapshotPoint> snapshots = SampleReports.daily(10, 5, new long[] {100, 900, 0, 2000, 0, 0, 0}, 2);

        String page = HtmlReport.render(report(history(snapshots)));

        assertThat(page).contains("<span class=\"flag cut start\" style=\"left:10%\">\u2191 3,000</span>");
        // the usual bars (18 to 24 records) are drawn on an axis up to 30, not 3,000
        assertThat(page).contains("<span class=\"tick\" style=\"top:0%\">30</span>");
    }

    @Test
    void aLongHistoryShowsItsNewestSnapshotsAndARunningOneIsNoProblem() {
        List<SnapshotPoint> snapshots = new ArrayList<>();
        for (int day = 0; day < HtmlReport.CHART_SNAPSHOTS + 10; day++) {
            snapshots.add(complete(day + 1, day - 170, Map.of("pages", 10L + day), day == 0 ? 10 : 1, 0, 0));
        }
        snapshots.add(new SnapshotPoint(200, JUNE_1.plusSeconds(86_400 * 120), null, RunState.RUNNING, false, Map.of(), 0, 0, 0));

        String page = HtmlReport.render(report(history(snapshots)));

        assertThat(page).contains("Records per kind <small>(the last 90 of 101 snapshots)</small>", ">Dec 2024<", ">Sep 2025<",
                "<title>#12, 2024-12-24 02:00 UTC, complete: 21 records; 1 added, 0 changed, 0 removed</title>",
                "<span class=\"badge idle\">a run is in progress</span>", "all healthy");
        assertThat(page).doesNotContain("<title>#11,");
        assertThat(count(page, "<rect class=\"slot\"")).isEqualTo(2 * HtmlReport.CHART_SNAPSHOTS);
    }

    @Test
    void writesThroughTheOutputFilePolicy() throws Exception {
        StoreReport report = SampleReports.month();
        Path out = dir.resolve("report.html");

        HtmlReport.write(report, OutputFile.at(out));

        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.render(report));
        assertThatThrownBy(() -> HtmlReport.write(report, OutputFile.at(out))).isInstanceOf(OutputFile.Refused.class)
                .hasMessage(out + " exists; give --force to replace it");
        HtmlReport.write(report, OutputFile.at(out).replacing(true));
    }

    static SnapshotPoint complete(long id, int day, Map<String, Long> records, long added, long changed, long removed) {
        Instant started = JUNE_1.plusSeconds(86_400L * day);
        return new SnapshotPoint(id, started, started.plusSeconds(300), RunState.COMPLETE, false, records, added, changed, removed);
    }

    private static AccountHistory history(List<SnapshotPoint> snapshots) {
        return new AccountHistory("https://a.backpackit.com", snapshots, List.of(), null);
    }

    private static StoreReport report(AccountHistory account) {
        return new StoreReport("store.db", 2_000_000, 20_000, JUNE_1.plusSeconds(86_400 * 40), List.of(account));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** The points of the lowest stacked area, as "x y". */
    private static List<String> areaPoints(String page) {
        Matcher area = Pattern.compile("<path class=\"area\" fill=\"#4e79a7\" d=\"M([^\"]*)Z\"").matcher(page);
        assertThat(area.find()).isTrue();
        return List.of(area.group(1).split("L"));
    }
}
