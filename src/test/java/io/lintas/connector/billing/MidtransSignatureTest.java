package io.lintas.connector.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Midtrans signature_key against the contract sheet's computed vector (§9.4). */
class MidtransSignatureTest {

    static final String SERVER_KEY = "askvnoibnosifnboseofinbofinfgbiufglnbfg";
    static final String EXPECTED = "edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231";

    @Test
    void computesTheContractVector() {
        assertThat(MidtransSignature.compute("1111", "200", "100000.00", SERVER_KEY)).isEqualTo(EXPECTED).hasSize(128);
    }

    @Test
    void matchesOnlyTheRawValuesAsSent() {
        assertThat(MidtransSignature.matches("1111", "200", "100000.00", SERVER_KEY, EXPECTED)).isTrue();
        assertThat(MidtransSignature.matches("1111", "200", "100000.00", SERVER_KEY, EXPECTED.toUpperCase())).isTrue();
        assertThat(MidtransSignature.matches("1111", "200", "100000", SERVER_KEY, EXPECTED)).as("gross_amount reformatted").isFalse();
        assertThat(MidtransSignature.matches("1112", "200", "100000.00", SERVER_KEY, EXPECTED)).isFalse();
        assertThat(MidtransSignature.matches("1111", "201", "100000.00", SERVER_KEY, EXPECTED)).isFalse();
        assertThat(MidtransSignature.matches("1111", "200", "100000.00", "other-key", EXPECTED)).isFalse();
        assertThat(MidtransSignature.matches("1111", "200", "100000.00", SERVER_KEY, EXPECTED.substring(0, 32))).isFalse();
        assertThat(MidtransSignature.matches(null, "200", "100000.00", SERVER_KEY, EXPECTED)).isFalse();
    }
}
