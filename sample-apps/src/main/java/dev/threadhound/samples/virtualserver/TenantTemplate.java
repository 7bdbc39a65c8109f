package dev.threadhound.samples.virtualserver;

/** A tenant's template: loaded once per tenant, and its static initializer fetches it from the backend. */
public final class TenantTemplate {

    public static final String BODY;

    static {
        Backend.call();
        BODY = "template";
    }

    private TenantTemplate() {
    }
}
