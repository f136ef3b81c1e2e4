package org.backpackbatch.store;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a backup takes: always the core ({@code pages/all} and one full page a page), and on top
 * of it a choice of {@link Resource}s. {@code core} is none of them, {@code all} every one the API
 * lets the token read; a snapshot keeps what it was taken with, as {@code core}, {@code all} or the
 * comma-separated list.
 */
public record Include(Set<Resource> resources) {

    public static final Include CORE = new Include(Set.of());
    public static final Include ALL = new Include(EnumSet.allOf(Resource.class));

    private static final String CHOICES = "core, all, or a comma-separated list of "
            + Arrays.stream(Resource.values()).map(Resource::label).collect(Collectors.joining(","));

    public Include {
        Set<Resource> copy = EnumSet.noneOf(Resource.class);
        copy.addAll(resources);
        resources = Collections.unmodifiableSet(copy);
    }

    /** {@code core}, {@code all} or a comma-separated list of resources, as the option and the store write it. */
    public static Include parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("core")) {
            return CORE;
        }
        if (wanted.equals("all")) {
            return ALL;
        }
        Set<Resource> resources = EnumSet.noneOf(Resource.class);
        for (String name : wanted.split(",", -1)) {
            try {
                resources.add(Resource.fromLabel(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--include must be " + CHOICES + ", not '" + text + "'");
            }
        }
        return new Include(resources);
    }

    public boolean includes(Resource resource) {
        return resources.contains(resource);
    }

    /** The account's own resources it takes, in the order of their scopes. */
    public List<Resource> accountResources() {
        return Resource.ofAccount().stream().filter(resources::contains).toList();
    }

    /** {@code core}, {@code all}, or the resources in their order, comma-separated. */
    public String storedName() {
        if (resources.isEmpty()) {
            return "core";
        }
        if (resources.size() == Resource.values().length) {
            return "all";
        }
        return resources.stream().map(Resource::label).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return storedName();
    }
}
