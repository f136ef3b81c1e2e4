package org.backpackbatch.api.model;

/** An email sent to a page's address; the API can list, show and destroy them but not create them. */
public record Email(long id, String title, String createdAt, String body) {
}
