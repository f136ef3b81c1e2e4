package org.backpackbatch.api.xml;

import javax.xml.stream.Location;

/**
 * Bytes that are not the Backpack XML expected: not well-formed, truncated, empty, HTML, the wrong
 * root, a DTD, an unknown entity, over a size or depth limit, or a missing or non-numeric id. The
 * message names the problem and, when known, its line and column; it never quotes the body beyond
 * a short excerpt.
 */
public class MalformedXmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final int MAX_PROBLEM_LENGTH = 300;

    private final int line;
    private final int column;
    private final boolean truncated;

    /** {@code where} may be null when the position is unknown. */
    public MalformedXmlException(String problem, Location where) {
        this(problem, where, null);
    }

    /** {@code where} may be null when the position is unknown. */
    public MalformedXmlException(String problem, Location where, Throwable cause) {
        // an end of input after the document began; an empty body has no position and is not "cut"
        this(problem, where, cause, cause instanceof com.ctc.wstx.exc.WstxEOFException && where != null);
    }

    /** With {@code truncated} when the reader knows the input ran out in the middle of the document. */
    public MalformedXmlException(String problem, Location where, Throwable cause, boolean truncated) {
        super(describe(problem, where), cause);
        this.line = where == null ? -1 : where.getLineNumber();
        this.column = where == null ? -1 : where.getColumnNumber();
        this.truncated = truncated;
    }

    /**
     * True when the body ended in the middle of the document: a transfer cut short, which a
     * client may retry, unlike a body that is wrong all the way through.
     */
    public boolean truncated() {
        return truncated;
    }

    /** Line of the problem, counted from 1, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** Column of the problem, counted from 1, or -1 when unknown. */
    public int column() {
        return column;
    }

    private static String describe(String problem, Location where) {
        String shortProblem = problem.length() > MAX_PROBLEM_LENGTH
                ? problem.substring(0, MAX_PROBLEM_LENGTH) + "..."
                : problem;
        if (where == null || where.getLineNumber() < 0) {
            return "malformed Backpack XML: " + shortProblem;
        }
        return "malformed Backpack XML at line " + where.getLineNumber() + ", column " + where.getColumnNumber()
                + ": " + shortProblem;
    }
}
