package io.lintas.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsm7CountsExtensionCharactersTwiceAndFits160() {
        assertThat(SmsSegments.isGsm7("Bayar Rp150.000 ke VA BCA 812785002530231")).isTrue();
        assertThat(SmsSegments.length("a€[")).isEqualTo(5);
        assertThat(SmsSegments.fitsOne("a".repeat(160))).isTrue();
        assertThat(SmsSegments.fitsOne("a".repeat(161))).isFalse();
        assertThat(SmsSegments.fitsOne("€".repeat(80))).isTrue();
        assertThat(SmsSegments.fitsOne("€".repeat(81))).isFalse();
    }

    @Test
    void anyCharacterOutsideGsm7MakesItUcs2Of70() {
        assertThat(SmsSegments.isGsm7("Оплатите")).isFalse();
        assertThat(SmsSegments.fitsOne("ж".repeat(70))).isTrue();
        assertThat(SmsSegments.fitsOne("ж".repeat(71))).isFalse();
        assertThat(SmsSegments.isGsm7("150\u00A0000")).isFalse();
        assertThat(SmsSegments.isGsm7(SmsSegments.plainSpaces("150\u00A0000"))).isTrue();
    }
}
