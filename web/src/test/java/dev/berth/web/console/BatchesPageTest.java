package dev.berth.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.batches.boundary.BatchView;
import dev.berth.batches.control.BatchRequest;
import dev.berth.platform.entity.BerthException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the batches page makes of an uploaded file and its id field, and how far the batch page's bar goes. */
class BatchesPageTest {

    private static final String JSON = """
            {"batch":"own","items":[{"key":"d","op":"user.disable","name":"aaa"}]}""";

    @Test
    void aJsonFileKeepsItsOwnIdUnlessOneIsTypedIn() {
        assertThat(BatchesPage.request("people.json", bytes(JSON), null).batch()).isEqualTo("own");
        assertThat(BatchesPage.request("people.json", bytes(JSON), "typed").batch()).isEqualTo("typed");
        assertThat(BatchesPage.request("people.txt", bytes("\n" + JSON), null).items()).hasSize(1);
    }

    @Test
    void anXmlFileIsOneImportItemUnderTheIdTypedInAndNeedsOne() {
        byte[] xml = bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Users><User><Name>张三</Name></User></Users>");

        BatchRequest request = BatchesPage.request("docker_user.xml", xml, "hr-1");

        assertThat(request.batch()).isEqualTo("hr-1");
        assertThat(request.items()).singleElement().satisfies(item -> {
            assertThat(item.getString("op")).isEqualTo(BatchRequest.IMPORT);
            assertThat(item.getString("xml")).contains("张三");
        });
        assertThat(BatchesPage.request("feed", xml, "hr-2").items().get(0).getString("op"))
                .isEqualTo(BatchRequest.IMPORT);
        assertThatThrownBy(() -> BatchesPage.request("docker_user.xml", xml, null))
                .isInstanceOf(BerthException.class)
                .hasMessage("give the batch of docker_user.xml an id (Batch id): an XML file names none");
        assertThatThrownBy(() -> BatchesPage.request("people.json", bytes("[1]"), "typed"))
                .isInstanceOf(BerthException.class).hasMessageStartingWith("the batch is no JSON object");
    }

    @Test
    void theBarShowsTheItemsEndedOfAll() {
        assertThat(BatchPage.percent(view(40, 28))).isEqualTo(30);
        assertThat(BatchPage.percent(view(3, 0))).isEqualTo(100);
        assertThat(BatchPage.percent(view(0, 0))).isEqualTo(100);
        assertThat(BatchPage.percent(null)).isZero();
    }

    private static BatchView view(int total, long pending) {
        return new BatchView("b", "admin", null, null, pending == 0 ? "DONE" : "RUNNING", total, total - pending, 0, 0,
                pending, null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
