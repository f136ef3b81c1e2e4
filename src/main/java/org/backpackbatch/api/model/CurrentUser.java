package org.backpackbatch.api.model;

/**
 * The token's own user, as {@code me.xml} shows it. {@code startPageId} is null when the account
 * has no page of its own to start on.
 */
public record CurrentUser(long id, String name, String email, Long startPageId, String timeZone) {

    public User user() {
        return new User(id, name);
    }
}
