package org.backpackbatch.emulator;

/** What the emulator does to one request instead of answering it normally. */
public enum Fault {
    NONE,
    /** HTTP 500 with a plain body, before the request is carried out. */
    SERVER_ERROR,
    /** The request is carried out, then the connection is closed without an answer. */
    DROPPED_CONNECTION,
    /** The request is carried out and its answer is cut off mid-XML. */
    CUT_BODY
}
