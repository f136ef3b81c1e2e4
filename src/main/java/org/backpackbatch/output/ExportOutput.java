package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.backpackbatch.app.Application;
import org.backpackbatch.app.ExportRequest;
import org.backpackbatch.export.XmlArchiveWriter;

/** How {@code export} says what it wrote. */
public final class ExportOutput {

    private ExportOutput() {
    }

    public static void text(PrintWriter out, Application.ExportResult result) {
        out.printf(Locale.ROOT, "exported snapshot %d of %s (%d pages) to %s as %s in %.1f s%n", result.snapshot().id(),
                result.snapshot().account(), result.pages(), result.out(), what(result), result.elapsed().toMillis() / 1000.0);
    }

    public static void json(JsonLines out, Application.ExportResult result) {
        ObjectNode line = JsonLines.object();
        line.put("snapshot", result.snapshot().id());
        line.put("account", result.snapshot().account());
        line.put("pages", result.pages());
        line.put("format", result.format().label());
        line.put("gzip", result.format() == ExportRequest.Format.XML && XmlArchiveWriter.isGzip(result.out()));
        line.put("out", result.out().toString());
        line.put("seconds", result.elapsed().toMillis() / 1000.0);
        out.write(line);
    }

    private static String what(Application.ExportResult result) {
        return result.format() == ExportRequest.Format.SQLITE ? "SQLite"
                : XmlArchiveWriter.isGzip(result.out()) ? "a gzip XML archive" : "an XML archive";
    }
}
