package org.backpackbatch.api.model;

public record Tag(long id, String name) {
}
