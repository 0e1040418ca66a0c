package io.wsroute.admission;

/** A request body that is not an AdmissionReview wsroute can answer; becomes HTTP 400 with this message. */
public class BadAdmissionRequest extends RuntimeException {
    public BadAdmissionRequest(String reason) {
        super(reason);
    }
}
