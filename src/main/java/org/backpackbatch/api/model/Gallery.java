package org.backpackbatch.api.model;

import java.util.List;

public record Gallery(long id, String name, List<Image> images) {
    public Gallery {
        images = List.copyOf(images);
    }
}
