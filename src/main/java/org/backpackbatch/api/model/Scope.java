package org.backpackbatch.api.model;

/** Whose page it is: the account's own, or one another user shared with it. */
public enum Scope {
    PERSONAL("personal"),
    FRIENDS("friends");

    private final String xmlName;

    Scope(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    public static Scope fromXml(String value) {
        for (Scope scope : values()) {
            if (scope.xmlName.equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown page scope '" + value + "'");
    }
}
