package org.backpackbatch.api.model;

/** The kinds of widget a belonging can place on a page, with their names in the API. */
public final class WidgetType {
    public static final String NOTE = "Note";
    public static final String LIST = "List";
    public static final String SEPARATOR = "Separator";
    public static final String GALLERY = "Gallery";
    public static final String ASSET = "Asset";

    private WidgetType() {
    }
}
