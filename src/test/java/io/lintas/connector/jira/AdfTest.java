package io.lintas.connector.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdfTest {

    @Test
    void aDocumentOfOneParagraphIsTheContractsDescription() {
        assertThat(Adf.doc(Adf.paragraph("VA BCA 812785002530231, Rp 44.000")).toString()).isEqualTo(
                "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"VA BCA 812785002530231, Rp 44.000\"}]}]}");
    }

    @Test
    void lineBreaksBecomeHardBreaksAndEmptyLinesAddNoEmptyText() {
        assertThat(Adf.paragraph("one\r\ntwo\n\nthree").toString()).isEqualTo("{\"type\":\"paragraph\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"two\"},"
                + "{\"type\":\"hardBreak\"},{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"three\"}]}");
    }

    @Test
    void boldLabelsInABulletList() {
        assertThat(Adf.bulletList(java.util.List.of(Adf.listItem(Adf.paragraph(Adf.strong("Name: "), Adf.text("Budi"))))).toString())
                .isEqualTo("{\"type\":\"bulletList\",\"content\":[{\"type\":\"listItem\",\"content\":[{\"type\":\"paragraph\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Name: \",\"marks\":[{\"type\":\"strong\"}]},"
                        + "{\"type\":\"text\",\"text\":\"Budi\"}]}]}]}");
    }

    @Test
    void headings() {
        assertThat(Adf.heading(3, "Message").toString()).isEqualTo(
                "{\"type\":\"heading\",\"attrs\":{\"level\":3},\"content\":[{\"type\":\"text\",\"text\":\"Message\"}]}");
        assertThatThrownBy(() -> Adf.heading(7, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textNodesAreNeverEmpty() {
        assertThatThrownBy(() -> Adf.text("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Adf.paragraph("").path("content")).isEmpty();
    }

    @Test
    void jsonSpecialCharactersAreEscapedByTheWriter() {
        assertThat(Adf.text("say \"hi\" \\ </script>").toString()).isEqualTo(
                "{\"type\":\"text\",\"text\":\"say \\\"hi\\\" \\\\ </script>\"}");
    }
}
