package io.lintas.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintas.tenant.FormKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormParsersTest {

    @Test
    void everyKindHasItsParser() {
        FormParsers parsers = new FormParsers();
        assertThat(parsers.forKind(FormKind.TILDA)).isInstanceOf(TildaFormParser.class);
        assertThat(parsers.forKind(FormKind.TYPEFORM)).isInstanceOf(TypeformFormParser.class);
        assertThat(parsers.forKind(FormKind.ELEMENTOR)).isInstanceOf(ElementorFormParser.class);
        assertThat(parsers.forKind(FormKind.HTML)).isInstanceOf(HtmlFormParser.class);
        for (FormKind kind : FormKind.values()) {
            assertThat(parsers.forKind(kind).kind()).isEqualTo(kind);
        }
    }

    @Test
    void anUnknownKindIsAnError() {
        FormParsers onlyTilda = new FormParsers(List.of(new TildaFormParser()));
        assertThatThrownBy(() -> onlyTilda.forKind(FormKind.HTML)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> onlyTilda.forKind(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
