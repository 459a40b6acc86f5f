package dev.berth.protocol;

/**
 * How an agent proves, when it fetches an uploaded image tar, that it is the agent of a host the upload is for,
 * without any secret in the LOAD_IMAGE message: it sends its host name ({@link #HOST_HEADER}) and its own broker
 * password ({@link #PROOF_HEADER}), which the manager checks against the host's account (only a hash of it is kept,
 * as for the broker login). The proof opens only uploads that host is still loading. It travels as the broker login
 * does: over TLS where the manager's URL is https (see docs/agents.md).
 */
public final class DownloadProof {

    public static final String HOST_HEADER = "X-Berth-Host";
    public static final String PROOF_HEADER = "X-Berth-Proof";

    private DownloadProof() {
    }
}
