package io.lintas.billing;

/** Who pays: name, email (lower-case), phone (E.164), language (id, ru, en). */
public record Customer(String name, String email, String phone, String language) {

    @Override
    public String toString() {
        return "Customer[name=" + (name == null ? null : "***") + ", language=" + language + "]";
    }
}
