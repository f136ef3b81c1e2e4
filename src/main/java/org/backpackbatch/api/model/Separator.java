package org.backpackbatch.api.model;

public record Separator(long id, String name) {
}
