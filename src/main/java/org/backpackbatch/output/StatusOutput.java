package org.backpackbatch.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.backpackbatch.schedule.AccountStatus;

/** How {@code status} shows a store's accounts: one line, or one JSON object, each. */
public final class StatusOutput {

    private StatusOutput() {
    }

    /** {@code where} names the store when it has no accounts. */
    public static void text(PrintWriter out, List<AccountStatus> statuses, String where) {
        if (statuses.isEmpty()) {
            out.println("no accounts in " + where);
            return;
        }
        for (AccountStatus s : statuses) {
            out.println(s.account()
                    + "  last complete: " + (s.lastComplete() == null ? "none" : "snapshot " + s.lastComplete().id() + " at " + s.lastComplete().finishedAt())
                    + "; running: " + (s.runningOn() == null ? "no" : "on " + s.runningOn())
                    + "; next start: " + (s.nextStart() == null ? "none" : s.nextStart())
                    // last: an error line may hold anything
                    + "; last failure: " + (s.lastFailure() == null ? "none"
                            : "snapshot " + s.lastFailure().snapshotId() + " " + s.lastFailure().state().label() + " at " + s.lastFailure().endedAt()
                                    + ": " + s.lastFailure().error()));
        }
    }

    public static void json(JsonLines out, List<AccountStatus> statuses) {
        for (AccountStatus s : statuses) {
            ObjectNode line = JsonLines.object();
            line.put("account", s.account());
            if (s.lastComplete() == null) {
                line.putNull("last_complete");
            } else {
                ObjectNode complete = line.putObject("last_complete");
                complete.put("snapshot", s.lastComplete().id());
                complete.put("finished", s.lastComplete().finishedAt());
            }
            if (s.lastFailure() == null) {
                line.putNull("last_failure");
            } else {
                ObjectNode failure = line.putObject("last_failure");
                failure.put("snapshot", s.lastFailure().snapshotId());
                failure.put("status", s.lastFailure().state().label());
                failure.put("ended", s.lastFailure().endedAt().toString());
                failure.put("error", s.lastFailure().error());
            }
            line.put("running", s.runningOn() != null);
            line.put("node", s.runningOn());
            line.put("next_start", s.nextStart() == null ? null : s.nextStart().toString());
            out.write(line);
        }
    }

}
