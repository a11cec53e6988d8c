package io.lintas.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"on", "ON", "yes", "Yes", "y", "true", "TRUE", "1", "agree", "accepted", "ya", "Ya", "да", "Да",
            "checked", " yes "})
    void yes(String raw) {
        assertThat(ConsentParser.parse(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "NO", "n", "false", "0", "off", "tidak", "Tidak", "нет", "НЕТ", " off "})
    void no(String raw) {
        assertThat(ConsentParser.parse(raw)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "maybe", "2", "yes please", "Я согласен на обработку данных", "-"})
    void unknownOrAbsentIsNull(String raw) {
        assertThat(ConsentParser.parse(raw)).isNull();
    }
}
