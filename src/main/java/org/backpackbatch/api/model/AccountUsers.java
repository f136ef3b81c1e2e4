package org.backpackbatch.api.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The account's users in the order users.xml gives them, and which of them the token is of (as
 * me.xml tells; null when unknown): users.xml alone does not say.
 */
public record AccountUsers(List<User> users, Long meId) {

    public AccountUsers {
        users = List.copyOf(users);
    }

    /** The users users.xml lists and the token's own user (me.xml), added last when the list leaves them out. */
    public static AccountUsers of(List<User> listed, User me) {
        List<User> users = new ArrayList<>(listed);
        if (users.stream().noneMatch(user -> user.id() == me.id())) {
            users.add(me);
        }
        return new AccountUsers(users, me.id());
    }

    /** The token's own user, or null when unknown. */
    public User me() {
        return meId == null ? null : users.stream().filter(user -> user.id() == meId).findFirst().orElse(null);
    }
}
