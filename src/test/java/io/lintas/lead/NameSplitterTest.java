package io.lintas.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameSplitterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Ivan Ivanov                 | Ivan Ivanov                 | Ivan      | Ivanov",
            "'  Ivan    Ivanov  '        | Ivan Ivanov                 | Ivan      | Ivanov",
            "Budi                        | Budi                        | Budi      | null",
            "ivan ivanov                 | ivan ivanov                 | ivan      | ivanov",
            "Jan van der Berg            | Jan van der Berg            | Jan       | van der Berg",
            "Иванов Иван Иванович        | Иванов Иван Иванович        | Иван      | Иванов",
            "Петрова Анна Сергеевна      | Петрова Анна Сергеевна      | Анна      | Петрова",
            "Ильина Ольга Кузьминична    | Ильина Ольга Кузьминична    | Ольга     | Ильина",
            "Ульянов Владимир Ильич      | Ульянов Владимир Ильич      | Владимир  | Ульянов",
            "Иван Иванович Иванов        | Иван Иванович Иванов        | Иван      | Иванов",
            "Ivanov Ivan Ivanovich       | Ivanov Ivan Ivanovich       | Ivan      | Ivanov",
            "Petrova Anna Sergeevna      | Petrova Anna Sergeevna      | Anna      | Petrova",
            "Hans Peter Dietrich         | Hans Peter Dietrich         | Hans      | Peter Dietrich",
            "Muhammad Rizky Pratama      | Muhammad Rizky Pratama      | Muhammad  | Rizky Pratama",
    })
    void splitsAFullName(String raw, String full, String first, String last) {
        assertThat(NameSplitter.split(raw)).isEqualTo(new NameSplitter.Name(full, first, last));
    }

    @Test
    void collapsesControlCharactersAndTabs() {
        assertThat(NameSplitter.split(" Ivan\t\nIvanov\u0000 ")).isEqualTo(new NameSplitter.Name("Ivan Ivanov", "Ivan", "Ivanov"));
    }

    @Test
    void blankIsNothing() {
        assertThat(NameSplitter.split("   ", " ", null)).isEqualTo(new NameSplitter.Name(null, null, null));
        assertThat(NameSplitter.split(null)).isEqualTo(new NameSplitter.Name(null, null, null));
    }

    @Test
    void separateFirstAndLastAreKeptAndBuildTheFullName() {
        assertThat(NameSplitter.split(null, " Ivan ", "Ivanov  Petrov"))
                .isEqualTo(new NameSplitter.Name("Ivan Ivanov Petrov", "Ivan", "Ivanov Petrov"));
        assertThat(NameSplitter.split(null, "Budi", null)).isEqualTo(new NameSplitter.Name("Budi", "Budi", null));
        assertThat(NameSplitter.split(null, null, "Santoso")).isEqualTo(new NameSplitter.Name("Santoso", null, "Santoso"));
    }

    @Test
    void separateNamesWinOverTheFullName() {
        assertThat(NameSplitter.split("Иванов Иван Иванович", "Иван", "Иванов"))
                .isEqualTo(new NameSplitter.Name("Иванов Иван Иванович", "Иван", "Иванов"));
        assertThat(NameSplitter.split("Dr. Budi Santoso", "Budi", "Santoso"))
                .isEqualTo(new NameSplitter.Name("Dr. Budi Santoso", "Budi", "Santoso"));
    }

    @Test
    void aMissingPartIsTakenFromTheFullName() {
        assertThat(NameSplitter.split("Ivan Ivanov", "Ivan", null)).isEqualTo(new NameSplitter.Name("Ivan Ivanov", "Ivan", "Ivanov"));
        assertThat(NameSplitter.split("Budi", "Budi", null)).isEqualTo(new NameSplitter.Name("Budi", "Budi", null));
    }

    @Test
    void namesAreCapped() {
        NameSplitter.Name name = NameSplitter.split("A".repeat(5_000) + " B");

        assertThat(name.fullName()).hasSize(NameSplitter.MAX_NAME);
        assertThat(name.firstName()).hasSize(NameSplitter.MAX_NAME);
        assertThat(name.lastName()).isNull();
    }

    @Test
    void capDoesNotSplitASurrogatePair() {
        String name = "a".repeat(NameSplitter.MAX_NAME - 1) + "\uD83D\uDE00";

        assertThat(NameSplitter.split(name).fullName()).isEqualTo("a".repeat(NameSplitter.MAX_NAME - 1));
    }
}
