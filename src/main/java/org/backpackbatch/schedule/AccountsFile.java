package org.backpackbatch.schedule;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backpackbatch.api.AccountUrl;

/**
 * The accounts of a backup job that names {@code accounts: FILE}: a CSV file with the header
 * {@code url,token_file} and one account a line. A relative token file is taken from the CSV's
 * folder. Every problem names the file, the line and the field, so that a fleet of thousands of
 * accounts is checked whole before the daemon starts.
 */
public final class AccountsFile {

    static final String HEADER = "url,token_file";
    /**
     * Each account is a Quartz job named by its URL, and each of its runs a trigger named by the URL
     * and the run's times: Quartz names them in 200 characters (QRTZ_TRIGGERS.TRIGGER_NAME).
     */
    static final int MAX_URL_LENGTH = 160;
    /** Past this many, the rest of a broken file's problems are counted, not listed. */
    private static final int MAX_PROBLEMS = 20;

    /** One account of the file: its URL, its token file, and its line (for messages). */
    public record Entry(AccountUrl url, Path tokenFile, int line) {
    }

    /** The file's problems, one line each; none were found if it was read. */
    public static final class InvalidAccountsException extends RuntimeException {
        private final List<String> problems;

        InvalidAccountsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private AccountsFile() {
    }

    /** Reads and checks the whole file: every URL well formed and named once, every token file readable. */
    public static List<Entry> read(Path file) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<AccountUrl, Integer> seen = new HashMap<>();
        Path folder = file.toAbsolutePath().getParent();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !fields(stripBom(header)).equals(List.of("url", "token_file"))) {
                throw new InvalidAccountsException(List.of(file + ": line 1: the header must be '" + HEADER + "'"));
            }
            int number = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Entry entry = entry(file, folder, number, fields(line), problems);
                if (entry == null) {
                    continue;
                }
                Integer first = seen.putIfAbsent(entry.url(), number);
                if (first != null) {
                    problems.add(file + ": line " + number + ": field 'url': " + entry.url() + " is already on line " + first);
                } else {
                    entries.add(entry);
                }
            }
        } catch (CharacterCodingException e) {
            throw new InvalidAccountsException(List.of(file + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new InvalidAccountsException(List.of(file + ": cannot read it: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
        if (problems.isEmpty() && entries.isEmpty()) {
            problems.add(file + ": no accounts (one a line after the header '" + HEADER + "')");
        }
        if (!problems.isEmpty()) {
            if (problems.size() > MAX_PROBLEMS) {
                int more = problems.size() - MAX_PROBLEMS;
                problems.subList(MAX_PROBLEMS, problems.size()).clear();
                problems.add(file + ": and " + more + " more problems");
            }
            throw new InvalidAccountsException(problems);
        }
        return List.copyOf(entries);
    }

    private static Entry entry(Path file, Path folder, int number, List<String> fields, List<String> problems) {
        String where = file + ": line " + number + ": ";
        if (fields.size() != 2) {
            problems.add(where + "has " + fields.size() + " field" + (fields.size() == 1 ? "" : "s") + ", not 2 (" + HEADER + ")");
            return null;
        }
        AccountUrl url;
        try {
            url = AccountUrl.parse(fields.get(0));
        } catch (IllegalArgumentException e) {
            problems.add(where + "field 'url': " + e.getMessage());
            return null;
        }
        if (url.toString().length() > MAX_URL_LENGTH) {
            problems.add(where + "field 'url': longer than " + MAX_URL_LENGTH + " characters");
            return null;
        }
        String token = fields.get(1).strip();
        if (token.isEmpty()) {
            problems.add(where + "field 'token_file': has no value");
            return null;
        }
        Path tokenFile = folder.resolve(token).normalize();
        if (!Files.isRegularFile(tokenFile) || !Files.isReadable(tokenFile)) {
            problems.add(where + "field 'token_file': cannot read " + tokenFile);
            return null;
        }
        return new Entry(url, tokenFile, number);
    }

    /** A CSV line's fields (RFC 4180: a field in double quotes may hold commas, and "" is a quote). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }

    private static String stripBom(String header) {
        return header.startsWith("\uFEFF") ? header.substring(1) : header;
    }
}
