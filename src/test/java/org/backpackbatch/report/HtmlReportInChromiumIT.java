package org.backpackbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: rendered by headless Chromium at a desktop's and a phone's
 * width, it draws its charts, fits the screen, and asks the network for nothing but itself.
 * {@code -Dreport.screenshots=DIR} keeps what Chromium showed as {@code DIR/report.png} (the desktop
 * one, which the README shows: {@code -Dreport.screenshots=docs}) and {@code DIR/report-phone.png}.
 */
class HtmlReportInChromiumIT {

    private static HeadlessChromium chromium;

    @TempDir
    Path workspace;

    @BeforeAll
    static void findChromium() {
        chromium = HeadlessChromium.installed();
    }

    @Test
    void desktopPageDrawsEachAccountsChartsAndRequestsNothingButItself() throws Exception {
        HeadlessChromium.Rendering page = chromium.render(HtmlReport.render(SampleReports.month()), 1280, 900, workspace);
        keep(page.screenshot(), "report.png");

        assertThat(page.requests()).containsExactly("GET " + HeadlessChromium.PAGE_URL + " HTTP/1.1");
        assertThat(page.screenshot().getWidth()).isEqualTo(1280);
        assertThat(page.screenshot().getHeight()).isEqualTo(900);
        Map<Integer, Integer> colours = colourCounts(page.screenshot());
        assertThat(colours.size()).as("distinct colours of a page that is not blank").isGreaterThan(500);
        for (String kind : HistoryChart.KIND_COLOURS.subList(0, 7)) {
            assertThat(colours.getOrDefault(rgb(kind), 0)).as("pixels of the area coloured %s", kind).isGreaterThan(400);
        }
        for (String bar : new String[] {HistoryChart.ADDED, HistoryChart.CHANGED, HistoryChart.REMOVED}) {
            assertThat(colours.getOrDefault(rgb(bar), 0)).as("pixels of the bars coloured %s", bar).isGreaterThan(100);
        }
        assertThat(colours.getOrDefault(rgb(HistoryChart.SUSPECT), 0)).as("pixels of the suspect line and flag").isGreaterThan(100);

        assertThat(page.dom()).contains(SampleReports.ACME, "https://family.backpackit.com", "https://new-office.backpackit.com",
                "\u26a0 #152", "suspect snapshot", "failed run", "interrupted run", SampleReports.FAILURE.replace("&", "&amp;"),
                "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'plans' \uD83C\uDF89");
        assertThat(page.dom()).doesNotContain("<script");
        assertThat(page.dom().split("<path class=\"area\"", -1)).as("stacked areas: 7 kinds in each of 3 accounts").hasSize(7 * 3 + 1);
    }

    @Test
    void phonePageFitsTheScreenWithItsCharts() throws Exception {
        HeadlessChromium.Rendering page = chromium.render(HtmlReport.render(SampleReports.month()), 390, 1200, workspace);

        assertThat(page.requests()).containsExactly("GET " + HeadlessChromium.PAGE_URL + " HTTP/1.1");
        BufferedImage screenshot = page.screenshot();
        keep(screenshot, "report-phone.png");
        assertThat(screenshot.getWidth()).isEqualTo(390);
        int background = rgb("#f2f4f7");
        for (int x : new int[] {2, 387}) {
            long margin = 0;
            for (int y = 0; y < screenshot.getHeight(); y++) {
                margin += (screenshot.getRGB(x, y) & 0xFFFFFF) == background ? 1 : 0;
            }
            assertThat(margin).as("page background at x=%d: the cards fit the width", x).isEqualTo(screenshot.getHeight());
        }
        Map<Integer, Integer> colours = colourCounts(screenshot);
        assertThat(colours.getOrDefault(rgb(HistoryChart.KIND_COLOURS.get(3)), 0)).as("pixels of the items' area").isGreaterThan(400);
        assertThat(colours.getOrDefault(rgb(HistoryChart.SUSPECT), 0)).as("pixels of the suspect line and flag").isGreaterThan(50);
    }

    private static Map<Integer, Integer> colourCounts(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    private static void keep(BufferedImage screenshot, String name) throws Exception {
        String folder = System.getProperty("report.screenshots");
        if (folder != null) {
            ImageIO.write(screenshot, "png", Path.of(folder).resolve(name).toFile());
        }
    }
}
