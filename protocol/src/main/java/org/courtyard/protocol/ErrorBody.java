package org.courtyard.protocol;

/** Every error answer of the hub: {@code {"error":{"code","message"}}}. */
public record ErrorBody(Detail error) {

    public ErrorBody {
        Require.present(error, "error");
    }

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(new Detail(code, message));
    }

    /** {@code code} is stable and machine-readable (e.g. {@code invalid_field}); {@code message} names what was wrong. */
    public record Detail(String code, String message) {

        public Detail {
            Require.text(code, "code");
            Require.text(message, "message");
        }
    }
}
