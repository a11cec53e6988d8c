package io.lintas.intake;

/**
 * Keeps attachment bytes out of the lead: the lead carries only a reference. Storing the same content
 * twice for a tenant gives the same reference and stores nothing new, so a mail read again after a
 * crash leaves no second copy.
 */
public interface AttachmentStore {

    /** Reference prefix: {@code attachment:<sha256 of the content>}. */
    String REF_PREFIX = "attachment:";

    /**
     * @param tenant      tenant id
     * @param sha256      hex SHA-256 of {@code content}
     * @param contentType the sender's MIME type
     * @param content     the decoded bytes
     * @return the reference, {@code attachment:<sha256>}
     */
    String store(String tenant, String sha256, String contentType, byte[] content);
}
