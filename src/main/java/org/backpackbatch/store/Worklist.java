package org.backpackbatch.store;

import org.springframework.jdbc.core.RowMapper;

/** A run's worklist: how many pages it has in all, and how many of them are done. */
public record Worklist(long pages, long done) {

    static final RowMapper<Worklist> ROW = (rs, row) -> new Worklist(rs.getLong("pages"), rs.getLong("done"));

    public long left() {
        return pages - done;
    }
}
